"""Change capture by database triggers, in the same transaction as the change."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy import insert, text, update

from propdesk.clock import utcnow
from propdesk.db import Database
from propdesk.models import AuditLog, Customer
from propdesk.services import customers as C
from propdesk.sync import capture, hlc
from propdesk.sync import tables as sync_tables


def outbox(db: Database) -> list[dict]:
    with db.engine.connect() as c:
        rows = c.execute(text("SELECT * FROM sync_outbox ORDER BY seq")).mappings().all()
    return [dict(r) for r in rows]


def test_every_synced_table_is_captured(db):
    """Fails when a migration creates (or rebuilds) a Synced/AppendOnly table
    without calling propdesk.sync.capture.install_capture."""
    found = sync_tables.sync_tables()
    assert {"customer", "room", "audit_log", "sync_conflict"} <= set(found)
    assert found["customer"].kind == sync_tables.ROW
    assert found["audit_log"].kind == sync_tables.DOC
    with db.engine.connect() as c:
        assert capture.capture_problems(c) == []


@pytest.mark.pg
def test_every_synced_table_is_guarded_on_postgres(central_url):
    d = Database(central_url)
    with d.engine.connect() as c:
        assert capture.capture_problems(c) == []
    d.dispose()


def test_local_tables_are_not_synced():
    names = set(sync_tables.sync_tables())
    assert not names & {"local_setting", "sync_outbox", "sync_state", "sync_change",
                        "sync_version", "number_series", "alembic_version"}


def test_fresh_database_has_empty_outbox_and_zero_clock(db):
    assert outbox(db) == []
    with db.engine.connect() as c:
        assert c.execute(text("SELECT hlc, pull_cursor, applying FROM sync_state")).one() == (0, 0, 0)


def test_orm_insert_and_update_are_captured_with_changed_columns(db, admin):
    with db.session() as s:
        cid = C.create_customer(s, admin, name="张三", phone="13800000000").id
    with db.session() as s:
        C.update_customer(s, admin, cid, phone="13900000000")
    rows = outbox(db)
    assert [(r["table_name"], r["op"]) for r in rows] == [
        ("customer", "I"), ("audit_log", "I"), ("customer", "U"), ("audit_log", "I")]
    ins, upd = rows[0], rows[2]
    assert ins["row_id"] == cid.hex and ins["cols"] == ""
    assert set(upd["cols"].split(",")) == {"phone", "updated_at"}
    payload = json.loads(upd["payload"])
    assert payload["phone"] == "13900000000" and payload["name"] == "张三"
    assert payload["id"] == cid.hex
    # every stamp strictly after the one before; change ids unique
    stamps = [r["hlc"] for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert len({r["change_id"] for r in rows}) == 4


def test_bulk_statements_are_captured(db):
    ids = [uuid.uuid4() for _ in range(3)]
    with db.session() as s:
        s.execute(insert(Customer), [
            dict(id=i, name=f"客户{n}", created_at=utcnow(), updated_at=utcnow(),
                 terminal="T01") for n, i in enumerate(ids)])
    with db.session() as s:
        s.execute(update(Customer).where(Customer.id.in_(ids[:2])).values(note="批量"))
    rows = outbox(db)
    assert [r["op"] for r in rows] == ["I", "I", "I", "U", "U"]
    assert {r["row_id"] for r in rows[3:]} == {ids[0].hex, ids[1].hex}
    assert all(r["cols"] == "note" for r in rows[3:])


def test_update_that_changes_nothing_or_only_stamps_is_not_captured(db, admin):
    with db.session() as s:
        cid = C.create_customer(s, admin, name="李四").id
    before = len(outbox(db))
    with db.session() as s:
        s.execute(update(Customer).where(Customer.id == cid).values(name="李四"))
        s.execute(update(Customer).where(Customer.id == cid)
                  .values(updated_at=utcnow(), terminal="T09"))
    assert len(outbox(db)) == before


def test_rollback_discards_the_captured_change(db, admin):
    with pytest.raises(RuntimeError):
        with db.session() as s:
            C.create_customer(s, admin, name="王五")
            s.flush()
            raise RuntimeError("boom")
    assert outbox(db) == []


def test_append_only_documents_refuse_update_and_delete_in_the_database(db, admin):
    with db.session() as s:
        C.create_customer(s, admin, name="赵六")
    with db.engine.begin() as c:
        with pytest.raises(sa.exc.IntegrityError, match="只增单据"):
            c.execute(update(AuditLog).values(summary="改"))
    with db.engine.begin() as c:
        with pytest.raises(sa.exc.IntegrityError, match="append-only"):
            c.execute(sa.delete(AuditLog))


@pytest.mark.pg
def test_append_only_documents_refuse_update_delete_truncate_on_postgres(central_url):
    d = Database(central_url)
    with d.engine.begin() as c:
        c.execute(insert(AuditLog).values(id=uuid.uuid4(), created_at=utcnow(),
                                          terminal="T01", operator_name="x", action="a",
                                          entity="e", entity_id="", summary="", before="",
                                          after=""))
    for stmt in (update(AuditLog).values(summary="改"), sa.delete(AuditLog),
                 text("TRUNCATE audit_log")):
        with d.engine.begin() as c:
            with pytest.raises(sa.exc.DBAPIError, match="append-only document"):
                c.execute(stmt)
    with d.engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(AuditLog)).scalar() == 1
    d.dispose()


def test_master_rows_refuse_physical_delete(db, admin):
    with db.session() as s:
        C.create_customer(s, admin, name="孙七")
    with db.engine.begin() as c:
        with pytest.raises(sa.exc.IntegrityError, match="deleted_at"):
            c.execute(sa.delete(Customer))


def test_applying_flag_silences_capture(db):
    with db.engine.begin() as c:
        c.execute(text("UPDATE sync_state SET applying = 1"))
        c.execute(insert(Customer).values(id=uuid.uuid4(), name="拉取", created_at=utcnow(),
                                          updated_at=utcnow(), terminal="T02"))
        c.execute(text("UPDATE sync_state SET applying = 0"))
    assert outbox(db) == []


def test_clock_never_runs_backwards(db, admin):
    """A clock that once ran ahead (or a PC clock set back) only counts up."""
    future = hlc.physical_now() + (3600 * 1000 << 16)
    with db.engine.begin() as c:
        c.execute(text("UPDATE sync_state SET hlc = :h"), {"h": future})
    with db.session() as s:
        C.create_customer(s, admin, name="周八")
    stamps = [r["hlc"] for r in outbox(db)]
    assert stamps == [future + 1, future + 2]
    with db.engine.connect() as c:
        assert hlc.read_local(c) == future + 2


def test_clock_follows_the_pc_clock(db, admin):
    before = hlc.physical_now()
    with db.session() as s:
        C.create_customer(s, admin, name="吴九")
    after = hlc.physical_now()
    stamp = outbox(db)[0]["hlc"]
    assert before - (5 << 16) <= stamp <= after + (5 << 16)  # julianday is ~25 µs precise


def test_missing_clock_row_fails_loudly_instead_of_losing_the_change(db, admin):
    with db.engine.begin() as c:
        c.execute(text("UPDATE sync_state SET applying = 1"))
        c.execute(text("DELETE FROM sync_state"))
    with pytest.raises(sa.exc.IntegrityError, match="NOT NULL"):
        with db.session() as s:
            C.create_customer(s, admin, name="郑十")


def test_payload_is_complete_for_wide_tables(db):
    """json_object takes at most 127 arguments; wide tables are built in chunks."""
    cols = [(f"c{i}", "INTEGER") for i in range(75)]
    sql = capture.sqlite_trigger_sql("wide", sync_tables.DOC, [("id", "CHAR(32)"), *cols])
    with db.engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE wide (id CHAR(32) PRIMARY KEY, "
                          + ", ".join(f"{n} INTEGER" for n, _ in cols) + ")")
        for stmt in sql.values():
            c.exec_driver_sql(stmt)
        values = ", ".join(str(i) if i % 10 else "NULL" for i in range(75))
        c.exec_driver_sql(f"INSERT INTO wide VALUES ('abc', {values})")
    payload = json.loads(outbox(db)[0]["payload"])
    assert payload["id"] == "abc"
    for i in range(75):
        assert payload.get(f"c{i}") == (None if i % 10 == 0 else i)


def test_install_capture_is_idempotent_and_refuses_unknown_tables(db):
    with db.engine.begin() as c:
        assert capture.install_capture(c, "customer") is True
        assert capture.install_capture(c, "customer") is True
        assert capture.capture_problems(c) == []
        with pytest.raises(ValueError, match="not a Synced/AppendOnly"):
            capture.install_capture(c, "local_setting")


def test_stale_trigger_is_reported_after_a_column_is_added(db):
    with db.engine.begin() as c:
        c.exec_driver_sql("ALTER TABLE pet ADD COLUMN chip TEXT")
        problems = capture.capture_problems(c)
        assert any("pet" in p and "stale" in p for p in problems)
        capture.install_capture(c, "pet")
        assert capture.capture_problems(c) == []


def test_money_travels_as_integer_fen(db, admin):
    """Scaled/Money columns are integers in the payload: no float, no rounding."""
    from propdesk.services import property as P

    with db.session() as s:
        co = P.create_company(s, admin, code="HX", name="华兴")
        rg = P.create_region(s, admin, co, code="SZ", name="深圳")
        P.create_estate(s, admin, rg, code="JD", name="锦都", building_area=Decimal("12345.67"))
    estate = [r for r in outbox(db) if r["table_name"] == "estate"][0]
    assert json.loads(estate["payload"])["building_area"] == 1234567
