"""抄表: the keyboard-first reading grid of one building for one period.

Type the reading and press Enter: the cursor goes to the next meter.  Usage
and the checks (below the previous reading, zero use in an occupied room,
more than 3× the meter's recent average) appear as you type, computed by the
same engine the bill run uses.  Space toggles 回零 on the current row.
保存 saves the batch all or nothing; warnings are listed and must be
confirmed, errors must be corrected first.

The sheet loads by itself when the screen opens and when the building or the
period changes (off the GUI thread; one building is a fraction of a second);
载入 reloads it.  Unsaved readings are never dropped without asking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)
from propdesk.billing import meters as engine
from propdesk.billing.calc import qty
from propdesk.billing.periods import Period
from propdesk.models.billing import METER_KINDS
from propdesk.security import BILL_RUN
from propdesk.services.billing import meters
from ui.billing.meter_dialogs import place_text
from ui.i18n import label, tr, tr_noop, translated
from ui.tasks import Changes, show_error
from ui.widgets.base import Screen
from ui.widgets.empty_hint import EmptyHint

_RED, _AMBER = QColor("#b3261e"), QColor("#8a5a00")

HEADERS = [tr_noop("房间"), tr_noop("仪表"), tr_noop("类型"), tr_noop("上次读数"), tr_noop("上次日期"),
           tr_noop("本次读数"), tr_noop("回零"), tr_noop("用量"), tr_noop("近6月平均"), tr_noop("核对提示")]
COL_CURRENT, COL_ROLLOVER, COL_USAGE, COL_NOTE = 5, 6, 7, 9


@dataclass
class GridRow:
    sheet: meters.SheetRow
    value: Decimal | None = None       # what is typed now
    rollover: bool = False
    checks: list = field(default_factory=list)
    usage: Decimal | None = None

    @property
    def dirty(self) -> bool:
        return self.value is not None and (self.value != self.sheet.current or self.rollover != self.sheet.rollover)

    def recheck(self) -> None:
        s = self.sheet
        self.checks, self.usage = [], None
        if self.value is None:
            return
        self.checks = engine.check_reading(s.previous, self.value, rollover=self.rollover,
                                           max_reading=s.max_reading, multiplier=s.multiplier,
                                           occupied=s.occupied, average=s.average, step=s.step)
        if s.previous is not None and not any(c.severity == "error" for c in self.checks):
            self.usage, _ = engine.segment(engine.RegisterReading(s.previous), engine.RegisterReading(
                self.value, multiplier=s.multiplier, rollover=self.rollover, max_reading=s.max_reading, step=s.step))


class ReadingModel(QAbstractTableModel):
    changed_rows = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[GridRow] = []

    def set_sheet(self, sheet: list[meters.SheetRow]) -> None:
        self.beginResetModel()
        self.rows = [GridRow(s, s.current, s.rollover) for s in sheet]
        for r in self.rows:
            r.recheck()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return translated(HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.rows[index.row()].sheet.active:
            return f   # 停用: listed for the reading it has, not changed here
        if index.column() == COL_CURRENT:
            f |= Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_ROLLOVER:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def _text(self, r: GridRow, col: int) -> str:
        s = r.sheet
        if col == 0:
            return s.room_code if s.room_code != "公共表" else tr("公共表")
        if col == 1:
            return s.meter_code
        if col == 2:
            return label(METER_KINDS, s.kind)
        if col == 3:
            return "" if s.previous is None else qty(s.previous)
        if col == 4:
            return "" if s.previous_on is None else s.previous_on.isoformat()
        if col == COL_CURRENT:
            return "" if r.value is None else qty(r.value)
        if col == COL_USAGE:
            return "" if r.usage is None else f"{qty(r.usage)} {s.unit}"
        if col == 8:
            return "" if s.average is None else qty(s.average.quantize(Decimal("0.1")))
        if col == COL_NOTE and not s.active:
            return tr("已停用：读数不能修改")
        if col == COL_NOTE:
            return "；".join(c.zh if _zh() else c.en for c in r.checks)
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and col != COL_ROLLOVER:
            return self._text(r, col)
        if role == Qt.ItemDataRole.EditRole and col == COL_CURRENT:
            return "" if r.value is None else str(r.value.normalize() if r.value == r.value.to_integral() else r.value)
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ROLLOVER:
            return Qt.CheckState.Checked if r.rollover else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, COL_CURRENT, COL_USAGE, 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_CURRENT, COL_NOTE):
            if any(c.severity == "error" for c in r.checks):
                return _RED
            if r.checks:
                return _AMBER
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_CURRENT and r.dirty:
            return QColor("#fff8e1")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        r = self.rows[index.row()]
        if index.column() == COL_CURRENT and role == Qt.ItemDataRole.EditRole:
            text = str(value or "").strip().replace(",", "")
            if not text:
                r.value = None
            else:
                try:
                    v = Decimal(text)
                except InvalidOperation:
                    return False
                if not v.is_finite() or v != v.quantize(Decimal("0.001")):
                    return False
                r.value = v
        elif index.column() == COL_ROLLOVER and role == Qt.ItemDataRole.CheckStateRole:
            r.rollover = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        else:
            return False
        r.recheck()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.changed_rows.emit()
        return True

    def dirty_rows(self) -> list[GridRow]:
        return [r for r in self.rows if r.dirty]


def _zh() -> bool:
    from ui.i18n import current_language
    return current_language() == "zh"


class ReadingGrid(QTableView):
    """Enter saves the cell and moves to the next row; Space toggles 回零."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setDefaultSectionSize(26)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        if hint in (QAbstractItemDelegate.EndEditHint.SubmitModelCache, QAbstractItemDelegate.EndEditHint.NoHint):
            self.next_row()

    def next_row(self) -> None:
        cur = self.currentIndex()
        if cur.isValid() and cur.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(cur.row() + 1, COL_CURRENT))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        cur = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.next_row()
            return
        if event.key() == Qt.Key.Key_Space and cur.isValid():
            idx = self.model().index(cur.row(), COL_ROLLOVER)
            checked = self.model().data(idx, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            self.model().setData(idx, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                                 Qt.ItemDataRole.CheckStateRole)
            return
        super().keyPressEvent(event)


class ReadingsScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        bar = QHBoxLayout()
        self.building_label, self.period_label, self.date_label = QLabel(), QLabel(), QLabel()
        self.building = QComboBox()
        self.building.setObjectName("readingBuilding")
        self.building.setMinimumWidth(220)
        self.period = QLineEdit(str(Period.of(dt.date.today())))
        self.period.setObjectName("readingPeriod")
        self.period.setInputMask("9999-99")
        self.period.setMaximumWidth(90)
        self.read_on = QDateEdit(dt.date.today())
        self.read_on.setObjectName("readingDate")
        self.read_on.setCalendarPopup(True)
        self.read_on.setDisplayFormat("yyyy-MM-dd")
        self.load_button, self.save_button = QPushButton(), QPushButton()
        self.load_button.setObjectName("readingLoad")
        self.save_button.setObjectName("readingSave")
        self.save_button.setEnabled(False)
        self.save_button.setVisible(ctx.can(BILL_RUN))
        for w in (self.building_label, self.building, self.period_label, self.period, self.date_label, self.read_on,
                  self.load_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        lay.addLayout(bar)
        self.status = QLabel()
        self.status.setObjectName("readingStatus")
        lay.addWidget(self.status)
        self.model = ReadingModel(self)
        self.grid = ReadingGrid()
        self.grid.setObjectName("readingGrid")
        self.grid.setModel(self.model)
        for col, w in enumerate((120, 150, 110, 90, 110, 100, 80, 100, 130, 360)):
            self.grid.setColumnWidth(col, w)
        self.grid.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.grid, 1)
        self.hint = EmptyHint(self.grid)
        self._hint = "loading"          # loading | no_places | bad_period | empty
        self._loaded_key: tuple | None = None   # (place, period text) the grid shows
        self._asking = False
        self.building.currentIndexChanged.connect(lambda _i: self.auto_load())
        self.period.editingFinished.connect(self.auto_load)
        self.load_button.clicked.connect(self.load_sheet)
        self.save_button.clicked.connect(self.save)
        self.model.changed_rows.connect(self._update_status)
        self.retranslate()

    def retranslate(self) -> None:
        self.building_label.setText(tr("楼栋(&B)"))
        self.building_label.setBuddy(self.building)
        for i in range(self.building.count()):
            self.building.setItemText(i, place_text(self.building.itemData(i)))
        self.period_label.setText(tr("账期(&P)"))
        self.period_label.setBuddy(self.period)
        self.date_label.setText(tr("抄表日期"))
        self.load_button.setText(tr("载入(&L)"))
        self.save_button.setText(tr("保存(&S)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        self._update_status()
        self._update_hint()

    def _update_hint(self) -> None:
        self.hint.set_text({
            "loading": tr("正在载入…"),
            "no_places": tr("还没有仪表：先在 仪表 页新建仪表，再回来抄表"),
            "bad_period": tr("账期格式应为 YYYY-MM，如 2026-03"),
            "empty": tr("{place} 在 {period} 没有要抄的表。换一个楼栋或账期；新仪表在 仪表 页建立").format(
                place=place_text(self._loaded_key[0]) if self._loaded_key else "",
                period=self._loaded_key[1] if self._loaded_key else ""),
        }[self._hint])

    def activated(self) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: meters.meter_places(s, actor), parent=self,
                            key=f"reading-buildings-{id(self)}").success(self._buildings).run()

    def _buildings(self, places: list[meters.MeterPlace]) -> None:
        """Each estate's buildings, then its own public meters (小区公共表)."""
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        for place in places:
            self.building.addItem(place_text(place), place)
        i = self.building.findData(current)
        self.building.setCurrentIndex(max(i, 0))
        self.building.blockSignals(False)
        if not places:
            self._hint = "no_places"
            self._update_hint()
        self.auto_load()

    def _period(self) -> Period | None:
        try:
            return Period.parse(self.period.text())
        except ValueError:
            QMessageBox.warning(self, tr("抄表"), tr("账期格式应为 YYYY-MM，如 2026-03"))
            return None

    def auto_load(self):
        """Load the sheet of the chosen building and period, as 载入 would, unless that
        would throw away readings typed and not saved (then ask first)."""
        place = self.building.currentData()
        if place is None:
            return None
        try:
            period = Period.parse(self.period.text())
        except ValueError:
            self._hint = "bad_period"
            self._update_hint()
            return None
        key = (place, str(period))
        dirty = self.model.dirty_rows()
        if dirty and (key == self._loaded_key or self._asking):
            return None   # nothing changed (the screen shown again): keep what is typed
        if dirty:
            self._asking = True   # the box takes the focus: the period field may signal again
            try:
                answer = QMessageBox.question(
                    self, tr("抄表"), tr("本次修改的 {n} 条读数还没有保存，放弃这些读数并载入 {place} {period}？").format(
                        n=len(dirty), place=place_text(place), period=period))
            finally:
                self._asking = False
            if answer != QMessageBox.StandardButton.Yes:
                self._show_loaded_choice()
                return None
        if dirty:
            self.model.set_sheet([])   # dropped now: a 保存 click still on its way saves nothing
        return self.load_sheet()

    def _show_loaded_choice(self) -> None:
        """Put the building and period the grid shows back into the choosers."""
        if self._loaded_key is None:
            return
        place, period = self._loaded_key
        self.building.blockSignals(True)
        self.building.setCurrentIndex(max(self.building.findData(place), 0))
        self.building.blockSignals(False)
        self.period.blockSignals(True)
        self.period.setText(period)
        self.period.blockSignals(False)

    def load_sheet(self):
        place, period, actor = self.building.currentData(), self._period(), self.ctx.actor
        if place is None or period is None:
            return None
        self._hint = "loading"
        self._update_hint()
        op = self.ctx.tasks.read(lambda s: meters.reading_sheet(s, actor, place.building_id, period,
                                                                estate_id=place.estate_id),
                                 parent=self, key=f"reading-sheet-{id(self)}")
        op.success(lambda sheet: self._show_sheet(sheet, (place, str(period)))).run()
        return op

    def _show_sheet(self, sheet, key: tuple) -> None:
        self._loaded_key = key
        self._hint = "empty"
        self._update_hint()
        self.model.set_sheet(sheet)
        if sheet:
            self.grid.setCurrentIndex(self.model.index(0, COL_CURRENT))
            self.grid.setFocus()
        self._update_status()

    def _update_status(self) -> None:
        rows = self.model.rows
        dirty = self.model.dirty_rows()
        errors = sum(1 for r in dirty if any(c.severity == "error" for c in r.checks))
        warnings = sum(1 for r in dirty if r.checks and not any(c.severity == "error" for c in r.checks))
        entered = sum(1 for r in rows if r.value is not None)
        self.status.setText(tr("共 {n} 块表，已录 {done}，本次修改 {dirty}，错误 {err}，需确认 {warn}").format(
            n=len(rows), done=entered, dirty=len(dirty), err=errors, warn=warnings))
        self.save_button.setEnabled(bool(dirty) and not errors and self.ctx.can(BILL_RUN))

    def save(self, *, confirm: bool = True):
        dirty = self.model.dirty_rows()
        if not dirty:
            return None
        warn = [r for r in dirty if r.checks]
        if warn and confirm:
            text = "\n".join(f"{r.sheet.room_code} {r.sheet.meter_code}：" + "；".join(c.zh for c in r.checks)
                             for r in warn[:20])
            answer = QMessageBox.question(self, tr("确认读数"), tr("以下读数需要确认：") + "\n" + text + "\n" + tr("确认保存？"))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        # the period of the sheet the readings were typed into, not what the field says now
        period = Period.parse(self._loaded_key[1] if self._loaded_key else self.period.text())
        read_on, actor = self.read_on.date().toPython(), self.ctx.actor
        entries = [meters.ReadingEntry(r.sheet.meter_id, r.value, r.rollover,
                                       where=f"{r.sheet.room_code} {r.sheet.meter_code}") for r in dirty]
        self.save_button.setEnabled(False)
        op = self.ctx.tasks.write(lambda s: meters.enter_readings(s, actor, period, read_on, entries,
                                                                  accept_warnings=True),
                                  parent=self, changes=Changes.of(entities={"meter_reading"}))
        op.success(self._saved).failure(self._save_failed)
        op.run()
        return op

    def _saved(self, results) -> None:
        self.status.setText(tr("已保存 {n} 条读数").format(n=len(results)))
        self.load_sheet()

    def _save_failed(self, exc) -> None:
        self._update_status()
        show_error(self, exc, tr("抄表"))
