"""审计日志: who changed what and when, searchable, with before/after values side by side."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from propdesk.models.enums import (
    OCCUPANT_ROLES, OWNERSHIP_TYPES, ROOM_STATUSES, ROOM_USAGES,
)
from propdesk.security import ROLES
from propdesk.services.audit import AuditQuery, search
from ui.i18n import label, tr, tr_noop, translated
from ui.widgets.base import Screen
from ui.widgets.fields import DateField
from ui.widgets.table import Column, RowTableModel, TableView

ACTIONS = {
    "create": tr_noop("新建"), "update": tr_noop("修改"), "delete": tr_noop("删除"),
    "move_in": tr_noop("入住"), "move_out": tr_noop("迁出"), "transfer": tr_noop("过户"),
    "login": tr_noop("登录"), "lockout": tr_noop("账户锁定"), "unlock": tr_noop("解锁"),
    "password": tr_noop("修改密码"), "generate": tr_noop("批量生成"), "demo": tr_noop("演示数据"),
    "role": tr_noop("修改角色"), "enable": tr_noop("启用"), "disable": tr_noop("停用"),
    "import": tr_noop("导入"), "export": tr_noop("导出"),
    # billing, cashier, cards
    "bill_run": tr_noop("应收计算"), "charge": tr_noop("计费"), "adjust": tr_noop("调整"),
    "reverse": tr_noop("冲销"), "prepay_bonus": tr_noop("预存赠送"), "dunning": tr_noop("催缴"),
    "reading": tr_noop("抄表"), "readings": tr_noop("批量抄表"), "replace": tr_noop("更换"),
    "collect": tr_noop("收款"), "uncollect": tr_noop("撤回待收"), "void": tr_noop("作废"),
    "refund": tr_noop("退款"), "reprint": tr_noop("补打"), "open": tr_noop("开班"),
    "close": tr_noop("关闭"), "approve": tr_noop("审批"),
    "issue": tr_noop("发卡"), "renew": tr_noop("延期"), "lost": tr_noop("挂失"),
    "publish": tr_noop("发布名单"),
    # service desk: work orders, complaints, stock
    "dispatch": tr_noop("派工"), "start": tr_noop("开始处理"), "finish": tr_noop("完工"),
    "visit": tr_noop("回访"), "rework": tr_noop("返修"), "suspend": tr_noop("挂起"),
    "resume": tr_noop("恢复"), "cancel": tr_noop("取消"), "labour": tr_noop("工时费"),
    "route": tr_noop("转派"), "reply": tr_noop("回复"), "reopen": tr_noop("重新处理"),
    "handling": tr_noop("登记处理情况"), "in": tr_noop("入库"), "out": tr_noop("领料"),
    "return": tr_noop("返库"), "reversal": tr_noop("冲销"), "stocktake": tr_noop("盘点"),
    "stock_override": tr_noop("允许负库存"),
    # synchronisation
    "conflict_accept": tr_noop("保留当前值"), "conflict_reapply": tr_noop("恢复被覆盖值"),
    "alarm_ack": tr_noop("确认告警"),
}
ENTITIES = {
    "room": tr_noop("房间"), "customer": tr_noop("客户"), "occupancy": tr_noop("入住记录"),
    "vehicle": tr_noop("车辆"), "operator": tr_noop("操作员"), "company": tr_noop("公司"),
    "region": tr_noop("区域"), "estate": tr_noop("小区"), "building": tr_noop("楼栋"),
    "unit": tr_noop("单元"), "family_member": tr_noop("家庭成员"), "pet": tr_noop("宠物"),
    "parking_space": tr_noop("车位"), "parking_lot": tr_noop("停车场"),
    # billing
    "fee_item": tr_noop("收费项目"), "fee_standard": tr_noop("收费标准"),
    "fee_standard_version": tr_noop("收费标准价格"), "fee_assignment": tr_noop("收费标准分配"),
    "discount_rule": tr_noop("优惠规则"), "bill_run": tr_noop("应收计算"),
    "bill_line": tr_noop("应收明细"), "period_close": tr_noop("月结"),
    "meter": tr_noop("仪表"), "meter_reading": tr_noop("抄表读数"),
    "deposit": tr_noop("押金"), "prepayment": tr_noop("预存款"), "balance_import": tr_noop("期初欠费"),
    # cashier
    "cashier_payment": tr_noop("收款"), "cashier_receipt": tr_noop("收据"),
    "cashier_shift": tr_noop("收费班次"), "cashier_receipt_layout": tr_noop("收据格式"),
    # gate cards
    "gate_card": tr_noop("门禁卡"), "card_charge": tr_noop("卡费用"), "card_list": tr_noop("门禁名单"),
    "card_tariff": tr_noop("卡收费设置"), "parking_rate": tr_noop("临时停车收费"),
    "card_secrets": tr_noop("门禁卡密钥"),
    # service desk
    "work_order": tr_noop("工单"), "complaint": tr_noop("投诉"), "equipment": tr_noop("设备"),
    "equipment_record": tr_noop("设备记录"), "maintenance_plan": tr_noop("保养计划"),
    "stock_item": tr_noop("物料"), "stock_movement": tr_noop("出入库单"), "stocktake": tr_noop("盘点"),
    # terminal and synchronisation
    "local_setting": tr_noop("终端设置"), "sync_conflict": tr_noop("同步冲突"),
    "sync_alarm": tr_noop("同步告警"),
}
FIELDS = {
    "code": tr_noop("编码"), "name": tr_noop("名称"), "number": tr_noop("房号"),
    "floor": tr_noop("楼层"), "building_area": tr_noop("建筑面积"),
    "inner_area": tr_noop("套内面积"), "layout": tr_noop("户型"), "orientation": tr_noop("朝向"),
    "usage": tr_noop("用途"), "status": tr_noop("状态"), "ownership_type": tr_noop("权属类型"),
    "note": tr_noop("备注"), "phone": tr_noop("手机"), "id_number": tr_noop("证件号码"),
    "id_type": tr_noop("证件类型"), "gender": tr_noop("性别"), "kind": tr_noop("类别"),
    "role": tr_noop("身份/角色"), "start_date": tr_noop("开始日期"), "end_date": tr_noop("结束日期"),
    "end_reason": tr_noop("结束原因"), "plate": tr_noop("车牌号"), "brand": tr_noop("品牌"),
    "model": tr_noop("型号"), "color": tr_noop("颜色"), "username": tr_noop("用户名"),
    "display_name": tr_noop("姓名"), "count": tr_noop("数量"), "first": tr_noop("第一间"),
    "last": tr_noop("最后一间"), "pattern": tr_noop("编码规则"),
}
# coded values shown by their label in the before/after table
VALUE_LABELS = {"status": ROOM_STATUSES, "usage": ROOM_USAGES, "ownership_type": OWNERSHIP_TYPES}


def local_time(utc: dt.datetime) -> dt.datetime:
    """Audit stamps are naive UTC; show them in the terminal's local time."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def _value_text(key: str, value) -> str:
    if value is None:
        return ""
    if key in VALUE_LABELS and isinstance(value, str):
        return label(VALUE_LABELS[key], value)
    if key == "role" and isinstance(value, str):
        return label(OCCUPANT_ROLES if value in OCCUPANT_ROLES else ROLES, value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def change_rows(before: str, after: str) -> list[tuple[str, str, str]]:
    """(field label, before, after) for every key in either JSON document."""
    b = json.loads(before) if before else {}
    a = json.loads(after) if after else {}
    keys = list(dict.fromkeys([*b.keys(), *a.keys()]))
    return [(_field_text(k), _value_text(k, b.get(k)), _value_text(k, a.get(k))) for k in keys]


def _field_text(key: str) -> str:
    # counts by table (批量生成, 演示数据) use table names as keys
    name = FIELDS.get(key) or ENTITIES.get(key)
    return translated(name) if name else key


COLUMNS = [
    Column(tr_noop("时间"), lambda r: local_time(r.created_at), width=140),
    Column(tr_noop("操作员"), lambda r: r.operator_name, width=110),
    Column(tr_noop("操作"), lambda r: r.action, text=lambda v: translated(ACTIONS.get(v, v)), width=80),
    Column(tr_noop("对象"), lambda r: r.entity, text=lambda v: translated(ENTITIES.get(v, v)), width=80),
    Column(tr_noop("摘要"), lambda r: r.summary, width=420),
    Column(tr_noop("终端"), lambda r: r.terminal, width=60),
    Column(tr_noop("对象编号"), lambda r: r.entity_id),
]


class AuditLogScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        lay.addWidget(self.heading)
        filters = QGridLayout()
        filters.setHorizontalSpacing(10)
        self.text = QLineEdit()
        self.text.setObjectName("auditText")
        self.text.setClearButtonEnabled(True)
        self.entity = QComboBox()
        self.entity.setObjectName("auditEntity")
        self.operator = QLineEdit()
        self.operator.setObjectName("auditOperator")
        today = dt.date.today()
        self.since = DateField(value=today - dt.timedelta(days=30))
        self.since.setObjectName("auditSince")
        self.until = DateField(value=today)
        self.until.setObjectName("auditUntil")
        self.search_button = QPushButton()
        self.search_button.setObjectName("primary")
        self.labels = [QLabel() for _ in range(5)]
        widgets = [self.text, self.entity, self.operator, self.since, self.until]
        for i, (lbl, w) in enumerate(zip(self.labels, widgets)):
            lbl.setBuddy(w)
            filters.addWidget(lbl, 0, i * 2)
            filters.addWidget(w, 0, i * 2 + 1)
        filters.addWidget(self.search_button, 0, 10)
        filters.setColumnStretch(1, 3)
        filters.setColumnStretch(5, 1)
        lay.addLayout(filters)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("审计日志"))
        self.table.setObjectName("auditTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        split.addWidget(self.table)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 6, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("sectionTitle")
        dl.addWidget(self.detail_title)
        self.changes = QTableWidget(0, 3)
        self.changes.setObjectName("auditChanges")
        self.changes.verticalHeader().setVisible(False)
        self.changes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.changes.setWordWrap(True)
        dl.addWidget(self.changes)
        split.addWidget(detail)
        split.setSizes([420, 220])
        lay.addWidget(split, 1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        lay.addWidget(self.count)
        self.search_button.clicked.connect(self.run_query)
        self.text.returnPressed.connect(self.run_query)
        self.operator.returnPressed.connect(self.run_query)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self._fill_entities()
        self.retranslate()
        self._loaded_once = False

    def _fill_entities(self) -> None:
        current = self.entity.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem(tr("全部"), "")
        for code, name in ENTITIES.items():
            self.entity.addItem(translated(name), code)
        self.entity.setCurrentIndex(max(0, self.entity.findData(current or "")))
        self.entity.blockSignals(False)

    def retranslate(self) -> None:
        self.heading.setText(tr("审计日志"))
        for lbl, t in zip(self.labels, (tr("关键字(&K)"), tr("对象(&B)"), tr("操作员(&O)"),
                                        tr("从(&M)"), tr("至(&T)"))):
            lbl.setText(t)
        self.text.setPlaceholderText(tr("摘要、编号或修改内容中的文字"))
        self.search_button.setText(tr("查询(&Q)"))
        self.detail_title.setText(tr("修改内容"))
        self.changes.setHorizontalHeaderLabels([tr("字段"), tr("修改前"), tr("修改后")])
        self._fill_entities()
        self.count.setText(tr("共 {n} 条（最多显示 {limit} 条）").format(
            n=self.model.rowCount(), limit=AuditQuery.limit))
        self._show_detail(self.table.currentIndex())

    def query(self) -> AuditQuery:
        def utc(d: dt.date) -> dt.datetime:
            local = dt.datetime.combine(d, dt.time()).astimezone()
            return local.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return AuditQuery(text=self.text.text().strip(), entity=self.entity.currentData() or "",
                          operator=self.operator.text().strip(),
                          since=utc(self.since.date_value()),
                          until=utc(self.until.date_value() + dt.timedelta(days=1)))

    def run_query(self):
        q, actor = self.query(), self.ctx.actor
        self.search_button.setEnabled(False)
        return self.ctx.tasks.read(lambda s: search(s, actor, q), parent=self, key="audit") \
            .success(self._show).finally_(lambda: self.search_button.setEnabled(True)).run()

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        else:
            self.changes.setRowCount(0)
        self.retranslate()

    def _show_detail(self, index) -> None:
        row = self.model.row(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None
        if row is None:
            self.changes.setRowCount(0)
            return
        rows = change_rows(row.before, row.after)
        self.changes.setRowCount(len(rows))
        for r, (field, b, a) in enumerate(rows):
            items = [QTableWidgetItem(field), QTableWidgetItem(b), QTableWidgetItem(a)]
            if b != a and b:
                items[1].setForeground(QColor("#C0392B"))
            if b != a:
                items[2].setForeground(QColor("#2E8B57"))
            for c, it in enumerate(items):
                it.setToolTip(it.text())
                self.changes.setItem(r, c, it)
        self.changes.resizeRowsToContents()

    def current_table(self):
        return self.table

    def activated(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.run_query()
