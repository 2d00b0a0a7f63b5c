/**
 * Gateway routes serving mounted mini-programs: `GET /mp/<id>/` (the page shell; query string as the stub page's:
 * session, appId, userId, phoneUrl, loginUrl, page, canIUse, appName), its files and static files, and
 * `POST /mp/<id>/request` (my.request's native side: the API host mapped, then performed like /stub/request).
 * Fastify only; the projects are compiled by the caller and handed in.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  type BridgeLimits,
  type BridgeRequest,
  bridgeRequestSchema,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from '../bridge/bridge-request.js';
import { mapRequestUrl } from '../bridge/map-host.js';
import type { GatewayModel } from '../model/gateway-model.js';
import type { PageRequestHooks } from '../playground/hooks.js';
import type { BridgeExchangeJudge } from './bridge-journal.js';
import { answerBridge } from './bridge-route.js';
import { sendError } from './errors.js';
import { jsonOnly } from './json-body.js';
import { mountBridgeRules } from './mount-bridge-rule.js';
import type { MountedMiniProgram } from './mounted-mini-program.js';
import { sessionOf } from './session.js';

export const MINI_PROGRAM_BASE = '/mp';

/** Compiles a project when it is first asked for: the program, or why it could not be prepared. */
export type LazyProgram = () => Promise<{ ok: true; value: MountedMiniProgram } | { ok: false; reason: string }>;

type Found = { ok: true; value: MountedMiniProgram } | { ok: false; reason: string } | undefined;

/** Mounted projects by id; a project can be mounted or replaced while the gateway runs. */
export class MiniProgramRegistry {
  private readonly programs = new Map<string, MountedMiniProgram>();
  /** mounted lazily: compiled on the first request (one compile shared by concurrent requests) */
  private readonly pending = new Map<string, { load: LazyProgram; running?: Promise<Found> }>();

  constructor(initial: Readonly<Record<string, MountedMiniProgram>> = {}) {
    for (const [id, p] of Object.entries(initial)) this.mount(id, p);
  }

  /** Where the program under this id is served. */
  pathOf(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
      throw new Error(`mini-program id ${JSON.stringify(id)}: use 1-64 of A-Z a-z 0-9 _ -`);
    return `${MINI_PROGRAM_BASE}/${id}/`;
  }

  mount(id: string, program: MountedMiniProgram): string {
    const path = this.pathOf(id);
    this.pending.delete(id);
    this.programs.set(id, program);
    return path;
  }

  /** Mounts a project compiled on its first request (a server that starts without compiling what nobody opens). */
  mountLazy(id: string, load: LazyProgram): string {
    const path = this.pathOf(id);
    this.programs.delete(id);
    this.pending.set(id, { load });
    return path;
  }

  /** Is anything mounted (or waiting to be compiled) under this id? */
  has(id: string): boolean {
    return this.programs.has(id) || this.pending.has(id);
  }

  /** The compiled program under this id (compiling a lazy one now), why it could not be, or undefined. */
  async resolve(id: string): Promise<Found> {
    const program = this.programs.get(id);
    if (program) return { ok: true, value: program };
    const lazy = this.pending.get(id);
    if (!lazy) return undefined;
    lazy.running ??= lazy.load().then(
      (got) => {
        // mounted again meanwhile: that one wins
        if (got.ok && this.pending.get(id) === lazy) this.mount(id, got.value);
        return got;
      },
      (e: unknown) => ({ ok: false as const, reason: (e as Error)?.message ?? String(e) }),
    );
    return lazy.running;
  }
}

/** The program for a request, or the 404/503 answer already sent. */
async function programFor(
  registry: MiniProgramRegistry,
  id: string,
  reply: FastifyReply,
): Promise<MountedMiniProgram | undefined> {
  const found = await registry.resolve(id);
  if (found?.ok) return found.value;
  if (found === undefined) notFound(reply, `no mini-program "${id}" is served here`);
  else
    reply.code(503).send({
      statusCode: 503,
      error: 'Service Unavailable',
      message: `mini-program "${id}" could not be prepared: ${found.reason}`,
    });
  return undefined;
}

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).send({ statusCode: 404, error: 'Not Found', message });
}

export interface MiniProgramRoutesOptions {
  registry: MiniProgramRegistry;
  requestTimeoutMs?: number;
  /** the gateway's bridge targets, as origins (a mount's own targets are added to them) */
  bridgeTargets: readonly string[];
  limits?: Partial<BridgeLimits>;
  /** the gateway's state: each exchange is journaled in the page's session */
  model?: GatewayModel;
  /** what the host makes of an exchange (phone/login, the verdict) */
  judge?: BridgeExchangeJudge;
  /** the contract's requests for the page (`window.__alimockPhoneRequest` / `__alimockLoginRequest`) */
  pageRequests?: PageRequestHooks;
}

