"""fee item-edit / standard-edit / discounts / discount-add / discount-end on a small demo company."""

from __future__ import annotations

import json

from propdesk.cli import main


def run_json(capsys, *argv) -> tuple[int, object]:
    rc = main(["--json", *argv])
    out = capsys.readouterr().out
    return rc, json.loads(out) if out.strip() else None


def test_edit_item_and_standard(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "100", "--no-users"]) == 0
    assert main(["--db", db, "fee", "demo", "--start", "2026-03"]) == 0
    capsys.readouterr()
    rc, item = run_json(capsys, "--db", db, "fee", "item-edit", "elev", "--name", "电梯运行费", "--sort", "15",
                        "--inactive")
    assert rc == 0 and item == {"code": "ELEV", "name": "电梯运行费", "kind": "periodic", "sort_key": 15,
                                "active": False, "note": ""}
    rc, items = run_json(capsys, "--db", db, "fee", "items")
    assert {"code": "ELEV", "name": "电梯运行费", "kind": "periodic", "kind_label": "周期性", "active": False} in items

    rc, std = run_json(capsys, "--db", db, "fee", "standard-edit", "ZZ-DTF", "--name", "电梯费（高层）",
                       "--due-day", "20", "--bill-to", "tenant")
    assert rc == 0
    assert (std["code"], std["name"], std["due_day"], std["bill_to"], std["active"]) == (
        "ZZ-DTF", "电梯费（高层）", 20, "tenant", True)

    rc, _ = run_json(capsys, "--db", db, "fee", "standard-edit", "ZZ-DTF", "--inactive")
    rc, stds = run_json(capsys, "--db", db, "fee", "standards")
    assert [(r["due_day"], r["bill_to"], r["active"]) for r in stds if r["code"] == "ZZ-DTF"] == [(20, "tenant", False)]
    assert main(["--db", db, "fee", "standards"]) == 0
    line = capsys.readouterr().out.split("ZZ-DTF")[1].split("\n")[0]
    assert "电梯费（高层）" in line and line.endswith(" (停用)")
    assert main(["--db", db, "fee", "standard-edit", "ZZ-DTF", "--due-day", "0"]) == 2
    assert "应缴日应在1到31之间" in capsys.readouterr().err
    assert main(["--db", db, "fee", "standard-edit", "ZZ-DTF"]) == 2
    assert "没有要修改的内容" in capsys.readouterr().err
    assert main(["--db", db, "fee", "standard-edit", "NOPE", "--name", "x"]) == 4


def test_discount_add_list_and_end(tmp_path, capsys):
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "100", "--no-users"]) == 0
    capsys.readouterr()
    rc, d = run_json(capsys, "--db", db, "fee", "discount-add", "--name", "空置房物业费减半", "--kind", "vacant",
                     "--value", "50", "--item", "MGMT", "--estate", "JD", "--from", "2026-03",
                     "--reason", "董事会决议：空置房物业费减半")
    assert rc == 0
    assert (d["name"], d["kind"], d["value"], d["terms"], d["fee_item"], d["scope_kind"], d["start_period"],
            d["end_period"]) == ("空置房物业费减半", "vacant", "50", "减收 50%", "物业管理费", "estate",
                                 "2026-03", None)
    rc, d2 = run_json(capsys, "--db", db, "fee", "discount-add", "--kind", "prepay_free", "--months-paid", "12",
                      "--months-free", "1", "--item", "MGMT", "--from", "2026-01", "--to", "2030-12",
                      "--reason", "年缴优惠")
    assert rc == 0 and (d2["name"], d2["terms"], d2["scope"]) == ("预缴N月送M月", "预缴 12 月送 1 月", "全公司")

    assert main(["--db", db, "fee", "discount-add", "--kind", "percent", "--value", "120", "--from", "2026-03",
                 "--reason", "太多"]) == 2
    assert "优惠比例应在 0 到 100 之间" in capsys.readouterr().err

    rc, rows = run_json(capsys, "--db", db, "fee", "discounts")
    assert [r["name"] for r in rows] == ["空置房物业费减半", "预缴N月送M月"]   # newest start first

    rc, ended = run_json(capsys, "--db", db, "fee", "discount-end", "空置房物业费减半", "--last", "2026-08")
    assert rc == 0 and ended["end_period"] == "2026-08"
    rc, ended = run_json(capsys, "--db", db, "fee", "discount-end", d2["id"][:8], "--last", "2026-08")
    assert rc == 4                       # a prefix is not an id: only the whole id or the name
    rc, ended = run_json(capsys, "--db", db, "fee", "discount-end", d2["id"], "--last", "2025-01")
    assert rc == 2


def test_assign_and_discount_by_unit_room_and_space(tmp_path, capsys):
    """--unit, --room and --space give a scope by its code; a wrong code is named; one scope option only."""
    db = str(tmp_path / "s.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "100", "--no-users"]) == 0
    assert main(["--db", db, "fee", "demo", "--start", "2026-03"]) == 0
    capsys.readouterr()
    rc, pv = run_json(capsys, "--db", db, "fee", "assign", "ZZ-DTF", "--room", "jd-01-1-0102", "--exclude",
                      "--from", "2026-04", "--preview")
    assert rc == 0 and pv["posted"] is False
    assert [r["target"] for r in pv["rows"] if not r["after"]] == ["JD-01-1-0102"] and pv["lost"] == 1
    rc, pv = run_json(capsys, "--db", db, "fee", "assign", "ZZ-DTF", "--unit", "JD-01-2", "--exclude",
                      "--from", "2026-04", "--preview")
    assert rc == 0 and pv["lost"] > 0
    assert {r["target"].rsplit("-", 1)[0] for r in pv["rows"]} == {"JD-01-2"}
    rc, pv = run_json(capsys, "--db", db, "fee", "assign", "CW-GLF", "--space", "JD-P1-001", "--exclude",
                      "--from", "2026-04")
    assert rc == 0 and pv["posted"] is True and [r["target"] for r in pv["rows"]] == ["JD-P1-001"]

    assert main(["--db", db, "fee", "assign", "ZZ-DTF", "--room", "JD-01-1-9999", "--from", "2026-04"]) == 4
    assert "找不到房间 JD-01-1-9999" in capsys.readouterr().err
    assert main(["--db", db, "fee", "assign", "ZZ-DTF", "--unit", "JD-01", "--from", "2026-04"]) == 4
    assert "找不到单元 JD-01（编码格式如 JD-01-1）" in capsys.readouterr().err
    try:
        main(["--db", db, "fee", "assign", "ZZ-DTF", "--unit", "JD-01-1", "--room", "JD-01-1-0101",
              "--from", "2026-04"])
        raise AssertionError("two scope options were accepted")
    except SystemExit as e:
        assert e.code == 2 and "not allowed with argument" in capsys.readouterr().err

    rc, d = run_json(capsys, "--db", db, "fee", "discount-add", "--kind", "fixed", "--value", "10", "--item", "MGMT",
                     "--room", "JD-01-1-0101", "--from", "2026-04", "--reason", "门前施工补偿")
    assert rc == 0 and (d["scope_kind"], d["scope"]) == ("room", "JD-01-1-0101")
