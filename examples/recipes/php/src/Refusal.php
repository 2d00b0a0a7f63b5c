<?php
declare(strict_types=1);

namespace AlipayPhone;

/** A contract error: a code of alimock's default contract and a message safe to show (never the phone number). */
final class Refusal extends \RuntimeException
{
    public const AUTH_REQUIRED = 'AUTH_REQUIRED';
    public const ISV_PERMISSION_DENIED = 'ISV_PERMISSION_DENIED';
    public const ALIPAY_MISCONFIGURED = 'ALIPAY_MISCONFIGURED';
    public const ALIPAY_BUSY = 'ALIPAY_BUSY';
    public const NO_MOBILE_BOUND = 'NO_MOBILE_BOUND';
    public const SIGNATURE_MISSING = 'SIGNATURE_MISSING';
    public const SIGNATURE_INVALID = 'SIGNATURE_INVALID';
    public const DECRYPT_FAILED = 'DECRYPT_FAILED';
    public const BAD_REQUEST = 'BAD_REQUEST';

    private const HTTP_STATUS = [
        self::AUTH_REQUIRED => 403,
        self::ISV_PERMISSION_DENIED => 502,
        self::ALIPAY_MISCONFIGURED => 502,
        self::ALIPAY_BUSY => 503,
        self::NO_MOBILE_BOUND => 422,
    ];

    /** @var string */
    public $contractCode;

    public function __construct(string $contractCode, string $message)
    {
        parent::__construct($message);
        $this->contractCode = $contractCode;
    }

    /** The status the default contract uses for this code. */
    public function httpStatus(): int
    {
        return self::HTTP_STATUS[$this->contractCode] ?? 400;
    }
}
