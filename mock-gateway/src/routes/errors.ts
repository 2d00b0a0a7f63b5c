import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/**
 * The one catalogue of the mock's own errors (admin API, JSAPI bridge, stub). Alipay's outcomes live in
 * protocol/outcomes.ts; these are about using the mock. Every error body is
 * `{ error: { code, message, hint, details? } }`: the message says what was wrong with this request, the hint what
 * to do about this kind of error.
 */
export const MOCK_ERRORS = {
  BAD_REQUEST: { status: 400, hint: 'the request is malformed' },
  VALIDATION_FAILED: { status: 400, hint: 'a field is missing, misspelled or of the wrong type' },
  BAD_SESSION: {
    status: 400,
    hint: 'a session id is 1-128 characters of A-Z a-z 0-9 . _ : - (never empty or null); leave it out for the global state',
  },
  OUT_OF_RANGE: { status: 400, hint: 'the value is valid but leads outside what the gateway can represent' },
  UNAUTHORIZED: {
    status: 401,
    hint: 'this gateway needs its token: header "authorization: Bearer TOKEN" or "x-alimock-token: TOKEN", or open a page once with ?token=TOKEN',
  },
  CROSS_SITE_REFUSED: {
    status: 403,
    hint: "the admin API and the bridges answer only the gateway's own pages and non-browser clients (curl, tests, SDKs)",
  },
  BRIDGE_TARGET_REFUSED: {
    status: 403,
    hint: 'the my.request bridge reaches only the targets the gateway was told about (serve --target URL, option bridgeTargets; by default loopback addresses), never the gateway itself',
  },
  UNKNOWN_APP: { status: 404, hint: 'create the app with POST /__admin/apps' },
  UNKNOWN_USER: { status: 404, hint: 'create the member with POST /__admin/users' },
  UNKNOWN_RULE: { status: 404, hint: 'list rules with GET /__admin/rules' },
  NO_CONSENT: { status: 404, hint: 'record a consent first (POST /jsapi/authorize or POST /__admin/consents)' },
  NOT_FOUND: { status: 404, hint: 'see GET /__admin/openapi.json for the routes' },
  METHOD_NOT_ALLOWED: { status: 405, hint: 'see GET /__admin/openapi.json for the routes' },
  LIMIT_REACHED: {
    status: 409,
    hint: 'a session holds a bounded number of members, apps, consents and rules: reset it (POST /__admin/reset with the session) or use another session',
  },
  NOTHING_TO_EXPORT: {
    status: 409,
    hint: 'a scenario needs at least one step: tap the phone button in the playground (or call my.getPhoneNumber without a tap) in that session first',
  },
  PAYLOAD_TOO_LARGE: { status: 413, hint: 'bodies are limited to 1 MiB (rules: 256 KiB)' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, hint: 'send JSON with content-type: application/json' },
  TOO_MANY_STREAMS: {
    status: 429,
    hint: 'the gateway serves a bounded number of live journal streams: close another playground tab, or read GET /__admin/journal instead',
  },
  INJECTED_STATUS: { status: 500, hint: 'a fault rule answered with this status' },
  INTERNAL: {
    status: 500,
    hint: 'a bug in alimock: please report it with the request and the stack trace from the log',
  },
  BRIDGE_ANSWER_REFUSED: {
    status: 502,
    hint: 'the target answered more than the my.request bridge accepts (size or JSON nesting): answer less',
  },
} as const;

export type MockErrorCode = keyof typeof MOCK_ERRORS;

export interface MockErrorBody {
  error: { code: MockErrorCode; message: string; hint: string; details?: unknown };
}

export function errorBody(code: MockErrorCode, message: string, details?: unknown): MockErrorBody {
  return { error: { code, message, hint: MOCK_ERRORS[code].hint, ...(details !== undefined ? { details } : {}) } };
}

/** The one function that writes every error response. */
export function sendError(reply: FastifyReply, code: MockErrorCode, message: string, details?: unknown): FastifyReply {
  return reply
    .code(MOCK_ERRORS[code].status)
    .type('application/json; charset=utf-8')
    .send(errorBody(code, message, details));
}

interface ValidationItem {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns ajv's errors into one sentence that says what to fix. */
export function describeValidation(context: string, items: ValidationItem[]): string {
  const parts = items.slice(0, 3).map((v) => {
    const path = `${context}${(v.instancePath ?? '').replace(/\//g, '.')}`;
    const p = v.params ?? {};
    if (v.keyword === 'additionalProperties')
      return `${path}: unknown field "${String(p.additionalProperty)}" (check the spelling)`;
    if (v.keyword === 'required') return `${path}: missing required field "${String(p.missingProperty)}"`;
    if (v.keyword === 'enum')
      return `${path}: must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
    return `${path}: ${v.message ?? 'is invalid'}`;
  });
  return parts.join('; ');
}

function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** Where an internal error's stack trace goes (default: the process's stderr). */
export type InternalErrorLog = (text: string) => void;

const stderrLog: InternalErrorLog = (text) => {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
};

/**
 * Maps Fastify's own errors (parse, size, validation) onto the catalogue; never leaks a stack trace to the client.
 * Anything else is a bug: answered INTERNAL with a reference, and logged with its stack under that reference.
 */
export function installErrorHandling(app: FastifyInstance, log: InternalErrorLog = stderrLog): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendError(
        reply,
        'VALIDATION_FAILED',
        describeValidation(error.validationContext ?? 'body', error.validation),
      );
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(
          reply,
          'PAYLOAD_TOO_LARGE',
          `the body is larger than ${sizeText(request.routeOptions.bodyLimit ?? 1024 * 1024)}`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(
          reply,
          'UNSUPPORTED_MEDIA_TYPE',
          `unsupported content-type "${request.headers['content-type'] ?? ''}": send application/json`,
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 'BAD_REQUEST', 'the body is empty: send a JSON object');
      case 'ALIMOCK_FORBIDDEN_KEY':
        return sendError(
          reply,
          'BAD_REQUEST',
          `the body is refused: ${error.message} (prototype keys are never accepted)`,
        );
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, 'BAD_REQUEST', `the body is not valid JSON: ${error.message}`);
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendError(reply, 'BAD_REQUEST', `the body could not be read: ${error.message}`);
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, 'BAD_REQUEST', error.message);
    }
    const ref = randomBytes(4).toString('hex');
    const what = `${error.name ?? 'Error'}: ${error.message}`;
    log(`alimock: internal error ${ref} on ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? what}`);
    request.log.error({ err: error, ref }, 'internal error');
    return sendError(
      reply,
      'INTERNAL',
      `internal error ${ref} in alimock (${what.slice(0, 200)}); its stack trace is in the gateway's log (stderr) under ${ref}`,
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      'NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0]}: ${MOCK_ERRORS.NOT_FOUND.hint}`,
    ),
  );
}
