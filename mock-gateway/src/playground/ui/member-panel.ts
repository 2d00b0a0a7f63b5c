/**
 * The member the page acts as (the demo member, or a new one with a given mobile or none bound), their consent
 * (grant, revoke, expire now) and the session's clock.
 */
import { get, post } from './api.js';
import { fill, h, labelled } from './dom.js';
import { latestOnly } from './latest.js';
import { actAs, current, onChange } from './state.js';
import { report, say } from './status.js';

interface User {
  userId: string;
  mobile: string;
}
interface Consent {
  appId: string;
  userId: string;
  decision: string;
  expiresAt: string | null;
  valid: boolean;
}

export function memberPanel(): HTMLElement {
  const who = h('p', { class: 'fact', 'aria-live': 'polite' });
  const consentFact = h('p', { class: 'fact', 'aria-live': 'polite' });
  const clockFact = h('p', { class: 'fact' });

  const reads = latestOnly();
  const load = async () => {
    const isLatest = reads.begin();
    const { userId, config } = current();
    const [user, consents, clock] = await Promise.all([
      get<User>(`/__admin/users/${encodeURIComponent(userId)}`),
      get<{ consents: Consent[] }>('/__admin/consents'),
      get<{ now: string }>('/__admin/clock'),
    ]);
    if (!isLatest()) return; // a newer read is on its way
    fill(
      who,
      `The page acts as member ${userId}`,
      userId === config.demoUserId ? ' (the demo member)' : '',
      user.ok ? (user.value.mobile === '' ? ': no phone bound' : `: mobile ${user.value.mobile}`) : '',
    );
    const mine = consents.ok
      ? consents.value.consents.find((c) => c && c.userId === userId && c.appId === config.appId)
      : undefined;
    fill(
      consentFact,
      mine
        ? `Consent: ${mine.decision}${mine.expiresAt ? `, expires ${mine.expiresAt}` : ''} — ${mine.valid ? 'valid' : 'not valid (→ 40003)'}`
        : userId === config.demoUserId
          ? 'Consent: allow (the demo member consented, in the global state)'
          : 'Consent: none yet (a tap on 允许 records it)',
    );
    if (clock.ok) fill(clockFact, `The session's clock: ${clock.value.now}`);
  };

  const mobile = h('input', { type: 'text', inputmode: 'numeric', placeholder: '13912345678', size: 14 });
  const newMember = async (body: Record<string, unknown>, words: string) => {
    const got = await post<{ users: User[] }>('/__admin/users', body);
    if (!report(got, words) || !got.ok) return;
    const user = got.value.users[0];
    if (user) actAs(user.userId);
  };
  const withMobile = h('button', { type: 'button' }, 'Use a new member with this mobile');
  withMobile.addEventListener('click', () => {
    const m = mobile.value.trim();
    void newMember(m === '' ? {} : { mobile: m }, `New member${m ? ` with mobile ${m}` : ''}: the page acts as them`);
  });
  const noPhone = h('button', { type: 'button' }, 'Use a new member with no bound phone');
  noPhone.addEventListener('click', () =>
    newMember({ noMobile: true }, 'New member without a bound phone: the page acts as them'),
  );
  const demo = h('button', { type: 'button' }, 'Use the demo member');
  demo.addEventListener('click', () => {
    actAs(current().config.demoUserId);
    say('The page acts as the demo member');
  });

  const consent = (decision: 'allow' | 'none', words: string) => async () => {
    const { userId, config } = current();
    report(await post('/__admin/consents', { decision, userId, appId: config.appId }), words);
    await load();
  };
  const grant = h('button', { type: 'button' }, 'Grant consent');
  grant.addEventListener('click', consent('allow', 'Consent granted'));
  const revoke = h('button', { type: 'button' }, 'Revoke consent');
  revoke.addEventListener('click', consent('none', 'Consent revoked: my.getPhoneNumber without a tap answers 40003'));
  const expire = h('button', { type: 'button' }, 'Expire consent now');
  expire.addEventListener('click', async () => {
    const { userId, config } = current();
    report(await post('/__admin/consents/expire', { userId, appId: config.appId }), 'Consent expired');
    await load();
  });

  const minutes = h('input', { type: 'number', min: 1, max: 5_256_000, value: 60, size: 6 });
  const advance = h('button', { type: 'button' }, 'Advance the clock');
  advance.addEventListener('click', async () => {
    const n = Number(minutes.value);
    if (!Number.isInteger(n) || n < 1) {
      say('Give a whole number of minutes, 1 or more', 'error');
      return;
    }
    report(await post('/__admin/clock', { advanceMs: n * 60_000 }), `The clock moved ${n} minutes on`);
    await load();
  });

  onChange(() => void load());
  void load();
  const row = (...children: HTMLElement[]) => h('div', { class: 'row' }, ...children);
  return h(
    'div',
    { class: 'stack' },
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Member'),
      who,
      row(...labelled('Mobile', mobile), withMobile),
      row(noPhone, demo),
    ),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Consent'), consentFact, row(grant, revoke, expire)),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Clock'),
      clockFact,
      row(...labelled('Minutes', minutes), advance),
    ),
  );
}
