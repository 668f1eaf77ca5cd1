"""PropDesk's Qt user interface.  Only this package imports PySide6."""

from ui import qt_guard as _qt_guard

_qt_guard.install()   # before any widget exists: see ui/qt_guard.py
