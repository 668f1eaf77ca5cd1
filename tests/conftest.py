"""Fixtures shared by the whole suite: databases, actors, the PostgreSQL server."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from propdesk.db import Database  # noqa: E402
from propdesk.security import Actor, system_actor  # noqa: E402


@pytest.fixture(scope="session")
def pg_server():
    from tests.pgserver import PgServer

    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new empty PostgreSQL database for one test."""
    return pg_server.create_database()


@pytest.fixture
def db(tmp_path) -> Database:
    """A migrated local SQLite database (the terminal's store)."""
    d = Database(str(tmp_path / "local.sqlite3"), terminal="T01")
    d.upgrade()
    yield d
    d.dispose()


@pytest.fixture
def admin() -> Actor:
    return system_actor()


@pytest.fixture
def actor_for():
    """actor_for('cashier') -> an Actor with that role's permissions."""
    return lambda role, name=None: Actor.for_role(name or role, role)
