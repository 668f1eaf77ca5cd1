"""Receipt verification codes (核验码) and what the receipt's QR code says.

Code = the first 50 bits of HMAC-SHA256(site key, ``NUMBER|AMOUNT_FEN|ISSUED``)
written as 10 characters of Crockford base32 (no I, L, O, U: nothing to
misread), shown as ``XXXXX-XXXXX``.  ``ISSUED`` is the receipt's UTC stamp as
``YYYYMMDDHHMMSS``.  The site key is one random 256-bit secret shared by every
terminal of the site (a synced row, created with the first receipt); key ids
allow a new key later while old receipts still verify.

The QR code holds ``PDR1:NUMBER:AMOUNT_FEN:ISSUED:CODE``, so a checker can
see what the receipt claims before asking the database.  ``propdesk receipt
verify`` takes either the code or the whole QR text: it recomputes the HMAC,
finds the receipt and reports whether it stands, was voided or refunded.
Without the site key nobody can make a code that verifies; a code alone
cannot be reversed to the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.models.cashier import SiteKey
from propdesk.money import yuan_to_fen

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 10
QR_PREFIX = "PDR1"


def message(number: str, amount: Decimal, issued_at: dt.datetime) -> bytes:
    return f"{number}|{yuan_to_fen(amount)}|{issued_at:%Y%m%d%H%M%S}".encode()


def sign(secret: bytes, number: str, amount: Decimal, issued_at: dt.datetime) -> str:
    digest = hmac.new(secret, message(number, amount, issued_at), hashlib.sha256).digest()
    bits = int.from_bytes(digest[:8], "big") >> (64 - 5 * CODE_CHARS)
    chars = [CROCKFORD[(bits >> (5 * i)) & 31] for i in range(CODE_CHARS - 1, -1, -1)]
    code = "".join(chars)
    return f"{code[:5]}-{code[5:]}"


def normalize(code: str) -> str:
    """What a person typed, as stored: upper case, 0 for O, 1 for I/L, with the dash."""
    c = re.sub(r"[\s\-]", "", code.upper()).replace("O", "0").replace("I", "1").replace("L", "1")
    return f"{c[:5]}-{c[5:]}" if len(c) == CODE_CHARS else c


def qr_payload(number: str, amount: Decimal, issued_at: dt.datetime, code: str) -> str:
    return f"{QR_PREFIX}:{number}:{yuan_to_fen(amount)}:{issued_at:%Y%m%d%H%M%S}:{code}"


@dataclass(frozen=True)
class QrClaim:
    number: str
    amount: Decimal
    issued_at: dt.datetime
    code: str


def parse_qr(text: str) -> QrClaim | None:
    parts = text.strip().split(":")
    if len(parts) != 5 or parts[0] != QR_PREFIX or not parts[2].lstrip("-").isdigit():
        return None
    try:
        issued = dt.datetime.strptime(parts[3], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return QrClaim(parts[1], Decimal(int(parts[2])) / 100, issued, normalize(parts[4]))


def active_key(session: Session, *, create: bool = True) -> SiteKey | None:
    """The site key that signs new receipts (created on first use)."""
    key = session.scalar(select(SiteKey).where(SiteKey.active.is_(True), SiteKey.deleted_at.is_(None))
                         .order_by(SiteKey.key_id.desc()).limit(1))
    if key is None and create:
        last = session.scalar(select(SiteKey.key_id).order_by(SiteKey.key_id.desc()).limit(1)) or 0
        key = SiteKey(key_id=last + 1, secret=os.urandom(32).hex(), active=True)
        session.add(key)
        session.flush()
    return key


def key_secret(session: Session, key_id: int) -> bytes | None:
    hexed = session.scalar(select(SiteKey.secret).where(SiteKey.key_id == key_id))
    return bytes.fromhex(hexed) if hexed else None
