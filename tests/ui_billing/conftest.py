"""Fixtures of the billing UI tests: an app context and a small billed estate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QSettings

from propdesk.security import Actor
from propdesk.services.billing import catalog, run
from propdesk.services.billing.catalog import VersionInput
from tests.billing.conftest import build_estate
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

    def make(role: str = "admin") -> AppContext:
        settings = Settings(QSettings(str(tmp_path / f"s{len(made)}.ini"), QSettings.Format.IniFormat))
        ctx = AppContext(db=db, tasks=TaskRunner(db), settings=settings)
        ctx.actor = Actor.for_role(role, role, display_name=role)
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.tasks.shutdown()


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
