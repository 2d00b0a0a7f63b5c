/**
 * For the browser tests: one Chromium per test process (each file its own contexts), a gateway serving compiled projects, a tiny backend, and
 * helpers to read the page's event log.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { closeTestContexts, sharedTestBrowser } from '../../../harness/src/test-support/chromium.js';
import { buildGateway } from '../../../mock-gateway/src/app.js';
import type { LoadProjectOptions } from '../project/load-project.js';
import { loadProject } from '../project/load-project.js';
import { loadRuntimeAssets } from '../runtime-build/runtime-assets.js';
import { type MountOptions, mountProject } from '../serve/mounted-project.js';

/** The test process's one Chromium (see sharedTestBrowser), and closing what a test file left open in it. */
export const launchBrowser = sharedTestBrowser;
export const closeBrowserContexts = closeTestContexts;

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  return context.newPage();
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A backend that records what it gets and answers with `answer(req)` (JSON). */
export async function startBackend(
  answer: (req: Recorded) => { status?: number; body: unknown },
): Promise<{ url: string; calls: Recorded[]; close(): Promise<void> }> {
  const calls: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      calls.push(rec);
      const a = answer(rec);
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A gateway serving the project at /mp/<id>/; answers the gateway and the page URL base. */
export async function serveProject(
  root: string,
  options: LoadProjectOptions & MountOptions & { id?: string } = {},
): Promise<{ gateway: FastifyInstance; base: string; pageUrl: string }> {
  const compiled = await loadProject(root, options);
  if (!compiled.ok) throw new Error(compiled.reason);
  const runtime = await loadRuntimeAssets();
  if (!runtime.ok) throw new Error(runtime.reason);
  const id = options.id ?? 'app';
  const gateway = await buildGateway({
    miniPrograms: {
      [id]: mountProject(compiled.value, runtime.value, {
        ...(options.hosts ? { hosts: options.hosts } : {}),
        ...(options.targetUrl ? { targetUrl: options.targetUrl } : {}),
      }),
    },
  });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  const { port } = gateway.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return { gateway, base, pageUrl: `${base}/mp/${id}/` };
}

export interface LoggedEvent {
  kind: string;
  name: string;
  args?: unknown;
  result?: unknown;
  error?: Record<string, unknown>;
  mappedUrl?: string;
}

/** Waits (in the page, with the runtime's change notification) until `predicate` holds over the event log. */
export async function waitForEvents(page: Page, predicate: string, timeoutMs = 10_000): Promise<LoggedEvent[]> {
  return page.evaluate(
    ([source, ms]) =>
      new Promise<LoggedEvent[]>((resolve, reject) => {
        const w = window as unknown as { __alimockEvents: LoggedEvent[]; __alimockOnChange(c: () => boolean): void };
        const test = new Function('events', `return (${source})(events);`) as (e: LoggedEvent[]) => boolean;
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${source}`)), ms);
        const check = () => {
          const ok = test(w.__alimockEvents ?? []);
          if (ok) {
            clearTimeout(timer);
            resolve(JSON.parse(JSON.stringify(w.__alimockEvents)));
          }
          return ok;
        };
        const attach = () =>
          typeof w.__alimockOnChange === 'function' ? w.__alimockOnChange(check) : setTimeout(attach, 5);
        attach();
      }),
    [predicate, timeoutMs] as const,
  );
}
