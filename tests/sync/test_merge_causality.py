"""What a change had seen when it was made decides whether it overwrites silently."""

from __future__ import annotations

import pytest

from propdesk.models import Customer
from propdesk.services import customers as Cu

from tests.sync.util import ADMIN, central_all, register, sync

pytestmark = pytest.mark.pg


def _note(db, cid) -> str:
    with db.session(write=False) as s:
        return s.get(Customer, cid).note


@pytest.mark.parametrize("push_batch", [500, 1])
def test_an_edit_after_a_pull_that_kept_the_local_value_is_still_concurrent(
        make_terminal, central_url, push_batch):
    """T02 edits a note and, before it is pushed, pulls T01's concurrent note: the pull
    keeps T02's unpushed value, so T01's note is never shown on T02.  T02 then edits the
    note again.  That second edit had not seen T01's value, yet it was sent with the
    cursor past it and overwrote it without a conflict entry; the only entry said T01's
    note was kept."""
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="钱七", phone="13800000001", note="x").id
    sync(t1)
    sync(t2)
    with t2.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="T02-1")
    with t1.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="T01")
    sync(t1)
    sync(t2, max_push_batches=0)      # the pull runs, the push did not (line dropped)
    assert _note(t2, cid) == "T02-1"  # kept: T01's note was never on this screen
    with t2.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="T02-2")
    sync(t2, push_batch=push_batch)
    sync(t1)

    assert _note(t1, cid) == _note(t2, cid) == "T02-2"   # the latest write wins
    log = central_all(central_url, 'SELECT kept_value, lost_value FROM sync_conflict '
                                   'ORDER BY kept_hlc')
    # every value that was overwritten is in the log: T01's note too
    assert ('"T02-2"', '"T01"') in log
