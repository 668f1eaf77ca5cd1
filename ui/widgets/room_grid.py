"""房态图: the rooms of one building as a colour-coded grid.

Floors are rows (top floor first), units are column groups, each cell a room
filled with its status colour.  Painted in one widget (not one button per
room), so a 40-floor, 8-unit building draws as fast as a small one.
Mouse: click selects, double-click opens.  Keyboard: arrows move, Enter opens.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolTip, QWidget

from propdesk.models.enums import ROOM_STATUSES
from propdesk.services.property import GridCell
from ui.i18n import label, tr
from ui.icons import ROOM_STATUS_BORDERS, ROOM_STATUS_COLORS

CELL_W, CELL_H = 74, 44
GAP, UNIT_GAP = 6, 22
FLOOR_W, HEADER_H, MARGIN = 52, 30, 12


@dataclass
class _Placed:
    cell: GridCell
    rect: QRect
    row: int      # floor row, 0 = top floor
    col: int      # global column across units


class RoomGrid(QWidget):
    room_clicked = Signal(object)     # room id: clicked with the mouse (opens the room)
    room_activated = Signal(object)   # room id: double-click or Enter
    current_moved = Signal(object)    # room id: the keyboard moved the focus cell

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self._cells: list[_Placed] = []
        self._by_id: dict[uuid.UUID, _Placed] = {}
        self._grid: dict[tuple[int, int], _Placed] = {}
        self._units: list[tuple[str, int, int]] = []   # (unit code, first col, n cols)
        self._floors: list[int] = []
        self._size = QSize(200, 100)
        self._current: uuid.UUID | None = None
        self._highlight_unit = ""
        self._floor_w = FLOOR_W

    # -- data ------------------------------------------------------------------------
    def set_cells(self, cells: list[GridCell], highlight_unit: str = "") -> None:
        """Lay out ``cells`` (as returned by property.building_grid: floor descending)."""
        self._highlight_unit = highlight_unit
        floors = sorted({c.floor for c in cells}, reverse=True)
        units: list[str] = []
        for c in cells:
            if c.unit not in units:
                units.append(c.unit)
        per_floor_unit: dict[tuple[int, str], list[GridCell]] = {}
        for c in cells:
            per_floor_unit.setdefault((c.floor, c.unit), []).append(c)
        for v in per_floor_unit.values():
            v.sort(key=lambda c: (len(c.number), c.number))
        width = {u: max((len(v) for (f, uu), v in per_floor_unit.items() if uu == u), default=1)
                 for u in units}
        self._floors = floors
        # the floor column fits its longest label in the current language ("Floor 18")
        fm = self.fontMetrics()
        self._floor_w = max([FLOOR_W] + [fm.horizontalAdvance(tr("{floor}层").format(floor=f)) + 14
                                         for f in floors])
        self._units, self._cells, self._grid, self._by_id = [], [], {}, {}
        x, col = MARGIN + self._floor_w, 0
        unit_x: dict[str, tuple[int, int]] = {}
        for u in units:
            self._units.append((u, col, width[u]))
            unit_x[u] = (x, col)
            x += width[u] * (CELL_W + GAP) - GAP + UNIT_GAP
            col += width[u]
        for row, floor in enumerate(floors):
            y = MARGIN + HEADER_H + row * (CELL_H + GAP)
            for u in units:
                ux, ucol = unit_x[u]
                for i, c in enumerate(per_floor_unit.get((floor, u), [])):
                    rect = QRect(ux + i * (CELL_W + GAP), y, CELL_W, CELL_H)
                    p = _Placed(c, rect, row, ucol + i)
                    self._cells.append(p)
                    self._grid[(row, ucol + i)] = p
                    self._by_id[c.room_id] = p
        total_w = x - UNIT_GAP + MARGIN if units else 200
        total_h = MARGIN + HEADER_H + len(floors) * (CELL_H + GAP) + MARGIN
        self._size = QSize(max(total_w, 200), max(total_h, 100))
        if self._current not in self._by_id:
            self._current = None
        self.updateGeometry()
        self.resize(self._size)
        self.update()

    def cells(self) -> list[GridCell]:
        return [p.cell for p in self._cells]

    def status_counts(self) -> Counter:
        return Counter(p.cell.status for p in self._cells)

    def cell_rect(self, room_id: uuid.UUID) -> QRect:
        p = self._by_id.get(room_id)
        return QRect(p.rect) if p else QRect()

    def update_cell(self, room_id: uuid.UUID, status: str) -> None:
        p = self._by_id.get(room_id)
        if p is not None:
            c = p.cell
            p.cell = GridCell(c.room_id, c.code, c.number, c.floor, c.unit, status, c.area)
            self.update(p.rect.adjusted(-2, -2, 2, 2))

    def set_current(self, room_id: uuid.UUID | None) -> None:
        self._current = room_id if room_id in self._by_id else None
        self.update()

    def current(self) -> uuid.UUID | None:
        return self._current

    # -- geometry ----------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return self._size

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._size

    def _at(self, pos: QPoint) -> _Placed | None:
        for p in self._cells:
            if p.rect.contains(pos):
                return p
        return None

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
        if not self._cells:
            painter.setPen(QColor("#7B8794"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("该楼栋还没有房间"))
            return
        # unit headers and highlight band
        for code, col0, n in self._units:
            first = next((p for p in self._cells if p.col == col0), None)
            if first is None:
                continue
            x = first.rect.left()
            w = n * (CELL_W + GAP) - GAP
            if code and code == self._highlight_unit:
                band = QRectF(x - 5, MARGIN + 2, w + 10,
                              HEADER_H + len(self._floors) * (CELL_H + GAP) + 2)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("#EAF1FB"))
                painter.drawRoundedRect(band, 6, 6)
            painter.setPen(QColor("#334E68"))
            painter.setFont(bold)
            text = tr("{unit}单元").format(unit=code) if code else tr("无单元")
            painter.drawText(QRect(x, MARGIN, w, HEADER_H - 6),
                             Qt.AlignmentFlag.AlignCenter, text)
        # floor labels
        painter.setFont(base)
        painter.setPen(QColor("#52606D"))
        for row, floor in enumerate(self._floors):
            y = MARGIN + HEADER_H + row * (CELL_H + GAP)
            painter.drawText(QRect(MARGIN, y, self._floor_w - 8, CELL_H),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             tr("{floor}层").format(floor=floor))
        # cells
        exposed = event.rect()
        for p in self._cells:
            if not p.rect.intersects(exposed):
                continue
            st = p.cell.status
            fill = QColor(ROOM_STATUS_COLORS.get(st, "#FFFFFF"))
            border = QColor(ROOM_STATUS_BORDERS.get(st, "#888888"))
            r = QRectF(p.rect).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setBrush(fill)
            current = p.cell.room_id == self._current
            painter.setPen(QPen(QColor("#1F2933") if current else border, 2.5 if current else 1))
            painter.drawRoundedRect(r, 5, 5)
            painter.setPen(QColor("#1F2933"))
            painter.setFont(bold)
            painter.drawText(p.rect.adjusted(4, 4, -4, -CELL_H // 2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             p.cell.number)
            painter.setFont(small)
            painter.setPen(QColor("#3E4C59"))
            painter.drawText(p.rect.adjusted(4, CELL_H // 2, -4, -3),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             f"{p.cell.area}㎡")
        if self.hasFocus() and self._current in self._by_id:
            painter.setPen(QPen(QColor("#1F5FAF"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self._by_id[self._current].rect).adjusted(-3, -3, 3, 3), 7, 7)

    # -- interaction -----------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        p = self._at(event.position().toPoint())
        if p is not None:
            self._current = p.cell.room_id
            self.update()
            self.room_clicked.emit(p.cell.room_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        p = self._at(event.position().toPoint())
        if p is not None:
            self.room_activated.emit(p.cell.room_id)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        p = self._at(event.position().toPoint())
        self.setCursor(Qt.CursorShape.PointingHandCursor if p else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, e) -> bool:
        from PySide6.QtCore import QEvent

        if e.type() == QEvent.Type.ToolTip:
            p = self._at(e.pos())
            if p is not None:
                c = p.cell
                QToolTip.showText(e.globalPos(), f"{c.code}\n{label(ROOM_STATUSES, c.status)}"
                                  f"　{c.area}㎡", self, p.rect)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def _neighbour(self, cur: _Placed, dr: int, dc: int) -> _Placed:
        """The next cell left/right in the row, or up/down in the nearest column."""
        if dc:
            cols = [c for (r, c) in self._grid if r == cur.row and (c - cur.col) * dc > 0]
            if not cols:
                return cur
            return self._grid[(cur.row, min(cols) if dc > 0 else max(cols))]
        r = cur.row + dr
        cols = [c for (rr, c) in self._grid if rr == r]
        if not cols:
            return cur
        return self._grid[(r, min(cols, key=lambda c: abs(c - cur.col)))]

    def changeEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange and self._cells:
            self.set_cells(self.cells(), self._highlight_unit)   # labels change width
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
                 Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves and self._cells:
            cur = self._by_id.get(self._current) if self._current else None
            nxt = self._cells[0] if cur is None else self._neighbour(cur, *moves[key])
            self._current = nxt.cell.room_id
            self.update()
            self.current_moved.emit(self._current)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current:
            self.room_activated.emit(self._current)
            return
        super().keyPressEvent(event)


class StatusLegend(QFrame):
    """Colour chips with the status names and, when known, how many rooms have each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(14)
        self._labels: dict[str, QLabel] = {}
        for code in ROOM_STATUSES:
            chip = QLabel()
            chip.setFixedSize(16, 16)
            chip.setStyleSheet(f"background:{ROOM_STATUS_COLORS[code]};"
                               f"border:1px solid {ROOM_STATUS_BORDERS[code]};border-radius:3px;")
            text = QLabel()
            text.setObjectName(f"legend_{code}")
            row = QHBoxLayout()
            row.setSpacing(5)
            row.addWidget(chip)
            row.addWidget(text)
            lay.addLayout(row)
            self._labels[code] = text
        lay.addStretch(1)
        self._counts: dict[str, int] | None = None
        self.retranslate()

    def set_counts(self, counts: dict[str, int] | None) -> None:
        self._counts = counts
        self.retranslate()

    def retranslate(self) -> None:
        for code, lbl in self._labels.items():
            name = label(ROOM_STATUSES, code)
            if self._counts is None:
                lbl.setText(name)
            else:
                lbl.setText(tr("{status} {n}").format(status=name, n=self._counts.get(code, 0)))

    def changeEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
