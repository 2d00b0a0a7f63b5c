import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildGateway, type GatewayOptions } from '../app.js';
import { manualClock } from '../model/clock.js';

/** A parsed answer from `app.inject`. */
export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  /** the raw body text */
  text: string;
  /** the JSON body, or undefined when the body is not JSON */
  // biome-ignore lint/suspicious/noExplicitAny: test convenience, answers are checked field by field
  json: any;
}

export type TestClock = ReturnType<typeof manualClock>;

/** A gateway for tests: the package's TEST-ONLY keys, a manual clock, a fixed seed. */
export async function testGateway(options: GatewayOptions = {}): Promise<{ app: FastifyInstance; clock: TestClock }> {
  const clock = manualClock();
  const app = await buildGateway({ clock, seed: 7, ...options });
  await app.ready();
  return { app, clock };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends a request through `app.inject` (JSON body unless `payload` is given raw) and parses the answer. */
export async function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  extra: Omit<InjectOptions, 'method' | 'url'> = {},
): Promise<Answer> {
  const res = await app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    ...extra,
  });
  return { status: res.statusCode, headers: res.headers, text: res.body, json: parse(res.body) };
}

/** `call` with a session header. */
export function inSession(app: FastifyInstance, session: string) {
  return (method: InjectOptions['method'], url: string, body?: unknown) =>
    call(app, method, url, body, { headers: { 'x-alimock-session': session } });
}

/** Throws (test failure) unless the answer has the expected status; shows the body to explain. */
export function expectStatus(answer: Answer, status: number): Answer {
  if (answer.status !== status)
    throw new Error(`expected HTTP ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer;
}
