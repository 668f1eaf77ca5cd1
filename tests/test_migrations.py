"""Migrations run up and down on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from propdesk.db import Database, current_revisions, downgrade, head_revisions, upgrade
from propdesk.models import Base


def _check_roundtrip(url: str) -> None:
    db = Database(url, terminal="T01")
    upgrade(db.engine)
    assert current_revisions(db.engine) == head_revisions()
    tables = set(inspect(db.engine).get_table_names())
    assert {"room", "customer", "occupancy", "operator", "audit_log"} <= tables
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                 Base.metadata)
    assert diffs == [], f"models and migrations disagree: {diffs}"
    downgrade(db.engine, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(db.engine)  # and up again on the emptied database
    assert current_revisions(db.engine) == head_revisions()
    db.dispose()


def test_sqlite_up_down_up(tmp_path):
    _check_roundtrip(str(tmp_path / "m.sqlite3"))


@pytest.mark.pg
def test_postgres_up_down_up(pg_url):
    _check_roundtrip(pg_url)
