<?php
declare(strict_types=1);

namespace AlipayPhone;

require_once __DIR__ . '/Refusal.php';
require_once __DIR__ . '/JsonMembers.php';
require_once __DIR__ . '/Envelope.php';
require_once __DIR__ . '/StrictBase64.php';
require_once __DIR__ . '/Verify.php';
require_once __DIR__ . '/Decrypt.php';
require_once __DIR__ . '/Interpret.php';
require_once __DIR__ . '/Keys.php';

/**
 * res.response (the string my.getPhoneNumber returns) → the phone number; throws Refusal with a contract code.
 * Parse → verify → decrypt → interpret, in that order: nothing is decrypted before the signature is checked, and a
 * missing sign is refused.
 */
function phone_number(string $encryptedData, Keys $keys): string
{
    $envelope = Envelope::parse($encryptedData);
    Verify::check($envelope, $keys->alipayPublicKey);
    return Interpret::mobile(Decrypt::plaintext($envelope, $keys->aesKey));
}
