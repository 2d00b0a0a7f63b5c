<?php
declare(strict_types=1);

namespace AlipayPhone;

/**
 * Step 2: the signature, checked BEFORE anything is decrypted. RSA2 (also when sign_type is absent) is
 * SHA256withRSA, RSA is SHA1withRSA, PKCS#1 v1.5, over the exact signed text.
 */
final class Verify
{
    /** @param resource|\OpenSSLAsymmetricKey $alipayPublicKey */
    public static function check(Envelope $envelope, $alipayPublicKey): void
    {
        if ($envelope->sign === null) {
            throw new Refusal(
                Refusal::SIGNATURE_MISSING,
                'the payload has no sign: set the Alipay public key, the AES key and the app gateway in the console'
            );
        }
        $signature = StrictBase64::decode($envelope->sign);
        $algorithm = $envelope->signType === 'RSA' ? OPENSSL_ALGO_SHA1 : OPENSSL_ALGO_SHA256;
        // openssl_verify: 1 valid, 0 invalid, -1 or false on error. Only 1 is a valid signature.
        if ($signature === null || openssl_verify($envelope->signedText, $signature, $alipayPublicKey, $algorithm) !== 1) {
            while (openssl_error_string() !== false) {
                // clear OpenSSL's error queue
            }
            throw new Refusal(Refusal::SIGNATURE_INVALID, 'the signature does not verify with the Alipay public key');
        }
    }
}
