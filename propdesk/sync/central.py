"""The central side of synchronisation, run inside one PostgreSQL transaction.

Terminals talk to the central database directly (there is no server
process): these functions run in the terminal's sync, on a connection to the
centre, and everything one call does commits or rolls back as a whole.

Ordering the feed so that no pull can skip a change
---------------------------------------------------
A pull asks for feed entries with ``seq > cursor``.  If ``seq`` came from a
PostgreSQL sequence, two concurrent pushes could take 41 and 42, the second
commit first, and a pull in between would see 42, advance its cursor past 41
and never see it.  So every feed writer first takes one transaction-scoped
advisory lock (:data:`FEED_LOCK`) and assigns ``max(seq) + 1, + 2, …`` while
holding it; the lock is released only at the end of the transaction, after
its commit became visible.  Feed writers are therefore serialised: when a
reader sees an entry with seq N, every entry below N has committed or was
rolled back for good (a rolled-back batch leaves no entries, so no gap is ever
filled later).  Readers take no lock.  Pushes are short (one batch), so the
serialisation costs little; money documents from many offices still arrive
at hundreds of rows per millisecond.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Iterator, Sequence

import psycopg
from sqlalchemy import UniqueConstraint
from sqlalchemy.engine import Connection

from propdesk import __version__
from propdesk.clock import utcnow
from propdesk.errors import Conflict, NotFound, PropDeskError, ValidationFailed, Problem
from propdesk.ids import uuid7
from propdesk.sync import codec as C
from propdesk.sync import hlc as H
from propdesk.sync import rules
from propdesk.sync import tables as T
from propdesk.sync.merge import ALL, NEVER, Change, Lost, Version, merge, versions_from_json, \
    versions_to_json

FEED_LOCK = 0x50524F5044534B01  # "PROPDSK\x01": the feed writers' advisory lock
CENTRAL = "CENTRAL"
TERMINAL_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


class SyncError(PropDeskError):
    exit_code = 7


@dataclass
class BatchOutcome:
    """What the centre did with one pushed batch, by outbox seq."""

    accepted: list[int] = field(default_factory=list)     # applied, or seen before
    rejected: dict[int, str] = field(default_factory=dict)
    deferred: list[int] = field(default_factory=list)     # try again later (older client)
    repeated: int = 0
    conflicts: int = 0
    alarms: list[str] = field(default_factory=list)
    first_seq: int = 0
    last_seq: int = 0


@dataclass(frozen=True)
class FeedEntry:
    seq: int
    table: str
    row_id: str
    hlc: int
    origin: str
    payload: str


# --- helpers ---------------------------------------------------------------------------

def _raw(conn: Connection) -> psycopg.Connection:
    return conn.connection.driver_connection


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _wire_any(value: Any) -> Any:
    """Wire form of a central value of a column the codec does not know."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return value


def _now_wire() -> str:
    return utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")


