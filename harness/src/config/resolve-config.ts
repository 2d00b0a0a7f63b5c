import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { REPORTER_NAMES, type ReporterName } from '../report/create-reporters.js';
import { compileGrep, type GrepMatcher } from '../run/grep.js';
import { type Contract, defaultContract } from '../target/contract.js';
import type { TargetConfig, UserConfig } from './define-config.js';
import { readBoundedText } from './read-bounded.js';

/** A page script larger than this is not a page script. */
const MAX_PAGE_SCRIPT = 4 * 1024 * 1024;

/** Everything the run needs, resolved once and passed down (no optional fields left). */
export interface ResolvedConfig {
  target: (TargetConfig & { kind: 'url' | 'command' | 'start' }) | { kind: 'reference' };
  contract: Contract;
  requireSignature: boolean;
  gatewayPort: number;
  keysDir: string | undefined;
  appId: string | undefined;
  driver: 'browser' | 'http';
  workers: number;
  reportDir: string;
  requestTimeoutMs: number;
  pageScript: { path: string; source: string } | undefined;
  browser: { executablePath: string | undefined; screenshots: 'on' | 'off' };
  grep: GrepMatcher | undefined;
  groups: Array<'faq' | 'security' | 'login'> | undefined;
  shard: { index: number; total: number } | undefined;
  reporters: ReporterName[];
}

/** What the command line adds on top of the config file. */
export interface CliOverrides {
  target?: string;
  driver?: string;
  grep?: string;
  reportDir?: string;
  shard?: string;
  workers?: string | number;
  groups?: Array<'faq' | 'security' | 'login'>;
  pageScript?: string;
}

export type ConfigResult = { ok: true; value: ResolvedConfig } | { ok: false; reason: string };

const KNOWN_KEYS = [
  'target',
  'gatewayPort',
  'contract',
  'requireSignature',
  'keysDir',
  'appId',
  'driver',
  'workers',
  'reportDir',
  'requestTimeoutMs',
  'pageScript',
  'browser',
  'grep',
  'groups',
  'reporters',
];
const CONTRACT_KEYS = [
  'phonePath',
  'healthPath',
  'loginPath',
  'buildPhoneRequest',
  'buildLoginRequest',
  'readLogin',
  'readMobile',
  'readErrorCode',
];

