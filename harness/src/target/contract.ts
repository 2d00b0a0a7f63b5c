/**
 * The backend contract (DESIGN §5) and how a team maps its own. The default: POST {target}/api/alipay/phone with
 * `{ "encryptedData": "<res.response>" }`; success `{ mobile }`; failure non-2xx `{ error: { code, message } }`.
 */
/** The error codes of the default contract (DESIGN §5). */
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

/** Typical HTTP status per contract code (DESIGN §5). */
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

export interface PhoneRequest {
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export interface Contract {
  /** path of the phone endpoint, appended to the target URL */
  phonePath: string;
  /** readiness path (GET → 200 when ready) */
  healthPath: string;
  /** login endpoint (exchanges my.getAuthCode's code), for the login-then-phone scenario */
  loginPath: string;
  /** builds the request the page sends with `res.response` */
  buildPhoneRequest(encryptedData: string): PhoneRequest;
  /** reads the mobile from a 2xx body (undefined: none) */
  readMobile(body: unknown, status: number): string | undefined;
  /** reads the error code from a non-2xx body (undefined: not the contract's error body) */
  readErrorCode(body: unknown, status: number): string | undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

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

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
