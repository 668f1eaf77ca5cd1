"""Fixtures for the Excel tests: real workbooks on disk and row counts of the database."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from propdesk.models import AuditLog, Building, Company, Customer, Estate, Occupancy, Region, Room, Unit
from tests.excel.helpers import good_sheets, write_book

TABLES = (Company, Region, Estate, Building, Unit, Room, Customer, Occupancy, AuditLog)


@pytest.fixture
def book(tmp_path):
    """book(sheets, name='x.xlsx') -> path of a real .xlsx holding ``sheets``."""
    made = iter(range(1, 1000))

    def make(sheets: dict, name: str | None = None):
        return write_book(tmp_path / (name or f"book{next(made)}.xlsx"), sheets)
    return make


@pytest.fixture
def sheets():
    """A fresh deep copy of the good workbook's content, to spoil one cell at a time."""
    return copy.deepcopy(good_sheets())


def table_counts(db) -> dict[str, int]:
    with db.session() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


@pytest.fixture
def counts():
    return table_counts
