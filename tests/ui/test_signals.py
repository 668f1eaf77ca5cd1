"""ui.signals.emit keeps True's reference count balanced (PySide6 6.12 on CPython 3.11 does not)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui.signals import disconnect, emit


class _Sender(QObject):
    ping = Signal()
    value = Signal(int, object)


def test_emit_leaves_true_refcount_unchanged():
    s = _Sender()
    got = []
    s.value.connect(lambda a, b: got.append((a, b)))
    before = sys.getrefcount(True)
    for i in range(1000):
        emit(s.ping)
        emit(s.value, i, None)
    after = sys.getrefcount(True)
    assert got[-1] == (999, None) and len(got) == 1000
    # 2000 unbalanced emits would have cost 2000 references where the bug exists
    assert abs(after - before) < 50


def test_disconnect_leaves_true_refcount_unchanged():
    s = _Sender()

    def slot():
        pass
    before = sys.getrefcount(True)
    for _ in range(500):
        s.ping.connect(slot)
        disconnect(s.ping, slot)
    assert abs(sys.getrefcount(True) - before) < 50
