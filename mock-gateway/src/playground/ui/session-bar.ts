/** The header: what the playground runs with (target, token), the session picker, a new session, reset. */
import { get, post } from './api.js';
import { fill, h, labelled } from './dom.js';
import { current, newSessionId, onChange, switchSession } from './state.js';
import { report, say } from './status.js';

function notices(): HTMLElement {
  const { config } = current();
  return h(
    'div',
    { class: 'notices' },
    config.tokenInUse
      ? h(
          'p',
          { class: 'notice token', role: 'note', 'aria-label': 'Token in use' },
          '🔒 Token in use: the admin API, the bridges and the pages need the token alimock serve printed when it started (required when it listens beyond this machine). This browser holds it as a cookie.',
        )
      : h(
          'p',
          { class: 'notice', role: 'note', 'aria-label': 'No token' },
          'Bound to this machine only (loopback): no token needed.',
        ),
    h(
      'p',
      { class: 'notice' },
      config.targetUrl
        ? `Backend under test: ${config.targetUrl}`
        : 'No backend: start serve with --target URL (or --config) for the page to reach yours.',
      config.source ? ` · ${config.source}` : '',
    ),
  );
}

export function sessionBar(): HTMLElement {
  const picker = h('select', { name: 'session' });
  const refresh = async () => {
    const got = await get<{ sessions: string[] }>('/__admin/sessions');
    const { session } = current();
    const sessions = new Set([session, ...(got.ok ? got.value.sessions : [])].filter((s) => s !== ''));
    fill(picker, ...[...sessions].sort().map((s) => h('option', { value: s }, s)));
    picker.value = session;
  };
  picker.addEventListener('change', () => {
    switchSession(picker.value);
    say(`Session ${picker.value}`);
  });
  const newSession = h('button', { type: 'button' }, 'New session');
  newSession.addEventListener('click', () => {
    switchSession(newSessionId());
    void refresh();
    say(`New session ${current().session}`);
  });
  const reset = h('button', { type: 'button' }, 'Reset session');
  reset.addEventListener('click', async () => {
    const { session } = current();
    const done = await post(`/__admin/reset?session=${encodeURIComponent(session)}`, {});
    if (report(done, `Session ${session} reset: every setting, member, consent, rule and journal entry of it is gone`))
      switchSession(session);
  });
  onChange((why) => {
    if (why === 'session') void refresh();
  });
  void refresh();
  return h(
    'header',
    { class: 'top' },
    h('h1', {}, 'alimock playground'),
    notices(),
    h(
      'div',
      { class: 'session-bar', role: 'group', 'aria-label': 'Session' },
      ...labelled('Session', picker),
      newSession,
      reset,
    ),
  );
}
