"""批量生成房间: plan a building's rooms, preview the codes (marking those taken), create them."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from propdesk.errors import Problem, ValidationFailed
from propdesk.models.enums import ROOM_STATUSES, ROOM_USAGES
from propdesk.services.property import RoomPlan, building_refs, generate_rooms, preview_rooms
from ui.i18n import error_text, tr, tr_noop
from ui.tasks import Changes, show_info
from ui.widgets.base import Retranslatable
from ui.widgets.fields import EnumCombo, ErrorLabel
from ui.widgets.table import Column, RowTableModel, TableView

DEFAULT_PATTERN = "{unit}-{floor:02d}{room:02d}"
# Typical areas by position on a floor, as a starting point the operator edits.
DEFAULT_AREAS = {1: ("128.50", "101.20", "三室两厅"), 2: ("89.37", "70.15", "两室两厅"),
                 3: ("76.80", "60.44", "两室一厅"), 4: ("112.66", "90.02", "三室两厅")}

PREVIEW_COLUMNS = [
    Column(tr_noop("房间编码"), lambda p: p.code, width=130),
    Column(tr_noop("单元"), lambda p: p.unit, width=50),
    Column(tr_noop("楼层"), lambda p: p.floor, width=50),
    Column(tr_noop("房号"), lambda p: p.number, width=70),
    Column(tr_noop("建筑面积"), lambda p: p.building_area, width=80),
    Column(tr_noop("套内面积"), lambda p: p.inner_area, width=80),
    Column(tr_noop("检查"), lambda p: p.exists,
           text=lambda exists: tr("编码已存在") if exists else tr("新建"),
           color=lambda p: QColor("#C0392B") if p.exists else QColor("#2E8B57")),
]


class BatchRoomsDialog(Retranslatable, QDialog):
    def __init__(self, ctx, building_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.want_building = building_id
        self.planned = None
        self.previewed_plan: RoomPlan | None = None
        self.created = 0
        self._refs = []
        self.setObjectName("batchRoomsDialog")
        self.resize(1080, 720)
        lay = QVBoxLayout(self)
        split = QSplitter()
        lay.addWidget(split, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 8, 0)
        self.params_box = QGroupBox()
        form = QFormLayout(self.params_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.estate = QComboBox()
        self.building = QComboBox()
        self.building.setObjectName("building")
        self.units = QLineEdit("1")
        self.units.setObjectName("units")
        floors = QHBoxLayout()
        self.floor_from = QSpinBox()
        self.floor_from.setRange(-5, 200)
        self.floor_from.setValue(1)
        self.floor_from.setObjectName("floorFrom")
        self.floor_to = QSpinBox()
        self.floor_to.setRange(-5, 200)
        self.floor_to.setValue(6)
        self.floor_to.setObjectName("floorTo")
        self.to_label = QLabel()
        floors.addWidget(self.floor_from)
        floors.addWidget(self.to_label)
        floors.addWidget(self.floor_to)
        floors.addStretch(1)
        self.per_floor = QSpinBox()
        self.per_floor.setRange(1, 99)
        self.per_floor.setValue(4)
        self.per_floor.setObjectName("perFloor")
        self.pattern = QLineEdit(DEFAULT_PATTERN)
        self.pattern.setObjectName("pattern")
        self.pattern_help = QLabel()
        self.pattern_help.setObjectName("hint")
        self.pattern_help.setWordWrap(True)
        self.usage = EnumCombo(ROOM_USAGES)
        self.status = EnumCombo(ROOM_STATUSES)
        self.labels = [QLabel() for _ in range(8)]
        rows = [self.estate, self.building, self.units, floors, self.per_floor, self.pattern,
                self.usage, self.status]
        buddies = [self.estate, self.building, self.units, self.floor_from, self.per_floor,
                   self.pattern, self.usage, self.status]
        for lbl, w, b in zip(self.labels, rows, buddies):
            lbl.setBuddy(b)
            form.addRow(lbl, w)
        form.addRow("", self.pattern_help)
        ll.addWidget(self.params_box)
        self.areas_box = QGroupBox()
        al = QVBoxLayout(self.areas_box)
        self.areas = QTableWidget(0, 4)
        self.areas.setObjectName("areas")
        self.areas.verticalHeader().setVisible(False)
        self.areas.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        al.addWidget(self.areas)
        ll.addWidget(self.areas_box, 1)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.preview_title = QLabel()
        self.preview_title.setObjectName("sectionTitle")
        rl.addWidget(self.preview_title)
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        rl.addWidget(self.summary)
        self.preview_model = RowTableModel(PREVIEW_COLUMNS)
        self.preview = TableView(export_title=tr_noop("批量生成房间预览"))
        self.preview.setObjectName("previewTable")
        self.preview.set_context(ctx)
        self.preview.setSortingEnabled(False)
        self.preview.setModel(self.preview_model)
        rl.addWidget(self.preview, 1)
        split.addWidget(right)
        split.setSizes([430, 650])

        self.error = ErrorLabel()
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("previewButton")
        self.create_button = QPushButton()
        self.create_button.setObjectName("primary")
        self.close_button = QPushButton()
        for b in (self.preview_button, self.create_button, self.close_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.run_preview)
        self.create_button.clicked.connect(self.create)
        self.close_button.clicked.connect(self.reject)
        self.estate.currentIndexChanged.connect(self._estate_changed)
        for sig in (self.building.currentIndexChanged, self.units.textChanged,
                    self.floor_from.valueChanged, self.floor_to.valueChanged,
                    self.pattern.textChanged, self.usage.currentIndexChanged,
                    self.status.currentIndexChanged, self.areas.itemChanged):
            sig.connect(self._invalidate)
        self.per_floor.valueChanged.connect(self._resize_areas)
        self.building.currentIndexChanged.connect(self._building_changed)
        self._resize_areas()
        self.retranslate()
        self._invalidate()
        actor = ctx.actor
        ctx.tasks.read(lambda s: building_refs(s, actor), parent=self).success(self._refs_loaded).run()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("批量生成房间"))
        self.params_box.setTitle(tr("生成规则"))
        texts = (tr("小区"), tr("楼栋(&B)"), tr("单元(&U)"), tr("楼层(&F)"), tr("每层户数(&N)"),
                 tr("编码规则(&P)"), tr("用途"), tr("初始状态"))
        for lbl, t in zip(self.labels, texts):
            lbl.setText(t)
        self.to_label.setText(tr("至"))
        self.units.setPlaceholderText(tr("如：1,2,3"))
        self.pattern_help.setText(tr(
            "房间编码 = 小区编码-楼栋编码-规则结果。可用 {unit} 单元、{floor} 楼层、{room} 户序，"
            "如 {floor:02d} 补足两位。最后一个“-”之后是房号。"))
        self.areas_box.setTitle(tr("各户默认面积（按每层的户序）"))
        self.areas.setHorizontalHeaderLabels([tr("户序"), tr("建筑面积"), tr("套内面积"), tr("户型")])
        self.preview_title.setText(tr("预览"))
        self.preview_button.setText(tr("预览(&V)"))
        self.create_button.setText(tr("生成(&C)"))
        self.close_button.setText(tr("关闭"))
        self._show_summary()

    # -- pickers -----------------------------------------------------------------------
    def _refs_loaded(self, refs) -> None:
        self._refs = refs
        self.estate.blockSignals(True)
        self.estate.clear()
        seen = []
        for r in refs:
            if r.estate_id not in seen:
                seen.append(r.estate_id)
                self.estate.addItem(f"{r.estate_name} ({r.estate_code})", r.estate_id)
        want = next((r for r in refs if r.building_id == self.want_building), None)
        if want is not None:
            self.estate.setCurrentIndex(self.estate.findData(want.estate_id))
        self.estate.blockSignals(False)
        self._estate_changed()
        if want is not None:
            self.building.setCurrentIndex(self.building.findData(want.building_id))

    def _estate_changed(self) -> None:
        eid = self.estate.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        for r in self._refs:
            if r.estate_id == eid:
                self.building.addItem(f"{r.building_name} ({r.building_code})", r.building_id)
        self.building.blockSignals(False)
        self._building_changed()

    def _building_changed(self) -> None:
        ref = next((r for r in self._refs if r.building_id == self.building.currentData()), None)
        if ref is not None:
            self.floor_to.setValue(max(1, ref.floors))
        self._invalidate()

    def _resize_areas(self) -> None:
        n = self.per_floor.value()
        old = self.areas.rowCount()
        self.areas.blockSignals(True)
        self.areas.setRowCount(n)
        for r in range(old, n):
            ba, ia, layout = DEFAULT_AREAS.get(r + 1, ("", "", ""))
            pos = QTableWidgetItem(str(r + 1))
            pos.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.areas.setItem(r, 0, pos)
            self.areas.setItem(r, 1, QTableWidgetItem(ba))
            self.areas.setItem(r, 2, QTableWidgetItem(ia))
            self.areas.setItem(r, 3, QTableWidgetItem(layout))
        self.areas.blockSignals(False)
        self._invalidate()

    # -- plan ---------------------------------------------------------------------------
    def plan(self) -> RoomPlan:
        """The RoomPlan the form describes; ValidationFailed for bad areas or no building."""
        problems = []
        bid = self.building.currentData()
        if bid is None:
            problems.append(Problem(tr("楼栋"), "请选择楼栋", "choose a building"))
        units = [u.strip() for u in self.units.text().replace("，", ",").split(",") if u.strip()]
        areas: dict[int, tuple[Decimal, Decimal]] = {}
        layouts: dict[int, str] = {}
        for r in range(self.areas.rowCount()):
            vals = []
            for c in (1, 2):
                item = self.areas.item(r, c)
                text = (item.text() if item else "").strip() or "0"
                try:
                    d = Decimal(text)
                    if d < 0 or d != d.quantize(Decimal("0.01")):
                        raise InvalidOperation
                    vals.append(d.quantize(Decimal("0.01")))
                except InvalidOperation:
                    where = tr("第 {n} 户 面积").format(n=r + 1)
                    problems.append(Problem(where, f"面积应为不超过两位小数的数字：{text}",
                                            f"area must be a number with at most 2 decimals: {text}"))
                    vals.append(Decimal("0"))
            areas[r + 1] = (vals[0], vals[1])
            item = self.areas.item(r, 3)
            layouts[r + 1] = (item.text() if item else "").strip()
        if problems:
            raise ValidationFailed(problems)
        return RoomPlan(building_id=bid, units=units,
                        floors=(self.floor_from.value(), self.floor_to.value()),
                        rooms_per_floor=self.per_floor.value(), pattern=self.pattern.text().strip(),
                        areas=areas, usage=self.usage.code(), status=self.status.code(),
                        layout_by_position=layouts)

    def _invalidate(self, *_args) -> None:
        self.previewed_plan = None
        self.create_button.setEnabled(False)
        self._show_summary()

    def run_preview(self):
        self.error.clear_error()
        try:
            plan = self.plan()
        except ValidationFailed as exc:
            self.error.show_error(error_text(exc))
            return None
        actor = self.ctx.actor
        self.preview_button.setEnabled(False)
        return self.ctx.tasks.read(lambda s: preview_rooms(s, actor, plan), parent=self,
                                   key=f"batch-preview-{id(self)}") \
            .success(lambda rows: self._previewed(plan, rows)) \
            .failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.preview_button.setEnabled(True)).run()

    def _previewed(self, plan: RoomPlan, rows) -> None:
        self.planned = rows
        self.preview_model.set_rows(rows)
        clashes = sum(1 for p in rows if p.exists)
        self.previewed_plan = plan
        self.create_button.setEnabled(bool(rows) and clashes == 0)
        self._show_summary()

    def _show_summary(self) -> None:
        if self.planned is None:
            self.summary.setText(tr("设置规则后点“预览”，确认无误再点“生成”。"))
            return
        n = len(self.planned)
        clashes = sum(1 for p in self.planned if p.exists)
        if self.previewed_plan is None:
            text = tr("规则已修改，请重新预览。")
        elif clashes:
            text = tr("共 {n} 间，其中 {k} 个编码已存在（红色），请修改规则后重新预览。").format(n=n, k=clashes)
        else:
            text = tr("将生成 {n} 间房，编码均未被占用。").format(n=n)
        self.summary.setText(text)
        self.summary.setStyleSheet("color:#C0392B;" if clashes and self.previewed_plan else "")

    def create(self):
        plan = self.previewed_plan
        if plan is None:
            return None
        actor = self.ctx.actor
        self.create_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        return self.ctx.tasks.write(lambda s: generate_rooms(s, actor, plan), parent=self,
                                    changes=Changes.of(nodes=[("building", plan.building_id)],
                                                       entities=["room"])) \
            .success(self._created).failure(self._create_failed) \
            .finally_(lambda: self.preview_button.setEnabled(True)).run()

    def _created(self, n: int) -> None:
        self.created = n
        show_info(self.parentWidget(), tr("已生成 {n} 间房。").format(n=n), tr("批量生成房间"))
        self.accept()

    def _create_failed(self, exc: BaseException) -> None:
        self.error.show_error(error_text(exc))
        self.run_preview()
