/**
 * What a broken backend is: the reference backend with exactly one bug — one pipeline step replaced by a buggy
 * one, or (for transport-level bugs) one body parser or hook added to the app — plus the scenarios that catch it.
 * Every scenario NOT in `caughtBy` must still pass against it.
 */
import type { FastifyInstance } from 'fastify';
import type { ReferenceBackendOptions } from '../../reference-backend/src/app.js';

export type BrokenBackendOptions = Omit<ReferenceBackendOptions, 'steps'>;

export interface BrokenBackend {
  /** One sentence: the bug. */
  description: string;
  /** The mistake it reproduces (docs/protocol.md, "Mistakes backends make"). */
  mistake: string;
  /**
   * Exactly the scenario ids (FAQ and `sec-`) that fail against it with `requireSignature: true`, in suite order;
   * harness/src/run/broken-backends.test.ts checks the list against a real run.
   */
  caughtBy: readonly string[];
  build(options: BrokenBackendOptions): FastifyInstance;
}

/** The FAQ scenario ids (docs/scenarios.md). */
export const FAQ_SCENARIO_IDS = [
  'faq1-success',
  'faq1-no-consent',
  'faq1-user-refuses',
  'faq1-consent-expired',
  'faq2-isv-package-missing',
  'faq2-isv-permission-pending',
  'faq3-20000-busy',
  'faq3-40001-no-sign-type',
  'faq3-40001-no-encrypt-key',
  'faq3-40002-encrypt-error',
  'faq3-40003-invalid-auth',
  'faq4-ciphertext-not-phone',
  'faq4-empty-mobile',
  'faq5-missing-sign-no-public-key',
  'faq5-missing-sign-no-aes-key',
  'faq5-missing-sign-no-gateway',
] as const;

/**
 * FAQ scenarios whose envelope is encrypted AND signed (10000, 20000, 40003, 40006): a correct answer needs both
 * a successful verification and a successful decryption.
 */
export const SIGNED_ENCRYPTED_SCENARIOS = [
  'faq1-success',
  'faq1-no-consent',
  'faq1-consent-expired',
  'faq2-isv-package-missing',
  'faq2-isv-permission-pending',
  'faq3-20000-busy',
  'faq3-40003-invalid-auth',
  'faq4-ciphertext-not-phone',
  'faq4-empty-mobile',
] as const;

/** FAQ scenarios whose envelope has no `sign` (40001 ×2, 40002, and the three faq5 cases). */
export const UNSIGNED_SCENARIOS = [
  'faq3-40001-no-sign-type',
  'faq3-40001-no-encrypt-key',
  'faq3-40002-encrypt-error',
  'faq5-missing-sign-no-public-key',
  'faq5-missing-sign-no-aes-key',
  'faq5-missing-sign-no-gateway',
] as const;
