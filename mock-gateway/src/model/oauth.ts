import { randomBytes } from 'node:crypto';
import { alipayJsonObject, type OpenApiErrorId } from '../protocol/openapi-response.js';
import { err, ok, type Result } from '../protocol/result.js';
import type { AuthCode, Layer, Store } from './store.js';

/** Lifetimes Alipay answers with (seconds): access token 15 days, refresh token 30 days. */
export const ACCESS_TOKEN_TTL_S = 1_296_000;
export const REFRESH_TOKEN_TTL_S = 2_592_000;

/** A refresh token the gateway issued, and what it stands for. */
interface TokenRecord {
  refreshToken: string;
  accessToken: string;
  session: string;
  appId: string;
  userId: string;
  scopes: string[];
  reExpiresAt: number;
  /** the session layer at issue time: a reset replaces the layer, and with it every token issued before */
  layer: Layer;
}

/** What `alipay.system.oauth.token` answers on success. */
export interface TokenGrant {
  accessToken: string;
  expiresIn: number;
  reExpiresIn: number;
  refreshToken: string;
  userId: string;
  openId: string;
  /** "yyyy-MM-dd HH:mm:ss", Beijing time */
  authStart: string;
  session: string;
  appId: string;
}

/** Where a code or refresh token belongs (looked up without consuming it). */
export interface GrantOwner {
  session: string;
  appId: string;
  userId: string;
}

/** "yyyy-MM-dd HH:mm:ss" in Beijing time (UTC+8), as the gateway writes times. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The exact JSON text of `alipay_system_oauth_token_response` (member order as Alipay writes it). */
export function tokenResponseJson(g: TokenGrant): string {
  return alipayJsonObject([
    ['access_token', g.accessToken],
    ['expires_in', g.expiresIn],
    ['re_expires_in', g.reExpiresIn],
    ['refresh_token', g.refreshToken],
    ['user_id', g.userId],
    ['open_id', g.openId],
    ['auth_start', g.authStart],
  ]);
}

function newToken(scopes: readonly string[]): string {
  // Alipay's tokens are 40 characters with a scope prefix: authusrB… (auth_user), authbseB… (auth_base)
  return `${scopes.includes('auth_user') ? 'authusrB' : 'authbseB'}${randomBytes(16).toString('hex')}`;
}

/**
 * OAuth state of the gateway: auth codes come from the store (`/jsapi/getAuthCode`, single use, expiring), refresh
 * tokens live here. Both belong to the session the code was issued in; a session reset (or a global reset) voids
 * the tokens issued in it. Refresh tokens are single use: each grant answers a new one.
 */
export class OAuthTokens {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(
    private readonly store: Store,
    private readonly maxTokens = 100_000,
  ) {}

  /** Where a code belongs, without consuming it. */
  peekCode(code: string): GrantOwner | undefined {
    const c = this.store.takeAuthCode(code);
    if (!c) return undefined;
    this.store.addAuthCode(c);
    return { session: c.session, appId: c.appId, userId: c.userId };
  }

  /** Where a live refresh token belongs, without consuming it. */
  peekRefreshToken(token: string): GrantOwner | undefined {
    const t = this.live(token);
    return t && { session: t.session, appId: t.appId, userId: t.userId };
  }

  /**
   * `grant_type=authorization_code`: consumes the code. Invalid when unknown, used, expired, issued to another app,
   * or (when the caller names a session) issued in another session.
   */
  exchangeCode(code: string, appId: string, session?: string): Result<TokenGrant, OpenApiErrorId> {
    const c: AuthCode | undefined = this.store.takeAuthCode(code);
    if (!c) return err('isv.code-invalid');
    if (c.appId !== appId || (session !== undefined && c.session !== session)) {
      // another app or session cannot burn the code
      this.store.addAuthCode(c);
      return err('isv.code-invalid');
    }
    if (this.store.now(c.session) >= c.expiresAt) return err('isv.code-invalid');
    return this.issue(c.session, c.appId, c.userId, c.scopes, 'isv.code-invalid');
  }

  /** `grant_type=refresh_token`: rotates the refresh token. */
  refresh(token: string, appId: string, session?: string): Result<TokenGrant, OpenApiErrorId> {
    const t = this.live(token);
    if (!t || t.appId !== appId || (session !== undefined && t.session !== session))
      return err('isv.refresh-token-invalid');
    this.tokens.delete(token);
    if (this.store.now(t.session) >= t.reExpiresAt) return err('isv.refresh-token-time-out');
    return this.issue(t.session, t.appId, t.userId, t.scopes, 'isv.refresh-token-invalid');
  }

  /** Live tokens (for tests and diagnostics). */
  get size(): number {
    return this.tokens.size;
  }

  private live(token: string): TokenRecord | undefined {
    const t = this.tokens.get(token);
    if (!t) return undefined;
    if (this.store.layer(t.session) !== t.layer) {
      this.tokens.delete(token);
      return undefined;
    }
    return t;
  }

  private issue(
    session: string,
    appId: string,
    userId: string,
    scopes: string[],
    invalid: OpenApiErrorId,
  ): Result<TokenGrant, OpenApiErrorId> {
    const user = this.store.user(session, userId);
    if (!user) return err(invalid);
    const now = this.store.now(session);
    const record: TokenRecord = {
      refreshToken: newToken(scopes),
      accessToken: newToken(scopes),
      session,
      appId,
      userId,
      scopes,
      reExpiresAt: now + REFRESH_TOKEN_TTL_S * 1000,
      layer: this.store.layer(session),
    };
    this.tokens.set(record.refreshToken, record);
    if (this.tokens.size > this.maxTokens) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    return ok({
      accessToken: record.accessToken,
      expiresIn: ACCESS_TOKEN_TTL_S,
      reExpiresIn: REFRESH_TOKEN_TTL_S,
      refreshToken: record.refreshToken,
      userId: user.userId,
      openId: user.openId,
      authStart: beijingTime(now),
      session,
      appId,
    });
  }
}
