"""The fee catalogue: new item, new standard, new price version, assignment with preview."""

from __future__ import annotations

from decimal import Decimal as D

from sqlalchemy import select

from propdesk.models.billing import FeeAssignment, FeeStandard, FeeStandardVersion
from ui.billing.fees import FeesScreen


def loaded(qtbot, ctx) -> FeesScreen:
    screen = FeesScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.activated()
    qtbot.waitUntil(lambda: screen.items.rowCount() >= 14)
    return screen


def test_catalogue_end_to_end(qtbot, make_ctx, billed, db, qtmodeltester):
    screen = loaded(qtbot, make_ctx("finance"))
    qtmodeltester.check(screen.standards)
    assert [r.code for r in screen.standards.rows()] == ["MGMT-STD"]
    assert screen.standards.row(0).price_text == "2.30 元/m²·月"

    d = screen.add_item()
    d.code.setText("park2")
    d.name.setText("临时停车费")
    d.kind.set_code("temporary")
    with qtbot.waitSignal(d.saved):
        d.submit()
    qtbot.waitUntil(lambda: any(i.code == "PARK2" for i in screen.items.rows()))

    d = screen.add_standard()
    d.code.setText("ELEV-A")
    d.name.setText("电梯费（高层）")
    d.item.setCurrentIndex(d.item.findData(next(i.id for i in screen.items.rows() if i.code == "ELEV")))
    d.method.set_code("fixed")
    assert d.amount.isVisibleTo(d) and not d.tiers.isVisibleTo(d)
    d.effective.setText("2026-01")
    d.amount.setText("25.00")
    with qtbot.waitSignal(d.saved):
        d.submit()
    qtbot.waitUntil(lambda: screen.standards.rowCount() == 2)
    with db.session() as s:
        std = s.scalar(select(FeeStandard).where(FeeStandard.code == "ELEV-A"))
        assert std.method == "fixed"

    row = next(i for i, r in enumerate(screen.standards.rows()) if r.code == "ELEV-A")
    screen.std_table.selectRow(row)
    d = screen.add_version()
    d.effective.setText("2026-07")
    d.amount.setText("28.00")
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        assert sorted(v.amount for v in s.scalars(select(FeeStandardVersion).where(
            FeeStandardVersion.standard_id == std.id))) == [D("25.00"), D("28.00")]

    qtbot.waitUntil(lambda: screen.standards.rowCount() == 2)
    row = next(i for i, r in enumerate(screen.standards.rows()) if r.code == "ELEV-A")
    screen.std_table.selectRow(row)
    d = screen.add_rule()
    d.scope.combo.setCurrentIndex(d.scope.combo.findText("锦都花园JD (JD)"))
    d.start.setText("2026-04")
    assert not d.ok.isEnabled()            # preview first
    with qtbot.waitSignal(d.preview().finished):
        pass
    assert d.model.rowCount() == 3 and "新增 3" in d.summary.text()
    assert d.model.row(0).after == "电梯费（高层）（25.00 元/户·月）"
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        assert s.scalar(select(FeeAssignment).where(FeeAssignment.standard_id == std.id)).scope_kind == "estate"
    qtbot.waitUntil(lambda: screen.rules.rowCount() == 1)


def test_standard_dialog_shows_service_errors(qtbot, make_ctx, billed):
    screen = loaded(qtbot, make_ctx("finance"))
    d = screen.add_standard()
    d.code.setText("F1")
    d.name.setText("坏公式")
    d.method.set_code("formula")
    d.formula.setText("面积 * 2")
    d.submit()
    qtbot.waitUntil(lambda: d.error.isVisible())
    assert "变量「面积」不存在" in d.error.text()


def test_assign_by_unit_and_by_room_code(qtbot, make_ctx, billed, db):
    """The scope list reaches down to units; one room is given by its code, a wrong code is named."""
    screen = loaded(qtbot, make_ctx("finance"))
    qtbot.waitUntil(lambda: len(screen.scopes()) > 1)
    assert [k for k, _i, _t in screen.scopes()] == ["company", "estate", "building", "unit"]
    screen.std_table.selectRow(0)
    d = screen.add_rule()
    assert not d.scope.code.isVisibleTo(d)
    d.scope.combo.setCurrentIndex(d.scope.combo.findText("指定房间…"))
    assert d.scope.code.isVisibleTo(d)
    d.scope.code.setText("JD-01-1-9999")
    d.exclude.setChecked(True)
    d.start.setText("2026-04")
    d.preview()
    qtbot.waitUntil(lambda: d.error.isVisible())
    assert "找不到房间 JD-01-1-9999" in d.error.text() and not d.ok.isEnabled()

    d.scope.code.setText("jd-01-1-0102")            # lower case is fine
    with qtbot.waitSignal(d.preview().finished):
        pass
    assert "取消 1" in d.summary.text() and [r.target_code for r in d.model.rows()] == ["JD-01-1-0102"]
    d.scope.code.setText("JD-01-1-0101")            # any change asks for a new preview
    assert not d.ok.isEnabled()
    d.scope.code.setText("JD-01-1-0102")
    with qtbot.waitSignal(d.preview().finished):
        pass
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        a = s.scalars(select(FeeAssignment).where(FeeAssignment.scope_kind == "room")).one()
        assert (a.scope_id, a.exclude, a.start_period) == (billed.rooms["0102"], True, "2026-04")

    d = screen.add_rule()
    unit = next(i for i in range(d.scope.combo.count()) if d.scope.combo.itemData(i)[0] == "unit")
    assert d.scope.combo.itemText(unit).strip() == "JD-01-1 1单元"
    d.scope.combo.setCurrentIndex(unit)
    d.exclude.setChecked(True)
    d.start.setText("2026-05")
    with qtbot.waitSignal(d.preview().finished):
        pass
    # 0102 is already excluded by its own rule from 2026-04: the unit rule takes away the other two
    assert "取消 2" in d.summary.text(), d.summary.text()
