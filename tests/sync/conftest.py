"""Fixtures for the sync tests: terminals (SQLite files) and central databases.

Migrating a database takes a second or two, and these tests need many, so
each kind is migrated once per session into a template and copied: a SQLite
file is copied on disk, a PostgreSQL database is created ``TEMPLATE`` the
migrated one.  The copies are independent, real databases.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from propdesk.db import Database


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tmpl") / "terminal.sqlite3"
    d = Database(str(path), terminal="T00")
    d.upgrade()
    with d.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    d.dispose()
    return path


@pytest.fixture
def make_terminal(sqlite_template, tmp_path):
    """make_terminal('T01') -> a migrated terminal Database in its own file."""
    made: list[Database] = []

    def make(code: str, name: str | None = None) -> Database:
        path = tmp_path / f"{name or code}.sqlite3"
        shutil.copy(sqlite_template, path)
        d = Database(str(path), terminal=code)
        with d.session() as s:
            from propdesk.db import write_setting

            write_setting(s, "terminal_code", code)
        made.append(d)
        return d

    yield make
    for d in made:
        d.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_server) -> str:
    """Name of a migrated PostgreSQL database used as TEMPLATE for central databases."""
    url = pg_server.create_database(prefix="synctmpl")
    d = Database(url)
    d.upgrade()
    d.dispose()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def make_central(pg_server, pg_template):
    """make_central() -> URL of a fresh, migrated central PostgreSQL database."""
    import itertools
    import os

    import psycopg

    counter = itertools.count()

    def make() -> str:
        name = f"central_{os.getpid()}_{id(counter) % 100000}_{next(counter)}"
        with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=postgres "
                             "dbname=postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
        return pg_server.url(name)

    return make


@pytest.fixture
def central_url(make_central) -> str:
    return make_central()


class MemoryKeyring:
    """An in-memory keyring backend, so tests never touch the real OS keyring."""

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class _Memory(KeyringBackend):
            priority = 1

            def __init__(self) -> None:
                super().__init__()
                self.store: dict[tuple[str, str], str] = {}

            def get_password(self, service, username):
                return self.store.get((service, username))

            def set_password(self, service, username, password):
                self.store[(service, username)] = password

            def delete_password(self, service, username):
                self.store.pop((service, username), None)

        return _Memory()


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch):
    import keyring

    old = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")  # subprocesses
    yield ring
    keyring.set_keyring(old)
