"""The sync indicator, 立即同步 and background sync off the GUI thread, and 冲突处理."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from propdesk.models import Customer
from propdesk.services import customers as Cu
from propdesk.sync import settings as sync_settings
from tests.sync.util import ADMIN, customer, register, sync
from ui.i18n import set_language
from ui.sync.controller import SyncController, SyncStatus
from ui.sync.indicator import SyncIndicator, describe, local_time_text

SHOTS = Path(__file__).resolve().parents[2] / "bench" / "out"


def shot(widget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"sync_{name}.png"
    assert widget.grab().save(str(path))
    return path


def test_indicator_texts_say_what_state_the_terminal_is_in():
    utc = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    hhmm = local_time_text(utc)
    assert describe(SyncStatus()) == ("idle", "单机（未连接中心）")
    assert describe(SyncStatus(configured=True)) == ("ok", "尚未同步")
    assert describe(SyncStatus(configured=True, online=True, last_ok_at=utc)) == \
        ("ok", f"在线 · 上次同步 {hhmm}")
    assert describe(SyncStatus(configured=True, online=False, pending=12, last_ok_at=utc)) == \
        ("offline", f"离线 · 待同步 12 · 上次同步 {hhmm}")
    assert describe(SyncStatus(configured=True, online=True, pending=3, last_ok_at=utc)) == \
        ("pending", f"待同步 3 · 上次同步 {hhmm}")
    assert describe(SyncStatus(configured=True, running=True))[0] == "running"
    yesterday = utc - dt.timedelta(days=1)
    assert len(local_time_text(yesterday)) == len("11-22 17:05")


def test_indicator_in_english(qtbot):
    set_language("en")
    utc = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    key, text = describe(SyncStatus(configured=True, online=False, pending=2, last_ok_at=utc))
    assert text.startswith("Offline · 2 to sync · last sync ")


@pytest.mark.pg
def test_sync_now_runs_off_the_gui_thread_and_updates_the_indicator(
        qtbot, make_terminal, central_url, make_ctx, monkeypatch):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    customer(t1, "张三")
    ctx = make_ctx(t1)
    threads = []
    import propdesk.sync.run as run

    real = run.sync_now

    def spy(*a, **kw):
        threads.append(threading.current_thread())
        return real(*a, **kw)

    monkeypatch.setattr(run, "sync_now", spy)
    controller = SyncController(ctx, minutes=0)
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(controller.status_changed, timeout=10000):
        controller.refresh()
    assert "待同步 2" in indicator.text.text()   # the customer and its audit record
    with qtbot.waitSignal(controller.finished, timeout=30000) as blocker:
        assert controller.sync_now()
        assert not controller.sync_now()   # one at a time
        assert "正在同步" in indicator.text.text()
    assert blocker.args[0].pushed == 2
    assert threads and threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: indicator.text.text().startswith("在线 · 上次同步"), timeout=10000)
    assert indicator.property("syncState") == "ok"
    shot(indicator, "indicator_online")
    controller.stop()


@pytest.mark.pg
def test_background_sync_runs_as_the_terminal_whoever_is_logged_in(
        qtbot, make_terminal, central_url, make_ctx):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    ctx = make_ctx(t1, role="engineer", name="刘工程")   # no SYNC_RUN
    controller = SyncController(ctx, minutes=0)
    with qtbot.waitSignal(controller.status_changed, timeout=10000):
        controller.refresh()
    with qtbot.waitSignal(controller.failed, timeout=5000):
        assert not controller.sync_now()              # 立即同步 needs the permission
    with qtbot.waitSignal(controller.finished, timeout=30000) as blocker:
        assert controller.sync_in_background()
    assert blocker.args[0].terminal == "T01"
    controller.stop()


def test_offline_turns_red_and_keeps_counting(qtbot, make_terminal, make_ctx):
    t1 = make_terminal("T01")
    sync_settings.save_central(t1, "postgresql://x@127.0.0.1:1/nowhere")
    customer(t1, "离线客户")
    ctx = make_ctx(t1)
    controller = SyncController(ctx, minutes=0)
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(controller.status_changed, timeout=10000):
        controller.refresh()
    with qtbot.waitSignal(controller.failed, timeout=30000):
        controller.sync_in_background()
    qtbot.waitUntil(lambda: indicator.text.text().startswith("离线 · 待同步 2"), timeout=10000)
    assert indicator.property("syncState") == "offline"
    assert "无法连接中心数据库" in indicator.text.toolTip()
    # a background failure does not pop up a message box
    assert not [w for w in indicator.findChildren(QMessageBox)]
    shot(indicator, "indicator_offline")
    controller.stop()


@pytest.mark.pg
def test_a_busy_local_database_is_not_offline(qtbot, make_terminal, central_url, make_ctx,
                                             monkeypatch):
    """A bill run holding this terminal's SQLite write lock while the background sync runs:
    the sync fails, but the centre was reachable -- the dot stays green, not 离线."""
    import sqlite3

    from propdesk.db import Database

    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    db = Database(t1.url, terminal="T01", busy_timeout=0.3)   # 10 s in use
    ctx = make_ctx(db)
    controller = SyncController(ctx, minutes=0)
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(controller.status_changed, timeout=10000):
        controller.refresh()
    with qtbot.waitSignal(controller.finished, timeout=30000):
        controller.sync_in_background()
    qtbot.waitUntil(lambda: indicator.text.text().startswith("在线"), timeout=10000)

    customer(t1, "计费中")
    holder = sqlite3.connect(t1.url.replace("sqlite:///", ""), isolation_level=None,
                             check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")   # the bill run
    real_write = sync_settings.write

    def write(d, values):   # the bill run ends as the sync records its failure
        if sync_settings.LAST_ERROR in values and holder.in_transaction:
            holder.rollback()
        return real_write(d, values)

    monkeypatch.setattr(sync_settings, "write", write)
    try:
        with qtbot.waitSignal(controller.failed, timeout=30000) as blocker:
            controller.sync_in_background()
    finally:
        if holder.in_transaction:
            holder.rollback()
        holder.close()
    assert "本机数据库正忙" in str(blocker.args[0])
    qtbot.waitUntil(lambda: "本机数据库正忙" in indicator.text.toolTip(), timeout=10000)
    assert not indicator.text.text().startswith("离线")
    assert indicator.property("syncState") != "offline"
    assert controller.status.online is True
    assert not [w for w in indicator.findChildren(QMessageBox)]
    controller.stop()
    db.dispose()


@pytest.mark.pg
def test_a_clock_far_off_is_reported_once(qtbot, make_terminal, central_url, make_ctx,
                                          monkeypatch):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    ctx = make_ctx(t1)
    real = time.time
    monkeypatch.setattr("propdesk.sync.run.time.time", lambda: real() - 2 * 3600)
    controller = SyncController(ctx, minutes=0)
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(controller.clock_warning, timeout=30000) as blocker:
        controller.sync_now()
    assert "本机时钟比中心服务器慢约 120 分钟" in blocker.args[0]
    qtbot.waitUntil(lambda: indicator.clock.isVisibleTo(indicator), timeout=10000)
    box = indicator.window().findChild(QMessageBox, "syncWarning") or \
        indicator.findChild(QMessageBox, "syncWarning")
    assert box is not None and "请校准电脑时间" in box.text()
    with qtbot.waitSignal(controller.finished, timeout=30000):
        controller.sync_now()
    assert len(indicator.findChildren(QMessageBox, "syncWarning")) <= 1
    controller.stop()


@pytest.mark.pg
def test_conflict_screen_accept_and_reapply(qtbot, make_terminal, central_url, make_ctx):
    from ui.screens.sync_conflicts import SyncConflictsScreen

    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, central_url, "T01")
    register(t2, central_url, "T02")
    a, b = customer(t1, "甲", phone="13800000011"), customer(t1, "乙", phone="13800000012")
    sync(t1)
    sync(t2)
    for t, suffix in ((t1, "1"), (t2, "2")):
        with t.session() as s:
            Cu.update_customer(s, ADMIN, a, phone=f"1390000000{suffix}")
            Cu.update_customer(s, ADMIN, b, note=f"备注{suffix}")
    sync(t1)
    sync(t2)
    sync(t1)
    ctx = make_ctx(t1)
    screen = SyncConflictsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 640)
    screen.show()
    with qtbot.waitSignal(screen.ctx.tasks.idle, timeout=10000):
        screen.reload()
    assert screen.model.rowCount() == 2 and not screen.hint.showing()
    assert screen.count.text() == "共 2 条"
    shot(screen, "conflicts")
    rows = screen.model.rows()
    phone_row = next(i for i, v in enumerate(rows) if v.column == "phone")
    screen.table.selectRow(phone_row)
    assert screen.reapply_button.isEnabled()
    assert "13900000002" in screen.kept.text() and "T02" in screen.kept.text()
    assert "13900000001" in screen.lost.text()
    screen.note.setText("以业主来电为准")
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.reapply_selected()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10000)
    with t1.session() as s:
        assert s.get(Customer, a).phone == "13900000001"
    screen.table.selectRow(0)
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.accept_selected()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=10000)
    assert screen.hint.showing() and screen.hint.text() == "没有待处理的冲突：各终端的修改已合并，无需处理"
    sync(t1)
    sync(t2)
    with t2.session() as s:
        assert s.get(Customer, a).phone == "13900000001"
    screen.filter.setCurrentIndex(1)   # 全部
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=10000)


def test_conflict_screen_says_when_there_is_nothing_to_do(qtbot, make_terminal, make_ctx):
    from ui.screens.sync_conflicts import SyncConflictsScreen

    ctx = make_ctx(make_terminal("T01"))
    screen = SyncConflictsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.hint.showing()          # nothing said before the log has been read
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.activated()
    assert screen.model.rowCount() == 0
    assert screen.hint.showing() and screen.hint.text() == "没有待处理的冲突：各终端的修改已合并，无需处理"
    assert screen.alarm_hint.showing() and screen.alarm_hint.text() == "没有同步告警"
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        screen.filter.setCurrentIndex(1)      # 全部
    assert screen.hint.text() == "没有冲突记录"
    set_language("en")
    qtbot.waitUntil(lambda: screen.hint.text() == "No conflicts recorded")


def test_main_window_shows_the_indicator(qtbot, make_terminal, make_ctx):
    from ui.main_window import MainWindow

    t1 = make_terminal("T01")
    ctx = make_ctx(t1, role="supervisor")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    ind = win.findChild(SyncIndicator)
    assert ind is not None and win.sync_controller is not None
    qtbot.waitUntil(lambda: ind.text.text() == "单机（未连接中心）", timeout=10000)
    assert not ind.button.isEnabled()
    assert any(e.key == "sync_conflicts" for e in win.entries)
    shot(win, "main_window")
    win.sync_controller.stop()
