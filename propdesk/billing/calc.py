"""Fee methods: from inputs to an amount and the formula a person can check.

Rounding rule (one per line): every bill line's amount is computed exactly
(areas, prices, usage and the day share are exact decimals or fractions) and
rounded ONCE, half-up to the fen, with :func:`propdesk.money.round_fen`.
Discounts are applied to the exact amount before that single rounding; the
line's ``discount`` is then the rounded gross minus the rounded net, so
gross − discount = amount to the fen.  Sums of lines are never re-rounded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Mapping, Sequence

from propdesk.billing.formula import Formula
from propdesk.billing.periods import Period
from propdesk.money import ZERO, round_fen

METHODS = {
    "building_area": "单价×建筑面积",
    "inner_area": "单价×套内面积",
    "fixed": "固定金额",
    "metered": "用量×单价（可阶梯）",
    "shared": "公摊",
    "formula": "自定义公式",
}
METHODS_EN = {
    "building_area": "unit price × building area",
    "inner_area": "unit price × inner area",
    "fixed": "fixed amount",
    "metered": "usage × unit price (tiers allowed)",
    "shared": "public meter / shared cost",
    "formula": "custom formula",
}


class CalcError(ValueError):
    """An input that a fee method cannot bill (never billed as 0 silently)."""


def qty(d: Decimal, places: int = 0) -> str:
    """A number as printed in formulas: thousands separators, trailing zeros
    dropped but at least ``places`` decimals (2.3000 元 → 2.30, 27.000 m³ → 27)."""
    n = d.normalize()
    if n.as_tuple().exponent > -places:
        n = n.quantize(Decimal(1).scaleb(-places))
    return format(n, ",f")


def price(d: Decimal) -> str:
    return qty(d, 2)


def yuan(d: Decimal) -> str:
    return format(round_fen(d), ",.2f")


def to_fen(exact: "Fraction | Decimal") -> Decimal:
    """Round an exact value to the fen with THE rounding function."""
    if isinstance(exact, Fraction):
        with localcontext() as ctx:
            ctx.prec = 50
            exact = Decimal(exact.numerator) / Decimal(exact.denominator)
    return round_fen(exact)


@dataclass(frozen=True)
class Share:
    """How much of a cycle is billed: one (days, days in month) pair per month."""

    parts: tuple[tuple[int, int], ...]

    @classmethod
    def full(cls, months: Sequence[Period]) -> "Share":
        return cls(tuple((p.days, p.days) for p in months))

    # Cached: a bill run asks these of the same Share object for every room.
    @cached_property
    def value(self) -> Fraction:
        return sum((Fraction(d, n) for d, n in self.parts), Fraction(0))

    @cached_property
    def days(self) -> int:
        return sum(d for d, _ in self.parts)

    @cached_property
    def period_days(self) -> int:
        return sum(n for _, n in self.parts)

    @property
    def months(self) -> int:
        return len(self.parts)

    @property
    def is_full(self) -> bool:
        return all(d == n for d, n in self.parts)

    def factor_text(self) -> str:
        """'' for one full month, '× 3 月' for a full quarter, '× 17/30 月' or
        '× (2 + 17/31) 月' for partial cycles (17 of 31 days)."""
        if self.is_full:
            return "" if self.months == 1 else f" × {self.months} 月"
        full = sum(1 for d, n in self.parts if d == n)
        partial = [f"{d}/{n}" for d, n in self.parts if d != n and d]
        terms = ([str(full)] if full else []) + partial
        inner = " + ".join(terms) if terms else "0"
        return f" × ({inner}) 月" if len(terms) > 1 else f" × {inner} 月"


@dataclass(frozen=True)
class Discount:
    """A discount applied while billing: ``percent`` off (e.g. 50 = 50%) or
    ``fixed`` yuan off the line.  ``label`` names it in the formula."""

    kind: str  # "percent" | "fixed"
    value: Decimal
    label: str

    def __post_init__(self) -> None:
        if self.kind not in ("percent", "fixed"):
            raise CalcError(f"未知优惠类型 {self.kind}")
        if self.value < 0 or (self.kind == "percent" and self.value > 100):
            raise CalcError(f"优惠值无效：{self.value}")


@dataclass(frozen=True)
class Computed:
    """One computed bill amount with its explanation."""

    amount: Decimal          # net, rounded once
    gross: Decimal           # before discounts, rounded
    discount: Decimal        # gross − amount
    formula: str             # human formula, ends with "= amount 元"
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    inputs: Mapping[str, str] = field(default_factory=dict)

    def inputs_json(self) -> str:
        return json.dumps(dict(self.inputs), ensure_ascii=False, separators=(",", ":"))


def _finish(exact: Fraction, head: str, discounts: Sequence[Discount], *,
            quantity=None, unit_price=None, inputs: Mapping[str, str] | None = None) -> Computed:
    gross = to_fen(exact)
    net_exact = exact
    pct_terms = []
    for d in discounts:
        if d.kind == "percent" and d.value:
            net_exact = net_exact * (1 - Fraction(d.value) / 100)
            pct_terms.append(f"(1 − {format(d.value.normalize(), 'f')}% {d.label})")
    amount = to_fen(net_exact)
    fixed_terms = []
    for d in discounts:
        if d.kind == "fixed" and d.value:
            take = min(amount, round_fen(d.value))
            amount -= take
            fixed_terms.append(f"− {yuan(take)} 元 {d.label}")
    text = head
    if pct_terms:
        text += " × " + " × ".join(pct_terms)
    if fixed_terms:
        text += " " + " ".join(fixed_terms)
    text += f" = {yuan(amount)} 元"
    if amount != gross:
        text += f"（原价 {yuan(gross)} 元，优惠 {yuan(gross - amount)} 元）"
    ins = dict(inputs or {})
    return Computed(amount, gross, gross - amount, text, quantity, unit_price, ins)


def area_fee(area: Decimal, unit_price: Decimal, share: Share, *, inner: bool = False,
             discounts: Sequence[Discount] = ()) -> Computed:
    """单价×面积: ``area`` m² × ``price`` 元/m²·月 × months billed."""
    if area is None or area <= 0:
        raise CalcError(("套内面积" if inner else "建筑面积") + f"为 {area}，无法按面积计费，请先在房间资料中填写面积")
    label = "套内" if inner else ""
    head = f"{label}{qty(area, 2)} m² × {price(unit_price)} 元/m²·月{share.factor_text()}"
    exact = Fraction(area) * Fraction(unit_price) * share.value
    return _finish(exact, head, discounts, quantity=area, unit_price=unit_price,
                   inputs={"area": str(area), "price": str(unit_price), "days": str(share.days),
                           "period_days": str(share.period_days), "months": str(share.months)})


def fixed_fee(amount: Decimal, share: Share, *, per: str = "户",
              discounts: Sequence[Discount] = ()) -> Computed:
    """固定金额: ``amount`` 元 per room/space/vehicle per month × months billed."""
    head = f"{price(amount)} 元/{per}·月{share.factor_text()}"
    exact = Fraction(amount) * share.value
    return _finish(exact, head, discounts, quantity=Decimal(1), unit_price=amount,
                   inputs={"amount": str(amount), "days": str(share.days),
                           "period_days": str(share.period_days), "months": str(share.months)})


@dataclass(frozen=True)
class Tier:
    """A price band: usage up to ``upto`` (None = no limit) costs ``price`` per unit."""

    upto: Decimal | None
    price: Decimal


def parse_tiers(text: str) -> list[Tier]:
    """Tiers as stored: a JSON list of {"upto": "15", "price": "3.50"} (last upto null)."""
    out = []
    for t in json.loads(text or "[]"):
        upto = t.get("upto")
        out.append(Tier(None if upto in (None, "") else Decimal(str(upto)), Decimal(str(t["price"]))))
    check_tiers(out)
    return out


def tiers_json(tiers: Sequence[Tier]) -> str:
    return json.dumps([{"upto": None if t.upto is None else str(t.upto), "price": str(t.price)}
                       for t in tiers], separators=(",", ":"))


def check_tiers(tiers: Sequence[Tier]) -> None:
    if not tiers:
        raise CalcError("阶梯价格为空，至少需要一档单价")
    last = Decimal(0)
    for i, t in enumerate(tiers):
        if t.price < 0:
            raise CalcError(f"第 {i + 1} 档单价不能为负")
        if t.upto is None:
            if i != len(tiers) - 1:
                raise CalcError(f"只有最后一档可以不设上限（第 {i + 1} 档）")
        elif t.upto <= last:
            raise CalcError(f"第 {i + 1} 档上限 {t.upto} 应大于上一档 {last}")
        else:
            last = t.upto
    if tiers[-1].upto is not None:
        raise CalcError("最后一档应不设上限，否则超出部分无法计费")


def metered_fee(usage: Decimal, tiers: Sequence[Tier], *, unit: str = "m³",
                usage_text: str = "", discounts: Sequence[Discount] = ()) -> Computed:
    """用量×单价, by tiers (阶梯): each band's usage at its own price, summed, rounded once."""
    if usage < 0:
        raise CalcError(f"用量为负数 {usage}，请检查读数")
    check_tiers(tiers)
    rest, lower, exact, terms = usage, Decimal(0), Fraction(0), []
    for t in tiers:
        band = rest if t.upto is None else min(rest, t.upto - lower)
        if band > 0 or not terms:
            terms.append(f"{qty(band)} {unit} × {price(t.price)} 元")
            exact += Fraction(band) * Fraction(t.price)
        rest -= band
        if t.upto is not None:
            lower = t.upto
        if rest <= 0:
            break
    prefix = f"用量 {usage_text} = {qty(usage)} {unit}；" if usage_text else ""
    head = prefix + " + ".join(terms)
    unit_price = tiers[0].price if len(tiers) == 1 else None
    return _finish(exact, head, discounts, quantity=usage, unit_price=unit_price,
                   inputs={"usage": str(usage), "tiers": tiers_json(tiers)})


