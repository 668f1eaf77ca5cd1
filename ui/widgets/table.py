"""A table model over a list of rows, and a table view every screen uses.

:class:`RowTableModel` shows any Python objects through a list of
:class:`Column` definitions; :class:`TableView` adds what an office expects
of every table: copy, and 导出Excel of the visible columns and rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFileDialog, QHeaderView, QMenu, QTableView, QWidget,
)

from ui.i18n import tr, translated

EXPORT_ROLE = Qt.ItemDataRole.UserRole + 1   # the typed value written to Excel
ROW_ROLE = Qt.ItemDataRole.UserRole + 2      # the row object itself

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Column:
    """``title`` is Chinese source text (declare with tr_noop); ``value`` gives the cell value.

    ``text`` formats the value for display when plain ``str`` is not right
    (enum labels: ``text=lambda v: label(ROOM_STATUSES, v)``).
    """

    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    width: int = 0
    align: str = ""          # "right" | "center" | "" (numbers default to right)
    color: Callable[[Any], QColor | None] | None = None   # text colour per row
    tooltip: Callable[[Any], str] | None = None


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,}" if abs(value) >= 1000 else str(value)
    return str(value)


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows = list(rows)

    # -- content -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def short_column(self, column: int) -> bool:
        """Labels, numbers or dates (not free text): a column sized to its contents.

        A column with ``text`` shows coded labels or formatted numbers; one
        without is short when its first non-empty value is a number or a date."""
        col = self.columns[column]
        if col.text is not None:
            return True
        for row in self._rows[:20]:
            v = col.value(row)
            if v is not None and v != "":
                return isinstance(v, (int, Decimal, dt.date))
        return False

    def row(self, i: int) -> Any:
        return self._rows[i]

    def retranslate(self) -> None:
        """Headers and label columns follow the UI language."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows and self.columns:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = col.value(row)
            return col.text(v) if col.text else display(v)
        if role == EXPORT_ROLE:
            v = col.value(row)
            if col.text:
                return col.text(v)
            return v if isinstance(v, (int, Decimal, dt.date)) and not isinstance(v, bool) else display(v)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.align == "right":
                return int(_RIGHT)
            if col.align == "center":
                return int(_CENTER)
            if not col.align and not col.text:
                v = col.value(row)
                if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                    return int(_RIGHT)
            return int(_LEFT)
        if role == Qt.ItemDataRole.ForegroundRole and col.color:
            return col.color(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return translated(self.columns[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_LEFT)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        col = self.columns[column]

        def key(row):
            v = col.value(row)
            text = col.text(v) if col.text else None
            if text is not None:
                return (0, text)
            if v is None:
                return (1, "")
            if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                return (0, v)
            return (0, str(v)) if not isinstance(v, (dt.date,)) else (0, v.isoformat())
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in old]
        try:
            self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:  # mixed types in one column: fall back to text
            self._rows.sort(key=lambda r: display(col.value(r)),
                            reverse=order == Qt.SortOrder.DescendingOrder)
        pos = {id(r): i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(pos[id(r)], i.column()) for r, i in zip(old_rows, old)])
        self.layoutChanged.emit()


FIT_MAX = 240   # px: a label/number column widens to its contents up to this, never further


