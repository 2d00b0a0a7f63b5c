import type { FastifyInstance } from 'fastify';

/** An error the error handler maps onto BAD_REQUEST with a message that says what is wrong with the body. */
function bodyError(
  code: 'FST_ERR_CTP_EMPTY_JSON_BODY' | 'FST_ERR_CTP_INVALID_JSON_BODY' | 'ALIMOCK_FORBIDDEN_KEY',
  message: string,
): Error {
  return Object.assign(new Error(message), { code, statusCode: 400 });
}

/** The first `__proto__` key or `constructor.prototype` pair in a parsed value; iterative (bodies may nest deeply). */
export function forbiddenKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v)) {
      if (Object.hasOwn(v, '__proto__')) return '__proto__';
      const ctor = (v as Record<string, unknown>).constructor;
      if (
        Object.hasOwn(v, 'constructor') &&
        ctor !== null &&
        typeof ctor === 'object' &&
        Object.hasOwn(ctor, 'prototype')
      ) {
        return 'constructor.prototype';
      }
    }
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return undefined;
}

/** Parses a JSON body; an error says why it is refused (position of a syntax error, a forbidden prototype key). */
export function readJsonBody(body: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  if (body.length === 0) return { ok: false, error: bodyError('FST_ERR_CTP_EMPTY_JSON_BODY', 'the body is empty') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return { ok: false, error: bodyError('FST_ERR_CTP_INVALID_JSON_BODY', (e as Error).message) };
  }
  // the same refusal as Fastify's own parser (secure-json-parse), with a message that names the key
  if (body.includes('__proto__') || body.includes('constructor')) {
    const key = forbiddenKey(parsed);
    if (key) return { ok: false, error: bodyError('ALIMOCK_FORBIDDEN_KEY', `the key "${key}" is not allowed`) };
  }
  return { ok: true, value: parsed };
}

/**
 * Makes an (encapsulated) route plugin accept JSON bodies only: the root instance also parses forms (for
 * /gateway.do) and plain text, which the JSAPI bridge and the admin API refuse with 415 instead of reading a form's
 * fields as if they were JSON.
 */
export function jsonOnly(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'application/x-www-form-urlencoded', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const read = readJsonBody(body as string);
    if (read.ok) done(null, read.value);
    else done(read.error, undefined);
  });
}
