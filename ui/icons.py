"""Icons: the SVGs in resources/icons, and status dots drawn in the status colours."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImageReader, QPainter, QPen, QPixmap

from propdesk.paths import RESOURCES

ICON_DIR = RESOURCES / "icons"

# Fill colours of the 房态图 and the tree, by room status; chosen to stay
# distinguishable for the common red-green colour deficiency (hue + lightness).
ROOM_STATUS_COLORS: dict[str, str] = {
    "vacant": "#E3E7ED",      # 空置: light grey
    "sold": "#A9CCF2",        # 已售未入住: blue
    "occupied": "#9ED9B0",    # 入住: green
    "decorating": "#FFC98A",  # 装修: orange
    "rented": "#CDB7EE",      # 出租: violet
}
ROOM_STATUS_BORDERS: dict[str, str] = {
    "vacant": "#9AA5B4",
    "sold": "#3F7FC4",
    "occupied": "#2E8B57",
    "decorating": "#D9822B",
    "rented": "#7B5CC4",
}
SPACE_STATUS_COLORS: dict[str, str] = {
    "vacant": "#E3E7ED", "sold": "#A9CCF2", "rented": "#CDB7EE", "occupied": "#9ED9B0",
}


ICON_INK = "#34495E"   # the stroke colour the SVGs are drawn in


@lru_cache(maxsize=None)
def icon(name: str, color: str | None = None) -> QIcon:
    """An icon from resources/icons; ``color`` recolours its strokes (for dark backgrounds)."""
    path = ICON_DIR / f"{name}.svg"
    if not path.exists():
        return QIcon()
    if color is None:
        return QIcon(str(path))
    data = path.read_text(encoding="utf-8").replace(ICON_INK, color).encode()
    ic = QIcon()
    for size in (16, 20, 24, 32, 40, 48):
        buf = QBuffer()
        buf.setData(QByteArray(data))
        reader = QImageReader(buf, b"svg")
        reader.setScaledSize(QSize(size, size))
        ic.addPixmap(QPixmap.fromImage(reader.read()))
    return ic


@lru_cache(maxsize=None)
def status_dot(fill: str, border: str, size: int = 16) -> QIcon:
    """A round dot of ``fill`` with a ``border`` ring: the status marker in trees and lists."""
    ic = QIcon()
    for scale in (1, 2):
        pm = QPixmap(size * scale, size * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(border), 1.5))
        p.setBrush(QColor(fill))
        p.drawEllipse(QRectF(3, 3, size - 6, size - 6))
        p.end()
        ic.addPixmap(pm)
    return ic


def room_status_icon(status: str) -> QIcon:
    return status_dot(ROOM_STATUS_COLORS.get(status, "#FFFFFF"),
                      ROOM_STATUS_BORDERS.get(status, "#888888"))


def space_status_icon(status: str) -> QIcon:
    return status_dot(SPACE_STATUS_COLORS.get(status, "#FFFFFF"), "#7A8594")
