"""Write the empty import template (导入模板) with its 说明 (instructions) sheet.

Generated from :mod:`propdesk.excel.columns`, so the template always matches
what the importer reads.  Data sheets: a styled, frozen header row (required
columns in a darker fill with a comment), column widths, text format on code
columns (so 0502 keeps its zero and ID numbers keep their digits), and Excel
data validation: drop-downs for coded columns, numbers for areas and floors,
dates for dates.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from propdesk.excel.columns import (
    AREA, CHOICE, CODE, DATE, ID_NO, INSTRUCTIONS_SHEET, INT, MOBILE, PHONE, REF, ROOM_CODE, SHEETS,
    Column, Sheet,
)

VALIDATED_ROWS = 20000   # how far down the drop-downs and checks reach
_FORMATS = {AREA: "0.00", DATE: "yyyy-mm-dd"}
REQUIRED_FILL = PatternFill("solid", fgColor="F4B183")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="A6A6A6")
_TEXT_KINDS = (CODE, ROOM_CODE, REF, ID_NO, MOBILE, PHONE)


def write_template(path: str | Path) -> Path:
    """Write the empty template to ``path`` (.xlsx) and return the path."""
    wb = Workbook()
    _instructions(wb.active)
    for sheet in SHEETS:
        _data_sheet(wb.create_sheet(sheet.name), sheet)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def style_header(cell, required: bool = False) -> None:
    cell.font = Font(bold=True, color="000000")
    cell.fill = REQUIRED_FILL if required else OPTIONAL_FILL
    cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _data_sheet(ws, sheet: Sheet) -> None:
    columns = sheet.importable
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.name)
        style_header(cell, col.required)
        cell.comment = Comment(_comment(col), "PropDesk", width=260, height=140)
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(col.width, 2 * len(col.name) + 2)
        # A column style, so cells typed later in Excel take it (no 20,000 empty cells written).
        fmt = "@" if col.kind in _TEXT_KINDS else _FORMATS.get(col.kind)
        if fmt:
            ws.column_dimensions[letter].number_format = fmt
        dv = _validation(col)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    ws.row_dimensions[1].height = 22
    ws.freeze_panes = "A2"


def _comment(col: Column) -> str:
    lines = [("必填" if col.required else "选填") + "：" + col.format_zh]
    if col.default:
        lines.append(f"留空：{col.default}")
    if col.note_zh:
        lines.append(col.note_zh)
    if col.example:
        lines.append(f"例：{col.example}")
    return "\n".join(lines)


def _validation(col: Column) -> DataValidation | None:
    prompt = col.format_zh[:250]
    if col.kind == CHOICE and col.choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices.values()) + '"',
                            allow_blank=True)
        dv.error = "请从下拉列表中选择：" + "/".join(col.choices.values())
    elif col.kind == AREA:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        dv.error = "面积应为不小于0的数字（平方米）"
    elif col.kind == INT:
        low = "1" if col.key == "floors" else "-5"
        dv = DataValidation(type="whole", operator="between", formula1=low, formula2="200", allow_blank=True)
        dv.error = f"应为{low}到200之间的整数"
    elif col.kind == DATE:
        dv = DataValidation(type="date", operator="greaterThan", formula1="18264", allow_blank=True)
        dv.error = "应为日期，如 2024-03-01"
    else:
        return None
    dv.errorTitle = col.name
    dv.promptTitle = col.name
    dv.prompt = prompt
    dv.showErrorMessage = True
    dv.showInputMessage = True
    return dv


_RULES = [
    ("用途", "把开发商销售系统导出的小区、楼栋、房间和业主资料一次导入 PropDesk。",
     "Import estates, buildings, rooms and owners exported from a developer's sales system."),
    ("工作表", "按需填写「小区」「楼栋」「房间」「业主」四个工作表，不用的可以删除；工作表名称不能改。",
     "Fill the sheets you need; keep the sheet names."),
    ("列", "第1行是列名，列的顺序可以调整；不认识的列会被忽略并提示。橙色列名为必填，蓝色为选填；鼠标停在列名上可看说明。",
     "Row 1 holds the headers; column order is free; unknown columns are ignored. Orange = required."),
    ("全部或全不", "导入前逐行逐格检查，任何一处有误都不会导入任何数据；错误会指出工作表、行号和列名，改好后重新导入即可。",
     "Every cell is checked first; one error and nothing is imported. Errors give sheet, row and column."),
    ("只新增", "导入只新增数据：系统中已有的小区、楼栋沿用不改；已存在的房间编码报错；业主按证件号码识别，已有客户不重复建档。",
     "Import only adds: existing estates/buildings are reused unchanged, existing room codes are errors."),
    ("引用", "楼栋、房间、业主表中的「小区」可填小区编码或名称；引用的小区、楼栋、房间须在本文件或系统中。",
     "小区 may be a code or a name; referenced records must be in the file or the database."),
    ("房间编码", "房间编码 = 小区编码-楼栋-单元-房号，例如 JD-01-1-0502（无单元时为 JD-01-0502）。",
     "Room code = estate-building-unit-number, e.g. JD-01-1-0502."),
    ("新库", "系统中还没有公司时，导入会自动建立公司“物业服务公司”和区域“默认区域”（或「所属区域」列中的名称），之后可改名。",
     "An empty database gets a company and a region automatically."),
    ("Excel习惯", "数字存成文本、全角数字、首尾空格、日期写成 2024/3/1 或 2024年3月1日 都可以识别；编码列与证件号码请设为文本格式。",
     "Numbers as text, full-width digits, spaces and common date styles are accepted."),
]


def _instructions(ws) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws["A1"] = "PropDesk 资料导入模板 说明 (import template instructions)"
    ws["A1"].font = Font(bold=True, size=14)
    r = 3
    for title, zh, en in _RULES:
        ws.cell(row=r, column=1, value=title).font = Font(bold=True)
        ws.cell(row=r, column=2, value=zh).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=6)
        ws.cell(row=r, column=7, value=en).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 32
        r += 1
    r += 1
    headers = ("工作表", "列名", "必填", "格式", "留空时", "示例", "说明", "Description (English)")
    for i, h in enumerate(headers, start=1):
        style_header(ws.cell(row=r, column=i, value=h))
    table_start = r
    for sheet in SHEETS:
        for col in sheet.columns:
            r += 1
            values = (sheet.name, col.name, "必填" if col.required else ("仅导出" if not col.imported else "选填"),
                      col.format_zh, col.default, col.example, col.note_zh,
                      f"{col.format_en}. {col.note_en}".strip(" ."))
            for i, v in enumerate(values, start=1):
                cell = ws.cell(row=r, column=i, value=v)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.number_format = "@"
            if col.required:
                ws.cell(row=r, column=3).font = Font(bold=True, color="C00000")
    for letter, width in zip("ABCDEFGH", (10, 14, 8, 30, 18, 16, 36, 40)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=table_start + 1, column=1)
