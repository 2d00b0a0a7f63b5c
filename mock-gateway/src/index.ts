/** alimock/gateway: the mock gateway as a library. */
export { buildGateway, type GatewayOptions, resolveKeys } from './app.js';
export { generateKeySet, writeKeySet } from './keys/generate-keys.js';
export type { KeyMaterial } from './keys/key-material.js';
export { defaultKeysDir, loadKeyDir } from './keys/load-keys.js';
export type { AppPatch, AppSettings } from './model/apps.js';
export { type Clock, manualClock, systemClock } from './model/clock.js';
export type { JournalEntry, JournalQuery, JournalVerdict } from './model/journal.js';
export type { RuleAction, RuleInput, RuleScope } from './model/rules.js';
export type {
  BridgeExchange,
  ExchangeJudgement,
  Inspect,
  InspectKeys,
  InspectResult,
  PageRequest,
  PageRequestHooks,
  PlaygroundOptions,
} from './playground/hooks.js';
export type { EnvelopeCheck, PlaygroundConfig, StreamedEntry } from './playground/wire.js';
export * from './protocol/index.js';
export { type ListenOptions, type RunningGateway, startGateway, tokenFor } from './server.js';
