import type { KeyObject } from 'node:crypto';
import { rsaSign, type SignType } from './rsa.js';

/**
 * OpenAPI gateway answers (`POST /gateway.do`, docs/protocol.md), byte for byte: the JSON text is built here, not by
 * `JSON.stringify` of a whole object, because Alipay signs the raw text of the response member and writes `/` as `\/`.
 */

/** `code` → `msg`, as the gateway writes them. */
export const OPENAPI_CODE_MSGS = {
  '10000': 'Success',
  '20000': 'Service Currently Unavailable',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40003': 'Insufficient Conditions',
  '40004': 'Business Failed',
  '40006': 'Insufficient Permissions',
} as const;

export type OpenApiCode = keyof typeof OPENAPI_CODE_MSGS;

/**
 * The gateway's error catalogue (public error codes of the old gateway + those of `alipay.system.oauth.token`).
 * `isv.invalid-signature` gets the gateway's sign string appended (HTML-escaped), as Alipay does.
 */
export const OPENAPI_ERRORS = {
  'aop.unknow-error': { code: '20000', subMsg: '系统繁忙' },
  'isv.missing-app-id': { code: '40001', subMsg: '缺少AppID参数' },
  'isv.missing-method': { code: '40001', subMsg: '缺少方法名参数' },
  'isv.missing-signature': { code: '40001', subMsg: '缺少签名参数' },
  'isv.missing-signature-type': { code: '40001', subMsg: '缺少签名类型参数' },
  'isv.missing-timestamp': { code: '40001', subMsg: '缺少时间戳参数' },
  'isv.missing-version': { code: '40001', subMsg: '缺少版本参数' },
  'isv.invalid-app-id': { code: '40002', subMsg: '无效的AppID参数' },
  'isv.invalid-method': { code: '40002', subMsg: '不存在的方法名' },
  'isv.invalid-format': { code: '40002', subMsg: '无效的数据格式' },
  'isv.invalid-signature-type': { code: '40002', subMsg: '无效的签名类型' },
  'isv.invalid-timestamp': { code: '40002', subMsg: '非法的时间戳参数' },
  'isv.invalid-signature': {
    code: '40002',
    subMsg: '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：',
  },
  'isv.app-cert-not-exist': { code: '40002', subMsg: '应用公钥证书不存在' },
  'isv.invalid-alipay-root-cert-sn': { code: '40002', subMsg: '无效支付宝根证书序列号' },
  'isv.grant-type-invalid': { code: '40002', subMsg: 'grant_type参数不正确' },
  'isv.code-invalid': { code: '40002', subMsg: '授权码code无效' },
  'isv.refresh-token-invalid': { code: '40002', subMsg: '刷新令牌refresh_token无效' },
  'isv.refresh-token-time-out': { code: '40002', subMsg: '刷新令牌refresh_token过期' },
} as const satisfies Record<string, { code: OpenApiCode; subMsg: string }>;

export type OpenApiErrorId = keyof typeof OPENAPI_ERRORS;

/** An error as the gateway answers it (snake_case on the wire). */
export interface OpenApiError {
  code: string;
  msg: string;
  subCode: string;
  subMsg: string;
}

/** Escapes text the way the gateway quotes a sign string inside `sub_msg`. */
export function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A catalogue error; `detail` is appended to `sub_msg` (the sign string for `isv.invalid-signature`). */
export function openApiError(id: OpenApiErrorId, detail?: string): OpenApiError {
  const e = OPENAPI_ERRORS[id];
  const subMsg = id === 'isv.invalid-signature' && detail !== undefined ? e.subMsg + htmlEscape(detail) : e.subMsg;
  return { code: e.code, msg: OPENAPI_CODE_MSGS[e.code], subCode: id, subMsg };
}

/** JSON value text as Alipay's serializer writes it: strings with `/` escaped as `\/`, non-ASCII kept raw. */
export function alipayJsonValue(value: string | number | boolean | null): string {
  if (typeof value === 'string') return JSON.stringify(value).replace(/\//g, '\\/');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`alipayJsonValue: ${value} is not JSON`);
  return JSON.stringify(value);
}

/** An object's JSON text with members in the given order. */
export function alipayJsonObject(members: ReadonlyArray<readonly [string, string | number | boolean | null]>): string {
  return `{${members.map(([k, v]) => `${alipayJsonValue(k)}:${alipayJsonValue(v)}`).join(',')}}`;
}

/** `{"code":…,"msg":…,"sub_code":…,"sub_msg":…}` */
export function errorObjectJson(e: OpenApiError): string {
  return alipayJsonObject([
    ['code', e.code],
    ['msg', e.msg],
    ['sub_code', e.subCode],
    ['sub_msg', e.subMsg],
  ]);
}

export interface OpenApiSigning {
  privateKey: KeyObject;
  signType: SignType;
}

export interface OpenApiResponseSpec {
  /** `<method>_response` or `error_response` */
  responseKey: string;
  /** the exact JSON text of the response member (what gets signed) */
  bodyJson: string;
  /** certificate mode: the SN of the certificate whose key signs, written between the member and `sign` */
  alipayCertSn?: string;
  /** null: no `sign` member */
  signing: OpenApiSigning | null;
}

/**
 * `{"<key>":<bodyJson>[,"alipay_cert_sn":"…"][,"sign":"…"]}` — the signature covers exactly `bodyJson`'s bytes.
 * The Base64 `sign` is written raw (Alipay does not escape its `/`).
 */
export function assembleOpenApiResponse(spec: OpenApiResponseSpec): string {
  let text = `{${alipayJsonValue(spec.responseKey)}:${spec.bodyJson}`;
  if (spec.alipayCertSn !== undefined) text += `,"alipay_cert_sn":${alipayJsonValue(spec.alipayCertSn)}`;
  if (spec.signing) text += `,"sign":"${rsaSign(spec.bodyJson, spec.signing.privateKey, spec.signing.signType)}"`;
  return `${text}}`;
}
