import { describe, expect, it } from 'vitest';
import type { HttpExchange } from '../../core/types.js';
import type { ScenarioDefinition } from '../../scenario/types.js';
import { defaultContract } from '../../target/contract.js';
import { judgeAnswers, scenarioVerdict } from './judge-phase.js';
import type { ScenarioState } from './state.js';

const URL = 'http://127.0.0.1:4010/api/alipay/phone';

function probe(label: string, status: number, body: unknown): HttpExchange {
  return {
    label,
    role: 'probe',
    request: { method: 'POST', url: URL, body: '{"encryptedData":"x"}' },
    response: { status, body: JSON.stringify(body) },
    durationMs: 1,
  };
}

/** The parts of a scenario's state the judge phase reads. */
function stateWith(def: Partial<ScenarioDefinition>, backend: HttpExchange[]): ScenarioState {
  return {
    def: { id: 'probe-test', judgeEach: true, ...def },
    env: { config: { contract: defaultContract } },
    expected: { kind: 'rejected', codes: ['SIGNATURE_INVALID'] },
    failures: [],
    evidence: { backend },
  } as unknown as ScenarioState;
}

describe('the judge phase, one judgement per probe', () => {
  it("judges every probe, and the report's verdict is the first probe judged wrong", () => {
    const state = stateWith({}, [
      probe('right', 400, { error: { code: 'SIGNATURE_INVALID' } }),
      probe('first wrong', 200, { mobile: '13800138000' }),
      probe('second wrong', 500, { error: { code: 'INTERNAL' } }),
      probe('right again', 400, { error: { code: 'SIGNATURE_INVALID' } }),
    ]);
    judgeAnswers(state);
    expect(state.failures.map((f) => f.message.split(':')[0])).toEqual(['first wrong', 'second wrong']);
    expect(scenarioVerdict(state)).toEqual({ kind: 'accepted', mobile: '13800138000' });
  });

  it('every probe right: the verdict is the last answer', () => {
    const state = stateWith({}, [
      probe('a', 400, { error: { code: 'SIGNATURE_INVALID' } }),
      probe('b', 401, { error: { code: 'SIGNATURE_INVALID', message: 'last' } }),
    ]);
    judgeAnswers(state);
    expect(state.failures).toEqual([]);
    expect(scenarioVerdict(state)).toMatchObject({ kind: 'rejected', code: 'SIGNATURE_INVALID', message: 'last' });
  });

  it('not judged (a step failed first): the verdict is still the last answer', () => {
    const state = stateWith({}, [probe('only', 200, { mobile: '13800138000' })]);
    expect(scenarioVerdict(state)).toEqual({ kind: 'accepted', mobile: '13800138000' });
  });
});
