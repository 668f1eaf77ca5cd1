"""A push repeated after the centre committed but before the terminal heard back."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from propdesk.models import Estate
from propdesk.services import property as P
from propdesk.sync import central, push
from propdesk.sync.run import central_engine

from tests.sync.util import ADMIN, central_all, company, outbox_count, register, same_document_two_contents, sync

pytestmark = pytest.mark.pg


def _push_and_lose_the_answer(db, code: str, url: str) -> central.BatchOutcome:
    """The centre applies and commits the batch; the terminal never records the outcome."""
    eng = central_engine(url)
    try:
        with eng.begin() as conn:
            return central.apply_batch(conn, code, push.read_outbox(db, code))
    finally:
        eng.dispose()


def _rejected(db) -> list[str]:
    with db.engine.connect() as c:
        return c.execute(text("SELECT table_name FROM sync_rejected")).scalars().all()


def test_a_refused_change_sent_again_is_refused_again_not_taken_as_delivered(make_terminal,
                                                                            central_url):
    """The refusal of a master-data change is published under the change's id (the
    centre sends its own state back).  Sent again after a dropped connection, the id was
    found in the feed and the change counted as delivered: it left the outbox without
    reaching sync_rejected, so nobody on the terminal could review or retry it."""
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    ids = company(t1)
    sync(t1)
    sync(t2)
    with t1.session() as s:
        P.create_building(s, ADMIN, s.get(Estate, ids["estate"]), code="02", floors=1)
    sync(t1)
    with t2.engine.begin() as c:   # offline, T02 renames its building 01 to 02 as well
        c.execute(text("UPDATE building SET code = '02' WHERE code = '01'"))

    first = _push_and_lose_the_answer(t2, "T02", central_url)
    assert len(first.rejected) == 1

    r = sync(t2)
    assert r.rejected == 1 and r.repeated == 0 and r.pushed == 0
    assert _rejected(t2) == ["building"]
    assert outbox_count(t2) == 0
    assert central_all(central_url, "SELECT kind FROM sync_alarm") == [("row_refused",)]


def test_a_refused_document_sent_again_raises_no_second_alarm(make_terminal, central_url):
    """The same document id with a different content: refused with one alarm, also when
    the batch has to be sent again."""
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    same_document_two_contents(t1, t2)
    sync(t1)
    first = _push_and_lose_the_answer(t2, "T02", central_url)
    assert len(first.rejected) == 1

    r = sync(t2)
    assert r.rejected == 1 and r.alarms == []
    assert _rejected(t2) == ["audit_log"]
    assert central_all(central_url, "SELECT kind FROM sync_alarm") == [("doc_mismatch",)]
