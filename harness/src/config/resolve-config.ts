import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PHONE_BUTTON } from '../../../mini-program/src/phone-button.js';
import { checkHostMap } from '../../../mock-gateway/src/bridge/map-host.js';
import type { Reporter } from '../report/reporter.js';
import { REPORTER_HOOKS, REPORTER_NAMES, type ReporterName } from '../report/reporter-names.js';
import { compileGrep, type GrepMatcher } from '../run/grep.js';
import { GROUP_NAME } from '../scenario/types.js';
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
  /** the team's project (absolute root), or undefined for the FAQ sample page */
  miniProgram: ResolvedMiniProgram | undefined;
  browser: { executablePath: string | undefined; screenshots: 'on' | 'off' };
  grep: GrepMatcher | undefined;
  /** faq, login, security, or the groups of a team's scenario files (custom by default) */
  groups: string[] | undefined;
  shard: { index: number; total: number } | undefined;
  /** alimock's reporters by name, reporter objects, and modules to load (absolute paths) */
  reporters: ReporterSpec[];
  /** scenario files and folders (absolute), or `builtin`; undefined: alimock's own suite */
  scenarios: string[] | undefined;
}

/** What the command line adds on top of the config file. */
export interface CliOverrides {
  target?: string;
  driver?: string;
  grep?: string;
  reportDir?: string;
  shard?: string;
  workers?: string | number;
  groups?: string[];
  pageScript?: string;
  miniProgram?: string;
  /** scenario files or folders (`--scenarios`, repeatable) */
  scenarios?: string[];
  page?: string;
}

export interface ResolvedMiniProgram {
  root: string;
  page: string | undefined;
  hosts: Record<string, string>;
  /** the phone button's selector */
  button: string;
  tapPath: string[];
}

/** A reporter as the config gives it, resolved: a built-in name, an object, or a module path to load. */
export type ReporterSpec = ReporterName | Reporter | { module: string };

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
  'miniProgram',
  'browser',
  'grep',
  'groups',
  'reporters',
  'scenarios',
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
    return bad(`reporters: must be an array of ${REPORTER_NAMES.join(', ')}, reporter objects or module paths`);
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
  // scenario files named on the command line replace the config's choice of scenarios, its groups with it
  // (`--groups` still narrows them)
  const groups = cli.groups ?? (cli.scenarios !== undefined ? undefined : user.groups);
  if (
    groups !== undefined &&
    (!Array.isArray(groups) || groups.length === 0 || groups.some((g) => typeof g !== 'string' || !GROUP_NAME.test(g)))
  ) {
    return bad(
      'groups: must be a list of group names: "faq", "login", "security" (and "custom" or your own groups for scenario files)',
    );
  }
  const reporters: ReporterSpec[] = [];
  for (const r of user.reporters ?? ['console', 'json', 'junit', 'markdown', 'html']) {
    const spec = reporterSpec(r, baseDir);
    if (!spec.ok) return bad(spec.reason);
    reporters.push(spec.value);
  }
  const scenariosRaw = cli.scenarios ?? user.scenarios;
  if (
    scenariosRaw !== undefined &&
    (!Array.isArray(scenariosRaw) ||
      scenariosRaw.length === 0 ||
      scenariosRaw.some((p) => typeof p !== 'string' || p === ''))
  )
    return bad('scenarios: must be a list of scenario files or folders (and "builtin" for alimock\'s own suite)');
  const scenarios = scenariosRaw?.map((p) =>
    p === 'builtin' ? p : resolve(cli.scenarios ? process.cwd() : baseDir, p),
  );
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
  const miniProgram = resolveMiniProgram(user.miniProgram, cli, baseDir);
  if (!miniProgram.ok) return bad(miniProgram.reason);
  if (miniProgram.value && pageScript)
    return bad('pageScript and miniProgram: give one (a page script is a one-page project; miniProgram a whole one)');
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
      miniProgram: miniProgram.value,
      browser: { executablePath: user.browser?.executablePath, screenshots },
      grep,
      groups,
      shard,
      reporters,
      scenarios,
    },
  };
}

const MP_KEYS = ['root', 'page', 'hosts', 'button', 'tapPath'];

