/**
 * What `alimock serve` hands its gateway so that the playground speaks the team's contract: the page's phone and
 * login requests built by the contract (the page keeps its login: the phone request carries it), the verdict a
 * scenario would give each backend answer (the contract's readers, the rule of run/verdict.ts), and the doctor for
 * the payload inspector (showing the mobile masked, as its report does). The gateway knows none of this itself.
 */
import type { JournalVerdict } from '../../../mock-gateway/src/model/journal-entry.js';
import type {
  BridgeExchange,
  ExchangeJudgement,
  Inspect,
  InspectResult,
  PageRequestHooks,
} from '../../../mock-gateway/src/playground/hooks.js';
import type { HttpExchange } from '../report/report-types.js';
import { readVerdict } from '../run/verdict.js';
import { type Contract, type LoginResult, mapsLogin } from '../target/contract.js';
import { readLoginAnswer } from '../target/login.js';
import { type BackendCall, buildLoginCall, buildPhoneCall, pageRequestOf } from '../target/requests.js';

export interface ServeHooksOptions {
  contract: Contract;
  /** the backend under test (known once it runs); without it the page's requests cannot be built */
  targetUrl: () => string | undefined;
}

export interface ServeHooks {
  judge: (exchange: BridgeExchange) => ExchangeJudgement;
  pageRequests: PageRequestHooks;
  inspect: Inspect;
  /** the contract maps a login: the page logs in on launch */
  mapsLogin: boolean;
}

/** Sessions whose login is remembered (the oldest is forgotten past it). */
const MAX_SESSIONS = 1_000;

/** A map that forgets its oldest keys past `max`. */
class Bounded<V> extends Map<string, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: string, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.max) this.delete(this.keys().next().value as string);
    return this;
  }
}

function asExchange(x: BridgeExchange): HttpExchange {
  return {
    request: { method: x.method, url: x.url, headers: x.headers, body: x.body },
    ...(x.response ? { response: { status: x.response.status, body: x.response.body } } : {}),
    ...(x.error !== undefined ? { error: x.error } : {}),
    durationMs: 0,
  };
}

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

export function createServeHooks({ contract, targetUrl }: ServeHooksOptions): ServeHooks {
  const logins = new Bounded<LoginResult>(MAX_SESSIONS);
  /** the login request built for each session, to recognise its answer */
  const loginCalls = new Bounded<BackendCall>(MAX_SESSIONS);
  const noTarget = {
    error: 'no backend to send it to: start alimock serve with --target URL or --config FILE',
  } as const;

  const pageRequests: PageRequestHooks = {
    phone(encryptedData, session) {
      const target = targetUrl();
      if (target === undefined) return noTarget;
      return pageRequestOf(buildPhoneCall(contract, target, encryptedData, logins.get(session)));
    },
    login(authCode, session) {
      const target = targetUrl();
      if (target === undefined) return noTarget;
      const call = buildLoginCall(contract, target, authCode);
      if (call.ok) loginCalls.set(session, call.value);
      return pageRequestOf(call);
    },
  };

  const judge = (x: BridgeExchange): ExchangeJudgement => {
    const exchange = asExchange(x);
    if (x.carriesEnvelope) {
      const { verdict } = readVerdict(exchange, contract);
      return verdict.kind === 'no-call' ? { role: 'phone' } : { role: 'phone', verdict: verdict as JournalVerdict };
    }
    const login = loginCalls.get(x.session);
    const built = login !== undefined && login.method === x.method && login.url === x.url;
    // a page that builds its own login request (a team's project) posts it to the contract's login path
    if (built || (login === undefined && x.method === 'POST' && pathOf(x.url) === contract.loginPath)) {
      const outcome = readLoginAnswer(exchange, contract);
      if (outcome.ok) logins.set(x.session, outcome.value);
      else logins.delete(x.session);
      return { role: 'login' };
    }
    return { role: 'other' };
  };

  // the doctor loads when the inspector is first used, not at every start of alimock serve
  const inspect: Inspect = async (payload, keys): Promise<InspectResult> => {
    const [{ diagnose }, { showAnswer, showPlaintext }] = await Promise.all([
      import('../doctor/diagnose.js'),
      import('../doctor/show-diagnosis.js'),
    ]);
    const d = diagnose(payload, {
      alipayPublicKey: keys.alipayPublicKey,
      aesKey: keys.aesKey,
      appPublicKey: keys.appPublicKey,
    });
    // shown as the doctor's report shows them: the member's mobile masked
    return {
      ok: d.ok,
      problems: [...d.problems],
      steps: d.steps.map((s) => ({
        step: s.step,
        status: s.status,
        finding: s.finding,
        message: s.message,
        ...(s.fix !== undefined ? { fix: s.fix } : {}),
      })),
      ...(d.plaintext !== undefined ? { plaintext: showPlaintext(d.plaintext) } : {}),
      ...(d.answer !== undefined ? { answer: showAnswer(d.answer) } : {}),
    };
  };

  return { judge, pageRequests, inspect, mapsLogin: mapsLogin(contract) };
}
