"""What every Qt UI test directory shares: the language reset and app contexts.

A UI ``conftest.py`` imports ``chinese`` and ``contexts`` from here (pytest
registers fixtures imported into a conftest) and adapts ``contexts.make`` to
its own defaults.  Kept out of tests/conftest.py so non-Qt tests never start a
QApplication.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from propdesk.db import Database
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


def ini_settings(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


class Contexts:
    """Makes AppContexts for one test and shuts their task runners down afterwards."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.made: list[AppContext] = []

    def make(self, db: Database, actor: Actor | None, *,
             settings: Settings | str | None = None) -> AppContext:
        """``settings``: a Settings object, or the name of an ini file in the test's
        tmp dir (contexts given the same name share it); default a new file each."""
        if not isinstance(settings, Settings):
            settings = ini_settings(self.tmp_path / f"{settings or f'settings-{len(self.made)}'}.ini")
        ctx = AppContext(db=db, tasks=TaskRunner(db), settings=settings)
        if actor is not None:
            ctx.actor = actor
        self.made.append(ctx)
        return ctx

    def close(self) -> None:
        for ctx in self.made:
            ctx.tasks.shutdown()


@pytest.fixture
def contexts(tmp_path):
    maker = Contexts(tmp_path)
    yield maker
    maker.close()


def role_actor(role: str, name: str | None = None) -> Actor:
    return Actor.for_role(name or role, role, display_name=name or role)
