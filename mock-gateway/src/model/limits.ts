/**
 * How much state the gateway keeps, so that no sequence of requests can grow it without bound. Each admin collection
 * is capped per session (the global state is a session too) and in total over all sessions; a write past a cap is
 * refused with a 4xx that says which cap and what to do, never a slow or dying gateway.
 */
export interface StoreLimits {
  /** members a session may add (POST /__admin/users) */
  usersPerSession: number;
  /** app overlays (POST/PATCH /__admin/apps) a session may hold */
  appsPerSession: number;
  /** consent records (POST /__admin/consents, POST /jsapi/authorize) a session may hold */
  consentsPerSession: number;
  /** fault rules a session may hold (every rule is consulted on each call of that session) */
  rulesPerSession: number;
  /** the same, summed over every session */
  usersTotal: number;
  appsTotal: number;
  consentsTotal: number;
  rulesTotal: number;
}

export const DEFAULT_LIMITS: StoreLimits = Object.freeze({
  usersPerSession: 10_000,
  appsPerSession: 1_000,
  consentsPerSession: 10_000,
  rulesPerSession: 500,
  usersTotal: 50_000,
  appsTotal: 10_000,
  consentsTotal: 100_000,
  rulesTotal: 10_000,
});

export type LimitedKind = 'users' | 'apps' | 'consents' | 'rules';

/**
 * How far a session's clock (or the global one) may be moved from the gateway's own clock: 100 years either way,
 * so that every session time, plus a consent lifetime, stays well inside what a JavaScript Date can hold.
 */
export const MAX_CLOCK_OFFSET_MS = 100 * 365.25 * 24 * 3600 * 1000;
