"""Document-number series: unique per terminal, never reused after a restore."""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import text

from propdesk.db import Database
from propdesk.errors import PropDeskError
from propdesk.sync import series

from tests.sync.util import register, sync


def take(db: Database, name: str, n: int = 1, **kw) -> list[int]:
    out = []
    for _ in range(n):
        with db.session() as s:
            out.append(series.next_number(s, name, **kw))
    return out


def test_numbers_count_up_per_series(make_terminal):
    t1 = make_terminal("T01")
    assert take(t1, "T01-2026", 3) == [1, 2, 3]
    assert take(t1, "TK-T01-2026-", 2) == [1, 2]   # a number prefix works as a name
    assert take(t1, "T01-2027") == [1]
    with t1.session() as s:
        assert series.receipt_series(s, 2026) == "T01-2026"
        assert series.format_number("T01-2026", 124) == "T01-2026-000124"
        assert series.last_number(s, "T01-2026") == 3


def test_a_number_is_taken_only_if_the_transaction_commits(make_terminal):
    t1 = make_terminal("T01")
    with pytest.raises(RuntimeError):
        with t1.session() as s:
            assert series.next_number(s, "T01-2026") == 1
            raise RuntimeError("receipt printing failed")
    assert take(t1, "T01-2026") == [1]


def test_a_series_must_belong_to_this_terminal(make_terminal):
    t1 = make_terminal("T01")
    for bad in ("T02-2026", "2026", "T01", "T011-2026", "T01-2026; DROP"):
        with t1.session() as s:
            with pytest.raises(PropDeskError, match="不属于本终端"):
                series.next_number(s, bad)


def test_above_lets_existing_numbering_switch_over(make_terminal):
    t1 = make_terminal("T01")
    assert take(t1, "T01-2026-", above=41) == [42]
    assert take(t1, "T01-2026-", above=10) == [43]


def test_two_processes_never_take_the_same_number(make_terminal):
    """Two connections (two windows, the CLI and the GUI) share the counter."""
    import threading

    t1 = make_terminal("T01")
    other = Database(t1.url, terminal="T01")
    got: list[int] = []
    lock = threading.Lock()

    def worker(db):
        for n in take(db, "T01-2026", 40):
            with lock:
                got.append(n)

    threads = [threading.Thread(target=worker, args=(d,)) for d in (t1, other)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    other.dispose()
    assert sorted(got) == list(range(1, 81))


@pytest.mark.pg
def test_a_restored_terminal_continues_above_what_the_centre_has_seen(make_terminal,
                                                                       central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    take(t1, "T01-2026", 2)
    path = t1.url.replace("sqlite:///", "")
    t1.dispose()
    shutil.copy(path, path + ".bak")                      # the nightly backup
    assert take(t1, "T01-2026", 3) == [3, 4, 5]
    sync(t1)                                               # the centre learns: up to 5
    t1.dispose()
    shutil.copy(path + ".bak", path)                       # the disk died; restore
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    restored = Database(t1.url, terminal="T01")
    with restored.engine.connect() as c:
        assert c.execute(text("SELECT last_value FROM number_series")).scalar_one() == 2
    sync(restored)                                         # first thing after a restore
    assert take(restored, "T01-2026", 2) == [6, 7]         # 3..5 are never issued again
    sync(restored)
    from tests.sync.util import central_scalar

    assert central_scalar(central_url, "SELECT last_value FROM sync_series_high "
                                       "WHERE series = 'T01-2026'") == 7
    restored.dispose()
