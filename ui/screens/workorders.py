"""工单: the work-order board — counts per state as quick filters, the list with overdue
orders in red, filters by category, engineer and text, and the selected order in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter,
    QToolButton, QVBoxLayout, QWidget,
)

from propdesk.security import WORKORDER_CREATE, WORKORDER_DISPATCH
from propdesk.services.service_desk import workorders as wo
from propdesk.services.service_desk.codes import CATEGORIES, STATES, URGENCIES, WORK_ORDER_KINDS
from ui.i18n import label, tr, tr_noop, translated
from ui.service.forms import DONE, OVERDUE, find_data
from ui.service.order_panel import OrderPanel
from ui.service.workorder_dialogs import IntakeDialog
from ui.tasks import Changes
from ui.widgets.base import Screen
from ui.widgets.flow_layout import FlowRow
from ui.widgets.table import Column, RowTableModel, TableView


def _color(r: wo.OrderRow):
    if r.overdue:
        return OVERDUE
    if r.state in ("done", "cancelled"):
        return DONE
    return None


COLUMNS = [
    Column(tr_noop("单号"), lambda r: r.number, width=170, color=_color),
    Column(tr_noop("状态"), lambda r: r.state, text=lambda v: label(STATES, v), width=60,
           color=_color),
    Column(tr_noop("位置"), lambda r: r.place, width=120),
    Column(tr_noop("类别"), lambda r: r.category, text=lambda v: label(CATEGORIES, v), width=70),
    Column(tr_noop("紧急"), lambda r: r.urgency, text=lambda v: label(URGENCIES, v), width=50),
    Column(tr_noop("报修内容"), lambda r: r.description, width=220,
           tooltip=lambda r: r.description),
    Column(tr_noop("报修人"), lambda r: r.reporter, width=90),
    Column(tr_noop("维修人员"), lambda r: r.assignee_name, width=70),
    Column(tr_noop("报修时间"), lambda r: r.reported_at, width=125),
    Column(tr_noop("完成时限"), lambda r: r.due_at, width=125, color=_color),
    Column(tr_noop("有偿"), lambda r: r.chargeable, width=45),
    Column(tr_noop("类型"), lambda r: r.kind, text=lambda v: label(WORK_ORDER_KINDS, v)),
]

# Quick filters: key -> (states, overdue only).  Counts come from state_counts.
CHIPS = {
    "open": ((("pending", "dispatched", "in_progress", "suspended")), False),
    "pending": (("pending",), False),
    "dispatched": (("dispatched",), False),
    "in_progress": (("in_progress",), False),
    "to_visit": (("to_visit",), False),
    "suspended": (("suspended",), False),
    "overdue": ((), True),
    "done": (("done",), False),
    "cancelled": (("cancelled",), False),
    "all": ((), False),
}
CHIP_TEXT = {"open": tr_noop("未完结"), "overdue": tr_noop("超时"), "all": tr_noop("全部")}
CHIP_STYLE = ("QToolButton {{ padding: 3px 10px; border: 1px solid #D5DBE3; border-radius: 11px;"
              " background: #FFFFFF; color: {ink}; {weight} }}"
              " QToolButton:checked {{ background: #1F5FAF; color: #FFFFFF; border-color: #1A4F93; }}")


class WorkOrdersScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.counts: dict[str, int] = {}
        self.engineers: list = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(8)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.new_repair = QPushButton()
        self.new_repair.setObjectName("primary")
        self.new_public = QPushButton()
        self.new_public.setObjectName("newPublic")
        for b in (self.new_repair, self.new_public):
            b.setVisible(ctx.can(WORKORDER_CREATE))
            top.addWidget(b)
        lay.addLayout(top)
        self.chip_row = FlowRow()   # wraps onto a second line on a narrow window
        chips = self.chip_row.flow
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chips: dict[str, QToolButton] = {}
        for key in CHIPS:
            b = QToolButton()
            b.setCheckable(True)
            b.setObjectName(f"chip_{key}")
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.chip_group.addButton(b)
            self.chips[key] = b
            chips.addWidget(b)
            b.clicked.connect(lambda *_: self.refresh())
        lay.addWidget(self.chip_row)
        filters = QHBoxLayout()
        self.category = QComboBox()
        self.category.setObjectName("filterCategory")
        self.engineer = QComboBox()
        self.engineer.setObjectName("filterEngineer")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.mine = QCheckBox()
        self.mine.setObjectName("mine")
        self.filter_labels = [QLabel(), QLabel()]
        filters.addWidget(self.filter_labels[0])
        filters.addWidget(self.category)
        filters.addWidget(self.filter_labels[1])
        filters.addWidget(self.engineer)
        filters.addWidget(self.mine)
        filters.addWidget(self.search, 1)
        lay.addLayout(filters)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("工单"))
        self.table.setObjectName("ordersTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        split.addWidget(self.table)
        self.panel = OrderPanel(ctx)
        self.panel.setObjectName("orderPanel")
        split.addWidget(self.panel)
        split.setSizes([760, 520])
        lay.addWidget(split, 1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        lay.addWidget(self.count)
        # An engineer starts on their own open orders; the desk on everything still open.
        engineer_only = not ctx.can(WORKORDER_DISPATCH)
        self.mine.setChecked(engineer_only)
        self.chips["open"].setChecked(True)
        self.new_repair.clicked.connect(lambda: self.intake("repair"))
        self.new_public.clicked.connect(lambda: self.intake("public"))
        self.category.currentIndexChanged.connect(lambda *_: self.refresh())
        self.engineer.currentIndexChanged.connect(lambda *_: self.refresh())
        self.mine.toggled.connect(lambda *_: self.refresh())
        self.search.returnPressed.connect(lambda *_: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        ctx.tasks.changed.connect(self._on_changes)
        self._fill_category()
        self.retranslate()
        self._loaded_once = False

    # -- filters ----------------------------------------------------------------------------
    def _fill_category(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(tr("全部"), "")
        for code in CATEGORIES:
            self.category.addItem(label(CATEGORIES, code), code)
        self.category.setCurrentIndex(max(0, self.category.findData(current or "")))
        self.category.blockSignals(False)

    def _fill_engineers(self, ops) -> None:
        self.engineers = ops
        current = self.engineer.currentData()
        self.engineer.blockSignals(True)
        self.engineer.clear()
        self.engineer.addItem(tr("全部"), None)
        for op in ops:
            self.engineer.addItem(op.display_name or op.username, op.id)
        self.engineer.setCurrentIndex(max(0, find_data(self.engineer, current)))
        self.engineer.blockSignals(False)

    def current_filter(self) -> wo.OrderFilter:
        chip = next((k for k, b in self.chips.items() if b.isChecked()), "open")
        states, overdue = CHIPS[chip]
        assignee = self.engineer.currentData()
        if self.mine.isChecked() and self.ctx.actor is not None:
            assignee = self.ctx.actor.operator_id
        return wo.OrderFilter(states=tuple(states), overdue_only=overdue,
                              category=self.category.currentData() or "",
                              assignee_id=assignee, text=self.search.text().strip())

    # -- loading -------------------------------------------------------------------------------
    def refresh(self, *, keep_panel: bool = False):
        """Reload the list.  After a change (``keep_panel``) the order on the panel stays
        there even when it has left the filtered list (an engineer who just finished an
        order sees the result); after a new filter the first row is shown."""
        f, actor = self.current_filter(), self.ctx.actor
        mine = actor.operator_id if self.mine.isChecked() and actor else None

        def work(s):
            return wo.list_orders(s, actor, f), wo.state_counts(s, actor, assignee_id=mine)
        return self.ctx.tasks.read(work, parent=self, key=f"orders-{id(self)}") \
            .success(lambda result: self._show(result, keep_panel)).run()

    def _show(self, result, keep_panel: bool = False) -> None:
        rows, self.counts = result
        keep = self.panel.order_id
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
            self.panel.reload()
        elif keep is not None and keep_panel:
            self.table.clearSelection()
            self.panel.reload()
        elif rows:
            self.table.selectRow(0)
        else:
            self.panel.set_order(None)
        self.retranslate()

    def _selected(self, index) -> None:
        if index.isValid() and index.row() < self.model.rowCount():
            row = self.model.row(index.row())
            if row.id != self.panel.order_id:
                self.panel.set_order(row.id)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("work_order") and self.isVisible():
            self.refresh(keep_panel=True)

    def activated(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            actor = self.ctx.actor
            self.ctx.tasks.read(lambda s: wo.engineers(s, actor), parent=self) \
                .success(self._fill_engineers).run()
        self.refresh()

    # -- actions ---------------------------------------------------------------------------------
    def intake(self, kind: str = "repair", room_code: str = "") -> IntakeDialog:
        dlg = IntakeDialog(self.ctx, self, room_code=room_code, kind=kind)
        dlg.accepted.connect(lambda: self._created(dlg.result))
        dlg.open()
        self.dialog = dlg
        return dlg

    def _created(self, order) -> None:
        self.panel.order_id = order.id  # select it once the list reloads
        self.chips["open"].setChecked(True)
        self.search.clear()

    def retranslate(self) -> None:
        self.heading.setText(tr("工单"))
        self.new_repair.setText(tr("受理报修(&N)…"))
        self.new_public.setText(tr("公区报修(&B)…"))
        self.filter_labels[0].setText(tr("类别"))
        self.filter_labels[1].setText(tr("维修人员"))
        self.mine.setText(tr("只看派给我的"))
        self.search.setPlaceholderText(tr("单号、房号、位置、内容、报修人或电话，回车查询"))
        for key, b in self.chips.items():
            text = translated(CHIP_TEXT[key]) if key in CHIP_TEXT else label(STATES, key)
            n = self.counts.get(key)
            if key == "open" and self.counts:
                n = sum(self.counts.get(s, 0) for s in CHIPS["open"][0])
            b.setText(f"{text} {n}" if n is not None and key != "all" else text)
            alarm = key == "overdue" and bool(self.counts.get("overdue"))
            b.setStyleSheet(CHIP_STYLE.format(ink="#C0392B" if alarm else "#1F2933",
                                              weight="font-weight: bold;" if alarm else ""))
        self._fill_category()
        if self.engineers:
            self._fill_engineers(self.engineers)
        self.count.setText(tr("共 {n} 张工单").format(n=self.model.rowCount()))

    def current_table(self):
        return self.table
