"""Engines, sessions and schema upgrades.

A :class:`Database` wraps one engine.  Work happens in short sessions, one per
operation (``with db.session() as s: ...``), committed at the end of the block
or rolled back on an exception, so a service call is all-or-nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from propdesk.paths import MIGRATIONS, default_db_url


def resolve_url(value: str | None = None) -> str:
    """A database given as a URL or a file path; default from PROPDESK_DB or the user dir."""
    value = value or os.environ.get("PROPDESK_DB") or default_db_url()
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


# How long a write waits for another connection's write lock (a bill run, an import,
# a sync page) before SQLite gives up with "database is locked".  One value for the
# driver's timeout and the PRAGMA, so neither silently overrides the other.
BUSY_TIMEOUT = 10.0   # seconds


def _sqlite_pragmas(busy_timeout: float):
    def pragmas(dbapi_conn, _record) -> None:
        # The sqlite3 module's implicit transactions break SAVEPOINT handling and
        # alembic's batch mode; take control of BEGIN ourselves.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return pragmas


def _sqlite_begin(conn) -> None:
    # Write sessions begin IMMEDIATE (they take the write lock up front): a
    # deferred transaction that read first cannot upgrade to a writer once
    # another connection has committed in between -- SQLite then fails at once
    # with "database is locked" instead of waiting out busy_timeout.
    mode = conn.get_execution_options().get("propdesk_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".rstrip())


def make_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": busy_timeout})
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    def __init__(self, url: str | None = None, *, terminal: str | None = None,
                 busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.url = resolve_url(url)
        self.engine = make_engine(self.url, busy_timeout=busy_timeout)
        # For write transactions outside a session (``db.writer.begin()``): BEGIN
        # IMMEDIATE, so they wait out busy_timeout instead of failing (see _sqlite_begin).
        self.writer = self.engine.execution_options(propdesk_begin="IMMEDIATE")
        self._factory = sessionmaker(self.writer, expire_on_commit=False)
        self._read_factory = sessionmaker(self.engine, expire_on_commit=False)
        self._terminal = terminal

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def terminal(self) -> str:
        if self._terminal is None:
            try:
                self._terminal = read_setting(self, "terminal_code", "T01")
            except DBAPIError:  # schema not created yet
                return "T01"
        return self._terminal

    @contextlib.contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception.

        ``write=False`` for pure reads: on SQLite they then neither take nor
        wait for the write lock (a bill run holding it does not block them)."""
        s = (self._factory if write else self._read_factory)()
        s.info["terminal"] = self.terminal
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def read_session(self) -> Session:
        """A session for reads only (the caller closes it)."""
        return self._read_factory()

    def upgrade(self, revision: str = "heads") -> None:
        upgrade(self.engine, revision)
        self._terminal = None

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def current_revisions(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as c:
        return set(MigrationContext.configure(c).get_current_heads())


def head_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads(consider_depends_on=True))


def read_setting(db: Database, key: str, default: str = "") -> str:
    from propdesk.models import LocalSetting

    with db._read_factory() as s:
        row = s.execute(select(LocalSetting.value).where(LocalSetting.key == key)).scalar()
        return default if row is None else row


def write_setting(session: Session, key: str, value: str) -> None:
    from propdesk.models import LocalSetting

    row = session.get(LocalSetting, key)
    if row is None:
        session.add(LocalSetting(key=key, value=value))
    else:
        row.value = value
