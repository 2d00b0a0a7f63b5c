"""Strict Base64: the standard alphabet, whole quanta, correct padding; nothing else. Lenient decoders skip stray
characters (base64.b64decode does unless validate=True): such text is not what Alipay wrote."""

import base64
import re

_BASE64 = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")


def strict_b64decode(text):
    """The decoded bytes, or None."""
    if not _BASE64.match(text):
        return None
    return base64.b64decode(text, validate=True)
