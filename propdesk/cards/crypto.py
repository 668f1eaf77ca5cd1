"""Key diversification, the credential MAC and the gate-list signature.

All three are HMAC-SHA256 (standard library ``hmac``/``hashlib``), each with
its own fixed label so that no output of one can be replayed as another::

    key A   = HMAC-SHA256(master, b"PDK1" || b"A" || uid || sector)[:6]
    key B   = HMAC-SHA256(master, b"PDK1" || b"B" || uid || sector)[:6]
    tag     = HMAC-SHA256(mac_key, b"PDC1" || len(uid) || uid || sector || body)[:16]
    listkey = HMAC-SHA256(mac_key, b"PDL1 gate list signing key")
    sig     = HMAC-SHA256(listkey, canonical JSON of the list document)
    fingerprint = HMAC-SHA256(master, b"PDF1" || mac_key)[:6]   (hex, safe to show)

``uid`` is the card's UID as the reader reports it (4 or 7 bytes), ``sector``
one byte.  Keys are truncated to the 48 bits MIFARE Classic has; the tag keeps
128 bits.  Truncating HMAC outputs is standard (RFC 2104 §5).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Final, Literal

SECRET_SIZE: Final = 32
KEY_SIZE: Final = 6
TAG_SIZE: Final = 16
TRANSPORT_KEY: Final = b"\xff" * KEY_SIZE

_KEY_LABEL: Final = b"PDK1"
_MAC_LABEL: Final = b"PDC1"
_LIST_LABEL: Final = b"PDL1 gate list signing key"
_FINGERPRINT_LABEL: Final = b"PDF1"


def _check_uid(uid: bytes) -> bytes:
    if len(uid) not in (4, 7, 10):
        raise ValueError(f"卡号 UID 应为 4、7 或 10 字节，实际 {len(uid)} (UID must be 4, 7 or 10 bytes)")
    return bytes(uid)


def _check_sector(sector: int) -> int:
    if not 1 <= sector <= 15:
        raise ValueError(f"凭证扇区应为 1–15：{sector} (credential sector must be 1-15)")
    return sector


def _check_secret(secret: bytes) -> bytes:
    if len(secret) != SECRET_SIZE:
        raise ValueError("site secrets are 32 bytes")
    return secret


def diversify_key(master: bytes, key_type: Literal["A", "B"], uid: bytes, sector: int) -> bytes:
    """The 6-byte MIFARE key ``key_type`` of ``sector`` on the card ``uid``."""
    if key_type not in ("A", "B"):
        raise ValueError("key type is 'A' or 'B'")
    message = _KEY_LABEL + key_type.encode() + _check_uid(uid) + bytes([_check_sector(sector)])
    key = hmac.new(_check_secret(master), message, hashlib.sha256).digest()[:KEY_SIZE]
    if key == TRANSPORT_KEY:  # probability 2**-48; a card must never keep the transport key
        raise ValueError("derived key equals the transport key; this UID cannot be issued")
    return key


def card_keys(master: bytes, uid: bytes, sector: int) -> tuple[bytes, bytes]:
    """(key A, key B) of the card's credential sector."""
    return diversify_key(master, "A", uid, sector), diversify_key(master, "B", uid, sector)


def credential_tag(mac_key: bytes, uid: bytes, sector: int, body: bytes) -> bytes:
    """The 16-byte tag over the credential ``body``, the UID and the sector."""
    uid = _check_uid(uid)
    message = _MAC_LABEL + bytes([len(uid)]) + uid + bytes([_check_sector(sector)]) + bytes(body)
    return hmac.new(_check_secret(mac_key), message, hashlib.sha256).digest()[:TAG_SIZE]


def tag_ok(mac_key: bytes, uid: bytes, sector: int, body: bytes, tag: bytes) -> bool:
    """Constant-time comparison of a credential tag."""
    return hmac.compare_digest(credential_tag(mac_key, uid, sector, body), bytes(tag))


def list_signing_key(mac_key: bytes) -> bytes:
    return hmac.new(_check_secret(mac_key), _LIST_LABEL, hashlib.sha256).digest()


def sign_document(mac_key: bytes, canonical: bytes) -> str:
    """Hex HMAC-SHA256 signature of a gate-list document's canonical bytes."""
    return hmac.new(list_signing_key(mac_key), canonical, hashlib.sha256).hexdigest()


def signature_ok(mac_key: bytes, canonical: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_document(mac_key, canonical), signature.lower())


def fingerprint(master: bytes, mac_key: bytes) -> str:
    """A short, non-secret identifier of a pair of site secrets: ``3F9A-22C1-07BB``."""
    digest = hmac.new(_check_secret(master), _FINGERPRINT_LABEL + _check_secret(mac_key),
                      hashlib.sha256).hexdigest()[:12].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 12, 4))
