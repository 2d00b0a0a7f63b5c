/** A team's scenario file as the playground writes one: Alipay busy twice, the third tap binds. */
export const BUSY_TWICE = {
  id: 'busy-twice-then-ok',
  title: 'Alipay busy twice, the third tap binds',
  cause: 'the next 2 getPhoneNumber calls answer 20000',
  given: [{ rule: { action: { kind: 'outcome', outcome: '20000' }, scope: { api: 'getPhoneNumber' }, times: 2 } }],
  steps: [
    { do: 'tap-authorize', choice: 'allow' },
    { do: 'tap-authorize', choice: 'allow' },
    { do: 'tap-authorize', choice: 'allow' },
  ],
  expect: { kind: 'accepted', mobile: 'issued' },
};
