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
