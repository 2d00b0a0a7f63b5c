<?php
declare(strict_types=1);

namespace AlipayPhone;

/** Step 1: res.response → Envelope. Only structure and types are checked; nothing is trusted yet. */
final class Envelope
{
    /** @var string the ciphertext (encrypted) or the plaintext JSON (a plain response) */
    public $content;
    /** @var bool the official rule: response is a string that does not start with "{" */
    public $encrypted;
    /** @var string exactly what Alipay signs: the raw text of the response value (with its quotes if a string) */
    public $signedText;
    /** @var string|null null when the envelope has no sign at all */
    public $sign;
    /** @var string "RSA2" (also when sign_type is absent) or "RSA" */
    public $signType;

    public static function parse(string $text): self
    {
        $members = JsonMembers::read($text);
        if ($members === null) {
            throw new Refusal(Refusal::BAD_REQUEST, 'encryptedData must be one JSON object without duplicate members');
        }
        if (!array_key_exists('response', $members)) {
            throw new Refusal(Refusal::BAD_REQUEST, 'the envelope has no "response" member');
        }
        [$response, $raw] = $members['response'];
        $envelope = new self();
        $envelope->signedText = $raw;
        if (is_string($response)) {
            if ($response === '') {
                throw new Refusal(Refusal::BAD_REQUEST, 'the envelope\'s "response" is empty');
            }
            $envelope->content = $response;
            $envelope->encrypted = $response[0] !== '{';
        } elseif ($response instanceof \stdClass) {
            $envelope->content = $raw;
            $envelope->encrypted = false;
        } else {
            throw new Refusal(Refusal::BAD_REQUEST, 'the envelope\'s "response" must be a string or an object');
        }
        $envelope->sign = self::optionalString($members, 'sign', 'the envelope\'s "sign" must be a string');
        $signType = self::optionalString($members, 'sign_type', 'unsupported sign_type (RSA2 or RSA expected)');
        if ($signType !== null && $signType !== 'RSA2' && $signType !== 'RSA') {
            throw new Refusal(Refusal::BAD_REQUEST, 'unsupported sign_type (RSA2 or RSA expected)');
        }
        $envelope->signType = $signType ?? 'RSA2';
        $encryptType = self::optionalString($members, 'encrypt_type', 'unsupported encrypt_type (AES expected)');
        if ($encryptType !== null && $encryptType !== 'AES') {
            throw new Refusal(Refusal::BAD_REQUEST, 'unsupported encrypt_type (AES expected)');
        }
        $charset = self::optionalString($members, 'charset', 'unsupported charset (UTF-8 expected)');
        if ($charset !== null && !preg_match('/^utf-?8$/i', $charset)) {
            throw new Refusal(Refusal::BAD_REQUEST, 'unsupported charset (UTF-8 expected)');
        }
        return $envelope;
    }

    /** @param array<string, array{0: mixed, 1: string}> $members */
    private static function optionalString(array $members, string $key, string $problem): ?string
    {
        if (!array_key_exists($key, $members)) {
            return null;
        }
        if (!is_string($members[$key][0])) {
            throw new Refusal(Refusal::BAD_REQUEST, $problem);
        }
        return $members[$key][0];
    }
}
