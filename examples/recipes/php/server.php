<?php
// A tiny backend on alimock's default contract, as a router for PHP's built-in server (see run.sh):
// POST /api/alipay/phone {"encryptedData": "<res.response>"} → 200 {"mobile"} or non-2xx {"error": {"code", "message"}};
// GET /healthz → 200. RECIPE_KEYS_DIR names the keys folder (alipay-public.txt, aes.txt).
declare(strict_types=1);

require_once __DIR__ . '/src/phone_number.php';

use AlipayPhone\JsonMembers;
use AlipayPhone\Keys;
use AlipayPhone\Refusal;

use function AlipayPhone\phone_number;

const MAX_BODY = 1048576;

function answer(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    header('Cache-Control: no-store');
    echo json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
}

function refuse(int $status, string $code, string $message): void
{
    if ($code === Refusal::ALIPAY_BUSY) {
        header('Retry-After: 1');
    }
    answer($status, ['error' => ['code' => $code, 'message' => $message]]);
}

/** The non-empty encryptedData string of a one-object JSON body without duplicate members, or null. */
function encrypted_data(string $body): ?string
{
    $members = JsonMembers::read($body);
    $value = $members['encryptedData'][0] ?? null;
    return is_string($value) && $value !== '' ? $value : null;
}

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
if ($method === 'GET' && $path === '/healthz') {
    answer(200, ['ok' => true]);
} elseif ($method === 'POST' && $path === '/api/alipay/phone') {
    if ((int) ($_SERVER['CONTENT_LENGTH'] ?? 0) > MAX_BODY) {
        refuse(413, Refusal::BAD_REQUEST, 'request body too large');
        return true;
    }
    $data = encrypted_data((string) file_get_contents('php://input'));
    if ($data === null) {
        refuse(400, Refusal::BAD_REQUEST, 'send JSON { "encryptedData": "<res.response string, unchanged>" }');
        return true;
    }
    try {
        answer(200, ['mobile' => phone_number($data, Keys::fromFolder((string) getenv('RECIPE_KEYS_DIR')))]);
    } catch (Refusal $refusal) {
        refuse($refusal->httpStatus(), $refusal->contractCode, $refusal->getMessage());
    }
} else {
    refuse(404, 'NOT_FOUND', 'POST /api/alipay/phone or GET /healthz');
}
return true;
