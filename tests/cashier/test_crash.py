"""A payment process killed (SIGKILL) between its steps leaves all or nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from propdesk.models.billing import Allocation, LedgerEntry
from propdesk.models.cashier import Payment, PaymentLine, PaymentTender, Receipt
from propdesk.paths import ROOT
from propdesk.services.billing import ledger
from propdesk.services.cashier import payments
from tests.cashier.conftest import AS_OF

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _counts(s):
    return {m.__name__: s.scalar(select(func.count()).select_from(m))
            for m in (Payment, PaymentTender, PaymentLine, Receipt, Allocation)} | {
        "ledger": s.scalar(select(func.count()).select_from(LedgerEntry))}


def _run(db, world, cashier, step):
    with db.session() as s:
        keys = [ln.key for ln in payments.quote(s, cashier, world.wang, AS_OF).lines if ln.period == "2026-04"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tests.cashier.crash_payment", db.engine.url.database,
                           str(world.wang), AS_OF.isoformat(), step, *keys],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("step", ["payment", "settle", "topup", "receipt", "audit"])
def test_killed_payment_leaves_nothing(db, world, cashier, step):
    with db.session() as s:
        before, quote = _counts(s), payments.quote(s, cashier, world.wang, AS_OF)
    proc = _run(db, world, cashier, step)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with db.session() as s:
        assert _counts(s) == before
        after = payments.quote(s, cashier, world.wang, AS_OF)
        assert after.lines == quote.lines and after.prepaid_balance == D("0.00")
        assert ledger.check(s, cashier).ok


def test_unkilled_payment_commits_everything(db, world, cashier):
    with db.session() as s:
        before = _counts(s)
    proc = _run(db, world, cashier, "none")
    assert proc.returncode == 0, proc.stderr
    assert "committed" in proc.stdout
    with db.session() as s:
        got = _counts(s)
        # 1 payment, 1 tender, 2 lines, 1 receipt; 4 allocations (2 late fees + 2 principals)
        assert {k: got[k] - before[k] for k in got if k != "ledger"} == {
            "Payment": 1, "PaymentTender": 1, "PaymentLine": 2, "Receipt": 1, "Allocation": 4}
        assert got["ledger"] > before["ledger"]
        q = payments.quote(s, cashier, world.wang, AS_OF)
        assert [ln.period for ln in q.lines] == ["2026-05", "2026-05"]
        assert q.prepaid_balance == D("100.00")
        assert ledger.check(s, cashier).ok
