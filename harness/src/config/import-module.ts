/**
 * Loads a team's own module — a config, a scenario file, a reporter — the one way: TypeScript and JavaScript through
 * jiti (not cached, so a changed file is read again), with a syntax error located as `FILE:LINE:COL` and the line
 * shown; any other failure as one line that names the file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ImportedModule = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** `FILE:LINE:COL: syntax error: …`, then the line and a caret under the place. */
export function syntaxReason(
  path: string,
  text: string,
  where: { line: number; column: number } | undefined,
  message: string,
): string {
  const head = `${path}${where ? `:${where.line}:${where.column}` : ''}: syntax error: ${message.replace(/\s+/g, ' ').trim()}`;
  if (!where) return head;
  const source = (text.split('\n')[where.line - 1] ?? '').replace(/\t/g, ' ');
  const gutter = `${where.line} | `;
  return [
    head,
    `  ${gutter}${source.slice(0, 200)}`,
    `  ${' '.repeat(gutter.length + Math.max(0, where.column - 1))}^`,
  ].join('\n');
}

/** JSON text parsed, or why not and where (1-based line and column, when the parser says). */
export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; message: string; where: { line: number; column: number } | undefined };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = (e as Error).message;
    // Node's message may quote the text around the fault over several lines: keep one line
    const message = raw.replace(/\s+/g, ' ').slice(0, 200);
    const at = /position (\d+)/.exec(raw);
    return { ok: false, message, where: at ? lineColumn(text, Number(at[1])) : placeOf(text) };
  }
}

/** Where JSON.parse gave up when its message does not say: the place a JavaScript parser stops at (JSON is JS). */
function placeOf(text: string): { line: number; column: number } | undefined {
  // acorn loads only here, for a file that is not JSON
  const { parseExpressionAt } = createRequire(import.meta.url)('acorn') as typeof import('acorn');
  try {
    parseExpressionAt(text, 0, { ecmaVersion: 2022 });
    return undefined;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    return loc ? { line: loc.line, column: loc.column + 1 } : undefined;
  }
}

/** Imports `path`; `what` names it in a failure that is not a syntax error (e.g. "could not load the config"). */
export async function importModule(path: string, what = 'could not load'): Promise<ImportedModule> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { interopDefault: false, moduleCache: false });
  try {
    return { ok: true, value: (await jiti.import(path)) as Record<string, unknown> };
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    const at = /:(\d+):(\d+)\s*$/m.exec(message);
    if (at || /ParseError|SyntaxError/.test(message)) {
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        // the place is still named
      }
      const first = (message.split('\n')[0] ?? '').replace(/^(Error: )?(ParseError|SyntaxError): /, '').trim();
      return {
        ok: false,
        reason: syntaxReason(path, text, at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : undefined, first),
      };
    }
    return { ok: false, reason: `${path}: ${what}: ${message.split('\n')[0]}` };
  }
}
