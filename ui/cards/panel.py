"""The card list with its history and actions: used by the room's 门禁卡 tab, a customer's
cards, and the 门禁卡 screen's search."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from propdesk.models.cards import CARD_ACTIONS, DEPOSIT_STATES
from propdesk.security import CARD_ISSUE
from propdesk.services import cards as svc
from ui.cards.issue_dialog import IssueCardDialog
from ui.cards.operations import CancelDialog, RenewDialog, ReplaceDialog, confirm_lost
from ui.cards.widgets import STATUS_COLORS, card_status_label, card_type_label
from ui.i18n import label, tr, tr_noop
from ui.icons import icon
from ui.signals import emit
from ui.tasks import Changes
from ui.widgets.base import Retranslatable
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.table import Column, RowTableModel, TableView

CARD_COLUMNS = [
    Column(tr_noop("卡号"), lambda r: r.uid, width=96),
    Column(tr_noop("类型"), lambda r: r.card_type, text=card_type_label, width=64),
    Column(tr_noop("状态"), lambda r: r.status, text=card_status_label, width=52,
           color=lambda r: QColor(STATUS_COLORS.get(r.status, "#333333"))),
    Column(tr_noop("持卡人"), lambda r: r.holder_name, width=90),
    Column(tr_noop("房间/车位"), lambda r: r.place_code, width=110),
    Column(tr_noop("车牌"), lambda r: r.plate, width=80),
    Column(tr_noop("有效期至"), lambda r: r.valid_until, width=90),
    Column(tr_noop("押金"), lambda r: r.deposit, width=64),
    Column(tr_noop("押金状态"), lambda r: r.deposit_state, text=lambda v: label(DEPOSIT_STATES, v), width=80),
    Column(tr_noop("待收费台办理"), lambda r: r.pending_charges or "", width=70),
]

HISTORY_COLUMNS = [
    Column(tr_noop("时间"), lambda h: h.at, width=130),
    Column(tr_noop("操作"), lambda h: h.action, text=lambda v: label(CARD_ACTIONS, v), width=56),
    Column(tr_noop("卡号"), lambda h: h.uid, width=90),
    Column(tr_noop("状态"), lambda h: h.to_status, text=card_status_label, width=52),
    Column(tr_noop("有效期至"), lambda h: h.valid_until_after, width=90),
    Column(tr_noop("金额"), lambda h: h.amount or "", width=70),
    Column(tr_noop("操作员"), lambda h: h.operator_name, width=90),
    Column(tr_noop("说明"), lambda h: h.note),
]


class CardsPanel(Retranslatable, QWidget):
    """Cards of a room, of a customer, or of a search (``scope``), with the card actions."""

    loaded = Signal()

    def __init__(self, ctx, scope: str = "room", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope = scope
        self.room_id: uuid.UUID | None = None
        self.customer_id: uuid.UUID | None = None
        self.search_text, self.search_status = "", None
        self.editable = ctx.can(CARD_ISSUE)
        self.dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.issue_button = QPushButton(icon("generate"), "")
        self.renew_button, self.lost_button = QPushButton(), QPushButton()
        self.replace_button, self.cancel_button = QPushButton(), QPushButton()
        for name, button in (("issueCard", self.issue_button), ("renewCard", self.renew_button),
                             ("lostCard", self.lost_button), ("replaceCard", self.replace_button),
                             ("cancelCard", self.cancel_button)):
            button.setObjectName(name)
            button.setVisible(self.editable)
            bar.addWidget(button)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        bar.addWidget(self.count)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowTableModel(CARD_COLUMNS)
        self.table = TableView(export_title=tr_noop("门禁卡"))
        self.table.setObjectName("cardsTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        self.hint = EmptyHint(self.table)
        self._loaded = False   # no hint before the first answer
        self.history_model = RowTableModel(HISTORY_COLUMNS)
        self.history = TableView(export_title=tr_noop("门禁卡记录"))
        self.history.setObjectName("cardHistory")
        self.history.set_context(ctx)
        self.history.setModel(self.history_model)
        self.history_title = QLabel()
        self.history_title.setObjectName("sectionTitle")
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 6, 0, 0)
        lower_lay.addWidget(self.history_title)
        lower_lay.addWidget(self.history, 1)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.issue_button.clicked.connect(self.issue)
        self.renew_button.clicked.connect(self.renew)
        self.lost_button.clicked.connect(self.report_lost)
        self.replace_button.clicked.connect(self.replace)
        self.cancel_button.clicked.connect(self.cancel)
        ctx.tasks.changed.connect(self._on_changes)
        self.retranslate()
        self._update_buttons()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.issue_button.setText(tr("发卡(&I)…"))
        self.renew_button.setText(tr("延期(&R)…"))
        self.lost_button.setText(tr("挂失(&L)"))
        self.replace_button.setText(tr("补卡(&P)…"))
        self.cancel_button.setText(tr("注销(&C)…"))
        self.count.setText(tr("共 {n} 张").format(n=self.model.rowCount()))
        self.history_title.setText(tr("卡片记录"))
        self.model.retranslate()
        self.history_model.retranslate()
        self.hint.set_text(self._hint_text() if self._loaded else "")

    def _hint_text(self) -> str:
        """Why the list is empty and, for who may issue cards, how to issue one."""
        filtered = self.scope == "search" and bool(self.search_text or self.search_status)
        if self.editable:
            if filtered:
                return tr("没有符合条件的门禁卡。要发新卡，按 发卡（Alt+I）")
            if self.scope == "room":
                return tr("这个房间还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）")
            if self.scope == "customer":
                return tr("该客户还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）")
            return tr("还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）发第一张卡")
        return tr("没有符合条件的门禁卡") if filtered else tr("没有门禁卡")

    # -- scope and loading ------------------------------------------------------------------------
    def set_room(self, room_id: uuid.UUID | None) -> None:
        self.room_id = room_id

    def set_customer(self, customer_id: uuid.UUID | None) -> None:
        self.customer_id = customer_id

    def set_search(self, text: str, status: str | None) -> None:
        self.search_text, self.search_status = text, status

    def load(self, select_card: uuid.UUID | None = None) -> None:
        actor = self.ctx.actor
        if self.scope == "room":
            rid = self.room_id
            fn = lambda s: svc.cards_of_room(s, actor, rid)  # noqa: E731
        elif self.scope == "customer":
            cid = self.customer_id
            fn = lambda s: svc.cards_of_customer(s, actor, cid)  # noqa: E731
        else:
            text, status = self.search_text, self.search_status
            fn = lambda s: svc.search_cards(s, actor, text, status=status)  # noqa: E731
        keep = select_card or (self.current().card_id if self.current() else None)
        self.ctx.tasks.read(fn, parent=self, key=f"cards-{id(self)}").success(
            lambda rows: self._show(rows, keep)).run()

    def _show(self, rows, keep: uuid.UUID | None) -> None:
        self._loaded = True
        self.model.set_rows(rows)
        self.retranslate()
        index = next((i for i, r in enumerate(rows) if r.card_id == keep), 0 if rows else None)
        if index is not None:
            self.table.selectRow(index)
        else:
            self.history_model.set_rows([])
        self._update_buttons()
        emit(self.loaded)

    def current(self) -> svc.CardRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def select_card(self, card_id: uuid.UUID) -> bool:
        for i, r in enumerate(self.model.rows()):
            if r.card_id == card_id:
                self.table.selectRow(i)
                return True
        return False

    def _selected(self, *_args) -> None:
        self._update_buttons()
        row = self.current()
        if row is None:
            self.history_model.set_rows([])
            return
        actor, card_id = self.ctx.actor, row.card_id
        self.ctx.tasks.read(lambda s: svc.card_history(s, actor, card_id), parent=self,
                            key=f"card-history-{id(self)}").success(self.history_model.set_rows).run()

    def _update_buttons(self) -> None:
        row = self.current()
        status = row.status if row else ""
        self.issue_button.setEnabled(self.scope != "room" or self.room_id is not None)
        self.renew_button.setEnabled(status in ("active", "expired"))
        self.lost_button.setEnabled(status in ("active", "expired"))
        self.replace_button.setEnabled(status in ("active", "expired", "lost"))
        self.cancel_button.setEnabled(status in ("active", "expired", "lost")
                                      or (status == "cancelled" and row is not None and not row.wiped))

    def _on_changes(self, changes: Changes) -> None:
        if "gate_card" in changes.entities and self.isVisible():
            self.load()

    # -- actions -----------------------------------------------------------------------------------
    def _open(self, dialog):
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self.load())
        dialog.open()
        return dialog

    def issue(self) -> IssueCardDialog:
        return self._open(IssueCardDialog(self.ctx, room_id=self.room_id if self.scope == "room" else None,
                                          customer_id=self.customer_id if self.scope == "customer" else None,
                                          parent=self))

    def renew(self) -> RenewDialog | None:
        row = self.current()
        return self._open(RenewDialog(self.ctx, row, monthly=bool(row.monthly_fee), parent=self)) if row else None

    def replace(self) -> ReplaceDialog | None:
        row = self.current()
        return self._open(ReplaceDialog(self.ctx, row, parent=self)) if row else None

    def cancel(self) -> CancelDialog | None:
        row = self.current()
        return self._open(CancelDialog(self.ctx, row, parent=self)) if row else None

    def report_lost(self):
        row = self.current()
        if row is None:
            return None
        return confirm_lost(self.ctx, row, self, lambda _r: self.load(row.card_id))
