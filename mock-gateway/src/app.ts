import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { BridgeLimits } from './bridge/bridge-request.js';
import { parseBridgeTargets } from './bridge/bridge-targets.js';
import type { KeyMaterial } from './keys/key-material.js';
import { defaultKeysDir, loadKeyDirCached } from './keys/load-keys.js';
import { type Clock, systemClock } from './model/clock.js';
import { createGatewayModel, type GatewayModel } from './model/gateway-model.js';
import type { StoreLimits } from './model/limits.js';
import { packageVersion } from './package-root.js';
import type { Inspect, PageRequestHooks, PlaygroundOptions } from './playground/hooks.js';
import { adminRoutes } from './routes/admin.js';
import type { BridgeExchangeJudge } from './routes/bridge-journal.js';
import { installJournal, releaseHeld } from './routes/call-context.js';
import { type InternalErrorLog, installErrorHandling, sendError } from './routes/errors.js';
import { installExposureGuard, tokenProblem } from './routes/exposure.js';
import { gatewayRoutes } from './routes/gateway.js';
import { inspectRoutes } from './routes/inspect.js';
import { type JournalStreamLimits, journalStreamRoutes } from './routes/journal-stream.js';
import { jsapiRoutes } from './routes/jsapi.js';
import { installLazyValidation } from './routes/lazy-validator.js';
import { MiniProgramRegistry, miniProgramRoutes } from './routes/mini-program.js';
import type { MountedMiniProgram } from './routes/mounted-mini-program.js';
import { registerOpenApi } from './routes/openapi.js';
import { playgroundRoutes } from './routes/playground.js';
import { scenarioExportRoutes } from './routes/scenario-export.js';
import { stubRoutes } from './routes/stub.js';

export interface GatewayOptions {
  /** key material, or a keys directory (default: the package's own TEST-ONLY keys/) */
  keys?: KeyMaterial | string;
  clock?: Clock;
  /** seeds fake members */
  seed?: number;
  /** entries the journal keeps (the oldest are dropped first); default 5,000 */
  journalCapacity?: number;
  /** the journal's bound in (estimated) bytes: the oldest entries are dropped past it (default 16 MiB) */
  journalMaxBytes?: number;
  maxSessions?: number;
  /** caps on members, apps, consents and rules, per session and in total (defaults in model/limits.ts) */
  limits?: Partial<StoreLimits>;
  /** Fastify logger (default off) */
  logger?: boolean;
  /** where an internal error's stack trace is written (default: stderr) */
  internalErrorLog?: InternalErrorLog;
  /** `my.request` default timeout in the stub bridge */
  stubRequestTimeoutMs?: number;
  /** compiled mini-programs to serve at /mp/<id>/ (compiled by the caller: see mini-program/src) */
  miniPrograms?: Readonly<Record<string, MountedMiniProgram>>;
  /**
   * Origins the stub's `my.request` bridge may reach, e.g. `['http://127.0.0.1:8080']`. Default: loopback addresses
   * only. The gateway's own origin is never reached.
   */
  bridgeTargets?: readonly string[];
  /** bounds of what the bridge carries (answer bytes, JSON nesting, redirects) */
  bridgeLimits?: Partial<BridgeLimits>;
  /**
   * A token every route but `/gateway.do` and `/__admin/health` then requires (`authorization: Bearer T`,
   * `x-alimock-token: T`, or the cookie a first `GET …?token=T` sets). Required when listening beyond loopback.
   */
  token?: string;
  /**
   * What the host makes of a page's my.request through the bridge: which request it was (phone, login) and, for the
   * phone request, the verdict a scenario would give the backend's answer (journaled with the exchange).
   */
  judge?: BridgeExchangeJudge;
  /** the doctor, for the playground's payload inspector (`POST /__admin/inspect`) */
  inspect?: Inspect;
  /** the contract's requests for the pages (`POST /mp/<id>/page-request`; the runtime then asks for them) */
  pageRequests?: PageRequestHooks;
  /** serve the playground at `/` (true: with its defaults) */
  playground?: PlaygroundOptions | boolean;
  /** bounds of the live journal streams (`GET /__admin/journal/stream`) */
  journalStreamLimits?: Partial<JournalStreamLimits>;
}

