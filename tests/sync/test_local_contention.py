"""A sync that meets this terminal's own database busy: a long write (a bill run) holding
SQLite's write lock, or a second sync on the same terminal (the CLI's scheduled task while
the GUI syncs).  Neither is the network, and neither may leave half a page applied."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from propdesk.db import Database
from propdesk.sync import central, pull, settings
from propdesk.sync.central import SyncError
from tests.sync.util import central_scalar, customer, outbox_count, register, snapshot_sqlite, \
    sync

pytestmark = pytest.mark.pg


def _path(db: Database) -> str:
    return db.url.replace("sqlite:///", "")


def _cursor(db: Database) -> tuple[int, int]:
    with db.engine.connect() as c:
        return tuple(c.execute(text("SELECT pull_cursor, applying FROM sync_state")).one())


def test_a_write_lock_held_on_the_terminal_is_reported_as_local_not_as_the_network(
        make_terminal, central_url, monkeypatch):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    customer(t1, "钱七")
    before = outbox_count(t1)
    # The same terminal file, as the sync opens it, with a short busy timeout (10 s in use).
    db = Database(t1.url, terminal="T01", busy_timeout=0.3)
    # A bill run on this terminal holds the write lock: a real second connection.
    holder = sqlite3.connect(_path(t1), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sync_state SET hlc = hlc")
    recorded: list[str] = []
    real_write = settings.write

    def write(d, values):
        if settings.LAST_ERROR in values:   # the sync failed while the lock was held ...
            recorded.append(values[settings.LAST_ERROR])
            if holder.in_transaction:
                holder.rollback()           # ... and the bill run ends: the error is recorded
        return real_write(d, values)

    monkeypatch.setattr(settings, "write", write)
    try:
        with pytest.raises(SyncError) as info:
            sync(db)
    finally:
        if holder.in_transaction:
            holder.rollback()
        holder.close()
    err = info.value
    assert "本机数据库正忙" in err.zh and "稍后会自动重试" in err.zh
    assert "local database is busy" in err.en
    assert "无法连接" not in str(err) and "cannot reach" not in str(err)
    assert recorded and "本机数据库正忙" in recorded[0]
    assert "本机数据库正忙" in settings.read(db, settings.LAST_ERROR)
    assert outbox_count(t1) == before      # nothing lost; the next sync sends it
    monkeypatch.setattr(settings, "write", real_write)
    assert sync(db).pushed == before
    assert settings.read(db, settings.LAST_ERROR) == ""
    db.dispose()


def test_the_lock_held_until_the_end_still_gives_the_local_error(make_terminal, central_url):
    """If the error cannot even be recorded (the lock is still held), the user still gets
    the local-busy error, not a raw 'database is locked'."""
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    db = Database(t1.url, terminal="T01", busy_timeout=0.2)
    holder = sqlite3.connect(_path(t1), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(SyncError, match="本机数据库正忙"):
            sync(db)
    finally:
        holder.rollback()
        holder.close()
    db.dispose()


def test_a_central_failure_keeps_its_network_message(make_terminal, central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    bad = central_url.replace(central_url.split("@")[1].split("/")[0], "127.0.0.1:1")
    with pytest.raises(SyncError, match="无法连接中心数据库") as info:
        sync(t1, bad, connect_timeout=2)
    assert "本机数据库" not in str(info.value)


def test_a_second_sync_on_the_same_terminal_is_skipped_with_a_clear_error(
        make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    customer(t2, "周九")
    sync(t2)
    customer(t1, "吴十")
    reached, go_on = threading.Event(), threading.Event()
    outcome: list = []

    def pause(stage, n):   # the GUI's sync, held in the middle of its run
        reached.set()
        assert go_on.wait(30)

    def first():
        try:
            outcome.append(sync(t1, progress=pause))
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert reached.wait(30)
        cli = Database(t1.url)   # the scheduled `propdesk sync`: its own connection
        with pytest.raises(SyncError) as info:
            sync(cli)
        assert "另一个同步正在进行，本次跳过" in info.value.zh
        assert "another sync" in info.value.en
        assert "另一个同步正在进行" in settings.read(cli, settings.LAST_ERROR)
        cli.dispose()
    finally:
        go_on.set()
        thread.join(60)
    assert not isinstance(outcome[0], BaseException), outcome[0]
    assert outcome[0].pushed == 2 and outcome[0].pulled > 0
    assert settings.read(t1, settings.LAST_ERROR) == ""
    assert sync(t1).pushed == 0   # the lock was let go


def test_a_second_sync_from_another_process_is_skipped(make_terminal, central_url):
    import os
    import subprocess
    import sys

    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    customer(t1, "郑一")
    reached, go_on = threading.Event(), threading.Event()
    outcome: list = []

    def pause(stage, n):
        reached.set()
        assert go_on.wait(60)

    thread = threading.Thread(target=lambda: outcome.append(sync(t1, progress=pause)))
    thread.start()
    try:
        assert reached.wait(30)
        r = subprocess.run([sys.executable, "-m", "propdesk.cli", "sync", "--db", _path(t1)],
                           capture_output=True, text=True, timeout=120, env=dict(os.environ))
    finally:
        go_on.set()
        thread.join(60)
    assert r.returncode == SyncError.exit_code, r.stderr
    assert "另一个同步正在进行" in r.stderr
    assert outcome and outcome[0].pushed == 2


def test_a_cursor_moved_by_another_sync_is_a_sync_error_and_no_page_is_half_applied(
        make_terminal, central_url, monkeypatch):
    """Provoke the pull's cursor check: between reading the cursor and applying the page,
    another sync (one that got past the terminal lock, e.g. an older PropDesk) applies it."""
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    for n in range(5):
        customer(t2, f"客户{n}")
    sync(t2)
    other = Database(t1.url, terminal="T01")
    real_read = central.read_page
    moved: list[int] = []

    def read_page(conn, cursor, estates, limit):
        entries = real_read(conn, cursor, estates, limit)
        if entries and not moved:
            pull.apply_page(other, entries, expect_cursor=cursor, new_cursor=entries[-1].seq)
            moved.append(entries[-1].seq)
        return entries

    monkeypatch.setattr(central, "read_page", read_page)
    with pytest.raises(SyncError) as info:
        sync(t1)
    assert "另一个同步正在进行，本次跳过" in info.value.zh and "another sync" in info.value.en
    assert "另一个同步正在进行" in settings.read(t1, settings.LAST_ERROR)
    assert _cursor(t1) == (moved[0], 0)   # the other's page, whole; nothing of this one
    monkeypatch.setattr(central, "read_page", real_read)
    sync(t1)
    assert _cursor(t1)[0] == central_scalar(central_url, "SELECT max(seq) FROM sync_change")
    assert settings.read(t1, settings.LAST_ERROR) == ""
    other.dispose()


def test_apply_page_refuses_a_stale_cursor_with_a_sync_error_and_changes_nothing(
        make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    customer(t2, "王二")
    sync(t2)
    before = snapshot_sqlite(t1)
    from sqlalchemy import create_engine

    eng = create_engine(central_url)
    with eng.connect() as conn:
        entries = central.read_page(conn, 0, None, 100)
    eng.dispose()
    assert entries
    with pytest.raises(SyncError, match="另一个同步正在进行"):
        pull.apply_page(t1, entries, expect_cursor=entries[0].seq, new_cursor=entries[-1].seq)
    assert snapshot_sqlite(t1) == before and _cursor(t1) == (0, 0)
