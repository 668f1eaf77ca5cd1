"""Receipt layout: CJK characters take two columns, and table rows line up on 58 and 80 mm paper."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.layout import (
    PAPER_58MM,
    PAPER_80MM,
    columns,
    display_width,
    item_widths,
    pad,
    three_columns,
    truncate,
    two_columns,
    wrap,
)

FUZZ = settings(deadline=None, max_examples=300)

ITEMS = [
    ("物业费", "3", "￥360.00"),
    ("Water 水费", "12.5", "￥45.00"),
    ("停车费（地下车库B2-018号）", "1", "￥300.00"),
    ("电费", "128", "￥76.80"),
    ("Cleaning", "1", "￥12000.00"),
]


def end_column(line: str, text: str) -> int:
    """Display column just after ``text`` in ``line``."""
    return display_width(line[: line.index(text) + len(text)])


@pytest.mark.parametrize(
    ("text", "width"),
    [("ABC", 3), ("物业费", 6), ("￥", 2), ("¥", 1), ("A物B", 4), ("·×°—", 8), ("e\u0301", 1), ("", 0)],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_ambiguous_width_can_be_narrow() -> None:
    assert display_width("·×", ambiguous_wide=False) == 2


def test_truncate_and_pad_never_split_a_wide_character() -> None:
    assert truncate("物业费", 5) == "物业"
    assert pad("物业费", 5) == "物业 "
    assert pad("费", 5, "right") == "   费"
    assert pad("费", 5, "center") == " 费  "


def test_one_row_on_58mm_by_hand() -> None:
    # Columns 14 | 6 | 10 with one space between (14 + 1 + 6 + 1 + 10 = 32):
    # "物业费" is 6 columns → 8 spaces of padding; "3" right-aligned in 6 → 5 spaces;
    # "￥360.00" is 2 + 6 = 8 columns, right-aligned in 10 → 2 spaces.
    assert item_widths(PAPER_58MM) == (14, 6, 10)
    assert three_columns("物业费", "3", "￥360.00", PAPER_58MM) == [
        "物业费" + " " * 8 + " " + " " * 5 + "3" + " " + " " * 2 + "￥360.00"
    ]


@pytest.mark.parametrize("paper", [PAPER_58MM, PAPER_80MM])
def test_item_rows_line_up(paper: int) -> None:
    name_width, qty_width, _ = item_widths(paper)
    qty_end = name_width + 1 + qty_width
    for name, qty, amount in ITEMS:
        lines = three_columns(name, qty, amount, paper)
        first = lines[0]
        assert display_width(first) == paper, first  # the amount ends at the right margin
        assert end_column(first, f"{qty} ") == qty_end + 1, first  # quantities end in one column
        assert all(display_width(line) <= name_width for line in lines[1:])  # only the name wraps


def test_long_item_names_wrap_within_their_column() -> None:
    # 7 ideographs fill the 14-column item column; the rest goes to the next line.
    lines = three_columns("停车费（地下车库B2-018号）", "1", "￥300.00", PAPER_58MM)
    assert lines == ["停车费（地下车" + " " + " " * 5 + "1" + " " + " " * 2 + "￥300.00", "库B2-018号）"]


def test_an_amount_wider_than_its_column_is_not_wrapped() -> None:
    (line,) = three_columns("维修基金", "1", "￥123456.78", PAPER_58MM)
    assert line.endswith(" 1 ￥123456.78") and display_width(line) == PAPER_58MM


def test_label_and_value() -> None:
    # 32 columns: "合计" (4) + 19 spaces = 23, one space, "￥360.00" (8).
    assert two_columns("合计", "￥360.00", PAPER_58MM) == ["合计" + " " * 19 + " ￥360.00"]
    assert display_width(two_columns("应收合计（含滞纳金）", "￥1,234.50", PAPER_80MM)[0]) == PAPER_80MM


def test_wrap_keeps_words_and_never_starts_a_line_with_a_comma() -> None:
    assert wrap("缴费单号 ABC-2024-000123 已支付", 20) == ["缴费单号", "ABC-2024-000123 已支", "付"]
    # 15 ideographs fill 30 columns; the full-width comma may not start the next line,
    # so the last ideograph moves down with it.
    text = "一二三四五六七八九十一二三四五，谢谢"
    assert wrap(text, 30) == ["一二三四五六七八九十一二三四", "五，谢谢"]


def test_wrap_keeps_newlines_and_cuts_overlong_words() -> None:
    assert wrap("地址：\n1号楼", 10) == ["地址：", "1号楼"]
    assert wrap("X" * 25, 10) == ["X" * 10, "X" * 10, "X" * 5]


def test_columns_validates_its_arguments() -> None:
    with pytest.raises(ValueError):
        columns(["a", "b"], [5])
    with pytest.raises(ValueError):
        columns(["a"], [5], ["left", "right"])
    with pytest.raises(ValueError):
        wrap("abc", 1)


receipt_text = st.text(
    alphabet=st.sampled_from(list("物业费水电停车，。（）：ABCxyz0123456789-. ￥·")), max_size=120
)


@FUZZ
@given(receipt_text, st.integers(2, 48))
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@FUZZ
@given(receipt_text, st.sampled_from(["1", "12.5", "999"]), st.sampled_from(["￥1.00", "￥12345.67"]))
def test_any_item_row_fits_the_paper(name: str, qty: str, amount: str) -> None:
    for paper in (PAPER_58MM, PAPER_80MM):
        lines = three_columns(name, qty, amount, paper)
        assert all(display_width(line) <= paper for line in lines)
        assert display_width(lines[0]) == paper


def test_two_columns_with_a_one_column_or_empty_value():
    # "a" + spaces + "1" on 32 columns: the value column is widened to 2 (it must be able
    # to hold one CJK character), right-aligned, so "1" still ends in column 32.
    assert two_columns("数量", "1", 32) == ["数量" + " " * 27 + "1"]
    assert two_columns("备注", "", 32) == ["备注"]
