import type { KeyObject } from 'node:crypto';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import type { JournalEntry } from '../../../mock-gateway/src/model/journal.js';
import { DEMO_USER } from '../../../mock-gateway/src/model/users.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Driver, DriverSession } from '../driver/types.js';
import type { GatewayHandle } from '../integrations/gateway-handle.js';
import type { Evidence, Failure, HttpExchange, ScenarioResult, StepRecord } from '../report/report-types.js';
import { createMinter } from '../scenario/minter.js';
import { expectationFor, type ScenarioDefinition, type Step } from '../scenario/types.js';
import { callBackend } from '../target/backend-client.js';
import { joinUrl } from '../target/contract.js';
import { describeGiven, describeStep } from './describe.js';
import { judge, judgeSameAnswer, verdictOf } from './judge.js';

export interface ScenarioEnv {
  driver: Driver;
  /** the gateway's base URL, for the page and the http driver */
  gatewayUrl: string;
  /** the gateway's foreign key pair, for payloads a scenario mints itself */
  foreign: () => { privateKey: KeyObject; aesKey: string };
  /** the admin API bound to a session (in-process: no HTTP for the harness's own set-up calls) */
  admin: (session: string) => GatewayHandle;
  targetUrl: string;
  config: ResolvedConfig;
  keys: KeyMaterial;
  runId: string;
}

