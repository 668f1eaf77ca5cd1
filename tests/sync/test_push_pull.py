"""Push and pull against the real central PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text

from propdesk.models import Customer, Room
from propdesk.services import customers as Cu
from propdesk.services import property as P
from propdesk.sync import central, settings
from propdesk.sync.central import SyncError

from tests.sync.util import (
    ADMIN, central_all, central_rows, central_scalar, company, outbox_count, register,
    snapshot_central, snapshot_sqlite, sqlite_rows, sync,
)

pytestmark = pytest.mark.pg


def test_first_sync_uploads_everything_and_a_new_terminal_receives_it(make_terminal, central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    ids = company(t1)
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="张三", phone="13800000001").id
    captured = outbox_count(t1)
    assert captured > 0

    r1 = sync(t1)
    assert r1.pushed == captured and r1.repeated == 0 and r1.conflicts == 0
    assert outbox_count(t1) == 0
    assert central_scalar(central_url, "SELECT count(*) FROM room") == 4
    # the pushing terminal gets its own rows back (merged state), harmlessly
    assert r1.pulled == captured

    t2 = make_terminal("T02")
    register(t2, central_url, "T02")
    r2 = sync(t2)
    assert r2.pushed == 0 and r2.pulled == captured
    assert snapshot_sqlite(t2) == snapshot_sqlite(t1) == snapshot_central(central_url)
    with t2.session() as s:
        assert s.get(Customer, cid).phone == "13800000001"
        assert s.get(Room, P.room_by_code(s, ADMIN, "JD-01-1-0201").id).building_area == \
            Decimal("100.00")
        assert s.get(Room, P.room_by_code(s, ADMIN, "JD-01-1-0202").id).inner_area == \
            Decimal("70.25")
    assert ids["estate"]


def test_pulled_changes_are_not_captured_again(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    company(t1)
    sync(t1)
    sync(t2)
    assert outbox_count(t2) == 0
    again = sync(t2)
    assert again.pushed == 0 and again.pulled == 0


def test_an_interrupted_push_is_sent_again_and_changes_nothing(make_terminal, central_url):
    """The centre committed, the terminal died before deleting its outbox: resend."""
    from propdesk.sync import push

    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    company(t1)
    changes = push.read_outbox(t1, "T01", limit=10_000)
    from propdesk.sync.run import central_engine

    eng = central_engine(central_url)
    with eng.begin() as conn:
        first = central.apply_batch(conn, "T01", changes)
    eng.dispose()
    assert len(first.accepted) == len(changes) and first.repeated == 0
    feed = central_scalar(central_url, "SELECT count(*) FROM sync_change")

    r = sync(t1)   # the same outbox again
    assert r.repeated == len(changes) and r.pushed == 0
    assert central_scalar(central_url, "SELECT count(*) FROM sync_change") == feed
    assert central_scalar(central_url, "SELECT count(*) FROM audit_log") == \
        len(sqlite_rows(t1, "audit_log"))


def test_concurrent_edits_merge_field_by_field_and_log_the_loser(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="李四", phone="13800000002").id
    sync(t1)
    sync(t2)
    # offline, both edit the same customer: T01 the phone and note, T02 the note and employer
    with t1.session() as s:
        Cu.update_customer(s, ADMIN, cid, phone="13911111111", note="T01的备注")
    with t2.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="T02的备注", employer="华为")
    r1 = sync(t1)
    r2 = sync(t2)
    assert r1.conflicts == 0 and r2.conflicts == 1
    sync(t1)
    for db in (t1, t2):
        with db.session() as s:
            c = s.get(Customer, cid)
            assert (c.phone, c.note, c.employer) == ("13911111111", "T02的备注", "华为")
    assert sqlite_rows(t1, "customer") == sqlite_rows(t2, "customer") == \
        central_rows(central_url, "customer")
    conflicts = central_all(central_url, "SELECT table_name, \"column\", kind, kept_value, "
                                         "lost_value, kept_terminal, lost_terminal, status "
                                         "FROM sync_conflict")
    assert conflicts == [("customer", "note", "lww", '"T02的备注"', '"T01的备注"', "T02", "T01",
                          "open")]
    # the conflict log reaches the terminals
    assert len(sqlite_rows(t1, "sync_conflict")) == 1


def test_tie_on_the_clock_is_broken_by_terminal_code(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    for t, code in ((t1, "T01"), (t2, "T02")):
        register(t, central_url, code)
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="王五").id
    sync(t1)
    sync(t2)
    stamp = (int(dt.datetime(2030, 1, 1).timestamp()) * 1000) << 16
    for t, note in ((t1, "一"), (t2, "二")):
        with t.engine.begin() as c:   # both clocks at exactly the same stamp
            c.execute(text("UPDATE sync_state SET hlc = :h"), {"h": stamp})
        with t.session() as s:
            Cu.update_customer(s, ADMIN, cid, note=note)
    sync(t2)
    sync(t1)
    sync(t2)
    for t in (t1, t2):
        with t.session() as s:
            assert s.get(Customer, cid).note == "二"   # same HLC: T02 > T01


def test_a_terminal_that_saw_a_change_overrides_it_without_conflict(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="赵六", note="a").id
    sync(t1)
    sync(t2)
    with t2.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="b")
    sync(t2)
    sync(t1)
    with t1.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="c")
    r = sync(t1)
    assert r.conflicts == 0
    sync(t2)
    with t2.session() as s:
        assert s.get(Customer, cid).note == "c"


def test_local_unpushed_edits_survive_a_pull(make_terminal, central_url):
    """A field changed here and not pushed yet keeps its local value when pulling."""
    from propdesk.sync import pull
    from propdesk.sync.run import central_engine

    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    with t1.session() as s:
        cid = Cu.create_customer(s, ADMIN, name="钱七", phone="13800000001", note="x").id
    sync(t1)
    sync(t2)
    with t1.session() as s:
        Cu.update_customer(s, ADMIN, cid, phone="13800000002", note="y")
    sync(t1)
    with t2.session() as s:
        Cu.update_customer(s, ADMIN, cid, note="local")
    # pull only (as when the push failed): note stays local, phone comes in
    eng = central_engine(central_url)
    with t2.engine.connect() as c:
        cursor = c.execute(text("SELECT pull_cursor FROM sync_state")).scalar_one()
    with eng.connect() as conn:
        entries = central.read_page(conn, cursor, None, 1000)
    eng.dispose()
    pull.apply_page(t2, entries, expect_cursor=cursor, new_cursor=entries[-1].seq)
    with t2.session() as s:
        c = s.get(Customer, cid)
        assert (c.phone, c.note) == ("13800000002", "local")
    sync(t2)
    sync(t1)
    assert sqlite_rows(t1, "customer") == sqlite_rows(t2, "customer")


def test_estates_served_limit_what_a_new_terminal_pulls(make_terminal, central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    company(t1, "JD")
    company(t1, "XY", make_company=False)
    with t1.session() as s:
        Cu.create_customer(s, ADMIN, name="全公司客户")
    sync(t1)
    t3 = make_terminal("T03")
    info = register(t3, central_url, "T03", estates=["XY"])
    assert info["estates"] == ["XY"]
    sync(t3)
    with t3.session() as s:
        codes = sorted(r.code for r in s.query(Room))
        assert codes == ["XY-01-1-0101", "XY-01-1-0102", "XY-01-1-0201", "XY-01-1-0202"]
        assert s.query(Customer).count() == 1   # company-wide data comes too
    units_t3 = sqlite_rows(t3, "unit")
    assert len(units_t3) == 1                    # scoped through building -> estate


def test_unregistered_or_foreign_terminal_is_refused(make_terminal, central_url):
    t1 = make_terminal("T01")
    settings.save_central(t1, central_url)
    with pytest.raises(SyncError, match="尚未在中心注册"):
        sync(t1)
    register(t1, central_url, "T01")
    other = make_terminal("T01", name="impostor")
    with pytest.raises(Exception, match="已被另一台电脑注册"):
        register(other, central_url, "T01")
    settings.save_central(other, central_url)
    with pytest.raises(SyncError, match="注册给另一台电脑"):
        sync(other)


def test_network_failure_is_a_clear_error_and_loses_nothing(make_terminal, central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    with t1.session() as s:
        Cu.create_customer(s, ADMIN, name="孙八")
    before = outbox_count(t1)
    bad = central_url.replace(central_url.split("@")[1].split("/")[0], "127.0.0.1:1")
    with pytest.raises(SyncError, match="无法连接中心数据库"):
        sync(t1, bad, connect_timeout=2)
    assert outbox_count(t1) == before
    assert "无法连接" in settings.read(t1, settings.LAST_ERROR)


def test_the_centre_issues_codes_when_none_is_given(make_terminal, central_url):
    from propdesk.sync.run import register_terminal

    a, b = make_terminal("T00", name="a"), make_terminal("T00", name="b")
    assert register_terminal(a, ADMIN, central_url)["code"] == "T01"
    assert register_terminal(b, ADMIN, central_url)["code"] == "T02"
    assert register_terminal(a, ADMIN, central_url)["code"] == "T01"   # again: the same code
    assert a.terminal == "T01" and b.terminal == "T02"
    c = make_terminal("T00", name="c")
    register(c, central_url, "T07")
    d = make_terminal("T00", name="d")
    assert register_terminal(d, ADMIN, central_url)["code"] == "T08"
