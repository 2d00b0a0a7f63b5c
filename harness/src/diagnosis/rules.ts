/**
 * The root-cause rules, in the order causes are shown: what stops everything first, then how the backend reads
 * genuine payloads (keys, the signed text), then what it lets through, then how it answers. Each rule reads the
 * facts (and the probes' answers) and names its evidence; a rule that does not apply returns nothing.
 */
import type { ScenarioResult } from '../core/types.js';
import { OUTCOME_ANSWERS } from '../target/answers.js';
import { CONTRACT_STATUS, type ContractCode } from '../target/contract.js';
import { codeOf, type Facts } from './facts.js';
import type { CauseId, ProbeResults, RootCause } from './types.js';

export interface RuleContext {
  facts: Facts;
  probes: ProbeResults;
  /** where the run's keys are, for remedies ("give your backend …") */
  keysDir: string;
  /** where the refused payloads are saved (for the doctor command in remedies) */
  payloadDir: string;
  /** the doctor's word on the refused genuine payloads (verified and decrypted with the run's keys?) */
  doctorConfirms(ids: string[]): string | undefined;
}

type Found = Omit<RootCause, 'cause'>;
type Rule = (ctx: RuleContext) => Found | undefined;

const ids = (rs: ScenarioResult[]) => rs.map((r) => r.id);
const SIGNATURE_CODES = new Set(['SIGNATURE_INVALID', 'SIGNATURE_MISSING']);
const ERROR_OUTCOMES = new Set(['20000', '40003', '40006']);

/** "20000 → ALIPAY_BUSY (HTTP 503: transient: retry later), …", from the one table. */
const MAPPING = Object.entries(OUTCOME_ANSWERS)
  .map(
    ([outcome, a]) => `${outcome} → ${a.codes[0]} (HTTP ${CONTRACT_STATUS[a.codes[0] as ContractCode]}: ${a.meaning})`,
  )
  .join(', ');

/** Genuine payloads the backend refused with a code of the given kind. */
function refused(f: Facts, kind: 'signature' | 'decrypt'): ScenarioResult[] {
  return f.genuine.filter((r) => {
    if (r.status !== 'failed') return false;
    const code = codeOf(f.verdicts(r.id).at(-1));
    return code !== undefined && (kind === 'signature' ? SIGNATURE_CODES.has(code) : code === 'DECRYPT_FAILED');
  });
}

const failedIds = (f: Facts, list: string[]) => list.filter((id) => f.failed(id));

const doctorHint = (ctx: RuleContext, rs: ScenarioResult[]) => {
  const said = ctx.doctorConfirms(ids(rs));
  return said ? { detail: said } : {};
};

const doctor = (ctx: RuleContext, id: string | undefined) =>
  `\`alimock doctor --file ${ctx.payloadDir}/${id ?? '<scenario>'}.txt --keys <the folder of the keys your backend uses>\` walks one of these payloads through verification step by step.`;

/**
 * The scenarios in which the backend's own Alipay call (`/gateway.do`, e.g. its login's OAuth token) was refused with
 * a code `match` accepts: the first such call, and the app the page ran as.
 */
function gatewayRefusals(
  facts: Facts,
  match: (code: string) => boolean,
): { hit: ScenarioResult[]; call: { outcome?: string; appId?: string }; pageApp: string | undefined } | undefined {
  const hit: ScenarioResult[] = [];
  let call: { outcome?: string; appId?: string } | undefined;
  let pageApp: string | undefined;
  for (const r of facts.results) {
    const journal = r.evidence.journal ?? [];
    const refused = journal.find((e) => e.api === 'gateway' && e.outcome !== undefined && match(e.outcome));
    if (!refused) continue;
    hit.push(r);
    call ??= refused;
    pageApp ??= journal.find((e) => e.api === 'getAuthCode' && e.appId)?.appId;
  }
  return call ? { hit, call, pageApp } : undefined;
}

/** A step that failed because the page itself failed (the page-error cause, not a backend's). */
const PAGE_FAILED = /page error|the page failed to start/;

