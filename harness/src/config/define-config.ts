import type { Reporter } from '../report/reporter.js';
import type { ReporterName } from '../report/reporter-names.js';
import type { Contract } from '../target/contract.js';

/** A target backend: a running URL, a command that starts one, or (in code) a start function. */
export interface TargetConfig {
  /** base URL of a running backend; with `command`, the URL it will listen on (omit to read it from its stdout) */
  url?: string;
  /** shell command that starts the backend (it is stopped with SIGTERM at the end) */
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** ms to wait for `GET {url}{contract.healthPath}` → 200 (default 5000 for a running URL, 20000 for a command) */
  readyTimeoutMs?: number;
  /** programmatic: start the backend in-process; `gatewayUrl` is the mock's base URL (its OpenAPI gateway is `${gatewayUrl}/gateway.do`) */
  start?: (ctx: { gatewayUrl: string }) => Promise<{ url: string; close(): Promise<void> }>;
}

/** The team's own mini-program, run in place of the FAQ sample page. */
export interface MiniProgramConfig {
  /** the project's root folder (with app.json) */
  root: string;
  /** the page to open first (default: the first of app.json's pages), e.g. `pages/bind/bind` */
  page?: string;
  /**
   * where the page's API hosts go: origin → `'target'` (the backend under test), `'passthrough'`, or another base
   * URL. By default every http(s) origin that is not the mock's maps to the target.
   */
  hosts?: Record<string, string>;
  /** the phone button, when it is not the rendered `button[open-type="getAuthorize"][scope="phoneNumber"]` */
  button?: string;
  /** what to tap first when the phone button sits behind other taps (CSS selectors, in order) */
  tapPath?: string[];
}

export interface UserConfig {
  /** a URL string, or a TargetConfig; default: the bundled reference backend */
  target?: string | TargetConfig;
  /** how your backend's API differs from the default contract (docs/contract.md) */
  contract?: Partial<Contract>;
  /**
   * port of the mock gateway (default 0: any free port). Fix it when a backend that is already running must be
   * pointed at the mock's OpenAPI gateway (login-then-phone): http://127.0.0.1:PORT/gateway.do
   */
  gatewayPort?: number;
  /** a payload without `sign` must be rejected (default true) */
  requireSignature?: boolean;
  /** keys directory shared by the mock gateway and the reference backend (default: alimock's TEST-ONLY keys/) */
  keysDir?: string;
  /** app id the page runs as (default: keys/app.json) */
  appId?: string;
  driver?: 'browser' | 'http';
  workers?: number;
  reportDir?: string;
  /** per-request timeout towards the backend, ms (default 10000) */
  requestTimeoutMs?: number;
  /** your own page script (Page({...}) using my), instead of the FAQ's sample page: a one-page project */
  pageScript?: string;
  /** your own mini-program project (AXML, ACSS, JS, app.json), instead of the FAQ's sample page */
  miniProgram?: string | MiniProgramConfig;
  browser?: { executablePath?: string; screenshots?: 'on' | 'off' };
  /** only scenarios whose id or title matches */
  grep?: string;
  /** groups to run (default: all): faq, login, security, and the groups of your scenario files (custom by default) */
  groups?: Array<'faq' | 'security' | 'login' | (string & {})>;
  /**
   * outputs of the run: alimock's (`console`, `json`, `junit`, `markdown`, `html`), a reporter object
   * (`{ name, onRunStart?, onScenarioEnd?, onRunEnd? }`), or the path of a module exporting one (or a function
   * `({ reportDir }) => reporter`)
   */
  reporters?: Array<ReporterName | Reporter | string>;
  /**
   * the scenarios to run: scenario files (.json, .ts, .js) and folders of them; `builtin` stands for alimock's own
   * suite (the default)
   */
  scenarios?: string[];
}

/** Typed identity: `export default defineConfig({ … })` in alimock.config.ts. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
