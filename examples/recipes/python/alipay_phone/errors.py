"""Contract error codes (alimock's default contract) and the refusal a step raises."""

AUTH_REQUIRED = "AUTH_REQUIRED"
ISV_PERMISSION_DENIED = "ISV_PERMISSION_DENIED"
ALIPAY_MISCONFIGURED = "ALIPAY_MISCONFIGURED"
ALIPAY_BUSY = "ALIPAY_BUSY"
NO_MOBILE_BOUND = "NO_MOBILE_BOUND"
SIGNATURE_MISSING = "SIGNATURE_MISSING"
SIGNATURE_INVALID = "SIGNATURE_INVALID"
DECRYPT_FAILED = "DECRYPT_FAILED"
BAD_REQUEST = "BAD_REQUEST"

HTTP_STATUS = {
    AUTH_REQUIRED: 403,
    ISV_PERMISSION_DENIED: 502,
    ALIPAY_MISCONFIGURED: 502,
    ALIPAY_BUSY: 503,
    NO_MOBILE_BOUND: 422,
}


def http_status(code):
    """The status the default contract uses for a code."""
    return HTTP_STATUS.get(code, 400)


class Refusal(Exception):
    """A contract error: `code` and a message safe to show (it never holds the phone number)."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
