"""入住 / 迁出 / 过户 dialogs."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from propdesk.models.enums import OCCUPANT_ROLES
from propdesk.services.customers import OccupantRow, move_in, move_out, transfer
from ui.dialogs.customer import CustomerPicker
from ui.i18n import label, tr
from ui.tasks import Changes
from ui.widgets.fields import DateField, EnumCombo
from ui.widgets.form_dialog import FormDialog


class _OccupancyDialog(FormDialog):
    def __init__(self, ctx, room_id: uuid.UUID, room_code: str, parent: QWidget | None) -> None:
        super().__init__(ctx, parent, min_width=500)
        self.room_id = room_id
        self.room_code = room_code
        self.intro = QLabel()
        self.intro.setObjectName("sectionTitle")
        self.body.addWidget(self.intro)

    def _run(self, fn) -> None:
        rid = self.room_id
        self.run_write(fn, Changes.of(rooms=[rid], occupancy=[rid], entities=["occupancy"]))


class MoveInDialog(_OccupancyDialog):
    """入住: a customer becomes owner, tenant or resident of the room from a date."""

    def __init__(self, ctx, room_id: uuid.UUID, room_code: str, parent: QWidget | None = None,
                 *, role: str = "owner") -> None:
        super().__init__(ctx, room_id, room_code, parent)
        self.setObjectName("moveInDialog")
        self.picker = CustomerPicker(ctx)
        self.role = EnumCombo(OCCUPANT_ROLES)
        self.role.set_code(role)
        self.start = DateField()
        self.note = QLineEdit()
        self.labels = [self.add_row(self.picker, self.picker.query), self.add_row(self.role),
                       self.add_row(self.start), self.add_row(self.note)]
        self.finish()
        self.picker.picked.connect(lambda _: self._enable())
        self.retranslate()
        self._enable()
        self.picker.query.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("入住登记"))
        self.intro.setText(tr("房间 {code} 入住登记").format(code=self.room_code))
        for lbl, t in zip(self.labels, (tr("客户(&C)"), tr("身份(&R)"), tr("入住日期(&D)"),
                                        tr("备注"))):
            lbl.setText(t)

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.picker.chosen() is not None)

    def submit(self) -> None:
        c = self.picker.chosen()
        if c is None:
            self.error.show_error(tr("请先选择或新建客户"))
            return
        actor, rid = self.ctx.actor, self.room_id
        role, start, note = self.role.code(), self.start.date_value(), self.note.text().strip()
        self._run(lambda s: move_in(s, actor, c.id, role=role, start=start, room_id=rid, note=note))


class MoveOutDialog(_OccupancyDialog):
    """迁出: end one occupancy on a date."""

    def __init__(self, ctx, room_id: uuid.UUID, room_code: str, occupant: OccupantRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, room_id, room_code, parent)
        self.setObjectName("moveOutDialog")
        self.occupant = occupant
        self.who = QLabel()
        self.end = DateField()
        self.labels = [self.add_row(self.who), self.add_row(self.end)]
        self.finish()
        self.retranslate()
        self.end.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("迁出"))
        self.intro.setText(tr("房间 {code} 办理迁出").format(code=self.room_code))
        self.labels[0].setText(tr("住户"))
        self.labels[1].setText(tr("迁出日期(&D)"))
        o = self.occupant
        self.who.setText(tr("{name}（{role}，{start} 起）").format(
            name=o.name, role=label(OCCUPANT_ROLES, o.role), start=o.start.isoformat()))

    def submit(self) -> None:
        actor, occ_id, end = self.ctx.actor, self.occupant.occupancy_id, self.end.date_value()
        self._run(lambda s: move_out(s, actor, occ_id, end=end))


class TransferDialog(_OccupancyDialog):
    """过户: the current owner's occupancy ends and the new owner's starts the same day."""

    def __init__(self, ctx, room_id: uuid.UUID, room_code: str, current_owner: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, room_id, room_code, parent)
        self.setObjectName("transferDialog")
        self.current_owner = current_owner
        self.owner = QLabel()
        self.picker = CustomerPicker(ctx)
        self.on = DateField()
        self.labels = [self.add_row(self.owner), self.add_row(self.picker, self.picker.query),
                       self.add_row(self.on)]
        self.finish()
        self.picker.picked.connect(lambda _: self._enable())
        self.retranslate()
        self._enable()
        self.picker.query.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("过户"))
        self.intro.setText(tr("房间 {code} 办理过户").format(code=self.room_code))
        self.labels[0].setText(tr("原业主"))
        self.labels[1].setText(tr("新业主(&N)"))
        self.labels[2].setText(tr("过户日期(&D)"))
        self.owner.setText(self.current_owner or tr("（无）"))

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.picker.chosen() is not None)

    def submit(self) -> None:
        c = self.picker.chosen()
        if c is None:
            self.error.show_error(tr("请先选择或新建新业主"))
            return
        actor, rid, on = self.ctx.actor, self.room_id, self.on.date_value()
        self._run(lambda s: transfer(s, actor, rid, c.id, on))
