"""Benchmark: push 10,000 receipts and pull 100,000 master-data rows through sync.

Push: a terminal holds 10,000 cashier payments, each with its receipt (20,000
append-only document rows, captured by the triggers); ``sync`` pushes them
to the central PostgreSQL (feed entries, dedupe, scope, all of it).

Pull: one terminal uploads 100,000 customers; a fresh terminal then pulls
them (100,000 feed entries applied to its SQLite, cursor per page).

For scale, the same rows -- read back from the central tables, same columns,
same values -- are inserted into a fresh migrated database on the same server
in the same run with psycopg ``executemany`` and with ``COPY``.  Target: sync
within 5x of the raw insert.

    .venv/bin/python bench/bench_sync.py [--receipts 10000] [--rows 100000] [--pg URL]

Without ``--pg`` a throw-away PostgreSQL server is started (the test suite's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import psycopg
from sqlalchemy import insert
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from propdesk.clock import utcnow  # noqa: E402
from propdesk.db import Database  # noqa: E402
from propdesk.ids import uuid7  # noqa: E402
from propdesk.models import Customer  # noqa: E402
from propdesk.models.cashier import Payment, Receipt  # noqa: E402
from propdesk.security import Actor, system_actor  # noqa: E402
from propdesk.services import customers as Cu  # noqa: E402
from propdesk.services.cashier import payments as Pay  # noqa: E402
from propdesk.sync.run import register_terminal, sync_now  # noqa: E402

ADMIN = system_actor()


def log(msg: str) -> None:
    print(msg, flush=True)


class Server:
    """A PostgreSQL server to create databases on: given, or a throw-away one."""

    def __init__(self, url: str | None) -> None:
        self._own = None
        if url:
            self.base = make_url(url)
        else:
            from tests.pgserver import PgServer

            self._own = PgServer().start()
            self.base = make_url(self._own.url("postgres"))
        self.n = 0

    def create(self, name: str) -> str:
        self.n += 1
        db = f"bench_{name}_{int(time.time())}_{self.n}"
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{db}"')
        url = self.base.set(database=db).render_as_string(hide_password=False)
        d = Database(url)
        d.upgrade()
        d.dispose()
        return url

    def _dsn(self, dbname: str) -> str:
        u = self.base
        parts = [f"host={u.host or '127.0.0.1'}", f"port={u.port or 5432}", f"dbname={dbname}",
                 f"user={u.username or 'postgres'}"]
        if u.password:
            parts.append(f"password={u.password}")
        return " ".join(parts)

    def dsn(self, url: str) -> str:
        return self._dsn(make_url(url).database)

    def stop(self) -> None:
        if self._own:
            self._own.stop()


def terminal(tmp: Path, code: str, central: str) -> Database:
    d = Database(str(tmp / f"{code}.sqlite3"), terminal=code)
    d.upgrade()
    register_terminal(d, ADMIN, central, code)
    return d


def read_back(dsn: str, table: str, columns: list[str], ids: list) -> list[tuple]:
    with psycopg.connect(dsn) as c:
        cur = c.execute(f'SELECT {", ".join(columns)} FROM "{table}" WHERE id = ANY(%s)',
                        (ids,))
        return cur.fetchall()


def raw_inserts(server: Server, batches: list[tuple[str, list[str], list[tuple]]]
                ) -> tuple[float, float]:
    """Seconds to insert the rows with executemany, and with COPY (fresh database each)."""
    times = []
    for mode in ("executemany", "copy"):
        url = server.create(f"raw_{mode}")
        with psycopg.connect(server.dsn(url)) as c:
            t0 = time.perf_counter()
            with c.cursor() as cur:
                for table, cols, rows in batches:
                    if mode == "executemany":
                        cur.executemany(
                            f'INSERT INTO "{table}" ({", ".join(cols)}) '
                            f'VALUES ({", ".join(["%s"] * len(cols))})', rows)
                    else:
                        with cur.copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as cp:
                            for r in rows:
                                cp.write_row(r)
            c.commit()
            times.append(time.perf_counter() - t0)
    return times[0], times[1]


def report(label: str, n: int, seconds: float, raw_em: float, raw_copy: float) -> None:
    log(f"{label}: {n:,} rows in {seconds:.2f} s = {n / seconds:,.0f} rows/s")
    log(f"  raw executemany: {raw_em:.2f} s = {n / raw_em:,.0f} rows/s; "
        f"sync / raw = {seconds / raw_em:.2f}x")
    log(f"  raw COPY:        {raw_copy:.2f} s = {n / raw_copy:,.0f} rows/s; "
        f"sync / raw = {seconds / raw_copy:.2f}x")


def bench_push(server: Server, tmp: Path, receipts: int) -> None:
    central = server.create("push")
    t1 = terminal(tmp, "T01", central)
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="基准客户").id
    cashier = Actor.for_role("shouyin", "cashier")
    with t1.session() as s:   # one real payment: shift, site key
        first = Pay.collect(s, cashier, Pay.PaymentRequest(
            cid, dt.date.today(), [], [Pay.Tender("cash", Decimal("1.00"))],
            topup=Decimal("1.00")))
    sync_now(t1, ADMIN)
    with t1.session() as s:
        pay0 = s.get(Payment, first.payment_id)
        now = utcnow()
        pays, recs = [], []
        for i in range(receipts):
            pid = uuid7()
            fen = Decimal(100 + i % 50_000) / 100
            pays.append(dict(id=pid, created_at=now, terminal="T01", shift_id=pay0.shift_id,
                             customer_id=cid, payer_name="基准客户", paid_at=now,
                             as_of=dt.date.today(), principal=fen, late_fee=Decimal(0),
                             topup=Decimal(0), total=fen, change=Decimal(0), note="",
                             operator_id=None, operator_name="收费员"))
            recs.append(dict(id=uuid7(), created_at=now, terminal="T01",
                             number=f"T01-2099-{i + 1:06d}", payment_id=pid, issued_at=now,
                             amount=fen, code=f"B{i:09d}", key_id=1))
        t0 = time.perf_counter()
        s.execute(insert(Payment), pays)
        s.execute(insert(Receipt), recs)
    log(f"local capture: {2 * receipts:,} document rows inserted with their outbox entries "
        f"in {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    r = sync_now(t1, ADMIN, push_batch=1000, max_pull_pages=0)
    took = time.perf_counter() - t0
    assert r.pushed == 2 * receipts, r
    cols_p = [c.name for c in Payment.__table__.columns]
    cols_r = [c.name for c in Receipt.__table__.columns]
    dsn = server.dsn(central)
    rows_p = read_back(dsn, "cashier_payment", cols_p, [p["id"] for p in pays])
    rows_r = read_back(dsn, "cashier_receipt", cols_r, [x["id"] for x in recs])
    # the raw copies need the payments' shift and customer
    prereq = [("customer", [c.name for c in Customer.__table__.columns],
               read_back(dsn, "customer", [c.name for c in Customer.__table__.columns], [cid]))]
    shift_cols = [c.name for c in Payment.__table__.c.shift_id.foreign_keys.pop().column.table.columns]
    prereq.append(("cashier_shift", shift_cols,
                   read_back(dsn, "cashier_shift", shift_cols, [pay0.shift_id])))
    raw_em, raw_copy = raw_inserts(server, prereq + [("cashier_payment", cols_p, rows_p),
                                                     ("cashier_receipt", cols_r, rows_r)])
    report(f"push {receipts:,} receipts + their payments", 2 * receipts, took, raw_em, raw_copy)
    t1.dispose()


def bench_pull(server: Server, tmp: Path, n: int) -> None:
    central = server.create("pull")
    t2 = terminal(tmp, "T02", central)
    now = utcnow()
    ids = [uuid7() for _ in range(n)]
    with t2.session() as s:
        s.execute(insert(Customer), [
            dict(id=i, created_at=now, updated_at=now, terminal="T02", deleted_at=None,
                 kind="person", name=f"客户{k:06d}", gender="", id_type="resident_id",
                 id_number=f"4403{k:014d}", phone=f"138{k:08d}", employer="", hukou="",
                 emergency_contact="", emergency_phone="", note="基准数据",
                 name_initials="kh", id_rev="") for k, i in enumerate(ids)])
    t0 = time.perf_counter()
    up = sync_now(t2, ADMIN, push_batch=2000, max_pull_pages=0)
    log(f"(setup) upload of {up.pushed:,} new master rows: {time.perf_counter() - t0:.2f} s "
        f"= {up.pushed / (time.perf_counter() - t0):,.0f} rows/s")
    t3 = terminal(tmp, "T03", central)
    t0 = time.perf_counter()
    r = sync_now(t3, ADMIN, pull_page=5000, max_push_batches=0)
    took = time.perf_counter() - t0
    with t3.engine.connect() as c:
        have = c.exec_driver_sql("SELECT count(*) FROM customer").scalar_one()
    assert have == n and r.pulled >= n, (have, r)
    cols = [c.name for c in Customer.__table__.columns]
    rows = read_back(server.dsn(central), "customer", cols, ids)
    raw_em, raw_copy = raw_inserts(server, [("customer", cols, rows)])
    report(f"pull {n:,} customers", r.pulled, took, raw_em, raw_copy)
    t2.dispose()
    t3.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--receipts", type=int, default=10_000)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--pg", default=None, help="a PostgreSQL URL whose user may create databases")
    args = ap.parse_args()
    server = Server(args.pg)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            bench_push(server, Path(tmp), args.receipts)
            bench_pull(server, Path(tmp), args.rows)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
