"""res.response (the string my.getPhoneNumber returns) → the phone number, or a Refusal with a contract code.

    from alipay_phone import load_keys, phone_number, Refusal
    keys = load_keys("keys")
    try:
        mobile = phone_number(encrypted_data, keys)
    except Refusal as refusal:
        ...  # refusal.code, refusal.message
"""

from .decrypt import decrypt
from .envelope import parse_envelope
from .errors import Refusal, http_status
from .interpret import interpret
from .keys import Keys, load_keys, parse_aes_key, parse_public_key
from .verify import verify

__all__ = ["Keys", "Refusal", "http_status", "load_keys", "parse_aes_key", "parse_public_key", "phone_number"]


def phone_number(encrypted_data, keys):
    """Parse → verify → decrypt → interpret, in that order: nothing is decrypted before the signature is checked,
    and a missing sign is refused."""
    envelope = parse_envelope(encrypted_data)
    verify(envelope, keys.alipay_public_key)
    return interpret(decrypt(envelope, keys.aes_key))
