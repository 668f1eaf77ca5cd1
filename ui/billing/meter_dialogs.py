"""Dialogs of the 仪表 screen: 新建仪表 (a room meter or a public one of a building
or an estate), 修改仪表 (with 停用) and 换表.

They call the same services as ``propdesk meter add|edit|replace``; the service's
problems are listed under the form and the fields they name are marked red.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QWidget,
)

from propdesk.billing.calc import qty
from propdesk.errors import ValidationFailed
from propdesk.models.billing import METER_KINDS
from propdesk.services.billing import meters
from ui.billing.fee_dialogs import _Dialog
from ui.i18n import label, tr
from ui.tasks import Changes
from ui.widgets.fields import DateField, DecimalEdit, EnumCombo, mark_invalid

METER_CHANGES = Changes.of(entities={"meter", "meter_reading"})


def place_text(place: meters.MeterPlace) -> str:
    """A building as ``JD-01 1栋``; an estate's own public meters as ``JD 锦都花园 小区公共表``."""
    if place.is_estate:
        return tr("{code} {name} 小区公共表").format(code=place.estate_code, name=place.estate_name)
    return f"{place.estate_code}-{place.building_code} {place.building_name}"


def _plain(v: Decimal | None) -> str:
    return "" if v is None else format(v.normalize(), "f")


class _MeterDialog(_Dialog):
    """A fee-catalogue dialog whose write announces meter changes and marks the fields
    a ValidationFailed names (``fields`` maps the service's words to widgets)."""

    fields: dict[str, QWidget]

    def run_write(self, fn):
        self.error.clear_error()
        self._mark([])
        self.buttons.setEnabled(False)
        op = self.ctx.tasks.write(fn, parent=self, changes=METER_CHANGES)
        op.success(self._done).failure(self._failed)
        op.run()
        return op

    def _failed(self, exc) -> None:
        super()._failed(exc)
        if isinstance(exc, ValidationFailed):
            self._mark([f"{p.where} {p.zh}" for p in exc.problems])

    def _mark(self, texts: list[str]) -> None:
        first = None
        for word, w in self.fields.items():
            bad = any(word in t for t in texts)
            mark_invalid(w, bad)
            if bad and first is None:
                first = w
        if first is not None:
            first.setFocus()

    def refuse(self, widget: QWidget, text: str) -> None:
        """A problem found before asking the service: shown and marked, nothing written."""
        self.error.show_error(text)
        for w in self.fields.values():
            mark_invalid(w, w is widget)
        widget.setFocus()

    def numbers(self, *fields: tuple[DecimalEdit, str, bool]) -> list[Decimal | None] | None:
        """The values of (field, name, required) number fields, or None after refusing
        the first that is empty when required or is not a number."""
        out = []
        for edit, name, required in fields:
            text, value = edit.text().strip(), edit.value()
            if text and value is None:
                self.refuse(edit, tr("{field}「{text}」不是数字").format(field=name, text=text))
                return None
            if required and value is None:
                self.refuse(edit, tr("请填写{field}").format(field=name))
                return None
            out.append(value)
        return out


