"""Fixtures for the Qt UI tests: an app context over a migrated SQLite, demo data, operators."""

from __future__ import annotations

import pytest
from ui.context import AppContext, Settings
from tests.ui_support import chinese, contexts, ini_settings, role_actor  # noqa: F401  (fixtures)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return ini_settings(tmp_path / "settings.ini")


@pytest.fixture
def make_ctx(db, settings, contexts):
    """make_ctx(role, name) -> a context as that role; all share one settings file."""
    def make(role: str | None = "admin", name: str | None = None) -> AppContext:
        return contexts.make(db, role_actor(role, name) if role else None, settings=settings)
    return make


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
