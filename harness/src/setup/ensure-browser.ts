/**
 * A browser for the demo and the tests, got the way a newcomer would: a Chromium already there (the system's, or
 * Playwright's download), else Playwright's Chromium installed now (its progress shown), else a clear line with the
 * Debian/Ubuntu command — and the caller decides what to do without one (the demo runs with the http driver).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type BrowserLocation, findHeadlessBrowser } from '../driver/find-browser.js';

export const APT_COMMAND = 'sudo apt-get install -y chromium fonts-noto-cjk';

export type BrowserPlan =
  | { kind: 'found'; source: string }
  | { kind: 'installed'; source: string }
  | { kind: 'unavailable'; reason: string };

export interface EnsureBrowserDeps {
  find(): Promise<BrowserLocation>;
  /** installs Playwright's Chromium (progress on the terminal) */
  install(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** a path was given (ALIMOCK_CHROMIUM, the config): a wrong one is the user's to fix, nothing is installed */
  explicit: boolean;
  /** one line to the user */
  say(line: string): void;
}

export async function ensureBrowser(deps: EnsureBrowserDeps): Promise<BrowserPlan> {
  const found = await deps.find();
  if (found.ok) return { kind: 'found', source: found.value.source };
  if (deps.explicit) return { kind: 'unavailable', reason: found.reason };
  deps.say("alimock: no Chromium found: installing Playwright's Chromium (npx playwright install chromium) …");
  const installed = await deps.install();
  if (!installed.ok)
    return {
      kind: 'unavailable',
      reason: `no Chromium found, and installing Playwright's failed (${installed.reason})`,
    };
  const again = await deps.find();
  return again.ok
    ? { kind: 'installed', source: again.value.source }
    : {
        kind: 'unavailable',
        reason: `Playwright's install finished but no Chromium was found afterwards (${again.reason})`,
      };
}

const require = createRequire(import.meta.url);

/** `playwright-core install chromium`, with its progress on this terminal. */
export function installPlaywrightChromium(): Promise<{ ok: true } | { ok: false; reason: string }> {
  let cli: string;
  try {
    cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  } catch {
    return Promise.resolve({ ok: false, reason: 'playwright-core is not installed' });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'install', 'chromium'], { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      process.stderr.write(d);
      err += d.toString();
    });
    child.on('error', (e) => resolve({ ok: false, reason: e.message }));
    child.on('exit', (code) => {
      const first =
        err
          .split('\n')
          .find((l) => /error/i.test(l))
          ?.trim() ?? `exit code ${code}`;
      // playwright's installer may exit 0 after a failed download: the second lookup decides
      resolve(
        code === 0 && !/Failed to download/i.test(err) ? { ok: true } : { ok: false, reason: first.slice(0, 200) },
      );
    });
  });
}

/** The real dependencies: alimock's lookup, Playwright's installer, stderr. */
export function defaultDeps(env: NodeJS.ProcessEnv = process.env): EnsureBrowserDeps {
  return {
    find: () => findHeadlessBrowser(undefined, env),
    install: installPlaywrightChromium,
    explicit: Boolean(env.ALIMOCK_CHROMIUM),
    say: (line) => process.stderr.write(`${line}\n`),
  };
}
