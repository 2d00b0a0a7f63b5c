/**
 * What the gateway serves for a mini-program: compiled by its caller (the harness, the CLI) and handed in. The
 * gateway never compiles anything itself.
 */
import type { HostMap } from '../bridge/map-host.js';

export interface ServedFile {
  body: string;
  contentType: string;
}

export interface MountedMiniProgram {
  /** by name under the project's base URL; '' is the page shell */
  files: ReadonlyMap<string, ServedFile>;
  /** static files: project path → absolute file */
  assets: Readonly<Record<string, string>>;
  hosts?: HostMap;
  /** the backend under test (my.request to other origins goes there, see hosts) */
  targetUrl?: string;
}
