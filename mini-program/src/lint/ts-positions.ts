/** A TypeScript script as JS for acorn, with a way back to the TS file's lines (esbuild + its source map). */
import { decode } from '@jridgewell/sourcemap-codec';
import { transformSync } from 'esbuild';
import type { Place } from './js-outline.js';

export function tsToJs(
  code: string,
  file: string,
): { code: string; mapPlace: (p: Place) => Place } | { error: Place & { message: string } } {
  try {
    const out = transformSync(code, {
      loader: 'ts',
      sourcemap: 'external',
      sourcefile: file,
      format: 'esm',
      target: 'es2022',
    });
    const lines = decode((JSON.parse(out.map) as { mappings: string }).mappings);
    const mapPlace = (p: Place): Place => {
      const segs = lines[p.line - 1] ?? [];
      let best: (typeof segs)[number] | undefined;
      for (const s of segs) {
        if ((s[0] ?? 0) <= p.column - 1) best = s;
        else break;
      }
      return best && best.length >= 4 ? { line: (best[2] as number) + 1, column: (best[3] as number) + 1 } : p;
    };
    return { code: out.code, mapPlace };
  } catch (e) {
    const m = (e as { errors?: Array<{ text: string; location?: { line: number; column: number } }> }).errors?.[0];
    return {
      error: { line: m?.location?.line ?? 1, column: (m?.location?.column ?? 0) + 1, message: m?.text ?? String(e) },
    };
  }
}