class NewMeterDialog(_MeterDialog):
    """新建仪表 of a building: a room meter (户表) or a public meter (公共表), optionally 公摊;
    of an estate's own public meters (``place.is_estate``): a public meter without a building."""

    def __init__(self, ctx, place: meters.MeterPlace, choices: meters.MeterChoices,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("newMeterDialog")
        self.setMinimumWidth(500)
        self.place = place
        self.room_radio, self.public_radio = QRadioButton(), QRadioButton()
        self.room_radio.setObjectName("roomMeter")
        self.public_radio.setObjectName("publicMeter")
        self.room_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.room_radio)
        group.addButton(self.public_radio)
        where = QWidget()
        wl = QHBoxLayout(where)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self.room_radio)
        wl.addWidget(self.public_radio)
        wl.addStretch(1)
        self.room = QComboBox()
        self.room.setObjectName("room")
        for rid, code in choices.rooms:
            self.room.addItem(code, rid)
        self.share = QComboBox()
        self.share.setObjectName("shareStandard")
        self.share.addItem("", None)
        for sid, text in choices.share_standards:
            self.share.addItem(text, sid)
        self.kind = EnumCombo(METER_KINDS)
        self.kind.setObjectName("kind")
        self.code, self.serial_no = QLineEdit(), QLineEdit()
        self.code.setObjectName("code")
        self.serial_no.setObjectName("serialNo")
        self.initial = DecimalEdit(3)
        self.initial.setObjectName("initial")
        self.initial.setText("0")
        self.installed_on = DateField()
        self.installed_on.setObjectName("installedOn")
        self.max_reading = DecimalEdit(3, allow_empty=True)
        self.max_reading.setObjectName("maxReading")
        self.places = QSpinBox()
        self.places.setObjectName("places")
        self.places.setRange(0, 3)
        self.places.setValue(1)
        self.multiplier = DecimalEdit(2)
        self.multiplier.setObjectName("multiplier")
        self.multiplier.setText("1")
        self.building_shown = QLabel(place_text(place))
        for key, w in (("building", self.building_shown), ("where", where), ("room", self.room),
                       ("share", self.share), ("kind", self.kind), ("initial", self.initial),
                       ("installed_on", self.installed_on), ("max", self.max_reading), ("places", self.places),
                       ("multiplier", self.multiplier), ("code", self.code), ("serial_no", self.serial_no)):
            self.row(key, w)
        self.labels["where"].setBuddy(self.room_radio)
        self.fields = {"表类型": self.kind, "倍率": self.multiplier, "最大读数": self.max_reading,
                       "起始读数": self.initial, "小数位": self.places, "公摊标准": self.share,
                       "房间": self.room, "仪表编码": self.code}
        if place.is_estate:            # an estate's 总表: public, no room to choose
            self.public_radio.setChecked(True)
            self.labels["where"].setVisible(False)
            where.setVisible(False)
        self.room_radio.toggled.connect(lambda _b: self._where_changed())
        self._where_changed()
        self.retranslate()

    def _where_changed(self) -> None:
        room = self.room_radio.isChecked()
        self.set_row_visible("room", room)
        self.set_row_visible("share", not room)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("新建仪表"))
        self.room_radio.setText(tr("户表（房间）(&R)"))
        self.public_radio.setText(tr("公共表（楼栋）(&U)"))
        self.share.setItemText(0, tr("（不公摊）"))
        self.code.setPlaceholderText(tr("留空自动生成"))
        self.max_reading.setPlaceholderText(tr("如 9999.9；空 = 不回零"))
        self.building_shown.setText(place_text(self.place))
        for key, text in (("building", tr("小区") if self.place.is_estate else tr("楼栋")), ("where", tr("位置")), ("room", tr("房间(&O)")),
                          ("share", tr("公摊标准(&H)")), ("kind", tr("表类型(&K)")), ("initial", tr("起始读数(&I)")),
                          ("installed_on", tr("安装日期(&D)")), ("max", tr("最大读数(&X)")),
                          ("places", tr("读数小数位(&P)")), ("multiplier", tr("倍率(&M)")), ("code", tr("仪表编码(&C)")),
                          ("serial_no", tr("表号"))):
            self.labels[key].setText(text)

    def submit(self):
        values = self.numbers((self.initial, tr("起始读数"), True), (self.max_reading, tr("最大读数"), False),
                              (self.multiplier, tr("倍率"), True))
        if values is None:
            return None
        initial, max_reading, multiplier = values
        room_id = self.room.currentData() if self.room_radio.isChecked() else None
        if self.room_radio.isChecked() and room_id is None:
            self.refuse(self.room, tr("该楼栋没有房间：请选公共表，或先在房产资料中建房间"))
            return None
        actor = self.ctx.actor
        kw = dict(kind=self.kind.code(), initial_reading=initial, installed_on=self.installed_on.date_value(),
                  room_id=room_id, building_id=None if room_id else self.place.building_id,
                  estate_id=self.place.estate_id, code=self.code.text().strip(),
                  multiplier=multiplier, max_reading=max_reading, places=self.places.value(),
                  serial_no=self.serial_no.text().strip(),
                  share_standard=None if room_id else self.share.currentData())
        return self.run_write(lambda s: meters.create_meter(s, actor, **kw).code)


