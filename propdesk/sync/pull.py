"""Terminal side of the pull: apply a page of the central feed, and its cursor, at once.

One local transaction per page: set ``sync_state.applying`` (the capture
triggers stay silent, so pulled changes do not travel back), write the rows,
raise the HLC to the highest stamp seen, advance the cursor, clear the flag,
commit.  A crash anywhere leaves the page unapplied and the cursor where it
was; the page is simply fetched again.

* Documents are inserted if absent (``ON CONFLICT(id) DO NOTHING``: only the
  id may collide; any other constraint failure is an error, never a silent
  drop).
* Master rows are upserted with their whole central state, except the
  columns this terminal has changed and not pushed yet (still in the
  outbox): those keep the local value until the push has merged them.
* An entry that cannot be applied here (a local row holds the same unique
  key) is kept in ``sync_skipped`` and retried on every sync; a later entry
  for the same row supersedes it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import Connection

from propdesk.db import Database
from propdesk.sync import codec as C
from propdesk.sync import tables as T
from propdesk.sync.central import FeedEntry, SyncError
from propdesk.sync.lock import ANOTHER_SYNC

ALL = None  # marker: every column of the row is pending locally


class CursorMoved(SyncError):
    """Another sync on this terminal applied pages meanwhile (one that got past the
    terminal's sync lock); this page is not applied, the next sync goes on from there."""

    def __init__(self, detail: str) -> None:
        super().__init__(ANOTHER_SYNC[0], f"{ANOTHER_SYNC[1]} ({detail})")


@dataclass
class PageResult:
    applied: int = 0
    skipped: int = 0
    max_hlc: int = 0


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pending(c: Connection, entries: Sequence[FeedEntry]) -> dict[tuple[str, str], set | None]:
    """Columns with local changes not yet pushed, for the rows of this page."""
    if not c.execute(text("SELECT 1 FROM sync_outbox LIMIT 1")).first():
        return {}
    ids = sorted({e.row_id for e in entries})
    out: dict[tuple[str, str], set | None] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = c.execute(text(
            "SELECT table_name, row_id, op, cols FROM sync_outbox WHERE row_id IN (" +
            ", ".join(f"'{r}'" for r in chunk) + ")")).fetchall()
        for table, row_id, op, cols in rows:
            key = (table, C._raw_uuid(row_id))
            if op == "I" or not cols:
                out[key] = ALL
            elif key not in out or out[key] is not ALL:
                out.setdefault(key, set()).update(cols.split(","))
    return out


def _statement(st: T.SyncTable, protect: frozenset[str]) -> tuple[str, list[str]]:
    cols = list(C.codec(st.table).columns)
    head = (f"INSERT INTO {_q(st.name)} ({', '.join(map(_q, cols))}) "
            f"VALUES ({', '.join('?' * len(cols))}) ON CONFLICT(id) DO ")
    if st.kind == T.DOC:
        return head + "NOTHING", cols
    sets = [c for c in cols if c != "id" and c not in protect]
    if not sets:
        return head + "NOTHING", cols
    return head + "UPDATE SET " + ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in sets), cols


_row_makers: dict[tuple[str, tuple[str, ...]], object] = {}


def _params(st: T.SyncTable, cols: list[str], payload: dict) -> tuple:
    key = (st.name, tuple(cols))
    make = _row_makers.get(key)
    if make is None:
        make = _row_makers[key] = C.codec(st.table).sqlite_row(cols)
    return make(payload)


def _apply_one(c: Connection, st: T.SyncTable, protect: frozenset[str], payload: dict) -> None:
    sql, cols = _statement(st, protect)
    c.exec_driver_sql(sql, _params(st, cols, payload))


def _try(c: Connection, sql: str, params) -> sa_exc.DBAPIError | None:
    c.exec_driver_sql("SAVEPOINT pull_try")
    try:
        c.exec_driver_sql(sql, params)
    except sa_exc.DBAPIError as exc:
        c.exec_driver_sql("ROLLBACK TO SAVEPOINT pull_try")
        c.exec_driver_sql("RELEASE SAVEPOINT pull_try")
        return exc
    c.exec_driver_sql("RELEASE SAVEPOINT pull_try")
    return None


def _apply_group(c: Connection, st: T.SyncTable, protect: frozenset[str],
                 group: list[tuple[FeedEntry, dict]], result: PageResult,
                 failed: list[tuple[FeedEntry, T.SyncTable, frozenset[str], str]]) -> None:
    sql, cols = _statement(st, protect)
    params = [_params(st, cols, p) for _, p in group]
    if _try(c, sql, params) is None:
        result.applied += len(group)
        return
    for (entry, _), p in zip(group, params):   # find the entries that cannot go in
        exc = _try(c, sql, p)
        if exc is None:
            result.applied += 1
        else:
            failed.append((entry, st, protect, str(exc.orig)[:2000]))


