<?php
declare(strict_types=1);

namespace AlipayPhone;

/**
 * Step 3: AES-CBC (the key's length picks AES-128/192/256), IV = 16 zero bytes, PKCS#7, UTF-8. A plain response
 * passes through. Every failure is DECRYPT_FAILED: a wrong key is reported, never turned into garbage or "".
 */
final class Decrypt
{
    public static function plaintext(Envelope $envelope, string $aesKey): string
    {
        if (!$envelope->encrypted) {
            return $envelope->content;
        }
        $data = StrictBase64::decode($envelope->content);
        $plain = false;
        if ($data !== null && $data !== '' && strlen($data) % 16 === 0) {
            $cipher = 'aes-' . (strlen($aesKey) * 8) . '-cbc';
            $plain = openssl_decrypt($data, $cipher, $aesKey, OPENSSL_RAW_DATA, str_repeat("\0", 16));
        }
        if ($plain === false || !preg_match('//u', $plain)) {
            while (openssl_error_string() !== false) {
                // clear OpenSSL's error queue
            }
            throw new Refusal(Refusal::DECRYPT_FAILED, 'the payload could not be decrypted with the configured AES key');
        }
        return $plain;
    }
}