export async function miniProgramRoutes(app: FastifyInstance, opts: MiniProgramRoutesOptions): Promise<void> {
  const { registry } = opts;
  const timeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const ruleOf = mountBridgeRules(opts.bridgeTargets);
  // the bridge reads JSON only: a form post (what any web page can send without asking) is refused with 415
  jsonOnly(app);

  app.get<{ Params: { id: string } }>(`${MINI_PROGRAM_BASE}/:id`, async (request, reply) => {
    const q = request.url.indexOf('?');
    return reply.redirect(`${MINI_PROGRAM_BASE}/${request.params.id}/${q >= 0 ? request.url.slice(q) : ''}`);
  });

  app.get<{ Params: { id: string; '*': string } }>(`${MINI_PROGRAM_BASE}/:id/*`, async (request, reply) => {
    const program = await programFor(registry, request.params.id, reply);
    if (!program) return reply;
    const name = decodeURIComponent(request.params['*'] ?? '');
    const file = program.files.get(name);
    if (file) {
      // with the host's contract, the page asks the gateway for its requests (see POST /mp/<id>/page-request)
      const body = name === 'project.js' && opts.pageRequests ? `${file.body}${PAGE_REQUESTS_SCRIPT}` : file.body;
      return reply
        .type(file.contentType)
        .header('cache-control', name === '' || name === 'index.html' ? 'no-cache' : 'public, max-age=600')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    }
    const asset = program.assets[name];
    if (!asset) return notFound(reply, `${name} is not a file of this mini-program`);
    try {
      const body = await readFile(asset);
      return reply
        .type(TYPES[extname(asset).toLowerCase()] ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=600')
        .send(body);
    } catch {
      return notFound(reply, `${name} can no longer be read`);
    }
  });

  if (opts.pageRequests) pageRequestRoute(app, opts.pageRequests);

  app.post<{ Params: { id: string }; Body: BridgeRequest }>(
    `${MINI_PROGRAM_BASE}/:id/request`,
    { schema: { body: bridgeRequestSchema } },
    async (request, reply) => {
      const program = await programFor(registry, request.params.id, reply);
      if (!program) return reply;
      const own = `${request.protocol}://${request.headers.host ?? request.hostname}`;
      const mapped = mapRequestUrl(request.body.url, {
        ...(program.hosts ? { hosts: program.hosts } : {}),
        ...(program.targetUrl ? { targetUrl: program.targetUrl } : {}),
        mockOrigins: [own],
      });
      const answer = await answerBridge(
        app,
        request,
        reply,
        { ...request.body, url: mapped.url },
        {
          // the mount names the backend under test: the page's requests may reach it, and the gateway's own targets
          rule: ruleOf(program),
          defaultTimeoutMs: timeout,
          ...(opts.limits ? { limits: opts.limits } : {}),
          ...(opts.model ? { model: opts.model } : {}),
          ...(opts.judge ? { judge: opts.judge } : {}),
        },
      );
      if (reply.sent) return reply;
      return mapped.mapped ? { ...(answer as object), mappedUrl: mapped.url } : answer;
    },
  );
}

/** Tells the runtime to build the page's backend requests with `POST page-request` (appended to project.js). */
const PAGE_REQUESTS_SCRIPT = "window.__alimockPageRequests = 'page-request';\n";

const pageRequestBody = {
  type: 'object',
  required: ['kind', 'value'],
  additionalProperties: false,
  properties: {
    session: { type: 'string' },
    kind: { type: 'string', enum: ['phone', 'login'] },
    value: { type: 'string', maxLength: 512 * 1024 },
  },
} as const;

/**
 * `POST /mp/<id>/page-request` `{ kind: 'phone' | 'login', value }`: the request the host's contract builds for the
 * page's phone payload (`res.response`) or login code, as `{ url, method, headers, data }` or `{ error }` — what
 * `window.__alimockPhoneRequest` / `__alimockLoginRequest` answer under `alimock run`.
 */
export function pageRequestRoute(app: FastifyInstance, hooks: PageRequestHooks): void {
  app.post(`${MINI_PROGRAM_BASE}/:id/page-request`, { schema: { body: pageRequestBody } }, async (request, reply) => {
    const s = sessionOf(request);
    if (!s.ok) return sendError(reply, 'BAD_SESSION', s.reason);
    const { kind, value } = request.body as { kind: 'phone' | 'login'; value: string };
    try {
      return kind === 'phone' ? await hooks.phone(value, s.value) : await hooks.login(value, s.value);
    } catch (e) {
      return { error: `the contract could not build the ${kind} request: ${(e as Error)?.message ?? e}` };
    }
  });
}
