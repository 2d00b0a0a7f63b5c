import { defineScenario } from '../../harness/src/scenario/types.js';
import { ATTACK } from './attack-common.js';

export const secReplayOtherSession = defineScenario({
  id: 'sec-replay-other-session',
  group: 'security',
  severity: 'info',
  title: 'a payload captured in another session is replayed (informational)',
  faq: `${ATTACK}: replay`,
  cause: 'a genuine, signed payload issued for another member is posted again by someone else',
  remedy:
    "The payload carries no user id, nonce or timestamp, so a backend cannot tell a replay from the real thing by itself. Bind the phone step to your own login: exchange my.getAuthCode's code first (alipay.system.oauth.token → user_id), accept a phone payload only inside that authenticated session and shortly after it, and remember payloads you have already accepted (a hash of response) to refuse exact replays.",
  explanation:
    'Informational: the protocol gives the backend nothing to detect this with. The scenario shows what the backend does; it never fails.',
  given: [],
  steps: [
    {
      do: 'post-envelope',
      label: "another member's genuine payload",
      envelope: (mint) => mint.envelope({ mobile: '13700001111' }),
    },
  ],
  expect: { kind: 'informational' },
});