/** Scenarios are I/O-bound: one per core, at most 4, by default. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates the user config and merges CLI flags; each reason names the field and what to write instead. */
export function resolveConfig(user: UserConfig, cli: CliOverrides = {}, baseDir = process.cwd()): ConfigResult {
  const bad = (reason: string): ConfigResult => ({ ok: false, reason });
  if (user === null || typeof user !== 'object' || Array.isArray(user))
    return bad('the config must export an object (use defineConfig({ … }))');
  const unknown = Object.keys(user).find((k) => !KNOWN_KEYS.includes(k));
  if (unknown) return bad(`config: unknown field "${unknown}" (known: ${KNOWN_KEYS.join(', ')})`);

  // fields that must be text when given (a .json config can hold anything): refuse them here, by name
  for (const k of ['reportDir', 'keysDir', 'pageScript', 'appId'] as const) {
    if (user[k] !== undefined && (typeof user[k] !== 'string' || user[k] === ''))
      return bad(`${k}: must be a non-empty string`);
  }
  if (user.reporters !== undefined && !Array.isArray(user.reporters))
    return bad(`reporters: must be an array of ${REPORTER_NAMES.join(', ')}`);
  if (user.grep !== undefined && typeof user.grep !== 'string')
    return bad('grep: must be a string (a regular expression)');
  if (
    user.browser !== undefined &&
    (typeof user.browser !== 'object' || user.browser === null || Array.isArray(user.browser))
  )
    return bad('browser: must be { executablePath?, screenshots? }');
  if (user.browser?.executablePath !== undefined && typeof user.browser.executablePath !== 'string')
    return bad('browser.executablePath: must be a path to a Chromium executable');
  if (
    user.contract !== undefined &&
    (typeof user.contract !== 'object' || user.contract === null || Array.isArray(user.contract))
  )
    return bad('contract: must be an object ({ phonePath?, healthPath?, readMobile?, … })');

  // target
  let target: ResolvedConfig['target'] = { kind: 'reference' };
  const rawTarget = cli.target ?? user.target;
  if (typeof rawTarget === 'string') {
    if (!isHttpUrl(rawTarget)) return bad(`target: "${rawTarget}" is not an http(s) URL (e.g. http://127.0.0.1:3000)`);
    target = { kind: 'url', url: rawTarget };
  } else if (rawTarget !== undefined) {
    if (typeof rawTarget !== 'object' || rawTarget === null)
      return bad('target: must be a URL string or { url?, command?, start? }');
    const t = rawTarget as TargetConfig;
    if (t.url !== undefined && (typeof t.url !== 'string' || !isHttpUrl(t.url)))
      return bad('target.url: must be an http(s) URL');
    if (t.command !== undefined && (typeof t.command !== 'string' || t.command.trim() === ''))
      return bad('target.command: must be a non-empty shell command');
    if (t.start !== undefined && typeof t.start !== 'function')
      return bad('target.start: must be a function returning { url, close }');
    if (t.cwd !== undefined && typeof t.cwd !== 'string') return bad('target.cwd: must be a directory path');
    if (
      t.env !== undefined &&
      (typeof t.env !== 'object' || t.env === null || Object.values(t.env).some((v) => typeof v !== 'string'))
    )
      return bad('target.env: must be an object of string values');
    if (t.readyTimeoutMs !== undefined && !(Number.isInteger(t.readyTimeoutMs) && t.readyTimeoutMs > 0))
      return bad('target.readyTimeoutMs: must be a positive integer');
    const kind = t.start ? 'start' : t.command ? 'command' : t.url ? 'url' : undefined;
    if (!kind) return bad('target: give url (a running backend), command (to start one) or start (in code)');
    target = { ...t, kind, ...(t.cwd ? { cwd: resolve(baseDir, t.cwd) } : {}) };
  }

  // contract
  const c = user.contract ?? {};
  const unknownContract = Object.keys(c).find((k) => !CONTRACT_KEYS.includes(k));
  if (unknownContract) return bad(`contract: unknown field "${unknownContract}" (known: ${CONTRACT_KEYS.join(', ')})`);
  for (const k of ['phonePath', 'healthPath', 'loginPath'] as const) {
    const v = c[k];
    if (v !== undefined && (typeof v !== 'string' || !v.startsWith('/')))
      return bad(`contract.${k}: must be a path starting with "/"`);
  }
  for (const k of ['buildPhoneRequest', 'buildLoginRequest', 'readLogin', 'readMobile', 'readErrorCode'] as const) {
    if (c[k] !== undefined && typeof c[k] !== 'function') return bad(`contract.${k}: must be a function`);
  }
  const contract: Contract = { ...defaultContract, ...c };

  // simple fields
  if (
    user.gatewayPort !== undefined &&
    !(Number.isInteger(user.gatewayPort) && user.gatewayPort >= 0 && user.gatewayPort <= 65535)
  ) {
    return bad('gatewayPort: must be an integer 0-65535 (0 = any free port)');
  }
  if (user.requireSignature !== undefined && typeof user.requireSignature !== 'boolean')
    return bad('requireSignature: must be true or false');
  const driver = cli.driver ?? user.driver ?? 'browser';
  if (driver !== 'browser' && driver !== 'http') return bad(`driver: "${driver}" is not one of browser, http`);
  const workersRaw = cli.workers ?? user.workers ?? defaultWorkers();
  const workers = typeof workersRaw === 'string' ? Number(workersRaw) : workersRaw;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    return bad(`workers: "${workersRaw}" must be an integer from 1 to 64`);
  if (
    user.requestTimeoutMs !== undefined &&
    !(Number.isInteger(user.requestTimeoutMs) && user.requestTimeoutMs >= 100 && user.requestTimeoutMs <= 600_000)
  ) {
    return bad('requestTimeoutMs: must be an integer from 100 to 600000');
  }
  let grep: GrepMatcher | undefined;
  const grepRaw = cli.grep ?? user.grep;
  if (grepRaw !== undefined) {
    const compiled = compileGrep(grepRaw);
    if (!compiled.ok) return bad(`grep: ${compiled.reason}`);
    grep = compiled.value;
  }
  let shard: ResolvedConfig['shard'];
  if (cli.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(cli.shard);
    const index = Number(m?.[1]);
    const total = Number(m?.[2]);
    if (!m || total < 1 || index < 1 || index > total)
      return bad(`shard: "${cli.shard}" must be I/N with 1 <= I <= N (e.g. 1/3)`);
    shard = { index, total };
  }
  const groups = cli.groups ?? user.groups;
  if (
    groups !== undefined &&
    (!Array.isArray(groups) || groups.some((g) => !['faq', 'security', 'login'].includes(g)))
  ) {
    return bad('groups: must be an array of "faq", "security", "login"');
  }
  const reporters = user.reporters ?? ['console', 'json', 'junit', 'markdown', 'html'];
  const badReporter = reporters.find((r) => !(REPORTER_NAMES as readonly string[]).includes(r));
  if (badReporter) return bad(`reporters: "${badReporter}" is not one of ${REPORTER_NAMES.join(', ')}`);
  const screenshots = user.browser?.screenshots ?? 'on';
  if (screenshots !== 'on' && screenshots !== 'off') return bad('browser.screenshots: must be "on" or "off"');

  let pageScript: ResolvedConfig['pageScript'];
  const pageScriptRaw = cli.pageScript !== undefined ? resolve(cli.pageScript) : user.pageScript;
  if (pageScriptRaw !== undefined) {
    const p = isAbsolute(pageScriptRaw) ? pageScriptRaw : resolve(baseDir, pageScriptRaw);
    const read = readBoundedText(p, MAX_PAGE_SCRIPT);
    if (!read.ok) return bad(`pageScript: ${read.reason}`);
    pageScript = { path: p, source: read.value };
  }
  const keysDir = user.keysDir === undefined ? undefined : resolve(baseDir, user.keysDir);
  if (keysDir !== undefined && !existsSync(keysDir))
    return bad(`keysDir: no directory at ${keysDir} (create one with \`alimock keys --out DIR\`)`);

  return {
    ok: true,
    value: {
      target,
      contract,
      requireSignature: user.requireSignature ?? true,
      gatewayPort: user.gatewayPort ?? 0,
      keysDir,
      appId: user.appId,
      driver,
      workers,
      reportDir: resolve(baseDir, cli.reportDir ?? user.reportDir ?? 'alimock-report'),
      requestTimeoutMs: user.requestTimeoutMs ?? 10_000,
      pageScript,
      browser: { executablePath: user.browser?.executablePath, screenshots },
      grep,
      groups,
      shard,
      reporters,
    },
  };
}
