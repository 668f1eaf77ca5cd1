"""Write any table (headers + rows) to an .xlsx file.

Used by the UI's 导出Excel action on every table view, by the master-data
exports and usable by reports.  Pure: no Qt, no database.  Values keep their
type (Decimal, int, float, date) so the sheet can be summed and sorted in
Excel; everything else is written as text.

Rows are streamed (openpyxl write-only mode), so 100,000 rows take seconds
and little memory; column widths are fitted to the first rows.  Text that
starts with "=" stays text (a customer note must never become a formula), and
control characters Excel cannot store are dropped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60
WIDTH_SAMPLE = 500          # rows looked at to size the columns
HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")
_THIN = Side(style="thin", color="B0B7C3")


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    return max((len(line) + sum(1 for c in line if ord(c) > 0x2E80)
                for line in text.splitlines() or [""]), default=0)


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return value if value.is_finite() else str(value)
    if isinstance(value, (int, float, dt.date, dt.datetime)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _number_format(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, Decimal):
        places = max(0, -value.as_tuple().exponent)
        return "#,##0" + ("." + "0" * places if places else "")
    return None


def sheet_title(title: str) -> str:
    return (_SHEET_BAD.sub("_", title).strip() or "Sheet")[:31]


def out_cell(ws, value: Any, number_format: str | None = None) -> Any:
    """What to append for ``value``: the plain value, or a cell when it needs a format or must stay text."""
    v = _cell_value(value)
    fmt = number_format or _number_format(v)
    is_formula_like = isinstance(v, str) and v.startswith("=")
    if fmt is None and not is_formula_like and not (isinstance(v, str) and "\n" in v):
        return v
    cell = WriteOnlyCell(ws, value=v)
    if is_formula_like:
        cell.data_type = "s"
    if fmt:
        cell.number_format = fmt
    if isinstance(v, str) and "\n" in v:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def header_cells(ws, headers: Sequence[str], *, fills: Sequence[PatternFill] | None = None) -> list:
    out = []
    for i, h in enumerate(headers):
        c = WriteOnlyCell(ws, value=_cell_value(h))
        c.font = Font(bold=True)
        c.fill = fills[i] if fills else HEADER_FILL
        c.border = Border(bottom=_THIN)
        c.alignment = Alignment(horizontal="center", vertical="center")
        out.append(c)
    return out


def stream_rows(ws, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, above: Sequence[list] = (),
                formats: Sequence[str | None] | None = None, min_widths: Sequence[int] | None = None) -> int:
    """Write ``above`` (title lines), the header and ``rows`` to a fresh write-only sheet.

    Widths and the frozen header are set first: a write-only sheet writes its
    layout before the first row.  ``formats`` gives a number format per column
    (e.g. "0.00" for areas).  Returns the number of data rows.
    """
    header_row = len(above) + 1
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE))
    widths = [max(_display_width(h), (min_widths[i] if min_widths and i < len(min_widths) else 0))
              for i, h in enumerate(headers)]
    for row in sample:
        for i, v in enumerate(row[:len(widths)]):
            shown = v.strftime("%Y-%m-%d") if isinstance(v, dt.date) else v
            widths[i] = max(widths[i], _display_width(shown))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, max(8, w + 2))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    for line in above:
        ws.append(line)
    ws.append(header_cells(ws, headers))
    fmts = list(formats or [])
    n = 0
    for row in itertools.chain(sample, rows):
        ws.append([out_cell(ws, v, fmts[i] if i < len(fmts) else None) for i, v in enumerate(row)])
        n += 1
    if n and headers:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{header_row + n}"
    return n


def write_table(path: str | Path, title: str, headers: Sequence[str],
                rows: Iterable[Sequence[Any]], *, subtitle: str = "") -> int:
    """Write ``title`` (a merged first row), ``headers`` and ``rows`` to ``path``.

    Returns the number of data rows written.  ``subtitle`` (e.g. 导出时间、操作员)
    goes in a second line under the title when given.
    """
    headers = [str(h) for h in headers]
    ncols = max(1, len(headers))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(title))
    head = WriteOnlyCell(ws, value=_cell_value(title))
    head.font = Font(bold=True, size=14)
    head.alignment = Alignment(horizontal="left", vertical="center")
    above = [[head]]
    if subtitle:
        sub = WriteOnlyCell(ws, value=_cell_value(subtitle))
        sub.font = Font(color="666666")
        above.append([sub])
    ws.row_dimensions[1].height = 24
    if ncols > 1:
        for r in range(1, len(above) + 1):
            ws.merged_cells.add(f"A{r}:{get_column_letter(ncols)}{r}")
    n = stream_rows(ws, headers, rows, above=above)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n
