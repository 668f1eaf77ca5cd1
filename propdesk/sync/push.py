"""Terminal side of the push: read the outbox in order, acknowledge what the centre took.

An entry leaves the outbox only after the central transaction that applied it
has committed: if the sync dies in between, the entry is sent again and the
centre recognises its ``change_id`` (at-least-once delivery, idempotent apply).
Entries the centre refused move to ``sync_rejected`` with the reason, for a
主管 to review and retry; money documents are never dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text

from propdesk.clock import utcnow
from propdesk.db import Database
from propdesk.sync import capture
from propdesk.sync import codec as C
from propdesk.sync import tables as T
from propdesk.sync.merge import Change


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    documents: int
    rejected: int
    skipped: int


def _change(row, terminal: str) -> Change:
    seq, change_id, table, row_id, op, cols, payload, stamp, base = row
    values = json.loads(payload)
    st = T.get(table)
    if st is not None:
        values = C.codec(st.table).wire_from_sqlite(values)
    return Change(change_id=change_id, table=table, row_id=C._raw_uuid(row_id), op=op,
                  cols=tuple(cols.split(",")) if cols else None, values=values, hlc=stamp,
                  terminal=terminal, base=base, seq=seq)


def read_outbox(db: Database, terminal: str, *, after: int = 0, limit: int = 500,
                docs_only: bool = False) -> list[Change]:
    """The next ``limit`` captured changes after outbox seq ``after``, oldest first."""
    # An update made while an earlier change of the same row was still unpushed had not
    # seen what the pulls in between brought for that row's pending columns (they kept
    # the local value): it carries the earliest such base, so the centre judges it
    # concurrent with those values instead of overwriting them unlogged.
    sql = ("SELECT seq, change_id, table_name, row_id, op, cols, payload, hlc, "
           "CASE WHEN op = 'U' THEN (SELECT min(e.base) FROM sync_outbox e "
           "WHERE e.row_id = o.row_id AND e.table_name = o.table_name AND e.seq <= o.seq) "
           "ELSE base END "
           "FROM sync_outbox o WHERE seq > :after")
    params: dict = {"after": after, "limit": limit}
    if docs_only:
        docs = [n for n, t in T.sync_tables().items() if t.kind == T.DOC]
        sql += " AND table_name IN (" + ", ".join(f"'{n}'" for n in docs) + ")"
    sql += " ORDER BY seq LIMIT :limit"
    with db.engine.connect() as c:
        rows = [list(r) for r in c.execute(text(sql), params).fetchall()]
        _fill_deferred(c, rows)
    return [_change(r, terminal) for r in rows]


def _fill_deferred(c, rows: list[list]) -> None:
    """Read the payload of bulk-captured documents (capture.deferred_capture) from their rows."""
    wanted: dict[str, list[str]] = {}
    for r in rows:
        if r[6] == capture.DEFERRED:
            wanted.setdefault(r[2], []).append(r[3])
    for table, ids in wanted.items():
        payloads = capture.materialize(c, table, ids)
        for r in rows:
            if r[2] == table and r[6] == capture.DEFERRED:
                r[6] = payloads[r[3]]


def acknowledge(db: Database, accepted: list[int], rejected: dict[int, str]) -> None:
    """Drop what the centre has; set aside what it refused (one local transaction)."""
    with db.writer.begin() as c:
        if rejected:
            for seq, reason in rejected.items():
                c.execute(text(
                    "INSERT OR REPLACE INTO sync_rejected (seq, change_id, table_name, row_id, op, "
                    "cols, payload, hlc, base, created_at, reason, rejected_at) "
                    "SELECT seq, change_id, table_name, row_id, op, cols, payload, hlc, base, "
                    "created_at, :reason, :now FROM sync_outbox WHERE seq = :seq"),
                    {"seq": seq, "reason": reason[:2000], "now": utcnow()})
            pending = [list(r) for r in c.execute(text(
                "SELECT seq, change_id, table_name, row_id, op, cols, payload FROM sync_rejected "
                "WHERE payload = :d"), {"d": capture.DEFERRED})]
            _fill_deferred(c, pending)
            for r in pending:  # a refused change keeps its content for review
                c.execute(text("UPDATE sync_rejected SET payload = :p WHERE seq = :s"),
                          {"p": r[6], "s": r[0]})
        done = list(accepted) + list(rejected)
        for i in range(0, len(done), 500):
            chunk = ", ".join(str(int(s)) for s in done[i:i + 500])
            # later updates of the same rows inherit the base (see read_outbox)
            c.execute(text(
                "UPDATE sync_outbox SET base = (SELECT min(e.base) FROM sync_outbox e "
                "WHERE e.row_id = sync_outbox.row_id AND e.table_name = sync_outbox.table_name "
                "AND e.seq <= sync_outbox.seq) "
                f"WHERE op = 'U' AND seq NOT IN ({chunk}) AND row_id IN "
                f"(SELECT row_id FROM sync_outbox WHERE seq IN ({chunk}))"))
            c.execute(text(f"DELETE FROM sync_outbox WHERE seq IN ({chunk})"))


def stats(db: Database) -> OutboxStats:
    docs = [n for n, t in T.sync_tables().items() if t.kind == T.DOC]
    with db.engine.connect() as c:
        pending = c.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
        documents = c.execute(text(
            "SELECT count(*) FROM sync_outbox WHERE table_name IN (" +
            ", ".join(f"'{n}'" for n in docs) + ")")).scalar_one()
        rejected = c.execute(text("SELECT count(*) FROM sync_rejected")).scalar_one()
        skipped = c.execute(text("SELECT count(*) FROM sync_skipped")).scalar_one()
    return OutboxStats(pending, documents, rejected, skipped)


def retry_rejected(db: Database, seqs: list[int] | None = None) -> int:
    """Put refused changes back into the outbox (under new change ids) to try again."""
    where = "" if seqs is None else \
        " WHERE seq IN (" + ", ".join(str(int(s)) for s in seqs) + ")"
    with db.writer.begin() as c:
        n = c.execute(text(
            "INSERT INTO sync_outbox (change_id, table_name, row_id, op, cols, payload, hlc, "
            "base, created_at) SELECT lower(hex(randomblob(16))), table_name, row_id, op, cols, "
            f"payload, hlc, base, created_at FROM sync_rejected{where} ORDER BY seq")).rowcount
        c.execute(text(f"DELETE FROM sync_rejected{where}"))
    return n
