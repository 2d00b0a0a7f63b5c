import type { InjectOptions } from 'fastify';
import { mulberry32 } from '../model/prng.js';

/** One generated request that must be refused with a 4xx. */
export interface MalformedRequest {
  /** what is wrong with it, for failure messages */
  label: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** raw body text (sent as is) */
  payload?: string;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

interface FieldSpec {
  /** JSON types the field accepts */
  types: JsonType[];
  /** a string field whose every value is constrained (pattern, enum or short maxLength): odd strings are invalid */
  constrained?: boolean;
}

/** A body route and the shape of a valid body, so that a single mutation makes it invalid. */
interface BodyRoute {
  method: 'POST' | 'PATCH';
  url: string;
  /** a valid body that the mutations start from */
  base: Record<string, unknown>;
  required: string[];
  fields: Record<string, FieldSpec>;
}

const S = (constrained = true): FieldSpec => ({ types: ['string'], constrained });
const who = { session: S(), userId: S(), appId: S() };
const DEMO_APP = '2021000000000001';

export const BODY_ROUTES: BodyRoute[] = [
  { method: 'POST', url: '/jsapi/getPhoneNumber', base: {}, required: [], fields: { ...who, mobile: S() } },
  {
    method: 'POST',
    url: '/jsapi/authorize',
    base: { scope: 'phoneNumber', decision: 'allow', userId: '2088000000000001' },
    required: ['scope', 'decision'],
    fields: { ...who, scope: S(), decision: S() },
  },
  {
    method: 'POST',
    url: '/jsapi/getAuthCode',
    base: { scopes: ['auth_base'] },
    required: ['scopes'],
    fields: { ...who, scopes: { types: ['string', 'array'], constrained: true } },
  },
  { method: 'POST', url: '/jsapi/getSetting', base: {}, required: [], fields: who },
  {
    method: 'POST',
    url: '/__admin/apps',
    base: { appId: 'new-app', phonePackage: 'added' },
    required: ['appId'],
    fields: {
      session: S(),
      appId: S(),
      alipayPublicKeySet: { types: ['boolean'] },
      signType: { types: ['string', 'null'], constrained: true },
      aesKeyStatus: S(),
      aesKey: S(),
      appGatewaySet: { types: ['boolean'] },
      phonePackage: S(),
      envelopeForm: S(),
      consentTtlMs: { types: ['integer', 'null'] },
    },
  },
  {
    method: 'PATCH',
    url: `/__admin/apps/${DEMO_APP}`,
    base: { phonePackage: 'not-added' },
    required: [],
    fields: {
      session: S(),
      alipayPublicKeySet: { types: ['boolean'] },
      signType: { types: ['string', 'null'], constrained: true },
      aesKeyStatus: S(),
      appGatewaySet: { types: ['boolean'] },
      phonePackage: S(),
      envelopeForm: S(),
      consentTtlMs: { types: ['integer', 'null'] },
    },
  },
  {
    method: 'POST',
    url: '/__admin/users',
    base: { count: 2 },
    required: [],
    fields: {
      session: S(),
      userId: S(),
      mobile: S(),
      noMobile: { types: ['boolean'] },
      nickName: S(false),
      count: { types: ['integer'] },
      consent: S(),
      appId: S(),
    },
  },
  {
    method: 'POST',
    url: '/__admin/consents',
    base: { decision: 'deny' },
    required: ['decision'],
    fields: { ...who, decision: S(), ttlMs: { types: ['integer', 'null'] } },
  },
  { method: 'POST', url: '/__admin/consents/expire', base: {}, required: [], fields: who },
  {
    method: 'POST',
    url: '/__admin/clock',
    base: { advanceMs: 1000 },
    required: ['advanceMs'],
    fields: { session: S(), advanceMs: { types: ['integer'] } },
  },
  {
    method: 'POST',
    url: '/__admin/rules',
    base: { action: { kind: 'reset' }, scope: { api: 'gateway' } },
    required: ['action'],
    fields: {
      session: S(),
      action: { types: ['object'] },
      scope: { types: ['object'] },
      times: { types: ['integer'] },
      probability: { types: ['number'] },
      seed: { types: ['integer', 'string'] },
      note: S(false),
    },
  },
];

/** Values of each JSON type, to put where the type is wrong. */
const VALUES_OF: Record<JsonType, unknown[]> = {
  string: ['x', '', '123', 'true'],
  number: [1.5, -3.25, 1e300],
  integer: [0, 7, -1, 2 ** 53],
  boolean: [true, false],
  null: [null],
  array: [[], ['a'], [{}], [1, 2]],
  object: [{}, { a: 1 }],
};

function wrongTypeValues(spec: FieldSpec): unknown[] {
  const ok = new Set(spec.types);
  if (ok.has('number')) ok.add('integer');
  return (Object.keys(VALUES_OF) as JsonType[]).filter((t) => !ok.has(t)).flatMap((t) => VALUES_OF[t]);
}

/** Strings no constrained string field accepts. */
const ODD_STRINGS = [
  '😀',
  'a\u0000b',
  '\u0000',
  'caf\u00e9',
  '中文',
  '\u202etxt',
  'a b',
  '../etc/passwd',
  '<script>',
  "' OR 1=1 --",
  '\ud800',
  'x\udfffy',
  '\u2028',
];

const deep = (levels: number, leaf = '1') => `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const json = { 'content-type': 'application/json' };

/** A seeded generator of malformed requests against the admin and JSAPI routes; at least `min` of them. */
export function malformedRequests(seed: number, min: number): MalformedRequest[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: MalformedRequest[] = [];
  const body = (r: BodyRoute, label: string, value: unknown, headers: Record<string, string> = json) =>
    out.push({
      label: `${r.method} ${r.url}: ${label}`,
      method: r.method,
      url: r.url,
      headers,
      payload: JSON.stringify(value),
    });
  const raw = (r: BodyRoute, label: string, payload: string, headers: Record<string, string> = json) =>
    out.push({ label: `${r.method} ${r.url}: ${label}`, method: r.method, url: r.url, headers, payload });

  for (const r of BODY_ROUTES) {
    for (const [field, spec] of Object.entries(r.fields)) {
      // wrong types for every field (numbers as strings included: every non-string field gets '123' / 'true')
      for (const v of wrongTypeValues(spec)) body(r, `${field} = ${JSON.stringify(v)}`, { ...r.base, [field]: v });
      if (spec.types.includes('string') && spec.constrained) {
        // unicode, emoji, NUL, lone surrogates, and huge strings where the field has a fixed shape
        for (const s of ODD_STRINGS) body(r, `${field} = ${JSON.stringify(s)}`, { ...r.base, [field]: s });
        body(r, `${field} = 100k chars`, { ...r.base, [field]: 'A'.repeat(100_000) });
      }
      // a field holding 10k levels of nesting
      raw(
        r,
        `${field} = 10k-deep object`,
        `{${Object.entries(r.base)
          .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`)
          .join('')}${JSON.stringify(field)}:${deep(10_000)}}`,
      );
    }
    for (const field of r.required) {
      const { [field]: _dropped, ...rest } = r.base;
      body(r, `missing ${field}`, rest);
    }
    for (const unknown of [
      'extra',
      'userid',
      'Session',
      '😀',
      'a\u0000b',
      'toString',
      'hasOwnProperty',
      'x'.repeat(1000),
    ]) {
      body(r, `unknown field ${JSON.stringify(unknown).slice(0, 20)}`, {
        ...r.base,
        [unknown]: pick([1, 'x', true, null, {}]),
      });
    }
    // prototype pollution attempts
    raw(r, '__proto__ key', `{"__proto__":{"polluted":"yes"},${JSON.stringify(r.base).slice(1)}`);
    raw(r, 'nested __proto__', `{"x":{"__proto__":{"polluted":"yes"}}}`);
    raw(r, 'constructor.prototype', `{"constructor":{"prototype":{"polluted":"yes"}}}`);
    raw(r, '__proto__ only', '{"__proto__":{"polluted":"yes"}}');
    // not JSON, or not an object
    for (const bad of [
      '{',
      '{"a":1,}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":undefined}',
      'nul',
      '{"a":1}}',
      '\u0000',
      '{"a":"\\x41"}',
      '{"a":01}',
    ]) {
      raw(r, `invalid JSON ${JSON.stringify(bad)}`, bad);
    }
    for (const notObj of ['[]', `[${JSON.stringify(r.base)}]`, '"text"', '42', 'true', 'null'])
      raw(r, `body ${notObj.slice(0, 20)}`, notObj);
    raw(r, 'empty body with a JSON content-type', '');
    out.push({ label: `${r.method} ${r.url}: no body at all`, method: r.method, url: r.url });
    raw(r, 'whole body 10k levels deep', deep(10_000));
    raw(r, 'whole body 10k nested arrays', deepArray(10_000));
    raw(r, 'body over 1 MiB', JSON.stringify({ ...r.base, pad: 'x'.repeat(1024 * 1024 + 10) }));
    // wrong content types
    for (const ct of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/x-www-form-urlencoded',
    ]) {
      raw(r, `content-type ${ct}`, JSON.stringify(r.base), { 'content-type': ct });
    }
    const form = new URLSearchParams(
      Object.entries(r.base).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    raw(r, 'form-encoded body', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    // invalid session ids: header, body
    for (const s of ['a b', 'x'.repeat(129), '../up', 'sess/1', '😀', 'a\tb']) {
      raw(r, `session header ${JSON.stringify(s).slice(0, 20)}`, JSON.stringify(r.base), {
        ...json,
        'x-alimock-session': encodeHeader(s),
      });
      body(r, `session field ${JSON.stringify(s).slice(0, 20)}`, { ...r.base, session: s });
    }
  }

  // query-string routes
  const queries = [
    'session=a%20b',
    'session=',
    'sesion=x',
    'session=x&session=y',
    'limit=abc',
    'limit=0',
    'after=-1',
    'after=1e3',
    `api=${'x'.repeat(40)}`,
    'outcome[]=1',
    'limit=10001',
  ];
  for (const path of ['/__admin/journal', '/__admin/journal/count']) {
    for (const q of queries) out.push({ label: `GET ${path}?${q}`, method: 'GET', url: `${path}?${q}` });
  }
  for (const path of [
    '/__admin/apps',
    '/__admin/users',
    '/__admin/consents',
    '/__admin/rules',
    '/__admin/clock',
    `/__admin/apps/${DEMO_APP}`,
  ]) {
    for (const q of ['session=a%20b', 'session=%00', `session=${'y'.repeat(200)}`, 'other=1', 'session=%F0%9F%98%80']) {
      out.push({ label: `GET ${path}?${q}`, method: 'GET', url: `${path}?${q}` });
    }
  }
  for (const q of ['session=a%20b', 'session=%2e%2e%2f', 'x=1'])
    out.push({ label: `POST /__admin/reset?${q}`, method: 'POST', url: `/__admin/reset?${q}` });
  for (const id of ['abc', 'rule-', 'rule-x', 'rule-1234567890123', '%00', 'rule-1%20']) {
    out.push({ label: `DELETE /__admin/rules/${id}`, method: 'DELETE', url: `/__admin/rules/${id}` });
  }
  for (const id of ['a%20b', 'x'.repeat(65), '%F0%9F%98%80', 'a.b']) {
    out.push({ label: `GET /__admin/apps/${id}`, method: 'GET', url: `/__admin/apps/${id}` });
    out.push({
      label: `PATCH /__admin/apps/${id}`,
      method: 'PATCH',
      url: `/__admin/apps/${id}`,
      headers: json,
      payload: '{"phonePackage":"added"}',
    });
    out.push({ label: `GET /__admin/users/${id}`, method: 'GET', url: `/__admin/users/${id}` });
  }

  // top up with random combinations until there are enough
  let i = 0;
  while (out.length < min) {
    const r = pick(BODY_ROUTES);
    const [field, spec] = pick(Object.entries(r.fields));
    const v = pick(wrongTypeValues(spec));
    body(r, `random #${i++}: ${field} = ${JSON.stringify(v)} + unknown`, {
      ...r.base,
      [field]: v,
      [`zz${i}`]: pick([1, 'x', [], {}]),
    });
  }
  return out;
}

/** Headers must be Latin-1: non-Latin-1 session ids go out percent-encoded (still invalid ids). */
function encodeHeader(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : encodeURIComponent(s);
}

export function toInject(r: MalformedRequest): InjectOptions {
  return {
    method: r.method,
    url: r.url,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(r.payload !== undefined ? { payload: r.payload } : {}),
  };
}