def formula_fee(formula: Formula, values: Mapping[str, Decimal], *, allow_negative: bool = False,
                where: str = "", discounts: Sequence[Discount] = ()) -> Computed:
    """自定义公式: evaluated over Decimal; FormulaError on any failure, never 0."""
    value, text = formula.evaluate(values, allow_negative=allow_negative, where=where)
    head = f"公式 {formula.source}：{text}"
    return _finish(Fraction(value), head, discounts,
                   inputs={k: str(v) for k, v in values.items() if k in formula.names}
                   | {"formula": formula.source})


def shared_parts(whole: Decimal, weights: Sequence[tuple[object, Decimal]], *,
                 basis: str, source_text: str, weight_text: Mapping[object, str] | None = None,
                 total_text: str = "") -> dict[object, Computed]:
    """公摊: split ``whole`` (whole fen) over members by weight, exactly.

    ``basis`` is 'building_area', 'inner_area' or 'household'; ``weight_text``
    and ``total_text`` may say how a weight was made (e.g. area × days held).  The largest-
    remainder method (:func:`propdesk.money.allocate`) gives the leftover fen
    to the largest remainders, so the parts add up to the whole to the fen.
    """
    from propdesk.money import allocate

    if not weights:
        raise CalcError(f"{source_text}：没有可分摊的房间")
    ws = [w for _, w in weights]
    if sum(ws) <= 0:
        raise CalcError(f"{source_text}：分摊房间的面积合计为 0，无法按面积分摊，请填写面积或改为按户分摊")
    parts = allocate(round_fen(whole), ws)
    total_w = sum(ws)
    unit = {"building_area": "m²", "inner_area": "m²", "household": "户"}[basis]
    basis_zh = {"building_area": "按建筑面积", "inner_area": "按套内面积", "household": "按户"}[basis]
    out = {}
    for (key, w), part in zip(weights, parts):
        shown = (weight_text or {}).get(key) or qty(w, 2 if unit == "m²" else 0)
        text = (f"{source_text}；{basis_zh}分摊 {shown}/{total_text or qty(total_w, 2 if unit == 'm²' else 0)} {unit} "
                f"= {yuan(part)} 元（合计 {yuan(whole)} 元，尾差按最大余额法分配）")
        out[key] = Computed(part, part, ZERO, text, w, None,
                            {"whole": str(whole), "weight": str(w), "total_weight": str(total_w),
                             "basis": basis})
    return out
