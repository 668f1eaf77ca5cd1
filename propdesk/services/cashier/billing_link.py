"""The cashier's side of the billing API: the only module here that calls billing.

Billing (propdesk.services.billing) owns bill lines, allocations, the
append-only ledger, prepayments and late fees; the cashier asks it for a
customer's outstanding lines, hands it the allocations of a payment, and
asks it to reverse them after a void or refund.  Everything billing-specific
the cashier needs goes through these few functions, so a change in billing's
API is a change here only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from propdesk.money import ZERO


@dataclass(frozen=True)
class DueLine:
    """One outstanding bill item of a customer, with its late fee as of a date."""

    key: str                      # stable key of the bill item (billing's slot)
    bill_line_id: uuid.UUID | None
    target_kind: str              # room | space | vehicle
    target_id: uuid.UUID | None
    target_code: str
    fee_item: str
    fee_item_id: uuid.UUID | None
    period: str                   # YYYY-MM
    due_date: dt.date
    principal: Decimal            # principal still unpaid
    late_fee: Decimal = ZERO      # late fee as of the quote date
    late_formula: str = ""

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee

    @property
    def overdue(self) -> bool:
        return self.late_fee > 0
