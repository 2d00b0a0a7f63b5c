import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { KeyMaterial } from '../keys/key-material.js';
import { foreignAesKeyFor } from '../protocol/index.js';
import type { Clock } from './clock.js';
import { EnvelopeCache } from './envelope-cache.js';
import { FOREIGN_PRIVATE_KEY_PEM } from './foreign-key.js';
import type { StoreLimits } from './limits.js';
import { Store } from './store.js';

export interface GatewayModelOptions {
  keys: KeyMaterial;
  clock: Clock;
  /** seeds fake users (and rules without their own seed) */
  seed?: number;
  /** entries the journal keeps; default 5,000 (under load its size, not its byte bound, sets the heap's size) */
  journalCapacity?: number;
  /** the journal's bound in (estimated) bytes; default 16 MiB */
  journalMaxBytes?: number;
  maxSessions?: number;
  /** caps on admin collections, per session and in total (see limits.ts) */
  limits?: Partial<StoreLimits>;
  envelopeCacheSize?: number;
  /** the envelope cache's bound in (estimated) bytes; default 4 MiB */
  envelopeCacheBytes?: number;
  /** auth code lifetime, ms (default 5 minutes) */
  authCodeTtlMs?: number;
}

/** The model the routes share: state, keys, caches. Built once per gateway instance. */
export interface GatewayModel {
  store: Store;
  keys: KeyMaterial;
  clock: Clock;
  cache: EnvelopeCache;
  authCodeTtlMs: number;
  /** a foreign RSA key (a fixed one, not Alipay's) and another app's AES key, for tampering */
  foreign(): { privateKey: KeyObject; aesKey: string };
}

/** The foreign RSA key (foreign-key.ts), parsed once per process and shared by its gateways. */
let foreignKey: KeyObject | undefined;

function sharedForeignKey(): KeyObject {
  foreignKey ??= createPrivateKey(FOREIGN_PRIVATE_KEY_PEM);
  return foreignKey;
}

export function createGatewayModel(options: GatewayModelOptions): GatewayModel {
  let foreign: { privateKey: KeyObject; aesKey: string } | undefined;
  return {
    store: new Store({
      defaultAppId: options.keys.appId,
      clock: options.clock,
      seed: options.seed ?? 20260101,
      journalCapacity: options.journalCapacity ?? 5_000,
      maxSessions: options.maxSessions ?? 10_000,
      ...(options.journalMaxBytes !== undefined ? { journal: { maxBytes: options.journalMaxBytes } } : {}),
      ...(options.limits !== undefined ? { limits: options.limits } : {}),
    }),
    keys: options.keys,
    clock: options.clock,
    cache: new EnvelopeCache(options.envelopeCacheSize ?? 50_000, options.envelopeCacheBytes),
    authCodeTtlMs: options.authCodeTtlMs ?? 5 * 60_000,
    foreign() {
      foreign ??= {
        privateKey: sharedForeignKey(),
        aesKey: foreignAesKeyFor(options.keys.aesKey),
      };
      return foreign;
    },
  };
}
