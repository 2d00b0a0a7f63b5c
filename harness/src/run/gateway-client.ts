import type { JournalEntry } from '../../../mock-gateway/src/model/journal.js';

/** A thin client of the gateway's admin API, bound to one session. Errors throw: they are harness bugs or setup faults. */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    readonly session: string,
  ) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${this.baseUrl}${path}${method === 'GET' || method === 'DELETE' || (method === 'POST' && path.endsWith('/reset')) ? `${sep}session=${encodeURIComponent(this.session)}` : ''}`;
    const res = await fetch(url, {
      method,
      headers: {
        'x-alimock-session': this.session,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`gateway ${method} ${path} → HTTP ${res.status}: ${text.slice(0, 300)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  journal(query: { api?: string } = {}): Promise<{ entries: JournalEntry[] }> {
    return this.call('GET', `/__admin/journal${query.api ? `?api=${query.api}` : ''}`);
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/__admin/reset');
  }
}
