"""The shape most PropDesk dialogs share: labelled rows, an error line, OK/Cancel,
and a write that closes the dialog when it succeeds or shows why it did not."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ui.i18n import error_text
from ui.widgets.base import Retranslatable
from ui.widgets.fields import ErrorLabel


def password_edit() -> QLineEdit:
    w = QLineEdit()
    w.setEchoMode(QLineEdit.EchoMode.Password)
    return w


class FormDialog(Retranslatable, QDialog):
    """Subclasses add rows with :meth:`add_row`, call :meth:`finish`, and implement
    ``submit`` (usually ending in :meth:`run_write`).  ``result_value`` holds what
    the write returned."""

    def __init__(self, ctx, parent: QWidget | None = None, *, min_width: int = 420,
                 ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: Any = None
        self.setMinimumWidth(min_width)
        self.body = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setVerticalSpacing(8)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, field: QWidget | QLayout, buddy: QWidget | None = None) -> QLabel:
        """A row with an empty label (set it in ``retranslate``); returns the label."""
        label = QLabel()
        label.setBuddy(buddy if buddy is not None else field)
        self.form.addRow(label, field)
        return label

    def finish(self) -> None:
        """Lay out the form, the error line and the buttons (after any intro)."""
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def run_write(self, fn: Callable, changes=None) -> None:
        """Run ``fn(session)`` on the writer; accept with its result, or show the error."""
        self.error.clear_error()
        self.buttons.setEnabled(False)
        self.ctx.tasks.write(fn, parent=self, changes=changes) \
            .success(self._written) \
            .failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _written(self, value: Any) -> None:
        self.result_value = value
        self.accept()

    def submit(self) -> None:  # pragma: no cover - every dialog defines it
        raise NotImplementedError
