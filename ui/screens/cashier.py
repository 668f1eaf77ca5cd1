"""收费台: the screen a cashier lives in.

Keyboard first.  F2 (or Esc) goes to the search box; type a room code,
name, pinyin initials, phone or plate and press Enter: the payer's every
outstanding line across all rooms and spaces is listed with late fees as of
today, the due ones already ticked, the total on cash, and the focus in
现金实收.  Enter confirms (exact money), or type what was handed over and
Enter (找零 shows).  F5–F10 put the rest on 现金/微信/支付宝/银行卡/转账/预存冲抵.
Space ticks a line, Ctrl+A / Ctrl+D tick all / none.  Card deposits (押金)
waiting for the payer are lines like the bills and go on the same receipt;
a cancelled card's deposit to pay back shows beside the payer with 退押金
(supervisor's password on this screen).  The receipt prints as
soon as the payment is committed.  Ctrl+P 补打, Ctrl+K 作废, Ctrl+T 退款,
Ctrl+J 交班.

A gate card swiped on the desk's card reader (the terminal's 发卡器 under
终端设备, polled through its port's DeviceHub worker while this screen is
shown, shared with the card dialogs) reaches :meth:`CashierScreen.card_swiped`
with its UID; the holder is found through
``propdesk.services.cashier.payer.customer_for_card`` and loaded like a search
hit.  A card not in force (lost, expired, cancelled) is refused on the status
line, naming the card.
"""

from __future__ import annotations

import html
import uuid
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QSplitter, QVBoxLayout,
    QWidget,
)

from propdesk.clock import today
from propdesk.money import ZERO, fmt
from propdesk.security import DEVICE_CONFIG, PAY_COLLECT
from propdesk.services.cashier import payer, payments, shifts
from propdesk.services.cashier.payments import PaymentRequest
from propdesk.services.search import search
from ui.cashier.dialogs import (
    CorrectionDialog, DunningDialog, PrinterSettingsDialog, ShiftCloseDialog,
)
from ui.cards.station import CARD, NO_CARD, NO_PORT, OFFLINE, CardStation, ReaderStatus
from ui.cashier.lines_model import DueLinesModel
from ui.cashier.printing import ReceiptOutput, preview_pdf
from ui.cashier.tender_panel import KEYS, TenderPanel
from ui.i18n import error_text, tr, translated
from ui.tasks import Changes, show_error, show_info
from ui.widgets.base import Screen
from ui.widgets.fields import DecimalEdit
from ui.widgets.table import TableView


