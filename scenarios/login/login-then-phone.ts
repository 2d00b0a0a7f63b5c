import { defineScenario } from '../../harness/src/scenario/types.js';

export const loginThenPhone = defineScenario({
  id: 'login-then-phone',
  group: 'login',
  title: 'log in with my.getAuthCode, then bind the phone number',
  faq: 'Login then phone: my.getAuthCode → alipay.system.oauth.token → my.getPhoneNumber',
  cause:
    'a new member opens the page: the page logs in (the backend exchanges the auth code at /gateway.do for user_id), then the member taps 授权手机号 and 允许',
  remedy:
    'Exchange the code server-side with alipay.system.oauth.token (sign the request with the app private key, verify the answer with the Alipay public key), keep user_id in your session, then verify and decrypt the phone payload and bind the number to that user.',
  given: [{ member: {} }],
  steps: [{ do: 'login' }, { do: 'tap-authorize', choice: 'allow' }],
  expect: { kind: 'accepted', mobile: 'issued' },
  checks: ['login-identifies-member'],
});
