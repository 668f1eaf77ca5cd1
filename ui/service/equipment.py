"""设备与保养: the equipment ledger with each piece's history, the maintenance plans
with their next due date, 生成到期工单, and the overdue list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from propdesk.money import fmt
from propdesk.security import EQUIPMENT_MANAGE, WORKORDER_CREATE
from propdesk.services.service_desk import equipment as eq, maintenance as mt, workorders as wo
from propdesk.services.service_desk.codes import (
    EQUIPMENT_KINDS, EQUIPMENT_STATUSES, FREQUENCIES, RECORD_KINDS, STATES, URGENCIES,
)
from ui.i18n import label, tr, tr_noop
from ui.service.forms import (
    DONE, OVERDUE, WARN, FormDialog, OptionalDateField, find_data, text_edit,
)
from ui.tasks import Changes, show_info
from ui.widgets.base import Screen
from ui.widgets.fields import DateField, DecimalEdit, EnumCombo
from ui.widgets.table import Column, RowTableModel, TableView

CHANGES = Changes.of(entities=["equipment", "maintenance_plan"])


def _warranty(e) -> str:
    if e.warranty_until is None:
        return ""
    return tr("保修中") if eq.in_warranty(e, dt.date.today()) else tr("已过保")


def _period(v) -> str:
    frequency, every = v
    if every == 1:
        return label(FREQUENCIES, frequency)
    text = {"week": tr("每 {n} 周"), "month": tr("每 {n} 个月"), "quarter": tr("每 {n} 季度"),
            "year": tr("每 {n} 年")}[frequency]
    return text.format(n=every)


EQUIPMENT_COLUMNS = [
    Column(tr_noop("设备编号"), lambda e: e.code, width=80),
    Column(tr_noop("设备名称"), lambda e: e.name, width=110),
    Column(tr_noop("类别"), lambda e: e.kind, text=lambda v: label(EQUIPMENT_KINDS, v), width=70),
    Column(tr_noop("位置"), lambda e: e.location, width=105),
    Column(tr_noop("型号"), lambda e: e.model, width=80),
    Column(tr_noop("供应商"), lambda e: e.supplier, width=110),
    Column(tr_noop("安装日期"), lambda e: e.install_date, width=85),
    Column(tr_noop("保修期至"), lambda e: e.warranty_until, width=85),
    Column(tr_noop("保修"), lambda e: e, text=_warranty, width=55),   # a label: fits its text
    Column(tr_noop("状态"), lambda e: e.status, text=lambda v: label(EQUIPMENT_STATUSES, v),
           color=lambda e: OVERDUE if e.status in ("fault", "repairing") else
           DONE if e.status in ("stopped", "scrapped") else None),
]
HISTORY_COLUMNS = [
    Column(tr_noop("日期"), lambda h: h.done_on, width=85),
    Column(tr_noop("类别"), lambda h: h.kind, text=lambda v: label(RECORD_KINDS, v), width=50),
    Column(tr_noop("工作内容"), lambda h: h.content, width=220, tooltip=lambda h: h.content),
    Column(tr_noop("结果"), lambda h: h.result, width=160, tooltip=lambda h: h.result),
    Column(tr_noop("执行人"), lambda h: h.performed_by, width=80),
    Column(tr_noop("维保费用"), lambda h: fmt(h.cost), align="right", width=70),
    Column(tr_noop("工单"), lambda h: h.work_order_no),
]
PLAN_COLUMNS = [
    Column(tr_noop("设备"), lambda r: f"{r.equipment_code} {r.equipment_name}", width=150),
    Column(tr_noop("计划名称"), lambda r: r.plan.title, width=140),
    Column(tr_noop("周期"), lambda r: (r.plan.frequency, r.plan.every), text=_period, width=70),
    Column(tr_noop("保养内容"), lambda r: r.plan.content, width=200,
           tooltip=lambda r: r.plan.content),
    Column(tr_noop("责任岗位"), lambda r: r.plan.post, width=80),
    Column(tr_noop("负责人"), lambda r: r.assignee_name, width=70),
    Column(tr_noop("下次保养"), lambda r: r.next_due, width=85),
    Column(tr_noop("上次保养"), lambda r: r.last_done, width=85),
    Column(tr_noop("未完工单"), lambda r: r.open_orders, width=60),
    Column(tr_noop("逾期"), lambda r: r.overdue,
           color=lambda r: OVERDUE if r.overdue else None),
]
OVERDUE_COLUMNS = [
    Column(tr_noop("应保养日期"), lambda r: r.due, width=90, color=lambda r: OVERDUE),
    Column(tr_noop("逾期天数"), lambda r: r.days_late, width=60, color=lambda r: OVERDUE),
    Column(tr_noop("设备"), lambda r: f"{r.equipment_code} {r.equipment_name}", width=150),
    Column(tr_noop("位置"), lambda r: r.location, width=120),
    Column(tr_noop("计划名称"), lambda r: r.plan_title, width=140),
    Column(tr_noop("工单"), lambda r: r.order_no or tr("未生成"), width=170,
           color=lambda r: None if r.order_no else WARN),
    Column(tr_noop("状态"), lambda r: r.state, text=lambda v: label(STATES, v) if v else ""),
]


def equipment_dialog(ctx, estate_choices, parent=None, e=None) -> FormDialog:
    """新增设备 or 修改设备 (``e``)."""
    actor = ctx.actor
    code = QLineEdit(e.code if e else "")
    code.setReadOnly(e is not None)
    kind, status = EnumCombo(EQUIPMENT_KINDS), EnumCombo(EQUIPMENT_STATUSES)
    estate = QComboBox()
    estate.addItem("", None)
    for eid, name in estate_choices:
        estate.addItem(name, eid)
    install, warranty = OptionalDateField(), OptionalDateField()
    fields = [("code", tr_noop("设备编号"), code), ("name", tr_noop("设备名称"), QLineEdit()),
              ("kind", tr_noop("设备类别"), kind), ("estate_id", tr_noop("小区"), estate),
              ("location", tr_noop("位置"), QLineEdit()), ("model", tr_noop("型号"), QLineEdit()),
              ("manufacturer", tr_noop("生产厂家"), QLineEdit()),
              ("supplier", tr_noop("供应商"), QLineEdit()),
              ("supplier_phone", tr_noop("供应商电话"), QLineEdit()),
              ("serial_no", tr_noop("出厂编号"), QLineEdit()),
              ("install_date", tr_noop("安装日期"), install),
              ("warranty_until", tr_noop("保修期至"), warranty),
              ("status", tr_noop("状态"), status), ("note", tr_noop("备注"), text_edit(48))]
    if e is not None:
        for key, _t, w in fields:
            v = getattr(e, key)
            if isinstance(w, EnumCombo):
                w.set_code(v)
            elif isinstance(w, DateField):
                w.set_date(v or OptionalDateField.NONE)
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(0, find_data(w, v)))
            elif isinstance(w, QLineEdit):
                w.setText(v or "")
            else:
                w.setPlainText(v or "")

    def work(s, v):
        if e is None:
            return eq.create_equipment(s, actor, **v)
        v.pop("code")
        return eq.update_equipment(s, actor, e.id, **v)
    return FormDialog(ctx, tr_noop("新增设备") if e is None else tr_noop("修改设备"), fields, work,
                      changes=CHANGES, parent=parent, object_name="equipmentDialog",
                      hints={"code": tr_noop("如 DT-01（电梯1号）"),
                             "location": tr_noop("如 1栋电梯井、地下一层水泵房")})


def record_dialog(ctx, e, parent=None) -> FormDialog:
    """保养/维修记录 done outside a work order (e.g. the lift contractor's visit)."""
    actor = ctx.actor
    fields = [("kind", tr_noop("记录类别"), EnumCombo(RECORD_KINDS)),
              ("done_on", tr_noop("日期"), DateField()),
              ("content", tr_noop("工作内容"), text_edit(64)),
              ("result", tr_noop("结果"), text_edit(48)),
              ("performed_by", tr_noop("执行人"), QLineEdit()),
              ("cost", tr_noop("维保费用"), DecimalEdit(2))]
    return FormDialog(ctx, tr_noop("保养/维修记录"), fields,
                      lambda s, v: eq.add_record(s, actor, e.id, kind=v["kind"],
                                                 done_on=v["done_on"], content=v["content"],
                                                 result=v["result"],
                                                 performed_by=v["performed_by"],
                                                 cost=v["cost"] if v["cost"] is not None else 0),
                      changes=CHANGES, parent=parent, object_name="recordDialog")


def plan_dialog(ctx, equipment_rows, engineers, parent=None) -> FormDialog:
    actor = ctx.actor
    equip = QComboBox()
    for e in equipment_rows:
        equip.addItem(f"{e.code} {e.name}", e.id)
    who = QComboBox()
    who.addItem("", None)
    for op in engineers:
        who.addItem(op.display_name or op.username, op.id)
    freq = EnumCombo(FREQUENCIES)
    freq.set_code("month")
    every = QSpinBox()
    every.setRange(1, 24)
    fields = [("equipment", tr_noop("设备"), equip), ("title", tr_noop("计划名称"), QLineEdit()),
              ("frequency", tr_noop("保养周期"), freq), ("every", tr_noop("间隔"), every),
              ("start_date", tr_noop("首次保养日期"), DateField()),
              ("content", tr_noop("保养内容"), text_edit(64)),
              ("post", tr_noop("责任岗位"), QLineEdit()),
              ("assignee", tr_noop("负责人"), who)]
    return FormDialog(ctx, tr_noop("新增保养计划"), fields,
                      lambda s, v: mt.create_plan(s, actor, v["equipment"], title=v["title"],
                                                  frequency=v["frequency"], every=v["every"],
                                                  start_date=v["start_date"],
                                                  content=v["content"], post=v["post"],
                                                  assignee_id=v["assignee"]),
                      changes=CHANGES, parent=parent, object_name="planDialog",
                      intro=tr_noop("间隔：每几个周期保养一次，如 电梯半月保养 = 周期“周”、间隔 2。"),
                      hints={"title": tr_noop("如 1号电梯半月保养"),
                             "post": tr_noop("如 电工、水工、电梯维保单位")})


class EquipmentScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = None
        self.equipment_rows: list = []
        self.estates: list = []
        self.engineers: list = []
        edit = ctx.can(EQUIPMENT_MANAGE)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        lay.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("equipmentTabs")
        lay.addWidget(self.tabs, 1)
        # 设备台账
        page = QWidget()
        pl = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.add_button, self.edit_button, self.record_button, self.repair_button = (
            QPushButton(), QPushButton(), QPushButton(), QPushButton())
        self.add_button.setObjectName("addEquipment")
        self.edit_button.setObjectName("editEquipment")
        self.record_button.setObjectName("addRecord")
        self.repair_button.setObjectName("reportRepair")
        bar.addWidget(self.search, 1)
        for b in (self.add_button, self.edit_button, self.record_button):
            b.setVisible(edit)
            bar.addWidget(b)
        self.repair_button.setVisible(ctx.can(WORKORDER_CREATE))
        bar.addWidget(self.repair_button)
        pl.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        self.equipment = RowTableModel(EQUIPMENT_COLUMNS)
        self.equipment_table = TableView(export_title=tr_noop("设备台账"))
        self.equipment_table.setObjectName("equipmentTable")
        self.equipment_table.set_context(ctx)
        self.equipment_table.setModel(self.equipment)
        split.addWidget(self.equipment_table)
        hist = QWidget()
        hl = QVBoxLayout(hist)
        hl.setContentsMargins(0, 6, 0, 0)
        self.history_title = QLabel()
        self.history_title.setObjectName("sectionTitle")
        hl.addWidget(self.history_title)
        self.history = RowTableModel(HISTORY_COLUMNS)
        self.history_table = TableView(export_title=tr_noop("维保记录"))
        self.history_table.setObjectName("historyTable")
        self.history_table.set_context(ctx)
        self.history_table.setModel(self.history)
        hl.addWidget(self.history_table)
        split.addWidget(hist)
        split.setSizes([380, 240])
        pl.addWidget(split, 1)
        self.tabs.addTab(page, "")
        # 保养计划
        page = QWidget()
        pl = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.as_of_label = QLabel()
        self.as_of = DateField()
        self.as_of.setObjectName("asOf")
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("primary")
        self.generate_button.setVisible(ctx.can(WORKORDER_CREATE))
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("addPlan")
        self.plan_button.setVisible(edit)
        bar.addWidget(self.as_of_label)
        bar.addWidget(self.as_of)
        bar.addWidget(self.generate_button)
        bar.addStretch(1)
        bar.addWidget(self.plan_button)
        pl.addLayout(bar)
        self.plans = RowTableModel(PLAN_COLUMNS)
        self.plan_table = TableView(export_title=tr_noop("保养计划"))
        self.plan_table.setObjectName("planTable")
        self.plan_table.set_context(ctx)
        self.plan_table.setModel(self.plans)
        pl.addWidget(self.plan_table, 1)
        self.tabs.addTab(page, "")
        # 逾期保养
        page = QWidget()
        pl = QVBoxLayout(page)
        self.overdue_hint = QLabel()
        self.overdue_hint.setObjectName("muted")
        pl.addWidget(self.overdue_hint)
        self.overdue = RowTableModel(OVERDUE_COLUMNS)
        self.overdue_table = TableView(export_title=tr_noop("逾期保养"))
        self.overdue_table.setObjectName("overdueTable")
        self.overdue_table.set_context(ctx)
        self.overdue_table.setModel(self.overdue)
        pl.addWidget(self.overdue_table, 1)
        self.tabs.addTab(page, "")
        self.search.returnPressed.connect(self.refresh)
        self.add_button.clicked.connect(lambda: self.edit_equipment(None))
        self.edit_button.clicked.connect(lambda: self.edit_equipment(self.selected()))
        self.equipment_table.row_activated.connect(self.edit_equipment)
        self.record_button.clicked.connect(self.add_record)
        self.repair_button.clicked.connect(self.report_repair)
        self.generate_button.clicked.connect(self.generate)
        self.plan_button.clicked.connect(self.add_plan)
        self.as_of.dateChanged.connect(self.refresh)
        self.equipment_table.selectionModel().currentRowChanged.connect(self._load_history)
        ctx.tasks.changed.connect(self._on_changes)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("设备与保养"))
        for i, t in enumerate((tr("设备台账"), tr("保养计划"), tr("逾期保养"))):
            self.tabs.setTabText(i, t)
        self.search.setPlaceholderText(tr("编号、名称、位置、型号或供应商，回车查询"))
        self.add_button.setText(tr("新增设备(&N)…"))
        self.edit_button.setText(tr("修改(&E)…"))
        self.record_button.setText(tr("登记维保记录(&R)…"))
        self.repair_button.setText(tr("设备报修(&B)…"))
        self.history_title.setText(tr("维保记录"))
        self.as_of_label.setText(tr("截至"))
        self.generate_button.setText(tr("生成到期保养工单"))
        self.plan_button.setText(tr("新增保养计划…"))
        self.overdue_hint.setText(tr("截至 {day} 应保养而未完成的项目，共 {n} 项").format(
            day=self.as_of.date_value().isoformat(), n=self.overdue.rowCount()))

    def selected(self):
        return self.equipment_table.selected_row()

    # -- loading ------------------------------------------------------------------------------
    def refresh(self):
        actor, text, as_of = self.ctx.actor, self.search.text().strip(), self.as_of.date_value()

        def work(s):
            from propdesk.models import Estate
            from sqlalchemy import select

            estates = [(i, n) for i, n in s.execute(select(Estate.id, Estate.name).where(
                Estate.deleted_at.is_(None)).order_by(Estate.code))]
            return (eq.list_equipment(s, actor, text=text), mt.plan_rows(s, actor, as_of=as_of),
                    mt.overdue(s, actor, as_of), estates, wo.engineers(s, actor))
        return self.ctx.tasks.read(work, parent=self, key=f"equipment-{id(self)}") \
            .success(self._show).run()

    def _show(self, result) -> None:
        rows, plans, overdue, self.estates, self.engineers = result
        keep = self.selected()
        self.equipment_rows = rows
        self.equipment.set_rows(rows)
        ids = [e.id for e in rows]
        if keep is not None and keep.id in ids:
            self.equipment_table.selectRow(ids.index(keep.id))
        elif rows:
            self.equipment_table.selectRow(0)
        self.plans.set_rows(plans)
        self.overdue.set_rows(overdue)
        self.retranslate()

    def _load_history(self, index) -> None:
        if not index.isValid() or index.row() >= self.equipment.rowCount():
            self.history.set_rows([])
            return
        e, actor = self.equipment.row(index.row()), self.ctx.actor
        self.ctx.tasks.read(lambda s: eq.history(s, actor, e.id), parent=self,
                            key=f"equipment-history-{id(self)}") \
            .success(self.history.set_rows).run()

    def _on_changes(self, changes: Changes) -> None:
        if (changes.touches("equipment") or changes.touches("work_order")) and self.isVisible():
            self.refresh()

    def activated(self) -> None:
        self.refresh()

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dlg):
        self.dialog = dlg
        dlg.open()
        return dlg

    def edit_equipment(self, e=None):
        return self._open(equipment_dialog(self.ctx, self.estates, self, e))

    def add_record(self):
        e = self.selected()
        return self._open(record_dialog(self.ctx, e, self)) if e is not None else None

    def add_plan(self):
        return self._open(plan_dialog(self.ctx, self.equipment_rows, self.engineers, self))

    def report_repair(self):
        """设备报修: a public-area order about the selected equipment."""
        e = self.selected()
        if e is None:
            return None
        from propdesk.services.service_desk.maintenance import CATEGORY_FOR_KIND

        actor = self.ctx.actor
        urgency = EnumCombo({k: v for k, v in URGENCIES.items() if k != "planned"})
        urgency.set_code("urgent")
        dlg = FormDialog(self.ctx, tr_noop("设备报修"), [
            ("description", tr_noop("故障现象"), text_edit(72)),
            ("urgency", tr_noop("紧急程度"), urgency)],
            lambda s, v: wo.create_order(s, actor, kind="public", equipment_id=e.id,
                                         category=CATEGORY_FOR_KIND.get(e.kind, "facility"),
                                         description=v["description"], urgency=v["urgency"]),
            changes=Changes.of(entities=["work_order", "equipment"]), parent=self,
            object_name="equipmentRepairDialog")
        return self._open(dlg)

    def generate(self):
        actor, as_of = self.ctx.actor, self.as_of.date_value()
        return self.ctx.tasks.write(lambda s: mt.generate_due(s, actor, as_of), parent=self,
                                    changes=Changes.of(entities=["work_order", "equipment"])) \
            .success(lambda made: show_info(self, tr("已生成保养工单 {n} 张").format(n=len(made))
                                            if made else tr("没有到期未生成的保养"),
                                            tr("生成到期保养工单"))).run()

    def current_table(self):
        return [self.equipment_table, self.plan_table, self.overdue_table][self.tabs.currentIndex()]
