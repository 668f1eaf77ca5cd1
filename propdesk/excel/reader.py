"""Read an import workbook: find the known sheets, their header rows and columns.

openpyxl's read-only mode streams the sheets, so a 10,000-room file is read
without building every cell object.  Headers are matched by name (or one of
the other spellings in :mod:`propdesk.excel.columns`), so column order does
not matter and extra columns are ignored with a note.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import ParseError
from dataclasses import dataclass, field
from pathlib import Path

from propdesk.excel.cells import narrow
from propdesk.excel.columns import INSTRUCTIONS_SHEET, OWNERS, SHEETS, Column, Sheet, sheet_for
from propdesk.excel.problems import Findings

HEADER_SCAN_ROWS = 10   # a title line or two above the header is common in exports
_MARKS = re.compile(r"^[*＊]+|[*＊]+$|[（(](必填|选填|可选)[)）]$")
_SPACE = re.compile(r"\s+")
_UNIT = re.compile(r"[（(][^（()）]*[)）]$")


@dataclass
class SheetData:
    spec: Sheet
    title: str                                  # as written in the file
    header_row: int = 1
    index: dict[str, int] = field(default_factory=dict)   # field key -> column position
    header: dict[str, str] = field(default_factory=dict)  # field key -> header as written
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (Excel row number, values)
    _layout: list | None = field(default=None, repr=False)

    @property
    def layout(self) -> list[tuple[str, int, Column, str]]:
        """(field key, column position, column, header) of every mapped column."""
        if self._layout is None:
            self._layout = [(k, i, self.spec.column(k), self.header[k]) for k, i in self.index.items()]
        return self._layout

    def has(self, key: str) -> bool:
        return key in self.index

    def col(self, key: str) -> str:
        """The header to show for ``key``: as written in the file, else the template's."""
        return self.header.get(key) or self.spec.column(key).name


def header_text(value) -> str:
    text = _SPACE.sub("", narrow("" if value is None else str(value)))
    return _MARKS.sub("", text)


def known_column(spec: Sheet, text: str) -> Column | None:
    """The column a header names; "建筑面积(㎡)" and "证件号码（身份证）" count as their plain names."""
    col = spec.by_name.get(text)
    if col is None and _UNIT.search(text):
        col = spec.by_name.get(_UNIT.sub("", text))
    return col


