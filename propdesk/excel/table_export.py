"""Write any table (headers + rows) to an .xlsx file.

Used by the UI's 导出Excel action on every table view, and usable by reports.
Pure: no Qt, no database.  Values keep their type (Decimal, int, date) so the
sheet can be summed and sorted in Excel; everything else is written as text.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    longest = max((len(line) + sum(1 for c in line if ord(c) > 0x2E80)
                   for line in text.splitlines() or [""]), default=0)
    return longest


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, Decimal, dt.date, dt.datetime)):
        return value
    return str(value)


def _number_format(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, Decimal):
        places = max(0, -value.as_tuple().exponent) if value.is_finite() else 0
        return "#,##0" + ("." + "0" * places if places else "")
    return None


def sheet_title(title: str) -> str:
    return (_SHEET_BAD.sub("_", title).strip() or "Sheet")[:31]


def write_table(path: str | Path, title: str, headers: Sequence[str],
                rows: Iterable[Sequence[Any]], *, subtitle: str = "") -> int:
    """Write ``title`` (a merged first row), ``headers`` and ``rows`` to ``path``.

    Returns the number of data rows written.  ``subtitle`` (e.g. 导出时间、操作员)
    goes in a second line under the title when given.
    """
    headers = [str(h) for h in headers]
    ncols = max(1, len(headers))
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="left", vertical="center")
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 24
    header_row = 2
    if subtitle:
        ws.cell(row=2, column=1, value=subtitle).font = Font(color="666666")
        if ncols > 1:
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
        header_row = 3
    thin = Side(style="thin", color="B0B7C3")
    fill = PatternFill("solid", fgColor="E8EEF7")
    widths = [_display_width(h) for h in headers]
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(row=header_row, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = Border(bottom=thin)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    n = 0
    for r, row in enumerate(rows, start=header_row + 1):
        n += 1
        for c, value in enumerate(row, start=1):
            v = _cell_value(value)
            cell = ws.cell(row=r, column=c, value=v)
            fmt = _number_format(v)
            if fmt:
                cell.number_format = fmt
            if c <= len(widths):
                widths[c - 1] = max(widths[c - 1], _display_width(v if fmt is None else value))
            if isinstance(v, str) and "\n" in v:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(_MAX_WIDTH, max(8, w + 2))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if n:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(ncols)}{header_row + n}"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n
