/**
 * Payloads no scenario sends, about which key signs and what `sign` and `sign_type` mean: the traps of the official
 * server SDKs (a hash chosen by a loose sign_type check, a lenient Base64 decoder) shown on single payloads.
 */
import type { VectorDefinition } from './vector-definition.js';
import { editEnvelope } from './vector-kit.js';

export const signTypeVectors: readonly VectorDefinition[] = [
  {
    id: 'signed-with-app-key',
    title: "signed by the app's own private key (应用私钥) instead of Alipay's",
    why: 'The two key pairs are easy to mix up. A backend configured with its 应用公钥 where the 支付宝公钥 belongs accepts exactly this payload and rejects every genuine one. Verify with the Alipay public key only.',
    expect: { codes: ['SIGNATURE_INVALID'] },
    build: (kit) => kit.signedWithAppKey(),
  },
  {
    id: 'short-form-no-sign-type',
    title: 'short form {"response","sign"} without sign_type (ISV template apps), RSA2 signature',
    why: 'Apps built from an ISV template get only response and sign. A missing sign_type means RSA2 (SHA256withRSA): a backend that falls back to SHA-1 when sign_type is absent rejects this genuine payload.',
    expect: { accepted: true },
    build: (kit) => kit.outcome('success', 'short'),
  },
  {
    id: 'sign-type-rsa',
    title: 'sign_type "RSA": a genuine SHA1withRSA signature (legacy RSA apps)',
    why: 'An app whose console still uses the RSA (SHA-1) sign type gets sign_type "RSA". The hash follows sign_type: SHA-1 here, SHA-256 for "RSA2".',
    expect: { accepted: true },
    build: (kit) => kit.outcome('success', 'rsa'),
  },
  {
    id: 'sha1-signature-labelled-rsa2',
    title: 'sign_type "RSA2" but the signature is SHA1withRSA',
    why: 'sign_type says RSA2, so the check must use SHA-256. A verifier that ignores sign_type and always uses SHA-1 accepts this and rejects every genuine RSA2 payload.',
    expect: { codes: ['SIGNATURE_INVALID'] },
    build: (kit) => kit.signedWith('RSA', 'long', 'RSA2'),
  },
  {
    id: 'sha1-signature-no-sign-type',
    title: 'no sign_type, and the signature is SHA1withRSA',
    why: 'Without sign_type the hash is SHA-256 (RSA2). A verifier that uses SHA-256 only for the exact text "RSA2" and SHA-1 otherwise accepts this.',
    expect: { codes: ['SIGNATURE_INVALID'] },
    build: (kit) => kit.signedWith('RSA', 'short', 'RSA2'),
  },
  {
    id: 'sign-type-lowercase',
    title: 'sign_type "rsa2" (lower case) with a SHA1withRSA signature',
    why: 'Alipay writes "RSA2" or "RSA". A verifier that uses SHA-256 only for the exact text "RSA2" silently falls back to SHA-1 for "rsa2" and accepts this; refuse an unknown sign_type (BAD_REQUEST) or verify with SHA-256 (SIGNATURE_INVALID).',
    expect: { codes: ['BAD_REQUEST', 'SIGNATURE_INVALID'] },
    build: (kit) =>
      editEnvelope(kit.outcome('success', 'rsa'), (members) => {
        members.sign_type = 'rsa2';
      }),
  },
  {
    id: 'sign-not-base64',
    title: 'a genuine sign with a non-Base64 character ("*") inserted',
    why: "Lenient Base64 decoders skip characters outside the alphabet and still verify. Decode sign strictly: text that is not Base64 is not Alipay's signature.",
    expect: { codes: ['SIGNATURE_INVALID', 'BAD_REQUEST'] },
    build: (kit) =>
      editEnvelope(kit.outcome('success', 'standard'), (members) => {
        const sign = String(members.sign);
        members.sign = `${sign.slice(0, 64)}*${sign.slice(64)}`;
      }),
  },
];
