"""The room detail panel: a header (code, status, where, who) over the registered room tabs."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from propdesk.models.enums import OCCUPANT_ROLES, ROOM_STATUSES, ROOM_USAGES
from propdesk.services.customers import occupants
from propdesk.services.property import room_header
from ui.i18n import label, tr, translated
from ui.icons import ROOM_STATUS_BORDERS, ROOM_STATUS_COLORS
from ui.registry import load
from ui.room_tabs import RoomTab, tabs_for
from ui.tasks import Changes
from ui.widgets.base import Retranslatable


class RoomDetailPanel(Retranslatable, QWidget):
    header_loaded = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.room_id: uuid.UUID | None = None
        self.header = None
        self._occupants = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(12)
        self.code = QLabel()
        self.code.setObjectName("roomCode")
        self.status = QLabel()
        self.status.setObjectName("statusChip")
        top.addWidget(self.code)
        top.addWidget(self.status)
        top.addStretch(1)
        lay.addLayout(top)
        self.where = QLabel()
        self.where.setObjectName("muted")
        self.people = QLabel()
        self.people.setWordWrap(True)
        lay.addWidget(self.where)
        lay.addWidget(self.people)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("roomTabs")
        self.entries = tabs_for(ctx.actor)
        # A tab's module is imported and its widget built the first time it is
        # shown, so later issues' tabs cost nothing until someone opens them.
        self.tab_widgets: dict[str, RoomTab] = {}
        for _e in self.entries:
            self.tabs.addTab(QWidget(), "")
        self.tabs.currentChanged.connect(self._load_current)
        lay.addWidget(self.tabs, 1)
        ctx.tasks.changed.connect(self._on_changes)
        self.retranslate()

    def retranslate(self) -> None:
        for i, e in enumerate(self.entries):
            self.tabs.setTabText(i, translated(e.title))
        self._show_header()

    # -- room selection ---------------------------------------------------------------
    def can_leave(self) -> bool:
        return all(w.can_leave() for w in self.tab_widgets.values())

    def set_room(self, room_id: uuid.UUID) -> None:
        self.room_id = room_id
        for w in self.tab_widgets.values():
            w.set_room(room_id)
        self._load_header()
        self._load_current()

    def tab(self, key: str) -> RoomTab:
        """The tab widget for ``key``, built on first use."""
        if key not in self.tab_widgets:
            i = next(i for i, e in enumerate(self.entries) if e.key == key)
            entry = self.entries[i]
            w: RoomTab = load(entry.factory)(self.ctx, self)
            w.setObjectName(f"roomTab_{key}")
            if self.room_id is not None:
                w.set_room(self.room_id)
            self.tab_widgets[key] = w
            placeholder = self.tabs.widget(i)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            self.tabs.removeTab(i)
            self.tabs.insertTab(i, w, translated(entry.title))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()
        return self.tab_widgets[key]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.tab(key))

    def _load_current(self) -> None:
        i = self.tabs.currentIndex()
        if not (0 <= i < len(self.entries)):
            return
        w = self.tab(self.entries[i].key)
        if w.stale and w.room_id is not None:
            w.load()

    def _load_header(self) -> None:
        rid, actor = self.room_id, self.ctx.actor

        def work(s):
            return room_header(s, actor, rid), occupants(s, actor, rid)
        self.ctx.tasks.read(work, parent=self, key=f"room-header-{id(self)}") \
            .success(self._header_done).run()

    def _header_done(self, result) -> None:
        self.header, self._occupants = result
        self._show_header()
        self.header_loaded.emit(self.header)

    def _show_header(self) -> None:
        h = self.header
        if h is None:
            self.code.setText("")
            self.status.hide()
            self.where.setText("")
            self.people.setText("")
            return
        self.code.setText(h.code)
        self.status.show()
        self.status.setText(label(ROOM_STATUSES, h.status))
        self.status.setStyleSheet(
            f"background:{ROOM_STATUS_COLORS.get(h.status, '#FFF')};"
            f"border-color:{ROOM_STATUS_BORDERS.get(h.status, '#999')};")
        parts = [h.estate_name, h.building_name] + ([h.unit_name] if h.unit_name else [])
        self.where.setText(" · ".join(parts + [tr("{floor}层").format(floor=h.floor),
                                               label(ROOM_USAGES, h.usage),
                                               tr("建筑面积 {area}㎡").format(area=h.building_area)]))
        who = [tr("{role}：{name}").format(role=label(OCCUPANT_ROLES, o.role), name=o.name)
               for o in self._occupants]
        self.people.setText("　".join(who) if who else tr("暂无住户"))

    def _on_changes(self, changes: Changes) -> None:
        if self.room_id is None:
            return
        if self.room_id in changes.rooms or self.room_id in changes.occupancy \
                or changes.customers & {o.customer_id for o in self._occupants}:
            self._load_header()
        for w in self.tab_widgets.values():
            w.on_changes(changes)
        self._load_current()
