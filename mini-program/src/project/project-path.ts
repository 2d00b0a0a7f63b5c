import { posix } from 'node:path';

/**
 * A path written in the project (`/assets/x.png` from the root, `./x.axml` or `../x` from `fromFile`'s folder) →
 * a project-relative posix path, or undefined when it leaves the project.
 */
export function resolveProjectPath(fromFile: string, written: string): string | undefined {
  const joined = written.startsWith('/') ? written.slice(1) : posix.join(posix.dirname(fromFile), written);
  const normal = posix.normalize(joined);
  if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal)) return undefined;
  return normal === '.' ? '' : normal;
}

/** Adds `ext` when the path has no extension of its own (`./item` → `./item.axml`). */
export function withExtension(path: string, ext: string): string {
  return posix.extname(path) === '' ? `${path}${ext}` : path;
}
