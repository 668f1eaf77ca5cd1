"""The bill run's bulk writer stores exactly what the ORM would, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import select, text

from propdesk.db import Database
from propdesk.models.billing import BillLine
from propdesk.services.billing import catalog, run
from propdesk.services.billing.bulk import uuid7_ints, uuid7_many
from propdesk.services.billing.catalog import VersionInput
from tests.billing.conftest import build_estate


def _bill(database, actor):
    with database.session() as s:
        build_estate(s, actor)
        std = catalog.create_standard(s, actor, code="MGMT-STD", name="住宅物业费", fee_item="MGMT",
                                      method="building_area",
                                      version=VersionInput(dt.date(2026, 4, 1), unit_price=D("2.30")))
        catalog.assign(s, actor, std.id, scope_kind="company", start_period="2026-01")
        assert run.commit(s, actor, "2026-04").lines_written == 3


def _raw_rows(database, where):
    with database.engine.connect() as c:
        cols = [col.name for col in BillLine.__table__.columns
                if col.name not in ("id", "slot", "created_at", "run_id")]
        return [tuple(r) for r in c.execute(text(f"SELECT {', '.join(cols)} FROM bill_line WHERE {where} "
                                                 "ORDER BY target_code"))]


def _same_through_orm(database):
    """Copy each bulk-written line through the ORM and compare what the database holds."""
    with database.session() as s:
        lines = list(s.scalars(select(BillLine).order_by(BillLine.target_code)))
        assert [type(l.slot) for l in lines] == [uuid.UUID] * 3
        assert lines[0].service_from == dt.date(2026, 4, 1) and lines[0].amount == D("295.55")
        for l in lines:
            values = {c.name: getattr(l, c.key) for c in BillLine.__table__.columns if c.name != "id"}
            values.update(slot=uuid.uuid4(), reason="ORM copy")
            s.add(BillLine(**values))
    bulk = _raw_rows(database, "reason = ''")
    orm = _raw_rows(database, "reason = 'ORM copy'")
    reason = [c.name for c in BillLine.__table__.columns
              if c.name not in ("id", "slot", "created_at", "run_id")].index("reason")
    assert [r[:reason] + r[reason + 1:] for r in bulk] == [r[:reason] + r[reason + 1:] for r in orm]
    assert len(bulk) == 3
    # 128.50 m² × 2.30 = 295.55, 89.37 × 2.30 = 205.551 -> 205.55, 100.00 × 2.30 = 230.00 元, in fen
    with database.engine.connect() as c:
        amounts = [a for (a,) in c.execute(text("SELECT amount FROM bill_line WHERE reason = '' "
                                                "ORDER BY target_code"))]
    assert amounts == [29555, 20555, 23000]


def test_bulk_lines_store_what_the_orm_stores_on_sqlite(db, admin):
    _bill(db, admin)
    _same_through_orm(db)
    with db.engine.connect() as c:  # uuids as 32 hex digits, dates as ISO text
        slot, day = c.execute(text("SELECT slot, service_from FROM bill_line LIMIT 1")).one()
    assert len(slot) == 32 and int(slot[:8], 16) == 2026 * 12 + 3  # the slot starts with its period
    assert day == "2026-04-01"


@pytest.mark.pg
def test_bulk_lines_store_what_the_orm_stores_on_postgres(pg_url, admin):
    pg = Database(pg_url, terminal="C01")
    pg.upgrade()
    try:
        _bill(pg, admin)
        _same_through_orm(pg)
    finally:
        pg.dispose()


def test_uuid7_ints_are_version_7_and_ascending():
    ids = uuid7_ints(5000)  # more than one 12-bit counter's worth: carries into the millisecond
    assert ids == sorted(ids) and len(set(ids)) == 5000
    for i in ids:
        u = uuid.UUID(int=i)
        assert u.version == 7 and u.variant == uuid.RFC_4122
    assert [u.version for u in uuid7_many(3)] == [7, 7, 7] and uuid7_ints(0) == []


@pytest.mark.pg
def test_raw_loaders_on_postgres_prorate_and_rerun(pg_url, admin):
    """Targets and occupancy are read raw (native uuids and dates from psycopg): a mid-month
    move-in is prorated and a re-run posts nothing."""
    pg = Database(pg_url, terminal="C01")
    pg.upgrade()
    try:
        with pg.session() as s:
            build_estate(s, admin, owner_since=dt.date(2026, 4, 11))
            std = catalog.create_standard(s, admin, code="MGMT-STD", name="住宅物业费", fee_item="MGMT",
                                          method="building_area",
                                          version=VersionInput(dt.date(2026, 4, 1), unit_price=D("2.30")))
            catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
            res = run.commit(s, admin, "2026-04")
        # owners from 11 April: 20 of 30 days.
        # 128.50 × 2.30 × 20/30 = 197.0333 -> 197.03; 89.37 × 2.30 × 20/30 = 137.034 -> 137.03;
        # 100.00 × 2.30 × 20/30 = 153.333 -> 153.33
        assert sorted(l.amount for l in res.preview.lines) == [D("137.03"), D("153.33"), D("197.03")]
        with pg.session() as s:
            again = run.commit(s, admin, "2026-04")
        assert again.lines_written == 0 and again.preview.unchanged == 3
        with pg.engine.connect() as c:
            assert c.execute(text("SELECT sum(amount) FROM bill_line")).scalar_one() == 19703 + 13703 + 15333
    finally:
        pg.dispose()
