"""Fixtures of the sync UI tests: terminals, a central database, app contexts."""

from __future__ import annotations

import pytest

from tests.sync.conftest import (  # noqa: F401  (the sync tests' fixtures)
    central_url, make_central, make_terminal, memory_keyring, pg_template, sqlite_template,
)
from tests.ui_support import chinese, contexts, role_actor  # noqa: F401  (fixtures)


@pytest.fixture
def make_ctx(contexts):
    return lambda db, role="supervisor", name="王主管": contexts.make(db, role_actor(role, name))
