"""住户: the room's occupants with their history; 入住/迁出/过户; the customer's other holdings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QSplitter, QVBoxLayout, QWidget,
)

from propdesk.models.enums import OCCUPANT_ROLES
from propdesk.security import MASTER_EDIT
from propdesk.services.customers import customer_holdings, occupants
from ui.dialogs.customer import CustomerEditor
from ui.dialogs.occupancy import MoveInDialog, MoveOutDialog, TransferDialog
from ui.i18n import label, tr, tr_noop
from ui.icons import icon
from ui.room_tabs import RoomTab
from ui.tasks import Changes
from ui.widgets.table import Column, RowTableModel, TableView

COLUMNS = [
    Column(tr_noop("姓名"), lambda o: o.name, width=110),
    Column(tr_noop("身份"), lambda o: o.role, text=lambda v: label(OCCUPANT_ROLES, v), width=70),
    Column(tr_noop("手机"), lambda o: o.phone, width=120),
    Column(tr_noop("入住日期"), lambda o: o.start, width=100),
    Column(tr_noop("迁出日期"), lambda o: o.end, width=100),
    Column(tr_noop("状态"), lambda o: o.end is None,
           text=lambda current: tr("当前") if current else tr("已迁出"),
           color=lambda o: None if o.end is None else QColor("#7B8794")),
]


class OccupantsTab(RoomTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = ctx.can(MASTER_EDIT)
        self.room_code = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        self.move_in_button = QPushButton(icon("person"), "")
        self.move_in_button.setObjectName("moveIn")
        self.move_out_button = QPushButton()
        self.move_out_button.setObjectName("moveOut")
        self.transfer_button = QPushButton()
        self.transfer_button.setObjectName("transfer")
        self.edit_customer_button = QPushButton()
        self.edit_customer_button.setObjectName("editCustomer")
        self.edit_buttons = [self.move_in_button, self.move_out_button, self.transfer_button,
                             self.edit_customer_button]
        for b in self.edit_buttons:
            bar.addWidget(b)
            b.setVisible(self.editable)
        bar.addStretch(1)
        self.history = QCheckBox()
        self.history.setChecked(True)
        bar.addWidget(self.history)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("住户"))
        self.table.setObjectName("occupantsTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        split.addWidget(self.table)
        self.holdings_box = QGroupBox()
        hl = QVBoxLayout(self.holdings_box)
        self.holdings_hint = QLabel()
        self.holdings_hint.setObjectName("hint")
        self.holdings = QListWidget()
        self.holdings.setObjectName("holdings")
        hl.addWidget(self.holdings_hint)
        hl.addWidget(self.holdings)
        split.addWidget(self.holdings_box)
        split.setSizes([260, 140])
        lay.addWidget(split, 1)
        self.move_in_button.clicked.connect(self.move_in)
        self.move_out_button.clicked.connect(self.move_out)
        self.transfer_button.clicked.connect(self.transfer)
        self.edit_customer_button.clicked.connect(self.edit_customer)
        self.history.toggled.connect(lambda _: self.load())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.row_activated.connect(lambda _: self.edit_customer() if self.editable else None)
        self.holdings.itemClicked.connect(self._open_holding)
        self.holdings.itemActivated.connect(self._open_holding)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.move_in_button.setText(tr("入住(&I)…"))
        self.move_out_button.setText(tr("迁出(&O)…"))
        self.transfer_button.setText(tr("过户(&T)…"))
        self.edit_customer_button.setText(tr("修改客户资料(&E)…"))
        self.history.setText(tr("显示历史住户"))
        self.holdings_box.setTitle(tr("该客户名下的房产和车位"))
        self.holdings_hint.setText(tr("单击即可打开"))

    # -- data --------------------------------------------------------------------------
    def load(self) -> None:
        super().load()
        self.room_code = ""          # actions wait for this room's data
        self._update_buttons()
        rid, actor, hist = self.room_id, self.ctx.actor, self.history.isChecked()

        def work(s):
            from propdesk.services.property import get_room

            return get_room(s, actor, rid).code, occupants(s, actor, rid, include_history=hist)
        self.ctx.tasks.read(work, parent=self, key=f"occupants-{id(self)}").success(self._show).run()

    def _show(self, result) -> None:
        self.room_code, rows = result
        self.model.set_rows(rows)
        self.holdings.clear()
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def current_occupants(self):
        return [o for o in self.model.rows() if o.end is None]

    def selected(self):
        return self.table.selected_row()

    def _selection_changed(self) -> None:
        self._update_buttons()
        o = self.selected()
        self.holdings.clear()
        if o is None:
            return
        actor, cid = self.ctx.actor, o.customer_id
        self.ctx.tasks.read(lambda s: customer_holdings(s, actor, cid), parent=self,
                            key=f"holdings-{id(self)}").success(self._show_holdings).run()

    def _show_holdings(self, rows) -> None:
        self.holdings.clear()
        for kind, hid, code, role in rows:
            text = f"{code}　{label(OCCUPANT_ROLES, role)}"
            item = QListWidgetItem(icon("unit" if kind == "room" else "lot"), text)
            item.setData(Qt.ItemDataRole.UserRole, (kind, hid))
            if kind == "room" and hid == self.room_id:
                item.setText(text + "　" + tr("（当前房间）"))
            self.holdings.addItem(item)

    def _open_holding(self, item: QListWidgetItem) -> None:
        kind, hid = item.data(Qt.ItemDataRole.UserRole)
        if not (kind == "room" and hid == self.room_id):
            self.ctx.open_node(kind, hid)

    def _update_buttons(self) -> None:
        o = self.selected()
        has_owner = any(x.role == "owner" for x in self.current_occupants())
        loaded = bool(self.room_code)
        self.move_in_button.setEnabled(loaded)
        self.move_out_button.setEnabled(loaded and o is not None and o.end is None)
        self.transfer_button.setEnabled(loaded and has_owner)
        self.edit_customer_button.setEnabled(loaded and o is not None)

    # -- actions -------------------------------------------------------------------------
    def move_in(self) -> MoveInDialog:
        role = "owner" if not any(o.role == "owner" for o in self.current_occupants()) else "tenant"
        dlg = MoveInDialog(self.ctx, self.room_id, self.room_code, self, role=role)
        dlg.open()
        return dlg

    def move_out(self) -> MoveOutDialog | None:
        o = self.selected()
        if o is None or o.end is not None:
            return None
        dlg = MoveOutDialog(self.ctx, self.room_id, self.room_code, o, self)
        dlg.open()
        return dlg

    def transfer(self) -> TransferDialog:
        owner = next((o.name for o in self.current_occupants() if o.role == "owner"), "")
        dlg = TransferDialog(self.ctx, self.room_id, self.room_code, owner, self)
        dlg.open()
        return dlg

    def edit_customer(self) -> CustomerEditor | None:
        o = self.selected()
        if o is None:
            return None
        dlg = CustomerEditor(self.ctx, o.customer_id, self)
        dlg.open()
        return dlg

    def on_changes(self, changes: Changes) -> None:
        if self.room_id in changes.occupancy or changes.customers & {
                o.customer_id for o in self.model.rows()}:
            self.stale = True
