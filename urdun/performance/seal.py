"""The sealed box of an open colleague round: the submitted points, encrypted with a key that is
not in the database.

While a sheet's colleague round is open, the points its colleagues have given exist only as one
ciphertext per sheet (``ColleagueRound.sealed``), re-encrypted with a fresh nonce on every
submission. Its plaintext holds the points per criterion, each list in no particular order, and
is padded to a multiple of :data:`PAD` bytes, so a backup taken between two submissions shows
only a changed ciphertext of an unchanged size. The box names no colleague: who has submitted is
in the ledger (``ColleagueSubmission``), what was submitted only here.

The key is derived (HKDF-SHA256) from the ``COLLEAGUE_SEAL_KEY`` setting, or from ``SECRET_KEY``
when that is empty; boxes sealed under an earlier key open while that key is listed in
``COLLEAGUE_SEAL_KEY_FALLBACKS`` or ``SECRET_KEY_FALLBACKS``. Encryption is AES-256-GCM from the
``cryptography`` package, with the sheet's id as associated data (a box copied onto another
sheet does not open). See docs/security.md, "Colleague scores".
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from decimal import Decimal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

FORMAT = b"\x01"
NONCE = 12
PAD = 512
_INFO = b"urdun colleague round seal v1"


class SealError(Exception):
    """A box that no configured key opens (the key changed without a fallback, or tampering)."""


def _derive(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"urdun", info=_INFO).derive(secret.encode())


def _secrets() -> list[str]:
    current = getattr(settings, "COLLEAGUE_SEAL_KEY", "") or settings.SECRET_KEY
    fallbacks = [
        *getattr(settings, "COLLEAGUE_SEAL_KEY_FALLBACKS", []),
        *getattr(settings, "SECRET_KEY_FALLBACKS", []),
    ]
    return [current, *(f for f in fallbacks if f and f != current)]


def _aad(sheet_id: int) -> bytes:
    return f"urdun:colleague-round:{sheet_id}".encode()


def seal(sheet_id: int, points: Iterable[Iterable[Decimal]]) -> bytes:
    """Encrypt the points per criterion of one sheet under the current key, with a fresh nonce."""
    body = json.dumps({"points": [[str(p) for p in criterion] for criterion in points]}).encode()
    body += b" " * (-len(body) % PAD)
    nonce = os.urandom(NONCE)
    return FORMAT + nonce + AESGCM(_derive(_secrets()[0])).encrypt(nonce, body, _aad(sheet_id))


def unseal(sheet_id: int, box: bytes) -> list[list[Decimal]]:
    """The points per criterion held in ``box``; :class:`SealError` when no key opens it."""
    box = bytes(box)
    if box[:1] != FORMAT or len(box) < 1 + NONCE + 16:
        raise SealError("not a colleague round box")
    nonce, ciphertext = box[1 : 1 + NONCE], box[1 + NONCE :]
    for secret in _secrets():
        try:
            body = AESGCM(_derive(secret)).decrypt(nonce, ciphertext, _aad(sheet_id))
        except InvalidTag:
            continue
        return [[Decimal(p) for p in criterion] for criterion in json.loads(body)["points"]]
    raise SealError("no configured key opens this colleague round box")
