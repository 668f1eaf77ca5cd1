"""The billing commands end to end on a small demo company."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from propdesk.billing.periods import Period
from propdesk.cli import main
from propdesk.db import Database
from propdesk.security import Actor
from propdesk.services.billing import meters


def run_json(capsys, *argv) -> tuple[int, object]:
    rc = main(["--json", *argv])
    out = capsys.readouterr().out
    return rc, json.loads(out) if out.strip() else None


def test_bill_run_preview_commit_rerun_and_check(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "150", "--no-users"]) == 0
    assert main(["--db", db, "fee", "demo", "--start", "2026-03"]) == 0
    capsys.readouterr()
    rc, pv = run_json(capsys, "--db", db, "bill", "run", "--period", "2026-03", "--estate", "JD", "--preview")
    assert rc == 0 and pv["posted"] is False and pv["lines"] > 0
    rc, done = run_json(capsys, "--db", db, "bill", "run", "--period", "2026-03", "--estate", "JD")
    assert rc == 0 and done["lines"] == pv["lines"] and done["total"] == pv["total"]
    rc, again = run_json(capsys, "--db", db, "bill", "run", "--period", "2026-03", "--estate", "JD")
    assert again["lines"] == 0 and again["unchanged"] == pv["lines"]
    rc, check = run_json(capsys, "--db", db, "ledger", "check")
    assert rc == 0 and check["ok"] and check["lines"] == pv["lines"]
    rc, items = run_json(capsys, "--db", db, "fee", "items")
    assert [i["code"] for i in items][:3] == ["MGMT", "ELEV", "WSUP"]
    assert Period.parse(pv["period"]) == Period(2026, 3)


def test_bill_run_unknown_estate_says_what(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    rc = main(["--db", db, "bill", "run", "--period", "2026-03", "--estate", "ZZ"])
    assert rc == 4
    assert "找不到小区 ZZ" in capsys.readouterr().err


def test_meter_and_assign_commands(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "100", "--no-users"]) == 0
    assert main(["--db", db, "fee", "demo", "--start", "2026-03"]) == 0
    capsys.readouterr()
    rc, pv = run_json(capsys, "--db", db, "fee", "assign", "ZZ-DTF", "--building", "JD-01", "--from", "2026-03",
                      "--exclude", "--preview")
    assert rc == 0 and pv["posted"] is False and pv["lost"] > 0 and pv["gained"] == 0
    rc, m = run_json(capsys, "--db", db, "meter", "add", "--room", "JD-01-1-0101", "--kind", "gas",
                     "--initial", "10", "--on", "2026-02-28", "--max", "9999.9")
    assert rc == 0 and m["code"] == "JD-01-1-0101-G"
    rc, _ = run_json(capsys, "--db", db, "meter", "replace", "JD-01-1-0101-G", "--old-final", "12.5",
                     "--new-initial", "0", "--on", "2026-03-10")
    assert rc == 0
    rc, rows = run_json(capsys, "--db", db, "meter", "list", "--building", "JD-01", "--period", "2026-03")
    assert any(r["meter"] == "JD-01-1-0101-G" for r in rows)


def test_meter_edit_and_estate_public_meter(tmp_path, capsys):
    db = str(tmp_path / "e.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "100", "--no-users"]) == 0
    capsys.readouterr()
    # an estate's own public meter (小区总表): no building
    rc, m = run_json(capsys, "--db", db, "meter", "add", "--estate", "JD", "--kind", "water", "--initial", "5000",
                     "--on", "2026-02-28", "--places", "0")
    assert rc == 0 and m == {"code": "JD-PUB-W", "kind": "water", "public": True}
    assert main(["--db", db, "meter", "add", "--estate", "JD", "--building", "JD-01", "--kind", "water",
                 "--initial", "1"]) == 2
    assert "请指定房间（户表）、楼栋（楼栋公共表）或小区（小区公共表）之一" in capsys.readouterr().err
    rc, edited = run_json(capsys, "--db", db, "meter", "edit", "jd-pub-w", "--name", "小区总水表", "--serial", "ZS-01",
                          "--multiplier", "10", "--max", "99999")
    assert rc == 0 and edited == {"code": "JD-PUB-W", "kind": "water", "name": "小区总水表", "serial_no": "ZS-01",
                                  "note": "", "multiplier": "10", "max_reading": "99999", "places": 0, "active": True}
    assert main(["--db", db, "meter", "edit", "JD-PUB-W", "--max", "none"]) == 0
    assert capsys.readouterr().out.strip() == "已修改仪表 (meter updated): JD-PUB-W 小区总水表 水表，倍率 10，最大读数 无，表号 ZS-01"
    rc, rows = run_json(capsys, "--db", db, "meter", "list", "--estate", "JD", "--period", "2026-03")
    assert rc == 0 and [(r["meter"], r["room"], r["previous"]) for r in rows] == [("JD-PUB-W", "公共表", "5000.000")]
    # once read, the register is fixed; 停用 takes it off the sheet of later periods
    with Database(db).session() as s:
        meters.record_reading(s, Actor.for_role("t", "admin"), "JD-PUB-W", Decimal("5600"), dt.date(2026, 3, 28),
                              source="manual")
    assert main(["--db", db, "meter", "edit", "JD-PUB-W", "--multiplier", "1"]) == 2
    assert "仪表 JD-PUB-W 已有抄表读数，倍率不能修改" in capsys.readouterr().err
    rc, edited = run_json(capsys, "--db", db, "meter", "edit", "JD-PUB-W", "--inactive", "--note", "已拆除")
    assert rc == 0 and (edited["active"], edited["note"]) == (False, "已拆除")
    rc, rows = run_json(capsys, "--db", db, "meter", "list", "--estate", "JD", "--period", "2026-04")
    assert rows == []
    assert main(["--db", db, "meter", "edit", "JD-PUB-W"]) == 2
    assert "没有要修改的内容" in capsys.readouterr().err
    assert main(["--db", db, "meter", "edit", "NOPE", "--name", "x"]) == 4
