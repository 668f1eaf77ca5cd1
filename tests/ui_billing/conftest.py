"""Fixtures of the billing UI tests: an app context and a small billed estate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.services.billing import catalog, run
from propdesk.services.billing.catalog import VersionInput
from tests.billing.conftest import build_estate
from tests.ui_support import chinese, contexts, role_actor  # noqa: F401  (fixtures)


@pytest.fixture
def make_ctx(db, contexts):
    return lambda role="admin": contexts.make(db, role_actor(role))


@pytest.fixture
def billed(db, admin):
    """Estate JD with the 2.30 元/m² management fee; ``post`` bills a period."""
    with db.session() as s:
        e = build_estate(s, admin)
        std = catalog.create_standard(s, admin, code="MGMT-STD", name="住宅物业费", fee_item="MGMT",
                                      method="building_area", due_day=30,
                                      version=VersionInput(dt.date(2026, 1, 1), unit_price=D("2.30"),
                                                           late_daily_rate=D("0.0005")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
    return e


def post(db, admin, period: str) -> None:
    with db.session() as s:
        run.commit(s, admin, period)
