"""房态图: a building's rooms by status, as a panel (in the navigator) and as a screen."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from propdesk.services.property import building_grid, building_refs
from ui.i18n import tr
from ui.tasks import Changes
from ui.widgets.base import Retranslatable, Screen
from ui.widgets.room_grid import RoomGrid, StatusLegend


class BuildingMapPanel(Retranslatable, QWidget):
    """Title, legend and the grid of one building; reloads itself when its rooms change."""

    room_clicked = Signal(object)
    room_activated = Signal(object)
    loaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.building_id: uuid.UUID | None = None
        self.building_title = ""
        self.highlight_unit = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        head.addWidget(self.title)
        head.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        head.addWidget(self.summary)
        lay.addLayout(head)
        self.legend = StatusLegend()
        lay.addWidget(self.legend)
        self.grid = RoomGrid()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.grid)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll.setObjectName("card")
        lay.addWidget(self.scroll, 1)
        self.grid.room_clicked.connect(self.room_clicked)
        self.grid.room_activated.connect(self.room_activated)
        ctx.tasks.changed.connect(self._on_changes)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("{building} 房态图").format(building=self.building_title)
                           if self.building_title else tr("房态图"))
        n = len(self.grid.cells())
        self.summary.setText(tr("共 {n} 间").format(n=n) if self.building_id else "")
        self.grid.update()

    def load(self, building_id: uuid.UUID, title: str = "", highlight_unit: str = "") -> None:
        self.building_id = building_id
        self.building_title = title
        self.highlight_unit = highlight_unit
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: building_grid(s, actor, building_id), parent=self,
                            key=f"grid-{id(self)}").success(self._show).run()

    def _show(self, cells) -> None:
        self.grid.set_cells(cells, self.highlight_unit)
        self.legend.set_counts(dict(self.grid.status_counts()))
        self.retranslate()
        self.loaded.emit()

    def _on_changes(self, changes: Changes) -> None:
        if self.building_id is None:
            return
        shown = {c.room_id for c in self.grid.cells()}
        if ("building", self.building_id) in changes.nodes or changes.rooms & shown \
                or changes.occupancy & shown:
            self.load(self.building_id, self.building_title, self.highlight_unit)


class RoomMapScreen(Screen):
    """房态图 as its own screen: pick an estate and a building; click a room to open it."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(10)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        top.addWidget(self.heading)
        top.addSpacing(24)
        self.estate_label = QLabel()
        self.estate = QComboBox()
        self.estate.setMinimumWidth(160)
        self.building_label = QLabel()
        self.building = QComboBox()
        self.building.setMinimumWidth(120)
        self.estate_label.setBuddy(self.estate)
        self.building_label.setBuddy(self.building)
        for w in (self.estate_label, self.estate, self.building_label, self.building):
            top.addWidget(w)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_current)
        top.addWidget(self.open_button)
        top.addStretch(1)
        lay.addLayout(top)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        lay.addWidget(self.hint)
        self.panel = BuildingMapPanel(ctx)
        lay.addWidget(self.panel, 1)
        self._refs = []
        self.estate.currentIndexChanged.connect(self._estate_changed)
        self.building.currentIndexChanged.connect(self._building_changed)
        self.panel.room_activated.connect(lambda rid: ctx.open_node("room", rid))
        self.panel.room_clicked.connect(lambda rid: ctx.open_node("room", rid))
        self.retranslate()
        self._load_refs()

    def retranslate(self) -> None:
        self.heading.setText(tr("房态图"))
        self.estate_label.setText(tr("小区(&S)"))
        self.building_label.setText(tr("楼栋(&B)"))
        self.open_button.setText(tr("打开房间"))
        self.hint.setText(tr("单击房间打开房间详情；也可用方向键在房间之间移动，按 Enter 打开。"))

    def _load_refs(self) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: building_refs(s, actor), parent=self).success(self._refs_loaded).run()

    def _refs_loaded(self, refs) -> None:
        self._refs = refs
        self.estate.blockSignals(True)
        self.estate.clear()
        seen = []
        for r in refs:
            if r.estate_id not in seen:
                seen.append(r.estate_id)
                self.estate.addItem(f"{r.estate_name} ({r.estate_code})", r.estate_id)
        self.estate.blockSignals(False)
        self._estate_changed()

    def _estate_changed(self) -> None:
        eid = self.estate.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        for r in self._refs:
            if r.estate_id == eid:
                self.building.addItem(r.building_name, r.building_id)
        self.building.blockSignals(False)
        self._building_changed()

    def _building_changed(self) -> None:
        bid = self.building.currentData()
        if bid is not None:
            self.panel.load(bid, f"{self.estate.currentText()} {self.building.currentText()}")

    def show_building(self, building_id: uuid.UUID) -> None:
        for r in self._refs:
            if r.building_id == building_id:
                self.estate.setCurrentIndex(self.estate.findData(r.estate_id))
                self.building.setCurrentIndex(self.building.findData(building_id))
                return

    def _open_current(self) -> None:
        rid = self.panel.grid.current()
        if rid is not None:
            self.ctx.open_node("room", rid)

    def activated(self) -> None:
        if self.panel.building_id is not None:
            self.panel.load(self.panel.building_id, self.panel.building_title)
