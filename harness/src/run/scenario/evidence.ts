/**
 * Phase 3, evidence: what the gateway issued (its journal for the scenario's session), what the page showed and
 * logged, and every request to the backend with its role.
 */

import { classifyExchanges } from './classify.js';
import type { ScenarioState } from './state.js';

export async function collectEvidence(state: ScenarioState): Promise<void> {
  const { evidence } = state;
  evidence.backend = [...(state.page?.exchanges ?? []), ...state.raw];
  state.journal = await state.gw.journal();
  const phone = state.journal.filter((j) => j.api === 'getPhoneNumber');
  const last = phone[phone.length - 1];
  if (last?.envelope) evidence.envelope = last.envelope;
  if (last?.plaintext) evidence.plaintext = last.plaintext;
  if (last?.outcome) evidence.outcome = last.outcome;
  evidence.journal = state.journal
    .filter((j) => j.api !== 'admin')
    .map((j) => ({
      api: j.api,
      at: j.at,
      ...(j.outcome ? { outcome: j.outcome } : {}),
      ...(j.appId ? { appId: j.appId } : {}),
    }));
  classifyExchanges(
    evidence.backend,
    phone.flatMap((j) => (j.envelope ? [j.envelope] : [])),
  );
}

/** What the page shows and logged (browser driver). */
export async function collectPageView(state: ScenarioState): Promise<void> {
  const page = state.page;
  if (!page) return;
  const text = await page.pageText();
  if (text) state.evidence.pageText = text;
  state.evidence.pageLog = await page.pageLog();
}
