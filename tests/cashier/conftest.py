"""Fixtures of the cashier tests: a sample receipt, a printer simulator on a pty."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.receipts.data import ReceiptData, ReceiptLine, ReceiptTender


@pytest.fixture
def sample_receipt() -> ReceiptData:
    """王伟 pays two months of 物业管理费 (one overdue), water and a parking space, and
    tops up 100.00: 284.71 + 280.50 + 36.40 + 150.00 + 100.00 = 851.61, paid with 900.00 cash."""
    lines = (ReceiptLine("JD-01-1-0502", "物业管理费", "2026-09", D("280.50"), D("4.21")),
             ReceiptLine("JD-01-1-0502", "物业管理费", "2026-10", D("280.50")),
             ReceiptLine("JD-01-1-0502", "水费", "2026-10", D("36.40")),
             ReceiptLine("JD-P1-001", "车位管理费", "2026-10", D("150.00")))
    return ReceiptData(
        number="T01-2026-000123", issued_at=dt.datetime(2026, 11, 23, 10, 15), payer="王伟",
        lines=lines, tenders=(ReceiptTender("cash", "现金", D("851.61"), D("900.00")),),
        total=D("851.61"), cashier="陈收费", terminal="T01", code="7KQ2M-X9PRT",
        qr_payload="PDR1:T01-2026-000123:85161:20261123021500:7KQ2M-X9PRT",
        company="深圳锦都物业服务有限公司", estate="锦都花园", topup=D("100.00"),
        change=D("48.39"), prepaid_balance=D("100.00"))


@pytest.fixture
def printer_sim():
    from drivers.simulators.printer import PrinterSimulator

    with PrinterSimulator() as sim:
        yield sim
