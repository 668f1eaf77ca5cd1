"""The shift report (日收费明细表) of a shift as a PDF."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.models import Company
from propdesk.models.cashier import PAY_METHODS
from propdesk.receipts.documents import ShiftReport, shift_report_pdf
from propdesk.services.cashier.receipts import local_time
from propdesk.services.cashier.shifts import ShiftSummary, summarize


def shift_report_data(session: Session, summ: ShiftSummary) -> ShiftReport:
    company = session.scalar(select(Company.name).where(Company.deleted_at.is_(None))
                             .order_by(Company.created_at).limit(1)) or ""
    sh = summ.shift
    return ShiftReport(
        company=company, shift_number=sh.number, cashier=sh.operator_name, terminal=sh.terminal,
        business_date=sh.business_date, opened_at=local_time(sh.opened_at),
        closed_at=local_time(summ.close.closed_at) if summ.close else None,
        rows=[(f"{local_time(r.time):%H:%M}", r.number, r.kind, r.payer, r.rooms, r.methods, r.amount)
              for r in summ.rows],
        by_method={PAY_METHODS[k]: v for k, v in summ.by_method.items()},
        by_fee_item=summ.by_fee_item, prepaid_used=summ.prepaid_used,
        opening_float=sh.opening_float, expected_cash=summ.expected_cash,
        counted_cash=summ.close.counted_cash if summ.close else None,
        approved_by=summ.approval.operator_name if summ.approval else "",
        printed_at=dt.datetime.now().replace(second=0, microsecond=0))


def shift_report(session: Session, actor, shift_id: uuid.UUID) -> bytes:
    return shift_report_pdf(shift_report_data(session, summarize(session, actor, shift_id)))
