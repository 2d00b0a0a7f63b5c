/**
 * Functions the browser driver runs inside the stub page (`page.evaluate`): each waits for what it needs with the
 * runtime's change notification (`window.__alimockOnChange`) or a short timer, so a step costs one round trip instead
 * of polling from outside. Self-contained: Playwright sends their source to the page (types only may be imported).
 */
import type { PageRequest } from '../../../mock-gateway/src/playground/hooks.js';

export interface PageEvent {
  t: number;
  kind: string;
  name: string;
  args?: unknown;
  result?: unknown;
  error?: unknown;
  /** a request whose host was mapped: where it really went */
  mappedUrl?: unknown;
}

type StubWindow = Window & {
  __alimockEvents?: PageEvent[];
  __alimockReady?: boolean;
  __alimockPageError?: string;
  __alimockPending?: () => number;
  __alimockOnChange?: (check: () => boolean) => void;
};

/** Resolves once the page logic is ready (or failed to load); false after `timeoutMs`. */
export function waitReadyInPage(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const w = window as StubWindow;
    const done = () => w.__alimockReady === true || w.__alimockPageError !== undefined;
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      resolve(true);
      return true;
    };
    // the runtime may not have run yet right after the navigation commits
    const attach = () => {
      if (typeof w.__alimockOnChange === 'function') w.__alimockOnChange(() => done() && finish());
      else if (done()) finish();
      else setTimeout(attach, 5);
    };
    attach();
  });
}

/**
 * Waits until `selector` is visible and is what a tap at its centre would hit (scrolling it into view when it is
 * outside the viewport), then answers that point and how many events the page had logged (the step's events start
 * there). Undefined after `timeoutMs`.
 */
export function tapTargetInPage([selector, timeoutMs]: readonly [string, number]): Promise<
  { x: number; y: number; events: number } | undefined
> {
  return new Promise((resolve) => {
    const w = window as StubWindow;
    const deadline = performance.now() + timeoutMs;
    const look = () => {
      const el = document.querySelector(selector);
      if (el instanceof HTMLElement) {
        let r = el.getBoundingClientRect();
        // below the fold (a long page): scrolled into view first, as a person would
        if (
          r.width > 0 &&
          r.height > 0 &&
          (r.bottom > innerHeight || r.top < 0 || r.right > innerWidth || r.left < 0)
        ) {
          el.scrollIntoView({ block: 'center', inline: 'center' });
          r = el.getBoundingClientRect();
        }
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const hit = r.width > 0 && r.height > 0 ? document.elementFromPoint(x, y) : null;
        if (hit && (hit === el || el.contains(hit)) && getComputedStyle(el).visibility !== 'hidden') {
          resolve({ x, y, events: w.__alimockEvents?.length ?? 0 });
          return;
        }
      }
      if (performance.now() >= deadline) resolve(undefined);
      else setTimeout(look, 5);
    };
    look();
  });
}

/**
 * Waits until the page's calls have settled, then answers the events since `start`. The chain has settled when
 * nothing is in flight and it reached an end: a request carrying the envelope my.getPhoneNumber gave came back (the
 * page's own request, whatever its URL), the login request came back, the JSAPI failed, the page's error handler
 * ran, or a page error — or the page went quiet (nothing in flight, no new event for `quietMs`: it sent nothing
 * with the envelope, or did nothing at all). Undefined after `timeoutMs`.
 */
export function settleInPage([start, what, timeoutMs, quietMs]: readonly [
  number,
  'phone' | 'login',
  number,
  number,
]): Promise<PageEvent[] | undefined> {
  return new Promise((resolve) => {
    const w = window as StubWindow;
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    let quietSince: number | undefined;
    let seen = -1;
    let quietTimer: ReturnType<typeof setTimeout> | undefined;
    const answered = (e: PageEvent) => e.kind === 'request' && ('result' in e || 'error' in e);
    const check = (): boolean => {
      if ((w.__alimockPending?.() ?? 0) > 0) {
        quietSince = undefined;
        return false;
      }
      const ev = (w.__alimockEvents ?? []).slice(start);
      const envelopes = ev.flatMap((e) => {
        const r = e.result as { response?: unknown } | undefined;
        return e.kind === 'jsapi' && e.name === 'getPhoneNumber' && typeof r?.response === 'string' ? [r.response] : [];
      });
      const carried = (e: PageEvent) => {
        const text = JSON.stringify(e.args ?? '');
        return envelopes.some((env) => {
          let inner = env;
          try {
            const parsed = JSON.parse(env) as { response?: unknown };
            if (typeof parsed.response === 'string' && parsed.response.length >= 16) inner = parsed.response;
          } catch {
            // not JSON: the whole text
          }
          return text.includes(JSON.stringify(inner).slice(1, -1)) || text.includes(encodeURIComponent(inner));
        });
      };
      const ended = ev.some(
        (e) =>
          (what === 'login' && answered(e) && e.name === '/stub/request') ||
          (what === 'phone' && answered(e) && carried(e)) ||
          (e.kind === 'jsapi' && e.name === (what === 'login' ? 'getAuthCode' : 'getPhoneNumber') && 'error' in e) ||
          (e.kind === 'page' && (e.args as { type?: unknown } | undefined)?.type === 'error') ||
          e.kind === 'error',
      );
      // a page that stops (sends nothing with the envelope, or does nothing at all): quiet for quietMs
      if (ev.length !== seen) {
        seen = ev.length;
        quietSince = performance.now();
      }
      quietSince ??= performance.now();
      // no runtime on the page yet (or at all): nothing can be quiet
      const quiet = Array.isArray(w.__alimockEvents) && performance.now() - quietSince >= quietMs;
      if (!ended && !quiet) {
        clearTimeout(quietTimer);
        quietTimer = setTimeout(() => {
          if (check()) resolve((w.__alimockEvents ?? []).slice(start));
        }, quietMs);
        return false;
      }
      clearTimeout(timer);
      clearTimeout(quietTimer);
      resolve(ev);
      return true;
    };
    if (typeof w.__alimockOnChange === 'function') w.__alimockOnChange(check);
    else {
      const poll = () => {
        if (!check()) setTimeout(poll, 10);
      };
      poll();
    }
  });
}

