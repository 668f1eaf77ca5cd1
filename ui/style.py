"""Application look: Fusion style, a light palette, the stylesheet, a CJK-capable font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from propdesk.paths import RESOURCES

STYLESHEET = RESOURCES / "styles" / "propdesk.qss"
# Preferred UI fonts, first available wins (Windows, macOS, Linux).
FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei"]


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#F5F7FA"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#F7F9FB"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#1F5FAF"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#1F2933"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#1F2933"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#FFFFFF"))
    app.setPalette(pal)
    families = set(QFontDatabase.families())
    for fam in FONT_FAMILIES:
        if fam in families:
            f = QFont(fam)
            f.setPointSizeF(10)
            app.setFont(f)
            break
    if STYLESHEET.exists():
        icons = (RESOURCES / "icons").as_posix()
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8").replace("@ICONS@", icons))
