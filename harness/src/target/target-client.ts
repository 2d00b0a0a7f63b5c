/**
 * Every request of a run to the target goes through one client: it records each exchange with its role, and it
 * notices a target that stopped answering — after a few timeouts in a row the remaining requests fail at once
 * ("target stopped answering after 3 timeouts") instead of each waiting for its own timeout.
 */
import type { ExchangeRole, HttpExchange } from '../core/types.js';
import { callBackend, isTimeout } from './backend-client.js';
import type { BackendCall } from './requests.js';

export interface SendOptions {
  label?: string;
  role?: ExchangeRole;
}

export interface TargetClient {
  /** the target's base URL */
  readonly url: string;
  readonly timeoutMs: number;
  /** sends one request; never throws (no answer → an exchange with `error`) */
  send(call: BackendCall, options?: SendOptions): Promise<HttpExchange>;
  /** why the target is given up on (after `maxTimeouts` timeouts in a row), or undefined */
  givenUp(): string | undefined;
}

export interface TargetClientOptions {
  timeoutMs: number;
  /** timeouts in a row after which the target is given up on (default 3) */
  maxTimeouts?: number;
}

export function createTargetClient(url: string, options: TargetClientOptions): TargetClient {
  const maxTimeouts = options.maxTimeouts ?? 3;
  let timeoutsInARow = 0;
  let gaveUp: string | undefined;
  return {
    url,
    timeoutMs: options.timeoutMs,
    givenUp: () => gaveUp,
    async send(call, opts = {}) {
      const request = {
        method: call.method,
        url: call.url,
        headers: call.headers,
        ...(call.body !== undefined ? { body: typeof call.body === 'string' ? call.body : '(bytes)' } : {}),
      };
      const tag = { ...(opts.label ? { label: opts.label } : {}), ...(opts.role ? { role: opts.role } : {}) };
      if (gaveUp) return { ...tag, request, error: gaveUp, durationMs: 0 };
      const exchange = await callBackend({
        method: call.method,
        url: call.url,
        headers: call.headers,
        ...(call.body !== undefined ? { body: call.body } : {}),
        timeoutMs: options.timeoutMs,
      });
      if (isTimeout(exchange)) {
        timeoutsInARow++;
        if (timeoutsInARow >= maxTimeouts && !gaveUp)
          gaveUp = `target stopped answering after ${maxTimeouts} timeouts of ${options.timeoutMs} ms: the remaining requests were not sent`;
      } else if (exchange.response) timeoutsInARow = 0;
      return Object.assign(exchange, tag);
    },
  };
}
