"""The 仪表 screen's services: a building's meters with their last reading, a meter's
history with usage, replacement and rollover, and who entered each reading."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.errors import ValidationFailed
from propdesk.models import AuditLog
from propdesk.models.billing import MeterReading
from propdesk.security import Actor
from propdesk.services.billing import meters
from tests.billing.conftest import build_estate


def test_list_history_replacement_rollover_and_who(db, admin):
    clerk = Actor.for_role("li", "finance", display_name="李会计")
    with db.session() as s:
        e = build_estate(s, admin)
        w = meters.create_meter(s, admin, kind="water", room_id=e.rooms["0101"], initial_reading=D("9990"),
                                installed_on=dt.date(2026, 3, 31), max_reading=D("9999"), places=0)
        pub = meters.create_meter(s, admin, kind="electric", building_id=e.building_id, initial_reading=D("100"),
                                  installed_on=dt.date(2026, 3, 31), multiplier=D("40"))
        w_id, pub_id = w.id, pub.id
    with db.session() as s:
        meters.enter_readings(s, clerk, "2026-04", dt.date(2026, 4, 25),
                              [meters.ReadingEntry(w_id, D("5"), rollover=True),
                               meters.ReadingEntry(pub_id, D("112.5"))], accept_warnings=True)
    with db.session() as s:
        meters.replace_meter(s, clerk, pub_id, old_final=D("120"), new_initial=D("0.5"), on=dt.date(2026, 5, 3),
                             multiplier=D("20"))
    with db.session() as s:
        rows = meters.list_meters(s, admin, e.building_id)
        hw = meters.meter_history(s, admin, w_id)
        hp = meters.meter_history(s, admin, pub_id)
    # room meters first, then public ones
    assert [(r.room_code, r.kind, r.last_value, r.last_on) for r in rows] == [
        ("JD-01-1-0101", "water", D("5"), dt.date(2026, 4, 25)),
        ("", "electric", D("0.5"), dt.date(2026, 5, 3)),
    ]
    assert rows[1].multiplier == D("20") and rows[1].installed_on == dt.date(2026, 5, 3)
    # 9990 → 5 with 回零 at 9999: 10000 − 9990 + 5 = 15
    assert [(h.kind, h.value, h.usage, h.rollover, h.install, h.operator) for h in hw] == [
        ("initial", D("9990"), None, False, True, admin.label),
        ("read", D("5"), D("15"), True, False, "李会计"),
    ]
    # 100 → 112.5 × 40 = 500; old register 112.5 → 120 × 40 = 300; new register starts at 0.5
    assert [(h.kind, h.value, h.usage, h.multiplier, h.operator) for h in hp] == [
        ("initial", D("100"), None, D("40"), admin.label),
        ("read", D("112.5"), D("500"), D("40"), "李会计"),
        ("final", D("120"), D("300"), D("40"), "李会计"),
        ("initial", D("0.5"), None, D("20"), "李会计"),
    ]
    assert not hp[3].install


def test_replace_refuses_bad_numbers_and_writes_nothing(db, admin):
    with db.session() as s:
        e = build_estate(s, admin)
        m = meters.create_meter(s, admin, kind="water", room_id=e.rooms["0101"], initial_reading=D("50"),
                                installed_on=dt.date(2026, 3, 31), max_reading=D("9999"), places=0)
        mid = m.id
    with db.session() as s:
        audits = s.query(AuditLog).count()
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        meters.replace_meter(s, admin, mid, old_final=D("40"), new_initial=D("10000"), on=dt.date(2026, 3, 30),
                             multiplier=D("0"))
    assert [p.zh for p in info.value.problems] == [
        "换表日期 2026-03-30 早于该表最近一次读数日期 2026-03-31", "倍率必须大于0", "新表起码 10,000 超过最大读数 9,999"]
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        meters.replace_meter(s, admin, mid, old_final=D("40"), new_initial=D("0"), on=dt.date(2026, 4, 2))
    assert [p.zh for p in info.value.problems] == ["旧表止码 40 小于上次读数 50；旧表换下前已回零请注明“旧表已回零”"]
    with db.session() as s:
        assert s.query(MeterReading).count() == 1 and s.query(AuditLog).count() == audits
