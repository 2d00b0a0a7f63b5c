/**
 * The payload inspector: paste what a backend received (res.response, or the request body carrying it) and read the
 * doctor's findings — checked with the gateway's Alipay public key and the session's AES key.
 */
import type { InspectResult } from '../hooks.js';
import { post } from './api.js';
import { fill, h, labelled } from './dom.js';
import { current } from './state.js';
import { say } from './status.js';

const MARK: Record<string, string> = { ok: '✓', fail: '✗', warn: '!', skip: '–' };

export interface Inspector {
  element: HTMLElement;
  inspect(payload: string): void;
}

export function inspector(): Inspector {
  const payload = h('textarea', { rows: 5, spellcheck: false, placeholder: '{"response":"…","sign":"…",…}' });
  const findings = h('div', { class: 'findings', role: 'region', 'aria-label': 'Findings', 'aria-live': 'polite' });
  const run = async () => {
    const got = await post<InspectResult>('/__admin/inspect', { payload: payload.value });
    if (!got.ok) {
      say(`Refused: ${got.message}`, 'error');
      fill(findings, h('p', {}, got.message));
      return;
    }
    const d = got.value;
    fill(
      findings,
      h(
        'p',
        { class: d.ok ? 'verdict ok' : 'verdict problem' },
        d.ok ? '✓ The payload is fine' : `✗ Problems: ${d.problems.join(', ') || '(see below)'}`,
      ),
      h(
        'ol',
        { class: 'steps' },
        ...d.steps.map((s) =>
          h(
            'li',
            { 'data-status': s.status },
            `${MARK[s.status] ?? '?'} ${s.step}: ${s.message}`,
            s.fix ? h('div', { class: 'fix' }, `Fix: ${s.fix}`) : null,
          ),
        ),
      ),
      d.plaintext ? h('p', {}, 'Plaintext: ', h('code', {}, d.plaintext)) : null,
      d.answer ? h('p', {}, `A correct backend answers: ${d.answer}`) : null,
    );
    say(d.ok ? 'Inspected: the payload is fine' : `Inspected: ${d.problems.join(', ')}`);
  };
  const button = h('button', { type: 'button' }, 'Inspect payload');
  button.addEventListener('click', () => void run());
  const available = current().config.inspector;
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'inspector-title' },
    h('h2', { id: 'inspector-title' }, 'Payload inspector'),
    available
      ? h(
          'div',
          { class: 'stack' },
          ...labelled('Payload to inspect', payload),
          h('div', { class: 'row' }, button),
          findings,
        )
      : h('p', {}, 'Not available here: alimock serve provides it (it runs alimock doctor).'),
  );
  return {
    element,
    inspect(text) {
      payload.value = text;
      if (available) void run();
      payload.focus();
    },
  };
}
