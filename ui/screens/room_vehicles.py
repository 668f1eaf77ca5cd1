"""车辆: the vehicles of the room's current occupants; 登记车辆."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from propdesk.security import MASTER_EDIT
from propdesk.services.customers import occupants, room_vehicles
from ui.dialogs.vehicle import AddVehicleDialog
from ui.i18n import tr, tr_noop
from ui.icons import icon
from ui.room_tabs import RoomTab
from ui.tasks import Changes
from ui.widgets.table import Column, RowTableModel, TableView

COLUMNS = [
    Column(tr_noop("车牌号"), lambda v: v.plate, width=110),
    Column(tr_noop("车主"), lambda v: v.customer_name, width=100),
    Column(tr_noop("品牌"), lambda v: v.brand, width=90),
    Column(tr_noop("型号"), lambda v: v.model, width=90),
    Column(tr_noop("颜色"), lambda v: v.color, width=60),
    Column(tr_noop("车位"), lambda v: v.space_code),
]


class VehiclesTab(RoomTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = ctx.can(MASTER_EDIT)
        self._occupants = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        self.add_button = QPushButton(icon("car"), "")
        self.add_button.setObjectName("addVehicle")
        self.add_button.setVisible(self.editable)
        self.add_button.setEnabled(False)     # until the occupants (the possible owners) are known
        bar.addWidget(self.add_button)
        self.count = QLabel()
        self.count.setObjectName("muted")
        bar.addStretch(1)
        bar.addWidget(self.count)
        lay.addLayout(bar)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("车辆"))
        self.table.setObjectName("vehiclesTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        lay.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_vehicle)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(tr("登记车辆(&A)…"))
        self.count.setText(tr("共 {n} 辆").format(n=self.model.rowCount()))

    def load(self) -> None:
        super().load()
        self.add_button.setEnabled(False)
        rid, actor = self.room_id, self.ctx.actor
        self.ctx.tasks.read(lambda s: (room_vehicles(s, actor, rid), occupants(s, actor, rid)),
                            parent=self, key=f"vehicles-{id(self)}").success(self._show).run()

    def _show(self, result) -> None:
        rows, self._occupants = result
        self.model.set_rows(rows)
        self.add_button.setEnabled(bool(self._occupants))
        self.add_button.setToolTip("" if self._occupants else tr("请先办理入住，车辆登记在住户名下"))
        self.retranslate()

    def add_vehicle(self) -> AddVehicleDialog:
        dlg = AddVehicleDialog(self.ctx, self.room_id, self._occupants, self)
        dlg.open()
        return dlg

    def on_changes(self, changes: Changes) -> None:
        if "vehicle" in changes.entities or self.room_id in changes.occupancy:
            self.stale = True
