/** Journal entries in words, for the playground's journal: one summary line, and the details to unfold. */
import type { JournalVerdict } from '../../model/journal-entry.js';
import type { EnvelopeCheck, StreamedEntry } from '../wire.js';

interface Plain {
  code?: unknown;
  msg?: unknown;
  subCode?: unknown;
  subMsg?: unknown;
  mobile?: unknown;
}

function plainOf(text: string | undefined): Plain | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Plain) : undefined;
  } catch {
    return undefined;
  }
}

/** `40001 isv.missing-encrypt-key 缺少加密配置`, or `10000 mobile 13800138000`. */
export function describePlaintext(text: string | undefined): string | undefined {
  const p = plainOf(text);
  if (!p || typeof p.code !== 'string') return undefined;
  if (p.code === '10000')
    return typeof p.mobile === 'string' && p.mobile !== '' ? `10000 mobile ${p.mobile}` : '10000 without a mobile';
  return [p.code, p.subCode, p.subMsg ?? p.msg].filter((x) => typeof x === 'string' && x !== '').join(' ');
}

/** What a backend holding the right keys finds: `plain, no sign` / `encrypted, decrypts · signed, verifies (RSA2)`. */
export function describeCheck(c: EnvelopeCheck): string {
  if (c.parseError) return `not an envelope (${c.parseError})`;
  const content = !c.encrypted
    ? 'plain (not encrypted)'
    : c.decrypted
      ? "encrypted, decrypts with the app's AES key"
      : `encrypted, does NOT decrypt with the app's AES key (${c.decryptError ?? 'fails'})`;
  const sign = !c.signed
    ? 'no sign'
    : c.verified
      ? `signed, verifies (${c.signType ?? 'RSA2'})`
      : 'signed, does NOT verify with the Alipay public key';
  return `${content} · ${sign}`;
}

export function describeVerdict(v: JournalVerdict): string {
  if (v.kind === 'accepted') return v.mobile === '' ? 'accepted without a mobile' : `accepted with mobile ${v.mobile}`;
  if (v.kind === 'rejected') return `rejected with ${v.code}${v.message ? ` (${v.message})` : ''}`;
  return `crashed: ${v.reason}`;
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/** The summary line of an entry (without its number). */
export function summarise(e: StreamedEntry): string {
  const extra = [
    e.rules?.length && e.api !== 'admin' ? `rules ${e.rules.join(', ')}` : '',
    e.fault ? `fault: ${e.fault}` : '',
  ].filter(Boolean);
  const tail = extra.length > 0 ? ` · ${extra.join(' · ')}` : '';
  switch (e.api) {
    case 'getPhoneNumber': {
      const said = describePlaintext(e.check?.plaintext ?? e.plaintext) ?? e.outcome ?? `HTTP ${e.status}`;
      const check = e.check ? ` · ${describeCheck(e.check)}` : '';
      return `my.getPhoneNumber → ${said}${check}${tail}`;
    }
    case 'authorize': {
      const decision = (plainOf(e.request) as { decision?: unknown } | undefined)?.decision;
      const choice = decision === 'allow' ? '允许 (allow)' : decision === 'deny' ? '拒绝 (deny)' : '?';
      return `tap on 授权手机号 → consent sheet: ${choice}${e.status !== 200 ? ` · HTTP ${e.status}` : ''}${tail}`;
    }
    case 'getAuthCode':
      return `my.getAuthCode → ${e.status === 200 ? 'auth code issued' : `HTTP ${e.status}`}${tail}`;
    case 'getSetting':
      return `my.getSetting → HTTP ${e.status}${tail}`;
    case 'gateway':
      return `/gateway.do (your backend's SDK) → ${e.outcome ?? `HTTP ${e.status}`}${tail}`;
    case 'request': {
      const role = e.role === 'phone' ? 'phone request' : e.role === 'login' ? 'login request' : 'request';
      const answer = e.answerStatus !== undefined ? `HTTP ${e.answerStatus}` : (e.error ?? `HTTP ${e.status}`);
      const verdict = e.verdict ? ` · verdict: ${describeVerdict(e.verdict)}` : '';
      return `page → backend (${role}): ${e.target ?? e.url} → ${answer}${verdict}`;
    }
    case 'admin':
      return `admin: ${e.method} ${pathOf(e.url)}${e.request && e.request !== '{}' ? ` ${e.request}` : ''}${e.status >= 400 ? ` → HTTP ${e.status}` : ''}`;
    default:
      return `${e.api}: ${e.method} ${pathOf(e.url)} → HTTP ${e.status}${tail}`;
  }
}

/** The details of an entry, as label → text pairs (only those it has). */
export function details(e: StreamedEntry): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (label: string, v: string | undefined) => {
    if (v !== undefined && v !== '') out.push([label, v]);
  };
  add('Session', e.session || '(global)');
  add('Call', `${e.method} ${e.url} → HTTP ${e.status} in ${e.durationMs} ms`);
  add('Outcome', e.outcome);
  add('Variant', e.variant);
  if (e.check) add('What a backend finds', describeCheck(e.check));
  add('Envelope (res.response)', e.envelope);
  add('Plaintext', e.check?.plaintext ?? e.plaintext);
  add('Request to the backend', e.target);
  add(e.api === 'request' ? 'Request body' : 'Body', e.request);
  if (e.answerStatus !== undefined) add('Backend answer', `HTTP ${e.answerStatus}\n${e.answer ?? ''}`);
  if (e.verdict) add('Verdict (as a scenario judges it)', describeVerdict(e.verdict));
  add('Rules', e.rules?.join(', '));
  add('Fault', e.fault);
  add('Error', e.error);
  return out;
}
