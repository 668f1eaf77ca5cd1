"""A gate card swiped at the desk finds its payer through the cards service; a card
not in force is refused, naming the card and why."""

from __future__ import annotations

import datetime as dt

import pytest

from propdesk.errors import Conflict, NotFound
from propdesk.services import cards as svc
from propdesk.services.cashier.payer import customer_for_card
from tests.cards.conftest import card_sim, keystore, reader, site  # noqa: F401  (fixtures)
from tests.cashier.conftest import AS_OF

WANG_CARD, LI_CARD = bytes.fromhex("A1B2C3D4"), bytes.fromhex("0A0B0C0D")


def issue(db, admin, card_sim, reader, site, uid: bytes, room_id, holder: str, *,   # noqa: F811
          card_type: str = "resident", until: dt.date = dt.date(2030, 6, 30)) -> svc.CardResult:
    card_sim.place_card(uid)
    with db.session() as s:
        return svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type=card_type, room_id=room_id, holder_name=holder, valid_until=until), today=AS_OF)


def test_a_card_in_force_finds_its_holder(db, admin, world, cashier, card_sim, reader, site):  # noqa: F811
    issue(db, admin, card_sim, reader, site, WANG_CARD, world.rooms["0101"], "王伟")
    with db.session() as s:
        assert customer_for_card(s, cashier, "a1b2c3d4", today=AS_OF) == world.wang
        assert customer_for_card(s, cashier, " A1:B2:C3:D4 ", today=AS_OF) == world.wang   # as readers print it


def test_lost_expired_and_cancelled_cards_are_refused(db, admin, world, cashier, card_sim, reader, site):  # noqa: F811
    wang = issue(db, admin, card_sim, reader, site, WANG_CARD, world.rooms["0101"], "王伟",
                 until=dt.date(2026, 6, 30))
    li = issue(db, admin, card_sim, reader, site, LI_CARD, world.rooms["0201"], "李娜")
    with db.session() as s:
        with pytest.raises(Conflict) as err:
            customer_for_card(s, cashier, "A1B2C3D4", today=dt.date(2026, 7, 1))
        assert err.value.zh == ("住户卡 A1B2C3D4（王伟 JD-01-1-0101）已过期（有效期至 2026-06-30），"
                                "不能用于收费：请改用房号或姓名查找交款人")
        svc.report_lost(s, admin, li.card_id)
    with db.session() as s:
        with pytest.raises(Conflict) as err:
            customer_for_card(s, cashier, "0A0B0C0D", today=AS_OF)
        assert err.value.zh.startswith("住户卡 0A0B0C0D（李娜 JD-01-1-0201）已挂失，不能用于收费")
        svc.cancel_card(s, admin, wang.card_id, today=AS_OF)          # not returned: blacklisted
    with db.session() as s:
        with pytest.raises(Conflict) as err:
            customer_for_card(s, cashier, "A1B2C3D4", today=AS_OF)
        assert "（王伟 JD-01-1-0101）已注销" in err.value.zh and "cancelled" in err.value.en


def test_unknown_and_staff_cards(db, admin, world, cashier, card_sim, reader, site):  # noqa: F811
    with db.session() as s, pytest.raises(NotFound) as err:
        customer_for_card(s, cashier, "DEADBEEF", today=AS_OF)
    assert err.value.zh == "未识别的卡（卡号 DEADBEEF）：本处没有发过这张卡，请改用房号或姓名查找"
    card_sim.place_card(WANG_CARD)
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="staff", holder_name="保安刘", valid_until=dt.date(2030, 1, 1)), today=AS_OF)
    with db.session() as s, pytest.raises(NotFound) as err:
        customer_for_card(s, cashier, "A1B2C3D4", today=AS_OF)
    assert err.value.zh == "员工卡 A1B2C3D4（保安刘）没有对应的交款人：请改用房号或姓名查找"


def test_only_a_cashier_looks_cards_up(db, admin, world, actor_for, card_sim, reader, site):  # noqa: F811
    from propdesk.errors import PermissionDenied

    issue(db, admin, card_sim, reader, site, WANG_CARD, world.rooms["0101"], "王伟")
    with db.session() as s, pytest.raises(PermissionDenied):
        customer_for_card(s, actor_for("engineer"), "A1B2C3D4", today=AS_OF)
