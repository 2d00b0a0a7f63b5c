import type { InjectOptions } from 'fastify';
import { mulberry32 } from '../model/prng.js';
import { ENVELOPE_VARIANTS, OUTCOME_IDS, TAMPERINGS } from '../protocol/index.js';

/**
 * A seeded generator of hostile requests over every route family: the admin API, the JSAPI bridge, /gateway.do,
 * the stub (assets and the my.request bridge), the OpenAPI document and routes that do not exist. Bodies mix
 * valid and invalid fields, every session form, odd types, huge and deeply nested values, wrong content types and
 * foreign origins. Rules it creates may answer a 5xx on purpose: with the body `FUZZ_FAULT_BODY` or the catalogue's
 * INJECTED_STATUS, so a test can tell them from a real failure.
 */

export type RouteFamily = 'admin' | 'jsapi' | 'gateway' | 'stub' | 'bridge' | 'openapi' | 'unknown';

export interface FuzzRequest {
  family: RouteFamily;
  inject: InjectOptions;
}

export const FUZZ_FAULT_BODY = 'fuzz: a deliberate fault';

const APP = '2021000000000001';
const USER = '2088000000000001';

export function fuzzRequests(seed: number, count: number, bridgeTarget: string): FuzzRequest[] {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;

  const sessions = ['fz-a', 'fz-b', 'fz-c', '', ' ', 'a b', 'x'.repeat(129), '😀', '../x', 'fz-d:1.2_3'];
  const strings = [
    '',
    'x',
    '2088000000000001',
    APP,
    '13800138000',
    '中文',
    '\u0000',
    '\ud800',
    'a\r\nb',
    '<script>',
    '../../etc/passwd',
    '%00',
    'x'.repeat(2_000),
  ];
  const scalar = (): unknown =>
    pick([
      () => pick(strings),
      () => int(2 ** 31) - 2 ** 30,
      () => pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53, 315_360_000_000, -315_360_000_000]),
      () => chance(0.5),
      () => null,
    ])();
  const value = (depth = 0): unknown => {
    if (depth > 3 || chance(0.6)) return scalar();
    if (chance(0.5)) return Array.from({ length: int(4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: int(4) }, () => [pick(['a', 'session', 'x', '__proto__x']), value(depth + 1)]),
    );
  };
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  const sessionHeader = (): Record<string, string> => (chance(0.5) ? {} : { 'x-alimock-session': pick(sessions) });
  const browserish = (): Record<string, string> =>
    pick<Record<string, string>>([
      {},
      {},
      {},
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
      { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
    ]);
  const contentType = () =>
    pick([
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]);
  /** A body: mostly a JSON object of valid fields with one thing wrong, sometimes raw garbage. */
  const body = (fields: Record<string, () => unknown>): string => {
    if (chance(0.05))
      return pick(['', '{', 'null', '[]', '"x"', deep(20_000), `{"a":${deep(100_000)}}`, '{"__proto__":{"p":1}}']);
    const o: Record<string, unknown> = {};
    for (const [k, make] of Object.entries(fields)) if (chance(0.6)) o[k] = make();
    if (chance(0.3)) o.session = chance(0.7) ? pick(sessions) : scalar();
    if (chance(0.1)) o[pick(['extra', 'constructor', 'Session'])] = value();
    if (chance(0.15)) o[pick(Object.keys(fields).concat('x'))] = value();
    return JSON.stringify(o);
  };
  const query = () =>
    chance(0.6)
      ? ''
      : `?${pick([
          `session=${encodeURIComponent(pick(sessions))}`,
          'session=',
          'session=a&session=b',
          'limit=5',
          'limit=0',
          'after=3',
          'api=getPhoneNumber',
          'outcome=40003',
          'x=1',
          `token=${'t'.repeat(10)}`,
        ])}`;

  const rule = (): unknown => {
    const action = pick([
      () => ({
        kind: 'outcome',
        outcome: pick(OUTCOME_IDS),
        ...(chance(0.5) ? { variant: pick(ENVELOPE_VARIANTS) } : {}),
      }),
      () => ({ kind: 'envelope', variant: pick(ENVELOPE_VARIANTS) }),
      () => ({ kind: 'tamper', tampering: pick(TAMPERINGS) }),
      () => ({ kind: 'latency', ms: 0 }),
      ...Array.from({ length: 3 }, () => () => ({
        kind: 'status',
        status: pick([200, 204, 400, 418, 500, 502, 503]),
        ...(chance(0.5) ? { body: FUZZ_FAULT_BODY } : {}),
      })),
      () => ({ kind: pick(['explode', 'reset', 'no-answer']), holdMs: 'x' }),
      () => value(),
    ])();
    return {
      action,
      ...(chance(0.7) ? { times: pick([1, 2, 3, 5, 10, 0, -1, 1.5]) } : {}),
      ...(chance(0.3) ? { probability: pick([0, 0.5, 1, 2, Number.NaN]) } : {}),
      ...(chance(0.4)
        ? { scope: { api: pick(['getPhoneNumber', 'authorize', 'getAuthCode', 'getSetting', 'gateway', 'any', 'x']) } }
        : {}),
      ...(chance(0.2) ? { seed: scalar() } : {}),
    };
  };

  const admin = (): InjectOptions => {
    const r = int(16);
    const json = (method: 'POST' | 'PATCH', url: string, payload: string): InjectOptions => ({
      method,
      url: url + query(),
      headers: { 'content-type': contentType(), ...sessionHeader(), ...browserish() },
      payload,
    });
    switch (r) {
      case 0:
        return json('POST', '/__admin/reset', chance(0.5) ? '{}' : body({}));
      case 1:
        return json(
          'POST',
          '/__admin/clock',
          body({ advanceMs: () => pick([1000, 315_360_000_000, -315_360_000_000, 1.5, '10']) }),
        );
      case 2:
        return json(
          'POST',
          '/__admin/apps',
          body({
            appId: () => pick(['fz-app', APP, '', 'a b']),
            aesKey: () => pick(['AAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA==', 'x']),
            phonePackage: () => pick(['added', 'no']),
          }),
        );
      case 3:
        return json(
          'PATCH',
          `/__admin/apps/${pick([APP, 'fz-app', 'nope', '%00', 'a.b'])}`,
          body({
            aesKey: () =>
              pick([
                'AAAAAAAAAAAAAAAA',
                'AAAAAAAAAAAAAAAAAAAAAAAAAAAA',
                'AAAAAAAAAAAAAAAAAAAAAA==',
                'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
              ]),
            aesKeyStatus: () => pick(['set', 'not-set', 'unusable', 'x']),
            signType: () => pick(['RSA2', 'RSA', null, 'RSA3']),
            consentTtlMs: () => pick([null, 0, 1000, 315_360_000_000, -1]),
            envelopeForm: () => pick(['long', 'short']),
            alipayPublicKeySet: () => chance(0.5),
          }),
        );
      case 4:
        return json(
          'POST',
          '/__admin/users',
          body({
            count: () => pick([1, 2, 1000, 1001, 0]),
            mobile: () => pick(['13900000000', '', 'abc']),
            noMobile: () => chance(0.5),
            consent: () => pick(['allow', 'none', 'deny']),
            userId: () => pick(['2088000000000099', '123']),
          }),
        );
      case 5:
        return json(
          'POST',
          '/__admin/consents',
          body({
            decision: () => pick(['allow', 'deny', 'none', 'x']),
            ttlMs: () => pick([null, 0, 60_000, -5]),
            userId: () => pick([USER, '2088999999999999']),
            appId: () => pick([APP, 'fz-app']),
          }),
        );
      case 6:
        return json('POST', '/__admin/consents/expire', body({ userId: () => USER }));
      case 7:
        return json('POST', '/__admin/rules', JSON.stringify(rule()));
      case 8:
        return {
          method: 'DELETE',
          url: `/__admin/rules/${pick(['rule-1', 'rule-2', 'rule-99', 'x'])}${query()}`,
          headers: { ...sessionHeader(), ...browserish() },
        };
      case 9:
        return { method: 'DELETE', url: `/__admin/rules${query()}`, headers: { ...sessionHeader(), ...browserish() } };
      default:
        return {
          method: pick(['GET', 'GET', 'HEAD', 'PUT', 'OPTIONS']),
          url:
            pick([
              '/__admin/health',
              '/__admin/sessions',
              '/__admin/keys',
              '/__admin/clock',
              '/__admin/apps',
              `/__admin/apps/${APP}`,
              '/__admin/users',
              `/__admin/users/${USER}`,
              '/__admin/consents',
              '/__admin/rules',
              '/__admin/journal',
              '/__admin/journal/count',
            ]) + query(),
          headers: sessionHeader(),
        };
    }
  };

  const jsapi = (): InjectOptions => {
    const [url, fields] = pick<[string, Record<string, () => unknown>]>([
      [
        '/jsapi/getPhoneNumber',
        {
          mobile: () => pick(['13900000000', `139${String(int(1e8)).padStart(8, '0')}`, '', 'x']),
          userId: () => pick([USER, '2088999999999999']),
          appId: () => pick([APP, 'fz-app', 'nope']),
        },
      ],
      [
        '/jsapi/authorize',
        {
          scope: () => pick(['phoneNumber', 'x']),
          decision: () => pick(['allow', 'deny', 'maybe']),
          userId: () => USER,
        },
      ],
      ['/jsapi/getAuthCode', { scopes: () => pick(['auth_base', ['auth_user'], [], 'x']) }],
      ['/jsapi/getSetting', { appId: () => APP }],
    ]);
    return {
      method: 'POST',
      url: url + (chance(0.1) ? query() : ''),
      headers: { 'content-type': contentType(), ...sessionHeader(), ...browserish() },
      payload: body(fields),
    };
  };

  const gateway = (): InjectOptions => {
    const params: Record<string, string> = {};
    for (const [k, make] of Object.entries<() => string>({
      app_id: () => pick([APP, '', 'x']),
      method: () => pick(['alipay.system.oauth.token', 'x']),
      format: () => pick(['JSON', 'XML']),
      charset: () => 'utf-8',
      sign_type: () => pick(['RSA2', 'RSA', 'X']),
      sign: () => pick(['AAAA', '', '!!!']),
      timestamp: () => pick(['2026-01-01 08:00:00', 'now']),
      version: () => '1.0',
      grant_type: () => pick(['authorization_code', 'refresh_token', 'x']),
      code: () => pick(['x', '']),
      app_cert_sn: () => 'x',
      pad: () => 'p'.repeat(pick([10, 100_000])),
    }))
      if (chance(0.7)) params[k] = make();
    const form = new URLSearchParams(params).toString();
    return chance(0.5)
      ? {
          method: 'POST',
          url: '/gateway.do',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...sessionHeader(), ...browserish() },
          payload: form,
        }
      : {
          method: pick(['POST', 'GET']),
          url: `/gateway.do?${form.slice(0, 4_000)}`,
          headers: { ...sessionHeader(), 'content-type': contentType() },
          payload: chance(0.5) ? '{"a":1}' : '',
        };
  };

  const stub = (): InjectOptions => ({
    method: pick(['GET', 'GET', 'HEAD', 'POST']),
    url: pick([
      '/stub/',
      '/stub/index.html',
      '/stub/runtime.js',
      '/stub/style.css',
      '/stub/pages/faq-sample.js',
      '/stub/my.d.ts',
      '/stub/../keys/alipay-private.pem',
      '/stub/%2e%2e/x',
    ]),
    headers: browserish(),
  });

  const bridge = (): InjectOptions => {
    const url = pick([
      `${bridgeTarget}/ok`,
      `${bridgeTarget}/deep`,
      `${bridgeTarget}/text`,
      `${bridgeTarget}/redirect-admin`,
      `${bridgeTarget}/big`,
      'http://localhost:80/__admin/reset',
      'http://192.0.2.1/',
      'file:///etc/passwd',
      'http://0.0.0.0:1/',
      'not a url',
    ]);
    return {
      method: 'POST',
      url: '/stub/request',
      headers: { 'content-type': chance(0.9) ? 'application/json' : contentType(), ...browserish() },
      payload: chance(0.05)
        ? `{"url":"${bridgeTarget}/ok","method":"POST","data":${deep(100_000)}}`
        : JSON.stringify({
            url,
            ...(chance(0.5) ? { method: pick(['GET', 'POST', 'put', 'TRACE', 'FETCH']) } : {}),
            ...(chance(0.3)
              ? { headers: pick([{ a: 'b' }, { 'a b': 'x' }, { x: 'a\r\nb' }, { x: 1 }, { x: {} }, { host: 'evil' }]) }
              : {}),
            ...(chance(0.4) ? { data: value() } : {}),
            ...(chance(0.2) ? { timeout: pick([0, 1, 100, -1, 'x']) } : {}),
            ...(chance(0.3) ? { dataType: pick(['json', 'text', 'base64', 'arraybuffer', 'xml']) } : {}),
          }),
    };
  };

  const openapi = (): InjectOptions => ({ method: 'GET', url: '/__admin/openapi.json' });
  const unknown = (): InjectOptions => ({
    method: pick(['GET', 'POST', 'DELETE', 'PATCH']),
    url: pick([
      '/',
      '/x',
      '/__admin',
      '/__admin/',
      '/jsapi/x',
      '/gateway',
      '/%',
      '/..%2f..%2fetc',
      `/${'a'.repeat(5_000)}`,
    ]),
    headers: { 'content-type': contentType() },
    payload: chance(0.5) ? '{}' : 'x',
  });

  const families: Array<[RouteFamily, () => InjectOptions, number]> = [
    ['admin', admin, 40],
    ['jsapi', jsapi, 25],
    ['gateway', gateway, 12],
    ['stub', stub, 6],
    ['bridge', bridge, 8],
    ['openapi', openapi, 1],
    ['unknown', unknown, 8],
  ];
  const total = families.reduce((n, [, , w]) => n + w, 0);
  const out: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    let r = int(total);
    for (const [family, make, weight] of families) {
      if (r < weight) {
        out.push({ family, inject: make() });
        break;
      }
      r -= weight;
    }
  }
  return out;
}
