"""Dialogs of the fee catalogue: fee item, standard, new price version, assignment with preview,
and the edits of a fee item and of a standard's non-price fields.

Each dialog validates through the service it calls (the same checks as the
CLI), runs the write off the GUI thread and shows the service's message in
place when something is wrong.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout,
    QWidget,
)

from sqlalchemy import select

from propdesk.billing.calc import METHODS, Tier
from propdesk.billing.periods import CYCLES, Period
from propdesk.models import Building, Estate, Unit
from propdesk.models.billing import BILL_TO, FEE_KINDS, METER_KINDS, SHARE_BASES, TARGET_KINDS
from propdesk.models.enums import ROOM_USAGES
from propdesk.services.billing import catalog
from propdesk.services.billing.catalog import VersionInput
from ui.i18n import error_text, label, tr, tr_noop, translated
from ui.tasks import Changes
from ui.widgets.base import Retranslatable
from ui.widgets.fields import DecimalEdit, EnumCombo, ErrorLabel
from ui.widgets.table import Column, RowTableModel, TableView

CYCLE_TEXT = {1: tr_noop("按月计费"), 3: tr_noop("按季计费"), 6: tr_noop("按半年计费"), 12: tr_noop("按年计费")}
CHANGES = Changes.of(entities={"fee_item", "fee_standard", "fee_assignment", "discount_rule"})


class _Dialog(Retranslatable, QDialog):
    saved = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.lay.addLayout(self.form)
        self.error = ErrorLabel()
        self.lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.lay.addWidget(self.buttons)
        self.labels: dict[str, QLabel] = {}

    def row(self, key: str, widget) -> None:
        lbl = QLabel()
        lbl.setBuddy(widget)
        self.labels[key] = lbl
        self.form.addRow(lbl, widget)

    def muted_label(self, position: int) -> QLabel:
        """A grey, word-wrapped explanation inserted at ``position`` in the dialog."""
        lbl = QLabel()
        lbl.setObjectName("muted")
        lbl.setWordWrap(True)
        self.lay.insertWidget(position, lbl)
        return lbl

    def set_row_visible(self, key: str, visible: bool) -> None:
        lbl = self.labels[key]
        lbl.setVisible(visible)
        lbl.buddy().setVisible(visible)

    def run_write(self, fn):
        self.error.clear_error()
        self.buttons.setEnabled(False)
        op = self.ctx.tasks.write(fn, parent=self, changes=CHANGES)
        op.success(self._done).failure(self._failed)
        op.run()
        return op

    def _done(self, result) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc) -> None:
        self.buttons.setEnabled(True)
        self.error.show_error(error_text(exc))

    def submit(self):  # pragma: no cover - overridden
        raise NotImplementedError


class FeeItemDialog(_Dialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("feeItemDialog")
        self.code, self.name, self.kind = QLineEdit(), QLineEdit(), EnumCombo(FEE_KINDS)
        self.code.setObjectName("code")
        self.name.setObjectName("name")
        self.row("code", self.code)
        self.row("name", self.name)
        self.row("kind", self.kind)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("新建收费项目"))
        for key, text in (("code", tr("编码(&C)")), ("name", tr("名称(&N)")), ("kind", tr("类别(&K)"))):
            self.labels[key].setText(text)

    def submit(self):
        code, name, kind, actor = self.code.text(), self.name.text(), self.kind.code(), self.ctx.actor
        return self.run_write(lambda s: catalog.create_fee_item(s, actor, code=code, name=name, kind=kind).code)


class FeeItemEditDialog(_Dialog):
    """修改收费项目: name, order, 停用 and note (the code and kind identify it and stay)."""

    def __init__(self, ctx, item, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("feeItemEditDialog")
        self.setMinimumWidth(420)
        self.item_id, self.title = item.id, item.name
        self.code = QLabel(f"{item.code}　{label(FEE_KINDS, item.kind)}")
        self.name, self.note = QLineEdit(item.name), QLineEdit(item.note or "")
        self.name.setObjectName("name")
        self.note.setObjectName("note")
        self.sort_key = QSpinBox()
        self.sort_key.setObjectName("sortKey")
        self.sort_key.setRange(0, 99999)
        self.sort_key.setValue(item.sort_key)
        self.inactive = QCheckBox()
        self.inactive.setObjectName("inactive")
        self.inactive.setChecked(not item.active)
        for key, w in (("code", self.code), ("name", self.name), ("sort_key", self.sort_key),
                       ("inactive", self.inactive), ("note", self.note)):
            self.row(key, w)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("修改收费项目：{name}").format(name=self.title))
        for key, text in (("code", tr("编码 / 类别")), ("name", tr("名称(&N)")), ("sort_key", tr("排序号（小的在前）")),
                          ("inactive", tr("停用（新建收费标准时不再列出）")), ("note", tr("备注"))):
            self.labels[key].setText(text)

    def submit(self):
        actor, iid = self.ctx.actor, self.item_id
        changes = dict(name=self.name.text(), sort_key=self.sort_key.value(), active=not self.inactive.isChecked(),
                       note=self.note.text().strip())
        return self.run_write(lambda s: catalog.update_fee_item(s, actor, iid, **changes).code)


class StandardEditDialog(_Dialog):
    """修改收费标准: what does not change the calculation.  Method, target, fee item
    and cycle are shown, not edited; prices change by 新价格版本."""

    def __init__(self, ctx, row, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("standardEditDialog")
        self.setMinimumWidth(480)
        self.standard_id, self.title = row.id, row.name
        self._row = row
        self.fixed = QLabel()
        self.fixed.setObjectName("fixedFields")
        self.fixed.setWordWrap(True)
        self.name, self.note = QLineEdit(row.name), QLineEdit(row.note or "")
        self.name.setObjectName("name")
        self.note.setObjectName("note")
        self.bill_to = EnumCombo(BILL_TO)
        self.bill_to.setObjectName("billTo")
        self.bill_to.set_code(row.bill_to)
        self.due_day, self.due_offset = QSpinBox(), QSpinBox()
        self.due_day.setObjectName("dueDay")
        self.due_day.setRange(1, 31)
        self.due_day.setValue(row.due_day)
        self.due_offset.setObjectName("dueOffset")
        self.due_offset.setRange(0, 12)
        self.due_offset.setValue(row.due_offset_months)
        self.prorate, self.inactive = QCheckBox(), QCheckBox()
        self.prorate.setObjectName("prorate")
        self.prorate.setChecked(row.prorate)
        self.inactive.setObjectName("inactive")
        self.inactive.setChecked(not row.active)
        for key, w in (("fixed", self.fixed), ("name", self.name), ("bill_to", self.bill_to),
                       ("due_day", self.due_day), ("due_offset", self.due_offset), ("prorate", self.prorate),
                       ("inactive", self.inactive), ("note", self.note)):
            self.row(key, w)
        self.hint = self.muted_label(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("修改收费标准：{name}").format(name=self.title))
        r = self._row
        cycle = translated(CYCLE_TEXT[r.cycle_months]) if r.cycle_months in CYCLE_TEXT else str(r.cycle_months)
        self.fixed.setText(f"{r.code}　{r.fee_item}　{label(METHODS, r.method)}　{label(TARGET_KINDS, r.target)}　{cycle}")
        for key, text in (("fixed", tr("编码 / 项目 / 方式")), ("name", tr("名称(&N)")), ("bill_to", tr("缴费人")),
                          ("due_day", tr("应缴日（每月）")), ("due_offset", tr("应缴日推后月数（0 = 当月）")),
                          ("prorate", tr("入住、迁出当月按天折算")),
                          ("inactive", tr("停用（计费时不再收取）")), ("note", tr("备注"))):
            self.labels[key].setText(text)
        self.hint.setText(tr("计费方式、计费对象、收费项目和计费周期不能修改：需要时请新建收费标准并重新分配。"
                             "价格请用「新价格版本」从某月起调整。"))

    def submit(self):
        actor, sid = self.ctx.actor, self.standard_id
        changes = dict(name=self.name.text(), bill_to=self.bill_to.code(), due_day=self.due_day.value(),
                       due_offset_months=self.due_offset.value(), prorate=self.prorate.isChecked(),
                       active=not self.inactive.isChecked(), note=self.note.text().strip())
        return self.run_write(lambda s: catalog.update_standard(s, actor, sid, **changes).code)


def parse_tiers_text(text: str) -> list[Tier] | None:
    """'15:3.50, 25:4.55, :6.10' → tiers (upper bound : price; empty bound = no limit)."""
    text = text.strip().replace("，", ",").replace("：", ":")
    if not text:
        return None
    out = []
    for part in text.split(","):
        upto, _, price = part.partition(":")
        out.append(Tier(Decimal(upto) if upto.strip() else None, Decimal(price.strip())))
    return out


class _PriceFields:
    """The priced fields shared by the standard and version dialogs."""

    def add_price_rows(self, d: _Dialog) -> None:
        self.effective = QLineEdit(str(Period.of(dt.date.today())))
        self.effective.setObjectName("effective")
        self.effective.setInputMask("9999-99")
        self.unit_price, self.amount = DecimalEdit(4, allow_empty=True), DecimalEdit(2, allow_empty=True)
        self.unit_price.setObjectName("unitPrice")
        self.amount.setObjectName("amount")
        self.tiers, self.formula = QLineEdit(), QLineEdit()
        self.tiers.setObjectName("tiers")
        self.formula.setObjectName("formula")
        self.late_rate, self.late_cap = DecimalEdit(6, allow_empty=True), DecimalEdit(4, allow_empty=True)
        self.late_rate.setObjectName("lateRate")
        self.late_cap.setText("1")
        self.grace = QSpinBox()
        self.grace.setRange(0, 365)
        for key, w in (("effective", self.effective), ("unit_price", self.unit_price), ("amount", self.amount),
                       ("tiers", self.tiers), ("formula", self.formula), ("late_rate", self.late_rate),
                       ("grace", self.grace), ("late_cap", self.late_cap)):
            d.row(key, w)

    def price_labels(self, d: _Dialog) -> None:
        for key, text in (("effective", tr("生效账期")), ("unit_price", tr("单价（元）")),
                          ("amount", tr("每月金额（元）")), ("tiers", tr("阶梯（上限:单价，如 15:3.50, 25:4.55, :6.10）")),
                          ("formula", tr("公式（如 建筑面积 * 单价）")), ("late_rate", tr("滞纳金日费率（如 0.0005）")),
                          ("grace", tr("宽限天数")), ("late_cap", tr("滞纳金封顶（本金倍数）"))):
            d.labels[key].setText(text)
        self.formula.setPlaceholderText(tr("可用变量：建筑面积、套内面积、单价、固定金额、月数、计费天数、楼层"))

    def show_for(self, d: _Dialog, method: str) -> None:
        d.set_row_visible("unit_price", method in ("building_area", "inner_area", "shared", "formula", "metered"))
        d.set_row_visible("amount", method in ("fixed", "shared", "formula"))
        d.set_row_visible("tiers", method == "metered")
        d.set_row_visible("formula", method == "formula")

    def checked_version(self) -> VersionInput | None:
        """The version typed in, or None after showing why it cannot be read."""
        try:
            return self.version_input()
        except ValueError as exc:
            self.error.show_error(str(exc))
            return None

    def version_input(self) -> VersionInput:
        try:
            tiers = parse_tiers_text(self.tiers.text())
        except Exception:
            raise ValueError(tr("阶梯格式应为 上限:单价，用逗号分隔，最后一档上限留空")) from None
        return VersionInput(Period.parse(self.effective.text()).first_day, unit_price=self.unit_price.value(),
                            amount=self.amount.value(), tiers=tiers, formula=self.formula.text(),
                            late_daily_rate=self.late_rate.value(), late_grace_days=self.grace.value(),
                            late_cap_ratio=self.late_cap.value())


class StandardDialog(_PriceFields, _Dialog):
    def __init__(self, ctx, fee_items: list[tuple], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("standardDialog")
        self.setMinimumWidth(520)
        self.code, self.name = QLineEdit(), QLineEdit()
        self.code.setObjectName("code")
        self.name.setObjectName("name")
        self.item = QComboBox()
        self.item.setObjectName("feeItem")
        for fid, text in fee_items:
            self.item.addItem(text, fid)
        self.method, self.target, self.bill_to = EnumCombo(METHODS), EnumCombo(TARGET_KINDS), EnumCombo(BILL_TO)
        self.method.setObjectName("method")
        self.cycle = QComboBox()
        for months, name in CYCLES.items():
            self.cycle.addItem(name, months)
        self.due_day = QSpinBox()
        self.due_day.setRange(1, 31)
        self.due_day.setValue(31)
        self.meter_kind, self.share_basis = EnumCombo(METER_KINDS), EnumCombo(SHARE_BASES)
        for key, w in (("code", self.code), ("name", self.name), ("item", self.item), ("method", self.method),
                       ("target", self.target), ("bill_to", self.bill_to), ("cycle", self.cycle),
                       ("due_day", self.due_day), ("meter_kind", self.meter_kind), ("share_basis", self.share_basis)):
            self.row(key, w)
        self.add_price_rows(self)
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self._method_changed()
        self.retranslate()

    def _method_changed(self) -> None:
        m = self.method.code()
        self.show_for(self, m)
        self.set_row_visible("meter_kind", m in ("metered", "shared"))
        self.set_row_visible("share_basis", m == "shared")

    def retranslate(self) -> None:
        self.setWindowTitle(tr("新建收费标准"))
        for key, text in (("code", tr("编码(&C)")), ("name", tr("名称(&N)")), ("item", tr("收费项目")),
                          ("method", tr("计费方式")), ("target", tr("计费对象")), ("bill_to", tr("缴费人")),
                          ("cycle", tr("计费周期")), ("due_day", tr("应缴日（每月）")), ("meter_kind", tr("表类型")),
                          ("share_basis", tr("分摊方式"))):
            self.labels[key].setText(text)
        self.price_labels(self)

    def submit(self):
        version = self.checked_version()
        if version is None:
            return None
        actor = self.ctx.actor
        kw = dict(code=self.code.text(), name=self.name.text(), fee_item=self.item.currentData(),
                  method=self.method.code(), target=self.target.code(), bill_to=self.bill_to.code(),
                  cycle_months=self.cycle.currentData(), anchor_month=1, due_day=self.due_day.value(),
                  meter_kind=self.meter_kind.code() if self.method.code() in ("metered", "shared") else "",
                  share_basis=self.share_basis.code() if self.method.code() == "shared" else "")
        return self.run_write(lambda s: catalog.create_standard(s, actor, version=version, **kw).code)


class VersionDialog(_PriceFields, _Dialog):
    def __init__(self, ctx, standard_id, method: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("versionDialog")
        self.standard_id, self.title = standard_id, title
        self.add_price_rows(self)
        self.effective.setText(str(Period.of(dt.date.today()).add(1)))
        self.show_for(self, method)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("新价格版本：{name}").format(name=self.title))
        self.price_labels(self)

    def submit(self):
        version = self.checked_version()
        if version is None:
            return None
        actor, sid = self.ctx.actor, self.standard_id
        return self.run_write(lambda s: catalog.add_version(s, actor, sid, version).effective_from)


PREVIEW_COLUMNS = [
    Column(tr_noop("房间/对象"), lambda r: r.target_code, width=140),
    Column(tr_noop("原标准"), lambda r: r.before or "—", width=230),
    Column(tr_noop("新标准"), lambda r: r.after or "—"),
]


class ScopePicker(QWidget):
    """范围: 全公司, an estate, building or unit from the list, or one room / parking space by its code.

    ``choice()`` is read on the GUI thread; ``resolve(session, choice)`` turns it into the
    service's (scope_kind, scope_id) inside the worker, so a mistyped code reports there.
    """

    changed = Signal()

    def __init__(self, scopes: list[tuple], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setObjectName("scope")
        self.combo.setMaxVisibleItems(20)
        for kind, sid, text in scopes:
            self.combo.addItem(text, (kind, sid))
        self._by_code = len(scopes)
        for kind in ("room", "space"):
            self.combo.addItem("", (kind, None))      # text set in retranslate
        self.code = QLineEdit()
        self.code.setObjectName("scopeCode")
        lay.addWidget(self.combo)
        lay.addWidget(self.code)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._picked)
        self.code.textChanged.connect(lambda _t: self.changed.emit())
        self._picked()
        self.retranslate()

    def retranslate(self) -> None:
        self.combo.setItemText(self._by_code, tr("指定房间…"))
        self.combo.setItemText(self._by_code + 1, tr("指定车位…"))
        kind = self.combo.currentData()[0]
        self.code.setPlaceholderText(tr("房间编码，如 JD-01-1-0502") if kind == "room" else tr("车位编码，如 JD-P1-001"))

    def _picked(self) -> None:
        by_code = self.combo.currentIndex() >= self._by_code
        self.code.setVisible(by_code)
        if by_code:
            self.retranslate()
            self.code.setFocus()
        self.changed.emit()

    def choice(self) -> tuple:
        kind, sid = self.combo.currentData()
        return kind, sid, self.code.text() if sid is None and kind in ("room", "space") else ""

    @staticmethod
    def resolve(session, choice: tuple) -> dict:
        kind, sid, code = choice
        if sid is None and kind in ("room", "space"):
            kind, sid = catalog.scope_by_code(session, kind, code)
        return dict(scope_kind=kind, scope_id=sid)


def scope_list(session) -> list[tuple]:
    """(kind, id, label) of 全公司, each estate, its buildings and their units, for ScopePicker."""
    units: dict = {}
    for u in session.scalars(select(Unit).where(Unit.deleted_at.is_(None)).order_by(Unit.code)):
        units.setdefault(u.building_id, []).append(u)
    out = [("company", None, tr("全公司"))]
    for e in session.scalars(select(Estate).where(Estate.deleted_at.is_(None)).order_by(Estate.code)):
        out.append(("estate", e.id, f"{e.name} ({e.code})"))
        for b in session.scalars(select(Building).where(Building.estate_id == e.id, Building.deleted_at.is_(None))
                                 .order_by(Building.sort_key, Building.code)):
            out.append(("building", b.id, f"\u3000{e.code}-{b.code} {b.name}"))
            for u in units.get(b.id, ()):
                out.append(("unit", u.id, f"\u3000\u3000{e.code}-{b.code}-{u.code} " + tr("{code}单元").format(code=u.code)))
    return out


class AssignDialog(_Dialog):
    """分配收费标准: scope, usage, first period; 预览 shows who gets what before saving."""

    def __init__(self, ctx, standard_id, title: str, scopes: list[tuple], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("assignDialog")
        self.setMinimumSize(640, 480)
        self.standard_id, self.title = standard_id, title
        self.scope = ScopePicker(scopes)
        self.usage = EnumCombo(ROOM_USAGES, allow_empty=True)
        self.usage.setObjectName("usage")
        self.start = QLineEdit(str(Period.of(dt.date.today())))
        self.start.setObjectName("start")
        self.start.setInputMask("9999-99")
        self.exclude = QCheckBox()
        self.exclude.setObjectName("exclude")
        for key, w in (("scope", self.scope), ("usage", self.usage), ("start", self.start), ("exclude", self.exclude)):
            self.row(key, w)
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.lay.insertWidget(1, self.summary)
        self.model = RowTableModel(PREVIEW_COLUMNS)
        self.table = TableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.lay.insertWidget(2, self.table, 1)
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.scope.changed.connect(lambda: self.ok.setEnabled(False))
        self.usage.currentIndexChanged.connect(lambda _i: self.ok.setEnabled(False))
        self.start.textChanged.connect(lambda _t: self.ok.setEnabled(False))
        self.exclude.toggled.connect(lambda _b: self.ok.setEnabled(False))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("分配收费标准：{name}").format(name=self.title))
        for key, text in (("scope", tr("范围")), ("usage", tr("房间用途（空=全部）")), ("start", tr("起始账期")),
                          ("exclude", tr("排除（此范围不收该项目）"))):
            self.labels[key].setText(text)
        self.preview_button.setText(tr("预览(&V)"))
        self.scope.retranslate()
        self.model.retranslate()

    def _args(self) -> tuple[tuple, dict]:
        return self.scope.choice(), dict(usage=self.usage.code(), start_period=self.start.text(),
                                         exclude=self.exclude.isChecked())

    def preview(self):
        (choice, args), actor, sid = self._args(), self.ctx.actor, self.standard_id
        self.error.clear_error()
        op = self.ctx.tasks.read(
            lambda s: catalog.preview_assignment(s, actor, sid, **ScopePicker.resolve(s, choice), **args),
            parent=self, key=f"assign-preview-{id(self)}")
        op.success(self._show).failure(self._failed)
        op.run()
        return op

    def _show(self, pv) -> None:
        self.model.set_rows(pv.rows)
        self.summary.setText(tr("{item}：新增 {g}，改变 {c}，取消 {l}，不变 {u}").format(
            item=pv.fee_item, g=pv.gained, c=pv.changed, l=pv.lost, u=pv.unchanged))
        self.ok.setEnabled(True)

    def submit(self):
        (choice, args), actor, sid = self._args(), self.ctx.actor, self.standard_id
        return self.run_write(lambda s: catalog.assign(s, actor, sid, **ScopePicker.resolve(s, choice), **args).id)
