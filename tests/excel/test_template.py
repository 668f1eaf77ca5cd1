"""The empty import template: sheets, headers, styling, drop-downs and the 说明 sheet."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from propdesk.excel.template import write_template

HEADERS = {
    "小区": ["小区编码", "小区名称", "所属区域", "地址", "占地面积", "建筑面积", "绿化面积", "电话", "备注"],
    "楼栋": ["小区", "楼栋", "楼栋名称", "楼宇类型", "结构", "层数"],
    "房间": ["房间编码", "小区", "楼栋", "单元", "楼层", "房号", "建筑面积", "套内面积", "户型", "朝向", "用途",
             "状态", "权属类型", "备注"],
    "业主": ["房间编码", "小区", "楼栋", "单元", "房号", "姓名", "客户类别", "性别", "证件类型", "证件号码", "手机",
             "身份", "入住日期", "工作单位", "户籍", "紧急联系人", "紧急联系电话", "备注"],
}
REQUIRED = {"小区": {"小区编码", "小区名称"}, "楼栋": {"小区", "楼栋", "层数"},
            "房间": {"小区", "楼栋", "楼层", "房号", "建筑面积"}, "业主": {"姓名"}}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return load_workbook(write_template(tmp_path_factory.mktemp("t") / "导入模板.xlsx"))


def test_sheets_and_headers(template):
    assert template.sheetnames == ["说明", "小区", "楼栋", "房间", "业主"]
    for sheet, headers in HEADERS.items():
        ws = template[sheet]
        assert [c.value for c in ws[1]] == headers
        assert ws.max_row == 1                      # empty: no example rows to delete
        assert ws.freeze_panes == "A2"


def test_required_headers_stand_out_and_carry_a_comment(template):
    for sheet, required in REQUIRED.items():
        for cell in template[sheet][1]:
            assert cell.font.bold
            assert cell.comment is not None and cell.comment.text.startswith(
                "必填" if cell.value in required else "选填")
            assert (cell.fill.fgColor.rgb == "00F4B183") == (cell.value in required)


def test_drop_downs_for_coded_columns(template):
    def lists(sheet):
        out = {}
        for dv in template[sheet].data_validations.dataValidation:
            if dv.type == "list":
                for rng in dv.sqref.ranges:
                    out[template[sheet].cell(1, rng.min_col).value] = dv.formula1
        return out
    assert lists("楼栋") == {"楼宇类型": '"高层,多层,别墅,商业"', "结构": '"砖混,框架,剪力墙,钢结构"'}
    room = lists("房间")
    assert room["用途"] == '"住宅,商铺,办公,车位,其他"'
    assert room["状态"] == '"空置,已售未入住,入住,装修,出租"'
    assert room["权属类型"] == '"商品房,房改房,经济适用房,公租房,自持"'
    owner = lists("业主")
    assert owner["身份"] == '"业主,租户,住户"' and owner["性别"] == '"男,女"'
    assert set(owner) == {"客户类别", "性别", "证件类型", "身份"}


def test_number_checks_and_text_columns(template):
    ws = template["房间"]
    kinds = {ws.cell(1, r.min_col).value: dv.type for dv in ws.data_validations.dataValidation
             for r in dv.sqref.ranges}
    assert kinds["建筑面积"] == "decimal" and kinds["楼层"] == "whole"
    assert ws.column_dimensions["F"].number_format == "@"        # 房号 keeps 0502
    assert template["业主"].column_dimensions["J"].number_format == "@"   # 证件号码 keeps 18 digits
    assert template["业主"]["M1"].value == "入住日期"
    assert template["业主"].column_dimensions["M"].number_format == "yyyy-mm-dd"


def test_instructions_document_every_column(template):
    ws = template["说明"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[:3] == ["工作表", "列名", "必填"])
    documented = {(r[0], r[1]): r for r in rows[head + 1:] if r[0]}
    for sheet, headers in HEADERS.items():
        for h in headers:
            row = documented[(sheet, h)]
            assert row[2] == ("必填" if h in REQUIRED[sheet] else "选填")
            assert row[3]                              # a format
            assert row[7]                              # an English description
    assert documented[("房间", "房号")][5] == "0502"
    assert documented[("房间", "用途")][3] == "可选：住宅/商铺/办公/车位/其他"
    assert documented[("房间", "业主姓名")][2] == "仅导出"
    text = " ".join(str(v) for r in rows[:head] for v in r if v)
    assert "任何一处有误都不会导入任何数据" in text and "JD-01-1-0502" in text
