"""The bulk import path on PostgreSQL (the central database)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from propdesk.db import Database
from propdesk.errors import ValidationFailed
from propdesk.excel.export import export_rooms
from propdesk.excel.importer import import_workbook
from propdesk.excel.sample import write_sample
from propdesk.models import Customer, Occupancy, Room
from tests.excel.conftest import table_counts

pytestmark = pytest.mark.pg


@pytest.fixture
def pg(pg_url):
    d = Database(pg_url, terminal="C01")
    d.upgrade()
    yield d
    d.dispose()


def test_import_on_postgres(pg, admin, tmp_path):
    path = tmp_path / "sales.xlsx"
    written = write_sample(path, rooms=600, seed=3)
    with pg.session() as s:
        report = import_workbook(s, admin, path)
    assert report.counts["room"] == 600 and report.counts["occupancy"] == written["业主"]
    counts = table_counts(pg)
    assert counts["room"] == 600 and counts["occupancy"] == written["业主"]
    assert counts["customer"] == report.counts["customer"]
    with pg.session() as s:
        room = s.scalar(select(Room).where(Room.code == "HY-01-1-0102"))
        assert room.building_area == Decimal("89.37") and room.inner_area == Decimal("70.15")
        assert room.floor == 1 and room.terminal == pg.terminal != ""
        assert s.scalar(select(Customer.name_initials).where(Customer.name_initials == "")) is None
        owners = s.scalars(select(Occupancy.room_id).where(Occupancy.role == "owner")).all()
        assert len(owners) == len(set(owners))
    # the same file again: every room is a duplicate, nothing is written
    with pytest.raises(ValidationFailed) as e, pg.session() as s:
        import_workbook(s, admin, path)
    assert sum(1 for p in e.value.problems if p.column == "房号" and "已存在" in p.zh) == 600
    assert table_counts(pg) == counts
    with pg.session() as s:
        assert export_rooms(s, admin, tmp_path / "out.xlsx").rows["房间"] == 600
