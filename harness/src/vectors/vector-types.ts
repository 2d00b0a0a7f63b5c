/**
 * The test-vector file (`alimock vectors`): envelopes exactly as `my.getPhoneNumber` returns them, each with the
 * answer a backend on the default contract must give. Its JSON Schema is in vectors-schema.ts.
 */
import type { ContractCode } from '../target/contract.js';

/** What a correct backend answers: the mobile, or a rejection with one of `codes`. */
export type VectorExpect = { verdict: 'accepted'; mobile: string } | { verdict: 'rejected'; codes: ContractCode[] };

export interface TestVector {
  /** stable id; equal to a scenario id when the vector is that scenario's payload */
  id: string;
  title: string;
  /** the string my.getPhoneNumber returns (what the page forwards as encryptedData) */
  envelope: string;
  expect: VectorExpect;
  /** why a correct backend answers so, and which mistake the vector catches */
  why: string;
}

export interface VectorFile {
  keys: {
    /** the Alipay public key, bare Base64 SubjectPublicKeyInfo (as the console shows it) */
    alipayPublicKey: string;
    /** the app's AES key, Base64 (as the console shows it) */
    aesKey: string;
  };
  vectors: TestVector[];
}
