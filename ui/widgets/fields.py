"""Form fields: coded-value combos, exact decimals (never float), dates, inline errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QEvent, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from ui.i18n import label


class EnumCombo(QComboBox):
    """A combo over a coded-value mapping (code -> Chinese label); item data is the code."""

    def __init__(self, mapping: dict[str, str], parent: QWidget | None = None, *,
                 allow_empty: bool = False) -> None:
        super().__init__(parent)
        self.mapping = mapping
        self.allow_empty = allow_empty
        if allow_empty:
            self.addItem("", "")
        for code in mapping:
            self.addItem(label(mapping, code), code)

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str | None) -> None:
        i = self.findData(code or "")
        if i < 0 and code:  # a code the mapping does not know: show it rather than lose it
            self.addItem(code, code)
            i = self.count() - 1
        self.setCurrentIndex(max(i, 0))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            for i in range(self.count()):
                code = self.itemData(i)
                if code in self.mapping:
                    self.setItemText(i, label(self.mapping, code))
        super().changeEvent(event)


class DecimalEdit(QLineEdit):
    """A decimal number typed as text and read back as ``Decimal`` (no float anywhere)."""

    def __init__(self, places: int = 2, parent: QWidget | None = None, *,
                 allow_empty: bool = False, signed: bool = False) -> None:
        super().__init__(parent)
        self.places = places
        self.allow_empty = allow_empty
        sign = "[-+]?" if signed else ""   # signed: an adjustment up (+) or down (−)
        rx = QRegularExpression(rf"^{sign}\d{{0,9}}(\.\d{{0,{places}}})?$")
        self.setValidator(QRegularExpressionValidator(rx, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> Decimal | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return Decimal(text).quantize(Decimal(1).scaleb(-self.places))
        except InvalidOperation:
            return None

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else str(value))


class DateField(QDateEdit):
    def __init__(self, parent: QWidget | None = None, value: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_date(value or dt.date.today())

    def date_value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_date(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class ErrorLabel(QLabel):
    """A red line under a field or a form; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Flag a field for the stylesheet (red border) via a dynamic property."""
    if widget.property("invalid") != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
