"""换表 with an old register that wrapped, and a new register with another maximum;
usage worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.billing.periods import Period
from propdesk.errors import ValidationFailed
from propdesk.services.billing import meters


def _meter(s, admin, estate, initial, installed=dt.date(2026, 3, 1)):
    return meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D(initial),
                               installed_on=installed, max_reading=D("9999"), places=0)


def _usage(s, m, period):
    u = meters.period_usage(s, [m], Period.parse(period))[m.id]
    assert u.error == ""
    return u.usage, u.text


def test_old_register_wrapped_before_it_was_replaced(db, admin, estate):
    with db.session() as s:
        m = _meter(s, admin, estate, "9900")
        meters.record_reading(s, admin, m.id, D("9980"), dt.date(2026, 4, 25), source="manual")
        # the old register passed 9999 → 0000 and showed 0030 when it came off
        with pytest.raises(ValidationFailed) as e:
            meters.replace_meter(s, admin, m.id, old_final=D("30"), new_initial=D("0"), on=dt.date(2026, 5, 20))
        assert "旧表止码 30 小于上次读数 9,980" in e.value.problems[0].zh and "旧表已回零" in e.value.problems[0].zh
        meters.replace_meter(s, admin, m.id, old_final=D("30"), new_initial=D("0"), on=dt.date(2026, 5, 20),
                             max_reading=D("99999"), old_rollover=True)
        meters.record_reading(s, admin, m.id, D("12"), dt.date(2026, 5, 28), source="manual")
        # May: old register (9999 + 1 − 9980) + 30 = 50, new register 12 − 0 = 12: 62
        assert _usage(s, m, "2026-05")[0] == D("62")
        # April is untouched: 9980 − 9900 = 80
        assert _usage(s, m, "2026-04")[0] == D("80")


def test_a_new_maximum_does_not_change_earlier_rollovers(db, admin, estate):
    with db.session() as s:
        m = _meter(s, admin, estate, "9990")
        meters.record_reading(s, admin, m.id, D("5"), dt.date(2026, 4, 25), source="manual", rollover=True)
        # April: (9999 + 1 − 9990) + 5 = 15
        assert _usage(s, m, "2026-04")[0] == D("15")
        meters.record_reading(s, admin, m.id, D("40"), dt.date(2026, 5, 25), source="manual")
        meters.replace_meter(s, admin, m.id, old_final=D("60"), new_initial=D("0"), on=dt.date(2026, 6, 10),
                             max_reading=D("99999"))
        # April, read again after a register of 99999 came in, still wrapped at 10000: 15, not
        # (99999 + 1 − 9990) + 5 = 90015
        assert _usage(s, m, "2026-04")[0] == D("15")
        # June: old (60 − 40) = 20
        assert _usage(s, m, "2026-06")[0] == D("20")


def test_old_rollover_refusals(db, admin, estate):
    with db.session() as s:
        m = _meter(s, admin, estate, "100")
        meters.record_reading(s, admin, m.id, D("180"), dt.date(2026, 4, 25), source="manual")
        with pytest.raises(ValidationFailed) as e:      # 200 ≥ 180: nothing wrapped
            meters.replace_meter(s, admin, m.id, old_final=D("200"), new_initial=D("0"), on=dt.date(2026, 5, 20),
                                 old_rollover=True)
        assert [p.zh for p in e.value.problems] == ["旧表止码不小于上次读数，不应注明旧表已回零"]
        with pytest.raises(ValidationFailed) as e:      # above the old register's maximum
            meters.replace_meter(s, admin, m.id, old_final=D("10000"), new_initial=D("0"), on=dt.date(2026, 5, 20))
        assert [p.zh for p in e.value.problems] == ["旧表止码 10,000 超过最大读数 9,999"]
        n = meters.create_meter(s, admin, kind="electric", room_id=estate.rooms["0101"], initial_reading=D("50"),
                                installed_on=dt.date(2026, 3, 1), places=0)          # no maximum
        meters.record_reading(s, admin, n.id, D("80"), dt.date(2026, 4, 25), source="manual")
        with pytest.raises(ValidationFailed) as e:
            meters.replace_meter(s, admin, n.id, old_final=D("3"), new_initial=D("0"), on=dt.date(2026, 5, 20),
                                 old_rollover=True)
        assert [p.zh for p in e.value.problems] == ["旧表已回零，但该表没有设置最大读数（量程），请先在仪表资料中填写"]
