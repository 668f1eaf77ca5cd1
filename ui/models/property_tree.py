"""The property tree as a lazy Qt model: company → region → estate → building → unit → room.

Rooms read "0502室 张三丰": the number, then the current owner's name when there is one.

Only the top level is loaded at start.  A node's children are read when the
view asks for them (``canFetchMore``/``fetchMore``, i.e. when the operator
expands it) through ``loader(kind, id)``, normally
``propdesk.services.property.children``: one indexed query for one node, a
few milliseconds even with 100,000 rooms.  Nothing is ever reloaded whole; a
change refreshes the one node it touched (:meth:`refresh_children`,
:meth:`update_node`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from propdesk.models.enums import ROOM_STATUSES, SPACE_STATUSES
from propdesk.services.property import Node
from ui.i18n import label, tr
from ui.icons import icon, room_status_icon, space_status_icon

KIND_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
STATUS_ROLE = Qt.ItemDataRole.UserRole + 12

# The view calls flags()/data() for every visible row on every layout; PySide
# enum attribute access and "|" cost microseconds each, so compute them once.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_KIND, _ID, _STATUS = int(KIND_ROLE), int(ID_ROLE), int(STATUS_ROLE)

Loader = Callable[[str, "uuid.UUID | None"], list[Node]]

_KIND_ICONS = {"company": "company", "region": "region", "estate": "estate",
               "building": "building", "unit": "unit", "lot": "lot"}


class _Item:
    __slots__ = ("kind", "id", "label", "status", "owner", "has_children", "parent", "row",
                 "children", "by_key")

    def __init__(self, kind: str, node_id, label: str, status: str, has_children: bool,
                 parent: "_Item | None", row: int, owner: str = "") -> None:
        self.kind = kind
        self.id = node_id
        self.label = label
        self.status = status
        self.owner = owner
        self.has_children = has_children
        self.parent = parent
        self.row = row
        self.children: list[_Item] | None = None      # None: not loaded yet
        self.by_key: dict[tuple[str, uuid.UUID], _Item] = {}

    def set_children(self, nodes: list[Node]) -> None:
        self.children = [_Item(n.kind, n.id, n.label, n.status, n.has_children, self, i, n.owner)
                         for i, n in enumerate(nodes)]
        self.by_key = {(c.kind, c.id): c for c in self.children}


class PropertyTreeModel(QAbstractItemModel):
    def __init__(self, loader: Loader, parent=None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._root = _Item("root", None, "", "", True, None, 0)
        self.loaded = Counter()        # rows loaded per kind (tests and the bench read it)
        self._root.set_children(self._load(self._root))

    # -- loading -------------------------------------------------------------------
    def _load(self, item: _Item) -> list[Node]:
        nodes = self._loader(item.kind, item.id)
        self.loaded.update(n.kind for n in nodes)
        return nodes

    def _item(self, index: QModelIndex) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def _index_of(self, item: _Item) -> QModelIndex:
        if item is self._root or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.row, 0, item)

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802
        item = self._item(parent)
        if item.children is None:
            if item is self._root:
                return True
            return item.has_children
        return bool(item.children)

    def canFetchMore(self, parent) -> bool:  # noqa: N802
        item = self._item(parent)
        return item.children is None and (item is self._root or item.has_children)

    def fetchMore(self, parent) -> None:  # noqa: N802
        item = self._item(parent)
        if item.children is not None:
            return
        nodes = self._load(item)
        if not nodes:
            item.children = []
            item.has_children = False
            # the expand arrow disappears: tell the view this row changed
            if item is not self._root:
                idx = self._index_of(item)
                self.dataChanged.emit(idx, idx)
            return
        self.beginInsertRows(parent, 0, len(nodes) - 1)
        item.set_children(nodes)
        self.endInsertRows()

    # -- Qt model API ----------------------------------------------------------------
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        item = self._item(parent)
        if item.children is None or row >= len(item.children):
            return QModelIndex()
        return self.createIndex(row, 0, item.children[row])

    def parent(self, index=QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        item: _Item = index.internalPointer()
        p = item.parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        item = self._item(parent)
        return len(item.children) if item.children is not None else 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 1

    def flags(self, index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: _Item = index.internalPointer()
        if role == _DISPLAY:
            if item.kind == "room":
                text = tr("{number}室").format(number=item.label)
                return f"{text} {item.owner}" if item.owner else text
            if item.kind == "space":
                return tr("{number}号车位").format(number=item.label)
            return item.label
        if role == _DECORATION:
            if item.kind == "room":
                return room_status_icon(item.status)
            if item.kind == "space":
                return space_status_icon(item.status)
            return icon(_KIND_ICONS.get(item.kind, ""))
        if role == _TOOLTIP:
            if item.kind == "room":
                return label(ROOM_STATUSES, item.status)
            if item.kind == "space":
                return label(SPACE_STATUSES, item.status)
            return None
        if role == _KIND:
            return item.kind
        if role == _ID:
            return item.id
        if role == _STATUS:
            return item.status
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and section == 0:
            return tr("房产")
        return None

    # -- navigation and updates ----------------------------------------------------------
    def node(self, index: QModelIndex) -> tuple[str, uuid.UUID] | None:
        if not index.isValid():
            return None
        item: _Item = index.internalPointer()
        return item.kind, item.id

    def find_loaded(self, kind: str, node_id: uuid.UUID) -> QModelIndex:
        """The index of a node already loaded (no query), or an invalid index."""
        stack = [self._root]
        while stack:
            it = stack.pop()
            if it.children is None:
                continue
            hit = it.by_key.get((kind, node_id))
            if hit is not None:
                return self._index_of(hit)
            stack.extend(c for c in it.children if c.children is not None)
        return QModelIndex()

    def index_for_path(self, path: list[tuple[str, uuid.UUID]]) -> QModelIndex:
        """Walk ``path`` (from ``property.path_to``) from the top, loading what is needed."""
        parent = QModelIndex()
        for kind, node_id in path:
            item = self._item(parent)
            if item.children is None:
                self.fetchMore(parent)
            hit = item.by_key.get((kind, node_id)) if item.children is not None else None
            if hit is None:
                return QModelIndex()
            parent = self._index_of(hit)
        return parent

    def update_node(self, kind: str, node_id: uuid.UUID, *, label: str | None = None,
                    status: str | None = None, owner: str | None = None) -> bool:
        """Change one loaded node's label/status/owner in place; False if it is not loaded."""
        idx = self.find_loaded(kind, node_id)
        if not idx.isValid():
            return False
        item: _Item = idx.internalPointer()
        if label is not None:
            item.label = label
        if status is not None:
            item.status = status
        if owner is not None:
            item.owner = owner
        self.dataChanged.emit(idx, idx)
        return True

    def refresh_children(self, kind: str, node_id: uuid.UUID | None) -> None:
        """Re-read the children of one loaded node (after rooms were generated under it).

        Children that are still there keep their loaded subtrees, so what the
        operator had expanded stays expanded.
        """
        idx = QModelIndex() if kind == "root" else self.find_loaded(kind, node_id)
        if kind != "root" and not idx.isValid():
            return
        item = self._item(idx)
        if item.children is None:
            if not item.has_children:
                item.has_children = True
                self.dataChanged.emit(idx, idx)
            return
        nodes = self._load(item)
        new_keys = {(n.kind, n.id) for n in nodes}
        old = item.by_key
        # remove rows that vanished, from the bottom up
        for child in reversed(list(item.children)):
            if (child.kind, child.id) not in new_keys:
                self.beginRemoveRows(idx, child.row, child.row)
                item.children.pop(child.row)
                for i, c in enumerate(item.children):
                    c.row = i
                self.endRemoveRows()
        # insert new rows at their place, update the others
        for pos, n in enumerate(nodes):
            key = (n.kind, n.id)
            if key in old and old[key] in item.children:
                existing = old[key]
                if existing.row != pos:   # moved: take it out and put it back
                    self.beginMoveRows(idx, existing.row, existing.row, idx,
                                       pos if pos < existing.row else pos + 1)
                    item.children.pop(existing.row)
                    item.children.insert(pos, existing)
                    for i, c in enumerate(item.children):
                        c.row = i
                    self.endMoveRows()
                if (existing.label, existing.status, existing.owner) != (n.label, n.status, n.owner):
                    existing.label, existing.status, existing.owner = n.label, n.status, n.owner
                    ci = self._index_of(existing)
                    self.dataChanged.emit(ci, ci)
                existing.has_children = n.has_children
            else:
                self.beginInsertRows(idx, pos, pos)
                new = _Item(n.kind, n.id, n.label, n.status, n.has_children, item, pos, n.owner)
                item.children.insert(pos, new)
                for i, c in enumerate(item.children):
                    c.row = i
                self.endInsertRows()
        item.by_key = {(c.kind, c.id): c for c in item.children}
        if not item.children and item is not self._root:
            item.has_children = False

    def retranslate(self) -> None:
        """Room labels ("0502室") follow the language: repaint the loaded rows."""
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