def _retry_failed(c: Connection, entries: Sequence[FeedEntry],
                  failed: list[tuple[FeedEntry, T.SyncTable, frozenset[str], str]],
                  result: PageResult) -> None:
    """Entries of a page can depend on each other (a row tombstoned later in the page
    frees the unique key an earlier one needs): retry until nothing more goes in;
    what still fails is kept in sync_skipped.  An entry superseded by a later entry
    for the same row that did go in is dropped, never applied over it."""
    last_seq = {(e.table, e.row_id): e.seq for e in entries}
    while failed:
        still = []
        for entry, st, protect, error in failed:
            if last_seq[(entry.table, entry.row_id)] > entry.seq and not any(
                    f[0].table == entry.table and f[0].row_id == entry.row_id
                    and f[0].seq > entry.seq for f in failed):
                continue   # superseded by a later entry for the row that was applied
            sql, cols = _statement(st, protect)
            exc = _try(c, sql, _params(st, cols, json.loads(entry.payload)))
            if exc is None:
                result.applied += 1
            else:
                still.append((entry, st, protect, str(exc.orig)[:2000]))
        if len(still) == len(failed):
            break
        failed = still
    for entry, _st, _protect, error in failed:
        c.execute(text(
            "INSERT OR REPLACE INTO sync_skipped (seq, table_name, row_id, payload, hlc, "
            "error, skipped_at) VALUES (:s, :t, :r, :p, :h, :e, datetime('now'))"),
            {"s": entry.seq, "t": entry.table, "r": entry.row_id, "p": entry.payload,
             "h": entry.hlc, "e": error})
        result.skipped += 1


def apply_page(db: Database, entries: Sequence[FeedEntry], *, expect_cursor: int,
               new_cursor: int) -> PageResult:
    """Apply ``entries`` and move the cursor from ``expect_cursor`` to ``new_cursor``."""
    try:
        return _apply_page(db, entries, expect_cursor, new_cursor, careful=False)
    except sa_exc.IntegrityError as exc:
        if "FOREIGN KEY" not in str(exc.orig):
            raise
    # A row of the page references a parent this terminal does not have (the parent is
    # kept in sync_skipped, say, because it clashes with a local row): the deferred check
    # refused the COMMIT, and would again on every sync.  Apply the page once more,
    # setting such rows aside with the entries they wait for.
    return _apply_page(db, entries, expect_cursor, new_cursor, careful=True)


def _apply_page(db: Database, entries: Sequence[FeedEntry], expect_cursor: int,
                new_cursor: int, *, careful: bool) -> PageResult:
    # IMMEDIATE: the cursor is read and moved under the write lock, and a writer that
    # read first is not refused at once by another connection's commit (see propdesk.db).
    with db.writer.begin() as c:
        cur = c.execute(text("SELECT pull_cursor FROM sync_state WHERE id = 1")).scalar_one()
        if cur != expect_cursor:
            raise CursorMoved(f"cursor is {cur}, expected {expect_cursor}")
        c.execute(text("UPDATE sync_state SET applying = 1 WHERE id = 1"))
        # Rows of one page may reference each other in any order; check at commit.
        c.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        pending = _pending(c, entries)
        has_skipped = c.execute(text("SELECT 1 FROM sync_skipped LIMIT 1")).first() is not None
        orphans: dict[tuple[str, str], str] = {}
        while True:
            if careful:
                c.exec_driver_sql("SAVEPOINT pull_page")
            todo = [e for e in entries if (e.table, e.row_id) not in orphans]
            result = _apply_entries(c, todo, pending)
            if not careful:
                break
            found = {k: v for k, v in _orphans(c, todo).items() if k not in orphans}
            if not found:
                c.exec_driver_sql("RELEASE SAVEPOINT pull_page")
                break
            orphans.update(found)
            c.exec_driver_sql("ROLLBACK TO SAVEPOINT pull_page")
            c.exec_driver_sql("RELEASE SAVEPOINT pull_page")
        result.max_hlc = max((e.hlc for e in entries), default=0)
        if has_skipped or orphans:
            _drop_superseded(c, entries)
        if orphans:
            _skip_orphans(c, entries, orphans, result)
        c.execute(text("UPDATE sync_state SET applying = 0, pull_cursor = :cur, "
                       "hlc = max(hlc, :h) WHERE id = 1"),
                  {"cur": new_cursor, "h": result.max_hlc})
    return result


