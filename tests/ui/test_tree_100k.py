"""The navigator on a 100,000-room company: nothing big loads at start, expanding and
searching touch only what they show.  The demo database is built once for the module."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from propdesk.db import Database
from propdesk.demo import build_demo
from propdesk.models import Customer, Occupancy, Room, Vehicle
from propdesk.security import Actor, system_actor
from ui.context import AppContext, Settings
from ui.models.property_tree import ID_ROLE, KIND_ROLE
from ui.screens.navigator import NavigatorScreen
from ui.tasks import TaskRunner

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    db = Database(str(path), terminal="T01")
    db.upgrade()
    with db.session() as s:
        counts = build_demo(s, system_actor(), rooms=100_000)
    assert counts["room"] == 100_000
    yield db
    db.dispose()


@pytest.fixture
def nav(qtbot, big_db, tmp_path):
    ctx = AppContext(db=big_db, tasks=TaskRunner(big_db),
                     settings=Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)),
                     actor=Actor.for_role("qiantai", "frontdesk"))
    screen = NavigatorScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    yield screen
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10000)
    ctx.tasks.shutdown()


def _child(model, parent, text):
    for r in range(model.rowCount(parent)):
        if model.index(r, 0, parent).data() == text:
            return model.index(r, 0, parent)
    raise AssertionError(text)


def test_startup_loads_no_rooms(nav):
    # 100,000 rooms / 144 per building = 695 buildings; ceil(695 / 20) = 35 estates wanted,
    # capped at the 12 demo estates.  Start-up opens company and region: 1 + 1 + 12 rows.
    assert dict(nav.model.loaded) == {"company": 1, "region": 1, "estate": 12}


def test_expanding_a_unit_loads_only_its_rooms(qtbot, nav):
    m, tree = nav.model, nav.tree
    region = m.index(0, 0, m.index(0, 0))
    estate = _child(m, region, "锦都花园 (JD)")
    tree.expand(estate)
    # ceil(695 / 12) = 58 buildings in JD, plus its car park
    qtbot.waitUntil(lambda: m.rowCount(estate) == 59, timeout=5000)
    assert m.loaded["room"] == 0 and m.loaded["building"] == 58
    b = _child(m, estate, "7栋")
    tree.expand(b)
    qtbot.waitUntil(lambda: m.rowCount(b) == 2, timeout=5000)
    u = _child(m, b, "2单元")
    tree.expand(u)
    # 18 floors x 4 rooms per floor
    qtbot.waitUntil(lambda: m.rowCount(u) == 72, timeout=5000)
    assert m.loaded["room"] == 72
    assert m.index(71, 0, u).data() == "1804室 韩飞"     # the number, then the seeded owner


def _search_and_enter(qtbot, nav, text):
    nav.search_box.setText(text)
    qtbot.keyClick(nav.search_box, Qt.Key.Key_Return)


def _current(nav):
    idx = nav.tree.currentIndex()
    return idx.data(KIND_ROLE), idx.data(ID_ROLE)


def test_search_by_code_jumps_to_the_room(qtbot, nav, big_db):
    with big_db.session() as s:
        rid = s.scalar(select(Room.id).where(Room.code == "XF-41-2-1203"))
    _search_and_enter(qtbot, nav, "XF-41-2-1203")
    qtbot.waitUntil(lambda: _current(nav) == ("room", rid), timeout=5000)
    idx = nav.tree.currentIndex()
    assert (idx.data(), idx.parent().data(), idx.parent().parent().data()) == \
        ("1203室 黎梓欣", "2单元", "41栋")
    assert idx.parent().parent().parent().data() == "幸福里 (XF)"
    # only the rooms of the unit on the path were read
    assert nav.model.loaded["room"] == 72
    qtbot.waitUntil(lambda: nav.room_panel.code.text() == "XF-41-2-1203", timeout=5000)


def test_search_by_phone_and_plate_jump_to_the_owners_room(qtbot, nav, big_db):
    with big_db.session() as s:
        phone, rid, code = s.execute(
            select(Customer.phone, Room.id, Room.code)
            .join(Occupancy, Occupancy.customer_id == Customer.id)
            .join(Room, Room.id == Occupancy.room_id)
            .where(Room.code == "MZ-12-1-0803", Occupancy.role == "owner")).one()
        plate, prid = s.execute(
            select(Vehicle.plate, Occupancy.room_id)
            .join(Occupancy, Occupancy.customer_id == Vehicle.customer_id)
            .where(Occupancy.room_id.is_not(None)).order_by(Vehicle.plate).limit(1)).one()
    _search_and_enter(qtbot, nav, phone)
    qtbot.waitUntil(lambda: _current(nav) == ("room", rid), timeout=5000)
    assert nav.results.isVisible() and nav.results.item(0).text().startswith(code)
    _search_and_enter(qtbot, nav, plate)
    qtbot.waitUntil(lambda: _current(nav) == ("room", prid), timeout=5000)
