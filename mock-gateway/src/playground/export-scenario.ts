/**
 * "Save as scenario": what a session did, read back from its journal, as a scenario file (the format of
 * `alimock run --scenarios FILE`, see docs/scenarios.md). The admin writes give the set-up (console settings, the
 * member, consents, fault rules), the page's taps, calls without a tap and the clock's moves give the steps in order,
 * and the backend's last answer to the phone request gives the expectation. Pure: entries in, a file out.
 */
import type { JournalEntry, JournalVerdict } from '../model/journal.js';
import { DEMO_USER } from '../model/users.js';

type Json = Record<string, unknown>;

export type ScenarioGiven =
  | { app: Json }
  | { member: { noMobile?: boolean; mobile?: string } }
  | { consent: 'none' | 'allow'; ttlMs?: number }
  | { rule: Json };

export type ScenarioStep =
  | { do: 'tap-authorize'; choice: 'allow' | 'deny' }
  | { do: 'call-get-phone-number' }
  | { do: 'advance-clock'; ms: number }
  | { do: 'expire-consent' };

export type ScenarioExpectation =
  | { kind: 'accepted'; mobile: 'issued' }
  | { kind: 'rejected'; codes: string[] }
  | { kind: 'no-call' }
  | { kind: 'informational' };

/** One scenario of the scenario file format. */
export interface ExportedScenario {
  id: string;
  group: string;
  title: string;
  cause: string;
  given: ScenarioGiven[];
  steps: ScenarioStep[];
  expect: ScenarioExpectation;
  checks?: Array<'no-phone-call'>;
  explanation: string;
}

export interface ExportContext {
  session: string;
  /** the app the page runs as (the gateway's default app) */
  appId: string;
}

export type ExportResult =
  | { ok: true; value: { scenario: ExportedScenario; notes: string[] } }
  | { ok: false; reason: string };

/** Steps a scenario file holds at most. */
const MAX_STEPS = 100;

/** A mobile a scenario file accepts (a mainland number). */
const MOBILE_RE = /^1[3-9][0-9]{9}$/;

