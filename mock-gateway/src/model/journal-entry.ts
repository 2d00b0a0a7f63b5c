/** The journal's entry, as types only (the playground's page reads them too: nothing here may depend on Node). */

/** What a scenario would make of a backend's answer (the harness judges it with the contract's readers). */
export type JournalVerdict =
  | { kind: 'accepted'; mobile: string }
  | { kind: 'rejected'; code: string; message?: string }
  | { kind: 'crashed'; reason: string };

/** One call the gateway served, with decoded evidence. */
export interface JournalEntry {
  seq: number;
  at: string;
  session: string;
  /** `getPhoneNumber`, `authorize`, `getAuthCode`, `getSetting`, `gateway`, `admin`, `request` (a page's my.request) */
  api: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  appId?: string;
  userId?: string;
  /** the Alipay outcome emitted (getPhoneNumber / gateway) */
  outcome?: string;
  /** envelope variant or tampering applied */
  variant?: string;
  envelope?: string;
  plaintext?: string;
  /** rule ids that fired */
  rules?: string[];
  /** transport fault applied, e.g. `reset`, `status 502` */
  fault?: string;
  error?: string;
  /** the body the call carried: an admin write's or an authorize's JSON; a my.request's body to the backend */
  request?: string;
  /** a my.request: the method and URL it reached, e.g. `POST http://127.0.0.1:3000/api/alipay/phone` */
  target?: string;
  /** a my.request: the backend's HTTP status and answer body (text) */
  answerStatus?: number;
  answer?: string;
  /** a my.request: what it was (`phone`: it carried an envelope this session received; `login`; `other`) */
  role?: 'phone' | 'login' | 'other';
  /** a my.request that carried an envelope: the verdict a scenario would give the backend's answer */
  verdict?: JournalVerdict;
}
