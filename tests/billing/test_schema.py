"""Migration 0002 creates exactly the billing tables the models describe (both databases)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import propdesk.models.billing as mb
from propdesk.db import Database, downgrade, upgrade
from propdesk.models import Base

BILLING_TABLES = {m.__tablename__ for m in vars(mb).values()
                  if isinstance(m, type) and issubclass(m, Base) and m is not Base}


def _billing_diffs(db: Database) -> list:
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                 Base.metadata)

    def table_of(d):
        obj = d[0] if isinstance(d, list) else d
        for part in obj[1:]:
            name = getattr(part, "name", None) if not hasattr(part, "table") else part.table.name
            if isinstance(part, str):
                name = part
            if name:
                return name
        return ""
    return [d for d in diffs if table_of(d) in BILLING_TABLES]


def _roundtrip(url: str) -> None:
    db = Database(url, terminal="T01")
    upgrade(db.engine, "0002")
    assert BILLING_TABLES <= set(inspect(db.engine).get_table_names())
    upgrade(db.engine)
    assert _billing_diffs(db) == []
    downgrade(db.engine, "0001")
    assert not (BILLING_TABLES & set(inspect(db.engine).get_table_names()))
    upgrade(db.engine, "0002")
    db.dispose()


def test_billing_migration_sqlite(tmp_path):
    _roundtrip(str(tmp_path / "b.sqlite3"))


@pytest.mark.pg
def test_billing_migration_postgres(pg_url):
    _roundtrip(pg_url)
