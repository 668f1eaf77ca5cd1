"""Fixtures for the service-desk UI tests: the small office of tests/service, an app
context per operator, and helpers to wait for background work."""

from __future__ import annotations

import pytest

from tests.service.conftest import NOW, Office, office  # noqa: F401  (the office fixture)
from tests.ui_support import chinese, contexts  # noqa: F401  (fixtures)


@pytest.fixture
def make_ctx(db, contexts):
    """make_ctx(actor) -> a context for that actor; all share one settings file."""
    return lambda actor: contexts.make(db, actor, settings="settings")


def idle(qtbot, *ctxs, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: all(c.tasks.is_idle() for c in ctxs), timeout=timeout)
