import { defineScenario } from '../../harness/src/scenario/types.js';
import { FAQ } from './faq-questions.js';

export const faq1UserRefuses = defineScenario({
  id: 'faq1-user-refuses',
  group: 'faq',
  title: 'the member taps 拒绝 → onError fires, nothing reaches the backend',
  faq: FAQ.q1,
  cause: 'the member taps 授权手机号, then 拒绝 on the consent sheet',
  remedy: 'onError (授权失败回调，包括用户拒绝和系统异常): show the refusal and do not call my.getPhoneNumber',
  given: [{ consent: 'none' }],
  steps: [{ do: 'tap-authorize', choice: 'deny' }],
  expect: { kind: 'no-call' },
  checks: ['page-shows-refusal', 'no-phone-call'],
});
