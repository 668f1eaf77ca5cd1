"""Monospaced text layout for receipt printers: widths, padding, wrapping, columns.

A thermal printer prints on a grid: 32 columns on 58 mm paper, 48 on 80 mm
(font A). In Chinese mode every character it prints from its double-byte
font takes two columns: CJK ideographs and full-width forms, and also the
"ambiguous" symbols (·, ×, °, —, “ ”, ①…) which GBK encodes in two bytes. The
Unicode East Asian Width property says exactly which these are, so widths
here come from :func:`unicodedata.east_asian_width`, ambiguous counted wide.

Measure text *after* it has been made printable (see
:func:`drivers.escpos.printable`): ``¥`` is one column but prints as the
two-column ``￥``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final, Literal

PAPER_58MM: Final = 32
PAPER_80MM: Final = 48

Align = Literal["left", "center", "right"]

# Characters that must not begin a line (Chinese line-breaking rules, 避头点).
NO_LINE_START: Final = frozenset("，。、；：？！）》」』】〕〉”’%‰·…—,.;:?!)]}")

_TOKENS: Final = re.compile(r"\s+|[\x21-\x7e]+|.", re.DOTALL)


def char_width(ch: str, *, ambiguous_wide: bool = True) -> int:
    """Columns one character occupies: 0 (combining/control), 1 or 2."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F") or (eaw == "A" and ambiguous_wide):
        return 2
    return 1


def display_width(text: str, *, ambiguous_wide: bool = True) -> int:
    """Columns ``text`` occupies on the printer."""
    return sum(char_width(ch, ambiguous_wide=ambiguous_wide) for ch in text)


def truncate(text: str, width: int) -> str:
    """The longest prefix of ``text`` that fits in ``width`` columns (a wide
    character is never cut in half)."""
    used = 0
    for i, ch in enumerate(text):
        w = char_width(ch)
        if used + w > width:
            return text[:i]
        used += w
    return text


def pad(text: str, width: int, align: Align = "left") -> str:
    """``text`` truncated to ``width`` columns and padded with spaces to exactly ``width``."""
    text = truncate(text, width)
    gap = width - display_width(text)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns.

    Chinese may break between any two characters; runs of ASCII letters and
    digits (words, amounts, phone numbers) are kept whole unless longer than a
    line; punctuation such as "，" or "。" is never carried to the start of a
    line alone. Existing newlines are kept. Always returns at least one line.
    """
    if width < 2:
        raise ValueError("wrap width must be at least 2 columns")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if display_width(line + token) <= width:
            line += token
        elif token.isspace():
            lines.append(line.rstrip())
            line = ""
        elif display_width(token) > width:
            for ch in token:  # a word longer than a line: cut it where it must
                if display_width(line + ch) > width:
                    lines.append(line.rstrip())
                    line = ""
                line += ch
        else:
            carried = ""
            if (
                token[0] in NO_LINE_START
                and len(line.rstrip()) > 1
                and not line[-1].isspace()
                and display_width(line[-1] + token) <= width
            ):
                line, carried = line[:-1], line[-1]
            lines.append(line.rstrip())
            line = carried + token
    lines.append(line.rstrip())
    return lines


def columns(
    cells: Sequence[str],
    widths: Sequence[int],
    aligns: Sequence[Align] | None = None,
    *,
    gap: int = 1,
) -> list[str]:
    """Lay out one table row: each cell wrapped in its column, columns separated
    by ``gap`` spaces. A cell that needs more lines makes the row taller; the
    other cells stay on the row's first line. Trailing spaces are dropped."""
    if len(cells) != len(widths):
        raise ValueError("one width per cell")
    aligns = list(aligns) if aligns is not None else ["left"] * len(cells)
    if len(aligns) != len(cells):
        raise ValueError("one alignment per cell")
    wrapped = [wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    rows = []
    for i in range(height):
        parts = [
            pad(w[i] if i < len(w) else "", width, align)
            for w, width, align in zip(wrapped, widths, aligns, strict=True)
        ]
        rows.append((" " * gap).join(parts).rstrip())
    return rows


def two_columns(left: str, right: str, width: int) -> list[str]:
    """A label and a right-aligned value (``合计 ... ￥360.00``) on a ``width``-column line."""
    # At least 2: a column must hold one double-width character (see wrap).
    right_width = max(2, min(display_width(right), width - 3))
    return columns([left, right], [width - right_width - 1, right_width], ["left", "right"])


def item_widths(width: int) -> tuple[int, int, int]:
    """Column widths of an item / quantity / amount table for a paper width:
    (14, 6, 10) on 58 mm, (26, 8, 12) on 80 mm; the amount column holds
    ￥99999.99 on 58 mm and ￥9999999.99 on 80 mm."""
    amount = 10 if width < 40 else 12
    quantity = 6 if width < 40 else 8
    return width - quantity - amount - 2, quantity, amount


def three_columns(item: str, quantity: str, amount: str, width: int) -> list[str]:
    """One row of an item table; rows of the same ``width`` line up.

    Numbers are never wrapped: a quantity or amount wider than its column
    takes the room from the item column for that row (its right edge still
    lines up). Only the item name wraps.
    """
    name_width, qty_width, amount_width = item_widths(width)
    qty_width = max(qty_width, display_width(quantity))
    amount_width = max(amount_width, display_width(amount))
    name_width = width - qty_width - amount_width - 2
    if name_width < 2:
        raise ValueError(f"quantity and amount do not fit in {width} columns")
    return columns(
        [item, quantity, amount], [name_width, qty_width, amount_width], ["left", "right", "right"]
    )
