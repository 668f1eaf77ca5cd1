#!/usr/bin/env python3
"""Excel import speed: a 10,000-room sales-system workbook (+ owners) into a fresh database.

    .venv/bin/python bench/bench_import.py [--rooms 10000] [--db URL]

Prints, in seconds: writing the sample (not part of the import), a raw
openpyxl read-only pass over the same file (the floor any import pays),
validate_workbook alone, and import_workbook (validate + insert + commit)
into an empty database, with rooms/s.  Figures only; nothing is asserted.

openpyxl writes text as inline strings, which openpyxl reads slowly; Excel and
WPS save text in a shared-string table.  The same figures are printed for a
copy of the sample rewritten with shared strings, i.e. as an office's Excel
would hand it over.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import zipfile
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


_INLINE = re.compile(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>',
                     re.S)
_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def to_shared_strings(src: Path, dst: Path) -> None:
    """Copy ``src`` with its inline strings moved to a shared-string table, as Excel saves."""
    table: dict[str, int] = {}

    def share(m: re.Match) -> str:
        idx = table.setdefault(m[3], len(table))
        return f'<c r="{m[1]}"{m[2]} t="s"><v>{idx}</v></c>'

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = _INLINE.sub(share, data.decode()).encode()
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                                    b"</Types>")
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdSST" Type="{_SST}" '
                                    f'Target="sharedStrings.xml"/></Relationships>'.encode())
            zout.writestr(item, data)
        sst = "".join(f"<si><t>{t}</t></si>" for t in table)
        zout.writestr("xl/sharedStrings.xml",
                      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                      f'spreadsheetml/2006/main" uniqueCount="{len(table)}">{sst}</sst>')


class Clock:
    """Wall and CPU seconds of a block: CPU time shows the work when others share the machine."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def measure(label: str, book: Path, db_url: str | None, tmp: Path) -> None:
    print(f"--- {label}")
    with Clock() as raw:
        cells = raw_read(book)
    print(f"raw openpyxl read-only pass: {cells} cells in {raw}")
    db = Database(db_url or str(tmp / f"bench-{abs(hash(label))}.sqlite3"), terminal="T01")
    db.upgrade()
    actor = system_actor()
    with db.session() as s, Clock() as check:
        problems = validate_workbook(s, actor, book)
    print(f"validate_workbook: {check}, {len(problems)} problems; checking beyond the raw read: "
          f"CPU {check.cpu - raw.cpu:.2f} s")
    with Clock() as total:
        with db.session() as s:
            report = import_workbook(s, actor, book)
    n = report.counts["room"]
    print(f"import_workbook (validate + insert + commit): {total}, {n / total.wall:,.0f} rooms/s; "
          f"insert + commit beyond validation: CPU {total.cpu - check.cpu:.2f} s")
    print("  created: " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
    db.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rooms", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="an empty database URL (default: new SQLite files)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="propdesk-bench-"))
    book = tmp / "sales.xlsx"
    t = time.perf_counter()
    rows = write_sample(book, args.rooms)
    print(f"sample written: {rows} in {time.perf_counter() - t:.2f} s ({book.stat().st_size // 1024} KiB)")
    shared = tmp / "sales-shared-strings.xlsx"
    to_shared_strings(book, shared)
    measure("as Excel saves it (shared strings)", shared, args.db, tmp)
    if args.db is None:
        measure("as openpyxl writes it (inline strings)", book, None, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
