<?php
declare(strict_types=1);

namespace AlipayPhone;

/**
 * Step 4: the decrypted plaintext → the mobile, or the contract error for Alipay's code. A payload that verifies
 * and decrypts can still carry 40003 or 40006: the code must be checked.
 */
final class Interpret
{
    private const ALIPAY_CODES = [
        '20000' => [Refusal::ALIPAY_BUSY, 'Alipay is busy (20000): retry later'],
        '40001' => [
            Refusal::ALIPAY_MISCONFIGURED,
            'Alipay reports missing arguments (40001): set the sign type, Alipay public key, app gateway and AES key',
        ],
        '40002' => [Refusal::ALIPAY_MISCONFIGURED, 'Alipay reports an encryption error (40002): check the AES key'],
        '40003' => [
            Refusal::AUTH_REQUIRED,
            'no valid authorisation (40003): ask the user again through the getAuthorize button',
        ],
        '40006' => [
            Refusal::ISV_PERMISSION_DENIED,
            'insufficient ISV permissions (40006): add the phone-number feature package and get the scope approved',
        ],
    ];
    private const UNKNOWN = [Refusal::ALIPAY_MISCONFIGURED, 'Alipay returned an unexpected result: check the app configuration'];

    public static function mobile(string $plaintext): string
    {
        $payload = json_decode($plaintext, false);
        if (!($payload instanceof \stdClass)) {
            throw new Refusal(Refusal::DECRYPT_FAILED, 'the decrypted payload is not the expected JSON object');
        }
        $code = property_exists($payload, 'code') ? $payload->code : null;
        if ($code !== '10000') {
            [$contractCode, $message] = is_string($code) && isset(self::ALIPAY_CODES[$code])
                ? self::ALIPAY_CODES[$code]
                : self::UNKNOWN;
            throw new Refusal($contractCode, $message);
        }
        $mobile = property_exists($payload, 'mobile') ? $payload->mobile : null;
        if ($mobile === null || (is_string($mobile) && trim($mobile) === '')) {
            throw new Refusal(Refusal::NO_MOBILE_BOUND, 'this Alipay account has no bound mobile number');
        }
        if (!is_string($mobile)) {
            throw new Refusal(...self::UNKNOWN);
        }
        return $mobile;
    }
}
