/**
 * The admin API as the playground calls it: JSON, in the current session (header x-alimock-session). The token, when
 * the gateway has one, travels as the cookie the first `?token=` visit set. Errors come back as a message with the
 * gateway's hint, never thrown.
 */

export type ApiResult<T> = { ok: true; status: number; value: T } | { ok: false; status: number; message: string };

let session = '';

export function setSession(s: string): void {
  session = s;
}

export function currentSession(): string {
  return session;
}

function messageOf(body: unknown, status: number): string {
  const e = (body as { error?: { message?: unknown; hint?: unknown } } | undefined)?.error;
  if (e && typeof e.message === 'string') return typeof e.hint === 'string' ? `${e.message} (${e.hint})` : e.message;
  return `HTTP ${status}`;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: {
        ...(session ? { 'x-alimock-session': session } : {}),
        ...(body !== undefined || method !== 'GET' ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : method !== 'GET' ? { body: '{}' } : {}),
      credentials: 'same-origin',
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!res.ok) return { ok: false, status: res.status, message: messageOf(parsed, res.status) };
    return { ok: true, status: res.status, value: parsed as T };
  } catch (e) {
    return { ok: false, status: 0, message: `the gateway did not answer: ${(e as Error).message}` };
  }
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => call<T>('PATCH', path, body);
export const del = <T>(path: string) => call<T>('DELETE', path);