/** What a built gateway holds besides its routes (kept beside the app, not on Fastify's own types). */
interface GatewayParts {
  model: GatewayModel;
  miniPrograms: MiniProgramRegistry;
}

const parts = new WeakMap<FastifyInstance, GatewayParts>();

function partsOf(app: FastifyInstance): GatewayParts {
  const p = parts.get(app);
  if (!p) throw new Error('not an alimock gateway: build it with buildGateway()');
  return p;
}

/** The state of a gateway built by `buildGateway` (store, keys, journal): for tests and the harness. */
export function gatewayModel(app: FastifyInstance): GatewayModel {
  return partsOf(app).model;
}

/** The mini-programs a gateway serves at /mp/<id>/ (mount more while it runs). */
export function miniProgramsOf(app: FastifyInstance): MiniProgramRegistry {
  return partsOf(app).miniPrograms;
}

/** Resolves the keys option once; a bad keys directory is a usage error with a clear message. */
export function resolveKeys(keys: GatewayOptions['keys']): KeyMaterial {
  if (keys !== undefined && typeof keys !== 'string') return keys;
  const loaded = loadKeyDirCached(keys ?? defaultKeysDir());
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.value;
}

/** Builds the mock gateway. Never listens: tests use `app.inject()`, `server.ts` listens. */
export async function buildGateway(options: GatewayOptions = {}): Promise<FastifyInstance> {
  const targets = parseBridgeTargets(options.bridgeTargets ?? []);
  if (!targets.ok) throw new Error(targets.reason);
  const badToken = options.token === undefined ? undefined : tokenProblem(options.token);
  if (badToken) throw new Error(`token: ${badToken}`);
  const model = createGatewayModel({
    keys: resolveKeys(options.keys),
    clock: options.clock ?? systemClock,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.journalCapacity !== undefined ? { journalCapacity: options.journalCapacity } : {}),
    ...(options.maxSessions !== undefined ? { maxSessions: options.maxSessions } : {}),
    ...(options.journalMaxBytes !== undefined ? { journalMaxBytes: options.journalMaxBytes } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // closing must not wait for held (`no-answer`) or keep-alive connections
    forceCloseConnections: true,
    // a URL the router cannot read (e.g. `/%`) or a parameter too long: a catalogue error like any other
    frameworkErrors: (error, _request, reply) =>
      sendError(reply, 'BAD_REQUEST', `the URL cannot be read: ${error.message} — percent-encode it correctly`),
  });
  installLazyValidation(app);
  installErrorHandling(app, options.internalErrorLog);
  installExposureGuard(app, options.token !== undefined ? { token: options.token } : {});
  installJournal(app, model);
  app.addHook('onClose', async () => releaseHeld(app));
  registerOpenApi(app, packageVersion());
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(jsapiRoutes, { model });
  await app.register(adminRoutes, { model });
  journalStreamRoutes(app, model, options.journalStreamLimits);
  scenarioExportRoutes(app, model);
  if (options.inspect) inspectRoutes(app, model, options.inspect);
  if (options.playground) {
    playgroundRoutes(app, {
      model,
      playground: options.playground === true ? {} : options.playground,
      tokenInUse: options.token !== undefined,
      inspector: options.inspect !== undefined,
      contractRequests: options.pageRequests !== undefined,
    });
  }
  await app.register(gatewayRoutes, { model });
  const miniPrograms = new MiniProgramRegistry(options.miniPrograms);
  parts.set(app, { model, miniPrograms });
  await app.register(stubRoutes, {
    ...(options.stubRequestTimeoutMs !== undefined ? { requestTimeoutMs: options.stubRequestTimeoutMs } : {}),
    bridgeTargets: targets.value,
    ...(options.bridgeLimits !== undefined ? { bridgeLimits: options.bridgeLimits } : {}),
    registry: miniPrograms,
    model,
    ...(options.judge ? { judge: options.judge } : {}),
  });
  await app.register(miniProgramRoutes, {
    registry: miniPrograms,
    ...(options.stubRequestTimeoutMs !== undefined ? { requestTimeoutMs: options.stubRequestTimeoutMs } : {}),
    bridgeTargets: targets.value,
    ...(options.bridgeLimits !== undefined ? { limits: options.bridgeLimits } : {}),
    model,
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.pageRequests ? { pageRequests: options.pageRequests } : {}),
  });
  return app;
}
