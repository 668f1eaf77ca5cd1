"""Validation of identity numbers, phones and plates, as offices meet them."""

from __future__ import annotations

import datetime as dt
import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def resident_id_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not a valid 居民身份证 number, as (zh, en); None if valid."""
    v = value.strip().upper()
    if len(v) != 18:
        return ("身份证号码应为18位", "a resident ID number has 18 characters")
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return ("身份证号码前17位须为数字，末位为数字或X",
                "first 17 characters must be digits, the last a digit or X")
    try:
        born = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return ("身份证号码中的出生日期无效", "the birth date inside the ID number is invalid")
    if born.year < 1900 or born > dt.date.today():
        return ("身份证号码中的出生日期无效", "the birth date inside the ID number is invalid")
    if id_check_digit(v[:17]) != v[17]:
        return (f"身份证号码校验位错误，应为 {id_check_digit(v[:17])}",
                f"wrong check digit, expected {id_check_digit(v[:17])}")
    return None


def normalize_id(value: str) -> str:
    return value.strip().upper().replace(" ", "")


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalize_phone(value: str) -> str:
    v = value.strip().replace(" ", "")
    if v.startswith("+86"):
        v = v[3:]
    return v


def mobile_ok(value: str) -> bool:
    return bool(_MOBILE.match(normalize_phone(value)))


def phone_ok(value: str) -> bool:
    """A mobile number or a landline with area code."""
    v = normalize_phone(value)
    return bool(_MOBILE.match(v) or _LANDLINE.match(v))


PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O
_PLATE = re.compile(
    rf"^[{PROVINCES}][{_LETTERS}]"
    rf"(?:[{_LETTERS}0-9]{{4}}[{_LETTERS}0-9挂学警港澳]"  # ordinary: 7 characters
    rf"|[DF][{_LETTERS}0-9]{{5}}|[0-9]{{5}}[DF])$"  # new energy: 8 characters
)


def normalize_plate(value: str) -> str:
    return value.strip().upper().replace(" ", "").replace("·", "").replace("-", "")


def plate_ok(value: str) -> bool:
    return bool(_PLATE.match(normalize_plate(value)))
