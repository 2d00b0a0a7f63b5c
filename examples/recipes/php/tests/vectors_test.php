<?php
// Runs phone_number() over vectors.json (`npx alimock vectors --out DIR`):
//   php tests/vectors_test.php DIR/vectors.json      (or VECTORS=DIR/vectors.json php tests/vectors_test.php)
// Exit 0 when every vector gets its expected answer, 1 otherwise.
declare(strict_types=1);

require_once __DIR__ . '/../src/phone_number.php';

use AlipayPhone\Keys;
use AlipayPhone\Refusal;

use function AlipayPhone\phone_number;

$path = $argv[1] ?? getenv('VECTORS');
if (!is_string($path) || $path === '') {
    fwrite(STDERR, "usage: php tests/vectors_test.php <vectors.json> (npx alimock vectors --out DIR)\n");
    exit(2);
}
$file = json_decode((string) file_get_contents($path), true);
$keys = new Keys($file['keys']['alipayPublicKey'], $file['keys']['aesKey']);
$failures = [];
foreach ($file['vectors'] as $vector) {
    $expect = $vector['expect'];
    try {
        $mobile = phone_number($vector['envelope'], $keys);
        $code = null;
    } catch (Refusal $refusal) {
        $mobile = null;
        $code = $refusal->contractCode;
    }
    if ($expect['verdict'] === 'accepted' && ($code !== null || $mobile !== $expect['mobile'])) {
        $failures[] = "{$vector['id']}: expected mobile {$expect['mobile']}, got " . ($code ?? "mobile $mobile");
    } elseif ($expect['verdict'] === 'rejected' && !in_array($code, $expect['codes'], true)) {
        $failures[] = "{$vector['id']}: expected " . implode(' or ', $expect['codes']) . ', got ' . ($code ?? "mobile $mobile");
    }
}
foreach ($failures as $failure) {
    fwrite(STDERR, "FAIL $failure\n");
}
$total = count($file['vectors']);
echo ($total - count($failures)) . " of $total vectors passed\n";
exit($failures === [] && $total > 0 ? 0 : 1);
