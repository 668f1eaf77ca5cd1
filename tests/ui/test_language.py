"""中文 by default; 语言/Language switches the open main window at once and is remembered."""

from __future__ import annotations

import pytest

from ui.i18n import current_language, label, set_language, tr
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ctx, demo):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
    return w


def _nav_texts(w):
    return [w.nav.item(i).text() for i in range(w.nav.count())]


def test_switching_to_english_and_back_relabels_the_window(qtbot, ctx, window):
    assert current_language() == "zh"
    assert _nav_texts(window)[:2] == ["房产资料", "房态图"]
    assert window.file_menu.title() == "文件(&F)"
    nav = window.screen("property")
    assert nav.find_action.text() == "查找(&F)"
    window.lang_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=5000)
    assert _nav_texts(window)[:2] == ["Property", "Room map"]
    assert nav.find_action.text() == "&Find"
    assert window.operator_label.text() == "Operator: admin (Administrator)"
    assert window.windowTitle() == "Property - PropDesk property management"
    assert ctx.settings.language == "en"
    window.lang_actions["zh"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=5000)
    assert _nav_texts(window)[:2] == ["房产资料", "房态图"]
    assert ctx.settings.language == "zh"


def test_coded_labels_and_same_words_in_two_roles():
    set_language("en")
    from propdesk.models.enums import OCCUPANT_ROLES, ROOM_STATUSES

    assert label(ROOM_STATUSES, "sold") == "Sold, vacant"
    # 住户 is a role ("Resident") and a tab title ("Occupants"): two contexts, two translations
    assert label(OCCUPANT_ROLES, "resident") == "Resident"
    assert tr("住户") == "Occupants"
    set_language("zh")
    assert label(ROOM_STATUSES, "sold") == "已售未入住" and tr("住户") == "住户"


def test_open_room_detail_follows_the_language(qtbot, ctx, db, admin, window):
    from propdesk.services.property import room_by_code

    with db.session() as s:
        rid = room_by_code(s, admin, "JD-01-1-0101").id
    nav = window.screen("property")
    assert nav.jump_to("room", rid)
    info = nav.room_panel.tab("info")
    qtbot.waitUntil(lambda: info.code.text() == "JD-01-1-0101", timeout=5000)
    assert info.labels["building_area"].text() == "建筑面积(㎡)"
    window.switch_language("en")
    qtbot.waitUntil(lambda: info.labels["building_area"].text() == "Gross area (m²)", timeout=5000)
    assert nav.room_panel.tabs.tabText(1) == "Occupants"
    assert info.usage.currentText() == "Residential"
    assert nav.tree.currentIndex().data() == "Room 0101 姚洋"   # the demo's seeded owner
