"""刷卡 at the 收费台: a gate card on the desk's reader (the card simulator on a real pty,
polled through the DeviceHub) brings up its holder's outstanding lines."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from drivers.pn532 import PN532, MifareClassic
from propdesk.services import cards as svc
from tests.cards.conftest import card_sim, keystore, site  # noqa: F401  (fixtures)
from tests.cards.helpers import memory
from tests.ui_cashier.conftest import AS_OF, open_desk

WANG_CARD, LI_CARD = bytes.fromhex("A1B2C3D4"), bytes.fromhex("0A0B0C0D")


def issue_cards(db, admin, world, sim, site) -> dict:  # noqa: F811
    """王伟's card for 0101 and 李娜's for 0201, written on the simulator by the cards
    service; each card's memory is kept so the same physical card can be put back."""
    pn532 = PN532.open(sim.port)     # opened directly and closed again before the desk polls
    written = {}
    try:
        pn532.begin()
        for uid, room, holder in ((WANG_CARD, "0101", "王伟"), (LI_CARD, "0201", "李娜")):
            card = sim.place_card(uid)
            with db.session() as s:
                result = svc.issue_card(s, admin, MifareClassic(pn532), site, svc.IssueRequest(
                    card_type="resident", room_id=world.rooms[room], holder_name=holder,
                    valid_until=dt.date(2030, 6, 30)), today=AS_OF)
            written[holder] = (result, memory(card))
    finally:
        pn532.close()
    sim.remove_card()
    return written


@pytest.fixture
def desk(qtbot, db, admin, world, make_ctx, card_sim, site, as_of_june, hub):  # noqa: F811
    cards = issue_cards(db, admin, world, card_sim, site)
    return open_desk(qtbot, db, admin, make_ctx(), hub, card_sim.port), cards


def test_swiping_a_card_loads_its_holders_lines(qtbot, desk, hub, card_sim, world):  # noqa: F811
    screen, cards = desk
    assert screen.reader_label.text() == "可刷卡"
    loads, polls = [], []
    screen.loaded.connect(lambda: loads.append(screen.quote.customer_id))
    hub.worker(card_sim.port).frame.connect(lambda _p, d, _data, _t: polls.append(d) if d == "tx" else None)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        card_sim.place_card(WANG_CARD, cards["王伟"][1])     # 王伟 lays his card on the desk's reader
    assert screen.quote.customer_id == world.wang
    # 0101 and 0102, April and May: 1002.20 + 12.78 late fees as of 06-10 (the World's figures)
    assert screen.model.rowCount() == 4
    assert screen.due_value.text() == "￥1,014.98"
    assert "王伟" in screen.payer_label.text()
    assert QApplication.focusWidget() is screen.tenders.given      # ready for the cash, as after a search

    # the card stays on the reader: polled again and again, loaded once
    seen = len(polls)
    qtbot.waitUntil(lambda: len(polls) >= seen + 6, timeout=5000)
    assert loads == [world.wang]
    card_sim.remove_card()
    qtbot.waitUntil(lambda: screen.reader.status.state == "no_card", timeout=5000)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        card_sim.place_card(LI_CARD, cards["李娜"][1])
    assert screen.quote.customer_id == world.li and screen.due_value.text() == "￥465.87"


def test_a_lost_card_is_refused_on_the_status_line(qtbot, db, admin, desk, card_sim):  # noqa: F811
    screen, cards = desk
    with db.session() as s:
        svc.report_lost(s, admin, cards["李娜"][0].card_id)
    card_sim.place_card(LI_CARD, cards["李娜"][1])
    qtbot.waitUntil(lambda: "已挂失" in screen.status.text(), timeout=10000)
    assert "住户卡 0A0B0C0D（李娜 JD-01-1-0201）已挂失，不能用于收费：请改用房号或姓名查找交款人" \
        in screen.status.text()
    assert screen.quote is None                            # nobody loaded


def test_the_reader_is_left_alone_while_another_screen_is_shown(qtbot, desk, hub, card_sim):  # noqa: F811
    screen, _cards = desk
    screen.hide()
    assert screen.reader is None and screen.reader_label.text() == ""
    screen.show()
    screen.activated()
    qtbot.waitUntil(lambda: screen.reader is not None and screen.reader.status.state == "no_card",
                    timeout=10000)
    assert [w.port for w in hub.workers()] == [card_sim.port]     # still the port's one thread
