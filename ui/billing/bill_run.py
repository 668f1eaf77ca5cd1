"""应收计算: choose scope and period, preview totals per fee item and building, then post.

The preview and the commit run off the GUI thread (ctx.tasks); the commit is
the same idempotent service the CLI uses, so posting twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QMessageBox,
    QPushButton, QSplitter, QVBoxLayout, QWidget,
)
from PySide6.QtCore import Qt
from sqlalchemy import select

from propdesk.billing.calc import yuan
from propdesk.billing.periods import Period
from propdesk.models import Building, Estate
from propdesk.security import BILL_RUN
from propdesk.services.billing import run
from ui.i18n import tr, tr_noop
from ui.tasks import Changes, show_error
from ui.widgets.base import Screen
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.table import Column, RowTableModel, TableView

TOTAL_COLUMNS = [
    Column(tr_noop("项目"), lambda r: r[0], width=180),
    Column(tr_noop("金额（元）"), lambda r: r[1], text=lambda v: yuan(v), width=130, align="right"),
]
LINE_COLUMNS = [
    Column(tr_noop("房间/对象"), lambda l: l.target.code, width=120),
    Column(tr_noop("类别"), lambda l: l.kind, text=lambda v: tr("新增") if v == "charge" else tr("调整"), width=50),
    Column(tr_noop("金额"), lambda l: l.amount, text=lambda v: yuan(v), width=90, align="right"),
    Column(tr_noop("公式"), lambda l: l.formula, tooltip=lambda l: l.formula),
]
PREVIEW_ROWS = 2000


def this_month() -> Period:
    return Period.of(dt.date.today())


class BillRunScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._preview: run.RunPreview | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        self.box = QGroupBox()
        form = QFormLayout(self.box)
        self.scope = QComboBox()
        self.scope.setObjectName("runScope")
        self.period = QLineEdit(str(this_month()))
        self.period.setObjectName("runPeriod")
        self.period.setInputMask("9999-99")
        self.scope_label, self.period_label = QLabel(), QLabel()
        form.addRow(self.scope_label, self.scope)
        form.addRow(self.period_label, self.period)
        self.scope_label.setBuddy(self.scope)     # (&S)/(&P) showed as text without a buddy
        self.period_label.setBuddy(self.period)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("runPreview")
        self.commit_button = QPushButton()
        self.commit_button.setObjectName("runCommit")
        self.commit_button.setEnabled(False)
        self.commit_button.setVisible(ctx.can(BILL_RUN))
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.commit_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        lay.addWidget(self.box)
        self.status = QLabel()
        self.status.setObjectName("runStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        lay.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.by_item = RowTableModel(TOTAL_COLUMNS)
        self.by_building = RowTableModel(TOTAL_COLUMNS)
        self.item_table, self.building_table = TableView(export_title=tr_noop("按收费项目")), TableView(
            export_title=tr_noop("按楼栋"))
        for t, m, name in ((self.item_table, self.by_item, "runByItem"),
                           (self.building_table, self.by_building, "runByBuilding")):
            t.setObjectName(name)
            t.set_context(ctx)
            t.setModel(m)
            ll.addWidget(t)
        self.problems = QListWidget()
        self.problems.setObjectName("runProblems")
        ll.addWidget(self.problems)
        left.setMinimumWidth(360)
        split.addWidget(left)
        self.lines = RowTableModel(LINE_COLUMNS)
        self.line_table = TableView(export_title=tr_noop("应收明细"))
        self.line_table.setObjectName("runLines")
        self.line_table.set_context(ctx)
        self.line_table.setModel(self.lines)
        self.hint = EmptyHint(self.line_table)
        self._previewed_empty = False   # the last preview found nothing to bill
        split.addWidget(self.line_table)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 820])
        lay.addWidget(split, 1)
        self.preview_button.clicked.connect(self.do_preview)
        self.commit_button.clicked.connect(self.do_commit)
        self.period.textChanged.connect(lambda _t: self._invalidate())
        self.scope.currentIndexChanged.connect(lambda _i: self._invalidate())
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setTitle(tr("应收计算"))
        self.scope_label.setText(tr("范围(&S)"))
        self.period_label.setText(tr("账期(&P)"))
        self.preview_button.setText(tr("预览(&V)"))
        self.commit_button.setText(tr("确认入账(&C)"))
        if self.scope.count() == 0:
            self.scope.addItem(tr("全公司"), None)
        else:
            self.scope.setItemText(0, tr("全公司"))
        for m in (self.by_item, self.by_building, self.lines):
            m.retranslate()
        self._update_hint()

    def _update_hint(self) -> None:
        self.hint.set_text(tr("所选账期和范围没有需要生成的应收") if self._previewed_empty
                           else tr("选择账期和范围，按 预览（Alt+V）查看将要生成的应收"))

    def activated(self) -> None:
        actor = self.ctx.actor

        def scopes(s):
            out = []
            for e in s.scalars(select(Estate).where(Estate.deleted_at.is_(None)).order_by(Estate.code)):
                out.append((("estate", e.code), f"{e.name} ({e.code})"))
                for b in s.scalars(select(Building).where(Building.estate_id == e.id, Building.deleted_at.is_(None))
                                   .order_by(Building.sort_key, Building.code)):
                    out.append((("building", f"{e.code}-{b.code}"), f"　{e.code}-{b.code} {b.name}"))
            return out
        self.ctx.tasks.read(scopes, parent=self, key=f"run-estates-{id(self)}").success(self._estates).run()

    def _estates(self, rows) -> None:
        current = self.scope.currentData()
        while self.scope.count() > 1:
            self.scope.removeItem(1)
        for data, text in rows:
            self.scope.addItem(text, data)
        i = self.scope.findData(current)
        self.scope.setCurrentIndex(max(i, 0))

    def _invalidate(self) -> None:
        self._preview = None
        self.commit_button.setEnabled(False)
        self._previewed_empty = False
        self._update_hint()

    def _args(self):
        try:
            period = Period.parse(self.period.text())
        except ValueError:
            QMessageBox.warning(self, tr("应收计算"), tr("账期格式应为 YYYY-MM，如 2026-03"))
            return None
        kind, code = self.scope.currentData() or ("company", None)
        return period, {kind: code} if code else {}

    def do_preview(self):
        args = self._args()
        if args is None:
            return None
        period, where = args
        actor = self.ctx.actor
        self.status.setText(tr("正在计算 {period} …").format(period=period))
        self.preview_button.setEnabled(False)
        op = self.ctx.tasks.read(lambda s: run.preview(s, actor, period, run.scope_for(s, **where)),
                                 parent=self, key=f"run-preview-{id(self)}")
        op.success(self._show_preview).failure(self._preview_failed)
        op.run()
        return op

    def _show_preview(self, pv: run.RunPreview) -> None:
        self._preview = pv
        self.preview_button.setEnabled(True)
        self._previewed_empty = not pv.lines
        self._update_hint()
        self.by_item.set_rows(list(pv.totals_by_item.items()) + [(tr("合计"), pv.total)])
        self.by_building.set_rows(list(pv.totals_by_building.items()))
        self.lines.set_rows(pv.lines[:PREVIEW_ROWS])
        self.problems.clear()
        for p in pv.problems:
            self.problems.addItem(("✖ " if p.severity == "error" else "⚠ ") + f"{p.where}：{p.zh}")
        text = tr("{period} {scope}：新增 {new} 行，调整 {adj} 行，未变 {same} 行，涉及 {rooms} 个房间/车位，合计 {total} 元").format(
            period=pv.period, scope=pv.scope.label, new=pv.new_count, adj=pv.recalc_count, same=pv.unchanged,
            rooms=pv.billed_targets, total=yuan(pv.total))
        if pv.errors:
            text += "\n" + tr("有 {n} 处错误，修正前不能入账").format(n=len(pv.errors))
        elif not pv.lines:
            text += "\n" + tr("没有需要入账的内容")
        if len(pv.lines) > PREVIEW_ROWS:
            text += "\n" + tr("明细只显示前 {n} 行").format(n=PREVIEW_ROWS)
        self.status.setText(text)
        self.commit_button.setEnabled(bool(pv.lines) and not pv.errors and self.ctx.can(BILL_RUN))

    def do_commit(self):
        pv = self._preview
        if pv is None:
            return None
        answer = QMessageBox.question(
            self, tr("确认入账"), tr("将 {period} {scope} 的 {n} 行应收（合计 {total} 元）入账？入账后不能修改，只能调整。").format(
                period=pv.period, scope=pv.scope.label, n=len(pv.lines), total=yuan(pv.total)))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.commit_now()

    def commit_now(self):
        pv, actor = self._preview, self.ctx.actor
        period, where = pv.period, self._args()[1]
        self.commit_button.setEnabled(False)
        self.status.setText(tr("正在入账 {period} …").format(period=period))
        op = self.ctx.tasks.write(lambda s: run.commit(s, actor, period, run.scope_for(s, **where)),
                                  parent=self, changes=Changes.of(entities={"bill_line", "ledger_entry", "allocation"}))
        op.success(self._committed).failure(self._commit_failed)
        op.run()
        return op

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self.status.setText("")
        show_error(self, exc, tr("应收计算"))

    def _commit_failed(self, exc: BaseException) -> None:
        self.commit_button.setEnabled(True)
        self.status.setText("")
        show_error(self, exc, tr("确认入账"))

    def _committed(self, res: run.RunResult) -> None:
        self._preview = None
        self.status.setText(tr("已入账 {n} 行，合计 {total} 元，预存冲抵 {o} 笔").format(
            n=res.lines_written, total=yuan(res.preview.total), o=res.offsets))

    def current_table(self):
        return self.line_table
