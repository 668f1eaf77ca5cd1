"""The 收费台 from the search box to the printed receipt, with the keyboard only."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from propdesk.models.cashier import ReceiptPrint
from propdesk.services.cashier import payments
from tests.ui_cashier.conftest import AS_OF, configure_printer
from ui.screens.cashier import CashierScreen

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screens"


class Keys:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.count = qtbot, 0

    def press(self, key, text: str = "") -> None:
        if text:
            for ch in text:
                self.count += 1
                self.qtbot.keyClick(QApplication.focusWidget(), ch)
        else:
            self.count += 1
            self.qtbot.keyClick(QApplication.focusWidget(), key)


def _screen(qtbot, ctx) -> CashierScreen:
    screen = CashierScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.output.config is not None)
    return screen


def _find(qtbot, screen: CashierScreen, code: str) -> None:
    """Search for ``code`` and wait for the payer's lines."""
    screen.focus_search()
    qtbot.keyClicks(screen.search_box, code)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        qtbot.keyClick(screen.search_box, Qt.Key.Key_Return)


def _wait_printed(sim, marker: str = "[DRAWER", timeout: float = 5.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(marker in x for x in sim.transcript):
            return sim.transcript
        time.sleep(0.01)   # the simulator runs on its own thread
    raise AssertionError(sim.transcript)


def test_full_payment_in_six_keystrokes_prints_a_chinese_receipt(
        qtbot, db, admin, world, make_ctx, printer_sim, tmp_path, as_of_june, qtmodeltester):
    archive = tmp_path / "archive"
    configure_printer(db, admin, port=printer_sim.port, archive_dir=str(archive))
    ctx = make_ctx()
    screen = _screen(qtbot, ctx)
    screen.focus_search()
    qtbot.keyClicks(screen.search_box, "JD-01-1-0101")          # the search itself

    keys = Keys(qtbot)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        keys.press(Qt.Key.Key_Return)                            # 1: find 王伟, all due lines ticked
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 4
    assert screen.due_value.text() == "￥1,014.98"                # 1002.20 + 12.78 late fees (World)
    assert QApplication.focusWidget() is screen.tenders.given
    SHOTS.mkdir(parents=True, exist_ok=True)
    screen.grab().save(str(SHOTS / "cashier_loaded.png"))
    keys.press(None, "1100")                                     # 2-5: cash handed over
    assert screen.tenders.change_value.text() == "85.02"
    with qtbot.waitSignal(screen.paid, timeout=10000) as paid, \
            qtbot.waitSignal(screen.output.printed, timeout=15000):
        keys.press(Qt.Key.Key_Return)                            # 6: confirm
    assert keys.count == 6 < 10
    res = paid.args[0]
    assert (res.total, res.change) == (D("1014.98"), D("85.02"))
    screen.grab().save(str(SHOTS / "cashier_paid.png"))

    t = _wait_printed(printer_sim)
    lines = printer_sim.lines
    assert "收款收据" in lines and "华兴物业服务有限公司" in lines
    assert f"收据号：         {res.receipt_number}" in lines
    assert "交款人：                    王伟" in lines
    assert "合计" + " " * 18 + "￥1,014.98" in lines        # 4 + 18 + 10 = 32 columns
    assert "大写：壹仟零壹拾肆元玖角捌分" in lines
    assert "现金" + " " * 6 + "实收1,100.00 找零85.02" in lines   # 4 + 6 + 12 + 1 + 9 = 32
    assert t.index("[CUT]") < t.index("[DRAWER pin2]")

    pdf = archive / f"{dt.date.today():%Y}" / f"{res.receipt_number}.pdf"
    qtbot.waitUntil(pdf.exists, timeout=5000)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace(" ", "").replace("\n", "")
    assert res.receipt_number in text and "壹仟零壹拾肆元玖角捌分" in text and "王伟" in text
    with db.session() as s:
        prints = s.query(ReceiptPrint).all()
        assert [(p.copy, p.target) for p in prints] == [(False, "escpos")]
        assert payments.quote(s, ctx.actor, world.wang, AS_OF).lines == []
    # the screen reloaded the payer (nothing owed now) and is ready for the next one
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)
    assert QApplication.focusWidget() is screen.search_box


def test_wechat_is_one_key_and_partial_payment(qtbot, db, admin, world, make_ctx, as_of_june):
    configure_printer(db, admin, output="pdf")
    ctx = make_ctx()
    screen = _screen(qtbot, ctx)
    _find(qtbot, screen, "JD-01-1-0201")
    # 李娜 0201: 230.00 + 4.72 (41 days: 4.715) and 230.00 + 1.15 (10 days) = 465.87
    assert screen.due_value.text() == "￥465.87"
    screen.pay_amount.setFocus()
    screen.pay_amount.selectAll()
    qtbot.keyClicks(screen.pay_amount, "300")
    qtbot.keyClick(screen.pay_amount, Qt.Key.Key_F6)            # all of it by WeChat
    assert screen.tenders.amount("wechat") == D("300.00") and screen.tenders.amount("cash") == D("0")
    with qtbot.waitSignal(screen.paid, timeout=10000) as paid, \
            qtbot.waitSignal(screen.output.preview_opened, timeout=15000) as preview:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert paid.args[0].total == D("300.00")
    dlg = preview.args[0]
    assert len(dlg.images) == 3           # 存根联, 客户联, 记账联
    dlg.grab().save(str(SHOTS / "receipt_preview.png"))
    dlg.images[1].save(str(SHOTS / "receipt_pdf_page2.png"))
    dlg.close()
    with db.session() as s:
        q = payments.quote(s, ctx.actor, world.li, AS_OF)
        # 300.00 = 4.72 + 230.00 of April, then 1.15 late fee + 64.13 of May's principal
        assert [(x.period, x.principal) for x in q.lines] == [("2026-05", D("165.87"))]


