"""仪表: the meters of one building (room meters, then public ones), or an
estate's own public meters (小区总表, no building), and the readings of the
selected meter, with 新建仪表, 修改仪表 (停用/启用) and 换表.

Readings are entered on the 抄表 screen; here a clerk sees where each meter
stands (last reading, multiplier, maximum) and its history, replacements and
rollovers included, and who entered each reading.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)
from propdesk.billing.calc import qty
from propdesk.models.billing import METER_KINDS, METER_UNITS, READING_KINDS, READING_SOURCES
from propdesk.security import BILL_RUN, FEE_EDIT
from propdesk.services.billing import meters
from ui.billing.meter_dialogs import EditMeterDialog, NewMeterDialog, ReplaceMeterDialog, place_text
from ui.i18n import label, tr, tr_noop
from ui.tasks import Changes
from ui.widgets.base import Screen
from ui.widgets.table import Column, RowTableModel, TableView

_GREY, _BLUE = QColor("#757575"), QColor("#1a5fb4")


def _num(v) -> str:
    return "" if v is None else qty(v)


def _off(m: meters.MeterRow) -> QColor | None:
    """停用 meters are listed greyed."""
    return None if m.active else _GREY


METER_COLUMNS = [
    Column(tr_noop("仪表编码"), lambda m: m.code, width=130, color=_off),
    Column(tr_noop("房间"), lambda m: m.room_code,
           text=lambda v: v or tr("公共表"), width=90, color=_off),
    Column(tr_noop("类型"), lambda m: m.kind, text=lambda v: label(METER_KINDS, v), width=80, color=_off),
    Column(tr_noop("倍率"), lambda m: m.multiplier, text=_num, align="right", width=70, color=_off),
    Column(tr_noop("最大读数"), lambda m: m.max_reading, text=_num, align="right", width=100, color=_off),
    Column(tr_noop("小数位"), lambda m: m.places, width=70, color=_off),
    Column(tr_noop("安装日期"), lambda m: m.installed_on, width=90, color=_off),
    Column(tr_noop("状态"), lambda m: m.active, text=lambda v: tr("在用") if v else tr("停用"), width=50, color=_off),
    Column(tr_noop("上次读数"), lambda m: m.last_value, text=_num, align="right", width=90, color=_off),
    Column(tr_noop("上次日期"), lambda m: m.last_on, width=90, color=_off),
    Column(tr_noop("公摊标准"), lambda m: m.share_standard, width=120, color=_off),
    Column(tr_noop("表号"), lambda m: m.serial_no, width=100, color=_off),
    Column(tr_noop("名称"), lambda m: m.name, width=100, color=_off),
    Column(tr_noop("备注"), lambda m: m.note, color=_off),
]


def _kind_text(h: meters.HistoryRow) -> str:
    text = tr("装表起码") if h.install else label(READING_KINDS, h.kind)
    return tr("{kind}（回零）").format(kind=text) if h.rollover else text


HISTORY_COLUMNS = [
    Column(tr_noop("账期"), lambda h: h.period, width=70),
    Column(tr_noop("抄表日期"), lambda h: h.read_on, width=90),
    Column(tr_noop("读数"), lambda h: h.value, text=_num, align="right", width=90),
    Column(tr_noop("类别"), _kind_text, width=160,
           color=lambda h: _BLUE if h.kind != "read" or h.rollover else None),
    Column(tr_noop("用量"), lambda h: h.usage, text=_num, align="right", width=80,
           tooltip=lambda h: h.usage_text),
    Column(tr_noop("倍率"), lambda h: h.multiplier, text=_num, align="right", width=70),
    Column(tr_noop("来源"), lambda h: h.source, text=lambda v: label(READING_SOURCES, v), width=70),
    Column(tr_noop("录入人"), lambda h: h.operator, width=90),
    Column(tr_noop("备注"), lambda h: "；".join(x for x in (h.note, h.checks) if x),
           color=lambda h: _GREY),
]


class MetersScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        bar = QHBoxLayout()
        self.building_label = QLabel()
        self.building = QComboBox()
        self.building.setObjectName("meterBuilding")
        self.building.setMinimumWidth(220)
        self.building_label.setBuddy(self.building)
        self.new_button, self.edit_button, self.replace_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.setObjectName("newMeter")
        self.edit_button.setObjectName("editMeter")
        self.replace_button.setObjectName("replaceMeter")
        self.new_button.setVisible(ctx.can(FEE_EDIT))
        self.edit_button.setVisible(ctx.can(FEE_EDIT))
        self.replace_button.setVisible(ctx.can(BILL_RUN))
        self.edit_button.setEnabled(False)
        self.replace_button.setEnabled(False)
        bar.addWidget(self.building_label)
        bar.addWidget(self.building)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.replace_button)
        lay.addLayout(bar)
        self.status = QLabel()
        self.status.setObjectName("meterStatus")
        lay.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical)
        self.meters_box, self.history_box = QGroupBox(), QGroupBox()
        ml, hl = QVBoxLayout(self.meters_box), QVBoxLayout(self.history_box)
        self.model = RowTableModel(METER_COLUMNS, parent=self)
        self.table = self._table(self.model, "meterTable", tr_noop("仪表"))
        ml.addWidget(self.table)
        self.history = RowTableModel(HISTORY_COLUMNS, parent=self)
        self.history_table = self._table(self.history, "meterHistory", tr_noop("读数记录"))
        self.history_table.setSortingEnabled(False)   # the order of the register's readings is the meaning
        hl.addWidget(self.history_table)
        split.addWidget(self.meters_box)
        split.addWidget(self.history_box)
        split.setSizes([420, 300])
        lay.addWidget(split, 1)
        QWidget.setTabOrder(self.building, self.table)
        QWidget.setTabOrder(self.table, self.history_table)
        QWidget.setTabOrder(self.history_table, self.new_button)
        QWidget.setTabOrder(self.new_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.replace_button)
        self.building.currentIndexChanged.connect(lambda _i: self.load())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.load_history())
        self.new_button.clicked.connect(lambda: self.add_meter())
        self.edit_button.clicked.connect(lambda: self.edit_meter())
        self.replace_button.clicked.connect(lambda: self.replace_meter())
        # double-click: 修改仪表 for who may edit meters, else 换表 for who may replace them
        self.edit_action = self.replace_action = None
        if ctx.can(FEE_EDIT):
            self.edit_action = QAction(self)
            self.edit_action.triggered.connect(lambda: self.edit_meter())
        if ctx.can(BILL_RUN):
            self.replace_action = QAction(self)
            self.replace_action.triggered.connect(lambda: self.replace_meter())
        self.table.row_actions = [a for a in (self.edit_action, self.replace_action) if a is not None]
        if ctx.can(FEE_EDIT) or ctx.can(BILL_RUN):
            self.table.row_activated.connect(
                lambda _r: self.edit_meter() if ctx.can(FEE_EDIT) else self.replace_meter())
        ctx.tasks.changed.connect(self._on_changes)   # readings saved on 抄表 show here too
        self._select_code: str | None = None
        self._rows_loaded = False
        self._note = ""
        self.retranslate()

    def _table(self, model, name: str, title: str) -> TableView:
        t = TableView(export_title=title)
        t.setObjectName(name)
        t.set_context(self.ctx)
        t.setModel(model)
        t.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)   # shown in the service's order
        return t

    def retranslate(self) -> None:
        self.building_label.setText(tr("楼栋(&B)"))
        self.new_button.setText(tr("新建仪表(&N)…"))
        self.edit_button.setText(tr("修改仪表(&E)…"))
        self.replace_button.setText(tr("换表(&R)…"))
        if self.edit_action is not None:
            self.edit_action.setText(tr("修改仪表(&E)…"))
        if self.replace_action is not None:
            self.replace_action.setText(tr("换表(&R)…"))
        for i in range(self.building.count()):
            self.building.setItemText(i, place_text(self.building.itemData(i)))
        self.meters_box.setTitle(tr("仪表（户表在前，公共表在后）"))
        self._history_title()
        self.model.retranslate()
        self.history.retranslate()
        self._update_status()

    # -- loading ------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if (changes.touches("meter") or changes.touches("meter_reading")) and self.isVisible():
            self.load()

    def activated(self) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: meters.meter_places(s, actor), parent=self,
                            key=f"meter-buildings-{id(self)}").success(self._buildings).run()

    def _buildings(self, places: list[meters.MeterPlace]) -> None:
        """Each estate's buildings, then its own public meters (小区公共表)."""
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        for place in places:
            self.building.addItem(place_text(place), place)
        self.building.setCurrentIndex(max(self.building.findData(current), 0))
        self.building.blockSignals(False)
        self.load()

    def load(self):
        place, actor = self.building.currentData(), self.ctx.actor
        if place is None:
            return None
        op = self.ctx.tasks.read(lambda s: meters.list_meters(s, actor, place.building_id, estate_id=place.estate_id),
                                 parent=self, key=f"meter-list-{id(self)}")
        op.success(self._show).run()
        return op

    def _show(self, rows) -> None:
        current = self.current_meter()
        code = self._select_code or (current.code if current else None)
        self._select_code = None
        self.model.set_rows(rows)
        self._rows_loaded = True
        pick = next((i for i, r in enumerate(self.model.rows()) if r.code == code), 0 if rows else -1)
        if pick >= 0:
            self.table.selectRow(pick)
        self.load_history()   # the same row again emits no currentRowChanged
        self._update_status()

    def current_meter(self) -> meters.MeterRow | None:
        idx = self.table.currentIndex()
        return self.model.row(idx.row()) if idx.isValid() and idx.row() < self.model.rowCount() else None

    def load_history(self):
        m, actor = self.current_meter(), self.ctx.actor
        self.replace_button.setEnabled(m is not None)
        self.edit_button.setEnabled(m is not None)
        self._history_title()
        if m is None:
            self.history.set_rows([])
            return None
        op = self.ctx.tasks.read(lambda s: meters.meter_history(s, actor, m.id), parent=self,
                                 key=f"meter-history-{id(self)}")
        op.success(lambda rows: self.history.set_rows(list(reversed(rows)))).run()   # newest first
        return op

    def _history_title(self) -> None:
        m = self.current_meter()
        if m is None:
            self.history_box.setTitle(tr("读数记录"))
            return
        self.history_box.setTitle(tr("读数记录：{code}（{kind}，单位 {unit}；最新在上）").format(
            code=m.code, kind=label(METER_KINDS, m.kind), unit=METER_UNITS[m.kind]))

    def _update_status(self) -> None:
        rows = self.model.rows()
        if not self._rows_loaded:
            self.status.setText("")
            return
        public, off = sum(1 for r in rows if r.is_public), sum(1 for r in rows if not r.active)
        text = tr("共 {n} 块表：户表 {room}，公共表 {public}").format(n=len(rows), room=len(rows) - public,
                                                                 public=public)
        if off:
            text += tr("，其中停用 {n}").format(n=off)
        self.status.setText(f"{text}　{self._note}" if self._note else text)

    # -- actions ------------------------------------------------------------------
    def add_meter(self):
        """Reads the building's rooms and 公摊 standards, then opens 新建仪表; returns the read op."""
        place, actor = self.building.currentData(), self.ctx.actor
        if place is None:
            return None
        op = self.ctx.tasks.read(lambda s: meters.meter_choices(s, actor, place.building_id), parent=self)
        op.success(lambda choices: self._open_new(place, choices)).run()
        return op

    def _open_new(self, place, choices) -> NewMeterDialog:
        return self._open(NewMeterDialog(self.ctx, place, choices, self))

    def _open(self, d):
        d.saved.connect(self._saved)
        self.dialog = d
        d.open()
        return d

    def edit_meter(self) -> EditMeterDialog | None:
        m = self.current_meter()
        if m is None or not self.ctx.can(FEE_EDIT):
            return None
        return self._open(EditMeterDialog(self.ctx, m, self))

    def replace_meter(self) -> ReplaceMeterDialog | None:
        m = self.current_meter()
        if m is None or not self.ctx.can(BILL_RUN):
            return None
        return self._open(ReplaceMeterDialog(self.ctx, m, self))

    def _saved(self, code: str) -> None:
        self._select_code = code
        self._note = tr("已保存仪表 {code}").format(code=code)
        self.load()

    def current_table(self):
        return self.history_table if self.history_table.hasFocus() else self.table
