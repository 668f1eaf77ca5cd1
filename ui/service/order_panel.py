"""One work order in full: the intake, the work, materials and charges, the history, and
the buttons for the steps the operator may take now."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from propdesk.money import fmt
from propdesk.security import (
    STOCK_MANAGE, WORKORDER_DISPATCH, WORKORDER_HANDLE,
)
from propdesk.services.service_desk import stock, workflow, workorders as wo
from propdesk.services.service_desk.codes import (
    ACTIONS, CATEGORIES, CHARGE_STATES, SATISFACTION, STATES, URGENCIES, WORK_ORDER_KINDS,
)
from ui.i18n import label, tr, tr_noop, translated
from ui.service import workorder_dialogs as dialogs
from ui.widgets.base import Retranslatable
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.table import Column, RowTableModel, TableView

STATE_COLORS = {
    "pending": "#FCE8D5", "dispatched": "#DCE9F8", "in_progress": "#D9F2E3",
    "to_visit": "#EFE3FA", "done": "#E9EDF2", "suspended": "#FFF3C4", "cancelled": "#F0F0F0",
}

EVENT_COLUMNS = [
    Column(tr_noop("时间"), lambda e: e.at, width=130),
    Column(tr_noop("操作"), lambda e: e.action, text=lambda v: label(ACTIONS, v), width=70),
    Column(tr_noop("状态"), lambda e: e.to_state, text=lambda v: label(STATES, v), width=60),
    Column(tr_noop("操作员"), lambda e: e.operator_name, width=100),
    Column(tr_noop("说明"), lambda e: e.note),
]
CHARGE_COLUMNS = [
    Column(tr_noop("项目"), lambda c: c.label, width=150),
    Column(tr_noop("数量"), lambda c: stock.fmt_qty(c.qty), align="right", width=60),
    Column(tr_noop("单位"), lambda c: c.unit, width=50),
    Column(tr_noop("单价"), lambda c: fmt(c.unit_price) if c.unit_price else "", align="right",
           width=70),
    Column(tr_noop("金额"), lambda c: fmt(c.amount), align="right"),
]

# Buttons in the order they appear: action -> Chinese text (translated when shown).  Each
# has its own Alt key, also against the 工单 screen's 受理报修(&N)/公区报修(&B) and the main
# menus (F, V, A, H); 改派 takes 派工's place on the same button.
BUTTONS = {
    "dispatch": tr_noop("派工(&D)"), "start": tr_noop("开始处理(&S)"), "materials": tr_noop("领料(&M)"),
    "return": tr_noop("退料(&T)"), "finish": tr_noop("完工(&I)"), "visit": tr_noop("回访(&R)"),
    "rework": tr_noop("返修(&W)"), "suspend": tr_noop("挂起(&U)"), "resume": tr_noop("恢复(&E)"),
    "cancel": tr_noop("取消(&C)"), "print": tr_noop("打印报修单(&P)"),
}


def may(ctx, detail: wo.OrderDetail, action: str) -> bool:
    """Whether to offer ``action`` now (the service checks again when it runs)."""
    o = detail.order
    own = o.assignee_id is not None and ctx.actor is not None \
        and o.assignee_id == ctx.actor.operator_id
    handle = ctx.can(WORKORDER_HANDLE) and (own or ctx.can(WORKORDER_DISPATCH))
    if action == "print":
        return True
    if action in ("materials", "return"):
        return handle and ctx.can(STOCK_MANAGE) and o.state in workflow.WORKING_STATES \
            and (action == "materials" or bool(detail.materials))
    if action not in detail.actions:
        return False
    if action in ("start", "finish"):
        return handle
    if action in ("suspend", "resume"):
        return handle or ctx.can(WORKORDER_DISPATCH)
    return ctx.can(WORKORDER_DISPATCH)


class OrderPanel(Retranslatable, QWidget):
    """Shows :func:`workorders.order_detail` of one order; emits ``acted`` after a step."""

    acted = Signal(object)    # the dialog's result (the order) after a successful step
    loaded = Signal(object)   # the OrderDetail shown

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id: uuid.UUID | None = None
        self.detail: wo.OrderDetail | None = None
        self.dialog: QDialog | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        head = QHBoxLayout()
        self.number = QLabel()
        self.number.setObjectName("roomCode")
        self.state = QLabel()
        self.state.setObjectName("statusChip")
        self.overdue = QLabel()
        self.overdue.setStyleSheet("color:#C0392B;font-weight:bold;")
        head.addWidget(self.number)
        head.addWidget(self.state)
        head.addWidget(self.overdue)
        head.addStretch(1)
        lay.addLayout(head)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.keys = ["kind", "place", "reporter", "category", "reported", "due", "engineer",
                     "appointment", "description", "result", "charge", "visit"]
        self.key_text = {
            "kind": tr_noop("类型"), "place": tr_noop("位置"), "reporter": tr_noop("报修人"),
            "category": tr_noop("类别"), "reported": tr_noop("报修时间"),
            "due": tr_noop("完成时限"), "engineer": tr_noop("维修人员"),
            "appointment": tr_noop("预约时间"), "description": tr_noop("报修内容"),
            "result": tr_noop("处理结果"), "charge": tr_noop("费用"), "visit": tr_noop("回访"),
        }
        self.key_labels = {k: QLabel() for k in self.keys}
        self.values = {k: QLabel() for k in self.keys}
        wide = {"description", "result", "charge", "visit"}
        row = col = 0
        for k in self.keys:
            self.key_labels[k].setObjectName("muted")
            self.values[k].setWordWrap(True)
            self.values[k].setObjectName(f"value_{k}")
            if k in wide:
                if col:
                    row, col = row + 1, 0
                grid.addWidget(self.key_labels[k], row, 0)
                grid.addWidget(self.values[k], row, 1, 1, 3)
                row += 1
            else:
                grid.addWidget(self.key_labels[k], row, col * 2)
                grid.addWidget(self.values[k], row, col * 2 + 1)
                col += 1
                if col == 2:
                    row, col = row + 1, 0
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        lay.addLayout(grid)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key in BUTTONS:
            b = QPushButton()
            b.setObjectName(f"action_{key}")
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.charges_title = QLabel()
        self.charges_title.setObjectName("sectionTitle")
        lay.addWidget(self.charges_title)
        self.charges = RowTableModel(CHARGE_COLUMNS)
        self.charge_table = TableView(export_title=tr_noop("材料及费用"))
        self.charge_table.setObjectName("chargeTable")
        self.charge_table.setModel(self.charges)
        self.charge_table.setMaximumHeight(130)
        self.charge_hint = EmptyHint(self.charge_table)
        lay.addWidget(self.charge_table)
        self.events_title = QLabel()
        self.events_title.setObjectName("sectionTitle")
        lay.addWidget(self.events_title)
        self.events = RowTableModel(EVENT_COLUMNS)
        self.event_table = TableView(export_title=tr_noop("处理记录"))
        self.event_table.setObjectName("eventTable")
        self.event_table.setModel(self.events)
        lay.addWidget(self.event_table, 1)
        self.retranslate()
        self._show()

    # -- loading -------------------------------------------------------------------------
    def set_order(self, order_id: uuid.UUID | None):
        self.order_id = order_id
        if order_id is None:
            self.detail = None
            self._show()
            return None
        actor = self.ctx.actor
        return self.ctx.tasks.read(lambda s: wo.order_detail(s, actor, order_id), parent=self,
                                   key=f"order-panel-{id(self)}").success(self._loaded).run()

    def reload(self):
        return self.set_order(self.order_id)

    def _loaded(self, detail: wo.OrderDetail) -> None:
        self.detail = detail
        self._show()
        self.loaded.emit(detail)

    # -- showing --------------------------------------------------------------------------
    def retranslate(self) -> None:
        for k, lbl in self.key_labels.items():
            lbl.setText(translated(self.key_text[k]))
        for k, b in self.buttons.items():
            b.setText(translated(BUTTONS[k]))
        self.charges_title.setText(tr("材料及费用"))
        self.events_title.setText(tr("处理记录"))
        self._show()

    def _show(self) -> None:
        d = self.detail
        self.setEnabled(d is not None)
        if d is None:
            self.number.setText(tr("未选择工单"))
            self.state.hide()
            self.overdue.setText("")
            for v in self.values.values():
                v.setText("")
            for b in self.buttons.values():
                b.setVisible(False)
            self.charges.set_rows([])
            self.events.set_rows([])
            self.charge_hint.set_text("")
            return
        o = d.order
        self.number.setText(o.number)
        self.state.show()
        self.state.setText(label(STATES, o.state))
        self.state.setStyleSheet(f"background:{STATE_COLORS.get(o.state, '#FFF')};")
        self.overdue.setText(tr("已超时") if d.overdue else "")
        t = (lambda x: x.strftime("%Y-%m-%d %H:%M") if x else "")
        place = d.room_code or o.location
        if d.equipment_label:
            place = f"{place}（{d.equipment_label}）" if place else d.equipment_label
        charge = ""
        if o.chargeable:
            charge = tr("有偿维修，合计 {total} 元（{state}）").format(
                total=fmt(o.charge_amount if o.charge_state else d.charge_total),
                state=label(CHARGE_STATES, o.charge_state) if o.charge_state else tr("未完工"))
        elif d.charge_lines:
            charge = tr("无偿维修（材料成本 {total} 元）").format(total=fmt(d.charge_total))
        visit = ""
        if o.satisfaction:
            visit = f"{label(SATISFACTION, o.satisfaction)}　{o.visit_comment}　" \
                    f"{o.visitor} {t(o.visited_at)}"
        hold = ""
        if o.state == "suspended":
            hold = tr("（挂起原因：{reason}）").format(reason=o.hold_reason)
        if o.state == "cancelled":
            hold = tr("（取消原因：{reason}）").format(reason=o.cancel_reason)
        values = {
            "kind": label(WORK_ORDER_KINDS, o.kind), "place": place,
            "reporter": f"{o.reporter}　{o.contact}".strip(),
            "category": f"{label(CATEGORIES, o.category)} · {label(URGENCIES, o.urgency)}",
            "reported": t(o.reported_at), "due": t(o.due_at), "engineer": d.assignee_name,
            "appointment": t(o.appointment_at), "description": o.description + hold,
            "result": o.result, "charge": charge, "visit": visit,
        }
        for k, v in values.items():
            self.values[k].setText(v)
        for k, b in self.buttons.items():
            b.setVisible(may(self.ctx, d, k))
        if "dispatch" in d.actions and o.assignee_id is not None:
            self.buttons["dispatch"].setText(tr("改派(&G)"))
        self.charges.set_rows(list(d.charge_lines))
        self.events.set_rows(list(d.events))
        if may(self.ctx, d, "materials"):
            self.charge_hint.set_text(tr("还没有用料或费用：按 领料（Alt+M）从库存领出材料"))
        else:
            self.charge_hint.set_text(tr("没有用料或费用"))

    # -- acting ---------------------------------------------------------------------------
    def act(self, action: str):
        """Open the form of ``action`` (or run it directly when it needs no input)."""
        d = self.detail
        if d is None:
            return None
        o = d.order
        if action == "print":
            return self.print_dialog()
        if action in ("start", "resume"):
            actor, oid = self.ctx.actor, o.id
            fn = wo.start if action == "start" else wo.resume
            return self.ctx.tasks.write(lambda s: fn(s, actor, oid), parent=self,
                                        changes=dialogs.order_changes(oid, o.room_id)) \
                .success(self._acted).run()
        dlg = {
            "dispatch": lambda: dialogs.dispatch_dialog(self.ctx, o, self),
            "finish": lambda: dialogs.finish_dialog(self.ctx, o, self),
            "visit": lambda: dialogs.visit_dialog(self.ctx, o, self),
            "materials": lambda: dialogs.materials_dialog(self.ctx, o, "issue", self),
            "return": lambda: dialogs.materials_dialog(self.ctx, o, "return", self),
            "suspend": lambda: dialogs.reason_dialog(self.ctx, o, "suspend", self),
            "cancel": lambda: dialogs.reason_dialog(self.ctx, o, "cancel", self),
            "rework": lambda: dialogs.reason_dialog(self.ctx, o, "rework", self),
        }[action]()
        dlg.accepted.connect(lambda: self._acted(dlg.result))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _acted(self, result) -> None:
        self.acted.emit(result)
        self.reload()

    def print_dialog(self) -> None:
        d = self.detail
        path, _ = QFileDialog.getSaveFileName(
            self, tr("打印报修单"), str(Path.home() / f"{d.order.number}.pdf"), tr("PDF 文件 (*.pdf)"))
        if path:
            self.print_to(path, open_after=True)

    def print_to(self, path: str, *, page: str = "A5", open_after: bool = False):
        """Write the 工程报修单 PDF in the background (and open it in the PDF viewer)."""
        from propdesk.reports.service_pdf import work_order_pdf

        actor, oid = self.ctx.actor, self.order_id

        def work(s):
            data = work_order_pdf(s, actor, oid, page=page)
            Path(path).write_bytes(data)
            return path
        op = self.ctx.tasks.read(work, parent=self)
        if open_after:
            op.success(lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(p)))
        return op.run()


class OrderDialog(Retranslatable, QDialog):
    """An order in a window of its own (from the room's 工单 tab)."""

    def __init__(self, ctx, order_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderDialog")
        self.resize(760, 640)
        lay = QVBoxLayout(self)
        self.panel = OrderPanel(ctx, self)
        lay.addWidget(self.panel)
        self.panel.set_order(order_id)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("工单详情"))
