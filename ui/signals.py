"""Emit Qt signals from Python without corrupting ``True``'s reference count.

PySide6 6.12 on CPython 3.11 returns ``True`` from ``SignalInstance.emit()``
and ``.disconnect()`` without taking a reference for the caller.  Every such
call therefore lowers ``True``'s reference count by one; after some tens of
thousands of emits the interpreter frees ``True`` and aborts ("Fatal Python
error: bool_dealloc").  An office PC that runs PropDesk all day gets there.

Every Python-side emit in ``ui/`` goes through :func:`emit` (and disconnects
through :func:`disconnect`).  At import we measure what one call does to the
count and give back exactly that many references afterwards, so the fix is a
no-op where the bug is absent (CPython 3.12+ makes ``True`` immortal; a fixed
PySide6 returns a proper reference).  tests/ui/test_signals.py guards it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _measure(call, rounds: int = 16) -> int:
    """How many references to True one ``call()`` loses (0 when healthy)."""
    before = sys.getrefcount(True)
    for _ in range(rounds):
        call()
    lost = before - sys.getrefcount(True)
    return lost // rounds if lost > 0 and lost % rounds == 0 else 0


def _give_back(n: int) -> None:
    for _ in range(n):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


_probe = _Probe()
EMIT_LOSS = _measure(_probe.ping.emit)


def _connect_disconnect() -> None:
    _probe.ping.connect(_noop)
    _probe.ping.disconnect(_noop)


def _noop() -> None:
    pass


DISCONNECT_LOSS = _measure(_connect_disconnect)
_give_back(EMIT_LOSS * 16 + DISCONNECT_LOSS * 16)   # repair what the probes cost


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, keeping the interpreter's books straight."""
    signal.emit(*args)
    if EMIT_LOSS:
        _give_back(EMIT_LOSS)


def disconnect(signal: SignalInstance, slot: Any = None) -> None:
    if slot is None:
        signal.disconnect()
    else:
        signal.disconnect(slot)
    if DISCONNECT_LOSS:
        _give_back(DISCONNECT_LOSS)