def read_workbook(path: str | Path, findings: Findings) -> dict[str, SheetData]:
    """The known sheets of ``path`` by sheet key; problems go to ``findings``."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    name = path.name
    if not path.is_file():
        findings.error(name, None, "", f"找不到文件 {path}", f"file not found: {path}")
        return {}
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except PermissionError:
        findings.error(name, None, "", f"无法打开 {name}：文件正被其他程序（如Excel）占用或没有读取权限，请关闭后重试",
                       f"cannot open {name}: it is in use by another program or not readable")
        return {}
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        findings.error(name, None, "",
                       f"无法读取 {name}：不是有效的 .xlsx 文件（.xls 或 .csv 请先在Excel中另存为 .xlsx；"
                       "设了打开密码的文件请先取消密码）",
                       f"cannot read {name}: not a valid .xlsx file ({exc.__class__.__name__})")
        return {}
    try:
        return _read_sheets(wb, findings)
    except (ParseError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:  # a damaged sheet
        findings.error(name, None, "", f"{name} 已损坏，读取到一半失败；请在Excel中打开后另存为新的 .xlsx 再导入",
                       f"{name} is damaged ({exc.__class__.__name__}); re-save it from Excel")
        return {}
    finally:
        wb.close()


def _read_sheets(wb, findings: Findings) -> dict[str, SheetData]:
    found: dict[str, SheetData] = {}
    for ws in wb.worksheets:
        spec = sheet_for(ws.title)
        if spec is None:
            if ws.title.strip() != INSTRUCTIONS_SHEET:
                findings.note(ws.title, None, "",
                              f"工作表「{ws.title}」不是导入模板中的工作表，已忽略",
                              f"sheet {ws.title!r} is not part of the template; ignored")
            continue
        if spec.key in found:
            findings.error(ws.title, None, "",
                           f"工作表「{ws.title}」与「{found[spec.key].title}」是同一种数据，请合并为一个工作表",
                           f"sheet {ws.title!r} duplicates {found[spec.key].title!r}; merge them")
            continue
        data = _read_sheet(ws, spec, findings)
        if data is not None:
            found[spec.key] = data
    if not found and not findings.errors:
        findings.error("", None, "",
                       "文件中没有可导入的工作表：工作表应命名为 " + "、".join(s.name for s in SHEETS),
                       "no sheet to import: sheets must be named " + ", ".join(s.name for s in SHEETS))
    return found


def _read_sheet(ws, spec: Sheet, findings: Findings) -> SheetData | None:
    ws.reset_dimensions()  # sales systems often write a wrong <dimension>; read everything
    data = SheetData(spec, ws.title)
    rows = ws.iter_rows(values_only=True)
    head: list[tuple[int, tuple]] = []
    best, best_hits = None, 0
    for number, values in enumerate(rows, start=1):
        head.append((number, values))
        hits = sum(1 for v in values if v is not None and known_column(spec, header_text(v)))
        if hits > best_hits:
            best, best_hits = (number, values), hits
        if number >= HEADER_SCAN_ROWS:
            break
    if best is None or best_hits < min(2, len(spec.columns)):
        findings.error(ws.title, 1, "",
                       f"找不到表头行：前{HEADER_SCAN_ROWS}行中没有「{spec.name}」表的列名（如 "
                       f"{'、'.join(c.name for c in spec.columns[:4])}）",
                       f"no header row in the first {HEADER_SCAN_ROWS} rows of sheet {ws.title!r}")
        return None
    data.header_row, header = best
    _map_columns(data, header, findings)
    findings.rank_sheet(ws.title, [header_text(v) for v in header])
    if not _check_required(data, findings):
        return None
    for number, values in head:
        if number > data.header_row and _has_data(values):
            data.rows.append((number, values))
    for number, values in enumerate(rows, start=len(head) + 1):
        if _has_data(values):
            data.rows.append((number, values))
    return data


def _has_data(values: tuple) -> bool:
    for v in values:
        if v is not None and (not isinstance(v, str) or v.strip(" \t\r\n\u3000\xa0")):
            return True
    return False


def _map_columns(data: SheetData, header: tuple, findings: Findings) -> None:
    r = data.header_row
    for i, raw in enumerate(header):
        text = header_text(raw)
        if not text:
            continue
        col = known_column(data.spec, text)
        if col is None:
            findings.note(data.title, r, text, f"列「{text}」不是模板中的列，已忽略",
                          f"column {text!r} is not in the template; ignored")
        elif not col.imported:
            findings.note(data.title, r, text, f"列「{text}」{col.note_zh}",
                          f"column {text!r} is for reference only; ignored on import")
        elif col.key in data.index:
            findings.error(data.title, r, text,
                           f"列「{text}」与「{data.header[col.key]}」重复（同一项数据），请删除其中一列",
                           f"column {text!r} duplicates {data.header[col.key]!r}; delete one of them")
        else:
            data.index[col.key] = i
            data.header[col.key] = text


def _check_required(data: SheetData, findings: Findings) -> bool:
    missing = [c for c in data.spec.importable if c.required and c.key not in data.index]
    if data.spec is OWNERS and not data.has("room_code"):
        missing += [OWNERS.column(k) for k in ("estate", "building", "number") if not data.has(k)]
    for c in missing:
        extra = "（或填写「房间编码」列）" if data.spec is OWNERS and c.key != "name" else ""
        findings.error(data.title, data.header_row, c.name,
                       f"缺少必填列「{c.name}」{extra}，请按模板补上该列",
                       f"required column {c.name!r} is missing")
    return not missing
