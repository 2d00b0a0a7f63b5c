/**
 * alimock/gateway: the mock gateway as a library — build or start it, reach its state, make key sets, and the
 * protocol functions a team's tests may want (build, parse, verify and open envelopes). Internals stay private.
 */
export { buildGateway, type GatewayOptions, gatewayModel, miniProgramsOf, resolveKeys } from './app.js';
export { generateKeySet, writeKeySet } from './keys/generate-keys.js';
export type { KeyMaterial } from './keys/key-material.js';
export { defaultKeysDir, loadKeyDir } from './keys/load-keys.js';
export type { AppPatch, AppSettings } from './model/app-schema.js';
export { type Clock, manualClock, systemClock } from './model/clock.js';
export type { GatewayModel } from './model/gateway-model.js';
export type { JournalEntry, JournalQuery, JournalVerdict } from './model/journal.js';
export type { RuleAction, RuleInput, RuleScope } from './model/rule-schema.js';
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
export { aesDecrypt, aesEncrypt } from './protocol/aes.js';
export {
  buildEnvelope,
  type EnvelopeKeys,
  type EnvelopeSpec,
  type OpenedEnvelope,
  openEnvelope,
  type ParsedEnvelope,
  parseEnvelope,
  verifyEnvelope,
} from './protocol/envelope.js';
export { parsePrivateKey, parsePublicKey, publicKeyToBase64, publicKeyToPem } from './protocol/keys.js';
export { OUTCOME_IDS, OUTCOMES, type OutcomeDefinition, type OutcomeId, plaintextFor } from './protocol/outcomes.js';
export { rsaSign, rsaVerify, type SignType } from './protocol/rsa.js';
export { buildTampered, TAMPERINGS, type Tampering } from './protocol/tamper.js';
export { ENVELOPE_VARIANTS, type EnvelopeVariant, specFor } from './protocol/variants.js';
export { type ListenOptions, type RunningGateway, startGateway, tokenFor } from './server.js';