function parse(text: string | undefined): Json {
  if (text === undefined) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/** A session id as a scenario id: `^[a-z0-9][a-z0-9._-]{0,79}$`. */
export function scenarioIdFor(session: string): string {
  const slug = session
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return `playground-${slug || 'session'}`.slice(0, 80).replace(/[._-]+$/, '');
}

/** The rule as the admin API got it, without its session (a scenario's rules belong to the scenario's session). */
function ruleOf(body: Json): Json {
  const { session: _s, ...rule } = body;
  const scope = rule.scope;
  if (scope !== null && typeof scope === 'object' && !Array.isArray(scope)) {
    const { session: _ss, ...rest } = scope as Json;
    if (Object.keys(rest).length > 0) rule.scope = rest;
    else delete rule.scope;
  }
  return rule;
}

function describeRule(rule: Json): string {
  const action = (rule.action ?? {}) as Json;
  const times = typeof rule.times === 'number' ? `the next ${rule.times} call${rule.times === 1 ? '' : 's'}` : 'calls';
  const api = ((rule.scope ?? {}) as Json).api;
  const on = typeof api === 'string' && api !== 'any' ? ` to ${api}` : '';
  const what =
    action.kind === 'outcome'
      ? `answer ${String(action.outcome)}`
      : action.kind === 'tamper'
        ? `are tampered (${String(action.tampering)})`
        : action.kind === 'latency'
          ? `wait ${JSON.stringify(action.ms)} ms`
          : action.kind === 'status'
            ? `answer HTTP ${String(action.status)}`
            : action.kind === 'envelope'
              ? `come as the ${String(action.variant)} envelope`
              : `get ${String(action.kind)}`;
  return `${times}${on} ${what}`;
}

function describeVerdict(v: JournalVerdict): string {
  if (v.kind === 'accepted') return v.mobile === '' ? 'accepted without a mobile' : `accepted with ${v.mobile}`;
  if (v.kind === 'rejected') return `rejected with ${v.code}`;
  return `crashed (${v.reason})`;
}

interface Walk {
  app: Json;
  members: Map<string, { noMobile?: boolean; mobile?: string }>;
  consents: Array<{ userId: string; given: ScenarioGiven }>;
  rules: Map<string, Json>;
  steps: ScenarioStep[];
  /** members the page acted as, in order */
  actors: string[];
  /** admin writes after the first step (a scenario sets everything up before its steps) */
  late: string[];
  notes: string[];
  pendingTap: boolean;
  phoneCalls: number;
  denied: boolean;
  /** the verdicts of the phone requests (undefined: not judged) */
  verdicts: Array<JournalVerdict | undefined>;
}

function fresh(): Walk {
  return {
    app: {},
    members: new Map(),
    consents: [],
    rules: new Map(),
    steps: [],
    actors: [],
    late: [],
    notes: [],
    pendingTap: false,
    phoneCalls: 0,
    denied: false,
    verdicts: [],
  };
}

function admin(w: Walk, e: JournalEntry, ctx: ExportContext): Walk {
  const path = pathOf(e.url);
  const body = parse(e.request);
  const what = `${e.method} ${path}`;
  const setUp = () => {
    if (w.steps.length > 0) w.late.push(what);
  };
  if (e.method === 'POST' && path === '/__admin/reset') return fresh();
  const appMatch = /^\/__admin\/apps(?:\/([^/]+))?$/.exec(path);
  if (appMatch && (e.method === 'PATCH' || e.method === 'POST')) {
    const appId = appMatch[1] !== undefined ? decodeURIComponent(appMatch[1]) : body.appId;
    const { session: _s, appId: _a, ...patch } = body;
    if (appId !== ctx.appId) {
      w.notes.push(`the settings of app ${String(appId)} are left out: the page runs as app ${ctx.appId}`);
      return w;
    }
    setUp();
    Object.assign(w.app, patch);
    return w;
  }
  if (e.method === 'POST' && path === '/__admin/users') {
    if (e.userId === undefined) {
      w.notes.push('members created several at a time are left out: a scenario has one member');
      return w;
    }
    setUp();
    const member: { noMobile?: boolean; mobile?: string } = {};
    if (body.noMobile === true) member.noMobile = true;
    else if (typeof body.mobile === 'string') {
      if (MOBILE_RE.test(body.mobile)) member.mobile = body.mobile;
      else
        w.notes.push(
          `the mobile ${JSON.stringify(body.mobile)} is not a mainland number: the scenario's member gets one`,
        );
    }
    w.members.set(e.userId, member);
    if (body.consent === 'allow') w.consents.push({ userId: e.userId, given: { consent: 'allow' } });
    return w;
  }
  if (e.method === 'POST' && path === '/__admin/consents') {
    if (body.appId !== undefined && body.appId !== ctx.appId) return w;
    setUp();
    const userId = typeof body.userId === 'string' ? body.userId : DEMO_USER.userId;
    if (body.decision === 'allow') {
      const ttl = typeof body.ttlMs === 'number' ? Math.max(1, body.ttlMs) : undefined;
      w.consents.push({ userId, given: { consent: 'allow', ...(ttl !== undefined ? { ttlMs: ttl } : {}) } });
    } else {
      if (body.decision === 'deny')
        w.notes.push('a refused consent is kept as "none" (my.getPhoneNumber answers 40003 for both)');
      w.consents.push({ userId, given: { consent: 'none' } });
    }
    return w;
  }
  if (e.method === 'POST' && path === '/__admin/consents/expire') {
    w.steps.push({ do: 'expire-consent' });
    return w;
  }
  if (e.method === 'POST' && path === '/__admin/clock') {
    const ms = body.advanceMs;
    if (typeof ms === 'number' && ms > 0) w.steps.push({ do: 'advance-clock', ms });
    else if (typeof ms === 'number' && ms < 0)
      w.notes.push(`a clock move back (${ms} ms) is left out: time only moves on`);
    return w;
  }
  if (e.method === 'POST' && path === '/__admin/rules') {
    const id = e.rules?.[0];
    if (id === undefined) return w;
    setUp();
    w.rules.set(id, ruleOf(body));
    return w;
  }
  const ruleMatch = /^\/__admin\/rules\/(rule-\d+)$/.exec(path);
  if (e.method === 'DELETE' && ruleMatch?.[1] !== undefined) {
    setUp();
    w.rules.delete(ruleMatch[1]);
    return w;
  }
  if (e.method === 'DELETE' && path === '/__admin/rules') {
    setUp();
    w.rules.clear();
  }
  return w;
}

function walk(entries: readonly JournalEntry[], ctx: ExportContext): Walk {
  let w = fresh();
  for (const e of entries) {
    if (e.session !== ctx.session) continue;
    const ok = e.status >= 200 && e.status < 300;
    if (e.api === 'admin') {
      if (ok && e.method !== 'GET' && e.method !== 'HEAD') w = admin(w, e, ctx);
    } else if (e.api === 'authorize') {
      const decision = parse(e.request).decision;
      if (decision !== 'allow' && decision !== 'deny') continue;
      w.steps.push({ do: 'tap-authorize', choice: decision });
      if (e.userId !== undefined) w.actors.push(e.userId);
      w.pendingTap = decision === 'allow' && ok;
      if (decision === 'deny') w.denied = true;
    } else if (e.api === 'getPhoneNumber') {
      w.phoneCalls++;
      if (e.userId !== undefined) w.actors.push(e.userId);
      if (w.pendingTap) w.pendingTap = false;
      else w.steps.push({ do: 'call-get-phone-number' });
    } else if (e.api === 'request' && e.role === 'phone') {
      w.verdicts.push(e.verdict);
    }
  }
  return w;
}

function expectationOf(w: Walk): { expect: ScenarioExpectation; said: string; notes: string[] } {
  if (w.verdicts.length === 0) {
    return {
      expect: { kind: 'no-call' },
      said: w.denied ? 'the member refused: nothing reaches the backend' : 'nothing reached the backend',
      notes: [],
    };
  }
  const last = w.verdicts[w.verdicts.length - 1];
  if (last === undefined)
    return {
      expect: { kind: 'informational' },
      said: 'no backend answer was judged',
      notes: [
        'the phone request got no judged answer (no backend answered it, or the gateway had no judge): set "expect" to what your backend should answer',
      ],
    };
  if (last.kind === 'accepted')
    return { expect: { kind: 'accepted', mobile: 'issued' }, said: 'the backend accepted it', notes: [] };
  if (last.kind === 'rejected')
    return {
      expect: { kind: 'rejected', codes: [last.code] },
      said: `the backend rejected it with ${last.code}`,
      notes: [],
    };
  return {
    expect: { kind: 'informational' },
    said: `the backend ${describeVerdict(last)}`,
    notes: [
      `the backend's last answer was no verdict a scenario can expect (${describeVerdict(last)}): a correct backend answers; set "expect" to what it should answer`,
    ],
  };
}

/** Turns the session's journal entries (oldest first) into one scenario; a reason when it did nothing to keep. */
export function exportScenario(entries: readonly JournalEntry[], ctx: ExportContext): ExportResult {
  const w = walk(entries, ctx);
  if (w.steps.length === 0)
    return {
      ok: false,
      reason: `session "${ctx.session}" has no steps to keep: tap the phone button (or call my.getPhoneNumber without a tap) first`,
    };
  const notes = [...w.notes];
  if (w.steps.length > MAX_STEPS) {
    notes.push(`the session took ${w.steps.length} steps: the scenario keeps the last ${MAX_STEPS}`);
    w.steps = w.steps.slice(-MAX_STEPS);
  }
  const actors = [...new Set(w.actors)];
  const actor = w.actors[w.actors.length - 1] ?? DEMO_USER.userId;
  if (actors.length > 1)
    notes.push(`the page acted as ${actors.length} members: the scenario keeps the last one (${actor})`);
  const given: ScenarioGiven[] = [];
  if (Object.keys(w.app).length > 0) given.push({ app: { ...w.app } });
  const member = w.members.get(actor);
  if (member) given.push({ member });
  for (const c of w.consents) if (c.userId === actor) given.push(c.given);
  for (const rule of w.rules.values()) given.push({ rule });
  if (w.late.length > 0)
    notes.push(
      `set after the first step, yet applied before every step (a scenario sets up first): ${[...new Set(w.late)].join(', ')} — reset the session to record one cause per scenario`,
    );
  const { expect, said, notes: expectNotes } = expectationOf(w);
  notes.push(...expectNotes);

  const causes = [
    ...Object.entries(w.app).map(([k, v]) => `${k} ${JSON.stringify(v)}`),
    ...(member
      ? [member.noMobile ? 'a member without a bound phone' : `a member with mobile ${member.mobile ?? '(generated)'}`]
      : []),
    ...given.flatMap((g) => ('consent' in g ? [`consent ${g.consent}${g.ttlMs ? ` for ${g.ttlMs} ms` : ''}`] : [])),
    ...[...w.rules.values()].map(describeRule),
  ];
  const taps = w.steps.filter((s) => s.do === 'tap-authorize').length;
  const doing =
    taps > 0 ? `${taps} tap${taps === 1 ? '' : 's'}` : `${w.steps.length} step${w.steps.length === 1 ? '' : 's'}`;
  // the time of the last thing the session did (its reads of the admin API leave the scenario as it is)
  const at = entries.filter((e) => e.session === ctx.session && !(e.api === 'admin' && e.method === 'GET')).at(-1)?.at;
  const scenario: ExportedScenario = {
    id: scenarioIdFor(ctx.session),
    group: 'playground',
    title: `${causes.length > 0 ? causes.join('; ') : 'the default set-up'} → ${doing}: ${said}`.slice(0, 300),
    cause: (causes.length > 0
      ? `set in the playground: ${causes.join('; ')}`
      : 'the default set-up (every console setting in place)'
    ).slice(0, 2000),
    given,
    steps: w.steps,
    expect,
    ...(expect.kind === 'no-call' && w.denied && w.phoneCalls === 0 ? { checks: ['no-phone-call' as const] } : {}),
    explanation: [`Saved from the alimock playground (session ${ctx.session}${at ? `, ${at}` : ''}).`, ...notes]
      .join(' ')
      .slice(0, 4000),
  };
  return { ok: true, value: { scenario, notes } };
}