class CashierScreen(Screen):
    loaded = Signal()            # a payer's lines are on screen
    paid = Signal(object)        # PaymentResult, after the commit

    def __init__(self, ctx, parent: QWidget | None = None, *, hub=None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("cashierScreen")
        self.quote: payments.Quote | None = None
        self.monthly = ZERO
        self.last_receipt = ""
        self.hub = hub                        # the DeviceHub (None: the application's)
        self.reader: CardStation | None = None
        self._card_on_reader = ""
        self.output = ReceiptOutput(ctx, self, hub=hub)
        self._build()
        self._shortcuts()
        self.retranslate()
        self.output.reload()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setObjectName("cashierSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self.run_search)
        self.hits = QListWidget()
        self.hits.setObjectName("cashierHits")
        self.hits.setMaximumHeight(150)
        self.hits.hide()
        self.hits.itemActivated.connect(self._hit_chosen)
        self.payer_label = QLabel()
        self.payer_label.setObjectName("payerLabel")
        self.payer_label.setTextFormat(Qt.TextFormat.RichText)

        self.model = DueLinesModel(self)
        self.model.selection_changed.connect(self._selection_changed)
        self.table = TableView(export_title="收费明细")
        self.table.setObjectName("dueLines")
        self.table.setSortingEnabled(False)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.clicked.connect(lambda ix: self.model.toggle(ix.row()) if ix.column() == 0 else None)

        self.due_caption, self.due_value = QLabel(), QLabel()
        self.due_value.setObjectName("dueValue")
        self.pay_amount = DecimalEdit(2)
        self.pay_amount.setObjectName("payAmount")
        self.pay_amount.textEdited.connect(lambda _t: self._amounts_changed())
        self.topup = DecimalEdit(2)
        self.topup.setObjectName("topup")
        self.topup.textEdited.connect(lambda _t: self._amounts_changed())
        self.months = QSpinBox()
        self.months.setObjectName("monthsAhead")
        self.months.setRange(0, 36)
        self.months.valueChanged.connect(self._months_changed)
        self.total_caption, self.total_value = QLabel(), QLabel()
        self.total_value.setObjectName("totalValue")
        self.tenders = TenderPanel()
        self.tenders.submit.connect(self.confirm)
        self.tenders.changed.connect(self._update_confirm)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.clicked.connect(self.confirm)

        right = QFrame()
        right.setObjectName("cashierPanel")
        form = QFormLayout(right)
        self.pay_caption, self.topup_caption, self.months_caption = QLabel(), QLabel(), QLabel()
        form.addRow(self.due_caption, self.due_value)
        form.addRow(self.pay_caption, self.pay_amount)
        form.addRow(self.topup_caption, self.topup)
        form.addRow(self.months_caption, self.months)
        form.addRow(self.total_caption, self.total_value)
        form.addRow(self.tenders)
        form.addRow(self.confirm_button)
        for w in (self.due_value, self.total_value):
            w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            w.setStyleSheet("font-size: 20px; font-weight: bold;")

        self.status = QLabel()
        self.status.setObjectName("cashierStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.reader_label = QLabel()
        self.reader_label.setObjectName("cardReaderState")
        self.buttons = {}
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.reader_label)
        for key in ("deposit", "reprint", "void", "refund", "dunning", "printer", "close"):
            b = QPushButton()
            b.setObjectName(f"{key}Button")
            self.buttons[key] = b
            bar.addWidget(b)
        self.buttons["reprint"].clicked.connect(lambda: self.correction("reprint"))
        self.buttons["void"].clicked.connect(lambda: self.correction("void"))
        self.buttons["refund"].clicked.connect(lambda: self.correction("refund"))
        self.buttons["deposit"].clicked.connect(self.refund_deposit)
        self.buttons["deposit"].hide()
        self.buttons["close"].clicked.connect(self.close_shift)
        self.buttons["dunning"].clicked.connect(self.dunning)
        self.buttons["printer"].clicked.connect(self.printer_settings)

        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.payer_label)
        lv.addWidget(self.table, 1)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        top = QHBoxLayout()
        self.search_caption = QLabel()
        top.addWidget(self.search_caption)
        top.addWidget(self.search_box, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.hits)
        box.addWidget(split, 1)
        box.addLayout(bar)

    def _shortcuts(self) -> None:
        def sc(key, fn):
            s = QShortcut(QKeySequence(key), self)
            s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            s.activated.connect(fn)
            return s
        sc("F2", self.focus_search)
        sc("Esc", self.focus_search)
        for method, key in KEYS.items():
            sc(key, lambda m=method: self.tenders.use_method(m))
        sc("Ctrl+A", lambda: self.model.set_all(True))
        sc("Ctrl+D", lambda: self.model.set_all(False))
        sc("Ctrl+P", lambda: self.correction("reprint"))
        sc("Ctrl+K", lambda: self.correction("void"))
        sc("Ctrl+T", lambda: self.correction("refund"))
        sc("Ctrl+J", self.close_shift)
        toggle = QShortcut(QKeySequence("Space"), self.table)
        toggle.setContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.activated.connect(lambda: self.model.toggle(self.table.currentIndex().row()))

    def retranslate(self) -> None:
        self.search_caption.setText(tr("查找交款人 (F2)"))
        self.search_box.setPlaceholderText(tr("房号、姓名、拼音首字母、手机号、车牌，或刷卡"))
        self.due_caption.setText(tr("应缴合计"))
        self.pay_caption.setText(tr("本次缴纳"))
        self.topup_caption.setText(tr("预存"))
        self.months_caption.setText(tr("预交月数"))
        self.total_caption.setText(tr("收款合计"))
        self.confirm_button.setText(tr("确认收款 (Enter)"))
        self.buttons["reprint"].setText(tr("补打 Ctrl+P"))
        self.buttons["void"].setText(tr("作废 Ctrl+K"))
        self.buttons["refund"].setText(tr("退款 Ctrl+T"))
        self.buttons["deposit"].setText(tr("退押金"))
        self.buttons["close"].setText(tr("交班 Ctrl+J"))
        self.buttons["dunning"].setText(tr("催缴通知单"))
        self.buttons["printer"].setText(tr("打印设置"))
        self.buttons["printer"].setVisible(self.ctx.can(DEVICE_CONFIG))
        self.model.retranslate()
        self._show_payer()
        self._show_status()
        self._show_reader()

    def activated(self) -> None:
        self.output.reload()
        self.focus_search()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        self.watch_reader()  # shown again (another screen left, the window restored)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.stop_reader()   # another screen (the card dialogs …) may use the reader now
        super().hideEvent(event)

    def current_table(self):
        return self.table

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- finding the payer -----------------------------------------------------------
    def run_search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            return
        if self.hits.isVisible() and self.hits.currentItem() is not None:
            self._hit_chosen(self.hits.currentItem())
            return
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: search(s, actor, text, limit=20), parent=self, key="cashier-search") \
            .success(self._show_hits).run()

    def _show_hits(self, hits) -> None:
        self.hits.clear()
        if not hits:
            self.status.setText(tr("没有找到：{text}").format(text=self.search_box.text().strip()))
            return
        exact = hits[0].code.upper() == self.search_box.text().strip().upper()
        if len(hits) == 1 or (exact and hits[0].customer_id is None):
            self.load_hit(hits[0])
            return
        for h in hits:
            how = translated(h.matched)
            item = QListWidgetItem(f"{h.code}  {h.customer}  ({how})" if h.customer else f"{h.code}  ({how})")
            item.setData(Qt.ItemDataRole.UserRole, h)
            self.hits.addItem(item)
        self.hits.setCurrentRow(0)
        self.hits.show()
        self.hits.setFocus()

    def _hit_chosen(self, item: QListWidgetItem) -> None:
        self.hits.hide()
        self.load_hit(item.data(Qt.ItemDataRole.UserRole))

    def load_hit(self, hit) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: payer.payer_for_hit(s, actor, hit.kind, hit.target_id, hit.customer_id),
                            parent=self).success(self.load_customer).run()

    # -- the card reader (刷卡) -----------------------------------------------------------
    def watch_reader(self) -> None:
        """Poll this terminal's card reader while the screen is shown (none configured: nothing)."""
        from propdesk import devices

        self.ctx.tasks.read(lambda s: devices.load_in(s, "card"), parent=self, key="cashier-reader") \
            .success(self._use_reader).run()

    def _use_reader(self, cfg) -> None:
        if not self.isVisible() or (self.reader is not None and self.reader.spec == cfg):
            return
        self.stop_reader()
        if cfg.configured:
            self.reader = CardStation(cfg, hub=self.hub, parent=self)
            self.reader.status_changed.connect(self._reader_changed)
        self._show_reader()

    def stop_reader(self) -> None:
        if self.reader is not None:
            self.reader.close()
            self.reader.deleteLater()
            self.reader = None
        self._card_on_reader = ""
        self._show_reader()

    def _reader_changed(self, status: ReaderStatus) -> None:
        if status.state == CARD and status.uid != self._card_on_reader:
            self._card_on_reader = status.uid      # one swipe per card placed
            self.card_swiped(status.uid)
        elif status.state == NO_CARD:
            self._card_on_reader = ""
        self._show_reader()

    def _show_reader(self) -> None:
        status = self.reader.status if self.reader is not None else ReaderStatus(NO_PORT)
        if status.state == NO_PORT:
            self.reader_label.setText("")
            self.reader_label.setToolTip("")
        elif status.state == OFFLINE:
            self.reader_label.setText(f"<span style='color:#B22222'>{tr('读卡器未连接')}</span>")
            self.reader_label.setToolTip(status.detail_en if self.ctx.language == "en" else status.detail_zh)
        else:
            self.reader_label.setText(tr("可刷卡"))
            self.reader_label.setToolTip(tr("把住户卡或车卡放在读卡器上，即可查找交款人"))

    def card_swiped(self, uid_hex: str) -> None:
        """A card on the desk's reader: load its holder's lines, or say why the card is refused."""
        actor = self.ctx.actor
        self.status.setText(tr("刷卡 {uid}…").format(uid=uid_hex))
        self.ctx.tasks.read(lambda s: payer.customer_for_card(s, actor, uid_hex), parent=self,
                            key="cashier-swipe") \
            .success(self.load_customer) \
            .failure(self._swipe_refused).run()

    def _swipe_refused(self, exc: BaseException) -> None:
        self.status.setText(f"<span style='color:#B22222'>{html.escape(error_text(exc))}</span>")

    def load_customer(self, customer_id: uuid.UUID, *, focus: bool = True) -> None:
        """Show the payer's lines; ``focus`` puts the cursor in 现金实收 (a fresh payer),
        otherwise it stays where it is (a refresh after paying or a correction)."""
        actor, day = self.ctx.actor, today()

        def work(s):
            return payments.quote(s, actor, customer_id, day), payments.monthly_charge(s, actor, customer_id)
        self.ctx.tasks.read(work, parent=self, key="cashier-quote") \
            .success(lambda r: self._show_quote(r, focus)).run()

    def _show_quote(self, result, focus: bool = True) -> None:
        self.quote, self.monthly = result
        q = self.quote
        due_keys = {ln.key for ln in q.lines if ln.due_date <= q.as_of}
        self.months.blockSignals(True)
        self.months.setValue(0)
        self.months.blockSignals(False)
        self.topup.clear()
        self.tenders.reset()
        self.model.set_lines(q.lines, due_keys)
        self._show_payer()
        if q.lines:
            self.table.setCurrentIndex(self.model.index(0, 0))
        if focus:
            self.tenders.given.setFocus()
        self.loaded.emit()

    def _show_payer(self) -> None:
        q = self.quote
        self.buttons["deposit"].setVisible(bool(q and q.deposit_refunds))
        if q is None:
            self.payer_label.setText(tr("请先查找交款人"))
            return
        rooms = "、".join(dict.fromkeys(ln.target_code for ln in q.lines)) or tr("无欠费")
        refunds = "".join(
            "　<span style='color:#B7791F'>" + tr("待退押金 {amount}（卡 {uid}）").format(
                amount=fmt(-d.amount), uid=d.uid) + "</span>" for d in q.deposit_refunds)
        self.payer_label.setText(
            f"<b style='font-size:16px'>{q.customer_name}</b>　{q.phone}　{tr('欠费房产')}：{rooms}　"
            f"{tr('预存余额')}：{fmt(q.prepaid_balance)}　{tr('滞纳金计至')} {q.as_of:%Y-%m-%d}{refunds}")

    # -- amounts ---------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        self.pay_amount.set_value(self.model.selected_total())
        self._amounts_changed()

    def _months_changed(self, n: int) -> None:
        self.topup.set_value(self.monthly * n if n else None)
        self._amounts_changed()

    def payment_total(self) -> Decimal:
        return (self.pay_amount.value() or ZERO) + (self.topup.value() or ZERO)

    def _amounts_changed(self) -> None:
        due = self.model.selected_total()
        self.due_value.setText(f"￥{fmt(due)}")
        self.total_value.setText(f"￥{fmt(self.payment_total())}")
        # 预存冲抵 pays bills only: never a card deposit, never the top-up itself
        bills = max(ZERO, (self.pay_amount.value() or ZERO) - self.model.selected_deposits())
        self.tenders.set_total(self.payment_total(), min(self.quote.prepaid_balance, bills) if self.quote else ZERO)
        self._update_confirm()

    def _update_confirm(self) -> None:
        self.confirm_button.setEnabled(self.quote is not None and not self._problem()
                                       and self.ctx.can(PAY_COLLECT))

    def _problem(self) -> str:
        """Why the payment cannot be confirmed as it stands ("" if it can)."""
        paying = self.pay_amount.value() or ZERO
        if self.payment_total() <= 0:
            return tr("请先选择要缴的欠费或输入预存金额")
        if paying > self.model.selected_total():
            return tr("本次缴纳不能超过所选应缴合计")
        if paying < self.model.selected_deposits():
            return tr("押金须全额收取：本次缴纳至少 {amount}，或不选押金").format(
                amount=fmt(self.model.selected_deposits()))
        return self.tenders.problems()

    # -- paying ------------------------------------------------------------------------------
    def confirm(self) -> None:
        if not self.confirm_button.isEnabled():
            problem = self._problem() or tr("请先选择要缴的欠费或输入预存金额")
            self.status.setText(f"<span style='color:#B22222'>{html.escape(problem)}</span>")
            return
        q = self.quote
        lines = self.model.checked_lines()
        amount = self.pay_amount.value() or ZERO
        req = PaymentRequest(
            q.customer_id, q.as_of, [ln.key for ln in lines], self.tenders.tenders(),
            amount=None if amount == self.model.selected_total() else amount,
            topup=self.topup.value() or ZERO, expected_total=self.payment_total())
        actor = self.ctx.actor
        self.confirm_button.setEnabled(False)
        self.ctx.tasks.write(lambda s: payments.collect(s, actor, req), parent=self,
                             changes=Changes.of(customers=[q.customer_id], entities=["cashier_payment"])) \
            .success(self._paid) \
            .failure(self._pay_failed).run()

    def _paid(self, res) -> None:
        self.last_receipt = res.receipt_number
        self._show_status(res)
        self.output.print_original(res.receipt)
        self.paid.emit(res)
        self.load_customer(self.quote.customer_id, focus=False)
        self.focus_search()

    def _pay_failed(self, exc) -> None:
        self._update_confirm()
        show_error(self, exc, tr("收款未完成"))

    def _show_status(self, res=None) -> None:
        if res is None:
            self.status.setText(tr("上一张收据：{number}").format(number=self.last_receipt)
                                if self.last_receipt else "")
            return
        change = tr("　找零 <b>{change}</b>").format(change=fmt(res.change)) if res.change else ""
        self.status.setText(tr("已收款 <b>￥{total}</b>，收据 {number}").format(
            total=fmt(res.total), number=res.receipt_number) + change)

    # -- corrections and shift -----------------------------------------------------------------
    def correction(self, kind: str) -> CorrectionDialog:
        target = "escpos" if self.output.config and self.output.config.thermal_target else "pdf"
        dlg = CorrectionDialog(self.ctx, kind, self.last_receipt, self, target=target)
        dlg.done_ok.connect(lambda result: self._corrected(kind, result))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dlg.open()
        return dlg

    def refund_deposit(self) -> CorrectionDialog | None:
        """退押金 of the payer's cancelled card (the first waiting, if several)."""
        if self.quote is None or not self.quote.deposit_refunds:
            return None
        dlg = CorrectionDialog(self.ctx, "deposit", parent=self, deposit=self.quote.deposit_refunds[0])
        dlg.done_ok.connect(lambda result: self._corrected("deposit", result))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dlg.open()
        return dlg

    def _corrected(self, kind: str, result) -> None:
        if kind == "deposit":
            self.status.setText(tr("退款单 {number}：退押金 {amount}").format(number=result.number,
                                                                          amount=fmt(result.amount)))
        elif kind == "reprint":
            self.output.output(result, record=False)
            self.status.setText(tr("已补打 {number}（副本）").format(number=result.number))
        elif kind == "void":
            self.status.setText(tr("已作废 {number}").format(number=result.receipt_number))
        else:
            self.status.setText(tr("退款单 {number}：退 {amount}").format(number=result.number,
                                                                       amount=fmt(result.amount)))
        if self.quote is not None:
            self.load_customer(self.quote.customer_id, focus=False)

    def close_shift(self) -> None:
        actor = self.ctx.actor

        def work(s):
            sh = shifts.current_shift(s, actor)
            return shifts.summarize(s, actor, sh.id) if sh else None
        self.ctx.tasks.read(work, parent=self).success(self._open_close_dialog).run()

    def _open_close_dialog(self, summary) -> None:
        if summary is None:
            show_info(self, tr("当前没有未交班的班次"))
            return
        dlg = ShiftCloseDialog(self.ctx, summary, self)
        dlg.closed.connect(self._shift_closed)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dlg.open()

    def _shift_closed(self, summary) -> None:
        from propdesk.services.cashier.reports import shift_report

        actor, sid = self.ctx.actor, summary.shift.id
        self.status.setText(tr("已交班 {number}").format(number=summary.shift.number))

        def make():
            with self.ctx.db.session(write=False) as s:
                return shift_report(s, actor, sid)
        preview_pdf(self.ctx, self, make, tr("日收费明细表 {number}").format(number=summary.shift.number))

    def dunning(self) -> DunningDialog:
        dlg = DunningDialog(self.ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dlg.open()
        return dlg

    def printer_settings(self) -> None:
        from propdesk import devices
        from propdesk.services.cashier.layouts import list_layouts, printer_settings

        actor = self.ctx.actor

        def work(s):
            names: dict[str, list[str]] = {}
            for row in list_layouts(s, actor):
                names.setdefault(row.kind, []).append(row.name)
            return printer_settings(s), devices.load_in(s, "printer"), names

        def show(result):
            dlg = PrinterSettingsDialog(self.ctx, *result, self)
            dlg.accepted.connect(self.output.reload)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            dlg.open()
        self.ctx.tasks.read(work, parent=self).success(show).run()
