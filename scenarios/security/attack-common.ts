/** Shared words and expectations for the security scenarios. */
export const ATTACK = 'Security: attacks on the phone-number endpoint';

/** The codes a backend may answer when it refuses an unverifiable payload. */
export const REFUSE_UNVERIFIED = ['SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'BAD_REQUEST'];

/** Any 4xx the contract knows, for malformed input. */
export const REJECT_MALFORMED = ['BAD_REQUEST', 'SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'DECRYPT_FAILED'];

/** The attacker's number: what a forged payload tries to bind. */
export const ATTACKER_MOBILE = '13000000000';

export const FIX_VERIFY_FIRST =
  'Verify the sign over "\\"" + response + "\\"" with the Alipay public key before anything else; reject a payload without sign (SIGNATURE_MISSING) or with a bad one (SIGNATURE_INVALID); only then decrypt.';
