from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propdesk.money import (
    MoneyError, allocate, chinese_uppercase, fen_to_yuan, fmt, round_fen, to_decimal, yuan_to_fen,
)


@pytest.mark.parametrize("amount, text", [
    ("0.05", "伍分"),
    ("0.50", "伍角"),
    ("10.00", "壹拾元整"),
    ("100.50", "壹佰元伍角"),
    ("1004.00", "壹仟零肆元整"),
    ("1,004.00", "壹仟零肆元整"),
    ("123.45", "壹佰贰拾叁元肆角伍分"),
    ("1.05", "壹元零伍分"),
    ("10010.00", "壹万零壹拾元整"),
    ("100000.01", "壹拾万元零壹分"),
    ("110000.00", "壹拾壹万元整"),
    ("10000000.00", "壹仟万元整"),
    ("100010000.00", "壹亿零壹万元整"),
    ("20000.30", "贰万元叁角"),
    ("1000000.00", "壹佰万元整"),
    ("0.00", "零元整"),
    ("-5.00", "负伍元整"),
])
def test_chinese_uppercase(amount, text):
    assert chinese_uppercase(amount) == text


def test_round_half_up_to_fen():
    assert round_fen("2.345") == D("2.35")
    assert round_fen("2.344") == D("2.34")
    assert round_fen("-2.345") == D("-2.35")  # half away from zero
    assert round_fen("0.005") == D("0.01")


def test_floats_refused():
    with pytest.raises(MoneyError):
        to_decimal(0.1)
    with pytest.raises(MoneyError):
        round_fen(1.5)


def test_fen_conversion_exact():
    assert yuan_to_fen(D("295.55")) == 29555
    assert fen_to_yuan(29555) == D("295.55")
    with pytest.raises(MoneyError):
        yuan_to_fen(D("1.005"))


def test_fmt():
    assert fmt(D("1234567.5")) == "1,234,567.50"


def test_allocate_hundred_over_three_unequal_areas():
    # 100.00 yuan = 10000 fen over areas 89.50, 120.30, 65.20 (sum 275.00):
    # exact shares 3254.545..., 4374.545..., 2370.909... fen; floors 3254+4374+2370 = 9998,
    # 2 fen left go to the largest remainders: .909 (third) then .545 (first, earlier wins).
    parts = allocate(D("100.00"), [D("89.50"), D("120.30"), D("65.20")])
    assert parts == [D("32.55"), D("43.74"), D("23.71")]
    assert sum(parts) == D("100.00")


def test_allocate_equal_households():
    # 10.00 over 3 households: 333.33.. fen each -> 334, 333, 333
    assert allocate(D("10.00"), [1, 1, 1]) == [D("3.34"), D("3.33"), D("3.33")]


@given(st.integers(min_value=-10**9, max_value=10**9),
       st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30).filter(any))
def test_allocate_always_adds_up(total_fen, weights):
    parts = allocate(fen_to_yuan(total_fen), weights)
    assert sum(parts) == fen_to_yuan(total_fen)
    assert len(parts) == len(weights)