def test_void_needs_a_supervisor_password_on_the_screen(qtbot, db, admin, world, make_ctx,
                                                        as_of_june, printer_sim):
    from propdesk.services.operators import add_operator

    with db.session() as s:
        add_operator(s, admin, "zhuguan", role="supervisor", password="zhuguan123", display_name="王主管")
    configure_printer(db, admin, port=printer_sim.port)
    ctx = make_ctx()
    screen = _screen(qtbot, ctx)
    _find(qtbot, screen, "JD-01-1-0101")
    with qtbot.waitSignal(screen.paid, timeout=10000) as paid:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    number = paid.args[0].receipt_number
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=10000)

    dlg = screen.correction("void")
    assert dlg.number.text() == number and dlg.needs_supervisor
    dlg.reason.setText("收错房号")
    dlg.sup_user.setText("zhuguan")
    dlg.sup_password.setText("wrong")
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        dlg.submit()
    assert "用户名或密码错误" in dlg.error.text() and dlg.isVisible()
    dlg.sup_password.setText("zhuguan123")
    dlg.grab().save(str(SHOTS / "void_dialog.png"))
    with qtbot.waitSignal(dlg.done_ok, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=10000)   # owed again
    assert "已作废" in screen.status.text()


def test_printer_settings_and_dunning_from_the_screen(qtbot, db, admin, world, make_ctx, printer_sim):
    from PySide6.QtWidgets import QApplication as App

    from propdesk.services.cashier.layouts import printer_settings
    from ui.cashier.dialogs import DunningDialog, PrinterSettingsDialog

    configure_printer(db, admin, port=printer_sim.port, columns=48)
    ctx = make_ctx("supervisor", "王主管")
    screen = _screen(qtbot, ctx)
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.printer_settings()
    dlg = next(w for w in App.topLevelWidgets() if isinstance(w, PrinterSettingsDialog) and w.isVisible())
    # the printer as set up under 终端设备, not a second port field
    assert dlg.printer.text() == f"{printer_sim.port}  9600 8N1  80 mm（48 列）  GBK  打印前检查状态"
    assert dlg.devices_button.isVisibleTo(dlg)
    dlg.output.setCurrentIndex(1)
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        dlg.submit()
    with db.session() as s:
        ps = printer_settings(s)
    assert ps.output == "pdf"

    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.printer_settings()
    dlg = next(w for w in App.topLevelWidgets() if isinstance(w, PrinterSettingsDialog) and w.isVisible())
    assert dlg.output.currentData() == "pdf"
    with qtbot.waitSignal(ctx.signals.open_screen, timeout=5000) as wanted:
        qtbot.mouseClick(dlg.devices_button, Qt.MouseButton.LeftButton)
    assert wanted.args == ["devices"] and not dlg.isVisible()

    dd: DunningDialog = screen.dunning()
    dd.estate.setText("JD")
    dd.as_of.set_date(AS_OF)
    with qtbot.waitSignal(dd.accepted, timeout=20000):
        dd.submit()
    preview = next(w for w in App.topLevelWidgets() if w.objectName() == "pdfPreview" and w.isVisible())
    assert len(preview.images) == 2      # 王伟 and 李娜, a page each
    assert "2 户" in preview.windowTitle()
    preview.images[0].save(str(SHOTS / "dunning_page1.png"))
    preview.close()


def test_screen_switches_to_english_live(qtbot, db, make_ctx):
    from ui.i18n import set_language

    screen = _screen(qtbot, make_ctx())
    assert screen.confirm_button.text() == "确认收款 (Enter)"
    set_language("en")
    qtbot.waitUntil(lambda: screen.confirm_button.text() == "Confirm payment (Enter)")
    assert screen.tenders.labels["wechat"].text() == "F6 WeChat"   # the same word as the service desk's channel
    assert screen.model.headerData(6, Qt.Orientation.Horizontal) == "Late fee"


def test_shift_close_from_the_screen_previews_the_report(qtbot, db, admin, world, make_ctx, as_of_june):
    from PySide6.QtWidgets import QApplication as App

    from propdesk.services.cashier import shifts
    from ui.cashier.dialogs import ShiftCloseDialog

    configure_printer(db, admin, output="pdf")
    ctx = make_ctx()
    screen = _screen(qtbot, ctx)
    _find(qtbot, screen, "JD-01-1-0201")
    with qtbot.waitSignal(screen.paid, timeout=10000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)     # 465.87 in cash
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=15000)
    for w in App.topLevelWidgets():
        if w.objectName() == "pdfPreview":
            w.close()
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.close_shift()
    dlg = next(w for w in App.topLevelWidgets() if isinstance(w, ShiftCloseDialog) and w.isVisible())
    assert dlg.counted.value() == D("465.87")          # expected cash, no float
    assert "465.87" in dlg.info.text()
    dlg.grab().save(str(SHOTS / "shift_close.png"))
    dlg.counted.set_value(D("465.00"))
    with qtbot.waitSignal(dlg.closed, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: any(w.objectName() == "pdfPreview" and w.isVisible() for w in App.topLevelWidgets()),
                    timeout=15000)
    with db.session() as s:
        assert shifts.current_shift(s, ctx.actor) is None
        summ = shifts.list_shifts(s, ctx.actor)[0]
        assert (summ.state, summ.close.counted_cash, summ.close.expected_cash) == (
            "closed", D("465.00"), D("465.87"))
