/**
 * What the gateway asks its host (the CLI's `alimock serve`, a test) when a person clicks through the playground: the
 * gateway knows Alipay's side; the backend contract, the verdicts and the doctor live in the harness, so they are
 * handed in as functions. Each is optional: without it, that part of the playground says it is not available.
 */
import type { JournalVerdict } from '../model/journal-entry.js';

/** One exchange a page's my.request had with a backend through the gateway's bridge. */
export interface BridgeExchange {
  session: string;
  method: string;
  /** the URL it was sent to (after the API host was mapped, before any redirect) */
  url: string;
  headers: Record<string, string>;
  /** the body as sent ('' when none) */
  body: string;
  /** the body carries an envelope my.getPhoneNumber gave this session: the page's phone request */
  carriesEnvelope: boolean;
  /** the backend's answer (absent when there was none: refused, reset, timeout) */
  response?: { status: number; body: string };
  error?: string;
}

/** What the host makes of an exchange: which request it was and, for the phone request, the verdict. */
export interface ExchangeJudgement {
  role: 'phone' | 'login' | 'other';
  verdict?: JournalVerdict;
}

/** A request the host builds for the page from its backend contract (or why it could not). */
export type PageRequest =
  | { url: string; method: string; headers: Record<string, string>; data: string }
  | { error: string };

/** The contract's requests, asked for by the page (`window.__alimockPhoneRequest` / `__alimockLoginRequest`). */
export interface PageRequestHooks {
  phone(encryptedData: string, session: string): PageRequest | Promise<PageRequest>;
  login(authCode: string, session: string): PageRequest | Promise<PageRequest>;
}

/** The keys a pasted payload is inspected with: the gateway's Alipay public key and the session's AES key. */
export interface InspectKeys {
  /** bare Base64 SPKI */
  alipayPublicKey: string;
  aesKey: string;
  /** the app's own public key (to tell a payload signed with it) */
  appPublicKey: string;
}

/** The doctor's answer, as the playground shows it. */
export interface InspectResult {
  ok: boolean;
  problems: string[];
  steps: Array<{ step: string; status: string; finding: string; message: string; fix?: string }>;
  /** the decrypted plaintext, the mobile masked */
  plaintext?: string;
  /** what a correct backend answers, the mobile masked: `200 {"mobile":"138****8000"}` */
  answer?: string;
}

export type Inspect = (payload: string, keys: InspectKeys) => InspectResult | Promise<InspectResult>;

/**
 * The playground page at `/`, and what it says about the set-up it runs in. Read on every request: a host may fill
 * in `pagePath` and `targetUrl` once its backend runs and its page is mounted.
 */
export interface PlaygroundOptions {
  /** the page the phone shows, a path on this gateway (default the FAQ sample, `/mp/faq-sample/`) */
  pagePath?: string;
  /** the backend under test (shown; the page reaches it through the bridge) */
  targetUrl?: string;
  /** the contract maps a login: the phone logs in on launch, as `alimock run` does */
  loginOnLaunch?: boolean;
  /** where the set-up comes from, in words (e.g. `alimock.config.ts: contract and miniProgram`) */
  source?: string;
  /** the page's phone button, a CSS selector (a config's `miniProgram.button`); default the runtime's own */
  phoneButton?: string;
}
