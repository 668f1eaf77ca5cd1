"""Benchmark: the same bill run as bench_billrun.py, on PostgreSQL (the central database).

Starts a throw-away PostgreSQL server (tests/pgserver.py: temporary data
directory, free port, run as the ``postgres`` user, fsync off because the data
is disposable), builds the demo company with the four periodic standards of
bench_billrun.py and times ``run.commit`` for one period.  For scale it then
times a raw psycopg ``executemany`` of the same rows (read back from bill_line)
into an unindexed table of the same width, in the same server.

A terminal bills on SQLite; a bill run on the centre is the office that works
on PostgreSQL directly.  There is no target for this figure: it is printed so a
regression shows.

    .venv/bin/python bench/bench_billrun_pg.py [--rooms 100000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_billrun import PERIOD, setup  # noqa: E402
from propdesk.db import Database  # noqa: E402
from propdesk.models.billing import BillLine  # noqa: E402
from propdesk.security import system_actor  # noqa: E402
from propdesk.services.billing import ledger, run  # noqa: E402
from tests.pgserver import PgServer  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=100_000)
    args = ap.parse_args()
    server = PgServer().start()
    try:
        url = server.create_database("bench")
        db = Database(url, terminal="C01")
        db.upgrade()
        t0 = time.perf_counter()
        setup(db, args.rooms)
        print(f"set-up on PostgreSQL: demo company of {args.rooms:,} rooms and 4 standards in "
              f"{time.perf_counter() - t0:.1f} s")
        actor = system_actor()
        t0, c0 = time.perf_counter(), time.process_time()
        with db.session() as s:
            res = run.commit(s, actor, PERIOD)
        bill_s, bill_cpu = time.perf_counter() - t0, time.process_time() - c0
        n = res.lines_written
        print(f"bill run {PERIOD}: {n:,} lines, total {res.preview.total:,} 元, {bill_s:.2f} s wall "
              f"({bill_cpu:.2f} s CPU in this process) → {n / bill_s:,.0f} lines/s")
        print("  phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in res.phases.items())
              + f", commit {bill_s - res.seconds:.2f} s")
        t0 = time.perf_counter()
        with db.session() as s:
            again = run.commit(s, actor, PERIOD)
        print(f"re-run (idempotent): {again.lines_written} lines written, {again.preview.unchanged:,} unchanged, "
              f"{time.perf_counter() - t0:.2f} s")

        cols = [c.name for c in BillLine.__table__.columns]
        raw = db.engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(f"SELECT {', '.join(cols)} FROM bill_line")
            rows = cur.fetchall()
            cur.execute(f"CREATE TABLE raw_bench AS SELECT {', '.join(cols)} FROM bill_line WITH NO DATA")
            raw.commit()
            t0 = time.perf_counter()
            cur.executemany(f"INSERT INTO raw_bench VALUES ({', '.join(['%s'] * len(cols))})", rows)
            raw.commit()
            raw_s = time.perf_counter() - t0
        finally:
            raw.close()
        print(f"raw psycopg executemany of the same {len(rows):,} rows × {len(cols)} columns into an unindexed "
              f"table: {raw_s:.2f} s wall → {len(rows) / raw_s:,.0f} rows/s")
        print(f"ratio bill run / raw insert on PostgreSQL: {bill_s / raw_s:.2f}× wall")
        t0 = time.perf_counter()
        with db.session() as s:
            report = ledger.check(s, actor)
        print(f"ledger check: {'balanced' if report.ok else 'NOT balanced'} — {report.customers:,} customers "
              f"in {time.perf_counter() - t0:.2f} s")
        db.dispose()
        return 0 if report.ok and again.lines_written == 0 else 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
