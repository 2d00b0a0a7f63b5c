<?php
declare(strict_types=1);

namespace AlipayPhone;

/**
 * Strict Base64: the standard alphabet, whole quanta, correct padding; nothing else. base64_decode() skips stray
 * characters, and even its strict mode accepts whitespace: such text is not what Alipay wrote.
 */
final class StrictBase64
{
    private const PATTERN = '~^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$~';

    public static function decode(string $text): ?string
    {
        if (!preg_match(self::PATTERN, $text)) {
            return null;
        }
        $bytes = base64_decode($text, true);
        return $bytes === false ? null : $bytes;
    }
}
