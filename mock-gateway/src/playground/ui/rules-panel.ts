/**
 * Fault rules of this session: the next N calls answer an outcome (20000, 40001, …), come tampered, wait, or fail in
 * transport; the session's rules with how many times each has left, and a way to remove them.
 */
import { OUTCOME_IDS, OUTCOMES } from '../../protocol/outcomes.js';
import { del, get, post } from './api.js';
import { fill, h, labelled, select } from './dom.js';
import { latestOnly } from './latest.js';
import { current, onChange } from './state.js';
import { report } from './status.js';

interface PublicRule {
  id: string;
  action: Record<string, unknown>;
  scope?: { api?: string };
  times?: number;
  remaining?: number | null;
  fired?: number;
}

const FAULTS = [
  ['status-502', 'HTTP 502'],
  ['status-500', 'HTTP 500'],
  ['status-503', 'HTTP 503'],
  ['reset', 'connection reset'],
  ['no-answer', 'no answer (held 30 s)'],
] as const;

function actionOfFault(value: string): Record<string, unknown> {
  if (value.startsWith('status-')) return { kind: 'status', status: Number(value.slice(7)) };
  if (value === 'no-answer') return { kind: 'no-answer', holdMs: 30_000 };
  return { kind: 'reset' };
}

function describeRule(r: PublicRule): string {
  const a = r.action;
  const what =
    a.kind === 'outcome'
      ? `answer ${String(a.outcome)}`
      : a.kind === 'tamper'
        ? `tampered: ${String(a.tampering)}`
        : a.kind === 'latency'
          ? `wait ${JSON.stringify(a.ms)} ms`
          : a.kind === 'status'
            ? `HTTP ${String(a.status)}`
            : a.kind === 'envelope'
              ? `envelope ${String(a.variant)}`
              : String(a.kind);
  const left = typeof r.remaining === 'number' ? ` (${r.remaining} of ${r.times} left)` : ' (every call)';
  return `${r.id}: ${r.scope?.api ?? 'any'} → ${what}${left}`;
}

/** A count input: how many of the next calls a rule applies to (empty: every call). */
function callsInput(): HTMLInputElement {
  return h('input', { type: 'number', min: 1, max: 1000, value: 1, size: 4 });
}

function timesOf(input: HTMLInputElement): { times?: number } {
  const n = Number(input.value);
  return input.value.trim() !== '' && Number.isInteger(n) && n >= 1 ? { times: n } : {};
}

export function rulesPanel(): HTMLElement {
  const list = h('ul', { class: 'rules', 'aria-label': 'Rules of this session' });
  const reads = latestOnly();
  const load = async () => {
    const isLatest = reads.begin();
    const { session } = current();
    const got = await get<{ rules: PublicRule[] }>(`/__admin/rules?session=${encodeURIComponent(session)}`);
    if (!got.ok || !isLatest()) return;
    if (got.value.rules.length === 0) {
      fill(list, h('li', { class: 'empty' }, 'No rules: every call answers as the settings say'));
      return;
    }
    fill(
      list,
      ...got.value.rules.map((r) => {
        const remove = h('button', { type: 'button', 'aria-label': `Remove ${r.id}` }, 'Remove');
        remove.addEventListener('click', async () => {
          report(await del(`/__admin/rules/${r.id}`), `${r.id} removed`);
          await load();
        });
        return h('li', {}, h('span', {}, describeRule(r)), remove);
      }),
    );
  };
  const add = async (rule: Record<string, unknown>, words: string) => {
    report(await post('/__admin/rules', rule), words);
    await load();
  };

  const outcome = select(
    OUTCOME_IDS.map((id) => {
      const o = OUTCOMES[id];
      return [id, `${o.code}${o.subCode ? ` ${o.subCode}` : ''} ${o.title}`] as const;
    }),
    '20000',
  );
  const outcomeCalls = callsInput();
  const addOutcome = h('button', { type: 'button' }, 'Add outcome rule');
  addOutcome.addEventListener('click', () => {
    const t = timesOf(outcomeCalls);
    void add(
      { action: { kind: 'outcome', outcome: outcome.value }, scope: { api: 'getPhoneNumber' }, ...t },
      `The next ${t.times ?? 'every'} my.getPhoneNumber call${t.times === 1 ? '' : 's'} answer ${outcome.value}`,
    );
  });

  const tampering = select(current().config.tamperings.map((t) => [t, t] as const));
  const tamperCalls = callsInput();
  const addTamper = h('button', { type: 'button' }, 'Add tampering rule');
  addTamper.addEventListener('click', () => {
    const t = timesOf(tamperCalls);
    void add(
      { action: { kind: 'tamper', tampering: tampering.value }, scope: { api: 'getPhoneNumber' }, ...t },
      `my.getPhoneNumber's envelope comes tampered (${tampering.value})`,
    );
  });

  const latency = h('input', { type: 'number', min: 0, max: 120_000, value: 1500, size: 7 });
  const latencyCalls = callsInput();
  const addLatency = h('button', { type: 'button' }, 'Add latency rule');
  addLatency.addEventListener('click', () => {
    const ms = Number(latency.value);
    void add(
      { action: { kind: 'latency', ms }, scope: { api: 'getPhoneNumber' }, ...timesOf(latencyCalls) },
      `my.getPhoneNumber waits ${ms} ms`,
    );
  });

  const fault = select(FAULTS);
  const faultCalls = callsInput();
  const addFault = h('button', { type: 'button' }, 'Add fault rule');
  addFault.addEventListener('click', () => {
    void add(
      { action: actionOfFault(fault.value), scope: { api: 'getPhoneNumber' }, ...timesOf(faultCalls) },
      `my.getPhoneNumber fails in transport (${fault.selectedOptions[0]?.textContent ?? fault.value})`,
    );
  });

  const clear = h('button', { type: 'button' }, 'Remove all rules');
  clear.addEventListener('click', async () => {
    report(await del(`/__admin/rules?session=${encodeURIComponent(current().session)}`), 'Rules removed');
    await load();
  });

  onChange(() => void load());
  void load();
  const group = (legend: string, ...children: HTMLElement[]) =>
    h('fieldset', { class: 'group rule-group' }, h('legend', {}, legend), h('div', { class: 'row' }, ...children));
  return h(
    'div',
    { class: 'stack' },
    group('Outcome rule', ...labelled('Outcome', outcome), ...labelled('Calls', outcomeCalls), addOutcome),
    group('Tampering rule', ...labelled('Tampering', tampering), ...labelled('Calls', tamperCalls), addTamper),
    group('Latency rule', ...labelled('Latency (ms)', latency), ...labelled('Calls', latencyCalls), addLatency),
    group('Transport fault rule', ...labelled('Fault', fault), ...labelled('Calls', faultCalls), addFault),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Rules of this session'),
      list,
      h('div', { class: 'row' }, clear),
    ),
  );
}
