/** The line that says what the last action did (an ARIA status: screen readers hear it, tests read it). */
import { h } from './dom.js';

export const statusLine = h('p', { class: 'status-line', role: 'status', 'aria-label': 'Last action' });

export function say(text: string, kind: 'ok' | 'error' = 'ok'): void {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

/** Says an API result: `done` on success, the gateway's message on failure; answers whether it succeeded. */
export function report(result: { ok: true } | { ok: false; message: string }, done: string): boolean {
  if (result.ok) say(done);
  else say(`Refused: ${result.message}`, 'error');
  return result.ok;
}
