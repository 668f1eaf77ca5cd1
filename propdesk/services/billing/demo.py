"""A sensible billing set-up for the demo company (and a starting point for a real one).

Standards (prices typical of a Shenzhen residential estate), assigned to the
whole company by room usage, a late-fee rule on the management fee, and
water/electric meters with two months of readings in the first building of
each estate.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.billing.calc import Tier
from propdesk.billing.periods import Period
from propdesk.models import Building, Estate, Room
from propdesk.models.billing import FeeStandard
from propdesk.security import Actor
from propdesk.services.billing import catalog, meters
from propdesk.services.billing.catalog import VersionInput

LATE = dict(late_daily_rate=D("0.0005"), late_grace_days=15, late_cap_ratio=D("1"))


def setup_demo_billing(session: Session, actor: Actor, *, start: Period | None = None,
                       meters_per_estate: int = 48) -> dict[str, int]:
    """Create the demo standards, rules and meters (idempotent: skipped if present)."""
    if session.scalar(select(FeeStandard.id).where(FeeStandard.code == "ZZ-WYF")):
        return {"standards": 0, "meters": 0}
    start = start or Period.of(dt.date.today()).add(-2)
    since = start.first_day
    made = []
    defs = [
        ("ZZ-WYF", "住宅物业服务费", "MGMT", "building_area", "residential", VersionInput(since, unit_price=D("2.30"), **LATE), {}),
        ("SP-WYF", "商铺物业服务费", "MGMT", "building_area", "shop", VersionInput(since, unit_price=D("5.00"), **LATE), {}),
        ("ZZ-DTF", "电梯运行费", "ELEV", "fixed", "residential", VersionInput(since, amount=D("20.00")), {}),
        ("ZZ-ECGS", "二次供水费", "WSUP", "inner_area", "residential", VersionInput(since, unit_price=D("0.15")), {}),
        ("ZZ-LJF", "生活垃圾清运费", "GARB", "fixed", "", VersionInput(since, amount=D("10.00")), {}),
        ("CW-GLF", "车位管理费", "PARK", "fixed", "", VersionInput(since, amount=D("150.00")), {"target": "space"}),
        ("JM-SF", "居民水费", "WATER", "metered", "residential",
         VersionInput(since, tiers=[Tier(D("15"), D("3.50")), Tier(D("25"), D("4.55")), Tier(None, D("6.10"))]),
         {"meter_kind": "water", "due_offset_months": 1, "due_day": 15}),
        ("JM-DF", "居民电费", "ELEC", "metered", "residential", VersionInput(since, unit_price=D("0.68")),
         {"meter_kind": "electric", "due_offset_months": 1, "due_day": 15}),
    ]
    for code, name, item, method, usage, ver, extra in defs:
        std = catalog.create_standard(session, actor, code=code, name=name, fee_item=item, method=method,
                                      version=ver, **extra)
        catalog.assign(session, actor, std.id, scope_kind="company", usage=usage if extra.get("target") != "space" else "",
                       start_period=start)
        made.append(std)
    n_meters = 0
    for estate in session.scalars(select(Estate).where(Estate.deleted_at.is_(None))):
        b = session.scalar(select(Building).where(Building.estate_id == estate.id).order_by(Building.sort_key))
        if b is None:
            continue
        rooms = list(session.scalars(select(Room).where(Room.building_id == b.id).order_by(Room.code)
                                     .limit(meters_per_estate)))
        for i, r in enumerate(rooms):
            for kind, base, step in (("water", D("120"), D("11") + i % 9), ("electric", D("3400"), D("160") + 7 * (i % 13))):
                m = meters.create_meter(session, actor, kind=kind, room_id=r.id, initial_reading=base,
                                        installed_on=start.add(-1).last_day,
                                        max_reading=D("99999") if kind == "water" else D("999999"), places=0)
                value = base
                for k in range(2):
                    value += step
                    p = start.add(k)
                    meters.record_reading(session, actor, m.id, value, p.day(25), source="manual",
                                          accept_warnings=True)
                n_meters += 1
    return {"standards": len(made), "meters": n_meters}
