import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { beijingTime, OAuthTokens, tokenResponseJson } from './oauth.js';
import { mergeParams } from './openapi-request.js';
import { GLOBAL, Store } from './store.js';
import { DEMO_USER } from './users.js';

const APP = '2021000000000001';

function setup() {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const store = new Store({ defaultAppId: APP, clock, seed: 1, journalCapacity: 10, maxSessions: 10 });
  const oauth = new OAuthTokens(store, 3);
  const code = (c: string, session = GLOBAL) =>
    store.addAuthCode({
      code: c,
      session,
      appId: APP,
      userId: DEMO_USER.userId,
      scopes: ['auth_base'],
      expiresAt: clock.now() + 60_000,
    });
  return { clock, store, oauth, code };
}

describe('OAuthTokens', () => {
  it('peeking does not consume; exchanging does, once', () => {
    const { oauth, code } = setup();
    code('c1', 's1');
    expect(oauth.peekCode('c1')).toEqual({ session: 's1', appId: APP, userId: DEMO_USER.userId });
    expect(oauth.peekCode('c1')).toBeDefined();
    const g = oauth.exchangeCode('c1', APP);
    expect(g.ok && g.value.session).toBe('s1');
    expect(oauth.exchangeCode('c1', APP)).toEqual({ ok: false, reason: 'isv.code-invalid' });
    expect(oauth.peekCode('c1')).toBeUndefined();
  });

  it('wrong app or session: invalid, code kept; expired: invalid', () => {
    const { oauth, code, clock } = setup();
    code('c2', 's1');
    expect(oauth.exchangeCode('c2', 'other-app').ok).toBe(false);
    expect(oauth.exchangeCode('c2', APP, 's2').ok).toBe(false);
    expect(oauth.peekCode('c2')).toBeDefined();
    clock.advance(60_000);
    expect(oauth.exchangeCode('c2', APP, 's1')).toEqual({ ok: false, reason: 'isv.code-invalid' });
  });

  it('refresh tokens rotate, are bounded (oldest evicted), and die with a reset', () => {
    const { oauth, code, store } = setup();
    const grants = ['a', 'b', 'c', 'd'].map((c) => {
      code(c);
      const g = oauth.exchangeCode(c, APP);
      if (!g.ok) throw new Error(g.reason);
      return g.value;
    });
    expect(oauth.size).toBe(3);
    expect(oauth.peekRefreshToken(grants[0]?.refreshToken ?? '')).toBeUndefined();
    const r = oauth.refresh(grants[1]?.refreshToken ?? '', APP);
    expect(r.ok && r.value.userId).toBe(DEMO_USER.userId);
    expect(oauth.refresh(grants[1]?.refreshToken ?? '', APP)).toEqual({
      ok: false,
      reason: 'isv.refresh-token-invalid',
    });
    store.resetAll();
    expect(oauth.refresh(grants[3]?.refreshToken ?? '', APP)).toEqual({
      ok: false,
      reason: 'isv.refresh-token-invalid',
    });
  });

  it('formats the answer and Beijing time', () => {
    expect(beijingTime(Date.UTC(2026, 0, 1, 16, 30, 5))).toBe('2026-01-02 00:30:05');
    const json = tokenResponseJson({
      accessToken: 'a',
      expiresIn: 1296000,
      reExpiresIn: 2592000,
      refreshToken: 'r',
      userId: 'u',
      openId: 'o',
      authStart: 't',
      session: 's',
      appId: 'x',
    });
    expect(json).toBe(
      '{"access_token":"a","expires_in":1296000,"re_expires_in":2592000,"refresh_token":"r","user_id":"u","open_id":"o","auth_start":"t"}',
    );
  });
});

describe('mergeParams', () => {
  it('query first, then body; arrays keep their first value; non-strings dropped', () => {
    expect({ ...mergeParams({ a: '1', r: ['x', 'y'] }, { a: '2', b: '3', n: 4, o: { z: 1 } }) }).toEqual({
      a: '1',
      r: 'x',
      b: '3',
      n: '4',
    });
    expect({ ...mergeParams(undefined, 'text') }).toEqual({});
  });
});