def _error_text(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    text = (diag.message_primary if diag is not None and diag.message_primary else str(exc))
    detail = diag.message_detail if diag is not None else None
    return f"{text} ({detail})" if detail else text


def fetch_rows(cur: psycopg.Cursor, st: T.SyncTable, ids: Iterable[str]) -> dict[str, dict]:
    """Central rows by id, in wire form."""
    ids = list(ids)
    if not ids:
        return {}
    cdc = C.codec(st.table)
    cur.execute(f"SELECT * FROM {_q(st.name)} WHERE id = ANY(%s)",
                ([uuid.UUID(hex=i) for i in ids],))
    names = [d.name for d in cur.description]
    out = {}
    for rec in cur.fetchall():
        row = {n: (cdc.wire_from_pg(n, v) if n in cdc.kinds else _wire_any(v))
               for n, v in zip(names, rec)}
        out[row["id"]] = row
    return out


def _runs(changes: Sequence[Change]) -> Iterator[list[Change]]:
    run: list[Change] = []
    for ch in changes:
        if run and run[-1].table != ch.table:
            yield run
            run = []
        run.append(ch)
    if run:
        yield run


# --- one pushed batch --------------------------------------------------------------------

class _Batch:
    def __init__(self, conn: Connection, terminal: str, docs_only: bool) -> None:
        self.cur = _raw(conn).cursor()
        self.terminal = terminal
        self.docs_only = docs_only
        self.out = BatchOutcome()
        self.cur.execute("SELECT pg_advisory_xact_lock(%s)", (FEED_LOCK,))
        self.cur.execute("SELECT coalesce(max(seq), 0) FROM sync_change")
        self.seq = self.cur.fetchone()[0]
        self.out.first_seq = self.seq + 1
        self.cur.execute("SELECT hlc FROM sync_state WHERE id = 1")
        row = self.cur.fetchone()
        self.clock = row[0] if row else 0
        self.feed: list[tuple] = []
        self.versions: dict[tuple[str, str], dict[str, Version]] = {}
        self.dirty_versions: set[tuple[str, str]] = set()
        self.new_versions: set[tuple[str, str]] = set()
        self.scope_cache: dict[tuple[str, str], str | None] = {}
        self.received = utcnow()

    # clock and feed
    def tick(self) -> int:
        self.clock = H.tick(self.clock)
        return self.clock

    def see(self, stamp: int) -> None:
        self.clock = H.observe(self.clock, stamp)

    def publish(self, seq: int, change_id: str, table: str, row: dict, scope: str | None,
                origin: str, stamp: int) -> None:
        self.feed.append((seq, change_id, table, row["id"], scope, origin, stamp,
                          C.dumps(row), self.received))

    def copy_rows(self, table: str, cols: list[str], rows: Iterable[Sequence]) -> None:
        """COPY rows in (values in wire form: PostgreSQL parses them as the column types)."""
        with self.cur.copy(f"COPY {_q(table)} ({', '.join(map(_q, cols))}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)

    def attempt_copy(self, table: str, cols: list[str], rows: list[Sequence]
                     ) -> BaseException | None:
        self.cur.execute("SAVEPOINT sync_try")
        try:
            self.copy_rows(table, cols, rows)
        except psycopg.errors.DatabaseError as exc:
            self.cur.execute("ROLLBACK TO SAVEPOINT sync_try")
            return exc
        self.cur.execute("RELEASE SAVEPOINT sync_try")
        return None

    # savepoints: a refused statement must not abort the whole batch
    def attempt(self, sql: str, params: Sequence | None = None, *, many: bool = False
                ) -> BaseException | None:
        self.cur.execute("SAVEPOINT sync_try")
        try:
            if many:
                self.cur.executemany(sql, params)
            else:
                self.cur.execute(sql, params)
        except psycopg.errors.DatabaseError as exc:
            self.cur.execute("ROLLBACK TO SAVEPOINT sync_try")
            return exc
        self.cur.execute("RELEASE SAVEPOINT sync_try")
        return None

    # estates: which terminals get a row
    def scopes(self, st: T.SyncTable, rows: Sequence[dict]) -> list[str | None]:
        """The estate of each row: its own ``estate_id`` (an estate is its own), else the
        estate of the first row it references through a foreign key that has one --
        read from the feed, where every parent was published with its estate before
        its children (a unit is scoped by its building, a receipt by its payment)."""
        if st.name == "estate":
            return [r.get("id") for r in rows]
        if "estate_id" in st.table.columns:
            return [r.get("estate_id") for r in rows]
        result: list[str | None] = [None] * len(rows)
        for col in st.table.columns:
            for fk in col.foreign_keys:
                parent = fk.column.table.name
                if T.get(parent) is None:
                    continue
                want = {r.get(col.name) for i, r in enumerate(rows)
                        if result[i] is None and r.get(col.name)}
                if not want:
                    continue
                found = self.lookup_scopes(parent, want)
                for i, r in enumerate(rows):
                    if result[i] is None and r.get(col.name):
                        result[i] = found.get(r[col.name])
        return result

    def lookup_scopes(self, table: str, ids: set[str]) -> dict[str, str | None]:
        missing = [i for i in ids if (table, i) not in self.scope_cache]
        if missing:
            if table == "estate":
                found = {i: i for i in missing}
            else:
                self.cur.execute(
                    "SELECT DISTINCT ON (row_id) row_id, estate_id FROM sync_change "
                    "WHERE table_name = %s AND row_id = ANY(%s) ORDER BY row_id, seq DESC",
                    (table, missing))
                found = dict(self.cur.fetchall())
            for i in missing:
                self.scope_cache[(table, i)] = found.get(i)
        return {i: self.scope_cache[(table, i)] for i in ids}

    def remember_scopes(self, st: T.SyncTable, rows: Sequence[dict]) -> list[str | None]:
        scopes = self.scopes(st, rows)
        for r, s in zip(rows, scopes):
            self.scope_cache[(st.name, r["id"])] = s
        return scopes

    # rows the centre writes itself (conflicts, alarms)
    def central_row(self, table: str, values: dict) -> None:
        st = T.get(table)
        now = _now_wire()
        row = {c.name: None for c in st.table.columns}
        for c in st.table.columns:
            d = c.default
            if d is not None and d.is_scalar:
                row[c.name] = C.codec(st.table).wire_from_python(c.name, d.arg)
        row.update(id=uuid7().hex, created_at=now, updated_at=now, terminal=CENTRAL,
                   deleted_at=None)
        row.update(values)
        cols = list(row)
        cdc = C.codec(st.table)
        self.cur.execute(
            f"INSERT INTO {_q(table)} ({', '.join(map(_q, cols))}) "
            f"VALUES ({', '.join(['%s'] * len(cols))})",
            [cdc.pg_from_wire(c, row[c]) for c in cols])
        self.seq += 1
        stamp = self.tick()
        self.set_versions(table, row["id"], {ALL: Version(stamp, CENTRAL, self.seq)}, new=True)
        self.publish(self.seq, uuid.uuid4().hex, table, row, row.get("estate_id"), CENTRAL, stamp)

    def alarm(self, kind: str, ch: Change, zh: str, en: str, detail: str = "",
              scope: str | None = None) -> None:
        self.central_row("sync_alarm", dict(
            kind=kind, table_name=ch.table, row_id=ch.row_id, change_id=ch.change_id,
            from_terminal=ch.terminal, message=zh, message_en=en, detail=detail[:4000],
            estate_id=scope))
        self.out.alarms.append(f"{zh} ({en})")

    def conflict(self, ch: Change, lost: Lost, scope: str | None, *, kind: str | None = None,
                 other_row_id: str = "", note: str = "") -> None:
        self.central_row("sync_conflict", dict(
            table_name=ch.table, row_id=ch.row_id, column=lost.column, kind=kind or lost.kind,
            kept_value=C.dumps(lost.kept), lost_value=C.dumps(lost.lost),
            kept_terminal=lost.kept_version.terminal, lost_terminal=lost.lost_version.terminal,
            kept_hlc=lost.kept_version.hlc, lost_hlc=lost.lost_version.hlc,
            other_row_id=other_row_id, estate_id=scope, status="open", note=note[:256]))
        self.out.conflicts += 1

    def reject(self, ch: Change, reason: str) -> None:
        self.out.rejected[ch.seq] = reason

    # versions of master rows
    def load_versions(self, table: str, ids: Iterable[str]) -> None:
        need = [i for i in ids if (table, i) not in self.versions]
        if not need:
            return
        self.cur.execute("SELECT row_id, versions FROM sync_version "
                         "WHERE table_name = %s AND row_id = ANY(%s)", (table, need))
        got = {r: versions_from_json(json.loads(v)) for r, v in self.cur.fetchall()}
        for i in need:
            self.versions[(table, i)] = got.get(i, {})

    def set_versions(self, table: str, row_id: str, versions: dict[str, Version], *,
                     new: bool = False) -> None:
        self.versions[(table, row_id)] = versions
        (self.new_versions if new else self.dirty_versions).add((table, row_id))

    # --- documents -------------------------------------------------------------------
    def docs(self, st: T.SyncTable, run: list[Change]) -> None:
        cdc = C.codec(st.table)
        cols = list(cdc.columns)
        inserts = []
        for ch in run:
            if ch.op != "I":
                self.alarm("doc_changed", ch,
                           f"终端 {ch.terminal} 试图修改只增单据 {st.name} {ch.row_id}，已拒绝",
                           f"terminal {ch.terminal} tried to change append-only document "
                           f"{st.name} {ch.row_id}; refused", C.dumps(ch.values))
                self.reject(ch, "只增单据不能修改或删除 (append-only document)")
            else:
                inserts.append(ch)
        existing = fetch_rows(self.cur, st, {ch.row_id for ch in inserts})
        new: list[Change] = []
        for ch in inserts:
            have = existing.get(ch.row_id)
            if have is None:
                existing[ch.row_id] = {c: ch.values.get(c) for c in cols}
                new.append(ch)
            elif all(have.get(c) == ch.values.get(c) for c in cols):
                self.out.accepted.append(ch.seq)   # the same document again: nothing to do
                self.out.repeated += 1
            else:
                diff = {c: [have.get(c), ch.values.get(c)] for c in cols
                        if have.get(c) != ch.values.get(c)}
                self.alarm("doc_mismatch", ch,
                           f"单据 {st.name} {ch.row_id} 以不同内容重复到达（来自 {ch.terminal}），"
                           "中心保留先到的内容，请核查",
                           f"document {st.name} {ch.row_id} arrived again from {ch.terminal} "
                           "with different content; the centre keeps the first, please check",
                           C.dumps(diff))
                self.reject(ch, "同一单据内容不一致 (same document id, different content)")
        if not new:
            return
        sql = (f"INSERT INTO {_q(st.name)} ({', '.join(map(_q, cols))}) "
               f"VALUES ({', '.join(['%s'] * len(cols))})")
        if self.attempt_copy(st.name, cols, [cdc.copy_row(cols, ch.values) for ch in new]) is None:
            done = new
        else:  # find the refused ones, keep the rest
            done = []
            for ch in new:
                exc = self.attempt(sql, [cdc.pg_from_wire(c, ch.values.get(c)) for c in cols])
                if exc is None:
                    done.append(ch)
                elif self.docs_only:
                    self.out.deferred.append(ch.seq)
                else:
                    self.alarm("doc_refused", ch,
                               f"中心数据库拒收单据 {st.name} {ch.row_id}（来自 {ch.terminal}）："
                               f"{_error_text(exc)}",
                               f"the central database refused document {st.name} {ch.row_id} "
                               f"from {ch.terminal}: {_error_text(exc)}", C.dumps(ch.values))
                    self.reject(ch, _error_text(exc))
        scopes = self.remember_scopes(st, [ch.values for ch in done])
        for ch, scope in zip(done, scopes):
            self.seq += 1
            self.see(ch.hlc)
            self.publish(self.seq, ch.change_id, st.name, {c: ch.values.get(c) for c in cols},
                         scope, ch.terminal, ch.hlc)
            self.out.accepted.append(ch.seq)

    # --- master data -----------------------------------------------------------------------
    def rows(self, st: T.SyncTable, run: list[Change]) -> None:
        if self.docs_only:
            self.out.deferred.extend(ch.seq for ch in run)
            return
        ids = {ch.row_id for ch in run}
        current = fetch_rows(self.cur, st, ids)
        self.load_versions(st.name, ids)
        if (not current and len(ids) == len(run) and all(ch.op == "I" for ch in run)
                and not any(self.versions[(st.name, i)] for i in ids)
                and self.bulk_insert(st, run)):
            return
        for ch in run:
            self.row(st, ch, current)

    def bulk_insert(self, st: T.SyncTable, run: list[Change]) -> bool:
        """New rows only (a terminal's first upload): one statement, no merging needed."""
        cdc = C.codec(st.table)
        cols = list(cdc.columns)
        if self.attempt_copy(st.name, cols, [cdc.copy_row(cols, ch.values) for ch in run]):
            return False
        rows = [{c: ch.values.get(c) for c in cols} for ch in run]
        scopes = self.remember_scopes(st, rows)
        for ch, row, scope in zip(run, rows, scopes):
            self.seq += 1
            self.see(ch.hlc)
            self.set_versions(st.name, ch.row_id, {ALL: Version(ch.hlc, ch.terminal, self.seq)},
                              new=True)
            self.publish(self.seq, ch.change_id, st.name, row, scope, ch.terminal, ch.hlc)
            self.out.accepted.append(ch.seq)
        return True

    def row(self, st: T.SyncTable, ch: Change, current: dict[str, dict]) -> None:
        cdc = C.codec(st.table)
        present = current.get(ch.row_id)
        versions = self.versions[(st.name, ch.row_id)]
        seq = self.seq + 1
        self.see(ch.hlc)
        result = merge(present, versions, ch, cdc.columns, seq,
                       rules.review_check(st.name, present, ch.values))
        row = result.row
        other = ""
        if result.inserted:
            error = self.insert_row(st, row)
            if isinstance(error, psycopg.errors.UniqueViolation) and "deleted_at" in row:
                # A live row already holds this unique key (a second current owner of one
                # room, …): keep the row, tombstoned, and let a 主管 decide.
                row["deleted_at"] = _now_wire()
                other = self.clashing_row(st, row) or ""
                error = self.insert_row(st, row)
                if error is None:
                    result.versions["deleted_at"] = Version(self.tick(), CENTRAL, seq)
                    result.lost.append(Lost("", "duplicate", None, None, NEVER,
                                            Version(ch.hlc, ch.terminal, seq)))
            if error is not None:
                self.refuse_row(st, ch, error, present)
                return
        elif result.changed:
            cols = sorted(result.changed)
            error = self.attempt(
                f"UPDATE {_q(st.name)} SET {', '.join(f'{_q(c)} = %s' for c in cols)} "
                "WHERE id = %s",
                [*(cdc.pg_from_wire(c, row[c]) for c in cols), uuid.UUID(hex=ch.row_id)])
            if error is not None:
                self.refuse_row(st, ch, error, present)
                return
        self.seq = seq
        current[ch.row_id] = row
        self.set_versions(st.name, ch.row_id, result.versions)
        scope = self.remember_scopes(st, [row])[0]
        stamp = max(result.max_hlc, ch.hlc)
        self.publish(seq, ch.change_id, st.name, row, scope, ch.terminal, stamp)
        self.out.accepted.append(ch.seq)
        for lost in result.lost:
            if lost.kind == "duplicate":
                other_row = fetch_rows(self.cur, st, [other]).get(other) if other else None
                self.conflict(ch, Lost("", "duplicate", other_row, row, NEVER, lost.lost_version),
                              scope, other_row_id=other,
                              note=" ".join(rules.describe(st.name, row)) or "唯一键冲突")
            else:
                self.conflict(ch, lost, scope, note=" ".join(rules.describe(st.name, row)))

    def insert_row(self, st: T.SyncTable, row: dict) -> BaseException | None:
        cdc = C.codec(st.table)
        cols = list(row)
        return self.attempt(
            f"INSERT INTO {_q(st.name)} ({', '.join(map(_q, cols))}) "
            f"VALUES ({', '.join(['%s'] * len(cols))})",
            [cdc.pg_from_wire(c, row[c]) for c in cols])

    def clashing_row(self, st: T.SyncTable, row: dict) -> str | None:
        """The live row that holds one of ``row``'s unique keys."""
        cdc = C.codec(st.table)
        keys = [(list(ix.columns), ix.dialect_options["postgresql"].get("where"))
                for ix in st.table.indexes if ix.unique]
        keys += [(list(uc.columns), None) for uc in st.table.constraints
                 if isinstance(uc, UniqueConstraint)]
        for cols, partial in keys:
            names = [c.name for c in cols]
            if any(row.get(n) is None for n in names):
                continue
            where = " AND ".join(f"{_q(n)} = %s" for n in names)
            if partial is not None:   # a partial index: only rows it covers can clash
                where += f" AND ({str(partial).replace('%', '%%')})"
            self.cur.execute(
                f"SELECT id FROM {_q(st.name)} WHERE {where} AND id <> %s "
                "AND deleted_at IS NULL LIMIT 1",
                [*(cdc.pg_from_wire(n, row[n]) for n in names), uuid.UUID(hex=row["id"])])
            hit = self.cur.fetchone()
            if hit:
                return hit[0].hex
        return None

    def refuse_row(self, st: T.SyncTable, ch: Change, error: BaseException,
                   present: dict | None) -> None:
        reason = _error_text(error)
        self.alarm("row_refused", ch,
                   f"中心数据库拒收 {st.name} {ch.row_id} 的修改（来自 {ch.terminal}）：{reason}",
                   f"the central database refused a change to {st.name} {ch.row_id} "
                   f"from {ch.terminal}: {reason}", C.dumps(ch.values))
        self.reject(ch, reason)
        if present is not None:
            # Send the central state back so the terminal does not keep a value the
            # centre refused; its change waits in sync_rejected for review.
            self.seq += 1
            self.publish(self.seq, ch.change_id, st.name, present,
                         self.remember_scopes(st, [present])[0], CENTRAL, self.tick())

    # --- end of batch ------------------------------------------------------------------
    def finish(self, pushed: int) -> BatchOutcome:
        if self.feed:
            self.copy_rows("sync_change", ["seq", "change_id", "table_name", "row_id",
                                           "estate_id", "origin", "hlc", "payload",
                                           "received_at"], self.feed)
        self.dirty_versions -= self.new_versions
        if self.new_versions:
            self.copy_rows("sync_version", ["table_name", "row_id", "versions"], (
                (t, r, json.dumps(versions_to_json(self.versions[(t, r)])))
                for t, r in sorted(self.new_versions)))
        if self.dirty_versions:
            self.cur.executemany(
                "INSERT INTO sync_version (table_name, row_id, versions) VALUES (%s, %s, %s) "
                "ON CONFLICT (table_name, row_id) DO UPDATE SET versions = EXCLUDED.versions",
                [(t, r, json.dumps(versions_to_json(self.versions[(t, r)])))
                 for t, r in sorted(self.dirty_versions)])
        self.cur.execute("UPDATE sync_state SET hlc = greatest(hlc, %s) WHERE id = 1",
                         (self.clock,))
        self.cur.execute("UPDATE sync_terminal SET pushed = pushed + %s, last_seen_at = %s "
                         "WHERE code = %s", (pushed, utcnow(), self.terminal))
        self.out.last_seq = self.seq
        return self.out


#: Alarm kinds that mean "this change was refused" (sync_alarm.change_id is the change's).
REFUSALS = ("doc_changed", "doc_mismatch", "doc_refused", "row_refused")


def apply_batch(conn: Connection, terminal: str, changes: Sequence[Change], *,
                docs_only: bool = False) -> BatchOutcome:
    """Apply one pushed batch (in the caller's transaction on the centre)."""
    b = _Batch(conn, terminal, docs_only)
    ids = [ch.change_id for ch in changes]
    # Refused before (the terminal never heard: the line dropped after the commit).  Refused
    # again without a second alarm -- and not taken as delivered because a refused master
    # change published the centre's own state under its id.
    b.cur.execute("SELECT change_id, min(message) FROM sync_alarm WHERE change_id = ANY(%s) "
                  "AND kind = ANY(%s) GROUP BY change_id", (ids, list(REFUSALS)))
    refused = dict(b.cur.fetchall())
    b.cur.execute("SELECT change_id FROM sync_change WHERE change_id = ANY(%s)", (ids,))
    seen = {r[0] for r in b.cur.fetchall()}
    todo = []
    for ch in changes:
        if ch.change_id in refused:
            b.reject(ch, refused[ch.change_id])
        elif ch.change_id in seen:
            b.out.accepted.append(ch.seq)   # delivered before (a retry after a crash)
            b.out.repeated += 1
        else:
            todo.append(ch)
    for run in _runs(todo):
        st = T.get(run[0].table)
        if st is None:
            for ch in run:
                b.reject(ch, f"unknown table {ch.table}")
        elif st.kind == T.DOC:
            b.docs(st, run)
        else:
            b.rows(st, run)
    return b.finish(len(todo))


# --- pull ------------------------------------------------------------------------------------

def read_page(conn: Connection, after: int, estates: Sequence[str] | None, limit: int
              ) -> list[FeedEntry]:
    """Feed entries after ``after`` for a terminal serving ``estates`` (None: all)."""
    cur = _raw(conn).cursor()
    if estates is None:
        cur.execute("SELECT seq, table_name, row_id, hlc, origin, payload FROM sync_change "
                    "WHERE seq > %s ORDER BY seq LIMIT %s", (after, limit))
    else:
        cur.execute("SELECT seq, table_name, row_id, hlc, origin, payload FROM sync_change "
                    "WHERE seq > %s AND (estate_id IS NULL OR estate_id = ANY(%s)) "
                    "ORDER BY seq LIMIT %s", (after, list(estates), limit))
    return [FeedEntry(*r) for r in cur.fetchall()]


# --- terminals, handshake, series --------------------------------------------------------------

@dataclass(frozen=True)
class Hello:
    server_time: dt.datetime
    revisions: tuple[str, ...]
    estates: tuple[str, ...] | None    # estate ids served (None: every estate)
    estate_codes: tuple[str, ...]
    series: dict[str, int]
    feed_head: int


def central_revisions(conn: Connection) -> tuple[str, ...]:
    cur = _raw(conn).cursor()
    cur.execute("SELECT version_num FROM alembic_version ORDER BY 1")
    return tuple(r[0] for r in cur.fetchall())


REGISTER_LOCK = 0x50524F5044534B02


def next_free_code(conn: Connection) -> str:
    """The next terminal code the centre issues: T01, T02 … (after the highest Tnn)."""
    cur = _raw(conn).cursor()
    cur.execute("SELECT pg_advisory_xact_lock(%s)", (REGISTER_LOCK,))
    cur.execute("SELECT code FROM sync_terminal")
    taken = [int(c[1:]) for (c,) in cur.fetchall() if re.fullmatch(r"T\d{1,7}", c)]
    return f"T{(max(taken, default=0) + 1):02d}"


def register_terminal(conn: Connection, code: str | None, install_id: str, *, name: str = "",
                      estates: Sequence[str] = (), force: bool = False) -> dict:
    """Register a terminal code (unique company-wide) for one installation.

    Without a code the centre issues the next free one (T01, T02 …); the same
    installation registering again keeps its code.
    """
    if not code:
        cur = _raw(conn).cursor()
        cur.execute("SELECT code FROM sync_terminal WHERE install_id = %s ORDER BY code LIMIT 1",
                    (install_id,))
        mine = cur.fetchone()
        code = mine[0] if mine else next_free_code(conn)
    code = code.strip().upper()
    if not TERMINAL_CODE.match(code):
        raise ValidationFailed([Problem(
            "终端编号", f"终端编号 {code!r} 无效：应为大写字母开头的2到8位字母数字，如 T01",
            f"invalid terminal code {code!r}: 2-8 letters/digits starting with a letter, e.g. T01")])
    cur = _raw(conn).cursor()
    codes = sorted({e.strip().upper() for e in estates if e.strip()})
    if codes:
        cur.execute("SELECT code FROM estate WHERE code = ANY(%s)", (codes,))
        known = {r[0] for r in cur.fetchall()}
        cur.execute("SELECT count(*) FROM estate")
        if cur.fetchone()[0] and set(codes) - known:
            missing = ", ".join(sorted(set(codes) - known))
            raise NotFound(f"中心数据库没有这些小区：{missing}",
                           f"the central database has no estate(s) {missing}")
    cur.execute("SELECT install_id FROM sync_terminal WHERE code = %s FOR UPDATE", (code,))
    row = cur.fetchone()
    if row and row[0] != install_id and not force:
        raise Conflict(
            f"终端编号 {code} 已被另一台电脑注册；请换一个编号，或确认原电脑已停用后加 --force 重新注册",
            f"terminal code {code} is registered to another installation; choose another code, "
            "or use --force once the old one is retired")
    if row:
        cur.execute("UPDATE sync_terminal SET install_id = %s, name = %s, estates = %s "
                    "WHERE code = %s", (install_id, name, ",".join(codes), code))
    else:
        cur.execute("INSERT INTO sync_terminal (code, name, install_id, estates, registered_at, "
                    "app_version, schema, pushed) VALUES (%s, %s, %s, %s, %s, %s, '', 0)",
                    (code, name, install_id, ",".join(codes), utcnow(), __version__))
    return {"code": code, "estates": codes, "reregistered": bool(row)}


def hello(conn: Connection, terminal: str, install_id: str, *, app_version: str,
          revisions: Sequence[str], series: dict[str, int]) -> Hello:
    """Check the terminal in, record what it runs, exchange series high-water marks."""
    cur = _raw(conn).cursor()
    cur.execute("SELECT install_id, estates FROM sync_terminal WHERE code = %s", (terminal,))
    row = cur.fetchone()
    if row is None:
        raise SyncError(
            f"终端 {terminal} 尚未在中心注册，请先运行：propdesk terminal register --code {terminal}",
            f"terminal {terminal} is not registered with the centre; run "
            f"propdesk terminal register --code {terminal} first")
    if row[0] != install_id:
        raise SyncError(
            f"终端编号 {terminal} 已注册给另一台电脑，本机不能用它同步；请为本机注册新的编号",
            f"terminal code {terminal} is registered to another installation; register this "
            "one under its own code")
    codes = tuple(c for c in row[1].split(",") if c)
    estates = None
    if codes:
        cur.execute("SELECT id FROM estate WHERE code = ANY(%s) ORDER BY code", (list(codes),))
        estates = tuple(r[0].hex for r in cur.fetchall())
    cur.execute("UPDATE sync_terminal SET app_version = %s, schema = %s, last_seen_at = %s "
                "WHERE code = %s", (app_version, ",".join(sorted(revisions))[:128], utcnow(),
                                    terminal))
    for name, value in sorted(series.items()):
        cur.execute("INSERT INTO sync_series_high (series, terminal, last_value) "
                    "VALUES (%s, %s, %s) ON CONFLICT (series) DO UPDATE SET "
                    "last_value = greatest(sync_series_high.last_value, EXCLUDED.last_value)",
                    (name, terminal, int(value)))
    cur.execute("SELECT series, last_value FROM sync_series_high WHERE terminal = %s",
                (terminal,))
    highs = dict(cur.fetchall())
    cur.execute("SELECT (now() AT TIME ZONE 'UTC')::timestamp, "
                "(SELECT coalesce(max(seq), 0) FROM sync_change)")
    now, head = cur.fetchone()
    return Hello(now, central_revisions(conn), estates, codes, highs, head)
