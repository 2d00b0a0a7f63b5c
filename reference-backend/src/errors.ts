/**
 * The target-backend contract's error catalogue (docs/contract.md): one table, one writer.
 * Messages are static on purpose: nothing from the request (and never a phone number) is echoed back.
 */
import type { FastifyReply } from 'fastify';

export const ERROR_CODES = [
  'AUTH_REQUIRED',
  'ISV_PERMISSION_DENIED',
  'ALIPAY_MISCONFIGURED',
  'ALIPAY_BUSY',
  'NO_MOBILE_BOUND',
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'DECRYPT_FAILED',
  'BAD_REQUEST',
  'AUTH_CODE_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Typical HTTP status per code (docs/contract.md). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  AUTH_REQUIRED: 403,
  ISV_PERMISSION_DENIED: 502,
  ALIPAY_MISCONFIGURED: 502,
  ALIPAY_BUSY: 503,
  NO_MOBILE_BOUND: 422,
  SIGNATURE_MISSING: 400,
  SIGNATURE_INVALID: 400,
  DECRYPT_FAILED: 400,
  BAD_REQUEST: 400,
  AUTH_CODE_INVALID: 401,
};

export interface ErrorBody {
  error: { code: ErrorCode | 'NOT_FOUND'; message: string };
}

export function errorBody(code: ErrorCode | 'NOT_FOUND', message: string): ErrorBody {
  return { error: { code, message } };
}

/** Writes every contract error response. `status` overrides the typical one (413/415 for transport errors). */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, status?: number): FastifyReply {
  reply.code(status ?? ERROR_STATUS[code]);
  reply.header('cache-control', 'no-store');
  if (code === 'ALIPAY_BUSY') reply.header('retry-after', '1');
  return reply.send(errorBody(code, message));
}
