/**
 * Which of the page's requests carried `res.response`: a team's own page builds its requests itself, so a request
 * the contract did not build is recognised by its body holding an envelope the gateway issued (JSON-escaped,
 * form-encoded or as is).
 */
import type { HttpExchange } from '../../core/types.js';

/** The forms an envelope may take inside a request body. */
function needles(envelope: string): string[] {
  const forms = new Set<string>([envelope, JSON.stringify(envelope).slice(1, -1), encodeURIComponent(envelope)]);
  forms.add(new URLSearchParams({ x: envelope }).toString().slice(2));
  try {
    const inner = (JSON.parse(envelope) as { response?: unknown }).response;
    if (typeof inner === 'string' && inner.length >= 16) {
      forms.add(inner);
      forms.add(encodeURIComponent(inner));
      forms.add(new URLSearchParams({ x: inner }).toString().slice(2));
    }
  } catch {
    // not JSON: the whole text is the needle
  }
  return [...forms].filter((f) => f.length >= 16);
}

/** Gives a role to the exchanges that have none: `phone` when the body carries an issued envelope, else `other`. */
export function classifyExchanges(exchanges: HttpExchange[], issued: string[]): void {
  const all = issued.flatMap(needles);
  for (const x of exchanges) {
    if (x.role) continue;
    const body = x.request.body ?? '';
    x.role = all.some((n) => body.includes(n) || x.request.url.includes(n)) ? 'phone' : 'other';
  }
}
