"""房产资料: search box + lazy property tree on the left, the selected node's detail on the right.

Selecting a room shows the room detail panel (registered tabs); a building or
unit shows its 房态图; an estate or above shows counts by status; a parking
space shows its holders.  Ctrl+F searches (room code, name or pinyin
initials, phone, ID tail, plate); Enter jumps to the first result.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QSplitter, QStackedWidget, QTreeView, QVBoxLayout, QWidget,
)

from propdesk.models.enums import (
    OCCUPANT_ROLES, SPACE_KINDS, SPACE_STATUSES,
)
from propdesk.security import MASTER_EDIT
from propdesk.services import property as prop
from propdesk.services.search import search
from ui.dialogs.master_data import CREATE_UNDER, EDITABLE, SPECS
from ui.i18n import label, tr, tr_noop, translated
from ui.icons import icon
from ui.models.property_tree import ID_ROLE, KIND_ROLE, PropertyTreeModel
from ui.screens.room_detail import RoomDetailPanel
from ui.screens.room_map import BuildingMapPanel
from ui.tasks import Changes
from ui.widgets.base import Retranslatable, Screen
from ui.widgets.room_grid import StatusLegend

# what search.Hit.matched says, for translation
MATCHED = {"房间编码": tr_noop("房间编码"), "车位编码": tr_noop("车位编码"), "姓名": tr_noop("姓名"),
           "拼音": tr_noop("拼音"), "手机": tr_noop("手机"), "证件号码": tr_noop("证件号码"),
           "车牌": tr_noop("车牌")}
_CREATE_ICONS = {"region": "region", "estate": "estate", "building": "building", "unit": "unit",
                 "lot": "lot", "space": "lot"}
KIND_NAMES = {"company": tr_noop("公司"), "region": tr_noop("区域"), "estate": tr_noop("小区"),
              "building": tr_noop("楼栋"), "unit": tr_noop("单元"), "lot": tr_noop("停车场")}


class OverviewPanel(Retranslatable, QWidget):
    """A company, region or estate: its name and its rooms counted by status."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind, self.node_id, self.name = "", None, ""
        self.counts: dict[str, int] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(12)
        self.title = QLabel()
        self.title.setObjectName("roomCode")
        self.kind_label = QLabel()
        self.kind_label.setObjectName("muted")
        lay.addWidget(self.title)
        lay.addWidget(self.kind_label)
        card = QFrame()
        card.setObjectName("card")
        cl = QVBoxLayout(card)
        cl.setContentsMargins(16, 14, 16, 14)
        self.total = QLabel()
        self.total.setObjectName("sectionTitle")
        self.legend = StatusLegend()
        cl.addWidget(self.total)
        cl.addWidget(self.legend)
        lay.addWidget(card)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.card = card
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.name or tr("房产资料"))
        self.kind_label.setText(translated(KIND_NAMES.get(self.kind, "")) if self.kind else "")
        if self.counts is None:
            self.total.setText(tr("正在统计…") if self.node_id else "")
        else:
            self.total.setText(tr("共 {n} 间房").format(n=sum(self.counts.values())))
        self.hint.setText(tr(
            "在左侧展开小区、楼栋和单元，选择房间查看和修改资料；选择楼栋或单元查看房态图。"
            "按 Ctrl+F 可按房号、姓名、拼音首字母、手机、证件号后几位或车牌查找。"))

    def show_node(self, kind: str, node_id, name: str) -> None:
        self.kind, self.node_id, self.name, self.counts = kind, node_id, name, None
        self.card.setVisible(kind in ("company", "region", "estate"))
        self.retranslate()
        if kind in ("company", "region", "estate"):
            actor = self.ctx.actor
            self.ctx.tasks.read(lambda s: prop.room_status_counts(s, actor, kind, node_id),
                                parent=self, key=f"overview-{id(self)}").success(self._counts).run()

    def _counts(self, counts) -> None:
        self.counts = counts
        self.legend.set_counts(counts)
        self.retranslate()