class ReplaceMeterDialog(_MeterDialog):
    """换表: the old register's final reading and the new one's initial reading, same day."""

    def __init__(self, ctx, row: meters.MeterRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("replaceMeterDialog")
        self.setMinimumWidth(420)
        self._row = row
        self.meter_shown, self.last_shown = QLabel(), QLabel()
        self.old_final, self.new_initial = DecimalEdit(3), DecimalEdit(3)
        self.old_final.setObjectName("oldFinal")
        self.old_rollover = QCheckBox()
        self.old_rollover.setObjectName("oldRollover")
        self.new_initial.setObjectName("newInitial")
        self.new_initial.setText("0")
        self.on = DateField()
        self.on.setObjectName("replacedOn")
        self.multiplier, self.max_reading = DecimalEdit(2, allow_empty=True), DecimalEdit(3, allow_empty=True)
        self.multiplier.setObjectName("newMultiplier")
        self.max_reading.setObjectName("newMax")
        self.serial_no, self.note = QLineEdit(), QLineEdit()
        self.serial_no.setObjectName("serialNo")
        self.note.setObjectName("note")
        for key, w in (("meter", self.meter_shown), ("last", self.last_shown), ("old_final", self.old_final),
                       ("old_rollover", self.old_rollover), ("new_initial", self.new_initial), ("on", self.on), ("multiplier", self.multiplier),
                       ("max", self.max_reading), ("serial_no", self.serial_no), ("note", self.note)):
            self.row(key, w)
        self.hint = self.muted_label(0)
        self.fields = {"旧表止码": self.old_final, "新表起码": self.new_initial, "换表日期": self.on,
                       "倍率": self.multiplier, "最大读数": self.max_reading}
        self.retranslate()

    def retranslate(self) -> None:
        r = self._row
        self.setWindowTitle(tr("换表：{code}").format(code=r.code))
        where = r.room_code or tr("公共表")
        self.meter_shown.setText(f"{r.code}　{where}　{label(METER_KINDS, r.kind)}")
        self.last_shown.setText("—" if r.last_value is None else f"{qty(r.last_value)}（{r.last_on:%Y-%m-%d}）")
        self.multiplier.setPlaceholderText(tr("不变（现为 {value}）").format(value=qty(r.multiplier)))
        self.max_reading.setPlaceholderText(tr("不变（现为 {value}）").format(
            value=qty(r.max_reading) if r.max_reading is not None else tr("无")))
        self.hint.setText(tr("换表当期用量 = 旧表（止码 − 上次读数）+ 新表（本期读数 − 起码），各按自己的倍率。"))
        self.old_rollover.setText(tr("旧表换下前已回零（止码小于上次读数）"))
        for key, text in (("meter", tr("仪表")), ("last", tr("上次读数")), ("old_final", tr("旧表止码(&O)")),
                          ("old_rollover", tr("回零(&Z)")), ("new_initial", tr("新表起码(&I)")), ("on", tr("换表日期(&D)")),
                          ("multiplier", tr("新倍率(&M)")), ("max", tr("新最大读数(&X)")), ("serial_no", tr("新表号")),
                          ("note", tr("备注"))):
            self.labels[key].setText(text)

    def submit(self):
        values = self.numbers((self.old_final, tr("旧表止码"), True), (self.new_initial, tr("新表起码"), True),
                              (self.multiplier, tr("新倍率"), False), (self.max_reading, tr("新最大读数"), False))
        if values is None:
            return None
        old_final, new_initial, multiplier, max_reading = values
        actor, mid, on = self.ctx.actor, self._row.id, self.on.date_value()
        serial_no, note, wrapped = self.serial_no.text().strip(), self.note.text().strip(), self.old_rollover.isChecked()
        return self.run_write(lambda s: meters.replace_meter(
            s, actor, mid, old_final=old_final, new_initial=new_initial, on=on, multiplier=multiplier,
            max_reading=max_reading, serial_no=serial_no, note=note, old_rollover=wrapped).code)



class EditMeterDialog(_MeterDialog):
    """修改仪表: name, 表号, note and 停用 at any time; 倍率, 最大读数 and 小数位 only while
    the meter has no reading but its installation one (afterwards they are shown, not
    edited: a new register is a 换表).  Code, kind and place are shown, never edited."""

    def __init__(self, ctx, row: meters.MeterRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("editMeterDialog")
        self.setMinimumWidth(520)
        self._row = row
        self.meter_shown = QLabel()
        self.name, self.serial_no, self.note = QLineEdit(row.name), QLineEdit(row.serial_no), QLineEdit(row.note)
        self.name.setObjectName("name")
        self.serial_no.setObjectName("serialNo")
        self.note.setObjectName("note")
        self.multiplier, self.max_reading = DecimalEdit(2), DecimalEdit(3, allow_empty=True)
        self.multiplier.setObjectName("multiplier")
        self.max_reading.setObjectName("maxReading")
        self.multiplier.setText(_plain(row.multiplier))
        self.max_reading.setText(_plain(row.max_reading))
        self.places = QSpinBox()
        self.places.setObjectName("places")
        self.places.setRange(0, 3)
        self.places.setValue(row.places)
        for w in (self.multiplier, self.max_reading, self.places):
            w.setEnabled(not row.has_readings)
        self.inactive = QCheckBox()
        self.inactive.setObjectName("inactive")
        self.inactive.setChecked(not row.active)
        for key, w in (("meter", self.meter_shown), ("name", self.name), ("serial_no", self.serial_no),
                       ("multiplier", self.multiplier), ("max", self.max_reading), ("places", self.places),
                       ("inactive", self.inactive), ("note", self.note)):
            self.row(key, w)
        self.hint = self.muted_label(1)
        self.fields = {"名称": self.name, "表号": self.serial_no, "倍率": self.multiplier,
                       "最大读数": self.max_reading, "小数位": self.places, "备注": self.note}
        self.retranslate()

    def retranslate(self) -> None:
        r = self._row
        self.setWindowTitle(tr("修改仪表：{code}").format(code=r.code))
        self.meter_shown.setText(f"{r.code}　{r.room_code or tr('公共表')}　{label(METER_KINDS, r.kind)}")
        self.max_reading.setPlaceholderText(tr("如 9999.9；空 = 不回零"))
        for key, text in (("meter", tr("仪表")), ("name", tr("名称(&N)")), ("serial_no", tr("表号(&S)")),
                          ("multiplier", tr("倍率(&M)")), ("max", tr("最大读数(&X)")), ("places", tr("读数小数位(&P)")),
                          ("inactive", tr("停用(&T)")), ("note", tr("备注(&O)"))):
            self.labels[key].setText(text)
        self.inactive.setText(tr("不再抄表；之后的账期不再计费，已抄的账期照常计费"))
        self.hint.setText(tr("该表已有抄表读数：倍率、最大读数和小数位不能修改，修改会改变已算出的用量；"
                             "换了表或互感器请用「换表」。") if r.has_readings else
                          tr("倍率、最大读数和小数位只能在第一次抄表前修改；之后请用「换表」。"))

    def submit(self):
        values = self.numbers((self.multiplier, tr("倍率"), True), (self.max_reading, tr("最大读数"), False))
        if values is None:
            return None
        multiplier, max_reading = values
        changes = dict(name=self.name.text(), serial_no=self.serial_no.text(), note=self.note.text(),
                       active=not self.inactive.isChecked())
        if not self._row.has_readings:
            changes |= dict(multiplier=multiplier, max_reading=max_reading, places=self.places.value())
        actor, mid = self.ctx.actor, self._row.id
        return self.run_write(lambda s: meters.update_meter(s, actor, mid, **changes).code)