class TableView(QTableView):
    """A read-only, row-selecting table with 复制 and 导出Excel… in its context menu.

    A column starts at its declared ``width`` but is never narrower than its
    header needs in the current language, and a column of labels, numbers or
    dates widens (once its rows first arrive, and on a language change) to its
    longest text up to :data:`FIT_MAX`.  Columns are only ever widened, so a
    width the user dragged wider stays; free-text columns keep their declared
    width and the last column keeps stretching (to at least its header).
    """

    row_activated = Signal(object)   # the row object (double-click or Enter)

    def __init__(self, parent: QWidget | None = None, *, export_title: str = "") -> None:
        super().__init__(parent)
        self.export_title = export_title   # Chinese source text, translated on export
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(28)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setHighlightSections(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.doubleClicked.connect(self._activate)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.export_dialog)
        self.copy_action = QAction(self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.addAction(self.copy_action)
        self.row_actions: list[QAction] = []   # a screen's actions on the row, first in the context menu
        self._ctx = None
        self._fitted_contents = False   # label/number columns fitted to their first rows
        self.retranslate()

    def set_context(self, ctx) -> None:
        """Give the view the app context so exports run off the GUI thread."""
        self._ctx = ctx

    def retranslate(self) -> None:
        self.export_action.setText(tr("导出Excel…"))
        self.copy_action.setText(tr("复制"))
        m = self.model()
        if isinstance(m, RowTableModel):
            m.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def setModel(self, model) -> None:  # noqa: N802
        old = self.model()
        if isinstance(old, RowTableModel):
            for signal, slot in ((old.headerDataChanged, self._header_changed),
                                 (old.modelReset, self._rows_reset)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        super().setModel(model)
        self._fitted_contents = False
        if isinstance(model, RowTableModel):
            for i, c in enumerate(model.columns):
                if c.width:
                    self.setColumnWidth(i, c.width)
            model.headerDataChanged.connect(self._header_changed)
            model.modelReset.connect(self._rows_reset)
            self.fit_columns(contents=True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.fit_columns()   # the style (and header font) is final once shown

    def _header_changed(self, orientation, _first: int, _last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:   # retranslated: new headers and labels
            self.fit_columns(contents=True, again=True)

    def _rows_reset(self) -> None:
        if not self._fitted_contents:
            self.fit_columns(contents=True)

    def fit_columns(self, *, contents: bool = False, again: bool = False) -> None:
        """Widen each column to its header's size hint and, with ``contents``, a
        label/number column to its longest text (first rows only, unless
        ``again``).  Never narrows.  The last column still stretches: this only
        sets the width it keeps when the columns are wider than the view."""
        m = self.model()
        if not isinstance(m, RowTableModel) or not m.columns:
            return
        header = self.horizontalHeader()
        fit_rows = contents and m.rowCount() > 0 and (again or not self._fitted_contents)
        for i in range(m.columnCount()):
            if self.isColumnHidden(i):
                continue
            need = header.sectionSizeHint(i)
            if fit_rows and m.short_column(i):
                need = max(need, min(FIT_MAX, self.sizeHintForColumn(i)))
            if header.sectionSize(i) < need:
                header.resizeSection(i, need)
        if fit_rows:
            self._fitted_contents = True

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _activate(self, index) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.row_activated.emit(row)

    def selected_row(self) -> Any:
        idx = self.currentIndex()
        if not idx.isValid() or not self.selectionModel().isSelected(idx):
            rows = self.selectionModel().selectedRows() if self.selectionModel() else []
            if not rows:
                return None
            idx = rows[0]
        return idx.data(ROW_ROLE)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        if self.row_actions:
            menu.addActions(self.row_actions)
            menu.addSeparator()
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.popup(self.viewport().mapToGlobal(pos))

    # -- copy and export -----------------------------------------------------------
    def visible_columns(self) -> list[int]:
        m = self.model()
        cols = [c for c in range(m.columnCount()) if not self.isColumnHidden(c)]
        header = self.horizontalHeader()
        return sorted(cols, key=header.visualIndex)

    def table_data(self) -> tuple[list[str], list[list[Any]]]:
        """The visible columns (in on-screen order) and all rows as shown (filtered, sorted)."""
        m = self.model()
        cols = self.visible_columns()
        headers = [str(m.headerData(c, Qt.Orientation.Horizontal)) for c in cols]
        rows = []
        for r in range(m.rowCount()):
            if self.isRowHidden(r):
                continue
            out = []
            for c in cols:
                idx = m.index(r, c)
                v = m.data(idx, EXPORT_ROLE)
                out.append(v if v is not None else (m.data(idx) or ""))
            rows.append(out)
        return headers, rows

    def copy_selection(self) -> None:
        idx = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not idx:
            return
        rows = sorted({i.row() for i in idx})
        cols = self.visible_columns()
        m = self.model()
        text = "\n".join("\t".join(str(m.index(r, c).data() or "") for c in cols) for r in rows)
        QApplication.clipboard().setText(text)

    def export_dialog(self) -> None:
        title = translated(self.export_title) if self.export_title else tr("表格")
        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出Excel"), str(Path.home() / f"{title}.xlsx"), tr("Excel 工作簿 (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_xlsx(path)

    def export_xlsx(self, path: str | Path):
        """Write the visible table to ``path`` in the background; returns the Op (or None)."""
        from propdesk.excel.table_export import write_table

        title = translated(self.export_title) if self.export_title else tr("表格")
        headers, rows = self.table_data()
        subtitle = ""
        if self._ctx is not None and self._ctx.actor is not None:
            subtitle = tr("导出时间：{time}　操作员：{who}").format(
                time=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), who=self._ctx.actor.label)

        def work():
            return write_table(path, title, headers, rows, subtitle=subtitle)
        if self._ctx is None:
            return work()
        from ui.tasks import show_info

        return self._ctx.tasks.background(work, parent=self).success(
            lambda n: show_info(self, tr("已导出 {n} 行到\n{path}").format(n=n, path=path),
                                tr("导出Excel"))).run()