def _apply_entries(c: Connection, entries: Sequence[FeedEntry],
                   pending: dict[tuple[str, str], set | None]) -> PageResult:
    result = PageResult()
    group: list[tuple[FeedEntry, dict]] = []
    failed: list = []
    key: tuple | None = None
    for e in entries:
        st = T.get(e.table)
        if st is None:
            continue   # a table this (older) terminal does not have
        p = pending.get((e.table, e.row_id), frozenset())
        if p is ALL:
            protect = frozenset(C.codec(st.table).columns)
        else:
            protect = frozenset(p)
        k = (st.name, protect)
        if k != key and group:
            _apply_group(c, T.get(key[0]), key[1], group, result, failed)
            group = []
        key = k
        group.append((e, json.loads(e.payload)))
    if group:
        _apply_group(c, T.get(key[0]), key[1], group, result, failed)
    _retry_failed(c, entries, failed, result)
    return result


def _orphans(c: Connection, entries: Sequence[FeedEntry]) -> dict[tuple[str, str], str]:
    """Rows of this page that reference a row this terminal does not have."""
    ids: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if T.get(e.table) is not None:
            ids[e.table].add(e.row_id)
    out: dict[tuple[str, str], str] = {}
    for table, mine in ids.items():
        bad: dict[int, str] = {}
        for _t, rowid, parent, _fk in c.exec_driver_sql(
                f"PRAGMA foreign_key_check({_q(table)})").fetchall():
            bad.setdefault(rowid, parent)
        for rowid, parent in bad.items():
            row_id = c.exec_driver_sql(f"SELECT id FROM {_q(table)} WHERE rowid = ?",
                                       (rowid,)).scalar()
            row_id = C._raw_uuid(row_id) if row_id is not None else None
            if row_id in mine:
                out[(table, row_id)] = (
                    f"FOREIGN KEY: 上级记录 {parent} 尚未在本机 (the {parent} row it references "
                    "is not on this terminal; it waits in sync_skipped or was refused)")
    return out


def _skip_orphans(c: Connection, entries: Sequence[FeedEntry],
                  orphans: dict[tuple[str, str], str], result: PageResult) -> None:
    latest: dict[tuple[str, str], FeedEntry] = {}
    for e in entries:
        if (e.table, e.row_id) in orphans:
            latest[(e.table, e.row_id)] = e   # the whole latest state of the row
    for key, entry in latest.items():
        c.execute(text(
            "INSERT OR REPLACE INTO sync_skipped (seq, table_name, row_id, payload, hlc, "
            "error, skipped_at) VALUES (:s, :t, :r, :p, :h, :e, datetime('now'))"),
            {"s": entry.seq, "t": entry.table, "r": entry.row_id, "p": entry.payload,
             "h": entry.hlc, "e": orphans[key]})
        result.skipped += 1


def _drop_superseded(c: Connection, entries: Sequence[FeedEntry]) -> None:
    latest: dict[tuple[str, str], int] = defaultdict(int)
    for e in entries:
        latest[(e.table, e.row_id)] = max(latest[(e.table, e.row_id)], e.seq)
    for (table, row_id), seq in latest.items():
        c.execute(text("DELETE FROM sync_skipped WHERE table_name = :t AND row_id = :r "
                       "AND seq < :s"), {"t": table, "r": row_id, "s": seq})


def retry_skipped(db: Database) -> tuple[int, int]:
    """Try the entries that could not be applied before; (applied, still skipped)."""
    with db.engine.connect() as c:
        rows = c.execute(text("SELECT seq, table_name, row_id, hlc, payload FROM sync_skipped "
                              "ORDER BY seq")).fetchall()
    if not rows:
        return 0, 0
    done = 0
    entries = [FeedEntry(seq, table, row_id, stamp, "", payload)
               for seq, table, row_id, stamp, payload in rows]
    with db.writer.begin() as c:
        c.execute(text("UPDATE sync_state SET applying = 1 WHERE id = 1"))
        pending = _pending(c, entries)
        for e in entries:
            seq, st = e.seq, T.get(e.table)
            if st is None:
                continue
            p = pending.get((e.table, e.row_id), frozenset())
            protect = frozenset(C.codec(st.table).columns) if p is ALL else frozenset(p)
            c.exec_driver_sql("SAVEPOINT retry_one")
            try:
                _apply_one(c, st, protect, json.loads(e.payload))
            except sa_exc.DBAPIError as exc:
                c.exec_driver_sql("ROLLBACK TO SAVEPOINT retry_one")
                c.exec_driver_sql("RELEASE SAVEPOINT retry_one")
                c.execute(text("UPDATE sync_skipped SET error = :e WHERE seq = :s"),
                          {"e": str(exc.orig)[:2000], "s": seq})
                continue
            c.exec_driver_sql("RELEASE SAVEPOINT retry_one")
            c.execute(text("DELETE FROM sync_skipped WHERE seq = :s"), {"s": seq})
            done += 1
        c.execute(text("UPDATE sync_state SET applying = 0 WHERE id = 1"))
    return done, len(rows) - done
