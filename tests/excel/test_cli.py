"""The command line: propdesk import / template / export."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from propdesk.cli import main
from tests.excel.conftest import table_counts


def test_import_prints_counts_per_sheet(db, book, sheets, capsys):
    rc = main(["--db", db.url, "import", str(book(sheets, "sales.xlsx"))])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "导入完成 (imported): sales.xlsx" in out
    assert "房间: 4行，新建 2个单元、4间房间" in out
    assert "业主: 3行，新建 2位客户、3条入住记录" in out
    assert table_counts(db)["room"] == 4


def test_import_failure_lists_every_problem_on_stderr_and_writes_nothing(db, book, sheets, capsys):
    sheets["房间"][2][5] = "abc"        # row 3, 建筑面积
    sheets["业主"][1][8] = "12345"      # row 2, 手机
    before = table_counts(db)
    rc = main(["--db", db.url, "import", str(book(sheets))])
    out, err = capsys.readouterr()
    assert rc == 2
    lines = err.splitlines()
    assert lines[0].startswith("房间 第3行 建筑面积: “abc”不是数字")
    assert lines[1].startswith("业主 第2行 手机: 手机号码无效：12345")
    assert "2 处错误，未导入任何数据" in lines[2]
    assert out == ""
    assert table_counts(db) == before


def test_import_json(db, book, sheets, capsys):
    rc = main(["--db", db.url, "--json", "import", str(book(sheets))])
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert rc == 0 and data["ok"] is True and data["written"] is True
    assert data["counts"]["room"] == 4 and data["counts"]["occupancy"] == 3


def test_import_json_failure(db, book, sheets, capsys):
    sheets["房间"][1][3] = 19            # row 2, 楼层 above 18
    rc = main(["--db", db.url, "import", "--json", str(book(sheets))])
    _, err = capsys.readouterr()
    data = json.loads(err)
    assert rc == 2 and data["ok"] is False
    assert data["problems"] == [{"sheet": "房间", "row": 2, "column": "楼层", "where": "房间 第2行 楼层",
                                 "error": "楼层 19 超过楼栋 JD-01 的层数 18",
                                 "error_en": "floor 19 is above the building's 18 floors"}]


def test_check_only_writes_nothing(db, book, sheets, capsys):
    before = table_counts(db)
    rc = main(["--db", db.url, "import", "--check", str(book(sheets))])
    out, _ = capsys.readouterr()
    assert rc == 0 and "检查通过" in out
    assert table_counts(db) == before


def test_check_reports_problems(db, book, sheets, capsys):
    sheets["业主"][1][7] = "110101199003074515"
    rc = main(["--db", db.url, "import", "--check", str(book(sheets))])
    _, err = capsys.readouterr()
    assert rc == 2 and err.startswith("业主 第2行 证件号码: 身份证号码校验位错误，应为 4")


def test_import_missing_file(db, tmp_path, capsys):
    rc = main(["--db", db.url, "import", str(tmp_path / "nope.xlsx")])
    _, err = capsys.readouterr()
    assert rc == 2 and "找不到文件" in err


def test_template_command(tmp_path, capsys):
    out = tmp_path / "模板.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert "已生成导入模板" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == ["说明", "小区", "楼栋", "房间", "业主"]


def test_export_commands(db, book, sheets, tmp_path, capsys):
    assert main(["--db", db.url, "import", str(book(sheets))]) == 0
    capsys.readouterr()
    rooms, people = tmp_path / "rooms.xlsx", tmp_path / "people.xlsx"
    assert main(["--db", db.url, "export", "rooms", "--out", str(rooms), "--estate", "jd"]) == 0
    assert "房间 4行" in capsys.readouterr().out
    assert main(["--db", db.url, "--json", "export", "customers", "--out", str(people)]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == {"业主": 3}
    assert load_workbook(rooms, read_only=True).sheetnames[0] == "房间"


def test_export_unknown_estate(db, tmp_path, capsys):
    rc = main(["--db", db.url, "export", "rooms", "--out", str(tmp_path / "r.xlsx"), "--estate", "ZZ"])
    assert rc == 4 and "找不到小区 ZZ" in capsys.readouterr().err
