"""The keys a backend is configured with: Alipay's public key (支付宝公钥, not the app's own) and the AES key."""

import base64
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


@dataclass(frozen=True)
class Keys:
    alipay_public_key: rsa.RSAPublicKey
    aes_key: bytes


def parse_public_key(text):
    """Bare Base64 of the SubjectPublicKeyInfo (as the console shows it) or a PEM "PUBLIC KEY" block."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(text.encode("ascii"))
    else:
        key = serialization.load_der_public_key(base64.b64decode("".join(text.split()), validate=True))
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("the Alipay public key is not an RSA key")
    return key


def parse_aes_key(text):
    """The console's Base64 AES key: 16, 24 or 32 bytes once decoded."""
    key = base64.b64decode(text.strip(), validate=True)
    if len(key) not in (16, 24, 32):
        raise ValueError("the AES key must decode to 16, 24 or 32 bytes")
    return key


def load_keys(folder):
    """alipay-public.txt and aes.txt from a folder laid out like alimock's keys/."""
    with open(os.path.join(folder, "alipay-public.txt"), encoding="ascii") as f:
        public_key = parse_public_key(f.read())
    with open(os.path.join(folder, "aes.txt"), encoding="ascii") as f:
        aes_key = parse_aes_key(f.read())
    return Keys(public_key, aes_key)
