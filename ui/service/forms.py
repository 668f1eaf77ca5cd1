"""A small form dialog the service-desk screens share, and helpers for their tables.

:class:`FormDialog` lays out labelled fields, shows the service's error inline
(marking the fields a :class:`~propdesk.errors.ValidationFailed` names), and
runs its ``work(session, values)`` as one write through ``ctx.tasks``; it
closes only when the write succeeded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Sequence

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from propdesk.errors import ValidationFailed
from ui.i18n import error_text, translated
from ui.tasks import Changes
from ui.widgets.base import Retranslatable
from ui.widgets.fields import DateField, DecimalEdit, EnumCombo, ErrorLabel, mark_invalid

OVERDUE = QColor("#C0392B")
DONE = QColor("#7B8794")
WARN = QColor("#B7791F")


def text_edit(height: int = 72) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setFixedHeight(height)
    w.setTabChangesFocus(True)
    return w


def datetime_edit(value: dt.datetime | None = None) -> QDateTimeEdit:
    w = QDateTimeEdit()
    w.setCalendarPopup(True)
    w.setDisplayFormat("yyyy-MM-dd HH:mm")
    v = value or dt.datetime.now().replace(second=0, microsecond=0)
    w.setDateTime(QDateTime(v.year, v.month, v.day, v.hour, v.minute, 0))
    return w


class OptionalDateField(DateField):
    """A date that may be left empty (shown as "—"): the earliest date stands for none."""

    NONE = dt.date(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None, value: dt.date | None = None) -> None:
        super().__init__(parent, value or self.NONE)
        self.setMinimumDate(QDate(1900, 1, 1))
        self.setSpecialValueText("—")
        if value is None:
            self.set_date(self.NONE)

    def date_value(self) -> dt.date | None:
        d = super().date_value()
        return None if d == self.NONE else d


def find_data(combo: QComboBox, value: Any) -> int:
    """The index of ``value`` among a combo's item data, by Python equality.

    ``QComboBox.findData`` compares QVariants and does not find Python objects
    such as ``uuid.UUID`` or tuples; -1 when absent."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def read_value(w: QWidget) -> Any:
    """The typed value of a form widget (Decimal, date, code …; never float)."""
    if isinstance(w, EnumCombo):
        return w.code()
    if isinstance(w, DecimalEdit):
        return w.value()
    if isinstance(w, DateField):
        return w.date_value()
    if isinstance(w, QDateTimeEdit):
        if not w.isEnabled():
            return None
        d = w.dateTime()
        return dt.datetime(d.date().year(), d.date().month(), d.date().day(),
                           d.time().hour(), d.time().minute())
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QComboBox):
        return w.currentData()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText().strip()
    if isinstance(w, QLineEdit):
        return w.text().strip()
    if isinstance(w, QLabel):
        return None  # a read-only line in the form (the owner looked up, the due time)
    raise TypeError(type(w).__name__)


class FormDialog(Retranslatable, QDialog):
    """``fields``: (key, Chinese label declared with tr_noop, widget).  ``work`` gets the
    session and ``{key: value}`` and runs on the writer thread; ``result`` holds what it
    returned once the dialog is accepted."""

    def __init__(self, ctx, title: str, fields: Sequence[tuple[str, str, QWidget]],
                 work: Callable[[Any, dict], Any], *, changes: Changes,
                 parent: QWidget | None = None, intro: str = "", object_name: str = "",
                 hints: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title
        self.work = work
        self.changes = changes
        self.result = None
        self.hints = hints or {}   # key -> placeholder (Chinese, declared with tr_noop)
        self.intro_text = intro    # Chinese, declared with tr_noop
        self.setObjectName(object_name or "serviceForm")
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("muted")
        self.intro.setVisible(bool(intro))
        lay.addWidget(self.intro)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.fields: dict[str, QWidget] = {}
        self.field_labels: dict[str, tuple[QLabel, str]] = {}
        for key, text, widget in fields:
            widget.setObjectName(key)
            lbl = QLabel()
            lbl.setBuddy(widget)
            form.addRow(lbl, widget)
            self.fields[key] = widget
            self.field_labels[key] = (lbl, text)
        lay.addLayout(form)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(translated(self.title))
        for lbl, text in self.field_labels.values():
            lbl.setText(translated(text))
        if self.intro_text:
            self.intro.setText(translated(self.intro_text))
        for key, hint in self.hints.items():
            w = self.fields[key]
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setPlaceholderText(translated(hint))

    def values(self) -> dict:
        return {k: read_value(w) for k, w in self.fields.items()}

    def submit(self):
        values = self.values()
        for w in self.fields.values():
            mark_invalid(w, False)
        self.error.clear_error()
        self.buttons.setEnabled(False)
        work = self.work
        return self.ctx.tasks.write(lambda s: work(s, values), parent=self,
                                    changes=self.changes) \
            .success(self._done).failure(self._failed) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _done(self, result) -> None:
        self.result = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(error_text(exc))
        if isinstance(exc, ValidationFailed):
            names = {p.where for p in exc.problems}
            for key, (_lbl, text) in self.field_labels.items():
                if text in names:
                    mark_invalid(self.fields[key], True)