/** `miniProgram` (a folder, or { root, page?, hosts?, button?, tapPath? }), with `--mini-program` / `--page` on top. */
function resolveMiniProgram(
  raw: UserConfig['miniProgram'],
  cli: CliOverrides,
  baseDir: string,
): { ok: true; value: ResolvedMiniProgram | undefined } | { ok: false; reason: string } {
  const bad = (reason: string) => ({ ok: false as const, reason });
  if (raw === undefined && cli.miniProgram === undefined) {
    return cli.page === undefined
      ? { ok: true, value: undefined }
      : bad('--page needs --mini-program (or miniProgram in the config)');
  }
  const given = typeof raw === 'string' ? { root: raw } : raw;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given)))
    return bad('miniProgram: must be a folder or { root, page?, hosts?, button?, tapPath? }');
  const unknown = Object.keys(given ?? {}).find((k) => !MP_KEYS.includes(k));
  if (unknown) return bad(`miniProgram: unknown field "${unknown}" (known: ${MP_KEYS.join(', ')})`);
  const rootRaw = cli.miniProgram !== undefined ? resolve(cli.miniProgram) : given?.root;
  if (typeof rootRaw !== 'string' || rootRaw === '') return bad('miniProgram.root: must be the folder with app.json');
  const root = isAbsolute(rootRaw) ? rootRaw : resolve(baseDir, rootRaw);
  if (!existsSync(join(root, 'app.json')))
    return bad(`miniProgram: no app.json in ${root} (give the mini-program's root folder)`);
  const page = cli.page ?? given?.page;
  if (page !== undefined && (typeof page !== 'string' || !/^[\w./-]+$/.test(page) || page.startsWith('/')))
    return bad('miniProgram.page: a route of app.json such as pages/bind/bind');
  const hosts = checkHostMap(given?.hosts);
  if (!hosts.ok) return bad(`miniProgram.${hosts.reason}`);
  // undefined only: a .json config's null is a bad value here, as it is for page and hosts
  const button = given?.button === undefined ? PHONE_BUTTON : given.button;
  if (typeof button !== 'string' || button.trim() === '') return bad('miniProgram.button: must be a CSS selector');
  const tapPath = given?.tapPath === undefined ? [] : given.tapPath;
  if (!Array.isArray(tapPath) || tapPath.some((t) => typeof t !== 'string' || t.trim() === ''))
    return bad('miniProgram.tapPath: must be a list of CSS selectors, tapped in order before the phone button');
  return { ok: true, value: { root, page, hosts: { ...hosts.value }, button, tapPath } };
}

/** A reporter entry of the config: a built-in name, an object with hooks, or a module path. */
function reporterSpec(r: unknown, baseDir: string): { ok: true; value: ReporterSpec } | { ok: false; reason: string } {
  if (typeof r === 'string') {
    if ((REPORTER_NAMES as readonly string[]).includes(r)) return { ok: true, value: r as ReporterName };
    if (/^(\.{1,2}\/|\/)|\.(m?[jt]s|c?js)$/.test(r)) return { ok: true, value: { module: resolve(baseDir, r) } };
    return {
      ok: false,
      reason: `reporters: "${r}" is not one of ${REPORTER_NAMES.join(', ')}, nor a module path (./my-reporter.ts)`,
    };
  }
  if (r !== null && typeof r === 'object' && !Array.isArray(r)) {
    const o = r as Record<string, unknown>;
    if (typeof o.name !== 'string' || o.name === '')
      return { ok: false, reason: 'reporters: a reporter object needs a name' };
    const bad = REPORTER_HOOKS.find((h) => o[h] !== undefined && typeof o[h] !== 'function');
    if (bad) return { ok: false, reason: `reporters: ${o.name}.${bad} must be a function` };
    if (!REPORTER_HOOKS.some((h) => typeof o[h] === 'function'))
      return { ok: false, reason: `reporters: ${o.name} has none of ${REPORTER_HOOKS.join(', ')}` };
    return { ok: true, value: r as Reporter };
  }
  return { ok: false, reason: 'reporters: each entry is a name, a reporter object or a module path' };
}
