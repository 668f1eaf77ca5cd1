"""Benchmark: a bill run of 100,000 rooms × 4 periodic fees = 400,000 lines.

Builds the demo company (100,000 rooms), gives the unsold rooms to the
developer (开发商) so every room has a payer, assigns four periodic fees
(management fee by building area, elevator fee fixed, secondary water supply
by inner area, garbage fee fixed) and times ``run.commit`` for one period.

Wall and CPU seconds are printed: on a shared machine the wall clock also
counts time spent waiting for a core, the CPU figure does not.

For scale it then times raw ``sqlite3`` ``executemany`` inserts of the same
rows (read back from bill_line: same count, same columns, same values):

1. into an unindexed table in a fresh file with the same pragmas (the
   target: the bill run within 5× of this);
2. into ``bill_line`` itself — its indexes and foreign keys, with change
   capture deferred to one set-based outbox insert as the bill run does —
   i.e. what the database alone costs for these rows, without any of the
   billing code (rolled back, so its commit is not counted).

    .venv/bin/python bench/bench_billrun.py [--rooms 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from decimal import Decimal as D
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from propdesk.clock import utcnow  # noqa: E402
from propdesk.db import Database  # noqa: E402
from propdesk.demo import build_demo  # noqa: E402
from propdesk.ids import uuid7  # noqa: E402
from propdesk.models import Customer, Occupancy, Room  # noqa: E402
from propdesk.models.billing import BillLine  # noqa: E402
from propdesk.security import system_actor  # noqa: E402
from propdesk.services.billing import catalog, ledger, run  # noqa: E402
from propdesk.services.billing.catalog import VersionInput  # noqa: E402

PERIOD = "2026-04"


def setup(db: Database, rooms: int) -> None:
    actor = system_actor()
    with db.session() as s:
        build_demo(s, actor, rooms=rooms)
        now = utcnow()
        stamp = dict(created_at=now, updated_at=now, terminal="T01", deleted_at=None)
        dev = uuid7()
        s.execute(insert(Customer), [dict(id=dev, kind="company", name="开发商", gender="", id_type="business_license",
                                          id_number="", phone="", employer="", hukou="", emergency_contact="",
                                          emergency_phone="", note="", name_initials="kfs", id_rev="", **stamp)])
        owned = select(Occupancy.room_id).where(Occupancy.role == "owner", Occupancy.room_id.is_not(None))
        vacant = list(s.scalars(select(Room.id).where(Room.id.not_in(owned))))
        s.execute(insert(Occupancy), [dict(id=uuid7(), customer_id=dev, room_id=r, space_id=None, role="owner",
                                           start_date=dt.date(2015, 1, 1), end_date=None, end_reason="", note="",
                                           **stamp) for r in vacant])
        since = dt.date(2026, 1, 1)
        for code, item, method, ver in (
                ("B-WYF", "MGMT", "building_area", VersionInput(since, unit_price=D("2.30"))),
                ("B-DTF", "ELEV", "fixed", VersionInput(since, amount=D("20.00"))),
                ("B-ECGS", "WSUP", "inner_area", VersionInput(since, unit_price=D("0.15"))),
                ("B-LJF", "GARB", "fixed", VersionInput(since, amount=D("10.00")))):
            std = catalog.create_standard(s, actor, code=code, name=code, fee_item=item, method=method, version=ver)
            catalog.assign(s, actor, std.id, scope_kind="company", start_period="2026-01")


def raw_insert(rows: list[tuple], width: int, path: Path) -> tuple[float, float]:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"CREATE TABLE raw ({', '.join(f'c{i}' for i in range(width))})")
    sql = f"INSERT INTO raw VALUES ({', '.join('?' * width)})"
    t0, c0 = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    conn.executemany(sql, rows)
    conn.execute("COMMIT")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    return seconds, cpu


def table_insert(db: Database, rows: list[tuple], cols: list[str]) -> tuple[float, float]:
    """Insert ``rows`` (with fresh keys) into the real bill_line the way a bill run does --
    its indexes and foreign keys, change capture deferred to one set-based outbox
    insert -- with no billing code at all; rolled back."""
    import uuid

    from propdesk.sync.capture import deferred_capture

    from propdesk.services.billing.bulk import uuid7_ints

    i_id, i_slot = cols.index("id"), cols.index("slot")
    fresh = []
    for r, new_id in zip(rows, uuid7_ints(len(rows))):  # ascending ids, random slots: as a run makes them
        r = list(r)
        r[i_id], r[i_slot] = f"{new_id:032x}", uuid.uuid4().hex
        fresh.append(tuple(r))
    sql = f"INSERT INTO bill_line ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    s = db.read_session()
    try:
        s.connection().exec_driver_sql("PRAGMA cache_size=-262144")
        t0, c0 = time.perf_counter(), time.process_time()
        with deferred_capture(s, "bill_line"):
            s.connection().exec_driver_sql(sql, fresh)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        s.rollback()
    finally:
        s.close()
    return seconds, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=100_000)
    ap.add_argument("--keep", help="keep the databases in this directory")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="propdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for f in work.glob("*.sqlite3*"):
        f.unlink()
    db = Database(str(work / "bench.sqlite3"), terminal="T01")
    db.upgrade()
    t0 = time.perf_counter()
    setup(db, args.rooms)
    print(f"set-up: demo company of {args.rooms:,} rooms and 4 standards in {time.perf_counter() - t0:.1f} s")

    actor = system_actor()
    t0, c0 = time.perf_counter(), time.process_time()
    with db.session() as s:
        res = run.commit(s, actor, PERIOD)
    bill_s, bill_cpu = time.perf_counter() - t0, time.process_time() - c0
    n = res.lines_written
    print(f"bill run {PERIOD}: {n:,} lines, total {res.preview.total:,} 元, "
          f"{bill_s:.2f} s wall ({bill_cpu:.2f} s CPU) → {n / bill_s:,.0f} lines/s")
    print("  phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in res.phases.items())
          + f", commit {bill_s - res.seconds:.2f} s")

    t0 = time.perf_counter()
    with db.session() as s:
        again = run.commit(s, actor, PERIOD)
    print(f"re-run (idempotent): {again.lines_written} lines written, {again.preview.unchanged:,} unchanged, "
          f"{time.perf_counter() - t0:.2f} s")

    cols = [c.name for c in BillLine.__table__.columns]
    conn = sqlite3.connect(str(work / "bench.sqlite3"))
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM bill_line").fetchall()
    conn.close()
    raw_s, raw_cpu = raw_insert(rows, len(cols), work / "raw.sqlite3")
    print(f"raw sqlite3 executemany of the same {len(rows):,} rows × {len(cols)} columns: {raw_s:.2f} s wall "
          f"({raw_cpu:.2f} s CPU) → {len(rows) / raw_s:,.0f} rows/s")
    print(f"ratio bill run / raw insert: {bill_s / raw_s:.2f}× wall, {bill_cpu / raw_cpu:.2f}× CPU (target ≤ 5×)")
    floor_s, floor_cpu = table_insert(db, rows, cols)
    print(f"the same rows straight into bill_line (indexes, foreign keys, deferred sync capture; no billing "
          f"code, no commit): {floor_s:.2f} s wall ({floor_cpu:.2f} s CPU); bill run / that: "
          f"{bill_s / floor_s:.2f}× wall, {bill_cpu / floor_cpu:.2f}× CPU")

    t0 = time.perf_counter()
    with db.session() as s:
        report = ledger.check(s, actor)
    print(f"ledger check: {'balanced' if report.ok else 'NOT balanced'} — {report.customers:,} customers, "
          f"{report.entries:,} entries, {report.lines:,} lines in {time.perf_counter() - t0:.2f} s")
    db.dispose()
    return 0 if report.ok and again.lines_written == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