function mobileOf(plaintext: string | undefined): string | undefined {
  if (!plaintext) return undefined;
  try {
    const p = JSON.parse(plaintext) as { code?: unknown; mobile?: unknown };
    return p.code === '10000' && typeof p.mobile === 'string' ? p.mobile : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one scenario in its own gateway session and judges the backend's answers. Never throws. */
export async function runScenario(def: ScenarioDefinition, env: ScenarioEnv): Promise<ScenarioResult> {
  const started = performance.now();
  const at = () => Math.round(performance.now() - started);
  const session = `${env.runId}.${def.id}`;
  const gw = env.admin(session);
  const appId = env.config.appId ?? env.keys.appId;
  let userId = DEMO_USER.userId;
  const steps: StepRecord[] = [];
  const failures: Failure[] = [];
  const expected = expectationFor(def, { requireSignature: env.config.requireSignature });
  let page: DriverSession | undefined;
  /** requests the harness posts itself (post-raw), in order */
  const raw: HttpExchange[] = [];
  const needsPage = def.steps.some(
    (st) => st.do === 'tap-authorize' || st.do === 'call-get-phone-number' || st.do === 'login',
  );

  /** Screenshots the driver took inside the step (the consent sheet, an alert) go on the timeline as moments. */
  const pushInStepShots = (s: number) => {
    for (const shot of page?.takeStepScreenshots() ?? []) {
      steps.push({ label: shot.label, status: 'ok', startedAtMs: s, durationMs: 0, screenshot: shot });
    }
  };
  const step = async (label: string, fn: () => Promise<void>, shoot = false): Promise<void> => {
    const s = at();
    try {
      await fn();
      pushInStepShots(s);
      const screenshot = shoot && page ? await page.screenshot(label) : undefined;
      steps.push({ label, status: 'ok', startedAtMs: s, durationMs: at() - s, ...(screenshot ? { screenshot } : {}) });
    } catch (e) {
      pushInStepShots(s);
      const screenshot = shoot && page ? await page.screenshot(`${label} (failed)`).catch(() => undefined) : undefined;
      steps.push({
        label,
        status: 'failed',
        startedAtMs: s,
        durationMs: at() - s,
        detail: (e as Error).message,
        ...(screenshot ? { screenshot } : {}),
      });
      throw e;
    }
  };

  const runStep = async (st: Step): Promise<void> => {
    switch (st.do) {
      case 'tap-authorize':
        return page?.tapAuthorize(st.choice);
      case 'call-get-phone-number':
        return page?.callGetPhoneNumber();
      case 'login':
        return page?.login();
      case 'advance-clock':
        await gw.advanceClock(st.ms);
        return;
      case 'expire-consent':
        await gw.expireConsent({ appId, userId });
        return;
      case 'post-raw': {
        const body = typeof st.body === 'function' ? st.body(createMinter(env.keys, env.foreign)) : st.body;
        const exchange = await callBackend({
          method: 'POST',
          url: joinUrl(env.targetUrl, env.config.contract.phonePath),
          body,
          contentType: st.contentType ?? 'application/json',
          timeoutMs: env.config.requestTimeoutMs,
        });
        raw.push({ label: st.label, ...exchange });
        return;
      }
    }
  };

  let journal: JournalEntry[] = [];
  try {
    for (const g of def.given) {
      await step(`given: ${describeGiven(g)}`, async () => {
        if ('app' in g) await gw.setApp(g.app, appId);
        else if ('member' in g) userId = (await gw.addUser(g.member)).userId;
        else if ('consent' in g) {
          await gw.consent(g.consent, { appId, userId, ...(g.ttlMs !== undefined ? { ttlMs: g.ttlMs } : {}) });
        } else await gw.addRule({ ...g.rule, scope: { ...g.rule.scope, session } });
      });
    }
    if (needsPage)
      await step(
        'open the mini-program page',
        async () => {
          page = await env.driver.open({
            scenarioId: def.id,
            gatewayUrl: env.gatewayUrl,
            session,
            appId,
            userId,
            targetUrl: env.targetUrl,
            contract: env.config.contract,
            requestTimeoutMs: env.config.requestTimeoutMs,
            screenshots: { dir: `${env.config.reportDir}/screenshots`, relativeDir: 'screenshots' },
          });
        },
        false,
      );
    for (const st of def.steps)
      await step(describeStep(st), () => runStep(st), st.do === 'tap-authorize' || st.do === 'call-get-phone-number');
  } catch (e) {
    failures.push({ message: `the harness could not complete this scenario: ${(e as Error).message.split('\n')[0]}` });
  }

  const evidence: Evidence = { backend: [...(page?.exchanges ?? []), ...raw] };
  try {
    journal = await gw.journal();
    const phone = journal.filter((j) => j.api === 'getPhoneNumber');
    const last = phone[phone.length - 1];
    if (last?.envelope) evidence.envelope = last.envelope;
    if (last?.plaintext) evidence.plaintext = last.plaintext;
    if (last?.outcome) evidence.outcome = last.outcome;
    evidence.journal = journal
      .filter((j) => j.api !== 'admin')
      .map((j) => ({ api: j.api, at: j.at, ...(j.outcome ? { outcome: j.outcome } : {}) }));
    if (page) {
      const text = await page.pageText();
      if (text) evidence.pageText = text;
      evidence.pageLog = await page.pageLog();
    }
  } catch (e) {
    failures.push({ message: `could not read the gateway journal: ${(e as Error).message}` });
  }

  const phoneExchanges = evidence.backend.filter((x) => x.request.url.endsWith(env.config.contract.phonePath));
  const lastExchange = phoneExchanges[phoneExchanges.length - 1];
  const verdict = verdictOf(lastExchange, env.config.contract);
  const issuedMobile = mobileOf(evidence.plaintext);
  const setupFailed = failures.length > 0;
  if (!setupFailed && expected.kind === 'same-answer') {
    failures.push(...judgeSameAnswer(phoneExchanges, expected.codes, env.config.contract));
  } else if (!setupFailed && def.judgeEach) {
    for (const x of phoneExchanges) {
      for (const f of judge({ expected, verdict: verdictOf(x, env.config.contract), exchange: x, cause: def.cause })) {
        failures.push({ ...f, message: `${x.label ?? x.request.url}: ${f.message}` });
      }
    }
    if (phoneExchanges.length === 0) failures.push({ message: 'no request reached the backend' });
  } else if (!setupFailed) {
    failures.push(
      ...judge({
        expected,
        verdict,
        ...(issuedMobile !== undefined ? { issuedMobile } : {}),
        ...(lastExchange ? { exchange: lastExchange } : {}),
        cause: def.cause,
      }),
    );
  }
  if (!setupFailed) {
    for (const check of def.checks ?? []) {
      if (check === 'envelope-hides-mobile' && issuedMobile) {
        const leaked = (page?.envelopes ?? []).some((e) => e.includes(issuedMobile));
        if (leaked)
          failures.push({
            message: `the page received the plain number ${issuedMobile}: the envelope must only carry ciphertext`,
          });
        if ((page?.envelopes ?? []).length === 0)
          failures.push({ message: 'the page never received an envelope from my.getPhoneNumber' });
      }
      if (check === 'page-shows-refusal' && page && !(await page.refusalShown())) {
        failures.push({ message: 'the page did not handle the refusal: onError (onAuthError) never fired' });
      }
      if (check === 'no-phone-call' && journal.some((j) => j.api === 'getPhoneNumber')) {
        failures.push({ message: 'my.getPhoneNumber was called after the member refused' });
      }
      if (check === 'status-4xx') {
        for (const x of phoneExchanges) {
          const status = x.response?.status;
          if (status !== undefined && (status < 400 || status > 499)) {
            failures.push({
              message: `${x.label ?? 'request'}: answered HTTP ${status}; malformed input must get a 4xx`,
            });
          }
        }
      }
      if (check === 'login-identifies-member') {
        const login = evidence.backend.find((x) => x.request.url.endsWith(env.config.contract.loginPath));
        const body = login?.response
          ? (JSON.parse(login.response.body || 'null') as { userId?: unknown } | null)
          : null;
        if (login?.response?.status !== 200) {
          failures.push({
            message: `login failed: ${login?.error ?? `HTTP ${login?.response?.status ?? 'none'} ${login?.response?.body.slice(0, 200) ?? ''}`}`,
          });
        } else if (body?.userId !== userId) {
          failures.push({
            message: `login identified member ${String(body?.userId)}; the auth code was issued for ${userId}`,
          });
        }
      }
      if (check === 'backend-healthy') {
        const health = await callBackend({
          method: 'GET',
          url: joinUrl(env.targetUrl, env.config.contract.healthPath),
          timeoutMs: env.config.requestTimeoutMs,
        });
        evidence.backend.push({ label: 'health check afterwards', ...health });
        if (health.response?.status !== 200) {
          failures.push({
            message: `the backend is not healthy afterwards (${health.error ?? `GET ${env.config.contract.healthPath} → HTTP ${health.response?.status}`})`,
          });
        }
      }
    }
  }
  await page?.close().catch(() => undefined);
  await gw.reset().catch(() => undefined);

  return {
    id: def.id,
    title: def.title,
    group: def.group,
    faq: def.faq,
    cause: def.cause,
    remedy: def.remedy,
    ...(def.severity ? { severity: def.severity } : {}),
    ...(def.explanation ? { explanation: def.explanation } : {}),
    expected,
    verdict,
    status: failures.length === 0 ? 'passed' : 'failed',
    durationMs: at(),
    driver: env.driver.name,
    steps,
    evidence,
    failures,
  };
}