class SpacePanel(Retranslatable, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("roomCode")
        lay.addWidget(self.title)
        card = QFrame()
        card.setObjectName("card")
        self.form = QFormLayout(card)
        self.form.setContentsMargins(16, 14, 16, 14)
        self.labels = [QLabel() for _ in range(6)]
        self.values = [QLabel() for _ in range(6)]
        for lbl, val in zip(self.labels, self.values):
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(lbl, val)
        lay.addWidget(card)
        self.holders = QListWidget()
        self.holders.setObjectName("spaceHolders")
        lay.addWidget(self.holders, 1)
        self.holders.itemClicked.connect(self._open)
        self.retranslate()

    def retranslate(self) -> None:
        for lbl, t in zip(self.labels, (tr("车位编码"), tr("停车场"), tr("类型"), tr("状态"),
                                        tr("面积(㎡)"), tr("车辆"))):
            lbl.setText(t)
        d = self.detail
        self.title.setText(d.code if d else "")
        if d:
            for val, t in zip(self.values, (d.code, d.lot_name, label(SPACE_KINDS, d.kind),
                                            label(SPACE_STATUSES, d.status), str(d.area),
                                            "、".join(d.plates) or tr("（无）"))):
                val.setText(t)

    def show_space(self, space_id: uuid.UUID) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.read(lambda s: prop.space_detail(s, actor, space_id), parent=self,
                            key=f"space-{id(self)}").success(self._show).run()

    def _show(self, d) -> None:
        self.detail = d
        self.holders.clear()
        for cid, name, role, since in d.holders:
            item = QListWidgetItem(icon("person"), tr("{name}（{role}，{since} 起）").format(
                name=name, role=label(OCCUPANT_ROLES, role), since=since))
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.holders.addItem(item)
        self.retranslate()

    def _open(self, item) -> None:
        """A holder's rooms: jump to the first room they hold."""
        from propdesk.services.customers import customer_holdings

        cid, actor = item.data(Qt.ItemDataRole.UserRole), self.ctx.actor
        self.ctx.tasks.read(lambda s: customer_holdings(s, actor, cid), parent=self) \
            .success(lambda rows: [self.ctx.open_node(k, i) for k, i, _c, _r in rows[:1]
                                   if k == "room"]).run()


class NavigatorScreen(Screen):
    node_shown = Signal(str, object)   # (kind, id) now shown on the right

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editable = ctx.can(MASTER_EDIT)
        self._jump_after_search = False
        self._last_index = QModelIndex()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        lay.addWidget(split)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        ll.setSpacing(6)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        ll.addWidget(self.search_box)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setMaximumHeight(240)
        self.results.hide()
        ll.addWidget(self.results)
        self.no_results = QLabel()
        self.no_results.setObjectName("hint")
        self.no_results.hide()
        ll.addWidget(self.no_results)
        self.model = PropertyTreeModel(self._load_children, self)
        self.tree = QTreeView()
        self.tree.setObjectName("propertyTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAnimated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ll.addWidget(self.tree, 1)
        split.addWidget(left)

        self.pages = QStackedWidget()
        self.overview = OverviewPanel(ctx)
        self.building_map = BuildingMapPanel(ctx)
        self.room_panel = RoomDetailPanel(ctx)
        self.space_panel = SpacePanel(ctx)
        for w in (self.overview, self.building_map, self.room_panel, self.space_panel):
            page = QWidget()
            pl = QVBoxLayout(page)
            pl.setContentsMargins(10, 4, 4, 4)
            pl.addWidget(w)
            self.pages.addWidget(page)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 900])

        self._build_actions()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(180)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._search_edited)
        self.search_box.returnPressed.connect(self._search_enter)
        self.search_box.installEventFilter(self)
        self.results.itemActivated.connect(self._result_activated)
        self.results.itemClicked.connect(self._result_activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.building_map.room_activated.connect(lambda rid: self.jump_to("room", rid))
        self.building_map.room_clicked.connect(lambda rid: self.jump_to("room", rid))
        ctx.tasks.changed.connect(self._on_changes)
        self.retranslate()
        self._expand_single_top()
        self.pages.setCurrentIndex(0)

    # -- setup ------------------------------------------------------------------------
    def _load_children(self, kind: str, node_id):
        with self.ctx.db.session(write=False) as s:
            return prop.children(s, kind, node_id)

    def _build_actions(self) -> None:
        self.find_action = QAction(icon("search"), "", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.generate_action = QAction(icon("generate"), "", self)
        self.generate_action.setShortcut(QKeySequence("Ctrl+G"))
        self.generate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.generate_action.triggered.connect(self.open_batch_dialog)
        self.generate_action.setVisible(self.editable)
        self.generate_action.setEnabled(self.editable)
        self.refresh_action = QAction("", self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh_selected)
        self.create_actions: dict[str, QAction] = {}
        for kind in ("region", "estate", "building", "unit", "lot", "space"):
            a = QAction(icon(_CREATE_ICONS[kind]), "", self)
            a.setObjectName(f"create_{kind}")
            a.triggered.connect(lambda _=False, k=kind: self.open_create(k))
            self.create_actions[kind] = a
        self.edit_action = QAction("", self)
        self.edit_action.setObjectName("edit_node")
        self.edit_action.triggered.connect(self.open_edit)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._update_node_actions()
        self.tree_action = QAction("", self)
        self.tree_action.setShortcut(QKeySequence("Ctrl+T"))
        self.tree_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree_action.triggered.connect(self.tree.setFocus)
        for a in (self.find_action, self.generate_action, self.refresh_action, self.tree_action):
            self.addAction(a)

    def menu_actions(self) -> list:
        acts = [self.find_action, self.tree_action, self.refresh_action]
        if self.editable:
            acts += [None, self.generate_action, None, *self.create_actions.values(),
                     self.edit_action]
        return acts

    # -- 新建/修改 of tree nodes ----------------------------------------------------------
    def node_actions(self, kind: str | None) -> list[QAction]:
        """What may be done on a node of ``kind``: the context menu's entries."""
        if not self.editable or kind is None:
            return []
        acts = [self.create_actions[k] for k in CREATE_UNDER.get(kind, [])]
        if kind in EDITABLE:
            acts.append(self.edit_action)
        return acts

    def _update_node_actions(self) -> None:
        node = self.selected_node()
        allowed = set(self.node_actions(node[0] if node else None))
        for a in [*self.create_actions.values(), self.edit_action]:
            a.setEnabled(a in allowed)
            a.setVisible(self.editable)

    def _context_menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu

        idx = self.tree.indexAt(pos)
        if not idx.isValid():
            return
        self.tree.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        acts = self.node_actions(idx.data(KIND_ROLE))
        if acts:
            menu = QMenu(self)
            menu.addActions(acts)
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def open_create(self, kind: str):
        """新建 a ``kind`` node under the selected node; the new node is selected when saved."""
        from ui.dialogs.master_data import create_dialog

        node = self.selected_node()
        if node is None or kind not in CREATE_UNDER.get(node[0], []) or not self.editable:
            return None
        dlg = create_dialog(self.ctx, kind, node[1], self)
        dlg.accepted.connect(lambda: self.jump_to(kind, dlg.result_value))
        dlg.open()
        return dlg

    def open_edit(self):
        """修改 the selected estate or building."""
        from ui.dialogs.master_data import edit_dialog

        idx = self.tree.currentIndex()
        node, parent = self.model.node(idx), self.model.node(idx.parent())
        if node is None or parent is None or node[0] not in EDITABLE or not self.editable:
            return None
        dlg = edit_dialog(self.ctx, node[0], node[1], parent, self)
        dlg.accepted.connect(lambda: self._current_changed(self.tree.currentIndex(), QModelIndex()))
        dlg.open()
        return dlg

    def retranslate(self) -> None:
        for kind, a in self.create_actions.items():
            a.setText(translated(SPECS[kind].title) + "…")
        self.edit_action.setText(tr("修改(&E)…"))
        self.search_box.setPlaceholderText(
            tr("查找 房号/姓名/拼音/手机/证件/车牌"))
        self.search_box.setToolTip(tr("按房间编码、姓名、拼音首字母、手机号、证件号后几位或车牌查找；"
                                      "Enter 打开第一个结果，↓ 进入结果列表 (Ctrl+F)"))
        self.find_action.setText(tr("查找(&F)"))
        self.generate_action.setText(tr("批量生成房间(&G)…"))
        self.refresh_action.setText(tr("刷新(&R)"))
        self.tree_action.setText(tr("转到房产树(&T)"))
        self.no_results.setText(tr("没有找到匹配的房间、客户或车辆"))
        self.model.retranslate()
        for i in range(self.results.count()):
            item = self.results.item(i)
            item.setText(self._hit_text(item.data(Qt.ItemDataRole.UserRole)))

    def _expand_single_top(self) -> None:
        """Open company and region when there is only one of each (no rooms are read)."""
        idx = QModelIndex()
        for _ in range(2):
            if self.model.rowCount(idx) != 1:
                break
            idx = self.model.index(0, 0, idx)
            if self.model.canFetchMore(idx):
                self.model.fetchMore(idx)
            self.tree.expand(idx)

    # -- search -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search_edited(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.results.clear()
            self.results.hide()
            self.no_results.hide()

    def run_search(self) -> None:
        self._timer.stop()
        text, actor = self.search_box.text(), self.ctx.actor
        self.ctx.tasks.read(lambda s: search(s, actor, text), parent=self, key="nav-search") \
            .success(self._show_hits).run()

    def _hit_text(self, h) -> str:
        how = translated(MATCHED.get(h.matched, h.matched))
        if h.customer:
            return tr("{code}　{name}（{how}）").format(code=h.code, name=h.customer, how=how)
        return tr("{code}（{how}）").format(code=h.code, how=how)

    def _show_hits(self, hits) -> None:
        self.results.clear()
        for h in hits:
            item = QListWidgetItem(icon("unit" if h.kind == "room" else "lot"), self._hit_text(h))
            item.setData(Qt.ItemDataRole.UserRole, h)
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        self.no_results.setVisible(not hits and bool(self.search_box.text().strip()))
        if hits:
            self.results.setCurrentRow(0)
        if self._jump_after_search:
            self._jump_after_search = False
            if hits:
                self._result_activated(self.results.currentItem())

    def _search_enter(self) -> None:
        if self._timer.isActive() or not self.results.count():
            self._jump_after_search = True
            self.run_search()
            return
        self._result_activated(self.results.currentItem() or self.results.item(0))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(min(self.results.currentRow() + 1,
                                               self.results.count() - 1))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.tree.setFocus()
                return True
        return super().eventFilter(obj, event)

    def _result_activated(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        h = item.data(Qt.ItemDataRole.UserRole)
        self.jump_to(h.kind, h.target_id)

    # -- tree navigation -------------------------------------------------------------------
    def jump_to(self, kind: str, node_id: uuid.UUID) -> bool:
        """Expand the path to a node, select it and show its detail."""
        with self.ctx.db.session(write=False) as s:
            path = prop.path_to(s, kind, node_id)
        idx = self.model.index_for_path(path)
        if not idx.isValid():
            return False
        p = idx.parent()
        chain = []
        while p.isValid():
            chain.append(p)
            p = p.parent()
        for a in reversed(chain):
            self.tree.expand(a)
        self.tree.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.tree.setFocus()
        return True

    def selected_node(self) -> tuple[str, uuid.UUID] | None:
        return self.model.node(self.tree.currentIndex())

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._update_node_actions()
        if not current.isValid():
            return
        kind = current.data(KIND_ROLE)
        if self.pages.currentWidget() is self.room_panel.parentWidget() \
                and previous.isValid() and not self.room_panel.can_leave():
            sm = self.tree.selectionModel()
            sm.blockSignals(True)
            sm.setCurrentIndex(previous, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            sm.blockSignals(False)
            self.tree.viewport().update()
            self._update_node_actions()
            return
        node_id = current.data(ID_ROLE)
        name = current.data(Qt.ItemDataRole.DisplayRole)
        if kind == "room":
            self._show_page(self.room_panel)
            self.room_panel.set_room(node_id)
        elif kind in ("building", "unit"):
            b = current if kind == "building" else current.parent()
            unit_code = ""
            if kind == "unit":
                unit_code = self._unit_code(name)
            self._show_page(self.building_map)
            self.building_map.load(b.data(ID_ROLE), self._title_for(b), unit_code)
        elif kind == "space":
            self._show_page(self.space_panel)
            self.space_panel.show_space(node_id)
        else:
            self._show_page(self.overview)
            self.overview.show_node(kind, node_id, name)
        self.node_shown.emit(kind, node_id)

    @staticmethod
    def _unit_code(name: str) -> str:
        # units are named "<code>单元" by property.create_unit; the grid knows codes
        return name[:-2] if name.endswith("单元") else name

    def _title_for(self, building_index: QModelIndex) -> str:
        estate = building_index.parent()
        estate_name = estate.data(Qt.ItemDataRole.DisplayRole) or ""
        return f"{estate_name.split(' (')[0]} {building_index.data(Qt.ItemDataRole.DisplayRole)}"

    def _show_page(self, panel: QWidget) -> None:
        self.pages.setCurrentWidget(panel.parentWidget())

    def refresh_selected(self) -> None:
        node = self.selected_node()
        if node is None:
            self.model.refresh_children("root", None)
            return
        kind, node_id = node
        if kind not in ("room", "space"):
            self.model.refresh_children(kind, node_id)
        self._current_changed(self.tree.currentIndex(), QModelIndex())

    # -- batch generation ---------------------------------------------------------------
    def open_batch_dialog(self):
        from ui.dialogs.batch_rooms import BatchRoomsDialog

        if not self.editable:
            return None
        building = None
        idx = self.tree.currentIndex()
        while idx.isValid():
            if idx.data(KIND_ROLE) == "building":
                building = idx.data(ID_ROLE)
                break
            idx = idx.parent()
        dlg = BatchRoomsDialog(self.ctx, building, self)
        dlg.open()
        return dlg

    # -- changes ------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        for kind, node_id in changes.nodes:
            self.model.refresh_children(kind, node_id)
        rooms = [r for r in changes.rooms | changes.occupancy
                 if self.model.find_loaded("room", r).isValid()]
        if rooms:
            actor = self.ctx.actor

            self.ctx.tasks.read(lambda s: prop.room_nodes(s, actor, rooms), parent=self).success(
                lambda nodes: [self.model.update_node("room", n.id, status=n.status, owner=n.owner)
                               for n in nodes]).run()

    def can_leave(self) -> bool:
        return self.room_panel.can_leave()

    def activated(self) -> None:
        if not self.search_box.text():
            self.tree.setFocus()
