"""Change capture: database triggers that write every change to the outbox.

Triggers, not ORM events, so that bulk statements (``session.execute(insert(
Room), rows)``, ``update(...)``) and any other writer are captured too, in the
same transaction as the change.

On a terminal (SQLite) every synchronised table gets:

* ``sync_capture_ins_<table>`` (AFTER INSERT) and, for master data,
  ``sync_capture_upd_<table>`` (AFTER UPDATE, only when a column other than
  ``updated_at``/``terminal`` really changed): tick the hybrid logical clock
  in ``sync_state`` and append the whole new row as JSON to ``sync_outbox``
  with the list of changed columns, a random change id and the pull cursor
  (what this terminal had seen when the change was made).  Both are skipped
  while ``sync_state.applying`` is set, i.e. while a pulled page is applied.
* guards: money documents (AppendOnly) refuse UPDATE and DELETE outright;
  master data refuses physical DELETE (rows are tombstoned with
  ``deleted_at`` so that the deletion can travel).

On the centre (PostgreSQL) only the guards are installed (the central side
writes its change feed itself, see :mod:`propdesk.sync.central`).

**For other migrations**: after ``op.create_table(...)`` of a table whose
model uses ``Synced`` or ``AppendOnly`` -- and after any ``batch_alter_table``
of such a table, which on SQLite rebuilds it and loses its triggers -- call::

    from propdesk.sync.capture import install_capture
    install_capture(op, "fee_item")

It reads the table's columns from the live database, so call it again after
adding or dropping columns.  It is a no-op before migration 0005 has created
the sync tables (0005 then installs capture on every table present).  The test
``tests/sync/test_capture.py::test_every_synced_table_is_captured`` fails when
any Synced/AppendOnly table lacks capture or its trigger is stale.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from propdesk.sync import tables as sync_tables

# HLC tick in SQL: max(last + 1, physical milliseconds << 16).  julianday('now')
# is fixed for the duration of one statement, and precise to ~25 µs.
_NOW_HLC = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536"
_TICK = f"UPDATE sync_state SET hlc = max(hlc + 1, {_NOW_HLC}) WHERE id = 1;"
_NOT_APPLYING = "coalesce((SELECT applying FROM sync_state WHERE id = 1), 0) = 0"
_JSON_ARGS_MAX = 60  # json_object takes at most 127 arguments in a default SQLite build
_SKIP_CHANGE_TEST = frozenset({"id", "updated_at", "terminal"})

TRIGGER_PREFIX = "sync_"


def _conn(bind_or_op: Any) -> Connection:
    if hasattr(bind_or_op, "get_bind"):
        return bind_or_op.get_bind()
    return bind_or_op


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sync_ready(conn: Connection) -> bool:
    return inspect(conn).has_table("sync_state")


def _live_columns(conn: Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of the table as it is in the database now."""
    rows = conn.exec_driver_sql(f"PRAGMA table_info({_q(table)})").fetchall()
    return [(r[1], (r[2] or "").upper()) for r in rows]


