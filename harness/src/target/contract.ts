/**
 * The backend contract: how the page talks to a team's backend, and how alimock reads its answers. The default:
 * POST {target}/api/alipay/phone with `{ "encryptedData": "<res.response>" }`; success `{ mobile }`; failure
 * `{ error: { code, message } }`. A team maps its own API with the same fields in its config.
 */
/** The error codes of the default contract. */
export const CONTRACT_CODES = [
  'AUTH_REQUIRED',
  'ISV_PERMISSION_DENIED',
  'ALIPAY_MISCONFIGURED',
  'ALIPAY_BUSY',
  'NO_MOBILE_BOUND',
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'DECRYPT_FAILED',
  'BAD_REQUEST',
] as const;
export type ContractCode = (typeof CONTRACT_CODES)[number];

/** Typical HTTP status per contract code. */
export const CONTRACT_STATUS: Readonly<Record<ContractCode, number>> = {
  AUTH_REQUIRED: 403,
  ISV_PERMISSION_DENIED: 502,
  ALIPAY_MISCONFIGURED: 502,
  ALIPAY_BUSY: 503,
  NO_MOBILE_BOUND: 422,
  SIGNATURE_MISSING: 400,
  SIGNATURE_INVALID: 400,
  DECRYPT_FAILED: 400,
  BAD_REQUEST: 400,
};

/** A request the page sends to the backend, as a contract builds it. */
export interface RequestSpec {
  /** HTTP method (default POST) */
  method?: string;
  /** path appended to the target URL (default: the contract's `phonePath` or `loginPath`) */
  path?: string;
  headers?: Record<string, string>;
  /** the exact body text */
  body: string;
  /** its content type, e.g. `application/json` or `application/x-www-form-urlencoded` */
  contentType: string;
}

/** The phone request (same shape as every request a contract builds). */
export type PhoneRequest = RequestSpec;

/** What a mapped login answers: the member it identified, and the session the page keeps (a token, …). */
export interface LoginResult {
  userId: string;
  token?: string;
}

/** What `buildPhoneRequest` learns besides the payload: the login of this page, when the contract maps one. */
export interface PhoneRequestContext {
  login?: LoginResult;
}

export interface Contract {
  /** path of the phone endpoint, appended to the target URL */
  phonePath: string;
  /** readiness path (GET → 200 when ready) */
  healthPath: string;
  /** login endpoint (exchanges my.getAuthCode's code) */
  loginPath: string;
  /** builds the request the page sends with `res.response` (and the login's result, when one is mapped) */
  buildPhoneRequest(encryptedData: string, context: PhoneRequestContext): RequestSpec;
  /**
   * builds the login request the page sends with my.getAuthCode's code. When a config gives it, every scenario
   * logs in first, as a real page does on launch, and `buildPhoneRequest` receives the result.
   */
  buildLoginRequest?(authCode: string): RequestSpec;
  /** reads the login answer (any status): the member and token, or undefined when the login failed */
  readLogin?(body: unknown, status: number): LoginResult | undefined;
  /** reads the mobile from an answer (any status; undefined: none) */
  readMobile(body: unknown, status: number): string | undefined;
  /** reads the error code from an answer, whatever its status (undefined: not the contract's error body) */
  readErrorCode(body: unknown, status: number): string | undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The default login request: POST {loginPath} `{ "authCode": "…" }`. */
export function defaultLoginRequest(authCode: string): RequestSpec {
  return { body: JSON.stringify({ authCode }), contentType: 'application/json' };
}

/** The default login answer: 2xx `{ "userId": "2088…", "token"?: "…" }`. */
export function defaultReadLogin(body: unknown, status: number): LoginResult | undefined {
  if (status < 200 || status > 299 || !isObj(body) || typeof body.userId !== 'string') return undefined;
  return { userId: body.userId, ...(typeof body.token === 'string' ? { token: body.token } : {}) };
}

export const defaultContract: Contract = {
  phonePath: '/api/alipay/phone',
  healthPath: '/healthz',
  loginPath: '/api/alipay/login',
  buildPhoneRequest: (encryptedData) => ({
    body: JSON.stringify({ encryptedData }),
    contentType: 'application/json',
  }),
  readMobile: (body) => (isObj(body) && typeof body.mobile === 'string' ? body.mobile : undefined),
  readErrorCode: (body) =>
    isObj(body) && isObj(body.error) && typeof body.error.code === 'string' ? body.error.code : undefined,
};

/** Does this contract map a login (so that every scenario logs in first)? */
export function mapsLogin(contract: Contract): boolean {
  return typeof contract.buildLoginRequest === 'function';
}

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
