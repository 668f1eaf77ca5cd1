"""工单 tab of a room: its work orders, newest first, overdue in red; 新建报修 for the room."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from propdesk.security import WORKORDER_CREATE
from propdesk.services.property import get_room
from propdesk.services.service_desk import workorders as wo
from ui.i18n import tr, tr_noop
from ui.room_tabs import RoomTab
from ui.screens.workorders import COLUMNS
from ui.service.order_panel import OrderDialog
from ui.service.workorder_dialogs import IntakeDialog
from ui.tasks import Changes
from ui.widgets.table import RowTableModel, TableView

ROOM_COLUMNS = [c for c in COLUMNS if c.title not in ("位置", "类型")]


class RoomWorkOrdersTab(RoomTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.room_code = ""
        self.dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("newRoomOrder")
        self.add_button.setVisible(ctx.can(WORKORDER_CREATE))
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        bar.addWidget(self.count)
        lay.addLayout(bar)
        self.model = RowTableModel(ROOM_COLUMNS)
        self.table = TableView(export_title=tr_noop("工单"))
        self.table.setObjectName("roomOrdersTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        lay.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.new_order)
        self.table.row_activated.connect(self.open_order)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(tr("新建报修(&N)…"))
        open_n = sum(r.state not in ("done", "cancelled") for r in self.model.rows())
        self.count.setText(tr("共 {n} 张，未完结 {open} 张").format(
            n=self.model.rowCount(), open=open_n))

    def load(self):
        super().load()
        rid, actor = self.room_id, self.ctx.actor

        def work(s):
            return get_room(s, actor, rid).code, wo.list_orders(s, actor, wo.OrderFilter(room_id=rid))
        return self.ctx.tasks.read(work, parent=self, key=f"room-orders-{id(self)}") \
            .success(self._show).run()

    def _show(self, result) -> None:
        self.room_code, rows = result
        self.model.set_rows(rows)
        self.retranslate()

    def new_order(self) -> IntakeDialog:
        self.dialog = IntakeDialog(self.ctx, self, room_code=self.room_code)
        self.dialog.open()
        return self.dialog

    def open_order(self, row) -> OrderDialog:
        self.dialog = OrderDialog(self.ctx, row.id, self)
        self.dialog.open()
        return self.dialog

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("work_order"):
            self.stale = True