/**
 * Waits until the page is idle: nothing in flight and no new event for `quietMs` (a page's own launch chain, such as
 * its login, has run). Answers the events since `start`; undefined after `timeoutMs`.
 */
export function idleInPage([start, quietMs, timeoutMs]: readonly [number, number, number]): Promise<
  PageEvent[] | undefined
> {
  return new Promise((resolve) => {
    const w = window as StubWindow;
    const deadline = performance.now() + timeoutMs;
    let seen = -1;
    let since = performance.now();
    const look = () => {
      const ev = w.__alimockEvents ?? [];
      const pending = (w.__alimockPending?.() ?? 0) > 0;
      if (pending || ev.length !== seen) {
        seen = ev.length;
        since = performance.now();
      } else if (performance.now() - since >= quietMs) {
        resolve(ev.slice(start));
        return;
      }
      if (performance.now() > deadline) resolve(undefined);
      else setTimeout(look, 20);
    };
    look();
  });
}

/** No-tap scenarios on a team's page: its own phone-button handler (`button`: its selector), called without consent. */
export function callAuthorizeHandlerInPage(button: string): { events: number; called: boolean } {
  const w = window as StubWindow & { __alimockCallAuthorizeHandler?: (selector?: string) => boolean };
  const events = w.__alimockEvents?.length ?? 0;
  return { events, called: w.__alimockCallAuthorizeHandler?.(button) === true };
}

/** What the page shows (its visible text) and logged, read in one round trip at the end of a scenario. */
export function viewInPage(): { text: string | undefined; events: PageEvent[] } {
  const w = window as StubWindow;
  const content = document.getElementById('content');
  const overlays = document.getElementById('overlay-root');
  // innerText, not textContent: what a person sees (hidden elements and a:if branches left out, lines kept)
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
  const text = [content?.innerText, overlays?.innerText]
    .map((t) => (t ?? '').trim())
    .filter(Boolean)
    .join('\n');
  return { text: text || undefined, events: w.__alimockEvents ?? [] };
}

/**
 * Starts a chain the page runs without a tap, and answers how many events were logged before it (the chain's events
 * start there): `login` is my.getAuthCode, then my.request with the contract's login request; `phone` is the FAQ's
 * snippet, my.getPhoneNumber, then my.request with the contract's phone request. The host builds both requests
 * (`__alimockLoginRequest`, `__alimockPhoneRequest`); every call has a fail callback, so nothing is left unhandled.
 */
export function startInPage(what: 'login' | 'phone'): number {
  type Callbacks<R> = { success(res: R): void; fail(err: unknown): void };
  const w = window as unknown as StubWindow & {
    my: {
      getAuthCode(o: { scopes: string } & Callbacks<{ authCode: string }>): void;
      getPhoneNumber(o: Callbacks<{ response: string }>): void;
      request(o: PageRequest & Callbacks<unknown>): void;
    };
    __alimockLoginRequest(authCode: string): Promise<PageRequest>;
    __alimockPhoneRequest(encryptedData: string): Promise<PageRequest>;
    __alimockReport(message: string): void;
  };
  const ignore = () => undefined;
  const send = (req: PageRequest) => {
    if ('error' in req) w.__alimockReport(req.error);
    else w.my.request({ ...req, success: ignore, fail: ignore });
  };
  const before = w.__alimockEvents?.length ?? 0;
  if (what === 'login') {
    w.my.getAuthCode({
      scopes: 'auth_base',
      success: (res) => void w.__alimockLoginRequest(res.authCode).then(send),
      fail: ignore,
    });
  } else {
    w.my.getPhoneNumber({
      success: (res) => void w.__alimockPhoneRequest(res.response).then(send),
      fail: ignore,
    });
  }
  return before;
}
