"""``emit(signal, *args)``: kept for modules written while ``SignalInstance.emit()``
needed a reference-count repair.  That repair is now global (ui/qt_guard.py makes
None/True/False immortal on CPython 3.11 when PySide6 needs it), so plain
``signal.emit(...)`` is safe everywhere and new code should use it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import SignalInstance


def emit(signal: SignalInstance, *args: Any) -> None:
    signal.emit(*args)


def disconnect(signal: SignalInstance, slot: Any = None) -> None:
    if slot is None:
        signal.disconnect()
    else:
        signal.disconnect(slot)
