"""A one-line label that gives up width to its neighbours instead of widening the window."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """Shows as much of its text as fits, with an ellipsis (in the middle by default, which
    keeps a path's file name); ``text()`` stays the whole text, as does the tooltip.

    A plain QLabel's minimum width is its whole text: a long database path in the
    status bar made the main window wider than a 1024-pixel screen.
    """

    def __init__(self, parent: QWidget | None = None, *,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle, min_chars: int = 12) -> None:
        super().__init__(parent)
        self._mode = mode
        self._min_chars = min_chars

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        m = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance("x" * self._min_chars) + m.left() + m.right()
        return QSize(min(hint.width(), width), hint.height())

    def shown_text(self) -> str:
        """The text as painted now (elided when the label is narrower than it)."""
        return self.fontMetrics().elidedText(self.text(), self._mode, self.contentsRect().width())

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
