"""The lazy property tree model: loads a node's children only when asked, passes qtmodeltester."""

from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtCore import QModelIndex, Qt

from propdesk.services import property as P
from ui.models.property_tree import ID_ROLE, KIND_ROLE, STATUS_ROLE, PropertyTreeModel


def _model(db):
    def loader(kind, node_id):
        with db.session() as s:
            return P.children(s, kind, node_id)
    return PropertyTreeModel(loader)


def _child(model, parent, text):
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        if idx.data() == text:
            return idx
    raise AssertionError(f"{text!r} not under {parent.data()!r}")


def _fetch(model, idx):
    if model.canFetchMore(idx):
        model.fetchMore(idx)
    return idx


def test_model_passes_qtmodeltester(qtmodeltester, db, demo):
    model = _model(db)
    # open a path down to rooms so the tester walks every level
    co = _fetch(model, model.index(0, 0))
    rg = _fetch(model, model.index(0, 0, co))
    es = _fetch(model, model.index(0, 0, rg))
    b = _fetch(model, model.index(0, 0, es))
    _fetch(model, model.index(0, 0, b))
    qtmodeltester.check(model, force_py=True)


def test_only_the_top_is_loaded_until_expanded(db, demo):
    model = _model(db)
    assert model.rowCount() == 1 and model.index(0, 0).data() == "华兴物业服务有限公司"
    assert dict(model.loaded) == {"company": 1}
    co = model.index(0, 0)
    assert model.hasChildren(co) and model.rowCount(co) == 0 and model.canFetchMore(co)
    rg = _child(model, _fetch(model, co), "深圳区域")
    es = _child(model, _fetch(model, rg), "锦都花园 (JD)")
    _fetch(model, es)
    # 300 rooms in buildings of 2 units x 6 floors x 4 = 48 rooms: ceil(300/48) = 7 buildings,
    # plus the estate's car park
    assert [model.index(r, 0, es).data() for r in range(model.rowCount(es))] == \
        ["1栋", "2栋", "3栋", "4栋", "5栋", "6栋", "7栋", "地下停车场"]
    assert model.loaded["room"] == 0
    b1 = _child(model, es, "1栋")
    _fetch(model, b1)
    assert [model.index(r, 0, b1).data() for r in range(model.rowCount(b1))] == ["1单元", "2单元"]
    assert model.loaded["room"] == 0
    u1 = _fetch(model, _child(model, b1, "1单元"))
    # one unit: 6 floors x 4 rooms = 24, and nothing else
    assert model.rowCount(u1) == 24 and model.loaded["room"] == 24
    first, last = model.index(0, 0, u1), model.index(23, 0, u1)
    assert (first.data(), last.data()) == ("0101室 姚洋", "0604室 韦红文")
    assert first.data(KIND_ROLE) == "room" and not model.hasChildren(first)
    assert first.data(STATUS_ROLE) in {"vacant", "sold", "occupied", "decorating", "rented"}
    assert first.data(Qt.ItemDataRole.ToolTipRole) in {"空置", "已售未入住", "入住", "装修", "出租"}


def test_index_for_path_loads_just_the_path(db, demo, admin):
    model = _model(db)
    with db.session() as s:
        room = P.room_by_code(s, admin, "JD-03-2-0401")
        path = P.path_to(s, "room", room.id)
    idx = model.index_for_path(path)
    assert idx.isValid() and idx.data() == "0401室 王豪雪" and idx.data(ID_ROLE) == room.id
    # company, region, estate (8 children), building 03 (2 units), unit 2 (24 rooms)
    assert model.loaded["room"] == 24 and model.loaded["unit"] == 2
    assert idx.parent().data() == "2单元" and idx.parent().parent().data() == "3栋"


def test_update_node_and_refresh_children(qtmodeltester, db, demo, admin):
    model = _model(db)
    with db.session() as s:
        room = P.room_by_code(s, admin, "JD-01-1-0101")
        building_id = room.building_id
        path = P.path_to(s, "room", room.id)
    idx = model.index_for_path(path)
    assert model.update_node("room", room.id, status="decorating")
    assert idx.data(STATUS_ROLE) == "decorating"
    b = idx.parent().parent()
    assert model.rowCount(b) == 2
    # a third unit appears under the building: refresh keeps the loaded units' subtrees
    with db.session() as s:
        P.generate_rooms(s, admin, P.RoomPlan(building_id, ["3"], (1, 2), 1,
                                              areas={1: (D("50.00"), D("40.00"))}))
    model.refresh_children("building", building_id)
    assert [model.index(r, 0, b).data() for r in range(model.rowCount(b))] == ["1单元", "2单元", "3单元"]
    assert model.rowCount(model.index(0, 0, b)) == 24          # unit 1 still loaded
    u3 = _fetch(model, model.index(2, 0, b))
    assert [model.index(r, 0, u3).data() for r in range(model.rowCount(u3))] == ["0101室", "0201室"]
    qtmodeltester.check(model, force_py=True)


def test_refresh_of_an_unloaded_node_loads_nothing(db, demo, admin):
    model = _model(db)
    with db.session() as s:
        b = P.room_by_code(s, admin, "JD-02-1-0101").building_id
    model.refresh_children("building", b)
    assert model.loaded["unit"] == 0
    assert not model.find_loaded("building", b).isValid()
    assert model.index_for_path([]) == QModelIndex()
