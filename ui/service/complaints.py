"""投诉: complaints from intake to the reply, with the 投诉处理受理单 fields and its PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSplitter, QVBoxLayout, QWidget,
)

from propdesk.security import WORKORDER_CREATE, WORKORDER_DISPATCH
from propdesk.services.property import room_by_code
from propdesk.services.service_desk import complaints as cp
from propdesk.services.service_desk.codes import (
    COMPLAINT_STATES, DEPARTMENTS, IDENTITIES, REPLY_METHODS, SATISFACTION,
)
from ui.i18n import label, tr, tr_noop, translated
from ui.service.forms import DONE, OVERDUE, FormDialog, find_data, text_edit
from ui.tasks import Changes
from ui.widgets.base import Screen
from ui.widgets.fields import EnumCombo
from ui.widgets.table import Column, RowTableModel, TableView

CHANGES = Changes.of(entities=["complaint"])


def _color(r: cp.ComplaintRow):
    return OVERDUE if r.overdue else DONE if r.state == "closed" else None


COLUMNS = [
    Column(tr_noop("单号"), lambda r: r.number, width=170, color=_color),
    Column(tr_noop("状态"), lambda r: r.state, text=lambda v: label(COMPLAINT_STATES, v),
           width=60, color=_color),
    Column(tr_noop("房号"), lambda r: r.room_code, width=110),
    Column(tr_noop("投诉人"), lambda r: r.complainant, width=70),
    Column(tr_noop("身份"), lambda r: r.identity, text=lambda v: label(IDENTITIES, v), width=50),
    Column(tr_noop("联系电话"), lambda r: r.phone, width=100),
    Column(tr_noop("投诉内容"), lambda r: r.content, width=240, tooltip=lambda r: r.content),
    Column(tr_noop("责任部门"), lambda r: r.department, text=lambda v: label(DEPARTMENTS, v),
           width=80),
    Column(tr_noop("受理时间"), lambda r: r.received_at, width=125),
    Column(tr_noop("回复期限"), lambda r: r.reply_due_at, width=125, color=_color),
    Column(tr_noop("满意度"), lambda r: r.satisfaction, text=lambda v: label(SATISFACTION, v)),
]
# Each with its own Alt key, also against 受理投诉(&N) and the main menus (F, V, A, H).
BUTTONS = {"route": tr_noop("转派(&O)"), "handling": tr_noop("登记处理情况(&D)"), "reply": tr_noop("回复(&R)"),
           "reopen": tr_noop("重新处理(&E)"), "close": tr_noop("完成(&C)"), "print": tr_noop("打印受理单(&P)")}
ALLOWED = {"route": ("received", "routed"), "handling": ("routed",), "reply": ("routed",),
           "reopen": ("replied",), "close": ("replied",)}


def intake_dialog(ctx, parent=None) -> FormDialog:
    actor = ctx.actor
    fields = [("complainant", tr_noop("投诉人"), QLineEdit()),
              ("identity", tr_noop("投诉人身份"), EnumCombo(IDENTITIES)),
              ("phone", tr_noop("联系电话"), QLineEdit()),
              ("room", tr_noop("房间"), QLineEdit()),
              ("content", tr_noop("投诉内容"), text_edit(96))]

    def work(s, v):
        room_id = room_by_code(s, actor, v["room"]).id if v["room"] else None
        return cp.create_complaint(s, actor, complainant=v["complainant"], identity=v["identity"],
                                   phone=v["phone"], room_id=room_id, content=v["content"])
    return FormDialog(ctx, tr_noop("受理投诉"), fields, work, changes=CHANGES, parent=parent,
                      object_name="complaintDialog",
                      hints={"room": tr_noop("如 JD-01-1-0502（可空）")})


def step_dialog(ctx, c, step: str, parent=None) -> FormDialog:
    actor, cid = ctx.actor, c.id
    if step == "route":
        dept = EnumCombo(DEPARTMENTS)
        dept.set_code(c.department or "service")
        handler = QLineEdit(c.handler)
        return FormDialog(ctx, tr_noop("转派"), [("department", tr_noop("责任部门"), dept),
                                               ("handler", tr_noop("处理人"), handler)],
                          lambda s, v: cp.route(s, actor, cid, department=v["department"],
                                                handler=v["handler"]),
                          changes=CHANGES, parent=parent, object_name="routeDialog")
    if step == "handling":
        w = text_edit(96)
        w.setPlainText(c.handling)
        return FormDialog(ctx, tr_noop("登记处理情况"), [("handling", tr_noop("处理情况"), w)],
                          lambda s, v: cp.record_handling(s, actor, cid, handling=v["handling"]),
                          changes=CHANGES, parent=parent, object_name="handlingDialog")
    if step == "reply":
        handling = text_edit(72)
        handling.setPlainText(c.handling)
        return FormDialog(ctx, tr_noop("回复"), [
            ("method", tr_noop("回复方式"), EnumCombo(REPLY_METHODS)),
            ("handling", tr_noop("处理情况"), handling),
            ("reply", tr_noop("回复内容"), text_edit(72))],
            lambda s, v: cp.reply(s, actor, cid, method=v["method"], reply=v["reply"],
                                  handling=v["handling"]),
            changes=CHANGES, parent=parent, object_name="replyDialog")
    if step == "reopen":
        return FormDialog(ctx, tr_noop("重新处理"), [("reason", tr_noop("原因"), text_edit(64))],
                          lambda s, v: cp.reopen(s, actor, cid, reason=v["reason"]),
                          changes=CHANGES, parent=parent, object_name="reopenDialog")
    if step == "close":
        return FormDialog(ctx, tr_noop("完成"), [("satisfaction", tr_noop("满意度"),
                                                EnumCombo(SATISFACTION))],
                          lambda s, v: cp.close(s, actor, cid, satisfaction=v["satisfaction"]),
                          changes=CHANGES, parent=parent, object_name="closeDialog")
    raise ValueError(step)


class ComplaintsScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current = None
        self.dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.setVisible(ctx.can(WORKORDER_CREATE))
        top.addWidget(self.new_button)
        lay.addLayout(top)
        filters = QHBoxLayout()
        self.state = QComboBox()
        self.state.setObjectName("filterState")
        self.overdue = QCheckBox()
        self.overdue.setObjectName("overdueOnly")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.state_label = QLabel()
        filters.addWidget(self.state_label)
        filters.addWidget(self.state)
        filters.addWidget(self.overdue)
        filters.addWidget(self.search, 1)
        lay.addLayout(filters)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("投诉"))
        self.table.setObjectName("complaintsTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        split.addWidget(self.table)
        side = QWidget()
        sl = QVBoxLayout(side)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        sl.addWidget(self.title)
        form = QFormLayout()
        self.detail_keys = {
            "complainant": tr_noop("投诉人"), "room": tr_noop("房号"), "received": tr_noop("受理"),
            "content": tr_noop("投诉内容"), "department": tr_noop("责任部门"),
            "handling": tr_noop("处理情况"), "reply": tr_noop("回复"),
            "result": tr_noop("结果"),
        }
        self.detail_labels = {k: QLabel() for k in self.detail_keys}
        self.detail_values = {k: QLabel() for k in self.detail_keys}
        for k in self.detail_keys:
            self.detail_values[k].setWordWrap(True)
            self.detail_values[k].setObjectName(f"complaint_{k}")
            form.addRow(self.detail_labels[k], self.detail_values[k])
        sl.addLayout(form)
        bar = QHBoxLayout()
        self.buttons = {}
        for key in BUTTONS:
            b = QPushButton()
            b.setObjectName(f"complaint_{key}")
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        sl.addLayout(bar)
        sl.addStretch(1)
        split.addWidget(side)
        split.setSizes([800, 440])
        lay.addWidget(split, 1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        lay.addWidget(self.count)
        self.new_button.clicked.connect(self.new_complaint)
        self.state.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        ctx.tasks.changed.connect(self._on_changes)
        self._fill_states()
        self.retranslate()

    def _fill_states(self) -> None:
        current = self.state.currentData()
        self.state.blockSignals(True)
        self.state.clear()
        self.state.addItem(tr("未完成"), ("received", "routed", "replied"))
        self.state.addItem(tr("全部"), ())
        for code in COMPLAINT_STATES:
            self.state.addItem(label(COMPLAINT_STATES, code), (code,))
        i = find_data(self.state, current) if current is not None else 0
        self.state.setCurrentIndex(max(0, i))
        self.state.blockSignals(False)

    def retranslate(self) -> None:
        self.heading.setText(tr("投诉"))
        self.new_button.setText(tr("受理投诉(&N)…"))
        self.state_label.setText(tr("状态"))
        self.overdue.setText(tr("只看超时未回复"))
        self.search.setPlaceholderText(tr("单号、投诉人、电话、房号或内容，回车查询"))
        self.title.setText(tr("投诉处理受理单"))
        for k, lbl in self.detail_labels.items():
            lbl.setText(translated(self.detail_keys[k]))
        for k, b in self.buttons.items():
            b.setText(translated(BUTTONS[k]))
        self._fill_states()
        self.count.setText(tr("共 {n} 件投诉").format(n=self.model.rowCount()))
        self._show_detail()

    def refresh(self):
        actor = self.ctx.actor
        states, overdue, text = self.state.currentData() or (), self.overdue.isChecked(), \
            self.search.text().strip()
        return self.ctx.tasks.read(
            lambda s: cp.list_complaints(s, actor, states=tuple(states), overdue_only=overdue,
                                         text=text),
            parent=self, key=f"complaints-{id(self)}").success(self._show).run()

    def _show(self, rows) -> None:
        keep = self.current.id if self.current else None
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
            self._load(keep)
        elif rows:
            self.table.selectRow(0)
        else:
            self.current = None
        self.retranslate()

    def _selected(self, index) -> None:
        if index.isValid() and index.row() < self.model.rowCount():
            self._load(self.model.row(index.row()).id)

    def _load(self, cid):
        actor = self.ctx.actor
        return self.ctx.tasks.read(lambda s: cp.get_complaint(s, actor, cid), parent=self,
                                   key=f"complaint-{id(self)}").success(self._loaded).run()

    def _loaded(self, c) -> None:
        self.current = c
        self._show_detail()

    def _show_detail(self) -> None:
        c = self.current
        t = (lambda x: x.strftime("%Y-%m-%d %H:%M") if x else "")
        values = {k: "" for k in self.detail_keys}
        if c is not None:
            values.update(
                complainant=f"{c.complainant}（{label(IDENTITIES, c.identity)}）　{c.phone}",
                room=next((r.room_code for r in self.model.rows() if r.id == c.id), ""),
                received=f"{t(c.received_at)}　{c.received_by}", content=c.content,
                department=f"{label(DEPARTMENTS, c.department)}　{c.handler}".strip(),
                handling=c.handling,
                reply=f"{label(REPLY_METHODS, c.reply_method)}　{c.reply}　{t(c.replied_at)}".strip(),
                result=(f"{label(COMPLAINT_STATES, c.state)}　{label(SATISFACTION, c.satisfaction)}"
                        f"　{c.completed_on or ''}").strip())
        for k, v in values.items():
            self.detail_values[k].setText(v)
        for k, b in self.buttons.items():
            if c is None:
                b.setVisible(False)
            elif k == "print":
                b.setVisible(True)
            else:
                b.setVisible(self.ctx.can(WORKORDER_DISPATCH) and c.state in ALLOWED[k])

    def act(self, step: str):
        if self.current is None:
            return None
        if step == "print":
            path, _ = QFileDialog.getSaveFileName(
                self, tr("打印受理单"), str(Path.home() / f"{self.current.number}.pdf"),
                tr("PDF 文件 (*.pdf)"))
            return self.print_to(path, open_after=True) if path else None
        self.dialog = step_dialog(self.ctx, self.current, step, self)
        self.dialog.open()
        return self.dialog

    def print_to(self, path: str, *, page: str = "A4", open_after: bool = False):
        from propdesk.reports.service_pdf import complaint_pdf

        actor, cid = self.ctx.actor, self.current.id

        def work(s):
            Path(path).write_bytes(complaint_pdf(s, actor, cid, page=page))
            return path
        op = self.ctx.tasks.read(work, parent=self)
        if open_after:
            op.success(lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(p)))
        return op.run()

    def new_complaint(self) -> FormDialog:
        self.dialog = intake_dialog(self.ctx, self)
        self.dialog.open()
        return self.dialog

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("complaint") and self.isVisible():
            self.refresh()

    def activated(self) -> None:
        self.refresh()

    def current_table(self):
        return self.table
