"""Fast inserts for bill runs: DBAPI executemany in large batches, no ORM objects.

Rows are tuples in a fixed column order.  Money and scaled columns are given
as integers (fen, or the scaled integer) already; uuids, dates and stamps go
through SQLAlchemy's own bind processors for the dialect, looked up once per
column, so SQLite and PostgreSQL store exactly what the ORM would.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from sqlalchemy import Table
from sqlalchemy.orm import Session

from propdesk.models.types import Scaled

BATCH = 20_000


class BulkInsert:
    def __init__(self, session: Session, table: Table, columns: Sequence[str]) -> None:
        self.conn = session.connection()
        dialect = self.conn.dialect
        self.columns = list(columns)
        procs = []
        for name in self.columns:
            col = table.c[name]
            if isinstance(col.type, Scaled):
                procs.append(None)  # caller passes the stored integer
            else:
                procs.append(col.type._cached_bind_processor(dialect))
        self.procs = [(i, p) for i, p in enumerate(procs) if p is not None]
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = (f"INSERT INTO {table.name} ({', '.join(self.columns)}) "
                    f"VALUES ({', '.join([mark] * len(self.columns))})")

    def convert(self, row: Sequence) -> tuple:
        if not self.procs:
            return tuple(row)
        r = list(row)
        for i, p in self.procs:
            v = r[i]
            if v is not None:
                r[i] = p(v)
        return tuple(r)

    def run(self, rows: Iterable[Sequence]) -> int:
        n, batch = 0, []
        for row in rows:
            batch.append(self.convert(row))
            if len(batch) >= BATCH:
                self.conn.exec_driver_sql(self.sql, batch)
                n += len(batch)
                batch = []
        if batch:
            self.conn.exec_driver_sql(self.sql, batch)
            n += len(batch)
        return n
