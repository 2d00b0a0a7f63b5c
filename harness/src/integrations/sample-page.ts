/**
 * Pages a gateway shows: the FAQ sample page (a mini-program project shipped with alimock), mounted as
 * `faq-sample` so that `/stub/` shows it, and — for tests — a team's project or one-page script (`Page({…})`),
 * compiled and mounted under an id of its own.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { miniProgramsOf } from '../../../mock-gateway/src/app.js';
import type { HostMap } from '../../../mock-gateway/src/bridge/map-host.js';
import type { MountedMiniProgram } from '../../../mock-gateway/src/routes/mounted-mini-program.js';
import { SAMPLE_ID } from '../../../mock-gateway/src/routes/stub.js';

export interface PageMountOptions {
  /** a team's project (its root, with app.json) */
  project?: string;
  /** its first page (a route of app.json) */
  page?: string;
  /** a one-file page script used as the FAQ sample's page logic: a file path, or an http(s) URL */
  pageScript?: string | { path: string; source: string };
  /** the backend under test: the page's my.request to other origins goes there */
  targetUrl?: string;
  hosts?: HostMap;
}

export type Mounted = { ok: true; value: string } | { ok: false; reason: string };

async function scriptOf(
  script: string,
): Promise<{ ok: true; value: { path: string; source: string } } | { ok: false; reason: string }> {
  try {
    if (/^https?:\/\//.test(script)) {
      const res = await fetch(script, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) return { ok: false, reason: `pageScript ${script}: HTTP ${res.status}` };
      return {
        ok: true,
        value: { path: new URL(script).pathname.split('/').pop() || 'page.js', source: await res.text() },
      };
    }
    const path = resolve(script);
    return { ok: true, value: { path, source: await readFile(path, 'utf8') } };
  } catch (e) {
    return { ok: false, reason: `pageScript ${script}: ${(e as Error).message}` };
  }
}

/** Compiles a page for mounting. */
async function compilePage(
  options: PageMountOptions,
): Promise<{ ok: true; value: MountedMiniProgram } | { ok: false; reason: string }> {
  let pageScript: { path: string; source: string } | undefined;
  if (options.pageScript !== undefined) {
    const got =
      typeof options.pageScript === 'string'
        ? await scriptOf(options.pageScript)
        : { ok: true as const, value: options.pageScript };
    if (!got.ok) return got;
    pageScript = got.value;
  }
  // the compiler (esbuild, postcss, the AXML parser) loads when a page is first compiled, not with the CLI
  const { prepareMiniProgram } = await import('../../../mini-program/src/prepare.js');
  const prepared = await prepareMiniProgram({
    ...(options.project ? { root: resolve(options.project) } : {}),
    ...(options.page ? { page: options.page } : {}),
    ...(pageScript ? { pageScript } : {}),
    ...(options.targetUrl ? { targetUrl: options.targetUrl } : {}),
    ...(options.hosts ? { hosts: options.hosts } : {}),
  });
  if (!prepared.ok) return prepared;
  return { ok: true, value: prepared.value.mounted };
}

/** Compiles and mounts a page; answers its path on the gateway (`/mp/<id>/`). */
export async function mountPage(app: FastifyInstance, id: string, options: PageMountOptions = {}): Promise<Mounted> {
  const compiled = await compilePage(options);
  if (!compiled.ok) return compiled;
  return { ok: true, value: miniProgramsOf(app).mount(id, compiled.value) };
}

/** The FAQ sample page, at `/stub/` (and `/mp/faq-sample/`). */
export function mountSamplePage(
  app: FastifyInstance,
  options: Pick<PageMountOptions, 'targetUrl'> = {},
): Promise<Mounted> {
  return mountPage(app, SAMPLE_ID, options);
}

/** The FAQ sample page, compiled when it is first opened (`alimock serve` starts without compiling it). */
export function mountSamplePageLazily(app: FastifyInstance, options: Pick<PageMountOptions, 'targetUrl'> = {}): string {
  return miniProgramsOf(app).mountLazy(SAMPLE_ID, () => compilePage(options));
}

/** An id for a page made of these options (the same options mount once). */
export function pageId(options: PageMountOptions): string {
  return `page-${createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 12)}`;
}

/** Mounts the page these options make, compiling it only the first time (tests of one worker share it). */
export async function mountPageOnce(app: FastifyInstance, options: PageMountOptions): Promise<Mounted> {
  const id = pageId(options);
  const registry = miniProgramsOf(app);
  const path = registry.has(id) ? registry.pathOf(id) : registry.mountLazy(id, () => compilePage(options));
  const got = await registry.resolve(id);
  return got && !got.ok ? got : { ok: true, value: path };
}
