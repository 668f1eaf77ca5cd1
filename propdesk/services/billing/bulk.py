"""Fast inserts for bill runs: DBAPI executemany in large batches, no ORM objects.

Rows are tuples in a fixed column order.  Money and scaled columns are given
as integers (fen, or the scaled integer) already; uuids, dates and stamps go
through SQLAlchemy's own bind processors for the dialect, looked up once per
column, so SQLite and PostgreSQL store exactly what the ORM would.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from typing import Iterable, Sequence

from sqlalchemy import Date, DateTime, Table, Uuid
from sqlalchemy.orm import Session

from propdesk.ids import uuid7
from propdesk.models.types import Scaled

BATCH = 20_000


def uuid7_ints(n: int) -> list[int]:
    """``n`` version-7 UUIDs at once, as their 128-bit integers, for bulk inserts.

    Same layout as :func:`propdesk.ids.uuid7` (48-bit millisecond time, 12-bit
    counter, 62 random bits): the first comes from ``uuid7`` itself, the rest
    count up from it, carrying into the timestamp, with their random bits
    drawn in one call.  Uniqueness rests on the random bits as with uuid7."""
    if n <= 0:
        return []
    first = uuid7().int
    ms, counter = first >> 80, (first >> 64) & 0xFFF
    rnd = os.urandom(8 * (n - 1))
    out = [first]
    mask = (1 << 62) - 1
    for i in range(n - 1):
        counter += 1
        if counter > 0xFFF:
            ms, counter = ms + 1, 0
        rand_b = int.from_bytes(rnd[8 * i:8 * i + 8], "big") & mask
        out.append((ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | rand_b)
    return out


def uuid7_many(n: int) -> list[uuid.UUID]:
    """``n`` version-7 UUIDs at once (see :func:`uuid7_ints`)."""
    return [uuid.UUID(int=i) for i in uuid7_ints(n)]


class StoredForm:
    """Values in the form the database driver receives them for one dialect.

    Bulk writers build their rows with these and hand them to
    ``BulkInsert(..., stored=True)``, skipping SQLAlchemy's per-value bind
    processing: on SQLite a uuid is its 32-digit hex text, so a key kept as 16
    bytes or an integer goes straight to text without a ``uuid.UUID`` object;
    on PostgreSQL the driver takes ``uuid.UUID``.  Dates and stamps go through
    the dialect's own processors, memoised (they repeat).  What is stored is
    exactly what the ORM would store; tests compare the two."""

    def __init__(self, session: Session) -> None:
        dialect = session.connection().dialect
        proc = Uuid()._cached_bind_processor(dialect)
        probe = uuid.UUID(int=0x0123456789ABCDEF0123456789ABCDEF)
        if proc is None:
            self.hex = False
        elif proc(probe) == probe.hex:
            self.hex = True
        else:  # pragma: no cover - no such dialect in use
            raise NotImplementedError(f"uuid storage of {dialect.name}")
        self.date = _memo(Date()._cached_bind_processor(dialect) or (lambda v: v))
        self.stamp = _memo(DateTime()._cached_bind_processor(dialect) or (lambda v: v))

    def uuid(self, u: uuid.UUID | None):
        if u is None:
            return None
        return u.hex if self.hex else u

    def uuid_bytes(self, b: bytes):
        return b.hex() if self.hex else uuid.UUID(bytes=b)

    def uuid_int(self, i: int):
        return f"{i:032x}" if self.hex else uuid.UUID(int=i)


@contextlib.contextmanager
def big_cache(session: Session, kib: int = 262144):
    """On SQLite, a page cache of ``kib`` KiB for the duration (default 256 MB,
    SQLite's own default is 2 MB): bill runs read and write a whole period's
    lines, whose index order differs from their table order."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(old)}")


def _memo(proc):
    """Wrap a bind processor with a cache: ids of estates, standards, dates repeat."""
    cache: dict = {}

    def run(v):
        r = cache.get(v)
        if r is None:
            r = cache[v] = proc(v)
        return r
    return run


class BulkInsert:
    def __init__(self, session: Session, table: Table, columns: Sequence[str],
                 unique: Sequence[str] = ("id", "slot"), *, stored: bool = False) -> None:
        """``stored``: rows already hold driver values (see :class:`StoredForm`)."""
        self.conn = session.connection()
        dialect = self.conn.dialect
        self.columns = list(columns)
        self.stored = stored
        procs = []
        for name in self.columns:
            col = table.c[name]
            if isinstance(col.type, Scaled):
                procs.append(None)  # caller passes the stored integer
                continue
            proc = col.type._cached_bind_processor(dialect)
            # Memoise dates and stamps (formatting them is slow and they repeat).  Not
            # uuids: UUID.__hash__ is a Python method, dearer than the .hex it would save.
            if proc is not None and name not in unique and isinstance(col.type, (Date, DateTime)):
                proc = _memo(proc)
            procs.append(proc)
        self.procs = [(i, p) for i, p in enumerate(procs) if p is not None]
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = (f"INSERT INTO {table.name} ({', '.join(self.columns)}) "
                    f"VALUES ({', '.join([mark] * len(self.columns))})")

    def convert(self, row: Sequence) -> tuple:
        r = list(row)
        for i, p in self.procs:
            v = r[i]
            if v is not None:
                r[i] = p(v)
        return tuple(r)

    def run(self, rows: Iterable[Sequence]) -> int:
        n, batch = 0, []
        for row in rows:
            batch.append(row if self.stored else self.convert(row))
            if len(batch) >= BATCH:
                self.conn.exec_driver_sql(self.sql, batch)
                n += len(batch)
                batch = []
        if batch:
            self.conn.exec_driver_sql(self.sql, batch)
            n += len(batch)
        return n
