import type { KeyObject } from 'node:crypto';
import type { CertMaterial } from '../keys/key-material.js';
import type { OpenApiErrorId } from '../protocol/openapi-response.js';
import { openApiSignContent } from '../protocol/openapi-sign.js';
import { err, ok, type Result } from '../protocol/result.js';
import { isSignType, rsaVerify, type SignType } from '../protocol/rsa.js';

/** The parameters of one `/gateway.do` call, flattened to one string per name. */
export type OpenApiParams = Record<string, string>;

/** A reason the gateway refuses a call, before any business logic runs. */
export interface OpenApiRefusal {
  id: OpenApiErrorId;
  /** appended to `sub_msg` (the gateway's sign string for `isv.invalid-signature`) */
  detail?: string;
}

function flatten(source: unknown, into: OpenApiParams): void {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return;
  for (const [k, raw] of Object.entries(source as Record<string, unknown>)) {
    if (k in into) continue;
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (typeof v === 'string') into[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') into[k] = String(v);
  }
}

/**
 * Query string and form body merged into one parameter set, as a servlet's `getParameter` sees them: the official
 * SDKs put the common parameters in the query and the rest in the body. A name in both keeps its query value;
 * a repeated name keeps its first value.
 */
export function mergeParams(query: unknown, body: unknown): OpenApiParams {
  const params: OpenApiParams = Object.create(null);
  flatten(query, params);
  flatten(body, params);
  return params;
}

/** The common parameters of a call, checked. */
export interface CommonParams {
  appId: string;
  method: string;
  signType: SignType;
  sign: string;
  timestamp: string;
  version: string;
  /** both present ⇔ certificate mode */
  appCertSn?: string;
  alipayRootCertSn?: string;
}

const TIMESTAMP_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

const present = (params: OpenApiParams, name: string): string | undefined => {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
};

/**
 * Checks the common parameters in the gateway's order: missing ones (40001), then malformed ones (40002).
 * `format` may be absent (JSON is the default); `charset` is not checked (bodies are read as UTF-8).
 */
export function checkCommonParams(params: OpenApiParams): Result<CommonParams, OpenApiRefusal> {
  const required: Array<[string, OpenApiErrorId]> = [
    ['app_id', 'isv.missing-app-id'],
    ['method', 'isv.missing-method'],
    ['sign_type', 'isv.missing-signature-type'],
    ['sign', 'isv.missing-signature'],
    ['timestamp', 'isv.missing-timestamp'],
    ['version', 'isv.missing-version'],
  ];
  for (const [name, id] of required) if (present(params, name) === undefined) return err({ id });
  const format = present(params, 'format');
  if (format !== undefined && format.toUpperCase() !== 'JSON') return err({ id: 'isv.invalid-format' });
  const signType = params.sign_type;
  if (!isSignType(signType)) return err({ id: 'isv.invalid-signature-type' });
  const timestamp = params.timestamp as string;
  if (!TIMESTAMP_RE.test(timestamp)) return err({ id: 'isv.invalid-timestamp' });
  const appCertSn = present(params, 'app_cert_sn');
  const alipayRootCertSn = present(params, 'alipay_root_cert_sn');
  return ok({
    appId: params.app_id as string,
    method: params.method as string,
    signType,
    sign: params.sign as string,
    timestamp,
    version: params.version as string,
    ...(appCertSn !== undefined ? { appCertSn } : {}),
    ...(alipayRootCertSn !== undefined ? { alipayRootCertSn } : {}),
  });
}

/**
 * Certificate mode (either SN present): the app certificate SN and the root SN must be those of `keys/certs/`.
 * Returns the SN to answer with in `alipay_cert_sn`, or undefined in public-key mode.
 */
export function checkCertSns(
  common: CommonParams,
  certs: CertMaterial | undefined,
): Result<string | undefined, OpenApiRefusal> {
  if (common.appCertSn === undefined && common.alipayRootCertSn === undefined) return ok(undefined);
  if (!certs || common.appCertSn !== certs.appCertSn) return err({ id: 'isv.app-cert-not-exist' });
  if (common.alipayRootCertSn !== certs.rootCertSn) return err({ id: 'isv.invalid-alipay-root-cert-sn' });
  return ok(certs.alipayCertSn);
}

/** Verifies the request signature over `openApiSignContent(params)` with the app's public key. */
export function verifyRequestSignature(
  params: OpenApiParams,
  common: CommonParams,
  appPublicKey: KeyObject,
): Result<string, OpenApiRefusal> {
  const content = openApiSignContent(params);
  if (rsaVerify(content, common.sign, appPublicKey, common.signType)) return ok(content);
  return err({ id: 'isv.invalid-signature', detail: content });
}
