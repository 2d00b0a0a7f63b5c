import type { ScenarioDefinition } from '../../harness/src/scenario/types.js';
import { secForgedPlaintextObject, secForgedPlaintextString } from './forged-plaintext.js';
import {
  secDeepNesting,
  secDuplicateKeys,
  secHugeBody,
  secMalformedBody,
  secMalformedEncryptedData,
  secMalformedEnvelope,
  secProtoKeys,
} from './malformed.js';
import { secPaddingOracle } from './padding-oracle.js';
import { secReplayOtherSession } from './replay.js';
import {
  secForeignKeySign,
  secOtherAppAesKey,
  secSignStripped,
  secSignUnquoted,
  secTamperedBitflip,
  secTamperedTruncated,
} from './signature-attacks.js';

/** Attacks on the target backend (ids start with `sec-`). */
export const securityScenarios: readonly ScenarioDefinition[] = [
  secForgedPlaintextString,
  secForgedPlaintextObject,
  secSignStripped,
  secForeignKeySign,
  secSignUnquoted,
  secTamperedBitflip,
  secTamperedTruncated,
  secOtherAppAesKey,
  secPaddingOracle,
  secMalformedBody,
  secMalformedEncryptedData,
  secMalformedEnvelope,
  secHugeBody,
  secDeepNesting,
  secProtoKeys,
  secDuplicateKeys,
  secReplayOtherSession,
];
