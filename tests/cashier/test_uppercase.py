"""Chinese financial uppercase (大写) as printed on receipts, every value written by hand.

The rules (会计基础工作规范): 元 after the yuan part; 整 when there are no
jiao and fen; one 零 for any run of zeros inside the number, including a
zero 万 group; 零 between yuan and fen when jiao is zero; 壹拾 (never a bare
拾) at the start.
"""

from decimal import Decimal

import pytest

from propdesk.money import MoneyError, chinese_uppercase

CASES = [
    ("0.05", "伍分"),
    ("0.50", "伍角"),
    ("0.00", "零元整"),
    ("1.01", "壹元零壹分"),
    ("10.00", "壹拾元整"),
    ("10.05", "壹拾元零伍分"),
    ("20.30", "贰拾元叁角"),
    ("100.50", "壹佰元伍角"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("1004.00", "壹仟零肆元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("100010.00", "壹拾万零壹拾元整"),
    ("105000.00", "壹拾万伍仟元整"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),
    ("1000005.20", "壹佰万零伍元贰角"),
    ("10000000.00", "壹仟万元整"),
    ("100000000.00", "壹亿元整"),
    ("100000001.00", "壹亿零壹元整"),
    ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
    ("-10.00", "负壹拾元整"),
]


@pytest.mark.parametrize("amount,text", CASES)
def test_uppercase_by_hand(amount, text):
    assert chinese_uppercase(Decimal(amount)) == text


def test_uppercase_accepts_formatted_text():
    assert chinese_uppercase("1,004.00") == "壹仟零肆元整"
    assert chinese_uppercase("10,000,000.00") == "壹仟万元整"


def test_uppercase_refuses_floats():
    with pytest.raises(MoneyError):
        chinese_uppercase(0.05)
