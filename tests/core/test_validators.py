import pytest

from propdesk.validators import (
    id_check_digit, mobile_ok, normalize_plate, phone_ok, plate_ok, resident_id_problem,
)


def test_id_check_digit_worked_example():
    # 11010519491231002X: digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 times weights
    # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167;
    # 167 mod 11 = 2 -> "10X98765432"[2] = "X".
    assert id_check_digit("11010519491231002") == "X"
    assert resident_id_problem("11010519491231002X") is None
    assert resident_id_problem("11010519491231002x") is None


@pytest.mark.parametrize("bad", [
    "110105194912310021",   # wrong check digit (X expected)
    "11010519491331002X",   # month 13
    "1101051949123100",     # too short
    "11010519491231002Y",   # bad last character
])
def test_id_rejections(bad):
    assert resident_id_problem(bad) is not None


def test_phones():
    assert mobile_ok("13800138000")
    assert mobile_ok("+86 138 0013 8000")
    assert not mobile_ok("12800138000")
    assert not mobile_ok("1380013800")
    assert phone_ok("0755-83338888")
    assert not phone_ok("83338888")


@pytest.mark.parametrize("plate, ok", [
    ("粤B12345", True), ("粤b 12345", True), ("京A·8888挂", True), ("粤BD12345", True),
    ("粤B12345D", True), ("粤I12345", False), ("B12345", False), ("粤B1234", False),
    ("沪AO1234", False),
])
def test_plates(plate, ok):
    assert plate_ok(plate) is ok


def test_normalize_plate():
    assert normalize_plate(" 粤b·12345 ") == "粤B12345"
