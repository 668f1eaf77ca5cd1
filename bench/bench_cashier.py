"""Benchmark: the cashier's confirm → receipt committed, and → ESC/POS bytes ready.

Builds a demo company (default 5,000 rooms), bills two months of 物业管理费
with a late-fee rule, then for N payers (default 200) times, each in its
own unit of work as the screen does it:

* confirm → committed: ``payments.collect`` (re-reading the payer's lines,
  planning, writing the payment, tenders, frozen lines, billing's
  allocations and ledger entries, the numbered and signed receipt, the audit
  record) and the COMMIT;
* receipt → ESC/POS bytes: rendering the 58 mm job (GBK, columns, QR, cut)
  from the receipt data ``collect`` returns, as the screen does; and, for
  information, a reprint that first loads the stored receipt.

Targets: under 100 ms and under 10 ms (median and 95th percentile printed).

    .venv/bin/python bench/bench_cashier.py [--rooms 5000] [--payments 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from decimal import Decimal as D
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from propdesk.db import Database  # noqa: E402
from propdesk.demo import build_demo  # noqa: E402
from propdesk.models import Occupancy  # noqa: E402
from propdesk.receipts import escpos  # noqa: E402
from propdesk.receipts.layout import ThermalLayout  # noqa: E402
from propdesk.security import Actor, system_actor  # noqa: E402
from propdesk.services.billing import catalog, run  # noqa: E402
from propdesk.services.billing.catalog import VersionInput  # noqa: E402
from propdesk.services.cashier import payments  # noqa: E402
from propdesk.services.cashier.receipts import find_receipt, receipt_data  # noqa: E402

AS_OF = dt.date(2026, 6, 10)


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, int(len(values) * 0.95) - 1)]
    return f"median {statistics.median(values):7.2f} ms   p95 {p95:7.2f} ms   max {values[-1]:7.2f} ms"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rooms", type=int, default=5000)
    ap.add_argument("--payments", type=int, default=200)
    ap.add_argument("--keep", help="keep the database in this directory")
    args = ap.parse_args()
    where = Path(args.keep or tempfile.mkdtemp(prefix="bench_cashier_"))
    where.mkdir(parents=True, exist_ok=True)
    path = where / "cashier.sqlite3"
    path.unlink(missing_ok=True)
    db = Database(str(path), terminal="T01")
    db.upgrade()
    admin = system_actor()
    t0 = time.perf_counter()
    with db.session() as s:
        build_demo(s, admin, rooms=args.rooms)
        std = catalog.create_standard(
            s, admin, code="MGMT-STD", name="住宅物业费", fee_item="MGMT", method="building_area",
            version=VersionInput(dt.date(2026, 4, 1), unit_price=D("2.30"), late_daily_rate=D("0.0005")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-04")
    for period in ("2026-04", "2026-05"):
        with db.session() as s:
            run.commit(s, admin, period)
    with db.session() as s:
        owners = list(dict.fromkeys(s.scalars(select(Occupancy.customer_id).where(
            Occupancy.role == "owner", Occupancy.end_date.is_(None), Occupancy.room_id.is_not(None)))))
    print(f"set-up: {args.rooms} rooms, 2 months billed, {len(owners)} owners "
          f"in {time.perf_counter() - t0:.1f} s ({path})")

    cashier = Actor.for_role("陈收费", "cashier")
    commit_times, render_times, reprint_times, numbers = [], [], [], []
    layout = ThermalLayout()
    for cid in owners[: args.payments]:
        with db.session() as s:            # the screen's quote (not timed: it is on screen already)
            q = payments.quote(s, cashier, cid, AS_OF)
        if not q.lines:
            continue
        req = payments.PaymentRequest(cid, AS_OF, [ln.key for ln in q.lines],
                                      [payments.Tender("cash", q.total)], expected_total=q.total)
        t = time.perf_counter()
        with db.session() as s:            # confirm → committed
            res = payments.collect(s, cashier, req)
        commit_times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()            # committed receipt → ESC/POS bytes (what the screen does)
        job = escpos.render(res.receipt, layout)
        render_times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        with db.session() as s:            # a reprint: load the stored receipt, then render
            escpos.render(receipt_data(s, find_receipt(s, res.receipt_number)), layout)
        reprint_times.append((time.perf_counter() - t) * 1000)
        numbers.append(res.receipt_number)
        assert b"\x1dVA" in job   # ends with the cut
    print(f"payments: {len(commit_times)} (receipts {numbers[0]} … {numbers[-1]})")
    print(f"confirm → receipt committed : {ms(commit_times)}   (target < 100 ms)")
    print(f"receipt → ESC/POS bytes     : {ms(render_times)}   (target < 10 ms)")
    print(f"reprint: load + ESC/POS     : {ms(reprint_times)}   (for information)")
    ok = statistics.median(commit_times) < 100 and statistics.median(render_times) < 10
    print("targets met" if ok else "TARGETS MISSED")
    db.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
