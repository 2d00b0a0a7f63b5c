/**
 * Under `alimock serve` with a team's contract, the gateway's host builds the page's backend requests (as the
 * harness does under `alimock run` with its bindings): the gateway says so in project.js
 * (`window.__alimockPageRequests`), and `__alimockPhoneRequest` / `__alimockLoginRequest` then ask it. A binding the
 * harness installed is never replaced, only counted as work in flight: the harness waits for a page to go quiet, and
 * a hook still building the request (a round trip to the harness or the gateway, slow on a loaded machine) is not
 * quiet.
 */
import { postJson, sessionHeaders } from './bridge.js';
import { track } from './event-log.js';
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

type Hook = (value: string) => Promise<ContractRequest>;

function tracked(hook: Hook): Hook {
  return (value) => track(Promise.resolve(hook(value)));
}

export function installPageRequests(): void {
  const path = win.__alimockPageRequests;
  const url = typeof path === 'string' && path !== '' ? new URL(path, location.href).href : undefined;
  const given = (hook: Hook | undefined) => (typeof hook === 'function' ? hook : undefined);
  const phone = given(win.__alimockPhoneRequest) ?? (url ? (v: string) => ask(url, 'phone', v) : undefined);
  const login = given(win.__alimockLoginRequest) ?? (url ? (v: string) => ask(url, 'login', v) : undefined);
  if (phone) win.__alimockPhoneRequest = tracked(phone);
  if (login) win.__alimockLoginRequest = tracked(login);
}
