"""Money: integer fen in the database, ``Decimal`` yuan in code.

Rounding rule (the only one in PropDesk): amounts are rounded to the fen
(0.01 yuan) with ROUND_HALF_UP, once per bill line, at the point where the line
amount is produced.  Sums of rounded lines are exact and never re-rounded.
Where a whole must be split into parts (public-meter apportionment, partial
payments), :func:`allocate` distributes the rounding remainder fen by fen so
the parts always add up to the whole.

No float ever touches money: constructing money from a float raises.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Sequence

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


class MoneyError(ValueError):
    pass


def to_decimal(value: "Decimal | int | str") -> Decimal:
    """Parse a user or file value as a Decimal; floats are refused."""
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"金额不能是浮点数 (float not allowed for money): {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace("￥", "").replace("¥", "")
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"不是有效金额 (not a valid amount): {value!r}") from None
        if not d.is_finite():
            raise MoneyError(f"不是有效金额 (not a valid amount): {value!r}")
        return d
    raise MoneyError(f"不支持的金额类型 (unsupported money type): {type(value).__name__}")


def round_fen(value: "Decimal | int | str") -> Decimal:
    """Round to the fen, half up. The single rounding function for money."""
    return to_decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def yuan_to_fen(value: "Decimal | int | str") -> int:
    """Decimal yuan -> integer fen; the value must already be whole fen."""
    d = to_decimal(value)
    q = d.quantize(FEN)
    if q != d:
        raise MoneyError(f"金额精度超过分，请先取整 (amount has sub-fen digits): {d}")
    return int(q * 100)


def fen_to_yuan(fen: int) -> Decimal:
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise MoneyError(f"分必须是整数 (fen must be an integer): {fen!r}")
    return (Decimal(fen) / 100).quantize(FEN)


def fmt(value: Decimal, *, symbol: str = "") -> str:
    """Format with thousands separators and two decimals: 1,234.50."""
    return f"{symbol}{round_fen(value):,.2f}"


def allocate(total: Decimal, weights: Sequence[Decimal | int]) -> list[Decimal]:
    """Split ``total`` (whole fen) over ``weights`` so the parts add up exactly.

    Largest-remainder method: every part gets its proportional share rounded
    down to the fen, then the leftover fen go one each to the parts with the
    largest remainders (ties: earlier position first, so results are
    deterministic).  Negative totals are split by symmetry.
    """
    total_fen = yuan_to_fen(total)
    ws = [to_decimal(w) for w in weights]
    if not ws:
        raise MoneyError("分摊对象为空 (nothing to allocate to)")
    if any(w < 0 for w in ws):
        raise MoneyError("分摊权重不能为负 (negative weight)")
    wsum = sum(ws)
    if wsum == 0:
        raise MoneyError("分摊权重之和为零 (weights sum to zero)")
    sign = -1 if total_fen < 0 else 1
    t = abs(total_fen)
    shares = [Decimal(t) * w / wsum for w in ws]
    floors = [int(s) for s in shares]  # shares are >= 0, so int() floors
    left = t - sum(floors)
    order = sorted(range(len(ws)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [fen_to_yuan(sign * f) for f in floors]


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(n: int) -> str:
    """Chinese uppercase for 0 < n < 10000, with inner zeros as 零."""
    out = []
    zero = False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + _SMALL_UNITS[pos])
    return "".join(out)


def chinese_uppercase(amount: "Decimal | int | str") -> str:
    """Amount in Chinese financial uppercase (大写), as written on receipts.

    123.45 -> 壹佰贰拾叁元肆角伍分; 10.00 -> 壹拾元整; 0.05 -> 伍分;
    1004.00 -> 壹仟零肆元整; 100.50 -> 壹佰元伍角. Negative amounts are
    prefixed with 负.  A leading 拾 is written 壹拾 as receipts require.
    """
    value = round_fen(amount)
    if value < 0:
        return "负" + chinese_uppercase(-value)
    fen_total = int(value * 100)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if yuan >= 10**16:
        raise MoneyError(f"金额过大 (amount too large): {value}")
    parts: list[str] = []
    if yuan:
        groups = []
        n = yuan
        while n:
            groups.append(n % 10000)
            n //= 10000
        text = []
        need_zero = False
        for idx in range(len(groups) - 1, -1, -1):
            g = groups[idx]
            if g == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or g < 1000):
                text.append("零")
            text.append(_four_digits(g) + _BIG_UNITS[idx])
            need_zero = False
        parts.append("".join(text) + "元")
    if jiao == 0 and fen == 0:
        return (parts[0] if parts else "零元") + "整"
    if jiao:
        parts.append(_DIGITS[jiao] + "角")
    elif yuan:
        parts.append("零")
    if fen:
        parts.append(_DIGITS[fen] + "分")
    return "".join(parts)
