/**
 * "Save as scenario": what this session did, as a scenario file (GET /__admin/sessions/<id>/scenario) to download and
 * run with `alimock run --scenarios FILE`.
 */
import { get } from './api.js';
import { fill, h, labelled } from './dom.js';
import { current } from './state.js';
import { say } from './status.js';

export function exportPanel(): HTMLElement {
  const out = h('div', { class: 'stack', 'aria-live': 'polite' });
  let url: string | undefined;
  const save = h('button', { type: 'button' }, 'Save as scenario');
  save.addEventListener('click', async () => {
    const { session } = current();
    const got = await get<{ id: string; explanation?: string }>(
      `/__admin/sessions/${encodeURIComponent(session)}/scenario`,
    );
    if (!got.ok) {
      say(`Nothing saved: ${got.message}`, 'error');
      fill(out, h('p', {}, got.message));
      return;
    }
    const text = `${JSON.stringify(got.value, null, 2)}\n`;
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const file = `${got.value.id}.json`;
    const area = h('textarea', { rows: 14, readonly: true, spellcheck: false });
    area.value = text;
    fill(
      out,
      h('a', { href: url, download: file, class: 'download' }, `Download ${file}`),
      h('p', {}, 'Run it: ', h('code', {}, `npx alimock run --scenarios ${file}`), ' (with your --target or --config)'),
      ...labelled('Scenario file', area),
    );
    say(`Saved session ${session} as scenario ${got.value.id}`);
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title' }, 'Keep it as a scenario'),
    h(
      'p',
      { class: 'hint' },
      "The session's settings, member, consents and rules become the set-up; its taps, calls and clock moves the steps; the backend's last answer the expectation.",
    ),
    h('div', { class: 'row' }, save),
    out,
  );
}
