/** The window fields the runtime reads and writes (the harness protocol and the hooks it installs). */
import type { BridgeAnswer, NativeRequestBody } from './bridge.js';
import type { PageEvent } from './event-log.js';

export interface AlimockConfig {
  session?: string;
  appId?: string;
  userId?: string;
  /** full URL of the backend's phone endpoint ('' when not given) */
  phoneUrl: string;
  loginUrl?: string;
}

/** A request built by the harness from its contract; `data` a string is sent as it is. */
export interface ContractRequest {
  /** set instead of the rest when the contract could not build the request */
  error?: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  data?: unknown;
}

export interface AlimockWindow {
  __ALIMOCK__: AlimockConfig;
  __alimockEvents: PageEvent[];
  __alimockReady: boolean;
  __alimockPageError?: string;
  __alimockPending(): number;
  __alimockOnChange(check: () => boolean): void;
  /** my.request's native side, when the harness provides it (else POST to the gateway) */
  __alimockNativeRequest?: (body: NativeRequestBody) => Promise<BridgeAnswer>;
  __alimockPhoneRequest?: (encryptedData: string) => Promise<ContractRequest>;
  __alimockLoginRequest?: (authCode: string) => Promise<ContractRequest>;
  /** set by the gateway (in project.js) when its host builds the page's requests: the route to ask, next to the page */
  __alimockPageRequests?: string;
  /** set by the runtime: the host reports a problem it met (logged as an `error` event named `host`) */
  __alimockReport?: (message: unknown) => void;
  /**
   * set by the runtime: calls the top page's phone-button onGetAuthorize handler without consent (`selector`: the
   * config's miniProgram.button; default: the rendered getAuthorize button)
   */
  __alimockCallAuthorizeHandler?: (selector?: string) => boolean;
}

export const win = window as unknown as Window & AlimockWindow & Record<string, unknown>;
