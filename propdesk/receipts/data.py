"""What a receipt says, independent of how it is printed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from propdesk.money import ZERO, chinese_uppercase, fmt


@dataclass(frozen=True)
class ReceiptLine:
    target_code: str          # room or parking-space code
    fee_item: str             # 物业管理费, 水费 …
    period: str               # 2026-03
    principal: Decimal
    late_fee: Decimal = ZERO
    kind: str = "bill"        # bill | deposit (a card deposit, 押金)
    note: str = ""            # a deposit: the card it is held for (卡号 A1B2C3D4)

    @property
    def amount(self) -> Decimal:
        return self.principal + self.late_fee

    @property
    def name(self) -> str:
        """The fee item as printed: a deposit always reads as 押金."""
        if self.kind == "deposit" and "押金" not in self.fee_item:
            return f"押金 {self.fee_item}"
        return self.fee_item

    @property
    def item(self) -> str:
        """The fee item with its note (a deposit's card): 门禁卡押金（卡号 A1B2C3D4）."""
        return f"{self.name}（{self.note}）" if self.note else self.name


@dataclass(frozen=True)
class ReceiptTender:
    method: str               # code: cash, wechat …
    label: str                # 现金, 微信 …
    amount: Decimal           # applied to the payment
    tendered: Decimal         # handed over (cash: amount + change)
    reference: str = ""


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on one receipt.  ``issued_at`` is local time."""

    number: str
    issued_at: dt.datetime
    payer: str
    lines: tuple[ReceiptLine, ...]
    tenders: tuple[ReceiptTender, ...]
    total: Decimal
    cashier: str
    terminal: str
    code: str                          # verification code (核验码)
    qr_payload: str                    # what the QR code encodes
    company: str = ""                  # 收款单位
    estate: str = ""
    topup: Decimal = ZERO              # prepayment added (预存)
    change: Decimal = ZERO             # 找零
    prepaid_balance: Decimal | None = None   # 预存余额 after this payment, when known
    copy: bool = False                 # 补打: marked 副本
    void: bool = False                 # printed after a void: marked 已作废
    refunded: Decimal = ZERO
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def rooms(self) -> list[str]:
        """Room/space codes in first-seen order."""
        return list(dict.fromkeys(ln.target_code for ln in self.lines if ln.target_code))

    @property
    def late_fee(self) -> Decimal:
        return sum((ln.late_fee for ln in self.lines), ZERO)

    @property
    def deposit(self) -> Decimal:
        """Card deposits (押金) taken: held for the payer, paid back when the card is returned."""
        return sum((ln.principal for ln in self.lines if ln.kind == "deposit"), ZERO)

    @property
    def total_text(self) -> str:
        return fmt(self.total)

    @property
    def total_upper(self) -> str:
        return chinese_uppercase(self.total)

    @property
    def methods_text(self) -> str:
        return "、".join(f"{t.label} {fmt(t.amount)}" for t in self.tenders) or "—"


def period_span(periods: list[str]) -> str:
    """``2026-01``…``2026-03`` → ``2026-01~2026-03``; one period stays as is."""
    ps = sorted(p for p in periods if p)
    if not ps:
        return ""
    return ps[0] if ps[0] == ps[-1] else f"{ps[0]}~{ps[-1]}"
