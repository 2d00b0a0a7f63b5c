/**
 * Bundle positions → the project's file:line:column, through the bundle's source map (fetched the first time an
 * error needs it).
 */
import { decode, type SourceMapMappings } from '@jridgewell/sourcemap-codec';

export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

interface LoadedMap {
  sources: string[];
  mappings: SourceMapMappings;
}

let bundleUrl: string | undefined;
let loading: Promise<LoadedMap | undefined> | undefined;

export function setBundle(url: string): void {
  bundleUrl = url;
}

function load(): Promise<LoadedMap | undefined> {
  if (!bundleUrl) return Promise.resolve(undefined);
  loading ??= fetch(`${bundleUrl.split('?')[0]}.map`)
    .then((r) => (r.ok ? r.json() : undefined))
    .then((raw: { sources?: string[]; mappings?: string } | undefined) =>
      raw?.mappings ? { sources: raw.sources ?? [], mappings: decode(raw.mappings) } : undefined,
    )
    .catch(() => undefined);
  return loading;
}

/** True when `url` is the project's bundle. */
export function isBundle(url: string | undefined): boolean {
  return !!url && !!bundleUrl && url.split('?')[0] === bundleUrl.split('?')[0];
}

/** Maps a 1-based position in the bundle; undefined when it is not in the project's code. */
export async function mapPosition(line: number, column: number): Promise<SourcePlace | undefined> {
  const map = await load();
  const segments = map?.mappings[line - 1];
  if (!map || !segments) return undefined;
  let best: (typeof segments)[number] | undefined;
  for (const seg of segments) {
    if ((seg[0] ?? 0) <= column - 1) best = seg;
    else break;
  }
  if (!best || best.length < 4) return undefined;
  const file = map.sources[best[1] as number];
  if (file === undefined || file.startsWith('<alimock')) return undefined;
  return { file, line: (best[2] as number) + 1, column: (best[3] as number) + 1 };
}

/** The first frame of a V8 stack that lies in the bundle: its line and column there. */
export function bundleFrame(stack: string | undefined): { line: number; column: number } | undefined {
  if (!stack || !bundleUrl) return undefined;
  const base = bundleUrl.split('?')[0] as string;
  for (const m of stack.matchAll(/(https?:\/\/[^\s()]+?):(\d+):(\d+)/g)) {
    if ((m[1] as string).split('?')[0] === base) return { line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
