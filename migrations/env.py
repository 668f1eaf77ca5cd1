"""Alembic environment: runs against the engine PropDesk hands over.

PropDesk calls alembic programmatically (``propdesk.db.upgrade``) with the
engine in ``config.attributes['engine']``; the ``alembic`` command line works
too when ``PROPDESK_DB`` names the database.
"""

from __future__ import annotations

from alembic import context

from propdesk.db import make_engine, resolve_url
from propdesk.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or make_engine(resolve_url())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things; batch mode copies the table.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("PropDesk migrations run online only (propdesk db upgrade)")
run_migrations_online()
