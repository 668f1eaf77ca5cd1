"""ui.qt_guard: PySide6 6.12 on CPython 3.11 drops a reference to None on every void call
and to True on every emit; importing ui pins the singletons so no run can free them."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from ui import qt_guard


class _Sender(QObject):
    ping = Signal()


def test_the_guard_is_on_exactly_when_the_bug_is_there():
    if sys.version_info >= (3, 12):
        assert not qt_guard.installed()
    else:
        # the defect, measured on this very interpreter
        assert qt_guard.void_call_loses_none() == qt_guard.installed()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None/True/False are immortal on 3.12+")
def test_a_long_day_of_calls_cannot_free_the_singletons():
    if not qt_guard.installed():
        pytest.skip("this PySide6 keeps its references")
    o, s = QObject(), _Sender()
    for _ in range(100_000):        # more void calls than None has references unpinned
        o.setObjectName("x")
        s.ping.emit()
    assert sys.getrefcount(None) > qt_guard.BOOST // 2
    assert sys.getrefcount(True) > qt_guard.BOOST // 2
    assert sys.getrefcount(False) > qt_guard.BOOST // 2


def test_install_is_idempotent():
    before = sys.getrefcount(None)
    qt_guard.install()
    assert abs(sys.getrefcount(None) - before) < 1000
