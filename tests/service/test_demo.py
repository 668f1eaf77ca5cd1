"""The service-desk demo data: built through the services, once, consistent."""

from __future__ import annotations

from sqlalchemy import func, select

from propdesk.models.service import WorkOrder
from propdesk.services.service_desk import stock, workorders as wo
from propdesk.services.service_desk.demo import MATERIALS, build_demo
from tests.service.conftest import NOW


def test_demo_leaves_an_office_with_a_catalogue_alone(db, office, admin):
    with db.session() as s:
        assert build_demo(s, admin, now=NOW) == {}
        assert s.scalar(select(func.count()).select_from(WorkOrder)) == 0


def test_demo_on_an_empty_catalogue(tmp_path, admin):
    from propdesk.db import Database
    from propdesk.demo import build_demo as company_demo

    db = Database(str(tmp_path / "demo.sqlite3"), terminal="T01")
    db.upgrade()
    with db.session() as s:
        company_demo(s, admin, rooms=200)
        from propdesk.models import Operator
        s.add(Operator(username="gongcheng", display_name="刘工程", role="engineer",
                       password_hash="!"))
    with db.session() as s:
        counts = build_demo(s, admin, now=NOW)
        assert counts["stock_item"] == len(MATERIALS)
        assert counts["work_order"] == 12 and counts["complaint"] == 4
        assert counts["equipment"] > 0 and counts["maintenance_plan"] > 0
        states = dict(s.execute(select(WorkOrder.state, func.count()).where(
            WorkOrder.kind == "repair").group_by(WorkOrder.state)).all())
        assert set(states) == {"pending", "dispatched", "in_progress", "suspended", "to_visit",
                               "done"}
        assert all(level.on_hand >= 0 for level in stock.stock_levels(s, admin))
        posted = [o for o in wo.list_orders(s, admin) if o.charge_state == "posted"]
        assert posted and all(o.charge_amount > 0 for o in posted)
    db.dispose()