const RULES: Array<[CauseId, Rule]> = [
  [
    'target-stopped-answering',
    ({ facts }) => {
      const hit = facts.results.filter((r) => r.failures.some((x) => /target stopped answering/.test(x.message)));
      if (hit.length === 0) return undefined;
      return {
        title: 'the backend stopped answering: after 3 timeouts in a row the remaining requests were not sent',
        evidence: ids(hit),
        remedy:
          'Look at the backend at the time of the first timeout (its log, target.log for a target.command): a hang, a deadlock, an unreturned promise. Raise requestTimeoutMs only if it is merely slow.',
      };
    },
  ],
  [
    'app-id-mismatch',
    ({ facts }) => {
      const found = gatewayRefusals(facts, (code) => code === 'isv.invalid-app-id');
      if (!found) return undefined;
      const backend = found.call.appId ?? '(none given)';
      const page = found.pageApp ?? "this run's app";
      return {
        title: `your backend calls Alipay as app ${backend}, but the mini-program runs as app ${page}: Alipay refuses its calls (isv.invalid-app-id), so the login cannot work`,
        evidence: ids(found.hit),
        remedy: `Give the backend's Alipay SDK the app id the page runs as (${page}), or set appId in the alimock config to the backend's (${backend}); without appId in the config both are the keys folder's app.json.`,
      };
    },
  ],
  [
    'openapi-signature-invalid',
    (ctx) => {
      const found = gatewayRefusals(ctx.facts, (code) => code === 'isv.invalid-signature');
      if (!found) return undefined;
      return {
        title: `your backend signs its Alipay calls with another key than this run's app key: Alipay refuses them (isv.invalid-signature), so the login cannot work`,
        evidence: ids(found.hit),
        remedy: `Give the backend's Alipay SDK the app private key of the run's keys folder (${ctx.keysDir}/app-private.pem), or point keysDir in the alimock config at the keys the backend uses.`,
      };
    },
  ],
  [
    'openapi-request-refused',
    ({ facts }) => {
      const found = gatewayRefusals(
        facts,
        (code) => code !== 'success' && code !== 'isv.invalid-app-id' && code !== 'isv.invalid-signature',
      );
      if (!found) return undefined;
      return {
        title: `Alipay refuses your backend's calls (${found.call.outcome}), so the login cannot work`,
        evidence: ids(found.hit),
        remedy:
          "Look at the request the backend's Alipay SDK sends to ALIPAY_GATEWAY (app_id, method, sign_type, timestamp, sign): the gateway's answer names what is wrong in sub_code and sub_msg.",
      };
    },
  ],
  [
    'login-failed',
    ({ facts }) => {
      // a login the page never sent because the page failed is the page's error, said by page-error
      const hit = facts.results.filter((r) =>
        r.steps.some((s) => s.status === 'failed' && /log in/.test(s.label) && !PAGE_FAILED.test(s.detail ?? '')),
      );
      if (hit.length === 0) return undefined;
      const first = hit[0]?.steps.find((s) => s.status === 'failed')?.detail ?? '';
      return {
        title: `the login fails, so nothing after it can be judged: ${first}`,
        evidence: ids(hit),
        remedy:
          'Make the login answer as the contract reads it (default: POST /api/alipay/login {authCode} → 200 {userId}); map yours with contract.buildLoginRequest and contract.readLogin, or leave out the login group.',
      };
    },
  ],
  [
    'page-error',
    ({ facts }) => {
      const hit = facts.results.filter((r) =>
        r.steps.some((s) => s.status === 'failed' && PAGE_FAILED.test(s.detail ?? '')),
      );
      if (hit.length === 0) return undefined;
      const first = hit[0]?.steps.find((s) => s.status === 'failed')?.detail ?? '';
      return {
        title: `the mini-program page has an error: ${first}`,
        evidence: ids(hit),
        remedy:
          'Fix the page at the place shown (file:line:column in your project); `alimock serve --mini-program <dir>` shows the page to click through by hand.',
      };
    },
  ],
  [
    'no-phone-button',
    ({ facts }) => {
      const hit = facts.results.filter((r) => r.failures.some((x) => /the page shows no phone button/.test(x.message)));
      if (hit.length === 0) return undefined;
      return {
        title:
          'the page shows no phone button: the number is given only after a tap on <button open-type="getAuthorize" scope="phoneNumber"> (FAQ Q1)',
        evidence: ids(hit),
        remedy:
          'Render <button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="…" onError="…"> (not WeChat\'s open-type="getPhoneNumber"), and call my.getPhoneNumber in onGetAuthorize; `alimock lint <dir>` points at the markup. If the button is there but elsewhere, give miniProgram.button (or miniProgram.tapPath).',
      };
    },
  ],
  [
    'phone-before-tap',
    ({ facts }) => {
      const hit = facts.results.filter((r) =>
        r.failures.some((x) => /calls my\.getPhoneNumber before the member taps/.test(x.message)),
      );
      if (hit.length === 0) return undefined;
      return {
        title:
          'the page calls my.getPhoneNumber before the member taps the phone button (FAQ Q1, 无效的授权关系): on Alipay this answers 40003',
        evidence: ids(hit),
        remedy:
          'Call my.getPhoneNumber only in the onGetAuthorize handler of <button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="…" onError="…">; `alimock lint <dir>` shows where the page calls it.',
      };
    },
  ],
  [
    'config-fault',
    ({ facts }) => {
      const hit = facts.results.filter((r) => r.failures.some((x) => x.message.startsWith('config: ')));
      if (hit.length === 0) return undefined;
      const first = hit[0]?.failures.find((x) => x.message.startsWith('config: '))?.message ?? '';
      return {
        title: `the contract in the config fails: ${first.replace(/^config: /, '')}`,
        evidence: ids(hit),
        remedy: 'Fix the contract functions in alimock.config (they run for every request and answer).',
      };
    },
  ],
  [
    'signature-unquoted',
    (ctx) => {
      const { facts, probes } = ctx;
      const sig = refused(facts, 'signature');
      const unquotedAccepted = facts.accepted('sec-sign-unquoted') || probes['unquoted-signature'] === 'accepted';
      if (sig.length === 0 || !unquotedAccepted) return undefined;
      return {
        title:
          'your backend verifies the signature over the ciphertext WITHOUT the surrounding double quotes: it refuses every genuine payload and accepts one signed the wrong way',
        evidence: [...ids(sig), ...failedIds(facts, ['sec-sign-unquoted', 'sec-other-app-aes-key'])],
        remedy: `Alipay signs the response value as it appears in the envelope, quotes included: verify "\\"" + response + "\\"" (the raw JSON text of the value), not the bare Base64. ${doctor(ctx, sig[0]?.id)}`,
        ...doctorHint(ctx, sig),
      };
    },
  ],
  [
    'wrong-alipay-public-key',
    (ctx) => {
      const sig = refused(ctx.facts, 'signature');
      if (sig.length === 0 || ctx.probes['app-key-signature'] !== 'accepted') return undefined;
      return {
        title:
          "your backend verifies with the app's own public key (应用公钥) instead of Alipay's public key (支付宝公钥): it refuses every genuine payload and accepts one signed with the app's key",
        evidence: [...ids(sig), ...failedIds(ctx.facts, ['sec-other-app-aes-key'])],
        remedy: `Verify with the 支付宝公钥 shown in the console next to your 应用公钥 (in this run: ${ctx.keysDir}/alipay-public.txt), never with the app's own key. ${doctor(ctx, sig[0]?.id)}`,
        detail: "probe: a payload signed with the app's private key was accepted",
      };
    },
  ],
  [
    'keys-mismatch-with-run',
    (ctx) => {
      const sig = refused(ctx.facts, 'signature');
      if (sig.length === 0 || sig.length < ctx.facts.genuine.length) return undefined;
      return {
        title: `your backend refuses the signature of every genuine payload: it holds other keys than this run's (${ctx.keysDir})`,
        evidence: ids(sig),
        remedy: `Give the backend this run's keys — the Alipay public key ${ctx.keysDir}/alipay-public.txt and the AES key ${ctx.keysDir}/aes.txt — or point alimock at the backend's own test keys with keysDir. ${doctor(ctx, sig[0]?.id)}`,
        ...doctorHint(ctx, sig),
      };
    },
  ],
  [
    'genuine-signature-refused',
    (ctx) => {
      const sig = refused(ctx.facts, 'signature');
      if (sig.length === 0) return undefined;
      return {
        title: 'your backend refuses the signature of some genuine payloads',
        evidence: ids(sig),
        remedy: `Verify exactly the response text as it appears in the envelope, with the Alipay public key, and the sign type the envelope names. ${doctor(ctx, sig[0]?.id)}`,
        ...doctorHint(ctx, sig),
      };
    },
  ],
  [
    'aes-key-mismatch',
    (ctx) => {
      const dec = refused(ctx.facts, 'decrypt');
      if (dec.length === 0) return undefined;
      const utf8 = ctx.probes['utf8-aes-key'] === 'accepted';
      return {
        title: utf8
          ? 'your backend reads the AES key as UTF-8 text instead of decoding its Base64: every genuine payload fails to decrypt'
          : `your backend decrypts genuine payloads with another AES key than this run's (${ctx.keysDir}/aes.txt)`,
        evidence: ids(dec),
        remedy: utf8
          ? 'Base64-decode the AES key (24 characters → 16 bytes, AES-128-CBC with a zero IV); do not use its characters as the key bytes.'
          : `Give the backend the AES key of this run (${ctx.keysDir}/aes.txt, Base64 as the console shows it) and Base64-decode it. ${doctor(ctx, dec[0]?.id)}`,
        ...(utf8
          ? { detail: 'probe: a payload encrypted with the key text itself as the key was accepted' }
          : doctorHint(ctx, dec)),
      };
    },
  ],
  [
    'signature-not-verified',
    ({ facts }) => {
      const hit = failedIds(facts, ['sec-foreign-key-sign', 'sec-tampered-bitflip', 'sec-sign-unquoted']);
      if (!facts.accepted('sec-foreign-key-sign')) return undefined;
      return {
        title: 'your backend never verifies the signature: a payload signed with a foreign key is accepted',
        evidence: [...hit, ...failedIds(facts, ['sec-tampered-truncated', 'sec-padding-oracle'])],
        remedy:
          'Verify the sign with the Alipay public key before anything else and refuse a bad one (SIGNATURE_INVALID); checking that sign is present is not verifying it.',
      };
    },
  ],
  [
    'decrypt-before-verify',
    ({ facts }) => {
      const hit = failedIds(facts, ['sec-padding-oracle', 'sec-tampered-truncated', 'sec-tampered-bitflip']);
      if (hit.length === 0) return undefined;
      return {
        title:
          'your backend decrypts before it verifies: a tampered ciphertext gets a decryption error instead of a signature error (a padding oracle)',
        evidence: hit,
        remedy:
          'Verify the signature first and stop there when it fails; decrypt only a verified payload, and answer every verification failure the same way.',
      };
    },
  ],
  [
    'signature-not-required',
    ({ facts }) => {
      const list = ['faq5-missing-sign-no-public-key', 'faq5-missing-sign-no-gateway', 'sec-sign-stripped'];
      const hit = list.filter((id) => facts.failed(id) && facts.accepted(id));
      if (hit.length === 0) return undefined;
      return {
        title: 'your backend accepts a payload without a signature',
        evidence: [
          ...hit,
          ...['sec-forged-plaintext-string', 'sec-forged-plaintext-object', 'sec-duplicate-keys'].filter((id) =>
            facts.accepted(id),
          ),
        ],
        remedy:
          'Refuse a payload without sign (SIGNATURE_MISSING) while your app has an Alipay public key: without it the ciphertext can be altered, and a plaintext response can be forged by anyone.',
      };
    },
  ],
  [
    'unsigned-plaintext-trusted',
    ({ facts }) => {
      const hit = ['sec-forged-plaintext-string', 'sec-forged-plaintext-object'].filter((id) => facts.accepted(id));
      if (hit.length === 0) return undefined;
      return {
        title:
          "your backend trusts an unencrypted, unsigned response (the sample code's startsWith('{') branch): anyone can send it any phone number",
        evidence: [...hit, ...(facts.accepted('sec-duplicate-keys') ? ['sec-duplicate-keys'] : [])],
        remedy:
          'Never take a mobile from a plaintext response: only a verified, decrypted 10000 carries a phone number; a plain response is an error report (40001, 40002) to map to ALIPAY_MISCONFIGURED.',
      };
    },
  ],
  [
    'duplicate-key-confusion',
    ({ facts }) =>
      facts.accepted('sec-duplicate-keys')
        ? {
            title:
              'your backend verifies one "response" but uses another: with duplicate keys, the unverified value gets through',
            evidence: ['sec-duplicate-keys'],
            remedy:
              'Verify and decrypt the same value: parse the envelope once, refuse duplicate keys (or verify exactly the value your parser keeps).',
          }
        : undefined,
  ],
  [
    'other-app-aes-key-accepted',
    ({ facts }) =>
      facts.accepted('sec-other-app-aes-key')
        ? {
            title: "your backend accepts a payload encrypted with another app's AES key (it tries every key it holds)",
            evidence: ['sec-other-app-aes-key'],
            remedy:
              'Decrypt with the AES key of the app the member used (the app id of the request), and only that one; a payload that does not decrypt with it is DECRYPT_FAILED.',
          }
        : undefined,
  ],
  [
    'decrypted-code-ignored',
    ({ facts }) => {
      const hit = facts.genuine.filter(
        (r) => ERROR_OUTCOMES.has(r.evidence.outcome ?? '') && r.status === 'failed' && facts.accepted(r.id),
      );
      if (hit.length === 0) return undefined;
      return {
        title: 'your backend does not check the decrypted code: 40003, 40006 and 20000 are answered as a success',
        evidence: [...ids(hit), ...failedIds(facts, ['faq4-empty-mobile'])],
        remedy: `After decrypting, read code: only 10000 with a non-empty mobile is a phone number; map ${MAPPING}.`,
      };
    },
  ],
  [
    'empty-mobile-accepted',
    ({ facts }) =>
      facts.failed('faq4-empty-mobile') && facts.accepted('faq4-empty-mobile')
        ? {
            title: 'your backend accepts a 10000 with an empty mobile (a member without a bound phone)',
            evidence: ['faq4-empty-mobile'],
            remedy: 'Answer NO_MOBILE_BOUND when the decrypted mobile is empty.',
          }
        : undefined,
  ],
  [
    'error-code-mapping',
    ({ facts }) => {
      const hit = facts.genuine.filter((r) => {
        if (r.status !== 'failed' || r.expected.kind !== 'rejected') return false;
        const code = codeOf(facts.verdicts(r.id).at(-1));
        return (
          code !== undefined &&
          !r.expected.codes.includes(code) &&
          !SIGNATURE_CODES.has(code) &&
          code !== 'DECRYPT_FAILED'
        );
      });
      if (hit.length === 0) return undefined;
      const pairs = [
        ...new Set(
          hit.map((r) => {
            const want = r.expected.kind === 'rejected' ? r.expected.codes.join(' or ') : '';
            return `${r.evidence.outcome ?? '?'} answered ${codeOf(facts.verdicts(r.id).at(-1))} (expected ${want})`;
          }),
        ),
      ];
      return {
        title: `your backend maps Alipay's codes to the wrong answer: ${pairs.join('; ')}`,
        evidence: ids(hit),
        remedy: `Map each decrypted code to its meaning: ${MAPPING}.`,
      };
    },
  ],
  [
    'crash-on-bad-input',
    ({ facts }) => {
      const hit = facts.results.filter(
        (r) =>
          r.status === 'failed' &&
          facts.verdicts(r.id).some((v) => v.kind === 'crashed' && !/timeout|stopped answering/.test(v.reason)),
      );
      if (hit.length === 0) return undefined;
      return {
        title: 'your backend crashes (HTTP 5xx without the error body, or a reset) on input it should refuse',
        evidence: ids(hit),
        remedy:
          'Validate the body and the envelope before use and answer a 4xx with the contract body for anything unexpected (a missing sign, malformed JSON, a huge body); never let an exception become a 500.',
      };
    },
  ],
];

/** Every cause that applies, in display order; a cause explained by an earlier signature cause is not repeated. */
export function findCauses(ctx: RuleContext): RootCause[] {
  const found: RootCause[] = [];
  const signatureFamily = new Set<CauseId>([
    'signature-unquoted',
    'wrong-alipay-public-key',
    'keys-mismatch-with-run',
    'genuine-signature-refused',
  ]);
  for (const [cause, rule] of RULES) {
    if (signatureFamily.has(cause) && found.some((c) => signatureFamily.has(c.cause))) continue;
    const hit = rule(ctx);
    if (hit) found.push({ cause, ...hit, evidence: [...new Set(hit.evidence)] });
  }
  return found;
}
