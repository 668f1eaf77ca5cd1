"""Fixtures of the sync UI tests: terminals, a central database, app contexts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from propdesk.security import Actor
from tests.sync.conftest import (  # noqa: F401  (the sync tests' fixtures)
    central_url, make_central, make_terminal, memory_keyring, pg_template, sqlite_template,
)
from ui.context import AppContext, Settings
from ui.i18n import set_language
from ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def chinese(qapp):
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def make_ctx(tmp_path):
    made = []

    def make(db, role: str = "supervisor", name: str = "王主管") -> AppContext:
        settings = Settings(QSettings(str(tmp_path / f"settings-{len(made)}.ini"),
                                      QSettings.Format.IniFormat))
        ctx = AppContext(db=db, tasks=TaskRunner(db), settings=settings)
        ctx.actor = Actor.for_role(name, role, display_name=name)
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.tasks.shutdown()
