"""登记车辆: plate checked as typed (普通 7 位 / 新能源 8 位), owner from the room's occupants."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from propdesk.models.enums import OCCUPANT_ROLES
from propdesk.services.customers import add_vehicle, customer_holdings
from propdesk.validators import normalize_plate, plate_ok
from ui.i18n import label, tr
from ui.tasks import Changes
from ui.widgets.fields import mark_invalid
from ui.widgets.form_dialog import FormDialog


class AddVehicleDialog(FormDialog):
    def __init__(self, ctx, room_id: uuid.UUID, occupants, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, min_width=440)
        self.room_id = room_id
        self.setObjectName("addVehicleDialog")
        self.owner = QComboBox()
        self.owner.setObjectName("owner")
        for o in occupants:
            self.owner.addItem(f"{o.name}（{label(OCCUPANT_ROLES, o.role)}）", o.customer_id)
        self.plate = QLineEdit()
        self.plate.setObjectName("plate")
        self.plate_check = QLabel()
        plate_row = QHBoxLayout()
        plate_row.addWidget(self.plate, 1)
        plate_row.addWidget(self.plate_check)
        self.brand, self.model_edit, self.color = QLineEdit(), QLineEdit(), QLineEdit()
        self.space = QComboBox()
        self.space.setObjectName("space")
        self.labels = [self.add_row(self.owner), self.add_row(plate_row, self.plate),
                       self.add_row(self.brand), self.add_row(self.model_edit),
                       self.add_row(self.color), self.add_row(self.space)]
        self.finish()
        self.plate.textChanged.connect(self._check)
        self.owner.currentIndexChanged.connect(self._load_spaces)
        self.retranslate()
        self._check()
        self._load_spaces()
        self.plate.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("登记车辆"))
        for lbl, t in zip(self.labels, (tr("车主(&W)"), tr("车牌号(&P)"), tr("品牌"), tr("型号"),
                                        tr("颜色"), tr("车位"))):
            lbl.setText(t)
        self.plate.setPlaceholderText(tr("如 粤B12345 或 粤BD12345"))
        self._check()

    def _check(self) -> None:
        text = self.plate.text()
        ok = plate_ok(text)
        if not text.strip():
            self.plate_check.setText("")
        else:
            self.plate_check.setText(tr("✓ {plate}").format(plate=normalize_plate(text)) if ok
                                     else tr("车牌格式不对"))
        self.plate_check.setStyleSheet("color:#2E8B57;" if ok else "color:#C0392B;")
        mark_invalid(self.plate, bool(text.strip()) and not ok)
        self.ok_button.setEnabled(ok and self.owner.count() > 0)

    def _load_spaces(self) -> None:
        self.space.clear()
        self.space.addItem(tr("（不指定）"), None)
        cid, actor = self.owner.currentData(), self.ctx.actor
        if cid is None:
            return
        self.ctx.tasks.read(lambda s: customer_holdings(s, actor, cid), parent=self,
                            key=f"vehicle-spaces-{id(self)}").success(self._spaces).run()

    def _spaces(self, rows) -> None:
        for kind, sid, code, _role in rows:
            if kind == "space":
                self.space.addItem(code, sid)

    def submit(self) -> None:
        cid, actor = self.owner.currentData(), self.ctx.actor
        plate, brand = self.plate.text(), self.brand.text().strip()
        model, color, space = self.model_edit.text().strip(), self.color.text().strip(), \
            self.space.currentData()
        self.run_write(lambda s: add_vehicle(s, actor, cid, plate=plate, brand=brand, model=model,
                                             color=color, space_id=space),
                       Changes.of(customers=[cid], entities=["vehicle"]))
