import type { HttpExchange, Screenshot } from '../report/report-types.js';
import type { Contract } from '../target/contract.js';

export interface DriverScenarioContext {
  scenarioId: string;
  gatewayUrl: string;
  session: string;
  appId: string;
  userId: string;
  targetUrl: string;
  contract: Contract;
  requestTimeoutMs: number;
  /** where screenshots go (absolute dir), and their path relative to the report dir */
  screenshots?: { dir: string; relativeDir: string };
}

/** What a driver does for one scenario; both drivers run the same steps. */
export interface DriverSession {
  /** tap 授权手机号 and answer the consent sheet; with allow the page goes on (getPhoneNumber → backend) */
  tapAuthorize(choice: 'allow' | 'deny'): Promise<void>;
  /** my.getAuthCode, then the backend's login endpoint with { authCode } */
  login(): Promise<void>;
  /** the page calls my.getPhoneNumber without a tap and forwards the result */
  callGetPhoneNumber(): Promise<void>;
  /** screenshot after a step (browser only) */
  screenshot(label: string): Promise<Screenshot | undefined>;
  /** screenshots the driver took during the last step (e.g. the consent sheet), oldest first */
  takeStepScreenshots(): Screenshot[];
  /** every request to the backend, in order */
  readonly exchanges: HttpExchange[];
  /** every `res.response` string the page received */
  readonly envelopes: string[];
  /** the page showed the refusal (onError fired) */
  refusalShown(): Promise<boolean>;
  pageText(): Promise<string | undefined>;
  pageLog(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: 'browser' | 'http';
  open(ctx: DriverScenarioContext): Promise<DriverSession>;
  close(): Promise<void>;
}
