/**
 * Functions the browser driver runs inside the stub page (`page.evaluate`): each waits for what it needs with the
 * runtime's change notification (`window.__alimockOnChange`) or a short timer, so a step costs one round trip instead
 * of polling from outside. Self-contained: Playwright sends their source to the page.
 */

export interface PageEvent {
  t: number;
  kind: string;
  name: string;
  args?: unknown;
  result?: unknown;
  error?: unknown;
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
 * Waits until the page's calls have settled (nothing in flight, and the chain reached an end: the backend answered,
 * the JSAPI failed, the page's error handler ran, or a script error), then answers the events since `start`.
 * Undefined after `timeoutMs`.
 */
export function settleInPage([start, what, timeoutMs]: readonly [number, 'phone' | 'login', number]): Promise<
  PageEvent[] | undefined
> {
  return new Promise((resolve) => {
    const w = window as StubWindow;
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    const check = () => {
      if ((w.__alimockPending?.() ?? 0) > 0) return false;
      const ev = (w.__alimockEvents ?? []).slice(start);
      const ended = ev.some(
        (e) =>
          (e.kind === 'request' && e.name === '/stub/request' && ('result' in e || 'error' in e)) ||
          (e.kind === 'jsapi' && e.name === (what === 'login' ? 'getAuthCode' : 'getPhoneNumber') && 'error' in e) ||
          (e.kind === 'page' && /onAuthError|onError/.test(e.name)) ||
          e.kind === 'error',
      );
      if (ended) {
        clearTimeout(timer);
        resolve(ev);
      }
      return ended;
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

/** What the page shows and logged, read in one round trip at the end of a scenario. */
export function viewInPage(): { text: string | undefined; events: PageEvent[] } {
  const w = window as StubWindow;
  return { text: document.getElementById('status')?.textContent ?? undefined, events: w.__alimockEvents ?? [] };
}

/**
 * Starts a chain the page runs without a tap, and answers how many events were logged before it (the chain's events
 * start there): `login` is my.getAuthCode, then my.request with the contract's login request; `phone` is the FAQ's
 * snippet, my.getPhoneNumber, then my.request with the contract's phone request. The host builds both requests
 * (`__alimockLoginRequest`, `__alimockPhoneRequest`); every call has a fail callback, so nothing is left unhandled.
 */
export function startInPage(what: 'login' | 'phone'): number {
  type Callbacks<R> = { success(res: R): void; fail(err: unknown): void };
  type PageRequest = { url: string; method: string; headers: Record<string, string>; data: string } | { error: string };
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
