/**
 * Type declarations for page scripts run by the alimock mini-program stub (`/stub/?pageScript=<url>`).
 * A compatible subset of Alipay's `my` and `Page` (shapes follow `@mini-types/my`), plus what the stub adds
 * (`window.__ALIMOCK__`, `buttonHandlers`). Reference it from a page script with
 *   /// <reference path="./my.d.ts" />
 */

declare namespace AlimockMy {
  /** Alipay's generic fail shape. */
  interface FailResult {
    error: number;
    errorMessage: string;
    [key: string]: unknown;
  }

  interface CallbackOptions<Success, Fail = FailResult> {
    success?: (result: Success) => void;
    fail?: (result: Fail) => void;
    complete?: (result: Success | Fail) => void;
  }

  interface GetPhoneNumberSuccess {
    /** The envelope as a JSON string: forward it unchanged to your server. */
    response: string;
  }

  interface GetAuthCodeOptions extends CallbackOptions<GetAuthCodeSuccess> {
    /** Default `'auth_base'`. */
    scopes?: 'auth_base' | 'auth_user' | Array<'auth_base' | 'auth_user' | string> | string;
  }
  interface GetAuthCodeSuccess {
    authCode: string;
    [key: string]: unknown;
  }

  type RequestMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'PATCH' | 'TRACE';

  interface RequestOptions<T = unknown> extends CallbackOptions<RequestSuccess<T>, RequestFail> {
    url: string;
    /** Default `'GET'`. */
    method?: RequestMethod | Lowercase<RequestMethod>;
    /** GET/HEAD: sent as the query string. Other methods: JSON (default) or form-encoded (per content-type). */
    data?: string | Record<string, unknown> | unknown[];
    headers?: Record<string, string>;
    /** Milliseconds; default 30000, at most 60000. */
    timeout?: number;
    /** Default `'json'`: the body is parsed as JSON when it is JSON, else given as text. */
    dataType?: 'json' | 'text' | 'base64' | 'arraybuffer';
  }
  interface RequestSuccess<T = unknown> {
    data: T;
    status: number;
    headers: Record<string, string>;
  }
  /**
   * 2 参数错误 · 12 网络出错 · 13 超时 · 19 HTTP错误 (non-2xx: `status`, `data`, `headers` are set).
   */
  interface RequestFail extends FailResult {
    status?: number;
    data?: unknown;
    headers?: Record<string, string>;
  }

  interface AlertOptions extends CallbackOptions<Record<string, never>> {
    title?: string;
    content?: string;
    /** Default `'确定'`. */
    buttonText?: string;
  }

  interface GetSettingSuccess {
    authSetting: { phoneNumber?: boolean; [scope: string]: boolean | undefined };
  }

  interface ShowToastOptions extends CallbackOptions<Record<string, never>> {
    content?: string;
    type?: 'none' | 'success' | 'fail' | 'exception';
    duration?: number;
  }

  interface ShowLoadingOptions extends CallbackOptions<Record<string, never>> {
    content?: string;
  }

  interface My {
    /** `'button.open-type.getAuthorize'` (false with `?canIUse=0`), `'getPhoneNumber'`, `'getAuthCode'`,
     * `'request'`, `'alert'`, `'getSetting'`. */
    canIUse(schema: string): boolean;
    getPhoneNumber(options?: CallbackOptions<GetPhoneNumberSuccess>): Promise<GetPhoneNumberSuccess>;
    getAuthCode(options?: GetAuthCodeOptions): Promise<GetAuthCodeSuccess>;
    request<T = unknown>(options: RequestOptions<T>): Promise<RequestSuccess<T>>;
    alert(options?: AlertOptions): Promise<Record<string, never>>;
    getSetting(options?: CallbackOptions<GetSettingSuccess>): Promise<GetSettingSuccess>;
    showToast(options?: ShowToastOptions): Promise<Record<string, never>>;
    showLoading(options?: ShowLoadingOptions): Promise<Record<string, never>>;
    hideLoading(options?: CallbackOptions<Record<string, never>>): Promise<Record<string, never>>;
  }

  /** `onError` of the getAuthorize button. `error`: 11 user refused, 3 system error. */
  interface AuthErrorEvent {
    type: 'error';
    detail: { type: 'getAuthorize'; errorMessage: string; error: number };
  }
  interface GetAuthorizeEvent {
    type: 'getAuthorize';
    detail: { type: 'getAuthorize' };
  }
  /** `onGetPhoneNumber` (base library ≥ 2.8.0): `sign` only when signing is configured. */
  interface GetPhoneNumberEvent {
    type: 'getPhoneNumber';
    detail: { encryptedData: string | Record<string, unknown>; sign?: string };
  }

  interface PageData {
    /** Shows the 授权手机号 button. */
    canIUseAuthButton?: boolean;
    /** Shown in the status area (`#status`). */
    message?: string;
    /** Shown in `#mobile` when set. */
    mobile?: string;
    [key: string]: unknown;
  }

  interface PageInstance<D extends Record<string, unknown>> {
    data: D;
    /** Merges `patch` (keys may be paths such as `'a.b'` or `'list[0]'`) and re-renders. */
    setData(patch: Partial<D> & Record<string, unknown>, callback?: () => void): void;
    route: string;
  }

  interface PageOptions<D extends Record<string, unknown>> {
    data?: D;
    /** `query`: the page URL's query parameters. May be async: the page is ready once it settles. */
    onLoad?(this: PageInstance<D> & PageOptions<D>, query: Record<string, string>): void | Promise<void>;
    onShow?(this: PageInstance<D> & PageOptions<D>): void | Promise<void>;
    onReady?(this: PageInstance<D> & PageOptions<D>): void | Promise<void>;
    /** Names of the page methods the button calls (defaults shown). */
    buttonHandlers?: { onGetAuthorize?: string; onError?: string; onGetPhoneNumber?: string };
    onGetAuthorize?(this: PageInstance<D> & PageOptions<D>, event: GetAuthorizeEvent): void;
    onAuthError?(this: PageInstance<D> & PageOptions<D>, event: AuthErrorEvent): void;
    onGetPhoneNumber?(this: PageInstance<D> & PageOptions<D>, event: GetPhoneNumberEvent): void;
    [handler: string]: unknown;
  }

  interface Config {
    session?: string;
    appId?: string;
    userId?: string;
    /** Full URL of the backend's phone endpoint ('' when not given). */
    phoneUrl: string;
    loginUrl?: string;
  }

  interface Event {
    /** Milliseconds since the page started loading. */
    t: number;
    kind: 'jsapi' | 'request' | 'ui' | 'page' | 'error';
    name: string;
    args?: unknown;
    result?: unknown;
    error?: unknown;
    /** Duration, set when an asynchronous call settles. */
    ms?: number;
  }
}

declare function Page<D extends Record<string, unknown> = AlimockMy.PageData>(
  options: AlimockMy.PageOptions<D> & ThisType<AlimockMy.PageInstance<D> & AlimockMy.PageOptions<D>>,
): void;

declare const my: AlimockMy.My;

interface Window {
  __ALIMOCK__: AlimockMy.Config;
  __alimockEvents: AlimockMy.Event[];
  __alimockReady: boolean;
  /** Set when the page script failed to load, did not call Page(), or threw in onLoad. */
  __alimockPageError?: string;
  /** my.* calls and bridge requests still in flight (my.alert excluded). */
  __alimockPending(): number;
  /** Runs `check` now and after every change to the event log until it returns true (waiting without polling). */
  __alimockOnChange(check: () => boolean): void;
}
