import type { HttpExchange, Screenshot } from '../core/types.js';
import type { Contract, LoginResult } from '../target/contract.js';
import type { LoginOutcome } from '../target/login.js';
import type { TargetClient } from '../target/target-client.js';

export interface DriverScenarioContext {
  scenarioId: string;
  gatewayUrl: string;
  session: string;
  appId: string;
  userId: string;
  /** every request to the backend goes through it */
  target: TargetClient;
  contract: Contract;
  requestTimeoutMs: number;
  /** where screenshots go (absolute dir), and their path relative to the report dir */
  screenshots?: { dir: string; relativeDir: string };
}

/** What a driver does for one scenario; both drivers run the same steps and send the same requests. */
export interface DriverSession {
  /** tap 授权手机号 and answer the consent sheet; with allow the page goes on (getPhoneNumber → backend) */
  tapAuthorize(choice: 'allow' | 'deny'): Promise<void>;
  /** my.getAuthCode, then the contract's login request; the result is kept for the phone request */
  login(): Promise<LoginOutcome>;
  /** the login this page holds (after a successful `login()`) */
  readonly loginResult: LoginResult | undefined;
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
  /** faults of the config found while driving (a contract function that threw), to report */
  readonly problems: string[];
  /** the page showed the refusal (onError fired) */
  refusalShown(): Promise<boolean>;
  pageText(): Promise<string | undefined>;
  /** the page's event log (browser only): which my.* calls ran, in order */
  pageEvents?(): Promise<Array<{ kind: string; name: string; args?: unknown }>>;
  pageLog(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: 'browser' | 'http';
  open(ctx: DriverScenarioContext): Promise<DriverSession>;
  close(): Promise<void>;
}
