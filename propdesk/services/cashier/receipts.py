"""A stored receipt as :class:`~propdesk.receipts.data.ReceiptData`, and lookups."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from propdesk.errors import NotFound
from propdesk.models import Company, Estate, Room, ParkingSpace
from propdesk.models.cashier import (
    PAY_METHODS, Payment, PaymentLine, PaymentTender, Receipt, ReceiptVoid, Refund, SiteKey,
)
from propdesk.money import ZERO
from propdesk.receipts.data import ReceiptData, ReceiptLine, ReceiptTender
from propdesk.services.cashier import verify


def local_time(utc: dt.datetime) -> dt.datetime:
    """A stored naive-UTC stamp in the machine's local time (what a receipt shows)."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def find_receipt(session: Session, ref: "str | uuid.UUID") -> Receipt:
    """A receipt by id, number or verification code."""
    if isinstance(ref, uuid.UUID):
        r = session.get(Receipt, ref)
    else:
        text = ref.strip().upper()
        r = session.scalar(select(Receipt).where(or_(Receipt.number == text,
                                                     Receipt.code == verify.normalize(text))))
    if r is None:
        raise NotFound(f"找不到收据 {ref}", f"no receipt {ref}")
    return r


def is_void(session: Session, receipt_id: uuid.UUID) -> bool:
    return session.scalar(select(ReceiptVoid.id).where(ReceiptVoid.receipt_id == receipt_id)) is not None


def refunded(session: Session, receipt_id: uuid.UUID) -> Decimal:
    return sum(session.scalars(select(Refund.amount).where(Refund.receipt_id == receipt_id)), ZERO)


def _company_and_estate(session: Session, lines: list[PaymentLine]) -> tuple[str, str]:
    company = session.scalar(select(Company.name).where(Company.deleted_at.is_(None))
                             .order_by(Company.created_at).limit(1)) or ""
    estate = ""
    for ln in lines:
        model = Room if ln.target_kind == "room" else ParkingSpace if ln.target_kind == "space" else None
        if model is None:
            continue
        estate = session.scalar(select(Estate.name).join(model, model.estate_id == Estate.id)
                                .where(model.code == ln.target_code)) or ""
        if estate:
            break
    return company, estate


def receipt_data(session: Session, receipt: Receipt, *, copy: bool = False,
                 prepaid_balance: Decimal | None = None) -> ReceiptData:
    """What a stored receipt says (for reprints and PDFs)."""
    pay = session.get(Payment, receipt.payment_id)
    lines = list(session.scalars(select(PaymentLine).where(PaymentLine.payment_id == pay.id)
                                 .order_by(PaymentLine.seq)))
    tenders = list(session.scalars(select(PaymentTender).where(PaymentTender.payment_id == pay.id)))
    return build(session, receipt, pay, lines, tenders, copy=copy, void=is_void(session, receipt.id),
                 refunded=refunded(session, receipt.id), prepaid_balance=prepaid_balance)


def build(session: Session, receipt: Receipt, pay: Payment, lines: list[PaymentLine],
          tenders: list[PaymentTender], *, copy: bool = False, void: bool = False,
          refunded: Decimal = ZERO, prepaid_balance: Decimal | None = None) -> ReceiptData:
    """A receipt's data from its documents already in hand (the payment just taken)."""
    company, estate = _company_and_estate(session, lines)
    return ReceiptData(
        number=receipt.number,
        issued_at=local_time(receipt.issued_at),
        payer=pay.payer_name,
        lines=tuple(ReceiptLine(ln.target_code, ln.fee_item, ln.period, ln.principal, ln.late_fee,
                                ln.kind, ln.note)
                    for ln in sorted(lines, key=lambda x: x.seq)),
        tenders=tuple(ReceiptTender(t.method, PAY_METHODS.get(t.method, t.method), t.amount,
                                    t.tendered, t.reference)
                      for t in sorted(tenders, key=lambda t: list(PAY_METHODS).index(t.method))),
        total=receipt.amount,
        cashier=pay.operator_name,
        terminal=receipt.terminal or session.info.get("terminal", ""),
        code=receipt.code,
        qr_payload=verify.qr_payload(receipt.number, receipt.amount, receipt.issued_at, receipt.code),
        company=company,
        estate=estate,
        topup=pay.topup,
        change=pay.change,
        prepaid_balance=prepaid_balance,
        copy=copy,
        void=void,
        refunded=refunded,
        note=pay.note,
    )


@dataclass(frozen=True)
class Verification:
    """The answer to 'is this receipt genuine, and does it still stand?'"""

    status: str          # valid | void | refunded | unsynced | mismatch | forged | unknown
    zh: str
    en: str
    number: str = ""
    amount: Decimal | None = None
    issued_at: dt.datetime | None = None   # local time
    payer: str = ""
    refunded: Decimal = ZERO

    @property
    def genuine(self) -> bool:
        return self.status in ("valid", "void", "refunded", "unsynced")


def verify_receipt(session: Session, text: str) -> Verification:
    """Check a verification code or the receipt's whole QR text (see :mod:`.verify`)."""
    claim = verify.parse_qr(text)
    code = claim.code if claim else verify.normalize(text)
    receipt = session.scalar(select(Receipt).where(Receipt.code == code))
    if receipt is None:
        if claim is not None:
            for kid in session.scalars(select(SiteKey.key_id)):
                secret = verify.key_secret(session, kid)
                if verify.sign(secret, claim.number, claim.amount, claim.issued_at) == claim.code:
                    return Verification(
                        "unsynced", f"收据 {claim.number} 的核验码正确，但本机尚未同步到该收据",
                        f"receipt {claim.number} is signed correctly but not synced to this database yet",
                        claim.number, claim.amount, local_time(claim.issued_at))
            return Verification("forged", "核验失败：核验码与收据内容不符，收据可能是伪造的",
                                "verification failed: the code does not match; the receipt may be forged")
        return Verification("unknown", f"找不到核验码为 {code} 的收据", f"no receipt with code {code}")
    secret = verify.key_secret(session, receipt.key_id)
    expected = verify.sign(secret, receipt.number, receipt.amount, receipt.issued_at) if secret else ""
    pay = session.get(Payment, receipt.payment_id)
    base = dict(number=receipt.number, amount=receipt.amount,
                issued_at=local_time(receipt.issued_at), payer=pay.payer_name)
    if expected != receipt.code:
        return Verification("forged", f"核验失败：收据 {receipt.number} 的记录与核验码不符，请联系管理处",
                            f"receipt {receipt.number} does not match its code; contact the office", **base)
    if claim is not None and (claim.number, claim.amount, claim.issued_at) != (
            receipt.number, receipt.amount, receipt.issued_at):
        return Verification("mismatch", f"核验失败：二维码内容与收据 {receipt.number} 的记录不符",
                            f"the QR text does not match receipt {receipt.number}", **base)
    if is_void(session, receipt.id):
        return Verification("void", f"收据 {receipt.number} 真实，但已作废",
                            f"receipt {receipt.number} is genuine but void", **base)
    back = refunded(session, receipt.id)
    if back:
        return Verification("refunded", f"收据 {receipt.number} 真实，已退款 {back:,.2f} 元",
                            f"receipt {receipt.number} is genuine; {back:,.2f} refunded",
                            refunded=back, **base)
    return Verification("valid", f"收据 {receipt.number} 真实有效：{pay.payer_name} {receipt.amount:,.2f} 元",
                        f"receipt {receipt.number} is genuine and valid", **base)
