"""The card tables on PostgreSQL: the migration matches the models, and a card's life
(issue, lost, export, cancel) runs there as on SQLite."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from propdesk.db import Database, downgrade, upgrade
from propdesk.models import Base
from propdesk.services import cards as svc
from propdesk.services import cards_lists
from propdesk.services import customers as C
from propdesk.services import property as P

CARD_TABLES = {"gate_card", "gate_card_event", "card_charge", "card_list_version", "card_list_entry",
               "card_tariff", "parking_rate"}
pytestmark = pytest.mark.pg


def test_migration_matches_models_on_postgres(pg_url):
    db = Database(pg_url, terminal="T01")
    upgrade(db.engine, "0004")
    assert CARD_TABLES <= set(inspect(db.engine).get_table_names())
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if any(t in str(d) for t in CARD_TABLES)] == []
    downgrade(db.engine, "0004-1")  # just the card revision
    assert not CARD_TABLES & set(inspect(db.engine).get_table_names())
    db.dispose()


def test_card_life_on_postgres(pg_url, admin, site, card_sim, reader):
    db = Database(pg_url, terminal="T01")
    db.upgrade()
    with db.session() as s:
        co = P.create_company(s, admin, code="HX", name="华兴物业")
        es = P.create_estate(s, admin, P.create_region(s, admin, co, code="SZ", name="深圳"), code="JD", name="锦都花园")
        b = P.create_building(s, admin, es, code="01", floors=6)
        P.generate_rooms(s, admin, P.RoomPlan(b.id, ["1"], (5, 5), 2, areas={1: (D("90"), D("70")), 2: (D("90"), D("70"))}))
        room = P.room_by_code(s, admin, "JD-01-1-0502")
        owner = C.create_customer(s, admin, name="张三丰", phone="13800138000")
        C.move_in(s, admin, owner.id, role="owner", start=dt.date(2024, 1, 1), room_id=room.id)
        room_id = room.id
    card_sim.place_card(bytes.fromhex("A1B2C3D4"))
    today = dt.date(2025, 6, 1)
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="resident", room_id=room_id, holder_name="张三丰", valid_until=dt.date(2026, 5, 31),
            deposit=D("50"), card_fee=D("20")), today=today)
    with db.session() as s:
        svc.report_lost(s, admin, result.card_id)
        doc = cards_lists.export_document(s, admin, site, today=today)
    assert [(e["list"], e["uid"]) for e in doc["entries"]] == [("black", "A1B2C3D4")]
    with db.session() as s:
        svc.cancel_card(s, admin, result.card_id, card_io=reader, secrets=site, today=today)
        assert svc.holder_for_uid(s, admin, "A1B2C3D4").status == "cancelled"
    db.dispose()
