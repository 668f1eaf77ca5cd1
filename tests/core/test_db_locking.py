"""Write sessions take SQLite's write lock up front, so concurrent writers wait, not fail."""

from __future__ import annotations

import threading

from sqlalchemy import select, text

from propdesk.db import Database
from propdesk.models import LocalSetting


def test_a_writer_that_read_first_is_not_refused_by_a_concurrent_commit(tmp_path):
    db = Database(str(tmp_path / "lock.sqlite3"), terminal="T01")
    db.upgrade()
    with db.session() as s:
        s.add(LocalSetting(key="n", value="0"))
    other_started, other_done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def other_writer():
        try:
            other_started.set()
            with db.session() as s2:          # waits for the first writer (busy_timeout)
                s2.execute(text("UPDATE local_setting SET value = value || '+b' WHERE key = 'n'"))
        except BaseException as exc:          # pragma: no cover - the failure we guard against
            errors.append(exc)
        finally:
            other_done.set()

    with db.session() as s:
        assert s.scalar(select(LocalSetting.value).where(LocalSetting.key == "n")) == "0"
        t = threading.Thread(target=other_writer)
        t.start()
        other_started.wait(5)
        # The other writer cannot commit while this one holds the write lock ...
        assert not other_done.wait(0.3)
        s.execute(text("UPDATE local_setting SET value = value || '+a' WHERE key = 'n'"))
    t.join(15)
    assert errors == []
    with db.session(write=False) as s:
        # ... so both changes land, in order: "0" + "+a" + "+b"
        assert s.scalar(select(LocalSetting.value).where(LocalSetting.key == "n")) == "0+a+b"


def test_readers_do_not_wait_for_a_writer(tmp_path):
    db = Database(str(tmp_path / "read.sqlite3"), terminal="T01")
    db.upgrade()
    with db.session() as w:
        w.add(LocalSetting(key="k", value="v"))
        w.flush()
        # a read session sees the last committed state without blocking on the writer
        with db.session(write=False) as r:
            assert r.scalar(select(LocalSetting.value).where(LocalSetting.key == "k")) is None
