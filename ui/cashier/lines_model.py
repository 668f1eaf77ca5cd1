"""The outstanding lines of a payer, each with a check box (selected = to be paid):
bills, then card deposits (押金) to hand over, whose card shows in the period column."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, Signal

from propdesk.money import ZERO, fmt
from propdesk.services.cashier.billing_link import DueLine
from ui.i18n import tr_noop
from ui.widgets.table import Column, RowTableModel

COLUMNS = [
    Column(tr_noop("缴"), lambda ln: "", width=34, align="center"),
    Column(tr_noop("房号/车位"), lambda ln: ln.target_code, width=130),
    Column(tr_noop("收费项目"), lambda ln: ln.fee_item, width=140),
    Column(tr_noop("期间"), lambda ln: ln.period or ln.note, width=110, align="center"),
    Column(tr_noop("应缴日"), lambda ln: ln.due_date, width=96, align="center"),
    Column(tr_noop("欠费"), lambda ln: ln.principal, text=fmt, width=96, align="right"),
    Column(tr_noop("滞纳金"), lambda ln: ln.late_fee, text=lambda v: fmt(v) if v else "", width=80,
           align="right", tooltip=lambda ln: ln.late_formula),
    Column(tr_noop("小计"), lambda ln: ln.total, text=fmt, width=100, align="right"),
]


class DueLinesModel(RowTableModel):
    """Rows are :class:`DueLine`; column 0 is the check box."""

    selection_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(COLUMNS, [], parent)
        self._checked: set[str] = set()

    def set_lines(self, lines: list[DueLine], checked: set[str]) -> None:
        self._checked = set(checked)
        self.set_rows(lines)
        self.selection_changed.emit()

    # -- selection -----------------------------------------------------------------
    def checked_lines(self) -> list[DueLine]:
        """Selected lines in the table's order (the order a partial payment settles)."""
        return [ln for ln in self.rows() if ln.key in self._checked]

    def selected_total(self) -> Decimal:
        return sum((ln.total for ln in self.checked_lines()), ZERO)

    def selected_deposits(self) -> Decimal:
        """Card deposits among the selection: taken in full, whatever the amount paid."""
        return sum((ln.total for ln in self.checked_lines() if ln.kind == "deposit"), ZERO)

    def set_all(self, on: bool) -> None:
        self._checked = {ln.key for ln in self.rows()} if on else set()
        self._emit_checks()

    def toggle(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            key = self.row(row).key
            self._checked ^= {key}
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
            self.selection_changed.emit()

    def _emit_checks(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()

    # -- Qt model API ----------------------------------------------------------------
    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole \
                and 0 <= index.row() < self.rowCount():
            on = self.row(index.row()).key in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            want = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            have = self.row(index.row()).key in self._checked
            if want != have:
                self.toggle(index.row())
            return True
        return False

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        # The order is the settling order of a partial payment: the table is not sortable.
        return
