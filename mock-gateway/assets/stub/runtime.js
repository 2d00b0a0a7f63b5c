/*
 * alimock mini-program runtime: a stand-in for Alipay's mini-program container in a plain browser page.
 * Provides `Page(options)`, the global `my`, the phone-number button and Alipay's consent sheet, and an event log
 * for the test harness (`window.__alimockEvents`, `window.__alimockReady`, `window.__alimockPending()`,
 * `window.__alimockOnChange(check)`). Plain ES2020, served as is.
 *
 * Query string: session, appId, userId, phoneUrl, loginUrl, pageScript, canIUse (0 = no getAuthorize button),
 * appName (title shown in the navigation bar and the consent sheet).
 */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: served as a classic script, not a module
  'use strict';

  // ---------------------------------------------------------------- config
  const query = new URLSearchParams(location.search);
  const param = (name) => {
    const v = query.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const config = {
    session: param('session'),
    appId: param('appId'),
    userId: param('userId'),
    phoneUrl: param('phoneUrl') ?? '',
    loginUrl: param('loginUrl'),
  };
  window.__ALIMOCK__ = config;
  const canIUseButton = !['0', 'false', 'no'].includes((param('canIUse') ?? '1').toLowerCase());
  const appName = param('appName') ?? '示例小程序';
  const STUB_BASE = new URL('.', document.currentScript?.src ?? location.href);
  const pageScriptUrl = new URL(param('pageScript') ?? 'pages/faq-sample.js', STUB_BASE).href;
  const BRIDGE_URL = new URL('request', STUB_BASE).href;
  const JSAPI_BASE = new URL('/jsapi/', location.origin).href;

  // ---------------------------------------------------------------- event log
  const events = [];
  window.__alimockEvents = events;
  window.__alimockReady = false;
  /**
   * How many my.* calls and bridge requests are still in flight (my.alert waits for the person, so it does not
   * count): drivers wait for 0 instead of reading the event format themselves.
   */
  window.__alimockPending = () =>
    events.filter(
      (e) =>
        (e.kind === 'jsapi' || e.kind === 'request') &&
        !('result' in e) &&
        !('error' in e) &&
        e.name !== 'canIUse' &&
        e.name !== 'alert',
    ).length;
  /**
   * Change notification, so that drivers wait without polling: `check` runs now and after every change to the event
   * log (batched per microtask) until it returns true. A check that throws is dropped.
   */
  const watchers = new Set();
  let notifyQueued = false;
  const runWatchers = () => {
    notifyQueued = false;
    for (const check of [...watchers]) {
      try {
        if (check()) watchers.delete(check);
      } catch {
        watchers.delete(check);
      }
    }
  };
  const changed = () => {
    if (notifyQueued || watchers.size === 0) return;
    notifyQueued = true;
    queueMicrotask(runWatchers);
  };
  window.__alimockOnChange = (check) => {
    if (!check()) watchers.add(check);
  };
  const now = () => Math.round(performance.now() * 10) / 10;
  const plain = (value) => {
    if (value === undefined) return undefined;
    try {
      return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? undefined : v)));
    } catch {
      return String(value);
    }
  };
  /** Appends an event and returns it, so a pending call can be completed with its result later. */
  const log = (kind, name, args, extra) => {
    const entry = { t: now(), kind, name, args: plain(args) };
    if (extra) Object.assign(entry, plain(extra));
    events.push(entry);
    changed();
    return entry;
  };
  /** For the host (the harness): a problem it met while serving the page (e.g. its contract could not build a request). */
  window.__alimockReport = (message) => {
    log('error', 'host', undefined, { error: { message: String(message) } });
  };
  const settle = (entry, outcome) => {
    entry.ms = Math.round((now() - entry.t) * 10) / 10;
    if ('result' in outcome) entry.result = plain(outcome.result);
    if ('error' in outcome) entry.error = plain(outcome.error);
    changed();
  };
  const omitUndefined = (obj) => Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
  const identity = () => omitUndefined({ session: config.session, userId: config.userId, appId: config.appId });

  // ---------------------------------------------------------------- page errors
  const errorBanner = document.getElementById('page-error');
  const showError = (text) => {
    errorBanner.hidden = false;
    const line = document.createElement('div');
    line.textContent = text;
    errorBanner.appendChild(line);
  };
  let scriptLoading = false;
  let scriptThrew = null;
  window.addEventListener('error', (e) => {
    const message = e.error?.message ?? e.message ?? 'Script error';
    log('error', 'error', undefined, {
      error: { message, source: e.filename, line: e.lineno, column: e.colno, stack: e.error?.stack },
    });
    if (scriptLoading) scriptThrew = message;
    else showError(`页面脚本错误：${message}`);
  });
  window.addEventListener('unhandledrejection', (e) => {
    const reason = e.reason;
    const message = reason instanceof Error ? reason.message : (JSON.stringify(plain(reason)) ?? String(reason));
    log('error', 'unhandledrejection', undefined, { error: { message, stack: reason?.stack } });
    showError(`未处理的 Promise 拒绝：${message}`);
  });
  /** Runs page code; an exception becomes an uncaught error (logged, shown) without breaking the runtime. */
  const guarded = (fn, ...args) => {
    try {
      return fn(...args);
    } catch (err) {
      if (typeof window.reportError === 'function') window.reportError(err);
      else
        setTimeout(() => {
          throw err;
        });
      return undefined;
    }
  };

  // ---------------------------------------------------------------- bridge (HTTP to the gateway)
  /** POSTs JSON; resolves { ok: true, status, body } or { ok: false, detail } (network). Never rejects. */
  const bridge = async (url, body) => {
    const path = new URL(url).pathname;
    const entry = log('request', path, body);
    // under the harness, my.request's native side is a binding it exposes (window.__alimockNativeRequest)
    if (url === BRIDGE_URL && typeof window.__alimockNativeRequest === 'function') {
      try {
        const answer = await window.__alimockNativeRequest(body);
        settle(entry, { result: { status: 200, body: answer } });
        return { ok: true, status: 200, body: answer };
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        settle(entry, { error: { detail } });
        return { ok: false, detail };
      }
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      let parsed = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      settle(entry, { result: { status: res.status, body: parsed } });
      return { ok: true, status: res.status, body: parsed };
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      settle(entry, { error: { detail } });
      return { ok: false, detail };
    }
  };
  const jsapi = (name, body) => bridge(JSAPI_BASE + name, body);

  const SYSTEM_ERROR = { error: 3, errorMessage: '系统异常' };
  const systemError = (res) => (res.ok ? { ...SYSTEM_ERROR, status: res.status } : { ...SYSTEM_ERROR });

  // ---------------------------------------------------------------- my.* plumbing
  /**
   * Wraps an implementation `(options) => Promise<{ ok: true, result } | { ok: false, error }>` into an Alipay
   * API: success/fail/complete callbacks, and a returned Promise (resolves the result, rejects the fail object).
   */
  const api = (name, impl) => (options) => {
    const opts = options && typeof options === 'object' ? options : {};
    const entry = log('jsapi', name, opts);
    const promise = Promise.resolve()
      .then(() => impl(opts))
      .catch((err) => ({ ok: false, error: { ...SYSTEM_ERROR, detail: String(err?.message ?? err) } }))
      .then((outcome) => {
        if (outcome.ok) {
          settle(entry, { result: outcome.result });
          if (typeof opts.success === 'function') guarded(opts.success, outcome.result);
          if (typeof opts.complete === 'function') guarded(opts.complete, outcome.result);
          return outcome.result;
        }
        settle(entry, { error: outcome.error });
        if (typeof opts.fail === 'function') guarded(opts.fail, outcome.error);
        if (typeof opts.complete === 'function') guarded(opts.complete, outcome.error);
        throw outcome.error;
      });
    // With callbacks (Alipay's usual style) a failure is the page's business: the promise is not reported.
    if (['success', 'fail', 'complete'].some((k) => typeof opts[k] === 'function')) promise.catch(() => {});
    return promise;
  };

  const SUPPORTED = new Set(['getPhoneNumber', 'getAuthCode', 'request', 'alert', 'getSetting', 'canIUse']);
  const canIUse = (schema) => {
    const s = String(schema ?? '');
    const result = s.startsWith('button.open-type.getAuthorize')
      ? canIUseButton
      : SUPPORTED.has(s.replace(/^my\./, ''));
    log('jsapi', 'canIUse', [s], { result });
    return result;
  };

  const getPhoneNumber = api('getPhoneNumber', async () => {
    const res = await jsapi('getPhoneNumber', identity());
    if (res.ok && res.status === 200 && res.body && 'response' in res.body) {
      return { ok: true, result: { response: res.body.response } };
    }
    return { ok: false, error: systemError(res) };
  });

  const getAuthCode = api('getAuthCode', async (opts) => {
    const res = await jsapi('getAuthCode', { scopes: opts.scopes ?? 'auth_base', ...identity() });
    if (res.ok && res.status === 200 && res.body && typeof res.body.authCode === 'string') {
      return { ok: true, result: { ...res.body } };
    }
    if (res.ok && res.status >= 400 && res.status < 500 && res.body?.error?.code === 'USER_CANCELLED') {
      return { ok: false, error: { error: 11, errorMessage: '用户取消授权' } };
    }
    return { ok: false, error: systemError(res) };
  });

  const getSetting = api('getSetting', async () => {
    const res = await jsapi('getSetting', identity());
    if (res.ok && res.status === 200 && res.body) {
      return { ok: true, result: { authSetting: { ...(res.body.authSetting ?? {}) } } };
    }
    return { ok: false, error: systemError(res) };
  });

  const base64ToArrayBuffer = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;

  const request = api('request', async (opts) => {
    if (typeof opts.url !== 'string' || opts.url === '') {
      return { ok: false, error: { error: 2, errorMessage: '参数错误', detail: 'url is required' } };
    }
    const dataType = opts.dataType ?? 'json';
    const body = omitUndefined({
      url: new URL(opts.url, location.href).href,
      method: String(opts.method ?? 'GET').toUpperCase(),
      headers: opts.headers,
      data: opts.data,
      timeout: opts.timeout,
      dataType,
    });
    const res = await bridge(BRIDGE_URL, body);
    if (!res.ok) return { ok: false, error: { error: 12, errorMessage: '网络出错', detail: res.detail } };
    const answer = res.body ?? {};
    if (res.status !== 200) {
      // the gateway refused: a malformed request (400) is the page's mistake; a target it may not reach or an
      // answer too large to carry fails as the network would
      const detail = answer.error?.message ?? answer.message ?? JSON.stringify(answer);
      if (res.status === 400) return { ok: false, error: { error: 2, errorMessage: '参数错误', detail } };
      return { ok: false, error: { error: 12, errorMessage: '网络出错', detail } };
    }
    if (!answer.ok) {
      return {
        ok: false,
        error: omitUndefined({ error: answer.error, errorMessage: answer.errorMessage, detail: answer.detail }),
      };
    }
    let data = answer.data;
    if (String(dataType).toLowerCase() === 'arraybuffer' && typeof data === 'string') data = base64ToArrayBuffer(data);
    const result = { data, status: answer.status, headers: answer.headers };
    if (answer.status >= 200 && answer.status < 300) return { ok: true, result };
    return { ok: false, error: { error: 19, errorMessage: 'HTTP错误', ...result } };
  });

  // ---------------------------------------------------------------- overlays (alert, toast, consent sheet)
  const overlayRoot = document.getElementById('overlay-root');
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  };

  let closeCurrentAlert = null;
  const alert = api(
    'alert',
    (opts) =>
      new Promise((resolve) => {
        closeCurrentAlert?.();
        const ok = el(
          'button',
          { id: 'my-alert-ok', class: 'dialog-button', type: 'button' },
          String(opts.buttonText ?? '确定'),
        );
        const dialog = el(
          'div',
          { class: 'mask', id: 'my-alert', role: 'alertdialog' },
          el(
            'div',
            { class: 'dialog' },
            ...(opts.title ? [el('div', { class: 'dialog-title' }, String(opts.title))] : []),
            el('div', { class: 'dialog-content' }, String(opts.content ?? '')),
            ok,
          ),
        );
        log('ui', 'alert.show', { title: opts.title, content: opts.content });
        let timer = null;
        const close = (how) => {
          clearTimeout(timer);
          dialog.remove();
          if (closeCurrentAlert === closeThis) closeCurrentAlert = null;
          log('ui', 'alert.dismiss', { how });
          resolve({ ok: true, result: {} });
        };
        const closeThis = () => close('replaced');
        closeCurrentAlert = closeThis;
        ok.addEventListener('click', () => close('tap'));
        timer = setTimeout(() => close('auto'), 1500);
        overlayRoot.append(dialog);
      }),
  );

  const showToast = api('showToast', (opts) => {
    const toast = el('div', { class: 'toast', id: 'my-toast' }, String(opts.content ?? ''));
    document.getElementById('my-toast')?.remove();
    overlayRoot.append(toast);
    setTimeout(() => toast.remove(), Number(opts.duration ?? 2000));
    return { ok: true, result: {} };
  });
  const showLoading = api('showLoading', (opts) => {
    document.getElementById('my-loading')?.remove();
    overlayRoot.append(el('div', { class: 'toast', id: 'my-loading' }, String(opts.content ?? '加载中...')));
    return { ok: true, result: {} };
  });
  const hideLoading = api('hideLoading', () => {
    document.getElementById('my-loading')?.remove();
    return { ok: true, result: {} };
  });

  const notSupported = (name) => api(name, () => ({ ok: false, error: { error: 1, errorMessage: '该接口暂不支持' } }));

  const myImpl = {
    canIUse,
    getPhoneNumber,
    getAuthCode,
    request,
    alert,
    getSetting,
    showToast,
    showLoading,
    hideLoading,
  };
  // Any other my.* API fails like Alipay's simulator does for an API it lacks.
  window.my = new Proxy(myImpl, {
    get(target, prop) {
      if (typeof prop !== 'string' || prop in target || prop === 'then' || prop === 'toJSON') return target[prop];
      target[prop] = notSupported(prop);
      return target[prop];
    },
  });

  // ---------------------------------------------------------------- Page
  let page = null;
  let handlerNames = null;
  const buttonSlot = document.getElementById('button-slot');
  const mobileSlot = document.getElementById('mobile-slot');
  const statusEl = document.getElementById('status');
  const pageDataEl = document.getElementById('page-data');
  const authButton = el(
    'button',
    {
      id: 'auth-button',
      class: 'am-button primary',
      type: 'button',
      'data-open-type': 'getAuthorize',
      'data-scope': 'phoneNumber',
    },
    '授权手机号',
  );
  const mobileEl = el('div', { id: 'mobile', class: 'mobile' });

  const render = () => {
    const data = page.data;
    if (data.canIUseAuthButton) {
      if (!authButton.isConnected) buttonSlot.append(authButton);
    } else authButton.remove();
    statusEl.textContent = data.message == null ? '' : String(data.message);
    if (data.mobile != null && data.mobile !== '') {
      mobileEl.textContent = String(data.mobile);
      if (!mobileEl.isConnected) mobileSlot.append(mobileEl);
    } else mobileEl.remove();
    pageDataEl.textContent = JSON.stringify(data, null, 2);
  };

  /** setData with Alipay's path keys: 'a.b', 'list[0].name'. */
  const setPath = (target, path, value) => {
    const keys = path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean);
    let node = target;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = value;
      else {
        if (node[key] === null || typeof node[key] !== 'object') node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
        node = node[key];
      }
    });
  };

  const callHandler = (role, event) => {
    const name = handlerNames[role];
    if (typeof page[name] !== 'function') return false;
    log('page', name, event);
    guarded(() => page[name](event));
    return true;
  };

  window.Page = (options) => {
    if (page) throw new Error('Page() 只能调用一次');
    const opts = options ?? {};
    const instance = {};
    for (const [key, value] of Object.entries(opts)) {
      if (typeof value === 'function') instance[key] = value;
    }
    instance.data = plain(opts.data) ?? {};
    instance.setData = function (patch, callback) {
      log('page', 'setData', patch);
      for (const [path, value] of Object.entries(patch ?? {})) setPath(this.data, path, value);
      render();
      if (typeof callback === 'function') guarded(callback);
    };
    instance.route = 'pages/index/index';
    const custom = opts.buttonHandlers ?? {};
    handlerNames = {
      onGetAuthorize: custom.onGetAuthorize ?? 'onGetAuthorize',
      onError: custom.onError ?? 'onAuthError',
      onGetPhoneNumber: custom.onGetPhoneNumber ?? 'onGetPhoneNumber',
    };
    page = instance;
    log('page', 'Page', { data: instance.data, handlers: handlerNames });
    render();
  };

  // ---------------------------------------------------------------- the button and the consent sheet
  const authError = (errorMessage, error) => ({
    type: 'error',
    detail: { type: 'getAuthorize', errorMessage, error },
  });

  const parseEnvelope = (response) => {
    if (typeof response !== 'string') return response && typeof response === 'object' ? response : {};
    try {
      const parsed = JSON.parse(response);
      return parsed && typeof parsed === 'object' ? parsed : { response };
    } catch {
      return { response };
    }
  };

  const decide = async (decision) => {
    const res = await jsapi('authorize', { scope: 'phoneNumber', decision, ...identity() });
    if (!res.ok || res.status !== 200) {
      callHandler('onError', authError('系统异常', 3));
      return;
    }
    if (decision === 'deny') {
      callHandler('onError', authError('用户拒绝授权', 11));
      return;
    }
    callHandler('onGetAuthorize', { type: 'getAuthorize', detail: { type: 'getAuthorize' } });
    if (typeof page[handlerNames.onGetPhoneNumber] !== 'function') return;
    const phone = await jsapi('getPhoneNumber', identity());
    if (!phone.ok || phone.status !== 200 || !phone.body || !('response' in phone.body)) {
      callHandler('onError', authError('系统异常', 3));
      return;
    }
    const env = parseEnvelope(phone.body.response);
    callHandler('onGetPhoneNumber', {
      type: 'getPhoneNumber',
      detail: omitUndefined({ encryptedData: env.response, sign: env.sign }),
    });
  };

  let sheetOpen = false;
  const openConsentSheet = () => {
    if (sheetOpen) return;
    sheetOpen = true;
    const allow = el('button', { id: 'consent-allow', class: 'sheet-button allow', type: 'button' }, '允许');
    const deny = el('button', { id: 'consent-deny', class: 'sheet-button deny', type: 'button' }, '拒绝');
    const sheet = el(
      'div',
      { class: 'mask sheet-mask', id: 'consent-mask' },
      el(
        'div',
        { class: 'sheet', id: 'consent-sheet', role: 'dialog', 'aria-label': '授权确认' },
        el(
          'div',
          { class: 'sheet-head' },
          el('span', { class: 'app-icon' }, appName.slice(0, 1)),
          el('span', { class: 'app-name' }, appName),
        ),
        el('div', { class: 'sheet-title' }, '申请获取你的手机号'),
        el(
          'div',
          { class: 'sheet-option' },
          el('span', { class: 'sheet-option-text' }, '你的支付宝绑定手机号'),
          el('span', { class: 'sheet-check', 'aria-hidden': 'true' }, '✓'),
        ),
        el('div', { class: 'sheet-note' }, '授权即同意该小程序按其隐私政策使用你的手机号'),
        el('div', { class: 'sheet-buttons' }, deny, allow),
      ),
    );
    const choose = (decision) => {
      if (!sheetOpen) return;
      sheetOpen = false;
      log('ui', decision === 'allow' ? 'consent.allow' : 'consent.deny');
      sheet.remove();
      decide(decision);
    };
    allow.addEventListener('click', () => choose('allow'));
    deny.addEventListener('click', () => choose('deny'));
    overlayRoot.append(sheet);
    log('ui', 'consent.show', { scope: 'phoneNumber', appName });
    // the slide-in starts on the next frame; without motion the sheet is in place at once
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) sheet.classList.add('open');
    else requestAnimationFrame(() => sheet.classList.add('open'));
  };

  authButton.addEventListener('click', () => {
    log('ui', 'auth-button.tap');
    openConsentSheet();
  });

  // ---------------------------------------------------------------- load the page logic
  document.getElementById('nav-title').textContent = appName;
  document.title = appName;

  const failPage = (message) => {
    window.__alimockPageError = message;
    log('error', 'page-load', { pageScript: pageScriptUrl }, { error: { message } });
    showError(message);
  };

  const start = async () => {
    if (!page) {
      failPage(`页面脚本未调用 Page()：${pageScriptUrl}`);
      return;
    }
    const pageQuery = Object.fromEntries(query.entries());
    log('page', 'onLoad', pageQuery);
    try {
      if (typeof page.onLoad === 'function') await page.onLoad(pageQuery);
      if (typeof page.onShow === 'function') await page.onShow();
      if (typeof page.onReady === 'function') await page.onReady();
    } catch (err) {
      failPage(`页面 onLoad 出错：${err?.message ?? err}`);
      return;
    }
    window.__alimockReady = true;
    log('page', 'ready');
  };

  const script = document.createElement('script');
  script.src = pageScriptUrl;
  script.addEventListener('load', () => {
    scriptLoading = false;
    if (scriptThrew !== null) failPage(`页面脚本执行出错：${scriptThrew}`);
    else start();
  });
  script.addEventListener('error', () => {
    scriptLoading = false;
    failPage(`页面脚本加载失败：${pageScriptUrl}`);
  });
  scriptLoading = true;
  document.body.append(script);
})();
