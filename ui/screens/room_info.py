"""基本信息: the room's own fields, editable (with validation) by operators with 资料编辑."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from propdesk.errors import ValidationFailed
from propdesk.models.enums import OWNERSHIP_TYPES, ROOM_STATUSES, ROOM_USAGES
from propdesk.security import MASTER_EDIT
from propdesk.services.property import get_room, update_room
from ui.i18n import error_text, tr
from ui.room_tabs import RoomTab
from ui.tasks import Changes
from ui.widgets.fields import DecimalEdit, EnumCombo, ErrorLabel, mark_invalid

EDITABLE = ("building_area", "inner_area", "layout", "orientation", "usage", "status",
            "ownership_type", "note")
# validate_room_values names fields by their Chinese label
PROBLEM_FIELDS = {"建筑面积": "building_area", "套内面积": "inner_area", "用途": "usage",
                  "状态": "status", "权属类型": "ownership_type"}


class RoomInfoTab(RoomTab):
    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = ctx.can(MASTER_EDIT)
        self._original: dict = {}
        self._loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 12)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.number = QLineEdit()
        self.number.setReadOnly(True)
        self.floor = QLineEdit()
        self.floor.setReadOnly(True)
        self.building_area = DecimalEdit(2)
        self.building_area.setObjectName("building_area")
        self.inner_area = DecimalEdit(2)
        self.inner_area.setObjectName("inner_area")
        self.layout_edit = QLineEdit()
        self.layout_edit.setObjectName("layout")
        self.orientation = QLineEdit()
        self.orientation.setObjectName("orientation")
        self.usage = EnumCombo(ROOM_USAGES)
        self.usage.setObjectName("usage")
        self.status = EnumCombo(ROOM_STATUSES)
        self.status.setObjectName("status")
        self.ownership = EnumCombo(OWNERSHIP_TYPES)
        self.ownership.setObjectName("ownership_type")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setFixedHeight(64)
        self.note.setTabChangesFocus(True)
        self.fields = {
            "code": self.code, "number": self.number, "floor": self.floor,
            "building_area": self.building_area, "inner_area": self.inner_area,
            "layout": self.layout_edit, "orientation": self.orientation, "usage": self.usage,
            "status": self.status, "ownership_type": self.ownership, "note": self.note,
        }
        self.labels = {k: QLabel() for k in self.fields}
        placement = [("code", 0, 0), ("number", 0, 1), ("floor", 0, 2),
                     ("building_area", 1, 0), ("inner_area", 1, 1), ("layout", 1, 2),
                     ("orientation", 2, 0), ("usage", 2, 1), ("ownership_type", 2, 2),
                     ("status", 3, 0)]
        for key, r, c in placement:
            lbl = self.labels[key]
            lbl.setBuddy(self.fields[key])
            lbl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(lbl, r, c * 2)
            grid.addWidget(self.fields[key], r, c * 2 + 1)
        self.labels["note"].setBuddy(self.note)
        self.labels["note"].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.labels["note"], 4, 0)
        grid.addWidget(self.note, 4, 1, 1, 5)
        for c in (1, 3, 5):
            grid.setColumnStretch(c, 1)
        lay.addLayout(grid)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        self.readonly_hint = QLabel()
        self.readonly_hint.setObjectName("hint")
        buttons.addWidget(self.readonly_hint)
        buttons.addStretch(1)
        self.revert_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setObjectName("primary")
        self.save_button.setShortcut("Ctrl+S")
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        for w in (self.building_area, self.inner_area, self.layout_edit, self.orientation):
            w.textChanged.connect(self._edited)
        for w in (self.usage, self.status, self.ownership):
            w.currentIndexChanged.connect(self._edited)
        self.note.textChanged.connect(self._edited)
        # Tab follows the grid row by row, then the buttons
        order = [self.building_area, self.inner_area, self.layout_edit, self.orientation,
                 self.usage, self.ownership, self.status, self.note, self.revert_button,
                 self.save_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        for ro in (self.code, self.number, self.floor):
            ro.setFocusPolicy(Qt.FocusPolicy.ClickFocus)   # read-only: skipped by Tab
        self._apply_permissions()
        self.retranslate()
        self._set_enabled_buttons()

    def _apply_permissions(self) -> None:
        self.save_button.setVisible(self.editable)
        self.revert_button.setVisible(self.editable)
        self.readonly_hint.setVisible(not self.editable)
        for key in EDITABLE:
            w = self.fields[key]
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(not self.editable)
            else:
                w.setEnabled(self.editable)

    def retranslate(self) -> None:
        names = {"code": tr("房间编码"), "number": tr("房号"), "floor": tr("楼层"),
                 "building_area": tr("建筑面积(㎡)"), "inner_area": tr("套内面积(㎡)"),
                 "layout": tr("户型"), "orientation": tr("朝向"), "usage": tr("用途"),
                 "status": tr("状态"), "ownership_type": tr("权属类型"), "note": tr("备注")}
        for k, lbl in self.labels.items():
            lbl.setText(names[k])
        self.save_button.setText(tr("保存 (Ctrl+S)"))
        self.revert_button.setText(tr("撤销修改"))
        self.readonly_hint.setText(tr("只读：您的角色没有修改房产资料的权限"))
        self.layout_edit.setPlaceholderText(tr("如：三室两厅"))
        self.orientation.setPlaceholderText(tr("如：南北"))

    # -- load -----------------------------------------------------------------------
    def load(self) -> None:
        super().load()
        rid, actor = self.room_id, self.ctx.actor
        self.ctx.tasks.read(lambda s: get_room(s, actor, rid), parent=self,
                            key=f"room-info-{id(self)}").success(self._show).run()

    def _show(self, room) -> None:
        if room.id != self.room_id:
            return
        self._loading = True
        self.code.setText(room.code)
        self.number.setText(room.number)
        self.floor.setText(str(room.floor))
        self.building_area.set_value(room.building_area)
        self.inner_area.set_value(room.inner_area)
        self.layout_edit.setText(room.layout)
        self.orientation.setText(room.orientation)
        self.usage.set_code(room.usage)
        self.status.set_code(room.status)
        self.ownership.set_code(room.ownership_type)
        self.note.setPlainText(room.note)
        self._loading = False
        self._original = self.values()
        self.error.clear_error()
        for key in EDITABLE:
            mark_invalid(self.fields[key], False)
        self._set_enabled_buttons()

    # -- edit -----------------------------------------------------------------------
    def values(self) -> dict:
        return {
            "building_area": self.building_area.value() or Decimal("0.00"),
            "inner_area": self.inner_area.value() or Decimal("0.00"),
            "layout": self.layout_edit.text().strip(),
            "orientation": self.orientation.text().strip(),
            "usage": self.usage.code(),
            "status": self.status.code(),
            "ownership_type": self.ownership.code(),
            "note": self.note.toPlainText(),
        }

    def changes(self) -> dict:
        now = self.values()
        return {k: v for k, v in now.items() if self._original.get(k) != v}

    def is_dirty(self) -> bool:
        return bool(self._original) and bool(self.changes())

    def _edited(self) -> None:
        if not self._loading:
            self._set_enabled_buttons()

    def _set_enabled_buttons(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def revert(self) -> None:
        self.stale = True
        self.load()

    def save(self) -> None:
        changes = self.changes()
        if not changes or not self.editable:
            return
        rid, actor = self.room_id, self.ctx.actor
        self.save_button.setEnabled(False)
        self.error.clear_error()
        self.ctx.tasks.write(lambda s: update_room(s, actor, rid, **changes), parent=self,
                             changes=Changes.of(rooms=[rid])) \
            .success(self._saved).failure(self._failed) \
            .finally_(self._set_enabled_buttons).run()

    def _saved(self, room) -> None:
        self._show(room)
        self.saved.emit(room)

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(error_text(exc))
        if isinstance(exc, ValidationFailed):
            # Problem.where is "<room code> <field label>": mark those fields red.
            bad = {key for p in exc.problems for src, key in PROBLEM_FIELDS.items()
                   if p.where.endswith(src)}
            for key in EDITABLE:
                mark_invalid(self.fields[key], key in bad)

    def can_leave(self) -> bool:
        if not self.editable or not self.is_dirty():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, tr("未保存的修改"),
                          tr("房间 {code} 的修改还没有保存。").format(code=self.code.text()),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(tr("要保存吗？"))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            self.save()
            return True
        if answer == QMessageBox.StandardButton.Discard:
            self._original = {}
            return True
        return False

    def on_changes(self, changes: Changes) -> None:
        if self.room_id in changes.rooms and not self.is_dirty():
            self.stale = True
