"""费用: a room's bill items (paid or not), its owner's balance, and each item's formula."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)
from PySide6.QtCore import Qt

from propdesk.billing.calc import yuan
from propdesk.security import BILL_VIEW
from propdesk.services.customers import room_owner
from propdesk.services.billing import ledger
from ui.i18n import tr, tr_noop, translated
from ui.room_tabs import RoomTab
from ui.tasks import Changes
from ui.widgets.table import Column, RowTableModel, TableView

_RED = QColor("#b3261e")

COLUMNS = [
    Column(tr_noop("账期"), lambda i: i.bill_period, width=70),
    Column(tr_noop("收费项目"), lambda i: i.fee_item, width=110),
    Column(tr_noop("应收"), lambda i: i.billed, text=lambda v: yuan(v), width=90, align="right"),
    Column(tr_noop("已收"), lambda i: i.paid, text=lambda v: yuan(v), width=90, align="right"),
    Column(tr_noop("未缴"), lambda i: i.outstanding, text=lambda v: yuan(v), width=90, align="right",
           color=lambda i: _RED if i.outstanding > 0 else None),
    Column(tr_noop("滞纳金"), lambda i: i.late_fee, text=lambda v: yuan(v), width=80, align="right",
           color=lambda i: _RED if i.late_fee > 0 else None),
    Column(tr_noop("应缴日期"), lambda i: i.due_date, width=90),
    Column(tr_noop("公式"), lambda i: i.formula.splitlines()[0], tooltip=lambda i: i.formula),
]


SOURCES = {"payment": tr_noop("缴费"), "prepayment": tr_noop("预存冲抵"), "reversal": tr_noop("冲销"),
           "overpaid": tr_noop("多缴转预存")}
PAYMENT_COLUMNS = [
    Column(tr_noop("日期"), lambda p: p.on, width=90),
    Column(tr_noop("账期"), lambda p: p.bill_period, width=70),
    Column(tr_noop("收费项目"), lambda p: p.fee_item, width=110),
    Column(tr_noop("金额"), lambda p: p.amount, text=lambda v: yuan(v), width=90, align="right"),
    Column(tr_noop("方式"), lambda p: p.source, text=lambda v: translated(SOURCES.get(v, v)), width=90),
    Column(tr_noop("操作员"), lambda p: p.operator),
]


def today() -> dt.date:
    return dt.date.today()


class RoomFeesTab(RoomTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("feesSummary")
        bar.addWidget(self.summary, 1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        bar.addWidget(self.count)
        self.waive_button = QPushButton()
        self.waive_button.setObjectName("waiveItem")
        self.adjust_button = QPushButton()
        self.adjust_button.setObjectName("adjustItem")
        self.waive_action, self.adjust_action = QAction(self), QAction(self)
        for button, action, kind in ((self.waive_button, self.waive_action, "waive"),
                                     (self.adjust_button, self.adjust_action, "adjust")):
            button.clicked.connect(lambda _=False, k=kind: self.change_item(k))
            action.triggered.connect(lambda _=False, k=kind: self.change_item(k))
            bar.addWidget(button)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("费用信息"))
        self.table.setObjectName("feesTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        self.table.row_actions = [self.waive_action, self.adjust_action]
        split.addWidget(self.table)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("feesFormula")
        self.detail.setReadOnly(True)
        bottom.addWidget(self.detail)
        self.payments = RowTableModel(PAYMENT_COLUMNS)
        self.payment_table = TableView(export_title=tr_noop("收款记录"))
        self.payment_table.setObjectName("feesPayments")
        self.payment_table.set_context(ctx)
        self.payment_table.setModel(self.payments)
        bottom.addWidget(self.payment_table)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self._balance = None
        self._owner = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.count.setText(tr("共 {n} 项").format(n=self.model.rowCount()))
        if self._balance is None:
            self.summary.setText(tr("无业主，暂无费用") if self.model.rowCount() == 0 and not self._owner else "")
        else:
            b = self._balance
            self.summary.setText(tr("业主 {name}：欠费 {debt} 元，预存 {pre} 元，押金 {dep} 元").format(
                name=self._owner, debt=yuan(b.receivable), pre=yuan(b.prepaid), dep=yuan(b.deposits)))
        self.detail.setPlaceholderText(tr("选择一项查看计算公式"))
        self.model.retranslate()
        self.payments.retranslate()
        for w in (self.waive_button, self.waive_action):
            w.setText(tr("减免(&W)…"))
            w.setToolTip(tr("减免所选项目的未缴金额（需主管权限或主管授权）"))
        for w in (self.adjust_button, self.adjust_action):
            w.setText(tr("调整(&J)…"))
            w.setToolTip(tr("调增或调减所选项目的应收（调减需主管权限或主管授权）"))
        self._update_actions()

    def load(self) -> None:
        super().load()
        rid, actor, as_of = self.room_id, self.ctx.actor, today()

        def work(s):
            items = ledger.room_items(s, actor, rid, as_of=as_of)
            owner = room_owner(s, rid)
            bal = ledger.balance(s, actor, owner.id) if owner else None
            return items, (owner.name if owner else ""), bal, ledger.room_payments(s, actor, rid)
        self.ctx.tasks.read(work, parent=self, key=f"fees-{id(self)}").success(self._show).run()

    def _show(self, result) -> None:
        items, self._owner, self._balance, payments = result
        self.model.set_rows(items)
        self.payments.set_rows(payments)
        self.detail.clear()
        self.retranslate()

    def selected_item(self):
        return self.table.selected_row()

    def _update_actions(self) -> None:
        it = self.selected_item()
        can_waive = it is not None and it.outstanding > 0
        for w in (self.waive_button, self.waive_action):
            w.setEnabled(can_waive)
        for w in (self.adjust_button, self.adjust_action):
            w.setEnabled(it is not None)

    def change_item(self, kind: str):
        """减免 (``waive``) or 调整 (``adjust``) of the selected item; the tab reloads after."""
        from ui.billing.item_dialogs import ItemChangeDialog

        it = self.selected_item()
        if it is None or (kind == "waive" and it.outstanding <= 0):
            return None
        dlg = ItemChangeDialog(self.ctx, kind, it, self)
        dlg.saved.connect(lambda _delta: self.load())
        dlg.open()
        return dlg

    def _show_detail(self, current, _previous=None) -> None:
        if not current.isValid():
            return
        it = self.model.row(current.row())
        text = it.formula
        if it.late_fee_formula:
            text += "\n" + tr("滞纳金：") + it.late_fee_formula
        self.detail.setPlainText(text)

    def on_changes(self, changes: Changes) -> None:
        if changes.entities & {"bill_line", "allocation", "ledger_entry"} or self.room_id in changes.occupancy:
            self.stale = True


REQUIRED_PERMISSION = BILL_VIEW
