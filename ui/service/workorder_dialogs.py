"""The forms of a work order's life: 受理, 派工, 领料/退料, 完工, 回访, and the reasons
for 挂起, 取消 and 返修."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from propdesk.security import STOCK_OVERRIDE
from propdesk.services.customers import room_owner
from propdesk.services.property import room_by_code
from propdesk.services.service_desk import stock, workorders as wo
from propdesk.services.service_desk.codes import (
    CATEGORIES, SATISFACTION, SOURCES, URGENCIES, WORK_ORDER_KINDS,
)
from ui.i18n import label, tr, tr_noop
from ui.service.forms import FormDialog, datetime_edit, text_edit
from ui.tasks import Changes
from ui.widgets.fields import DecimalEdit, EnumCombo

INTAKE_KINDS = {k: v for k, v in WORK_ORDER_KINDS.items() if k != "maintenance"}
INTAKE_SOURCES = {k: v for k, v in SOURCES.items() if k != "plan"}


def order_changes(order_id: uuid.UUID | None = None, room_id: uuid.UUID | None = None,
                  *more: str) -> Changes:
    return Changes.of(rooms=[room_id] if room_id else [], entities=["work_order", *more])


class IntakeDialog(FormDialog):
    """受理报修: a room's repair (the owner fills in reporter and phone) or public-area work."""

    def __init__(self, ctx, parent: QWidget | None = None, *, room_code: str = "",
                 kind: str = "repair") -> None:
        self.kind = EnumCombo(INTAKE_KINDS)
        self.room = QLineEdit(room_code)
        self.location = QLineEdit()
        self.reporter = QLineEdit()
        self.contact = QLineEdit()
        self.category = EnumCombo(CATEGORIES)
        self.urgency = EnumCombo(URGENCIES)
        self.source = EnumCombo(INTAKE_SOURCES)
        self.has_appointment = QCheckBox()
        self.appointment = datetime_edit(dt.datetime.now().replace(minute=0, second=0,
                                                                   microsecond=0)
                                         + dt.timedelta(hours=2))
        self.description = text_edit(84)
        self.chargeable = QCheckBox()
        self.owner = QLabel()
        self.owner.setObjectName("muted")
        self.due = QLabel()
        self.due.setObjectName("muted")
        actor = ctx.actor

        def work(s, v):
            room_id = room_by_code(s, actor, v["room"]).id if v["room"] and v["kind"] == "repair" \
                else None
            return wo.create_order(
                s, actor, kind=v["kind"], room_id=room_id, location=v["location"],
                reporter=v["reporter"], contact=v["contact"], category=v["category"],
                urgency=v["urgency"], source=v["source"], description=v["description"],
                appointment_at=v["appointment"] if v["has_appointment"] else None,
                chargeable=v["chargeable"] and v["kind"] == "repair")
        super().__init__(ctx, tr_noop("受理报修"), [
            ("kind", tr_noop("工单类型"), self.kind),
            ("room", tr_noop("房间"), self.room),
            ("owner_info", tr_noop("业主"), self.owner),
            ("location", tr_noop("位置"), self.location),
            ("reporter", tr_noop("报修人"), self.reporter),
            ("contact", tr_noop("联系电话"), self.contact),
            ("category", tr_noop("报修类别"), self.category),
            ("urgency", tr_noop("紧急程度"), self.urgency),
            ("source", tr_noop("来源"), self.source),
            ("has_appointment", tr_noop("预约上门"), self.has_appointment),
            ("appointment", tr_noop("预约时间"), self.appointment),
            ("description", tr_noop("报修内容"), self.description),
            ("chargeable", tr_noop("有偿维修"), self.chargeable),
            ("due_info", tr_noop("完成时限"), self.due),
        ], work, changes=order_changes(), parent=parent, object_name="intakeDialog",
            hints={"room": tr_noop("如 JD-01-1-0502，输入后回车"),
                   "location": tr_noop("公区位置，如 3栋大堂、地下车库B区"),
                   "reporter": tr_noop("默认为业主"), "contact": tr_noop("默认为业主电话"),
                   "description": tr_noop("什么坏了、在哪里、现象")})
        self.setMinimumWidth(520)
        self.kind.set_code(kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.urgency.set_code("normal")
        self.room.editingFinished.connect(self.look_up_room)
        self.has_appointment.toggled.connect(self.appointment.setEnabled)
        self.has_appointment.toggled.connect(self.update_due)
        self.appointment.dateTimeChanged.connect(self.update_due)
        self.urgency.currentIndexChanged.connect(self.update_due)
        self.appointment.setEnabled(False)
        self._kind_changed()
        self.update_due()
        if room_code:
            self.look_up_room()
        (self.description if room_code else self.room).setFocus()

    def values(self) -> dict:
        v = super().values()
        v.pop("owner_info")
        v.pop("due_info")
        return v

    def _kind_changed(self) -> None:
        repair = self.kind.code() == "repair"
        self.room.setEnabled(repair)
        self.chargeable.setEnabled(repair)
        self.location.setEnabled(not repair)
        if not repair:
            self.chargeable.setChecked(False)
            self.source.set_code("staff")

    def update_due(self) -> None:
        appointment = self.values()["appointment"] if self.has_appointment.isChecked() else None
        due = wo.due_time(self.urgency.code(), dt.datetime.now().replace(second=0, microsecond=0),
                          appointment)
        self.due.setText(tr("{urgency}：{due} 前完成").format(
            urgency=label(URGENCIES, self.urgency.code()), due=due.strftime("%Y-%m-%d %H:%M")))

    def look_up_room(self) -> None:
        code, actor = self.room.text().strip(), self.ctx.actor
        if not code:
            self.owner.setText("")
            return

        def work(s):
            room = room_by_code(s, actor, code)
            owner = room_owner(s, room.id)
            return room.code, (owner.name, owner.phone) if owner else None
        self.ctx.tasks.read(work, parent=self, key=f"intake-room-{id(self)}") \
            .success(self._room_found) \
            .failure(lambda e: self.owner.setText(tr("找不到房间 {code}").format(code=code))) \
            .run()

    def _room_found(self, result) -> None:
        code, owner = result
        self.room.setText(code)
        if owner:
            self.owner.setText(tr("{name}　{phone}").format(name=owner[0], phone=owner[1]))
            self.reporter.setPlaceholderText(owner[0])
            self.contact.setPlaceholderText(owner[1])
        else:
            self.owner.setText(tr("该房间暂无业主"))


def dispatch_dialog(ctx, order, parent: QWidget | None = None) -> FormDialog:
    """派工/改派 to an engineer (loaded in the background)."""
    engineer = QComboBox()
    note = QLineEdit()
    actor, oid = ctx.actor, order.id

    def work(s, v):
        return wo.dispatch(s, actor, oid, v["engineer"], note=v["note"])
    dlg = FormDialog(ctx, tr_noop("派工") if order.assignee_id is None else tr_noop("改派"),
                     [("engineer", tr_noop("维修人员"), engineer), ("note", tr_noop("派工说明"), note)],
                     work, changes=order_changes(oid, order.room_id), parent=parent,
                     object_name="dispatchDialog")

    def fill(ops) -> None:
        for op in ops:
            if op.id != order.assignee_id:
                engineer.addItem(op.display_name or op.username, op.id)
    ctx.tasks.read(lambda s: wo.engineers(s, actor), parent=dlg).success(fill).run()
    return dlg


def finish_dialog(ctx, order, parent: QWidget | None = None) -> FormDialog:
    """完工: what was done, labour, 有偿/无偿."""
    result = text_edit(84)
    hours = DecimalEdit(2)
    hours.set_value(order.labour_hours or None)
    fee = DecimalEdit(2)
    fee.set_value(order.labour_fee or None)
    chargeable = QCheckBox()
    chargeable.setChecked(order.chargeable)
    chargeable.setEnabled(order.room_id is not None)
    actor, oid, was = ctx.actor, order.id, order.chargeable

    def work(s, v):
        if v["chargeable"] != was:
            wo.set_chargeable(s, actor, oid, v["chargeable"])
        return wo.finish(s, actor, oid, result=v["result"], labour_hours=v["hours"],
                         labour_fee=v["fee"])
    return FormDialog(ctx, tr_noop("完工"), [
        ("result", tr_noop("处理结果"), result), ("hours", tr_noop("工时"), hours),
        ("fee", tr_noop("人工费"), fee), ("chargeable", tr_noop("有偿维修"), chargeable),
    ], work, changes=order_changes(oid, order.room_id, "billing"), parent=parent,
        object_name="finishDialog",
        intro=tr_noop("有偿维修完工后，人工费和所领材料按单价计入该房间业主的应收，由收费员收取。"),
        hints={"result": tr_noop("做了什么、换了什么、是否试用正常")})


def visit_dialog(ctx, order, parent: QWidget | None = None) -> FormDialog:
    """回访: the reporter's satisfaction closes the order."""
    satisfaction = EnumCombo(SATISFACTION)
    comment = text_edit(64)
    actor, oid = ctx.actor, order.id
    return FormDialog(ctx, tr_noop("回访"), [
        ("satisfaction", tr_noop("满意度"), satisfaction), ("comment", tr_noop("回访意见"), comment),
    ], lambda s, v: wo.visit(s, actor, oid, satisfaction=v["satisfaction"], comment=v["comment"]),
        changes=order_changes(oid, order.room_id), parent=parent, object_name="visitDialog")


REASON_TITLES = {"suspend": tr_noop("挂起"), "cancel": tr_noop("取消工单"), "rework": tr_noop("返修")}


def reason_dialog(ctx, order, action: str, parent: QWidget | None = None) -> FormDialog:
    """挂起, 取消 or 返修, each with its reason."""
    reason = text_edit(64)
    actor, oid = ctx.actor, order.id
    fn = {"suspend": wo.suspend, "cancel": wo.cancel, "rework": wo.rework}[action]
    return FormDialog(ctx, REASON_TITLES[action], [("reason", tr_noop("原因"), reason)],
                      lambda s, v: fn(s, actor, oid, reason=v["reason"]),
                      changes=order_changes(oid, order.room_id), parent=parent,
                      object_name=f"{action}Dialog")


def materials_dialog(ctx, order, mode: str = "issue", parent: QWidget | None = None
                     ) -> FormDialog:
    """领料 (issue) or 退料 (return) for the order; the item list shows stock on hand."""
    item = QComboBox()
    qty = DecimalEdit(3)
    override = QCheckBox()
    override.setVisible(mode == "issue" and ctx.can(STOCK_OVERRIDE))
    actor, oid = ctx.actor, order.id

    def work(s, v):
        line = [stock.StockLine(v["item"], v["qty"])] if v["item"] and v["qty"] else []
        if mode == "issue":
            return wo.issue_materials(s, actor, oid, line, override=v.get("override", False))
        return wo.return_materials(s, actor, oid, line)
    fields = [("item", tr_noop("物料"), item), ("qty", tr_noop("数量"), qty)]
    if mode == "issue" and ctx.can(STOCK_OVERRIDE):
        fields.append(("override", tr_noop("允许负库存"), override))
    dlg = FormDialog(ctx, tr_noop("领料") if mode == "issue" else tr_noop("退料"), fields, work,
                     changes=order_changes(oid, order.room_id, "stock"), parent=parent,
                     object_name="materialsDialog")

    def fill(rows) -> None:
        for r in rows:
            item.addItem(tr("{code} {name} {spec}（库存 {qty}{unit}）").format(
                code=r.code, name=r.name, spec=r.spec, qty=stock.fmt_qty(r.on_hand), unit=r.unit),
                r.item_id)

    def returnable(s):
        held = stock.issued_to_order(s, oid)
        return [r for r in stock.stock_levels(s, actor, include_inactive=True)
                if held.get(r.item_id, 0) > 0]
    read = (lambda s: stock.stock_levels(s, actor)) if mode == "issue" else returnable
    ctx.tasks.read(read, parent=dlg).success(fill).run()
    return dlg
