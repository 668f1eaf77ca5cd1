"""收费标准: fee items, standards with their price versions, assignment rules and 优惠规则.

Prices are never edited: 新价格版本 adds a dated version; 修改 changes only
what does not re-price (names, due day, payer, 停用).  Rules and discounts
are never deleted: 截止 ends one after a period, so history bills the same.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from propdesk.billing.calc import METHODS
from propdesk.models.billing import FEE_KINDS
from propdesk.models.enums import ROOM_USAGES
from propdesk.security import FEE_EDIT
from propdesk.services.billing import catalog
from ui.billing.discounts import DiscountsPanel
from ui.billing.fee_dialogs import (
    AssignDialog, FeeItemDialog, FeeItemEditDialog, StandardDialog, StandardEditDialog, VersionDialog, scope_list,
)
from ui.i18n import label, tr, tr_noop
from ui.tasks import Changes, show_error
from ui.widgets.base import Screen
from ui.widgets.table import Column, RowTableModel, TableView

ITEM_COLUMNS = [
    Column(tr_noop("编码"), lambda i: i.code, width=64),
    Column(tr_noop("名称"), lambda i: i.name, width=104),
    Column(tr_noop("类别"), lambda i: i.kind, text=lambda v: label(FEE_KINDS, v), width=84),
    Column(tr_noop("状态"), lambda i: i.active, text=lambda v: "" if v else tr("停用")),
]
STANDARD_COLUMNS = [
    Column(tr_noop("编码"), lambda r: r.code, width=90),
    Column(tr_noop("名称"), lambda r: r.name, width=130),
    Column(tr_noop("收费项目"), lambda r: r.fee_item, width=90),
    Column(tr_noop("计费方式"), lambda r: r.method, text=lambda v: label(METHODS, v), width=120),
    Column(tr_noop("当前价格"), lambda r: r.price_text, width=260),
    Column(tr_noop("生效"), lambda r: r.effective_from, text=lambda v: f"{v:%Y-%m}" if v else "", width=70),
    Column(tr_noop("版本数"), lambda r: r.versions, width=60),
    Column(tr_noop("状态"), lambda r: r.active, text=lambda v: "" if v else tr("停用"), width=50),
]
RULE_COLUMNS = [
    Column(tr_noop("范围"), lambda r: tr("全公司") if r[0].scope_kind == "company" else r[2], width=200),
    Column(tr_noop("用途"), lambda r: r[0].usage, text=lambda v: label(ROOM_USAGES, v) if v else tr("全部"), width=70),
    Column(tr_noop("起始账期"), lambda r: r[0].start_period, width=80),
    Column(tr_noop("结束账期"), lambda r: r[0].end_period or "", width=80),
    Column(tr_noop("排除"), lambda r: r[0].exclude, width=50),
]


class FeesScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        editable = ctx.can(FEE_EDIT)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        split = QSplitter(Qt.Orientation.Horizontal)
        lay.addWidget(split)
        self.items_box, self.std_box, self.rule_box = QGroupBox(), QGroupBox(), QGroupBox()
        # fee items
        il = QVBoxLayout(self.items_box)
        self.items = RowTableModel(ITEM_COLUMNS)
        self.item_table = self._table(self.items, "feeItems", tr_noop("收费项目"))
        il.addWidget(self.item_table)
        bar = QHBoxLayout()
        self.new_item = self._button(bar, "newFeeItem", editable)
        self.edit_item_button = self._button(bar, "editFeeItem", editable)
        il.addLayout(bar)
        split.addWidget(self.items_box)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("feeTabs")
        right = QSplitter(Qt.Orientation.Vertical)
        # standards
        sl = QVBoxLayout(self.std_box)
        self.standards = RowTableModel(STANDARD_COLUMNS)
        self.std_table = self._table(self.standards, "standards", tr_noop("收费标准"))
        sl.addWidget(self.std_table)
        bar = QHBoxLayout()
        self.new_std = self._button(bar, "newStandard", editable)
        self.new_version = self._button(bar, "newVersion", editable)
        self.edit_std_button = self._button(bar, "editStandard", editable)
        bar.addStretch(1)
        sl.addLayout(bar)
        right.addWidget(self.std_box)
        # rules of the selected standard
        rl = QVBoxLayout(self.rule_box)
        self.rules = RowTableModel(RULE_COLUMNS)
        self.rule_table = self._table(self.rules, "rules", tr_noop("分配规则"))
        rl.addWidget(self.rule_table)
        bar = QHBoxLayout()
        self.assign_button = self._button(bar, "assign", editable)
        self.end_button = self._button(bar, "endRule", editable)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        bar.addWidget(self.hint, 1)
        rl.addLayout(bar)
        right.addWidget(self.rule_box)
        self.tabs.addTab(right, "")
        self.discounts = DiscountsPanel(ctx, self)
        self.tabs.addTab(self.discounts, "")
        split.addWidget(self.tabs)
        split.setSizes([340, 900])
        self.new_item.clicked.connect(self.add_item)
        self.edit_item_button.clicked.connect(lambda: self.edit_item())
        self.edit_std_button.clicked.connect(lambda: self.edit_standard())
        if editable:   # double-click opens 修改 for those who may change it
            self.item_table.row_activated.connect(self.edit_item)
            self.std_table.row_activated.connect(self.edit_standard)
        self.item_table.selectionModel().selectionChanged.connect(lambda *_: self._enable_item_edit())
        self.new_std.clicked.connect(self.add_standard)
        self.new_version.clicked.connect(self.add_version)
        self.assign_button.clicked.connect(self.add_rule)
        self.end_button.clicked.connect(self.end_rule)
        self.std_table.selectionModel().currentRowChanged.connect(lambda *_: self.load_rules())
        self._scopes: list[tuple] = []
        self.retranslate()

    def _table(self, model, name, title) -> TableView:
        t = TableView(export_title=title)
        t.setObjectName(name)
        t.set_context(self.ctx)
        t.setModel(model)
        return t

    @staticmethod
    def _button(layout, name: str, visible: bool) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setVisible(visible)
        layout.addWidget(b)
        return b

    def retranslate(self) -> None:
        self.items_box.setTitle(tr("收费项目"))
        self.std_box.setTitle(tr("收费标准"))
        self.rule_box.setTitle(tr("分配规则（计费时按规则匹配，新增房间自动适用）"))
        self.new_item.setText(tr("新建项目(&I)…"))
        self.edit_item_button.setText(tr("修改项目(&M)…"))
        self.edit_std_button.setText(tr("修改标准(&D)…"))
        self.tabs.setTabText(0, tr("收费标准与分配"))
        self.tabs.setTabText(1, tr("优惠规则"))
        self.new_std.setText(tr("新建标准(&N)…"))
        self.new_version.setText(tr("新价格版本(&V)…"))
        self.assign_button.setText(tr("分配(&A)…"))
        self.end_button.setText(tr("截止(&E)…"))
        self.hint.setText(tr("优先级：房间 > 单元 > 楼栋 > 小区 > 全公司"))
        for m in (self.items, self.standards, self.rules):
            m.retranslate()

    def activated(self) -> None:
        self.reload()
        self.discounts.reload()

    def reload(self) -> None:
        actor = self.ctx.actor

        def work(s):
            items = catalog.list_fee_items(s, actor, include_inactive=True)
            stds = catalog.list_standards(s, actor)
            return items, stds, scope_list(s)
        self.ctx.tasks.read(work, parent=self, key=f"fees-{id(self)}").success(self._show).run()

    def _show(self, result) -> None:
        items, stds, self._scopes = result
        current = self._current_standard()
        self.items.set_rows(items)
        self._enable_item_edit()
        self.standards.set_rows(stds)
        rows = self.standards.rows()
        pick = next((i for i, r in enumerate(rows) if current and r.id == current.id), 0 if rows else -1)
        if pick >= 0:
            self.std_table.selectRow(pick)
        self.load_rules()

    def _current_standard(self):
        idx = self.std_table.currentIndex()
        return self.standards.row(idx.row()) if idx.isValid() and idx.row() < self.standards.rowCount() else None

    def load_rules(self):
        std, actor = self._current_standard(), self.ctx.actor
        self.new_version.setEnabled(std is not None)
        self.edit_std_button.setEnabled(std is not None)
        self.assign_button.setEnabled(std is not None)
        if std is None:
            self.rules.set_rows([])
            return None
        op = self.ctx.tasks.read(lambda s: catalog.list_assignments(s, actor, std.id), parent=self,
                                 key=f"fee-rules-{id(self)}")
        op.success(self.rules.set_rows).run()
        return op

    def add_item(self) -> FeeItemDialog:
        d = FeeItemDialog(self.ctx, self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d

    def scopes(self) -> list[tuple]:
        """(kind, id, label) of 全公司, each estate and its buildings, as the assignment dialog offers."""
        return list(self._scopes) or [("company", None, tr("全公司"))]   # before the first load

    def _enable_item_edit(self) -> None:
        self.edit_item_button.setEnabled(self.item_table.selected_row() is not None)

    def edit_item(self, item=None) -> FeeItemEditDialog | None:
        item = item or self.item_table.selected_row()
        if item is None:
            return None
        d = FeeItemEditDialog(self.ctx, item, self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d

    def edit_standard(self, row=None) -> StandardEditDialog | None:
        row = row or self._current_standard()
        if row is None:
            return None
        d = StandardEditDialog(self.ctx, row, self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d

    def add_standard(self) -> StandardDialog:
        d = StandardDialog(self.ctx, [(i.id, f"{i.name} ({i.code})") for i in self.items.rows() if i.active], self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d

    def add_version(self) -> VersionDialog | None:
        std = self._current_standard()
        if std is None:
            return None
        d = VersionDialog(self.ctx, std.id, std.method, std.name, self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d

    def add_rule(self) -> AssignDialog | None:
        std = self._current_standard()
        if std is None:
            return None
        d = AssignDialog(self.ctx, std.id, std.name, self._scopes, self)
        d.saved.connect(lambda _r: self.load_rules())
        d.open()
        return d

    def end_rule(self):
        idx = self.rule_table.currentIndex()
        if not idx.isValid():
            return None
        rule = self.rules.row(idx.row())[0]
        period, ok = QInputDialog.getText(self, tr("截止分配规则"), tr("最后一个计费账期（YYYY-MM）："))
        if not ok or not period.strip():
            return None
        actor = self.ctx.actor
        op = self.ctx.tasks.write(lambda s: catalog.end_assignment(s, actor, rule.id, period.strip()), parent=self,
                                  changes=Changes.of(entities={"fee_assignment"}))
        op.success(lambda _r: self.load_rules()).failure(lambda e: show_error(self, e))
        op.run()
        return op

    def current_table(self):
        return self.discounts.table if self.tabs.currentWidget() is self.discounts else self.std_table
