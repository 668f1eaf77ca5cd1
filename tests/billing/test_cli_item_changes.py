"""propdesk bill waive / bill adjust on a small estate billed by hand:
0101 is 128.50 m² × 2.30 = 295.55, 0102 is 89.37 m² × 2.30 = 205.551 → 205.55,
0201 is 100.00 m² × 2.30 = 230.00 (April 2026, due 04-30, late fee 0.05 % a day)."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.cli import main
from propdesk.models.auth import AuditLog
from propdesk.models.billing import BillLine
from propdesk.services.billing import catalog, ledger, run
from propdesk.services.billing.catalog import VersionInput


@pytest.fixture
def billed_db(db, admin, estate, tmp_path):
    import datetime as dt

    with db.session() as s:
        std = catalog.create_standard(s, admin, code="MGMT-STD", name="物业费", fee_item="MGMT",
                                      method="building_area", due_day=30,
                                      version=VersionInput(dt.date(2026, 1, 1), unit_price=D("2.30"),
                                                           late_daily_rate=D("0.0005")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
        run.commit(s, admin, "2026-04")
    return str(tmp_path / "local.sqlite3")


def cli(capsys, *argv) -> tuple[int, object, str]:
    rc = main(["--json", *argv])
    out = capsys.readouterr()
    return rc, json.loads(out.out) if out.out.strip() else None, out.err


def lines_of(db, room_id) -> list[tuple]:
    with db.session() as s:
        return [(l.amount, l.reason) for l in s.scalars(
            select(BillLine).where(BillLine.target_id == room_id, BillLine.kind == "adjustment")
            .order_by(BillLine.created_at, BillLine.seq))]


def test_waive_all_and_part(db, estate, billed_db, capsys):
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "waive", "--room", estate.codes["0101"],
                     "--period", "2026-04", "--item", "MGMT", "--reason", "困难户")
    assert rc == 0
    assert (out["delta"], out["billed_before"], out["billed"], out["outstanding_before"], out["outstanding"]) \
        == ("-295.55", "295.55", "0.00", "295.55", "0.00")
    assert out["reason"] == "减免：困难户" and out["fee_item"] == "物业管理费" and out["period"] == "2026-04"
    assert lines_of(db, estate.rooms["0101"]) == [(D("-295.55"), "减免：困难户")]

    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "waive", "--room", estate.codes["0102"].lower(),
                     "--period", "2026-04", "--item", "mgmt", "--amount", "5.55", "--reason", "空置期优惠")
    assert rc == 0 and (out["delta"], out["outstanding"]) == ("-5.55", "200.00")
    with db.session() as s:
        audits = [r.summary for r in s.scalars(select(AuditLog).where(AuditLog.action == "adjust"))]
    assert len(audits) == 2 and any("减免：空置期优惠" in a and "-5.55" in a for a in audits)


def test_waive_text_output(estate, billed_db, capsys):
    rc = main(["--db", billed_db, "bill", "waive", "--room", estate.codes["0201"], "--period", "2026-04",
               "--item", "MGMT", "--amount", "30", "--reason", "困难户"])
    assert rc == 0
    assert capsys.readouterr().out.strip() == (f"已减免 (waived) {estate.codes['0201']} 2026-04 物业管理费 -30.00 元："
                                               "应收 230.00 → 200.00，未缴 230.00 → 200.00")


def test_adjust_up_and_down(db, estate, billed_db, capsys):
    room = estate.codes["0201"]
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "adjust", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--amount", "-20.00", "--reason", "面积更正")
    assert rc == 0 and (out["delta"], out["billed"], out["outstanding"]) == ("-20.00", "210.00", "210.00")
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "adjust", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--amount", "+5", "--reason", "补收")
    assert rc == 0 and (out["delta"], out["billed"], out["outstanding"]) == ("5.00", "215.00", "215.00")
    assert lines_of(db, estate.rooms["0201"]) == [(D("-20.00"), "面积更正"), (D("5.00"), "补收")]


def test_adjust_below_paid_moves_the_excess_to_prepayment(db, admin, estate, billed_db, capsys):
    import datetime as dt
    import uuid

    with db.session() as s:
        slot = next(i.slot for i in ledger.outstanding(s, admin, estate.owners["0201"]))
        ledger.settle(s, admin, estate.owners["0201"], [ledger.SettleRequest(slot, D("230.00"))],
                      on=dt.date(2026, 4, 20), doc_type="cashier_payment", doc_id=uuid.uuid4())
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "adjust", "--room", estate.codes["0201"],
                     "--period", "2026-04", "--item", "MGMT", "--amount", "-30", "--reason", "面积更正")
    # 230.00 paid, 200.00 billed: 30.00 to prepayment, nothing unpaid
    assert rc == 0 and (out["billed"], out["paid"], out["outstanding"], out["to_prepaid"]) \
        == ("200.00", "200.00", "0.00", "30.00")
    with db.session() as s:
        assert ledger.balance(s, admin, estate.owners["0201"]).prepaid_general == D("30.00")


def test_refusals_say_what(db, estate, billed_db, capsys):
    room = estate.codes["0102"]
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "waive", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--amount", "205.56", "--reason", "困难户")
    assert rc == 2 and "减免金额应在 0 到未缴金额 205.55 元之间" in err
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "waive", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--reason", "  ")
    assert rc == 2 and "减免必须写明原因" in err
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "adjust", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--amount", "0", "--reason", "x")
    assert rc == 2 and "调整金额不能为 0" in err
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "adjust", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--amount", "abc", "--reason", "x")
    assert rc == 2 and "不是有效金额" in err
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "waive", "--room", room, "--period", "2026-05",
                     "--item", "MGMT", "--reason", "困难户")
    assert rc == 4 and f"{room} 2026-05 MGMT 没有应收项" in json.loads(err)["error"]
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "waive", "--room", "JD-99", "--period", "2026-04",
                     "--item", "MGMT", "--reason", "困难户")
    assert rc == 4 and "找不到房间或车位 JD-99" in err
    with pytest.raises(SystemExit):          # --reason is required
        main(["--db", billed_db, "bill", "waive", "--room", room, "--period", "2026-04", "--item", "MGMT"])
    assert lines_of(db, estate.rooms["0102"]) == []


def test_several_items_are_listed_and_slot_picks_one(db, admin, estate, billed_db, capsys):
    with db.session() as s:   # a one-off charge on the same item and period: two items match
        extra = ledger.charge(s, admin, target_kind="room", target_id=estate.rooms["0102"], fee_item="MGMT",
                              amount=D("50.00"), reason="补收上月差额", period="2026-04").slot
    room = estate.codes["0102"]
    rc, _, err = cli(capsys, "--db", billed_db, "bill", "waive", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--reason", "困难户")
    report = json.loads(err)
    assert rc == 2 and report["error"] == f"{room} 2026-04 MGMT 有 2 个应收项，请用 --slot 指定其一"
    assert sorted(p["error"].split("：")[0] for p in report["problems"]) == [
        "物业管理费 应收 205.55 元，未缴 205.55 元", "物业管理费 应收 50.00 元，未缴 50.00 元"]
    assert any(p["where"] == f"应收项 {extra}" for p in report["problems"])
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "waive", "--room", room, "--period", "2026-04",
                     "--item", "MGMT", "--slot", str(extra)[:13], "--reason", "困难户")
    assert rc == 0 and (out["slot"], out["delta"], out["outstanding"]) == (str(extra), "-50.00", "0.00")


def test_waive_a_charged_late_fee(db, admin, estate, billed_db, capsys):
    import datetime as dt
    import uuid

    with db.session() as s:   # 100.00 paid on 05-10: the late fee is charged, left unpaid
        slot = next(i.slot for i in ledger.outstanding(s, admin, estate.owners["0201"]))
        ledger.settle(s, admin, estate.owners["0201"], [ledger.SettleRequest(slot, D("100.00"))],
                      on=dt.date(2026, 5, 10), doc_type="cashier_payment", doc_id=uuid.uuid4())
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "waive", "--room", estate.codes["0201"],
                     "--period", "2026-04", "--item", "MGMT", "--late-fee", "--reason", "首次逾期")
    # 230.00 × 0.0005 × 10 days (05-01..05-10) = 1.15
    assert rc == 0 and (out["fee_item"], out["delta"], out["outstanding"]) == ("物业管理费滞纳金", "-1.15", "0.00")
    rc, out, _ = cli(capsys, "--db", billed_db, "bill", "waive", "--room", estate.codes["0201"],
                     "--period", "2026-04", "--item", "MGMT", "--amount", "30", "--reason", "困难户")
    assert rc == 0 and (out["fee_item"], out["outstanding"]) == ("物业管理费", "100.00")   # 230 − 100 − 30
