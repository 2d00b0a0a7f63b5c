"""Step 3: AES-CBC (the key's length picks AES-128/192/256), IV = 16 zero bytes, PKCS#7, UTF-8. A plain response
passes through. Every failure is DECRYPT_FAILED: a wrong key is reported, never turned into garbage."""

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from .errors import DECRYPT_FAILED, Refusal
from .strict_base64 import strict_b64decode

_ZERO_IV = bytes(16)


def decrypt(envelope, aes_key):
    if not envelope.encrypted:
        return envelope.content
    failed = Refusal(DECRYPT_FAILED, "the payload could not be decrypted with the configured AES key")
    data = strict_b64decode(envelope.content)
    if not data or len(data) % 16 != 0:
        raise failed
    decryptor = Cipher(algorithms.AES(aes_key), modes.CBC(_ZERO_IV)).decryptor()
    padded = decryptor.update(data) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        plain = unpadder.update(padded) + unpadder.finalize()
        return plain.decode("utf-8")
    except ValueError:  # bad padding, or not UTF-8
        raise failed from None
