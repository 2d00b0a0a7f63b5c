/**
 * The page stack: navigateTo pushes, redirectTo replaces, navigateBack pops, switchTab/reLaunch start over. Each
 * page runs onLoad(query) → onShow → first render → onReady; the page below a pushed one gets onHide, and onShow
 * again when it is back on top.
 */
import { type ProjectManifest, pageModule } from '../project/manifest.js';
import { byId } from './dom.js';
import { installPageEvents } from './dom-events.js';
import { log } from './event-log.js';
import { requireModule } from './modules.js';
import { reportDiagnostic, reportThrown } from './page-errors.js';
import { PageHost } from './page-host.js';
import { pageDefs } from './registry.js';
import { parseRouteUrl } from './route-url.js';
import { applyWindow, renderTabBar, setBackVisible } from './shell.js';

type Fn = (...args: unknown[]) => unknown;
export type OpenResult = { ok: true } | { ok: false; message: string };

export class Router {
  readonly stack: PageHost[] = [];
  private readonly shownErrors = new Set<string>();

  constructor(
    private readonly project: ProjectManifest,
    private readonly appName: () => string,
  ) {}

  get top(): PageHost | undefined {
    return this.stack[this.stack.length - 1];
  }

  private lifecycle(host: PageHost, name: string, ...args: unknown[]): Promise<unknown> {
    const fn = host.instance[name];
    if (typeof fn !== 'function') return Promise.resolve();
    try {
      return Promise.resolve((fn as Fn).apply(host.instance, args));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Creates the page for `route` (running its module the first time); a message when it cannot. */
  private create(route: string, query: Record<string, string>): PageHost | { message: string } {
    const page = this.project.pages[route];
    if (!page) return { message: `页面不存在：${route}` };
    const loaded = requireModule(pageModule(route));
    if (!loaded.ok) {
      void reportThrown('error', loaded.error, `页面 ${route} 的脚本出错：`);
      return { message: `页面脚本执行出错：${route}` };
    }
    const def = pageDefs.get(route);
    if (!def) return { message: `页面脚本未调用 Page()：${route}` };
    if (!this.shownErrors.has(route)) {
      this.shownErrors.add(route);
      for (const d of page.errors) reportDiagnostic('template', d, '页面模板错误：');
    }
    const host = new PageHost(route, query, def, page);
    if (this.stack.length === 0)
      log('page', 'Page', { data: host.instance.data, handlers: def.buttonHandlers ?? undefined });
    installPageEvents(host, {
      appName: this.appName,
      navigate: (how, url, delta) => void this.navigate(how, url, delta),
    });
    return host;
  }

  private show(host: PageHost): void {
    for (const p of this.stack) if (p !== host) p.element.hidden = true;
    host.element.hidden = false;
    const page = this.project.pages[host.route];
    applyWindow({ ...this.project.window, ...(page?.window ?? {}) }, this.appName());
    setBackVisible(this.stack.length > 1);
    renderTabBar(this.project.tabBar, host.route, (r) => void this.open('switchTab', r, {}));
  }

  /** Opens a page: `launch` (the first), `navigateTo`, `redirectTo`, `switchTab`, `reLaunch`. Rejects when its onLoad/onShow throws. */
  async open(how: string, route: string, query: Record<string, string>): Promise<OpenResult> {
    if (how === 'navigateTo' && this.stack.length >= 10) return { ok: false, message: '页面栈已满（最多 10 层）' };
    const created = this.create(route, query);
    if (!(created instanceof PageHost)) return { ok: false, message: created.message };
    const below = this.top;
    if (how === 'redirectTo' && below) this.unload(this.stack.pop() as PageHost);
    else if ((how === 'switchTab' || how === 'reLaunch') && below)
      while (this.stack.length) this.unload(this.stack.pop() as PageHost);
    else if (below) void this.lifecycle(below, 'onHide').catch((e) => reportThrown('error', e, '页面 onHide 出错：'));
    this.stack.push(created);
    byId('content').append(created.element);
    this.show(created);
    log('page', 'onLoad', query, { route, how });
    created.render();
    await this.lifecycle(created, 'onLoad', query);
    await this.lifecycle(created, 'onShow');
    await this.lifecycle(created, 'onReady');
    return { ok: true };
  }

  private unload(host: PageHost): void {
    void this.lifecycle(host, 'onUnload').catch((e) => reportThrown('error', e, '页面 onUnload 出错：'));
    host.unload();
  }

  back(delta = 1): OpenResult {
    if (this.stack.length <= 1) return { ok: false, message: '已经是第一页' };
    const n = Math.min(Math.max(1, Math.floor(delta)), this.stack.length - 1);
    for (let i = 0; i < n; i++) this.unload(this.stack.pop() as PageHost);
    const top = this.top as PageHost;
    this.show(top);
    log('page', 'navigateBack', { route: top.route, delta: n });
    void this.lifecycle(top, 'onShow').catch((e) => reportThrown('error', e, '页面 onShow 出错：'));
    return { ok: true };
  }

  /** `<navigator>` and my.navigateTo & co.: a URL relative to the page on top. */
  async navigate(how: string, url: string, delta = 1): Promise<OpenResult> {
    const kind = how === 'navigate' ? 'navigateTo' : how === 'redirect' ? 'redirectTo' : how;
    if (kind === 'navigateBack') return this.back(delta);
    const { route, query } = parseRouteUrl(url, this.top?.route);
    if (!this.project.routes.includes(route))
      return { ok: false, message: `页面不存在：${route}（不在 app.json 的 pages 中）` };
    const isTab = this.project.tabBar?.items.some((i) => i.pagePath.replace(/^\//, '') === route) ?? false;
    if (kind === 'switchTab' && !isTab) return { ok: false, message: `switchTab 只能跳转到 tabBar 页面：${route}` };
    // the tab shown already stays as it is
    if (kind === 'switchTab' && this.stack.length === 1 && this.top?.route === route) return { ok: true };
    if ((kind === 'navigateTo' || kind === 'redirectTo') && isTab)
      return { ok: false, message: `不能 ${kind} 到 tabBar 页面，请用 switchTab：${route}` };
    try {
      return await this.open(kind, route, query);
    } catch (err) {
      void reportThrown('error', err, `页面 ${route} 出错：`);
      return { ok: true };
    }
  }
}
