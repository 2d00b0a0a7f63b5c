import { InvalidArgumentError } from 'commander';
import { compileGrep, type GrepMatcher } from '../run/grep.js';
import { GROUP_NAME } from '../scenario/types.js';

/**
 * Value parsers for commander options. Each throws commander's `InvalidArgumentError` (commander's own protocol
 * for a bad value), whose message says what to fix; `main.ts` prints it as one `alimock: …` line, exit 2.
 */

function integer(text: string): number | undefined {
  return /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export function parsePort(text: string): number {
  const n = integer(text);
  if (n === undefined || n > 65535)
    throw new InvalidArgumentError('Use an integer from 0 to 65535 (0 = any free port).');
  return n;
}

export function parseSeed(text: string): number {
  const n = integer(text);
  if (n === undefined || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('Use a non-negative integer, e.g. --seed 42.');
  return n;
}

export function parseWorkers(text: string): number {
  const n = integer(text);
  if (n === undefined || n < 1 || n > 64) throw new InvalidArgumentError('Use an integer from 1 to 64.');
  return n;
}

export interface Shard {
  /** 1-based */
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const total = m ? Number(m[2]) : Number.NaN;
  if (!m || total < 1 || index < 1 || index > total) {
    throw new InvalidArgumentError('Use I/N with 1 <= I <= N, e.g. --shard 1/3.');
  }
  return { index, total };
}

export const GROUPS = ['faq', 'login', 'security'] as const;

/** `--groups faq,security` → the groups, each known. */
export function parseGroups(text: string): string[] {
  const names = text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  const unknown = names.find((g) => !GROUP_NAME.test(g));
  if (names.length === 0 || unknown !== undefined)
    throw new InvalidArgumentError(
      `${unknown !== undefined ? `"${unknown}" is not a group name. ` : ''}Use a comma-separated list such as ${GROUPS.join(',')} (or the groups of your scenario files).`,
    );
  return [...new Set(names)];
}

export function parseRegExp(text: string): GrepMatcher {
  const grep = compileGrep(text);
  if (!grep.ok) throw new InvalidArgumentError(`${grep.reason}.`);
  return grep.value;
}

export function parseHttpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError('Use an absolute http(s) URL, e.g. http://127.0.0.1:3000.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('Use an http:// or https:// URL.');
  }
  return text.replace(/\/+$/, '');
}

export function parseHost(text: string): string {
  const host = text.trim();
  if (host === '' || /[\s/]/.test(host))
    throw new InvalidArgumentError('Use a host name or IP address, e.g. 127.0.0.1.');
  return host.replace(/^\[(.*)\]$/, '$1');
}

export const MOBILE_RULE = 'digits with optional + or -, at most 20 characters, e.g. 13800138000 or 1-1234432112';

/** A member's mobile for `mint`: what `/jsapi/getPhoneNumber` accepts, non-empty. */
export function parseMobile(text: string): string {
  if (!/^[0-9+-]{1,20}$/.test(text) || !/[0-9]/.test(text)) {
    throw new InvalidArgumentError(`Use ${MOBILE_RULE} (for an empty mobile use --outcome empty-mobile).`);
  }
  return text;
}

/** An app id as the admin API accepts it. */
export function parseAppId(text: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) {
    throw new InvalidArgumentError('Use 1-64 characters of A-Z a-z 0-9 _ -, e.g. 2021000000000001.');
  }
  return text;
}
