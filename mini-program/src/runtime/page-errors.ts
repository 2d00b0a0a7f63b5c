/**
 * Page errors: shown in the page's error banner (`#page-error`) and logged as `error` events whose `error` holds
 * `message` and, when the error comes from the project's code, its `file`, `line` and `column` (mapped through the
 * bundle's source map). Errors of the project's files found at compile time (AXML, JS syntax) carry their place too.
 */
import type { Diagnostic } from '../diagnostic.js';
import { byId } from './dom.js';
import { log, plain, track } from './event-log.js';
import { win } from './globals.js';
import { unknownApiHint } from './my/unknown-api.js';
import { bundleFrame, isBundle, mapPosition, type SourcePlace } from './source-map.js';

export function showError(text: string): void {
  const banner = byId('page-error');
  banner.hidden = false;
  const line = document.createElement('div');
  line.textContent = text;
  banner.appendChild(line);
}

const at = (p: SourcePlace | undefined) => (p ? `（${p.file}:${p.line}:${p.column}）` : '');

/** Where an error was thrown in the project's code, when it was. */
async function placeOf(
  err: unknown,
  filename?: string,
  line?: number,
  column?: number,
): Promise<SourcePlace | undefined> {
  const frame = bundleFrame((err as { stack?: string } | undefined)?.stack);
  if (frame) return mapPosition(frame.line, frame.column);
  if (isBundle(filename) && line) return mapPosition(line, column ?? 1);
  return undefined;
}

/**
 * An error thrown by the project's code: logged (`name`: 'error', 'unhandledrejection', or what was running) and
 * shown with the project's place. Resolves once logged.
 */
export function reportThrown(
  name: string,
  err: unknown,
  prefix: string,
  where?: { filename?: string; line?: number; column?: number },
): Promise<void> {
  const thrown =
    err instanceof Error ? err.message : typeof err === 'string' ? err : (JSON.stringify(plain(err)) ?? String(err));
  const hint = unknownApiHint(thrown);
  const message = hint ? `${thrown} (${hint})` : thrown;
  return track(
    placeOf(err, where?.filename, where?.line, where?.column).then((place) => {
      log('error', name, undefined, {
        error: { message, ...(place ?? {}), stack: (err as { stack?: string } | undefined)?.stack },
      });
      showError(`${prefix}${message}${at(place)}`);
    }),
  );
}

/** A problem found at compile time (AXML, ACSS, JS syntax), with its place. */
export function reportDiagnostic(name: string, d: Diagnostic, prefix: string): void {
  log('error', name, undefined, {
    error: { message: d.message, file: d.file, line: d.line, column: d.column, ...(d.hint ? { hint: d.hint } : {}) },
  });
  showError(`${prefix}${d.file}:${d.line}:${d.column} ${d.message}${d.hint ? `（${d.hint}）` : ''}`);
}

/** The page cannot run: `window.__alimockPageError` is set (the harness stops waiting for ready). */
export function failPage(message: string, args?: unknown): void {
  win.__alimockPageError = message;
  log('error', 'page-load', args, { error: { message } });
}

/** Runs page code; an exception is reported (with its place) without breaking the runtime. */
export function guarded<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    void reportThrown('error', err, '页面脚本错误：');
    return undefined;
  }
}

export function installErrorListeners(): void {
  window.addEventListener('error', (e) => {
    void reportThrown('error', e.error ?? e.message, '页面脚本错误：', {
      filename: e.filename,
      line: e.lineno,
      column: e.colno,
    });
  });
  window.addEventListener('unhandledrejection', (e) => {
    void reportThrown('unhandledrejection', e.reason, '未处理的 Promise 拒绝：');
  });
}
