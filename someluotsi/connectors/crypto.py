"""Tokens encrypted at rest with `cryptography`'s Fernet (AES-128-CBC + HMAC-SHA256).

Keys come from CONNECTORS_ENCRYPTION_KEYS (comma-separated Fernet keys, the first encrypts, all
decrypt), so a key is rotated by putting the new one first and running
`manage.py rotate_connector_keys`. In development (DEBUG) without keys a key is derived from the
secret key so that the demo runs; in production connecting refuses until keys are set.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from someluotsi.connectors.errors import MISCONFIGURED, ConnectorError


def _development_key(secret: str) -> bytes:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"someluotsi-connectors", info=b"tokens"
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...], debug: bool, secret: str) -> MultiFernet:
    if keys:
        try:
            return MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError as exc:
            raise ConnectorError(
                MISCONFIGURED, "CONNECTORS_ENCRYPTION_KEYS: not Fernet keys"
            ) from exc
    if debug:
        return MultiFernet([Fernet(_development_key(secret))])
    raise ConnectorError(MISCONFIGURED, "CONNECTORS_ENCRYPTION_KEYS is not set")


def cipher() -> MultiFernet:
    """The installation's cipher; ConnectorError(MISCONFIGURED) without usable keys."""
    keys = tuple(k.strip() for k in settings.CONNECTORS_ENCRYPTION_KEYS if k.strip())
    return _cipher(keys, settings.DEBUG, settings.SECRET_KEY)


def encrypt(plain: str) -> str:
    """Ciphertext (URL-safe text) of `plain`; "" stays "" (no token)."""
    if not plain:
        return ""
    return cipher().encrypt(plain.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plain text; ConnectorError(AUTH_EXPIRED) when no configured key opens it."""
    if not token:
        return ""
    try:
        return cipher().decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:
        from someluotsi.connectors.errors import AUTH_EXPIRED

        raise ConnectorError(AUTH_EXPIRED, "token not readable with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt with the first key (MultiFernet.rotate)."""
    if not token:
        return ""
    return cipher().rotate(token.encode("ascii")).decode("ascii")


def new_key() -> str:
    """A fresh Fernet key for the operator (`manage.py rotate_connector_keys --new-key`)."""
    return Fernet.generate_key().decode("ascii")
