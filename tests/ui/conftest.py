"""Fixtures for the Qt UI tests: an app context over a migrated SQLite, demo data, operators."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from propdesk.security import Actor
from ui.context import AppContext, Settings
from ui.i18n import set_language
from ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def chinese(qapp):
    """Every test starts (and ends) in Chinese, whatever the previous one switched to."""
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_ctx(db, settings):
    made = []

    def make(role: str | None = "admin", name: str | None = None) -> AppContext:
        ctx = AppContext(db=db, tasks=TaskRunner(db), settings=settings)
        if role:
            ctx.actor = Actor.for_role(name or role, role, display_name=name or role)
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.tasks.shutdown()


@pytest.fixture
def ctx(make_ctx) -> AppContext:
    return make_ctx("admin")


@pytest.fixture
def demo(db, admin):
    """A small demo company: estate JD, buildings of 2 units x 6 floors x 4 rooms (48 rooms each)."""
    from propdesk.demo import build_demo

    with db.session() as s:
        return build_demo(s, admin, rooms=300)


def wait_idle(qtbot, ctx, timeout: int = 10000) -> None:
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=timeout)
