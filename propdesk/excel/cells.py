"""Turn what Excel hands us into clean values, forgiving what Excel does.

Sales-system exports arrive with numbers stored as text, text stored as
numbers, dates as datetimes, serial numbers or strings (2024-03-01, 2024/3/1,
2024年3月1日), trailing and full-width spaces, full-width digits (１２３) and
float noise (89.37000000000001).  Each parser returns the value, ``None`` for
a blank cell, or raises :class:`CellError` saying what is wrong and what to do.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from propdesk.excel.columns import (
    AREA, CHOICE, CODE, DATE, ID_NO, INT, MOBILE, PHONE, REF, ROOM_CODE, SYNONYMS, TEXT, Column,
)
from propdesk.validators import mobile_ok, normalize_id, normalize_phone, phone_ok

MAX_AREA = Decimal("10000000")   # 1000 hectares: more is a typo (an estate's land area fits)
_CENT = Decimal("0.01")
_BLANKS = " \t\r\n\u3000\xa0\u200b\ufeff"
_AREA_UNITS = ("平方米", "平米", "㎡", "m²", "m2", "M2", "平")
_CODE_BAD = re.compile(r"[\s\-]")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                        r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


def clean_text(value) -> str:
    """A cell as trimmed text; numbers without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value).strip(_BLANKS)


