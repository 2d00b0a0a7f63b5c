/**
 * alimock's mini-program runtime: a stand-in for Alipay's mini-program container in a plain browser page. Loaded
 * by the page shell before the project's manifest (`window.__alimockProject`) and its bundle (which registers its
 * modules with `__amDefine`); starts the app when the document is parsed.
 *
 * Harness protocol (unchanged from the stub page): `window.__alimockEvents`, `__alimockReady`, `__alimockPending()`,
 * `__alimockOnChange(check)`, `__alimockPageError`, `window.__ALIMOCK__` (session, appId, userId, phoneUrl, loginUrl
 * from the query string), `__alimockNativeRequest`; hooks `__alimockPhoneRequest` / `__alimockLoginRequest`.
 * Query string: the above, plus `page` (route to open first), `canIUse` (0 = no getAuthorize button), `appName`.
 */
import { APP_MODULE, type ProjectManifest } from '../project/manifest.js';
import { installConfig, param, query } from './config.js';
import { callAuthorizeHandlerWithoutConsent } from './dom-events.js';
import { installEventLog, log } from './event-log.js';
import { win } from './globals.js';
import { define, requireModule } from './modules.js';
import { createMy } from './my/index.js';
import { failPage, installErrorListeners, reportDiagnostic, reportThrown, showError } from './page-errors.js';
import { installPageRequests } from './page-requests.js';
import { Component, Page, setManifest } from './registry.js';
import { Router } from './router.js';
import { windowTitle } from './shell.js';
import { setBundle } from './source-map.js';

type Fn = (...args: unknown[]) => unknown;

installEventLog();
installConfig();
installErrorListeners();

let router: Router | undefined;
let app: Record<string, unknown> | undefined;

win.my = createMy(() => router);
win.Page = Page;
win.Component = Component;
win.App = (options: unknown) => {
  if (app) throw new Error('App() 只能调用一次');
  app = (options && typeof options === 'object' ? options : {}) as Record<string, unknown>;
};
win.getApp = () => {
  app ??= {};
  return app;
};
win.getCurrentPages = () => router?.stack.map((p) => p.instance) ?? [];
win.__amDefine = define;
/** For the host (the harness): a problem it met while serving the page, e.g. its contract could not build a request. */
win.__alimockReport = (message: unknown) => {
  log('error', 'host', undefined, { error: { message: String(message) } });
};
/** No-tap scenarios: the top page's phone-button handler, called without consent (false: no such button). */
win.__alimockCallAuthorizeHandler = (selector?: unknown) => {
  const top = router?.top;
  return top ? callAuthorizeHandlerWithoutConsent(top, typeof selector === 'string' ? selector : undefined) : false;
};

async function start(): Promise<void> {
  installPageRequests();
  const project = win.__alimockProject as ProjectManifest | undefined;
  if (!project) {
    failPage('小程序项目未加载（project.js 缺失）');
    showError('小程序项目未加载（project.js 缺失）');
    return;
  }
  setManifest(project);
  const bundle = document.querySelector<HTMLScriptElement>('script[data-am-bundle]');
  if (bundle) setBundle(bundle.src);
  const appName = param('appName') ?? windowTitle(project.window) ?? '示例小程序';
  if (project.scriptErrors.length > 0) {
    for (const d of project.scriptErrors) reportDiagnostic('syntax', d, '页面脚本无法编译：');
    const first = project.scriptErrors[0];
    failPage(`页面脚本无法编译：${first?.file}:${first?.line}:${first?.column} ${first?.message}`);
    return;
  }
  const pageQuery = Object.fromEntries(query.entries());
  const loaded = requireModule(APP_MODULE);
  if (!loaded.ok) {
    await reportThrown('error', loaded.error, 'app.js 出错：');
    failPage(`app.js 执行出错：${(loaded.error as Error)?.message ?? loaded.error}`);
    return;
  }
  const theApp = win.getApp as () => Record<string, unknown>;
  const instance = theApp();
  router = new Router(project, () => appName);
  const entry = param('page') ?? project.entry;
  try {
    const launch = { query: pageQuery, path: entry };
    if (typeof instance.onLaunch === 'function') await (instance.onLaunch as Fn).call(instance, launch);
    if (typeof instance.onShow === 'function') await (instance.onShow as Fn).call(instance, launch);
  } catch (err) {
    await reportThrown('error', err, 'App onLaunch 出错：');
  }
  let opened: Awaited<ReturnType<Router['open']>>;
  try {
    opened = await router.open('launch', entry, pageQuery);
  } catch (err) {
    await reportThrown('error', err, '页面 onLoad 出错：');
    failPage(`页面 onLoad 出错：${(err as Error)?.message ?? err}`);
    return;
  }
  if (!opened.ok) {
    failPage(opened.message);
    showError(opened.message);
    return;
  }
  win.__alimockReady = true;
  log('page', 'ready');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
