/**
 * Reading a project's files: every file read (or looked for and missing) is recorded with its size and mtime, so
 * that a cached compilation is reused exactly while none of them changed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Fingerprint = Array<[file: string, signature: string]>;

export function signature(abs: string): string {
  try {
    const s = statSync(abs);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export function fingerprintHolds(fp: Fingerprint): boolean {
  return fp.every(([file, sig]) => signature(file) === sig);
}

export class ProjectFiles {
  private readonly seen = new Map<string, string>();
  constructor(readonly root: string) {}

  /** A project-relative file's text; undefined when it does not exist. */
  read = (rel: string): string | undefined => this.readAbsolute(join(this.root, rel));

  readAbsolute(abs: string): string | undefined {
    this.seen.set(abs, signature(abs));
    try {
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  }

  exists(rel: string): boolean {
    const abs = join(this.root, rel);
    const sig = signature(abs);
    this.seen.set(abs, sig);
    return sig !== 'missing';
  }

  note(abs: string): void {
    if (!this.seen.has(abs)) this.seen.set(abs, signature(abs));
  }

  fingerprint(): Fingerprint {
    return [...this.seen.entries()];
  }
}

const ASSET = /\.(png|jpe?g|gif|svg|webp|ico|bmp|avif|mp3|mp4|wav|ogg|webm|woff2?|ttf|otf)$/i;
const MAX_ASSETS = 5000;

/** Static files of the project by their project path (node_modules and dot-folders left out). */
export function scanAssets(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  const walk = (dir: string, rel: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (count >= MAX_ASSETS) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const abs = join(dir, e.name);
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(abs, path);
      else if (e.isFile() && ASSET.test(e.name)) {
        out[path] = abs;
        count++;
      }
    }
  };
  walk(root, '');
  return out;
}
