"""冲突处理: the conflict log and sync alarms, for a 主管 to review (works offline).

Each conflict shows the value that stayed and the value that was overwritten
(or held back), which terminal wrote each and when.  保留现值 closes it;
恢复被覆盖的值 writes the losing value back as a new change, which then
syncs to every terminal.  Below, alarms: money documents the centre refused
to merge, to be checked and acknowledged.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSplitter, QVBoxLayout, QWidget,
)

from propdesk.sync import conflicts
from propdesk.sync.conflicts import AlarmView, ConflictView
from ui.i18n import current_language, tr, tr_noop, translated
from ui.tasks import Changes, show_info
from ui.widgets.base import Screen
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.table import Column, RowTableModel, TableView

TABLES = {
    "customer": tr_noop("客户"), "room": tr_noop("房间"), "occupancy": tr_noop("入住记录"),
    "estate": tr_noop("小区"), "building": tr_noop("楼栋"), "unit": tr_noop("单元"),
    "vehicle": tr_noop("车辆"), "pet": tr_noop("宠物"), "family_member": tr_noop("家庭成员"),
    "parking_space": tr_noop("车位"), "gate_card": tr_noop("门禁卡"),
    "operator": tr_noop("操作员"), "work_order": tr_noop("工单"), "complaint": tr_noop("投诉"),
    "fee_item": tr_noop("收费项目"), "fee_standard": tr_noop("收费标准"),
}
COLUMNS = {
    "name": tr_noop("名称/姓名"), "phone": tr_noop("电话"), "note": tr_noop("备注"),
    "code": tr_noop("编码"), "status": tr_noop("状态"), "role": tr_noop("身份"),
    "start_date": tr_noop("开始日期"), "end_date": tr_noop("结束日期"),
    "end_reason": tr_noop("结束原因"), "customer_id": tr_noop("客户"), "room_id": tr_noop("房间"),
    "deleted_at": tr_noop("删除标记"), "employer": tr_noop("工作单位"),
    "building_area": tr_noop("建筑面积"), "inner_area": tr_noop("套内面积"),
    "id_number": tr_noop("证件号码"), "holder_name": tr_noop("持卡人"), "plate": tr_noop("车牌"),
    "valid_until": tr_noop("有效期至"), "hukou": tr_noop("户籍"),
    "emergency_contact": tr_noop("紧急联系人"),
}
KINDS = {"lww": tr_noop("后写覆盖"), "review": tr_noop("待审核"), "duplicate": tr_noop("重复记录")}
STATUSES = {"open": tr_noop("待处理"), "accepted": tr_noop("已保留现值"),
            "reapplied": tr_noop("已恢复")}
FILTERS = [("open", tr_noop("待处理")), ("", tr_noop("全部"))]


def local(utc: dt.datetime | None) -> dt.datetime | None:
    """Stamps are naive UTC; people read local time."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None) if utc else None


def _name(mapping: dict[str, str], key: str) -> str:
    return translated(mapping[key]) if key in mapping else key


def _column(v: ConflictView) -> str:
    return _name(COLUMNS, v.column) if v.column else tr("整条记录")


CONFLICT_COLUMNS = [
    Column(tr_noop("发现时间"), lambda v: local(v.created_at), width=130),
    Column(tr_noop("数据"), lambda v: _name(TABLES, v.table), width=80),
    Column(tr_noop("记录"), lambda v: v.row_label, width=130),
    Column(tr_noop("字段"), _column, width=90),
    Column(tr_noop("类型"), lambda v: _name(KINDS, v.kind), width=80,
           color=lambda v: QColor("#C0392B") if v.kind != "lww" else None),
    Column(tr_noop("现值"), lambda v: v.kept, width=140),
    Column(tr_noop("现值来自"), lambda v: v.kept_terminal, width=70),
    Column(tr_noop("被覆盖的值"), lambda v: v.lost, width=140),
    Column(tr_noop("被覆盖值来自"), lambda v: v.lost_terminal, width=80),
    Column(tr_noop("状态"), lambda v: _name(STATUSES, v.status), width=90),
]
ALARM_COLUMNS = [
    Column(tr_noop("时间"), lambda a: local(a.created_at), width=130),
    Column(tr_noop("终端"), lambda a: a.from_terminal, width=60),
    Column(tr_noop("数据"), lambda a: _name(TABLES, a.table), width=90),
    Column(tr_noop("告警"), lambda a: a.message_en if current_language() == "en" else a.message),
]


class SyncConflictsScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("syncConflictsScreen")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter_label = QLabel()
        self.filter = QComboBox()
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)

        self.model = RowTableModel(CONFLICT_COLUMNS, parent=self)
        self.table = TableView(export_title=tr_noop("同步冲突"))
        self.table.setModel(self.model)
        self.table.set_context(ctx)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.hint = EmptyHint(self.table)

        self.detail = QGroupBox()
        form = QFormLayout(self.detail)
        self.what, self.kept, self.lost = QLabel(), QLabel(), QLabel()
        for w in (self.kept, self.lost):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            w.setWordWrap(True)
        self.what_label, self.kept_label, self.lost_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.what_label, self.what)
        form.addRow(self.kept_label, self.kept)
        form.addRow(self.lost_label, self.lost)
        self.note = QLineEdit()
        self.note_label = QLabel()
        form.addRow(self.note_label, self.note)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.clicked.connect(self.accept_selected)
        self.reapply_button = QPushButton()
        self.reapply_button.setObjectName("reapplyButton")
        self.reapply_button.clicked.connect(self.reapply_selected)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reapply_button)
        form.addRow(buttons)

        self.alarms_box = QGroupBox()
        alay = QVBoxLayout(self.alarms_box)
        self.alarm_model = RowTableModel(ALARM_COLUMNS, parent=self)
        self.alarm_table = TableView(export_title=tr_noop("同步告警"))
        self.alarm_table.setModel(self.alarm_model)
        self.alarm_table.set_context(ctx)
        self.ack_button = QPushButton()
        self.ack_button.setObjectName("ackButton")
        self.ack_button.clicked.connect(self.acknowledge_selected)
        alay.addWidget(self.alarm_table)
        self.alarm_hint = EmptyHint(self.alarm_table)
        self._loaded_once = False   # no "nothing to do" before the log has been read
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ack_button)
        alay.addLayout(row)

        split = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        ulay = QVBoxLayout(upper)
        ulay.setContentsMargins(0, 0, 0, 0)
        ulay.addWidget(self.table, 1)
        ulay.addWidget(self.detail)
        split.addWidget(upper)
        split.addWidget(self.alarms_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        ctx.tasks.changed.connect(self._changed)
        self.retranslate()
        self._selected()

    # -- texts -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.filter_label.setText(tr("显示"))
        current = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        for _code, text in FILTERS:
            self.filter.addItem(translated(text))
        self.filter.setCurrentIndex(max(0, current))
        self.filter.blockSignals(False)
        self.refresh_button.setText(tr("刷新"))
        self.detail.setTitle(tr("冲突详情"))
        self.what_label.setText(tr("内容"))
        self.kept_label.setText(tr("现值"))
        self.lost_label.setText(tr("被覆盖的值"))
        self.note_label.setText(tr("处理说明"))
        self.note.setPlaceholderText(tr("可选，如：已电话核实"))
        self.accept_button.setText(tr("保留现值"))
        self.reapply_button.setText(tr("恢复被覆盖的值"))
        self.alarms_box.setTitle(tr("同步告警（被中心拒收的单据等）"))
        self.ack_button.setText(tr("确认已处理"))
        self.model.retranslate()
        self.alarm_model.retranslate()
        self._update_count()
        self._selected()

    def _update_count(self) -> None:
        self.count.setText(tr("共 {n} 条").format(n=self.model.rowCount()))
        if not self._loaded_once:
            return
        open_only = FILTERS[max(0, self.filter.currentIndex())][0] == "open"
        self.hint.set_text(tr("没有待处理的冲突：各终端的修改已合并，无需处理") if open_only
                           else tr("没有冲突记录"))
        self.alarm_hint.set_text(tr("没有同步告警"))

    # -- data ----------------------------------------------------------------------------
    def activated(self) -> None:
        self.reload()

    def current_table(self):
        return self.table

    def _changed(self, changes: Changes) -> None:
        if changes.touches("sync_conflict") or changes.touches("sync_alarm"):
            self.reload()

    def reload(self) -> None:
        actor = self.ctx.actor
        status = FILTERS[max(0, self.filter.currentIndex())][0]
        self.ctx.tasks.read(lambda s: (conflicts.list_conflicts(s, actor, status=status),
                                       conflicts.list_alarms(s, actor)),
                            parent=self, key="sync-conflicts").success(self._loaded).run()

    def _loaded(self, data) -> None:
        rows, alarms = data
        self._loaded_once = True
        self.model.set_rows(rows)
        self.alarm_model.set_rows(alarms)
        self._update_count()
        if rows and self.table.selected_row() is None:
            self.table.selectRow(0)
        self._selected()

    def selected(self) -> ConflictView | None:
        return self.table.selected_row()

    def _selected(self) -> None:
        v = self.selected()
        is_open = v is not None and v.status == "open"
        self.accept_button.setEnabled(is_open)
        self.reapply_button.setEnabled(is_open)
        self.note.setEnabled(is_open)
        if v is None:
            self.what.setText(tr("请选择一条冲突"))
            self.kept.clear()
            self.lost.clear()
            return
        self.what.setText(f"{_name(TABLES, v.table)} {v.row_label} · {_column(v)} · "
                          f"{_name(KINDS, v.kind)}")
        self.kept.setText(tr("{value}（终端 {terminal}，{at}）").format(
            value=v.kept or tr("（空）"), terminal=v.kept_terminal or "-", at=v.kept_at))
        self.lost.setText(tr("{value}（终端 {terminal}，{at}）").format(
            value=v.lost or tr("（空）"), terminal=v.lost_terminal or "-", at=v.lost_at))
        if v.kind == "duplicate":
            self.reapply_button.setText(tr("改用被搁置的记录"))
        else:
            self.reapply_button.setText(tr("恢复被覆盖的值"))

    # -- actions ---------------------------------------------------------------------------
    def _resolve(self, fn, done_text: str) -> None:
        v = self.selected()
        if v is None:
            return
        actor, note = self.ctx.actor, self.note.text().strip()
        self.ctx.tasks.write(lambda s: fn(s, actor, v.id, note), parent=self,
                             changes=Changes.of(entities={"sync_conflict", v.table})) \
            .success(lambda _r: (self.note.clear(), self.window().statusBar().showMessage(
                done_text, 5000) if hasattr(self.window(), "statusBar") else None)).run()

    def accept_selected(self) -> None:
        self._resolve(conflicts.accept, tr("已保留现值"))

    def reapply_selected(self) -> None:
        self._resolve(conflicts.reapply, tr("已恢复被覆盖的值，将在下次同步时传到其他终端"))

    def acknowledge_selected(self) -> None:
        a: AlarmView | None = self.alarm_table.selected_row()
        if a is None:
            show_info(self, tr("请先选择一条告警。"))
            return
        actor = self.ctx.actor
        self.ctx.tasks.write(lambda s: conflicts.acknowledge_alarm(s, actor, a.id), parent=self,
                             changes=Changes.of(entities={"sync_alarm"})).run()