def _json_expr(columns: list[tuple[str, str]], prefix: str = "NEW.") -> str:
    parts = []
    for name, decl in columns:
        value = f"{prefix}{_q(name)}"
        if "BLOB" in decl or "BINARY" in decl:
            value = f"hex({value})"
        parts.append(f"'{name}', {value}")
    chunks = [parts[i:i + _JSON_ARGS_MAX // 2] for i in range(0, len(parts), _JSON_ARGS_MAX // 2)]
    expr = f"json_object({', '.join(chunks[0])})"
    for chunk in chunks[1:]:  # json_patch drops null members; readers treat absent as null
        expr = f"json_patch({expr}, json_object({', '.join(chunk)}))"
    return expr


def _outbox_insert(table: str, op: str, cols_expr: str, payload: str) -> str:
    return (
        "INSERT INTO sync_outbox (change_id, table_name, row_id, op, cols, payload, hlc, base, "
        "created_at) VALUES (lower(hex(randomblob(16))), "
        f"'{table}', NEW.\"id\", '{op}', {cols_expr}, {payload}, "
        "(SELECT hlc FROM sync_state WHERE id = 1), "
        "(SELECT pull_cursor FROM sync_state WHERE id = 1), "
        "strftime('%Y-%m-%d %H:%M:%f', 'now'));"
    )


def sqlite_trigger_sql(table: str, kind: str, columns: list[tuple[str, str]]) -> dict[str, str]:
    """The CREATE TRIGGER statements for one table, by trigger name."""
    qt = _q(table)
    payload = _json_expr(columns)
    out: dict[str, str] = {}
    name = f"{TRIGGER_PREFIX}capture_ins_{table}"
    out[name] = (
        f"CREATE TRIGGER {_q(name)} AFTER INSERT ON {qt} WHEN {_NOT_APPLYING} BEGIN "
        f"{_TICK} {_outbox_insert(table, 'I', chr(39) * 2, payload)} END"
    )
    if kind == sync_tables.ROW:
        watched = [n for n, _ in columns if n not in _SKIP_CHANGE_TEST]
        changed = " OR ".join(f"OLD.{_q(n)} IS NOT NEW.{_q(n)}" for n in watched) or "0"
        cols = " || ".join(
            f"CASE WHEN OLD.{_q(n)} IS NOT NEW.{_q(n)} THEN ',{n}' ELSE '' END"
            for n, _ in columns if n != "id")
        name = f"{TRIGGER_PREFIX}capture_upd_{table}"
        out[name] = (
            f"CREATE TRIGGER {_q(name)} AFTER UPDATE ON {qt} "
            f"WHEN {_NOT_APPLYING} AND ({changed}) BEGIN "
            f"{_TICK} {_outbox_insert(table, 'U', f'substr({cols}, 2)', payload)} END"
        )
        name = f"{TRIGGER_PREFIX}guard_del_{table}"
        out[name] = (
            f"CREATE TRIGGER {_q(name)} BEFORE DELETE ON {qt} WHEN {_NOT_APPLYING} BEGIN "
            f"SELECT RAISE(ABORT, '{table}: 同步数据不能物理删除，请标记删除 "
            f"(synchronised rows are tombstoned with deleted_at, never deleted)'); END"
        )
    else:
        for op in ("UPDATE", "DELETE"):
            name = f"{TRIGGER_PREFIX}guard_{op.lower()[:3]}_{table}"
            out[name] = (
                f"CREATE TRIGGER {_q(name)} BEFORE {op} ON {qt} BEGIN "
                f"SELECT RAISE(ABORT, '{table}: 只增单据不能修改或删除，请做冲销单据 "
                f"(append-only document cannot be changed or deleted; post a reversal)'); END"
            )
    return out


PG_FUNCTION = """
CREATE OR REPLACE FUNCTION propdesk_sync_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'PropDesk %: % on % refused', TG_ARGV[0], TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'P0001',
              HINT = '只增单据不能修改或删除；同步数据只能标记删除 (documents are append-only; rows are tombstoned)';
END $$
"""


def pg_trigger_sql(table: str, kind: str) -> dict[str, str]:
    qt = _q(table)
    if kind == sync_tables.DOC:
        events, why = "UPDATE OR DELETE", "append-only document"
    else:
        events, why = "DELETE", "tombstone-only row"
    row = f"{TRIGGER_PREFIX}guard_{table}"
    stmt = f"{TRIGGER_PREFIX}guard_tr_{table}"
    return {
        row: f"CREATE TRIGGER {_q(row)} BEFORE {events} ON {qt} FOR EACH ROW "
             f"EXECUTE FUNCTION propdesk_sync_refuse('{why}')",
        stmt: f"CREATE TRIGGER {_q(stmt)} BEFORE TRUNCATE ON {qt} FOR EACH STATEMENT "
              f"EXECUTE FUNCTION propdesk_sync_refuse('{why}')",
    }


def _existing_triggers(conn: Connection, table: str) -> list[str]:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
    else:
        rows = conn.execute(text(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = :t AND NOT t.tgisinternal"), {"t": table})
    return [r[0] for r in rows if r[0].startswith(TRIGGER_PREFIX)]


def remove_capture(bind_or_op: Any, table: str) -> None:
    conn = _conn(bind_or_op)
    for name in _existing_triggers(conn, table):
        on = "" if conn.dialect.name == "sqlite" else f" ON {_q(table)}"
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)}{on}")


def _kind(table: str) -> str:
    t = sync_tables.get(table)
    if t is None:
        raise ValueError(
            f"{table} is not a Synced/AppendOnly model table; install_capture only applies to "
            "synchronised tables (is its model imported by propdesk.models?)")
    return t.kind


def install_capture(bind_or_op: Any, table: str) -> bool:
    """(Re)install capture on ``table``; False when the sync tables do not exist yet."""
    conn = _conn(bind_or_op)
    kind = _kind(table)
    if not _sync_ready(conn):
        return False
    remove_capture(conn, table)
    if conn.dialect.name == "sqlite":
        for sql in sqlite_trigger_sql(table, kind, _live_columns(conn, table)).values():
            conn.exec_driver_sql(sql)
    else:
        conn.exec_driver_sql(PG_FUNCTION.replace("%", "%%"))  # driver paramstyle is pyformat
        for sql in pg_trigger_sql(table, kind).values():
            conn.exec_driver_sql(sql)
    return True


def install_all(bind_or_op: Any) -> list[str]:
    """Install capture on every synchronised table present in the database."""
    conn = _conn(bind_or_op)
    present = set(inspect(conn).get_table_names())
    done = []
    for name in sync_tables.sync_tables():
        if name in present:
            install_capture(conn, name)
            done.append(name)
    return done


def remove_all(bind_or_op: Any) -> None:
    conn = _conn(bind_or_op)
    for name in inspect(conn).get_table_names():
        remove_capture(conn, name)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS propdesk_sync_refuse()")


# --- deferred capture of bulk documents ---------------------------------------------

#: ``sync_outbox.payload`` of a deferred entry: the row is read when it is pushed.
DEFERRED = ""


@contextlib.contextmanager
def deferred_capture(session: Any, table: str) -> Iterator[None]:
    """Bulk-insert append-only documents with one set-based capture instead of a trigger per row.

    Inside the block the table's insert-capture trigger is dropped -- DDL is
    transactional in SQLite, so it is re-created with its exact text when the
    block ends and nothing outside this transaction ever sees it missing.  A
    trigger that merely does nothing still costs SQLite a sub-program run per
    row (about 6 µs: 2.5 s of a 400,000-line bill run), so silencing it with
    ``applying`` is not enough.  On leaving the block, every row inserted in it
    (rowid above the table's highest before) gets its outbox entry in one
    INSERT … SELECT, with consecutive HLC stamps and the payload left
    :data:`DEFERRED`: an append-only row never changes, so reading it at push
    time (:func:`materialize`) sends exactly what the trigger would have copied.

    Writes to other tables inside the block are captured by their own
    triggers as usual.  A no-op on PostgreSQL and before the sync tables exist
    (plain triggers apply).  Same transaction as the inserts: all or nothing.
    """
    conn = session.connection() if hasattr(session, "connection") else _conn(session)
    if conn.dialect.name != "sqlite" or not _sync_ready(conn):
        yield
        return
    if _kind(table) != sync_tables.DOC:
        raise ValueError(f"deferred capture is for append-only documents, not {table}")
    qt = _q(table)
    name = f"{TRIGGER_PREFIX}capture_ins_{table}"
    trigger = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                   (name,)).scalar()
    before = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {qt}").scalar_one()
    if trigger:
        conn.exec_driver_sql(f"DROP TRIGGER {_q(name)}")
    try:
        yield
    except BaseException:
        # The caller may catch and carry on with this transaction: the trigger comes back,
        # and rows that went in before the failure get their entries (committed without
        # them they would never reach the centre; a rollback takes both away).
        with contextlib.suppress(Exception):
            if trigger:
                conn.exec_driver_sql(trigger)
            _capture_inserted(conn, table, before)
        raise
    if trigger:
        conn.exec_driver_sql(trigger)
    _capture_inserted(conn, table, before)


def _capture_inserted(conn: Connection, table: str, before: int) -> None:
    """Outbox entries for the rows of ``table`` above rowid ``before`` (deferred payload)."""
    qt = _q(table)
    # One statement for all rows.  A row's HLC is base + its rowid's offset: rows of one
    # insert take consecutive rowids, so stamps run on without gaps (and would stay
    # increasing and unique even with gaps), without a window function's sort.
    base, cursor, created = conn.exec_driver_sql(
        f"SELECT max(hlc + 1, {_NOW_HLC}), pull_cursor, strftime('%Y-%m-%d %H:%M:%f', 'now') "
        "FROM sync_state WHERE id = 1").one()
    n = conn.exec_driver_sql(
        "INSERT INTO sync_outbox (change_id, table_name, row_id, op, cols, payload, hlc, base, "
        f"created_at) SELECT lower(hex(randomblob(16))), '{table}', \"id\", 'I', '', '{DEFERRED}', "
        f"? + rowid - ? - 1, ?, ? FROM {qt} WHERE rowid > ? ORDER BY rowid",
        (base, before, cursor, created, before)).rowcount
    if n:
        last = conn.exec_driver_sql(f"SELECT max(rowid) FROM {qt}").scalar_one()
        conn.exec_driver_sql("UPDATE sync_state SET hlc = ? WHERE id = 1", (base + last - before - 1,))


def materialize(conn: Connection, table: str, row_ids: list[str]) -> dict[str, str]:
    """The JSON payloads of deferred outbox entries, read from the rows now (by row id)."""
    expr = _json_expr(_live_columns(conn, table), prefix="")
    out: dict[str, str] = {}
    for i in range(0, len(row_ids), 500):
        chunk = row_ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        out.update(conn.exec_driver_sql(
            f"SELECT \"id\", {expr} FROM {_q(table)} WHERE \"id\" IN ({marks})", tuple(chunk)).fetchall())
    return out


def _norm(sql: str) -> str:
    return " ".join(sql.split())


def capture_problems(bind: Any) -> list[str]:
    """Synchronised tables whose capture is missing or out of date (empty = all good)."""
    conn = _conn(bind)
    present = set(inspect(conn).get_table_names())
    problems = []
    for name, t in sync_tables.sync_tables().items():
        if name not in present:
            problems.append(f"{name}: table missing from the database (no migration?)")
            continue
        if conn.dialect.name == "sqlite":
            expected = sqlite_trigger_sql(name, t.kind, _live_columns(conn, name))
            actual = dict(conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                (name,)).fetchall())
        else:
            expected = pg_trigger_sql(name, t.kind)
            actual = {n: expected.get(n, "?") for n in _existing_triggers(conn, name)}
        for trig, sql in expected.items():
            if trig not in actual:
                problems.append(f"{name}: trigger {trig} missing (call install_capture)")
            elif _norm(actual[trig]) != _norm(sql):
                problems.append(f"{name}: trigger {trig} is stale, columns changed "
                                "(call install_capture again)")
    return problems
