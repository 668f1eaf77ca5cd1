"""Keep ``None``, ``True`` and ``False`` alive under PySide6 6.12 on CPython 3.11.

PySide6 6.12.0 (abi3 wheel) returns ``None`` from every void method
(``setText``, ``update``, ``processEvents`` …) and ``True`` from
``Signal.emit()`` without taking a reference for the caller — fine on CPython
3.12+, where those singletons are immortal, but on 3.11 each call lowers
their reference count by one.  After some tens of thousands of calls the
interpreter frees ``None`` and aborts ("Fatal Python error: none_dealloc").
A terminal that runs PropDesk all day would crash within hours.

The cure on 3.11 is to make the three singletons effectively immortal, as
3.12 does: their count is raised by 2**40 once, so no run can bring it to
zero.  They are never freed in any case (freeing them is itself a fatal
error), so nothing else changes.  We only do it when a probe shows the bug,
and :func:`install` runs when ``ui`` is imported, before any widget exists.
tests/ui/test_qt_guard.py checks both the bug's symptom and the cure.
"""

from __future__ import annotations

import ctypes
import sys

BOOST = 1 << 40
_installed = False


def _refcnt(obj) -> ctypes.c_ssize_t:
    # ob_refcnt is the first field of PyObject, after the two list pointers in
    # a --with-trace-refs build (which has sys.getobjects).
    offset = 2 * ctypes.sizeof(ctypes.c_void_p) if hasattr(sys, "getobjects") else 0
    return ctypes.c_ssize_t.from_address(id(obj) + offset)


def void_call_loses_none(rounds: int = 32) -> bool:
    """True if a PySide6 void method drops a reference to None (the 6.12 defect)."""
    from PySide6.QtCore import QObject

    o = QObject()
    before = sys.getrefcount(None)
    for _ in range(rounds):
        o.setObjectName("probe")
    return before - sys.getrefcount(None) >= rounds


def install() -> bool:
    """Pin the singletons if this interpreter needs it; True when pinned."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12):
        return False
    if not void_call_loses_none():
        return False
    for obj in (None, True, False):
        _refcnt(obj).value += BOOST
    _installed = True
    return True


def installed() -> bool:
    return _installed
