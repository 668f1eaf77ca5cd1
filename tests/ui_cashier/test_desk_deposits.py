"""Card deposits at the 收费台: swiped in with the bills, paid on one receipt printed as 押金,
and paid back with the supervisor's password once the card is cancelled and returned."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from drivers.pn532 import PN532, MifareClassic
from propdesk.services import cards as svc
from propdesk.services.billing import ledger
from tests.cards.conftest import card_sim, keystore, site  # noqa: F401  (fixtures)
from tests.cards.helpers import memory
from tests.ui_cashier.conftest import AS_OF, configure_printer, open_desk

UID = bytes.fromhex("A1B2C3D4")


@pytest.fixture
def desk(qtbot, db, admin, world, make_ctx, card_sim, site, printer_sim, as_of_june, hub):  # noqa: F811
    """王伟's card for 0101 issued with a 50.00 deposit and a 20.00 card fee; the desk has
    the card simulator as its reader and the printer simulator as its receipt printer."""
    pn532 = PN532.open(card_sim.port)
    try:
        pn532.begin()
        card = card_sim.place_card(UID)
        with db.session() as s:
            issued = svc.issue_card(s, admin, MifareClassic(pn532), site, svc.IssueRequest(
                card_type="resident", room_id=world.rooms["0101"], holder_name="王伟",
                valid_until=dt.date(2030, 6, 30), deposit=D("50"), card_fee=D("20")), today=AS_OF)
    finally:
        pn532.close()
    card_sim.remove_card()
    configure_printer(db, admin, port=printer_sim.port)
    return open_desk(qtbot, db, admin, make_ctx(), hub, card_sim.port), issued, memory(card)


def _printed(sim, marker: str = "[CUT]", timeout: float = 5.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while not any(marker in x for x in sim.transcript):
        assert time.monotonic() < deadline, sim.transcript
        time.sleep(0.01)   # the simulator reads the pty on its own thread
    return sim.lines


def test_deposit_paid_with_the_bills_on_one_receipt(qtbot, db, desk, card_sim, printer_sim, world):  # noqa: F811
    screen, _issued, card = desk
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        card_sim.place_card(UID, card)
    # bills 1014.98 (the World's 0101/0102 with late fees) + card fee 20.00 + deposit 50.00
    assert screen.model.rowCount() == 6
    deposit = screen.model.row(5)
    assert (deposit.kind, deposit.fee_item, deposit.total) == ("deposit", "门禁卡押金", D("50.00"))
    assert screen.model.index(5, 3).data() == "卡号 A1B2C3D4"          # the card, in the period column
    assert screen.due_value.text() == "￥1,084.98"

    # less than the deposit cannot be paid: the deposit is taken in full
    screen.pay_amount.setFocus()
    screen.pay_amount.selectAll()
    qtbot.keyClicks(screen.pay_amount, "40")
    screen._amounts_changed()
    assert not screen.confirm_button.isEnabled()
    screen.confirm()
    assert "押金须全额收取：本次缴纳至少 50.00" in screen.status.text()
    screen.model.set_all(True)                                         # back to everything

    screen.tenders.given.setFocus()
    qtbot.keyClicks(screen.tenders.given, "1100")
    with qtbot.waitSignal(screen.paid, timeout=10000) as paid, \
            qtbot.waitSignal(screen.output.printed, timeout=15000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    res = paid.args[0]
    assert (res.total, res.change) == (D("1084.98"), D("15.02"))
    lines = _printed(printer_sim, "[DRAWER")
    assert "门禁卡押金（卡号           50.00" in lines and "A1B2C3D4）" in lines   # wrapped on 58 mm
    assert "合计" + " " * 18 + "￥1,084.98" in lines                          # 4 + 18 + 10 = 32
    with db.session() as s:
        assert [amount for _d, amount in ledger.deposits(s, screen.ctx.actor, world.wang)] == [D("50.00")]
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=10000)    # nothing owed now


def test_a_returned_cards_deposit_is_paid_back_with_the_supervisors_password(
        qtbot, db, admin, desk, hub, card_sim, site, supervisor_op, world):  # noqa: F811
    screen, issued, card = desk
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        card_sim.place_card(UID, card)
    with qtbot.waitSignal(screen.paid, timeout=10000), \
            qtbot.waitSignal(screen.output.printed, timeout=15000):          # printed and recorded
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)       # exact money in cash
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0 and screen.ctx.tasks.is_idle(), timeout=10000)
    assert not screen.buttons["deposit"].isVisibleTo(screen)

    # the card comes back to the front desk, which cancels it on the same reader (the
    # port's one thread, as the 注销 dialog does) while the cashier's screen polls it
    from ui.cards.station import CardStation

    station = CardStation(card_sim.port, hub=hub)
    card_sim.place_card(UID, card)
    done = []

    def cancel(io):
        with db.session() as s:
            return svc.cancel_card(s, admin, issued.card_id, card_io=io, secrets=site, today=AS_OF)
    with qtbot.waitSignal(station.job_finished, timeout=10000):
        station.submit(cancel, done.append, done.append)
    station.close()
    assert done[0].status == "cancelled", done
    card_sim.remove_card()
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        screen.load_customer(world.wang)
    assert "待退押金 50.00（卡 A1B2C3D4）" in screen.payer_label.text()
    assert screen.buttons["deposit"].isVisibleTo(screen)

    dlg = screen.refund_deposit()
    assert (dlg.number.text(), dlg.amount.value(), dlg.needs_supervisor) == ("A1B2C3D4", D("50.00"), True)
    dlg.reason.setText("退卡")
    dlg.sup_user.setText("zhuguan")
    dlg.sup_password.setText("zhuguan123")
    with qtbot.waitSignal(dlg.done_ok, timeout=10000) as done:
        dlg.submit()
    assert (done.args[0].amount, done.args[0].method) == (D("50.00"), "cash")
    assert screen.status.text() == f"退款单 {done.args[0].number}：退押金 50.00"
    qtbot.waitUntil(lambda: not screen.buttons["deposit"].isVisibleTo(screen), timeout=10000)
    with db.session() as s:
        assert [amount for _d, amount in ledger.deposits(s, screen.ctx.actor, world.wang)] == [D("0.00")]
