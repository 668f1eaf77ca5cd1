"""新建/修改 the upper levels of the property tree: regions, estates, buildings, units, parking.

One :class:`NodeDialog` takes a list of fields and a write function, so each
kind of node is a few lines in :data:`SPECS` rather than a dialog class of its
own.  Every write goes through ``propdesk.services.property`` (which checks
MASTER_EDIT and audits); the dialog's result is the new or edited node's id.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from propdesk.models import Building, Company, Estate, ParkingLot, Region
from propdesk.models.enums import (
    BUILDING_TYPES, LOT_KINDS, SPACE_KINDS, SPACE_STATUSES, STRUCTURES,
)
from propdesk.services import property as prop
from ui.i18n import translated, tr, tr_noop
from ui.tasks import Changes
from ui.widgets.fields import DecimalEdit, EnumCombo
from ui.widgets.form_dialog import FormDialog


def _text() -> QLineEdit:
    return QLineEdit()


def _floors() -> QSpinBox:
    w = QSpinBox()
    w.setRange(1, 200)
    return w


def _enum(mapping: dict[str, str], default: str) -> Callable[[], EnumCombo]:
    def make() -> EnumCombo:
        w = EnumCombo(mapping)
        w.set_code(default)
        return w
    return make


@dataclass(frozen=True)
class Field:
    key: str
    label: str                      # tr_noop source text
    make: Callable[[], QWidget]


CODE = Field("code", tr_noop("编码(&C)"), _text)
NAME = Field("name", tr_noop("名称(&N)"), _text)
ESTATE_FIELDS = [
    CODE, NAME, Field("address", tr_noop("地址"), _text),
    Field("land_area", tr_noop("占地面积(㎡)"), DecimalEdit),
    Field("building_area", tr_noop("建筑面积(㎡)"), DecimalEdit),
    Field("green_area", tr_noop("绿化面积(㎡)"), DecimalEdit),
    Field("phone", tr_noop("电话"), _text),
]
BUILDING_FIELDS = [
    CODE, NAME, Field("building_type", tr_noop("楼宇类型"), _enum(BUILDING_TYPES, "high_rise")),
    Field("structure", tr_noop("结构"), _enum(STRUCTURES, "frame")),
    Field("floors", tr_noop("层数"), _floors),
]


@dataclass(frozen=True)
class Spec:
    """What creating a ``kind`` under a ``parent`` kind looks like."""

    kind: str
    parent: str
    parent_model: type
    parent_label: str               # for "不存在" messages
    title: str                      # tr_noop
    fields: list[Field]
    create: Callable[..., Any]      # create_x(session, actor, parent_obj, **values)


SPECS: dict[str, Spec] = {s.kind: s for s in (
    Spec("region", "company", Company, "公司", tr_noop("新建区域"), [CODE, NAME],
         prop.create_region),
    Spec("estate", "region", Region, "区域", tr_noop("新建小区"), ESTATE_FIELDS,
         prop.create_estate),
    Spec("building", "estate", Estate, "小区", tr_noop("新建楼栋"), BUILDING_FIELDS,
         prop.create_building),
    Spec("unit", "building", Building, "楼栋", tr_noop("新建单元"), [CODE, NAME],
         prop.create_unit),
    Spec("lot", "estate", Estate, "小区", tr_noop("新建停车场"),
         [CODE, NAME, Field("kind", tr_noop("类型"), _enum(LOT_KINDS, "underground"))],
         prop.create_parking_lot),
    Spec("space", "lot", ParkingLot, "停车场", tr_noop("新建车位"),
         [Field("number", tr_noop("车位号(&N)"), _text),
          Field("kind", tr_noop("类型"), _enum(SPACE_KINDS, "owned")),
          Field("area", tr_noop("面积(㎡)"), DecimalEdit),
          Field("status", tr_noop("状态"), _enum(SPACE_STATUSES, "vacant"))],
         prop.create_parking_space),
)}
# which kinds of node may be created under each kind of node, in menu order
CREATE_UNDER: dict[str, list[str]] = {}
for _s in SPECS.values():
    CREATE_UNDER.setdefault(_s.parent, []).append(_s.kind)
EDITABLE = {"estate": (ESTATE_FIELDS, tr_noop("修改小区"), prop.update_estate),
            "building": (BUILDING_FIELDS, tr_noop("修改楼栋"), prop.update_building)}


def _value(w: QWidget) -> Any:
    if isinstance(w, EnumCombo):
        return w.code()
    if isinstance(w, DecimalEdit):
        return w.value()
    if isinstance(w, QSpinBox):
        return w.value()
    return w.text().strip()


def _set_value(w: QWidget, v: Any) -> None:
    if isinstance(w, EnumCombo):
        w.set_code(v)
    elif isinstance(w, DecimalEdit):
        w.set_value(v)
    elif isinstance(w, QSpinBox):
        w.setValue(int(v))
    else:
        w.setText(v or "")


class NodeDialog(FormDialog):
    """The form for one node; ``values()`` gives what was typed, by field key."""

    def __init__(self, ctx, title: str, fields: list[Field], write: Callable[[Any, dict], Any],
                 changes: Changes, parent: QWidget | None = None, *,
                 initial: dict[str, Any] | None = None, locked: tuple[str, ...] = ()) -> None:
        super().__init__(ctx, parent, min_width=420)
        self.setObjectName("nodeDialog")
        self.title = title
        self.fields = fields
        self._write, self._changes = write, changes
        self.widgets: dict[str, QWidget] = {}
        self.labels = []
        for f in fields:
            w = f.make()
            w.setObjectName(f.key)
            if initial and f.key in initial:
                _set_value(w, initial[f.key])
            w.setEnabled(f.key not in locked)
            self.widgets[f.key] = w
            self.labels.append(self.add_row(w))
        self.finish()
        self.retranslate()
        first = next((w for k, w in self.widgets.items() if k not in locked), None)
        if first is not None:
            first.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(translated(self.title))
        for lbl, f in zip(self.labels, self.fields):
            lbl.setText(translated(f.label))
        code = self.widgets.get("code")
        if code is not None and code.isEnabled():
            code.setToolTip(tr("编码建好后不能修改：它是房间编码和车位编码的一部分。"))

    def values(self) -> dict[str, Any]:
        return {k: _value(w) for k, w in self.widgets.items() if w.isEnabled()}

    def submit(self) -> None:
        values, write = self.values(), self._write
        self.run_write(lambda s: write(s, values), self._changes)


def create_dialog(ctx, kind: str, parent_id: uuid.UUID, parent: QWidget | None = None) -> NodeDialog:
    """新建 a ``kind`` node under the node ``parent_id``; the result is the new id."""
    spec, actor = SPECS[kind], ctx.actor

    def write(s, values: dict) -> uuid.UUID:
        owner = prop.get_live(s, spec.parent_model, parent_id, spec.parent_label)
        return spec.create(s, actor, owner, **values).id

    return NodeDialog(ctx, spec.title, spec.fields, write,
                      Changes.of(nodes=[(spec.parent, parent_id)]), parent)


def edit_dialog(ctx, kind: str, node_id: uuid.UUID, parent_node: tuple[str, uuid.UUID],
                parent: QWidget | None = None) -> NodeDialog:
    """修改 an estate or building; ``parent_node`` is refreshed so the tree shows the new name."""
    fields, title, update = EDITABLE[kind]
    actor = ctx.actor
    with ctx.db.session(write=False) as s:     # one row by primary key
        initial = prop.editable_values(s, actor, kind, node_id)

    def write(s, values: dict) -> uuid.UUID:
        return update(s, actor, node_id, **values).id

    return NodeDialog(ctx, title, fields, write, Changes.of(nodes=[parent_node]), parent,
                      initial=initial, locked=("code",))
