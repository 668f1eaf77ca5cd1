"""Base classes shared by screens and dialogs: live re-translation and the screen contract."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


class Retranslatable:
    """Mixin: call ``self.retranslate()`` when the UI language changes.

    Widgets set every visible text in ``retranslate`` (and call it once at the
    end of ``__init__``), so switching 中文/English re-labels live windows.
    """

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Screen(Retranslatable, QWidget):
    """A page of the main window (registered in :mod:`ui.screens`).

    Subclasses take ``(ctx, parent)``.  ``activated`` is called each time the
    screen is shown; ``can_leave`` may ask about unsaved edits; ``current_table``
    is what 文件 ▸ 导出Excel exports.
    """

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def activated(self) -> None:
        pass

    def can_leave(self) -> bool:
        return True

    def current_table(self):
        return None
