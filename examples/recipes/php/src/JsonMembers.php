<?php
declare(strict_types=1);

namespace AlipayPhone;

/**
 * The top-level members of a JSON object text, each with its decoded value and its value's raw text exactly as it
 * appears. json_decode keeps the last of duplicate keys and forgets the raw text, so the text is walked here.
 */
final class JsonMembers
{
    /**
     * @return array<string, array{0: mixed, 1: string}>|null  key => [value, raw text]; null when the text is not
     *   exactly one JSON object (within json_decode's depth limit) or repeats a key.
     */
    public static function read(string $text): ?array
    {
        $decoded = json_decode($text, false);
        if (json_last_error() !== JSON_ERROR_NONE || !($decoded instanceof \stdClass)) {
            return null;
        }
        $i = self::skipWhitespace($text, 0) + 1; // past "{"
        $members = [];
        while (true) {
            $i = self::skipWhitespace($text, $i);
            if ($text[$i] === '}') {
                return $members;
            }
            $keyEnd = self::skipString($text, $i);
            $key = json_decode(substr($text, $i, $keyEnd - $i));
            if (array_key_exists($key, $members)) {
                return null;
            }
            $start = self::skipWhitespace($text, self::skipWhitespace($text, $keyEnd) + 1); // past ":"
            $end = self::skipValue($text, $start);
            $raw = substr($text, $start, $end - $start);
            $members[$key] = [json_decode($raw, false), $raw];
            $i = self::skipWhitespace($text, $end);
            if ($text[$i] === ',') {
                $i++;
            }
        }
    }

    private static function skipWhitespace(string $text, int $i): int
    {
        return $i + strspn($text, " \t\n\r", $i);
    }

    /** $i is at an opening quote; returns the offset just after the closing quote. */
    private static function skipString(string $text, int $i): int
    {
        for ($j = $i + 1, $n = strlen($text); $j < $n; $j++) {
            if ($text[$j] === '\\') {
                $j++;
            } elseif ($text[$j] === '"') {
                return $j + 1;
            }
        }
        return $n;
    }

    /** Returns the offset just after the (valid) JSON value starting at $i. */
    private static function skipValue(string $text, int $i): int
    {
        $first = $text[$i];
        if ($first === '"') {
            return self::skipString($text, $i);
        }
        if ($first !== '{' && $first !== '[') {
            return $i + strcspn($text, " \t\n\r,}]", $i);
        }
        $depth = 0;
        for ($j = $i, $n = strlen($text); $j < $n; $j++) {
            $c = $text[$j];
            if ($c === '"') {
                $j = self::skipString($text, $j) - 1;
            } elseif ($c === '{' || $c === '[') {
                $depth++;
            } elseif (($c === '}' || $c === ']') && --$depth === 0) {
                return $j + 1;
            }
        }
        return $n;
    }
}
