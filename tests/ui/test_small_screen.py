"""The main window fits a small office PC's 1024×768 screen, whatever screens were opened."""

from __future__ import annotations

import pytest

from tests.ui.conftest import wait_idle
from ui.i18n import set_language
from ui.main_window import MainWindow


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_window_fits_1024x768_after_every_screen_was_opened(qtbot, ctx, lang):
    from ui.devices.worker import DeviceHub

    set_language(lang)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    try:
        for e in win.entries:          # each opened screen joins the stack for good
            win.show_screen(e.key)
            wait_idle(qtbot, ctx)
        win.resize(1024, 768)
        qtbot.waitUntil(lambda: win.width() == 1024 and win.height() == 768, timeout=2000)
        assert win.minimumSizeHint().width() <= 1024
        assert win.statusBar().minimumSizeHint().width() <= 1024 - 200
    finally:
        DeviceHub.instance().shutdown()


def test_a_long_database_path_is_elided_not_widening_the_status_bar(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    full = "数据库：" + "/very/long/path" * 30 + "/propdesk.sqlite3"
    win.db_label.setText(full)
    win.resize(1024, 768)
    qtbot.waitUntil(lambda: win.width() == 1024, timeout=2000)
    assert win.db_label.text() == full and win.db_label.toolTip() == full
    shown = win.db_label.shown_text()
    assert shown != full and "…" in shown and shown.endswith("propdesk.sqlite3")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_devices_screen_fits_the_space_a_1024x768_window_leaves_it(qtbot, ctx, lang):
    """终端设备's three device cards sit side by side on a wide window and wrap to two
    columns (printer over card writer, meter bus beside) on a 1024×768 one."""
    from ui.devices.worker import DeviceHub

    set_language(lang)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    try:
        screen = win.show_screen("devices")
        wait_idle(qtbot, ctx)
        area = win.scrollers["devices"]
        win.resize(1280, 800)
        qtbot.waitUntil(lambda: screen.box_grid.wide is True, timeout=2000)
        win.resize(1024, 768)
        qtbot.waitUntil(lambda: win.width() == 1024 and win.height() == 768, timeout=2000)
        qtbot.waitUntil(lambda: screen.box_grid.wide is False, timeout=2000)
        room = area.viewport().size()
        hint = screen.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), (hint, room)
        qtbot.waitUntil(lambda: screen.size() == area.viewport().size(), timeout=2000)
        assert not area.horizontalScrollBar().isVisible()
        assert not area.verticalScrollBar().isVisible()
    finally:
        DeviceHub.instance().shutdown()
