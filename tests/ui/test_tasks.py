"""The task runner: work off the GUI thread, results and errors back on it, changes signalled."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from propdesk.errors import NotFound
from ui.i18n import set_language
from ui.tasks import Changes


def test_write_runs_on_worker_and_delivers_on_gui_thread(qtbot, ctx):
    seen = {}
    gui = threading.get_ident()

    def work(session):
        seen["worker"] = threading.get_ident()
        return 41 + 1

    changes = []
    ctx.tasks.changed.connect(changes.append)
    op = ctx.tasks.write(work, changes=Changes.of(entities=["room"]))
    op.success(lambda v: seen.update(result=v, callback=threading.get_ident()))
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert changes == [Changes.of(entities=["room"])]
    assert ctx.tasks.is_idle()


def test_writes_are_serialised_in_order(qtbot, ctx):
    order = []
    ops = [ctx.tasks.write(lambda s, i=i: order.append(i) or i) for i in range(8)]
    for op in ops:
        op.run()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
    assert order == list(range(8))


def test_failure_shows_the_error_in_the_ui_language(qtbot, ctx):
    parent = QWidget()
    qtbot.addWidget(parent)

    def boom(session):
        raise NotFound("找不到房间 JD-09", "no room JD-09")

    op = ctx.tasks.write(boom, parent=parent, changes=Changes.of(rooms=[]))
    emitted = []
    ctx.tasks.changed.connect(emitted.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    box = parent.findChild(QMessageBox, "errorBox")
    assert box is not None and box.text() == "找不到房间 JD-09"
    assert emitted == []          # a failed write changes nothing
    assert isinstance(op.error, NotFound)
    box.close()

    set_language("en")
    op = ctx.tasks.write(boom, parent=parent)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    boxes = [b for b in parent.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert [b.text() for b in boxes] == ["no room JD-09"]


def test_failure_callback_replaces_the_message_box(qtbot, ctx):
    parent = QWidget()
    qtbot.addWidget(parent)
    got = []
    op = ctx.tasks.read(lambda s: 1 / 0, parent=parent).failure(got.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    assert len(got) == 1 and isinstance(got[0], ZeroDivisionError)
    assert parent.findChild(QMessageBox) is None


def test_only_the_latest_read_of_a_key_delivers(qtbot, ctx):
    gate = threading.Event()
    got = []

    def slow(session):
        gate.wait(5)
        return "old"

    first = ctx.tasks.read(slow, key="search").success(got.append).run()
    ctx.tasks.read(lambda s: "new", key="search").success(got.append).run()
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    gate.set()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
    assert got == ["new"]
    assert first.result == "old"   # it ran, but nobody was told


def test_callbacks_skip_a_deleted_parent(qtbot, ctx):
    parent = QWidget()
    got = []
    gate = threading.Event()
    op = ctx.tasks.read(lambda s: gate.wait(5) and "done", parent=parent).success(got.append).run()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=5000)
    with qtbot.waitSignal(op.finished, timeout=5000):
        gate.set()
    assert got == []


def _alive(w) -> bool:
    from shiboken6 import isValid

    return isValid(w)


@pytest.mark.parametrize("lang,expected", [("zh", "数据校验失败"), ("en", "validation failed")])
def test_validation_problems_are_listed(lang, expected):
    from propdesk.errors import Problem, ValidationFailed
    from ui.i18n import error_text

    set_language(lang)
    text = error_text(ValidationFailed([Problem("JD-01 建筑面积", "面积无效：-1", "invalid area: -1")]))
    assert text.startswith(expected)
    assert ("面积无效：-1" if lang == "zh" else "invalid area: -1") in text
    assert "JD-01 建筑面积" in text
