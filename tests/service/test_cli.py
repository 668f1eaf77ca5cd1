"""The service-desk commands, run as a user would (in-process, against a test database)."""

from __future__ import annotations

import datetime as dt
import json

from pypdf import PdfReader

from propdesk.cli import main


def run(db, capsys, *argv) -> tuple[int, str, str]:
    rc = main([*argv, "--db", db.url])
    out = capsys.readouterr()
    return rc, out.out, out.err


def js(db, capsys, *argv):
    rc, out, err = run(db, capsys, *argv, "--json")
    assert rc == 0, err
    return json.loads(out)


def test_workorder_commands(db, office, capsys, tmp_path):
    today = dt.date.today().strftime("%Y%m%d")
    o = js(db, capsys, "workorder", "add", "--room", "jd-01-1-0502", "--category", "水电",
           "--text", "厨房下水道堵塞")
    number = f"BX-T01-{today}-0001"
    assert (o["number"], o["state"], o["category"], o["reporter"]) == (
        number, "pending", "water_electric", "张伟")
    rc, out, _ = run(db, capsys, "workorder", "add", "--location", "3栋大堂", "--category",
                     "公共设施", "--text", "大堂灯不亮")
    assert rc == 0 and f"GQ-T01-{today}-0001" in out and "待派工" in out
    assert [r["number"] for r in js(db, capsys, "workorder", "list", "--state", "待派工")] == [
        f"GQ-T01-{today}-0001", number]
    js(db, capsys, "workorder", "dispatch", number, "--engineer", "gongcheng")
    js(db, capsys, "workorder", "start", number)
    js(db, capsys, "stock", "in", "SD-002", "4")
    moves = js(db, capsys, "stock", "out", "SD-002", "1", "--order", number)
    assert moves[0]["qty"] == "-1.000"
    done = js(db, capsys, "workorder", "finish", number, "--result", "疏通下水管",
              "--hours", "0.5")
    assert done["state"] == "to_visit"
    assert js(db, capsys, "workorder", "visit", number, "--satisfaction", "满意")["state"] == "done"
    show = js(db, capsys, "workorder", "show", number)
    assert [e["action"] for e in show["events"]] == [
        "create", "dispatch", "start", "materials", "labour", "finish", "visit"]
    assert [r["number"] for r in js(db, capsys, "workorder", "list", "--engineer",
                                    "gongcheng")] == [number]
    pdf = tmp_path / "bx.pdf"
    rc, out, _ = run(db, capsys, "workorder", "print", number, "--out", str(pdf))
    assert rc == 0 and number in PdfReader(str(pdf)).pages[0].extract_text()


def test_errors_are_readable_and_exit_nonzero(db, office, capsys):
    rc, _, err = run(db, capsys, "workorder", "add", "--room", "JD-01-1-0502", "--category",
                     "空调", "--text", "x")
    assert rc == 2 and "报修类别" in err and "水电" in err
    rc, _, err = run(db, capsys, "workorder", "add", "--room", "XX-99", "--category", "水电",
                     "--text", "x")
    assert rc == 4 and "找不到房间" in err
    rc, _, err = run(db, capsys, "stock", "out", "SD-001", "5")
    assert rc == 5 and "库存不足" in err
    rc, _, err = run(db, capsys, "workorder", "start", "BX-T01-20000101-0001")
    assert rc == 4 and "找不到工单" in err


def test_maintenance_and_stock_commands(db, office, capsys):
    js(db, capsys, "equipment", "add", "DT-01", "--name", "1号电梯", "--kind", "电梯",
       "--location", "1栋电梯井")
    js(db, capsys, "maintenance", "add", "--equipment", "DT-01", "--title", "电梯月度保养",
       "--frequency", "月", "--start", "2026-01-31", "--engineer", "gongcheng")
    made = js(db, capsys, "maintenance", "generate-due", "--as-of", "2026-03-31")
    assert [m["due"] for m in made] == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert all(m["state"] == "dispatched" for m in made)
    assert js(db, capsys, "maintenance", "generate-due", "--as-of", "2026-03-31") == []
    over = js(db, capsys, "maintenance", "overdue", "--as-of", "2026-04-01")
    assert [(r["due"], r["days_late"]) for r in over] == [
        ("2026-01-31", 60), ("2026-02-28", 32), ("2026-03-31", 1)]
    js(db, capsys, "stock", "in", "SD-001", "40")
    take = js(db, capsys, "stock", "stocktake", "SD-001=38.5", "SD-002=0")
    assert [(r["code"], r["diff"]) for r in take["rows"]] == [("SD-001", "-1.500"),
                                                              ("SD-002", "0.000")]
    low = js(db, capsys, "stock", "list", "--low")
    assert [r["code"] for r in low] == ["DQ-001", "SD-002"]


def test_complaint_commands(db, office, capsys, tmp_path):
    c = js(db, capsys, "complaint", "add", "--name", "王芳", "--identity", "租客", "--room",
           "JD-01-1-0502", "--text", "楼上装修噪音")
    n = c["number"]
    js(db, capsys, "complaint", "route", n, "--department", "秩序维护部")
    js(db, capsys, "complaint", "reply", n, "--method", "电话", "--text", "已处理",
       "--handling", "约谈装修户")
    assert js(db, capsys, "complaint", "close", n, "--satisfaction", "满意")["state"] == "closed"
    pdf = tmp_path / "ts.pdf"
    assert run(db, capsys, "complaint", "print", n, "--out", str(pdf))[0] == 0
    assert "楼上装修噪音" in PdfReader(str(pdf)).pages[0].extract_text()
