"""Money documents: append-only, exactly once, never merged; alarms instead of overwrites."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from sqlalchemy import text

from tests.sync.util import (
    central_all, central_rows, customer, money_by_terminal, outbox_count, pay,
    register, same_document_two_contents, sqlite_rows, sync,
)

pytestmark = pytest.mark.pg


def _three(make_terminal, url):
    ts = [make_terminal(f"T0{i}") for i in (1, 2, 3)]
    for i, t in enumerate(ts, start=1):
        register(t, url, f"T0{i}")
    return ts


def test_payments_from_three_terminals_arrive_everywhere_exactly_once(make_terminal, central_url):
    t1, t2, t3 = _three(make_terminal, central_url)
    cid = customer(t1, "张三")
    pay(t1, cid, "100.00")          # creates the site key the receipts are signed with
    sync(t1)
    sync(t2)
    sync(t3)
    r2 = [pay(t2, cid, "20.50"), pay(t2, cid, "30.00")]
    r3 = [pay(t3, cid, "0.01")]
    r1 = [pay(t1, cid, "7.77")]
    for t in (t3, t1, t2, t3, t1):
        sync(t)
    central = central_rows(central_url, "cashier_payment")
    assert len(central) == 5
    assert money_by_terminal(central) == {"T01": 10777, "T02": 5050, "T03": 1}
    numbers = sorted(r["number"] for r in central_rows(central_url, "cashier_receipt").values())
    y = dt.date.today().year
    assert numbers == [f"T01-{y}-000001", f"T01-{y}-000002", f"T02-{y}-000001",
                       f"T02-{y}-000002", f"T03-{y}-000001"]
    assert {x.receipt_number for x in r1 + r2 + r3} <= set(numbers)
    for t in (t1, t2, t3):
        assert sqlite_rows(t, "cashier_payment") == central
        assert sqlite_rows(t, "cashier_receipt") == central_rows(central_url, "cashier_receipt")
        assert sqlite_rows(t, "ledger_entry") == central_rows(central_url, "ledger_entry")


def test_same_document_id_with_different_content_raises_an_alarm(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    doc_id = same_document_two_contents(t1, t2)
    sync(t1)
    r = sync(t2)
    assert r.rejected == 1 and len(r.alarms) == 1 and "不同内容" in r.alarms[0]
    assert central_rows(central_url, "audit_log")[doc_id.hex]["summary"] == "收费 100 元"
    alarms = central_all(central_url, "SELECT kind, table_name, row_id, from_terminal "
                                      "FROM sync_alarm")
    assert alarms == [("doc_mismatch", "audit_log", doc_id.hex, "T02")]
    # the terminal keeps its document and the refused change, for review; nothing is lost
    assert sqlite_rows(t2, "audit_log")[doc_id.hex]["summary"] == "收费 999 元"
    with t2.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM sync_rejected")).scalar_one() == 1
    assert len(sqlite_rows(t2, "sync_alarm")) == 1   # the alarm reached the terminal


def test_an_edit_of_a_document_is_refused_by_the_centre(make_terminal, central_url):
    """A terminal without the local guard (older program, hand-edited file) cannot
    change a money document at the centre."""
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    cid = customer(t1, "李四")
    res = pay(t1, cid, "88.00")
    sync(t1)
    row = sqlite_rows(t1, "cashier_payment")[res.payment_id.hex]
    forged = dict(row, total=1)
    with t1.engine.begin() as c:
        c.execute(text("INSERT INTO sync_outbox (change_id, table_name, row_id, op, cols, payload, "
                       "hlc, base, created_at) VALUES ('f' || lower(hex(randomblob(15))), "
                       "'cashier_payment', :r, 'U', 'total', :p, 1, 0, '')"),
                  {"r": row["id"], "p": json.dumps(forged)})
    r = sync(t1)
    assert r.rejected == 1 and "只增单据" in r.alarms[0]
    assert central_rows(central_url, "cashier_payment")[row["id"]]["total"] == 8800
    assert central_all(central_url, "SELECT kind FROM sync_alarm") == [("doc_changed",)]


def test_a_document_the_central_schema_refuses_is_kept_and_alarmed(make_terminal, central_url):
    """A receipt number the centre already holds (a terminal restored from a backup,
    numbering from its own documents) is refused with an alarm, not dropped."""
    import shutil

    from propdesk.db import Database

    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    cid = customer(t1, "王五")
    pay(t1, cid, "10.00")
    sync(t1)
    backup = t1.url.replace("sqlite:///", "") + ".bak"
    t1.dispose()
    shutil.copy(t1.url.replace("sqlite:///", ""), backup)
    first = pay(t1, cid, "20.00")
    sync(t1)
    t1.dispose()
    shutil.copy(backup, t1.url.replace("sqlite:///", ""))   # disk died; restored yesterday's copy
    for suffix in ("-wal", "-shm"):
        path = t1.url.replace("sqlite:///", "") + suffix
        if os.path.exists(path):
            os.remove(path)
    restored = Database(t1.url, terminal="T01")
    again = pay(restored, cid, "30.00")
    assert again.receipt_number == first.receipt_number   # the cashier numbered from its own rows
    r = sync(restored)
    assert r.rejected >= 1 and any("拒收单据" in a for a in r.alarms)
    totals = sorted(p["total"] for p in central_rows(central_url, "cashier_payment").values())
    assert totals == [1000, 2000, 3000]          # the money itself arrived
    assert len(central_rows(central_url, "cashier_receipt")) == 2
    assert central_all(central_url, "SELECT kind, table_name FROM sync_alarm") == [
        ("doc_refused", "cashier_receipt")]
    with restored.engine.connect() as c:
        kept = c.execute(text("SELECT table_name FROM sync_rejected")).scalars().all()
    assert "cashier_receipt" in kept
    restored.dispose()


def test_documents_pushed_by_an_older_terminal_while_it_cannot_pull(make_terminal, central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    cid = customer(t1, "赵六")
    pay(t1, cid, "1.00")
    sync(t1)
    from sqlalchemy import create_engine

    eng = create_engine(central_url)
    with eng.begin() as c:   # the centre was upgraded by a newer PropDesk
        c.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999')"))
    eng.dispose()
    pay(t1, cid, "2.00")
    new_customer = customer(t1, "新客户")
    r = sync(t1)
    assert r.pull_refused and "本机程序版本较旧" in r.message and "收费单据仍会照常上传" in r.message
    assert r.pulled == 0 and r.deferred == 0
    totals = sorted(p["total"] for p in central_rows(central_url, "cashier_payment").values())
    assert totals == [100, 200]
    # master data waits in the outbox until the program is upgraded
    assert new_customer.hex not in central_rows(central_url, "customer")
    assert outbox_count(t1) >= 1
