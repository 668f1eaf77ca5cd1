"""Bulk documents captured set-based (deferred_capture) sync exactly like trigger-captured ones."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, text

from propdesk.clock import utcnow
from propdesk.ids import uuid7
from propdesk.models import AuditLog
from propdesk.sync import capture
from propdesk.sync.push import read_outbox


def _rows(n):
    now = utcnow()
    return [dict(id=uuid7(), created_at=now, terminal="T01", operator_id=None, operator_name="批量",
                 action="bulk", entity="test", entity_id=str(i), summary=f"第{i}行", before="",
                 after="") for i in range(n)]


def _outbox(db):
    with db.engine.connect() as c:
        return c.execute(text("SELECT table_name, row_id, payload, hlc FROM sync_outbox "
                              "WHERE table_name = 'audit_log' ORDER BY seq")).fetchall()


def test_deferred_rows_push_the_same_payload_as_the_trigger(db):
    rows = _rows(3)
    with db.session() as s:  # one row through the per-row trigger, for reference
        s.execute(insert(AuditLog), rows[:1])
    with db.session() as s:
        with capture.deferred_capture(s, "audit_log"):
            s.execute(insert(AuditLog), rows[1:])
    out = _outbox(db)
    # 1 trigger entry with its JSON, then 2 deferred entries without payload
    assert [p == capture.DEFERRED for _, _, p, _ in out] == [False, True, True]
    stamps = [h for *_, h in out]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3  # HLC strictly increasing
    changes = [c for c in read_outbox(db, "T01", limit=100) if c.table == "audit_log"]
    assert [c.values["summary"] for c in changes] == ["第0行", "第1行", "第2行"]
    # the deferred payload has exactly the keys and value forms of the trigger's
    assert set(changes[1].values) == set(changes[0].values)
    assert changes[1].values["operator_name"] == "批量"


def test_only_rows_inserted_inside_the_block_are_captured_once(db):
    with db.session() as s:
        s.execute(insert(AuditLog), _rows(2))
        with capture.deferred_capture(s, "audit_log"):
            s.execute(insert(AuditLog), _rows(4))
    assert len(_outbox(db)) == 2 + 4


def test_rollback_leaves_no_outbox_entries(db):
    with pytest.raises(RuntimeError):
        with db.session() as s:
            with capture.deferred_capture(s, "audit_log"):
                s.execute(insert(AuditLog), _rows(5))
            raise RuntimeError("crash after the bulk insert")
    assert _outbox(db) == []
    with db.engine.connect() as c:
        assert c.execute(text("SELECT applying FROM sync_state")).scalar_one() == 0


def _trigger_sql(db):
    with db.engine.connect() as c:
        return c.execute(text("SELECT sql FROM sqlite_master WHERE name = 'sync_capture_ins_audit_log'")).scalar()


def test_the_trigger_is_back_word_for_word_after_the_block(db):
    before = _trigger_sql(db)
    assert before
    with db.session() as s:
        with capture.deferred_capture(s, "audit_log"):
            s.execute(insert(AuditLog), _rows(2))
            # inside the block this transaction has no per-row capture on the table
            assert s.execute(text("SELECT count(*) FROM sqlite_master "
                                  "WHERE name = 'sync_capture_ins_audit_log'")).scalar_one() == 0
        s.execute(insert(AuditLog), _rows(1))  # after it: the trigger captures again
    assert _trigger_sql(db) == before
    out = _outbox(db)
    assert [p == capture.DEFERRED for _, _, p, _ in out] == [True, True, False]
    stamps = [h for *_, h in out]  # the trigger's stamp follows the block's: the clock moved on
    assert stamps == sorted(stamps) and len(set(stamps)) == 3 and stamps[1] == stamps[0] + 1
    with db.engine.connect() as c:
        assert capture.capture_problems(c) == []


def test_a_failure_caught_inside_the_transaction_restores_the_trigger(db):
    before = _trigger_sql(db)
    with db.session() as s:
        with pytest.raises(RuntimeError):
            with capture.deferred_capture(s, "audit_log"):
                raise RuntimeError("refused row")
        s.execute(insert(AuditLog), _rows(1))  # the caller carried on and commits
    assert _trigger_sql(db) == before
    assert [p == capture.DEFERRED for _, _, p, _ in _outbox(db)] == [False]


def test_rows_inserted_before_a_caught_failure_are_captured(db):
    """The block fails after some rows went in; the caller catches and commits.  Those
    rows were committed without outbox entries and would never reach the centre."""
    with db.session() as s:
        with pytest.raises(RuntimeError):
            with capture.deferred_capture(s, "audit_log"):
                s.execute(insert(AuditLog), _rows(3))
                raise RuntimeError("the fourth row was refused")
    assert [p == capture.DEFERRED for _, _, p, _ in _outbox(db)] == [True] * 3
    assert len(read_outbox(db, "T01")) == 3


def test_master_data_is_refused(db):
    with db.session() as s, pytest.raises(ValueError):
        with capture.deferred_capture(s, "room"):
            pass


@pytest.mark.pg
def test_a_bill_run_reaches_the_centre_and_another_terminal(make_terminal, central_url):
    """A bill run's lines and ledger entries (captured set-based) sync like any document."""
    import datetime as dt
    from decimal import Decimal as D

    from sqlalchemy import func, select

    from propdesk.models.billing import BillLine, LedgerEntry
    from propdesk.services.billing import catalog, run
    from propdesk.services.billing.catalog import VersionInput
    from tests.billing.conftest import build_estate
    from tests.sync.util import ADMIN, central_scalar, register, snapshot_sqlite, sync

    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    with t1.session() as s:
        build_estate(s, ADMIN)
        std = catalog.create_standard(s, ADMIN, code="MGMT-STD", name="住宅物业费", fee_item="MGMT",
                                      method="building_area",
                                      version=VersionInput(dt.date(2026, 4, 1), unit_price=D("2.30")))
        catalog.assign(s, ADMIN, std.id, scope_kind="company", start_period="2026-01")
        assert run.commit(s, ADMIN, "2026-04").lines_written == 3
    sync(t1)
    # 128.50 × 2.30 = 295.55; 89.37 × 2.30 = 205.55; 100.00 × 2.30 = 230.00 -> 731.10 = 73110 fen
    assert central_scalar(central_url, "SELECT count(*) FROM bill_line") == 3
    assert central_scalar(central_url, "SELECT sum(amount) FROM bill_line") == 73110
    assert central_scalar(central_url, "SELECT sum(amount) FROM ledger_entry WHERE kind = 'bill'") == 73110
    sync(t2)
    with t2.session() as s:
        assert s.scalar(select(func.sum(BillLine.amount))) == D("731.10")
        assert s.scalar(select(func.count()).select_from(LedgerEntry)) == 3
    assert snapshot_sqlite(t2) == snapshot_sqlite(t1)
