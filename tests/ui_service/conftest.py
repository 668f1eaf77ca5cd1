"""Fixtures for the service-desk UI tests: the small office of tests/service, an app
context per operator, and helpers to wait for background work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.service.conftest import NOW, Office, office  # noqa: F401  (the office fixture)
from ui.context import AppContext, Settings
from ui.i18n import set_language
from ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def chinese(qapp):
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def make_ctx(db, tmp_path):
    made = []

    def make(actor) -> AppContext:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        ctx = AppContext(db=db, tasks=TaskRunner(db), settings=settings)
        ctx.actor = actor
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.tasks.shutdown()


def idle(qtbot, *ctxs, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: all(c.tasks.is_idle() for c in ctxs), timeout=timeout)
