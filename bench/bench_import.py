#!/usr/bin/env python3
"""Excel import speed: a 10,000-room sales-system workbook (+ owners) into a fresh database.

    .venv/bin/python bench/bench_import.py [--rooms 10000] [--db URL]

Prints, in seconds: writing the sample (not part of the import), a raw
openpyxl read-only pass over the same file (the floor any import pays),
validate_workbook alone, and import_workbook (validate + insert + commit)
into an empty database, with rooms/s.  Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from propdesk.db import Database  # noqa: E402
from propdesk.excel.importer import import_workbook, validate_workbook  # noqa: E402
from propdesk.excel.sample import write_sample  # noqa: E402
from propdesk.security import system_actor  # noqa: E402


def raw_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        ws.reset_dimensions()
        for row in ws.iter_rows(values_only=True):
            cells += len(row)
    wb.close()
    return cells


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="database URL (default: a new SQLite file)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="propdesk-bench-"))
    book = tmp / "sales.xlsx"
    t = time.perf_counter()
    rows = write_sample(book, args.rooms)
    print(f"sample written: {rows} in {time.perf_counter() - t:.2f} s ({book.stat().st_size // 1024} KiB)")

    t = time.perf_counter()
    cells = raw_read(book)
    raw = time.perf_counter() - t
    print(f"raw openpyxl read-only pass: {cells} cells in {raw:.2f} s")

    db = Database(args.db or str(tmp / "bench.sqlite3"), terminal="T01")
    db.upgrade()
    actor = system_actor()
    with db.session() as s:
        t = time.perf_counter()
        problems = validate_workbook(s, actor, book)
        check = time.perf_counter() - t
    print(f"validate_workbook: {check:.2f} s, {len(problems)} problems "
          f"({check / raw:.1f}x the raw read)")
    t = time.perf_counter()
    with db.session() as s:
        report = import_workbook(s, actor, book)
    total = time.perf_counter() - t
    n = report.counts["room"]
    print(f"import_workbook (validate + insert + commit): {total:.2f} s, {n / total:,.0f} rooms/s")
    print("  created: " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
    print(f"  insert + commit alone: about {total - check:.2f} s")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
