"""Step 2: the signature, checked BEFORE anything is decrypted. RSA2 (also when sign_type is absent) is
SHA256withRSA, RSA is SHA1withRSA, PKCS#1 v1.5, over the UTF-8 bytes of the signed text."""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from .errors import SIGNATURE_INVALID, SIGNATURE_MISSING, Refusal
from .strict_base64 import strict_b64decode

_HASHES = {"RSA2": hashes.SHA256, "RSA": hashes.SHA1}


def verify(envelope, alipay_public_key):
    if envelope.sign is None:
        raise Refusal(
            SIGNATURE_MISSING,
            "the payload has no sign: set the Alipay public key, the AES key and the app gateway in the console",
        )
    invalid = Refusal(SIGNATURE_INVALID, "the signature does not verify with the Alipay public key")
    signature = strict_b64decode(envelope.sign)
    if signature is None:
        raise invalid
    try:
        alipay_public_key.verify(
            signature,
            envelope.signed_text.encode("utf-8"),
            padding.PKCS1v15(),
            _HASHES[envelope.sign_type](),
        )
    except InvalidSignature:
        raise invalid from None
