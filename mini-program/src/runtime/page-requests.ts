/**
 * Under `alimock serve` with a team's contract, the gateway's host builds the page's backend requests (as the
 * harness does under `alimock run` with its bindings): the gateway says so in project.js
 * (`window.__alimockPageRequests`), and `__alimockPhoneRequest` / `__alimockLoginRequest` then ask it. A binding the
 * harness installed is never replaced.
 */
import { postJson, sessionHeaders } from './bridge.js';
import { type ContractRequest, win } from './globals.js';

function errorOf(body: unknown, status: number): string {
  const e = (body as { error?: unknown } | undefined)?.error;
  if (typeof e === 'string') return e;
  const message = (e as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : `the gateway answered HTTP ${status}`;
}

async function ask(url: string, kind: 'phone' | 'login', value: string): Promise<ContractRequest> {
  const res = await postJson(url, { kind, value }, sessionHeaders());
  if (!res.ok) return { error: `the gateway could not build the ${kind} request: ${res.detail}`, url: '' };
  const body = res.body as Partial<ContractRequest> | undefined;
  if (res.status !== 200 || !body || typeof body !== 'object' || body.error !== undefined || !body.url)
    return { error: errorOf(body, res.status), url: '' };
  return body as ContractRequest;
}

export function installPageRequests(): void {
  const path = win.__alimockPageRequests;
  if (typeof path !== 'string' || path === '') return;
  const url = new URL(path, location.href).href;
  if (typeof win.__alimockPhoneRequest !== 'function')
    win.__alimockPhoneRequest = (encryptedData: string) => ask(url, 'phone', encryptedData);
  if (typeof win.__alimockLoginRequest !== 'function')
    win.__alimockLoginRequest = (authCode: string) => ask(url, 'login', authCode);
}
