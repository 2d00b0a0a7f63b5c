"""Step 1: res.response → Envelope. Only structure and types are checked; nothing is trusted yet."""

import re
from dataclasses import dataclass
from typing import Optional

from .errors import BAD_REQUEST, Refusal
from .members import top_level_members

_UTF8 = re.compile(r"^utf-?8$", re.IGNORECASE)


@dataclass(frozen=True)
class Envelope:
    content: str
    """the ciphertext (encrypted) or the plaintext JSON (a plain response)"""
    encrypted: bool
    """the official rule: response is a string that does not start with "{" """
    signed_text: str
    """exactly what Alipay signs: the raw text of the response value as it appears (with its quotes if a string)"""
    sign: Optional[str]
    """None when the envelope has no sign at all"""
    sign_type: str


def _optional_string(members, key, problem):
    if key not in members:
        return None
    value = members[key][0]
    if not isinstance(value, str):
        raise Refusal(BAD_REQUEST, problem)
    return value


def parse_envelope(text):
    listed = top_level_members(text)
    if listed is None:
        raise Refusal(BAD_REQUEST, "encryptedData must be one JSON object without duplicate members")
    members = {key: (value, raw) for key, value, raw in listed}
    if "response" not in members:
        raise Refusal(BAD_REQUEST, 'the envelope has no "response" member')
    response, raw = members["response"]
    if isinstance(response, str):
        if response == "":
            raise Refusal(BAD_REQUEST, 'the envelope\'s "response" is empty')
        content, encrypted = response, not response.startswith("{")
    elif isinstance(response, dict):
        content, encrypted = raw, False
    else:
        raise Refusal(BAD_REQUEST, 'the envelope\'s "response" must be a string or an object')
    sign = _optional_string(members, "sign", 'the envelope\'s "sign" must be a string')
    sign_type = _optional_string(members, "sign_type", "unsupported sign_type (RSA2 or RSA expected)")
    if sign_type not in (None, "RSA2", "RSA"):
        raise Refusal(BAD_REQUEST, "unsupported sign_type (RSA2 or RSA expected)")
    encrypt_type = _optional_string(members, "encrypt_type", "unsupported encrypt_type (AES expected)")
    if encrypt_type not in (None, "AES"):
        raise Refusal(BAD_REQUEST, "unsupported encrypt_type (AES expected)")
    charset = _optional_string(members, "charset", "unsupported charset (UTF-8 expected)")
    if charset is not None and not _UTF8.match(charset):
        raise Refusal(BAD_REQUEST, "unsupported charset (UTF-8 expected)")
    return Envelope(content, encrypted, raw, sign, sign_type or "RSA2")