def narrow(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII (１２３ → 123)."""
    return unicodedata.normalize("NFKC", text).strip(_BLANKS)


def parse(value, col: Column):
    """Parse one cell for ``col``; ``None`` when blank."""
    if value is None or (isinstance(value, str) and not value.strip(_BLANKS)):
        return None
    return _PARSERS[col.kind](value, col)


def _text(value, col: Column) -> str:
    t = clean_text(value)
    if col.max_len and len(t) > col.max_len:
        raise CellError(f"内容过长（{len(t)}字），最多{col.max_len}字",
                        f"too long ({len(t)} characters), at most {col.max_len}")
    return t


def _ref(value, col: Column) -> str:
    return narrow(_text(value, col))


def _code(value, col: Column) -> str:
    t = narrow(clean_text(value)).upper()
    for suffix in col.strip_suffixes:
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)]
            break
    if _CODE_BAD.search(t):
        raise CellError(f"编码“{t}”不能含空格或“-”，请去掉", f"code {t!r} must not contain spaces or '-'")
    if col.ascii_only and not (t.isascii() and t.isalnum()):
        raise CellError(f"编码“{t}”只能用英文字母和数字", f"code {t!r} must be ASCII letters and digits")
    if col.max_len and len(t) > col.max_len:
        raise CellError(f"编码过长（{len(t)}位），最多{col.max_len}位",
                        f"code too long ({len(t)}), at most {col.max_len}")
    return t


def _room_code(value, col: Column) -> str:
    t = narrow(clean_text(value)).upper()
    if re.search(r"\s", t) or len(t) > col.max_len:
        raise CellError(f"房间编码“{t}”无效（不含空格，最多{col.max_len}位，如 JD-01-1-0502）",
                        f"invalid room code {t!r}")
    return t


def decimal_of(value) -> Decimal:
    """A number cell or a number written as text (1,234.50 / ８９.３７ / 89.37㎡)."""
    if isinstance(value, bool):
        raise CellError("应为数字", "a number is expected")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        d = Decimal(repr(value))
        # Excel arithmetic leaves float noise such as 89.37000000000001.
        r = d.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP).normalize()
        return r if abs(r - d) < Decimal("1e-9") else d
    if isinstance(value, Decimal):
        return value
    t = narrow(str(value)).replace(",", "").replace(" ", "")
    for unit in _AREA_UNITS:
        if t.endswith(unit):
            t = t[: -len(unit)]
            break
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise CellError(f"“{clean_text(value)}”不是数字", f"{clean_text(value)!r} is not a number") from None
    if not d.is_finite():
        raise CellError(f"“{clean_text(value)}”不是数字", f"{clean_text(value)!r} is not a number")
    return d


def _area(value, col: Column) -> Decimal:
    d = decimal_of(value)
    if d < 0:
        raise CellError(f"面积不能为负数：{d}", f"area cannot be negative: {d}")
    if d > MAX_AREA:
        raise CellError(f"面积过大：{d}，请检查单位（平方米）", f"area too large: {d}; check the unit (m²)")
    q = d.quantize(_CENT)
    if q != d:
        raise CellError(f"面积最多两位小数：{d}", f"at most 2 decimals: {d}")
    return q


def _int(value, col: Column) -> int:
    number = value
    if isinstance(value, str):
        t = narrow(value).upper().replace(" ", "")
        for suffix in ("层", "楼", "F"):
            t = t.removesuffix(suffix)
        if t.startswith("B") and t[1:].isdigit():   # B1 = first basement floor
            t = "-" + t[1:]
        number = t
    try:
        d = decimal_of(number)
    except CellError:
        raise CellError(f"“{clean_text(value)}”不是整数", f"{clean_text(value)!r} is not a whole number") from None
    if d != d.to_integral_value():
        raise CellError(f"应为整数：{d}", f"a whole number is expected: {d}")
    return int(d)


def _date(value, col: Column) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = int(value)
        if 19000101 <= n <= 29991231:              # 20240301 typed as a number
            return _date(str(n), col)
        if 1 <= n <= 2958465:                       # an Excel serial day number
            return _EXCEL_EPOCH + dt.timedelta(days=n)
    t = narrow(str(value))
    if re.fullmatch(r"\d{8}", t):
        t = f"{t[:4]}-{t[4:6]}-{t[6:]}"
    m = _DATE_TEXT.match(t)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise CellError(f"“{clean_text(value)}”不是有效日期，请写成 2024-03-01",
                    f"{clean_text(value)!r} is not a valid date; write it as 2024-03-01")


def _choice(value, col: Column) -> str:
    t = narrow(clean_text(value))
    choices = col.choices or {}
    if t in choices:
        return t
    for code, label in choices.items():
        if label == t or code == t.lower():
            return code
    code = SYNONYMS.get(col.key, {}).get(t)
    if code:
        return code
    raise CellError(f"“{t}”不是可选值，可选：{'/'.join(choices.values())}",
                    f"{t!r} is not one of {'/'.join(choices)}")


def _id_no(value, col: Column) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise CellError("证件号码被Excel存成了数字，末几位已丢失；请把该列设为文本后按原件重新录入",
                        "Excel stored the ID number as a number and lost its last digits; "
                        "format the column as text and re-enter it")
    t = normalize_id(narrow(clean_text(value)))
    if col.max_len and len(t) > col.max_len:
        raise CellError(f"证件号码过长（{len(t)}位）", f"ID number too long ({len(t)})")
    return t


def _phone_text(value) -> str:
    t = normalize_phone(narrow(clean_text(value)).replace(" ", ""))
    digits = t.replace("-", "")
    return digits if mobile_ok(digits) else t


def _mobile(value, col: Column) -> str:
    t = _phone_text(value)
    if not mobile_ok(t):
        raise CellError(f"手机号码无效：{t}（应为11位，以1开头）", f"invalid mobile number {t}")
    return t


def _phone(value, col: Column) -> str:
    t = _phone_text(value)
    if not phone_ok(t):
        raise CellError(f"电话号码无效：{t}（手机11位，固话带区号如 0755-83338888）",
                        f"invalid phone number {t}")
    return t


_PARSERS = {TEXT: _text, REF: _ref, CODE: _code, ROOM_CODE: _room_code, AREA: _area, INT: _int, DATE: _date,
            CHOICE: _choice, ID_NO: _id_no, MOBILE: _mobile, PHONE: _phone}
