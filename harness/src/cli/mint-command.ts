import { defaultKeysDir, loadKeyDir } from '../../../mock-gateway/src/keys/load-keys.js';
import { buildEnvelope } from '../../../mock-gateway/src/protocol/envelope.js';
import type { OutcomeId } from '../../../mock-gateway/src/protocol/outcomes.js';
import type { SignType } from '../../../mock-gateway/src/protocol/rsa.js';
import { type EnvelopeVariant, specFor } from '../../../mock-gateway/src/protocol/variants.js';
import { type CommandResult, done, usageFailure } from './command-result.js';

export interface MintOptions {
  outcome: OutcomeId;
  variant: EnvelopeVariant;
  /** used by `success` (default 13800138000) */
  mobile?: string;
  unsigned?: boolean;
  /** default RSA2; the `rsa` variant is always RSA */
  signType?: SignType;
  /** keys directory (default: the package's TEST-ONLY keys/) */
  keys?: string;
}

/**
 * `alimock mint`: prints exactly the `res.response` string a page would receive (one line, nothing else on stdout),
 * built with the protocol core — no server.
 */
export async function mintCommand(opts: MintOptions): Promise<CommandResult> {
  if (opts.variant === 'rsa' && opts.signType === 'RSA2') {
    return usageFailure('--variant rsa signs with RSA (SHA1withRSA): drop --sign-type RSA2, or use --variant standard');
  }
  const keys = loadKeyDir(opts.keys ?? defaultKeysDir());
  if (!keys.ok) return usageFailure(keys.reason);
  const spec = specFor(opts.outcome, opts.variant, {
    ...(opts.mobile !== undefined ? { mobile: opts.mobile } : {}),
    ...(opts.signType !== undefined ? { signType: opts.signType } : {}),
  });
  if (opts.unsigned) spec.sign = false;
  const envelope = buildEnvelope(spec, { aesKey: keys.value.aesKey, alipayPrivateKey: keys.value.alipayPrivateKey });
  process.stdout.write(`${envelope}\n`);
  return done;
}
