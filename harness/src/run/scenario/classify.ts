/**
 * Which of the page's requests carried `res.response`: a team's own page builds its requests itself, so a request
 * the contract did not build is recognised by its body holding an envelope the gateway issued (JSON-escaped,
 * form-encoded or as is).
 */
import { envelopeNeedles } from '../../../../mock-gateway/src/protocol/envelope-in-request.js';
import type { HttpExchange } from '../../core/types.js';

/** Gives a role to the exchanges that have none: `phone` when the body carries an issued envelope, else `other`. */
export function classifyExchanges(exchanges: HttpExchange[], issued: string[]): void {
  const all = issued.flatMap(envelopeNeedles);
  for (const x of exchanges) {
    if (x.role) continue;
    const body = x.request.body ?? '';
    x.role = all.some((n) => body.includes(n) || x.request.url.includes(n)) ? 'phone' : 'other';
  }
}
