"""Step 4: the decrypted plaintext → the mobile, or the contract error for Alipay's code. A payload that verifies
and decrypts can still carry 40003 or 40006: the code must be checked."""

import json

from .errors import (
    ALIPAY_BUSY,
    ALIPAY_MISCONFIGURED,
    AUTH_REQUIRED,
    DECRYPT_FAILED,
    ISV_PERMISSION_DENIED,
    NO_MOBILE_BOUND,
    Refusal,
)

ALIPAY_CODES = {
    "20000": (ALIPAY_BUSY, "Alipay is busy (20000): retry later"),
    "40001": (
        ALIPAY_MISCONFIGURED,
        "Alipay reports missing arguments (40001): set the sign type, Alipay public key, app gateway and AES key",
    ),
    "40002": (ALIPAY_MISCONFIGURED, "Alipay reports an encryption error (40002): check the AES key"),
    "40003": (AUTH_REQUIRED, "no valid authorisation (40003): ask the user again through the getAuthorize button"),
    "40006": (
        ISV_PERMISSION_DENIED,
        "insufficient ISV permissions (40006): add the phone-number feature package and get the scope approved",
    ),
}
UNKNOWN = (ALIPAY_MISCONFIGURED, "Alipay returned an unexpected result: check the app configuration")


def interpret(plaintext):
    try:
        payload = json.loads(plaintext)
    except (ValueError, RecursionError):
        payload = None
    if not isinstance(payload, dict):
        raise Refusal(DECRYPT_FAILED, "the decrypted payload is not the expected JSON object")
    code = payload.get("code")
    if code != "10000":
        raise Refusal(*ALIPAY_CODES.get(code, UNKNOWN) if isinstance(code, str) else UNKNOWN)
    mobile = payload.get("mobile")
    if mobile is None or (isinstance(mobile, str) and mobile.strip() == ""):
        raise Refusal(NO_MOBILE_BOUND, "this Alipay account has no bound mobile number")
    if not isinstance(mobile, str):
        raise Refusal(*UNKNOWN)
    return mobile
