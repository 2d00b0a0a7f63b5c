/**
 * buildReferenceBackend(options) → a Fastify app that turns `res.response` into a phone number, following
 * docs/contract.md. It never listens (server.ts does); tests use `app.inject()`.
 */
import type { KeyObject } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { errorBody, sendError } from './errors.js';
import { parseAesKey, parsePublicKey } from './keys.js';
import { exchangeAuthCode, type LoginOptions } from './login.js';
import { referenceSteps, runPipeline } from './pipeline.js';
import type { PipelineSteps, StepContext } from './types.js';

export interface ReferenceBackendOptions {
  /** Alipay's public key: bare Base64 SPKI (as the console shows it), PEM, or a KeyObject. */
  alipayPublicKey: string | KeyObject;
  /** The app's AES key, Base64 (as the console shows it). */
  aesKey: string;
  /** Reject payloads without `sign` (default true). */
  requireSignature?: boolean;
  /** The app's own public key; the reference never uses it (broken-backends/app-public-key does). */
  appPublicKey?: string | KeyObject;
  /** Replace pipeline steps (broken backends). */
  steps?: Partial<PipelineSteps>;
  /** Maximum request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  logger?: boolean;
  /** enables POST /api/alipay/login (exchange my.getAuthCode's code at the OpenAPI gateway) */
  login?: LoginOptions;
}

export const PHONE_ROUTE = '/api/alipay/phone';
export const LOGIN_ROUTE = '/api/alipay/login';
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function publicKeyOf(value: string | KeyObject, what: string): KeyObject {
  if (typeof value !== 'string') return value;
  const parsed = parsePublicKey(value);
  if (!parsed.ok) throw new Error(`${what}: ${parsed.reason}`);
  return parsed.key;
}

/** Decodes and checks the keys once. Throws on bad configuration (a startup error, not a request error). */
export function createStepContext(options: ReferenceBackendOptions): StepContext {
  const aes = parseAesKey(options.aesKey);
  if (!aes.ok) throw new Error(`aesKey: ${aes.reason}`);
  return {
    alipayPublicKey: publicKeyOf(options.alipayPublicKey, 'alipayPublicKey'),
    aesKey: aes.key,
    aesKeyText: options.aesKey.trim(),
    appPublicKey: options.appPublicKey === undefined ? undefined : publicKeyOf(options.appPublicKey, 'appPublicKey'),
    requireSignature: options.requireSignature ?? true,
  };
}

/** The request body → the envelope text, or undefined when the body is not `{ "encryptedData": "<string>" }`. */
function readEncryptedData(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  if (!Object.hasOwn(body, 'encryptedData')) return undefined;
  const value = (body as Record<string, unknown>).encryptedData;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function clientErrorMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'content-type must be application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'request body is empty';
    default:
      // Never echo the parser's message: it can quote the body.
      return 'malformed request body: send JSON { "encryptedData": "<res.response>" }';
  }
}

export function buildReferenceBackend(options: ReferenceBackendOptions): FastifyInstance {
  const ctx = createStepContext(options);
  const steps: PipelineSteps = { ...referenceSteps, ...options.steps };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });

  // JSON only (docs/contract.md): without this, Fastify would hand a text/plain body over as a string.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, 'BAD_REQUEST', clientErrorMessage(error), status);
    // The contract has no code for "the backend itself is broken", and dressing a crash up as a contract
    // rejection would hide it from the harness: answer a bare 500, without details.
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(errorBody('NOT_FOUND', `no such route (${request.method}); POST ${PHONE_ROUTE} or GET /healthz`));
  });

  app.get('/healthz', async () => ({ ok: true }));

  app.post(PHONE_ROUTE, async (request, reply) => {
    const encryptedData = readEncryptedData(request.body);
    if (encryptedData === undefined) {
      return sendError(reply, 'BAD_REQUEST', 'send JSON { "encryptedData": "<res.response string, unchanged>" }');
    }
    const outcome = runPipeline(encryptedData, steps, ctx);
    if (!outcome.ok) return sendError(reply, outcome.code, outcome.reason);
    reply.header('cache-control', 'no-store');
    return reply.code(200).send({ mobile: outcome.mobile });
  });

  const login = options.login;
  if (login) {
    app.post(LOGIN_ROUTE, async (request, reply) => {
      const body = request.body as { authCode?: unknown } | null;
      const code = body && typeof body === 'object' && !Array.isArray(body) ? body.authCode : undefined;
      if (typeof code !== 'string' || code === '' || code.length > 256) {
        return sendError(reply, 'BAD_REQUEST', 'send JSON { "authCode": "<my.getAuthCode authCode>" }');
      }
      const result = await exchangeAuthCode(code, ctx.alipayPublicKey, login);
      if (!result.ok)
        return sendError(
          reply,
          result.code === 'SIGNATURE_INVALID' ? 'ALIPAY_MISCONFIGURED' : result.code,
          result.reason,
        );
      reply.header('cache-control', 'no-store');
      return { userId: result.userId, ...(result.openId ? { openId: result.openId } : {}) };
    });
  }

  return app;
}
