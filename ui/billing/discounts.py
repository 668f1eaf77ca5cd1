"""优惠规则: the discount rules of the fee screen, a new rule, and ending one.

Rules are never deleted or edited: 截止 ends one after a period, so bills
already made keep the discount they had.  Each rule needs a reason (the
service refuses one without).  The fields the dialog shows follow the kind:
a percentage for 按比例/空置房, an amount per bill for 固定金额, N and M
months for 预缴N月送M月.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from propdesk.billing.calc import price
from propdesk.billing.periods import Period
from propdesk.models.billing import DISCOUNT_KINDS
from propdesk.security import FEE_EDIT
from propdesk.services.billing import catalog
from ui.billing.fee_dialogs import ScopePicker, _Dialog
from ui.i18n import label, tr, tr_noop
from ui.widgets.base import Retranslatable
from ui.widgets.fields import DecimalEdit, EnumCombo
from ui.widgets.table import Column, RowTableModel, TableView


def terms_text(r) -> str:
    """减收 50% / 减免 10.00 元 / 预缴 12 月送 1 月, in the UI language."""
    if r.kind in ("percent", "vacant"):
        return tr("减收 {p}%").format(p=f"{r.value.normalize():f}")
    if r.kind == "fixed":
        return tr("减免 {amount} 元").format(amount=price(r.value))
    return tr("预缴 {n} 月送 {m} 月").format(n=r.months_paid, m=r.months_free)


def state_text(r, today: dt.date | None = None) -> str:
    """执行中 / 未开始 / 已截止 / 停用 for the period of ``today``."""
    p = str(Period.of(today or dt.date.today()))
    if not r.active:
        return tr("停用")
    if r.end_period is not None and r.end_period < p:
        return tr("已截止")
    return tr("未开始") if r.start_period > p else tr("执行中")


DISCOUNT_COLUMNS = [
    Column(tr_noop("名称"), lambda r: r.name, width=130),
    Column(tr_noop("优惠类型"), lambda r: r.kind, text=lambda v: label(DISCOUNT_KINDS, v), width=110),
    Column(tr_noop("优惠"), terms_text, width=120),
    Column(tr_noop("收费项目"), lambda r: r.fee_item or tr("全部项目"), width=100),
    Column(tr_noop("范围"), lambda r: tr("全公司") if r.scope_kind == "company" else r.scope, width=150),
    Column(tr_noop("起始账期"), lambda r: r.start_period, width=80),
    Column(tr_noop("结束账期"), lambda r: r.end_period or tr("长期"), width=80),
    Column(tr_noop("状态"), lambda r: state_text(r), width=60),
    Column(tr_noop("原因"), lambda r: r.reason),
]


class DiscountDialog(_Dialog):
    """新建优惠: kind, its terms, fee item (or all), scope, periods and the reason."""

    def __init__(self, ctx, fee_items: list[tuple], scopes: list[tuple], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("discountDialog")
        self.setMinimumWidth(480)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.kind = EnumCombo(DISCOUNT_KINDS)
        self.kind.setObjectName("kind")
        self.percent, self.amount = DecimalEdit(2), DecimalEdit(2)
        self.percent.setObjectName("percent")
        self.amount.setObjectName("amount")
        self.months_paid, self.months_free = QSpinBox(), QSpinBox()
        self.months_paid.setObjectName("monthsPaid")
        self.months_free.setObjectName("monthsFree")
        for w, v in ((self.months_paid, 12), (self.months_free, 1)):
            w.setRange(1, 60)
            w.setValue(v)
        self.item = QComboBox()
        self.item.setObjectName("feeItem")
        self.item.addItem("", None)          # 全部收费项目, text set in retranslate
        for fid, text in fee_items:
            self.item.addItem(text, fid)
        self.scope = ScopePicker(scopes)
        self.start, self.end = QLineEdit(str(Period.of(dt.date.today()))), QLineEdit()
        self.start.setObjectName("start")
        self.start.setInputMask("9999-99")
        self.end.setObjectName("end")   # no mask: empty means open-ended
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        for key, w in (("kind", self.kind), ("name", self.name), ("percent", self.percent), ("amount", self.amount),
                       ("months_paid", self.months_paid), ("months_free", self.months_free), ("item", self.item),
                       ("scope", self.scope), ("start", self.start), ("end", self.end), ("reason", self.reason)):
            self.row(key, w)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.retranslate()

    def _kind_changed(self) -> None:
        k = self.kind.code()
        self.set_row_visible("percent", k in ("percent", "vacant"))
        self.set_row_visible("amount", k == "fixed")
        self.set_row_visible("months_paid", k == "prepay_free")
        self.set_row_visible("months_free", k == "prepay_free")
        self.adjustSize()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("新建优惠"))
        for key, text in (("kind", tr("优惠类型(&K)")), ("name", tr("名称(&N)")),
                          ("percent", tr("优惠比例（%，50 = 减收一半）")), ("amount", tr("每期减免金额（元）")),
                          ("months_paid", tr("预缴月数 N")), ("months_free", tr("赠送月数 M")),
                          ("item", tr("收费项目")), ("scope", tr("范围")), ("start", tr("起始账期")),
                          ("end", tr("结束账期（空 = 长期）")), ("reason", tr("原因(&R)"))):
            self.labels[key].setText(text)
        self.item.setItemText(0, tr("全部收费项目"))
        self.name.setPlaceholderText(tr("不填则用优惠类型"))
        self.end.setPlaceholderText(tr("YYYY-MM，如 2026-12"))
        self.reason.setPlaceholderText(tr("必填，如：业委会决议空置房物业费减半"))
        self.scope.retranslate()

    def submit(self):
        k, actor = self.kind.code(), self.ctx.actor
        value = {"percent": self.percent.value(), "vacant": self.percent.value(),
                 "fixed": self.amount.value()}.get(k) or Decimal(0)
        choice = self.scope.choice()
        kw = dict(name=self.name.text(), kind=k, reason=self.reason.text(), value=value,
                  fee_item=self.item.currentData(),
                  start_period=self.start.text(), end_period=self.end.text().strip() or None,
                  months_paid=self.months_paid.value() if k == "prepay_free" else 0,
                  months_free=self.months_free.value() if k == "prepay_free" else 0)
        return self.run_write(lambda s: catalog.create_discount(s, actor, **ScopePicker.resolve(s, choice), **kw).id)


class EndDiscountDialog(_Dialog):
    """截止优惠: the last period the rule applies; later bills are made without it."""

    def __init__(self, ctx, rule, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("endDiscountDialog")
        self.setMinimumWidth(380)
        self.rule_id, self.title, self.start_period = rule.id, rule.name, rule.start_period
        self.last = QLineEdit(rule.end_period or str(Period.of(dt.date.today())))
        self.last.setObjectName("last")
        self.last.setInputMask("9999-99")
        self.row("last", self.last)
        self.info = self.muted_label(0)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("截止优惠：{name}").format(name=self.title))
        self.labels["last"].setText(tr("最后一个享受优惠的账期"))
        self.info.setText(tr("自 {start} 起执行。截止后，之后账期计费不再享受此优惠；已入账的账单不会自动改变。").format(
            start=self.start_period))

    def submit(self):
        actor, rid, last = self.ctx.actor, self.rule_id, self.last.text()
        return self.run_write(lambda s: catalog.end_discount(s, actor, rid, last).end_period)


class DiscountsPanel(Retranslatable, QWidget):
    """The 优惠规则 tab: the rules, 新建优惠 and 截止."""

    def __init__(self, ctx, screen, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.screen = ctx, screen
        editable = ctx.can(FEE_EDIT)
        lay = QVBoxLayout(self)
        self.model = RowTableModel(DISCOUNT_COLUMNS)
        self.table = TableView(export_title=tr_noop("优惠规则"))
        self.table.setObjectName("discounts")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        lay.addWidget(self.table)
        bar = QHBoxLayout()
        self.new_button, self.end_button = QPushButton(), QPushButton()
        for b, name in ((self.new_button, "newDiscount"), (self.end_button, "endDiscount")):
            b.setObjectName(name)
            b.setVisible(editable)
            bar.addWidget(b)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        bar.addWidget(self.hint, 1)
        lay.addLayout(bar)
        self.new_button.clicked.connect(self.add_discount)
        self.end_button.clicked.connect(self.end_discount)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self._enable()
        self.retranslate()

    def retranslate(self) -> None:
        self.new_button.setText(tr("新建优惠(&D)…"))
        self.end_button.setText(tr("截止优惠…"))
        self.hint.setText(tr("计费时按比例、固定金额、空置房优惠自动扣减；预缴送月在收银台预缴时使用"))
        self.model.retranslate()

    def reload(self):
        actor = self.ctx.actor
        op = self.ctx.tasks.read(lambda s: catalog.list_discounts(s, actor), parent=self,
                                 key=f"discounts-{id(self)}")
        op.success(self._show).run()
        return op

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        self._enable()

    def _enable(self) -> None:
        self.end_button.setEnabled(self.table.selected_row() is not None)

    def add_discount(self) -> DiscountDialog:
        items = [(i.id, f"{i.name} ({i.code})") for i in self.screen.items.rows() if i.active]
        d = DiscountDialog(self.ctx, items, self.screen.scopes(), self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d

    def end_discount(self) -> EndDiscountDialog | None:
        rule = self.table.selected_row()
        if rule is None:
            return None
        d = EndDiscountDialog(self.ctx, rule, self)
        d.saved.connect(lambda _r: self.reload())
        d.open()
        return d
