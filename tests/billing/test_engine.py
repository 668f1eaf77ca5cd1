"""The pure fee engine, against amounts computed by hand (arithmetic in comments)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propdesk.billing import calc, formula, latefee, meters, offsets
from propdesk.billing.calc import Discount, Share, Tier
from propdesk.billing.periods import Period, due_date, is_cycle_start, overlap_days

WATER = [Tier(D("15"), D("3.50")), Tier(D("25"), D("4.55")), Tier(None, D("6.10"))]


def share_for(period: str, start: dt.date, end: dt.date | None = None) -> Share:
    p = Period.parse(period)
    return Share(((overlap_days(start, end, p), p.days),))


# --- area fees and proration ---------------------------------------------------

def test_area_fee_full_month():
    # 128.50 m² × 2.30 = 295.55 exactly
    c = calc.area_fee(D("128.50"), D("2.30"), Share.full([Period(2026, 4)]))
    assert c.amount == D("295.55")
    assert c.formula == "128.50 m² × 2.30 元/m²·月 = 295.55 元"


def test_area_fee_mid_month_move_in():
    # Move in 2026-04-14; April has 30 days; days 14..30 billed = 17.
    # 128.50 × 2.30 = 295.55; 295.55 × 17 / 30 = 5024.35 / 30 = 167.47833… → 167.48
    s = share_for("2026-04", dt.date(2026, 4, 14))
    assert s.parts == ((17, 30),)
    c = calc.area_fee(D("128.50"), D("2.30"), s)
    assert c.amount == D("167.48")
    assert c.formula == "128.50 m² × 2.30 元/m²·月 × 17/30 月 = 167.48 元"


def test_move_out_day_is_not_billed():
    # Occupancy 2026-02-01 .. 2026-02-10 (end exclusive) = 9 days of 28.
    # 89.37 × 2.30 = 205.551; × 9/28 = 1849.959/28 = 66.06996… → 66.07
    s = share_for("2026-02", dt.date(2026, 1, 5), dt.date(2026, 2, 10))
    assert s.parts == ((9, 28),)
    assert calc.area_fee(D("89.37"), D("2.30"), s).amount == D("66.07")


def test_quarter_cycle_with_partial_first_month():
    # Quarter Jan–Mar 2026, move-in 2026-01-20: Jan 12/31, Feb 28/28, Mar 31/31.
    # 100.00 m² × 2.00 = 200.00/month; 200 × (2 + 12/31) = 400 + 2400/31 = 400 + 77.41935… = 477.42
    months = [Period(2026, 1), Period(2026, 2), Period(2026, 3)]
    s = Share(tuple((overlap_days(dt.date(2026, 1, 20), None, p), p.days) for p in months))
    c = calc.area_fee(D("100.00"), D("2.00"), s)
    assert c.amount == D("477.42")
    assert "× (2 + 12/31) 月" in c.formula


def test_inner_area_and_fixed():
    # 70.15 m² × 1.50 = 105.225 → 105.23 (half up)
    assert calc.area_fee(D("70.15"), D("1.50"), Share.full([Period(2026, 1)]), inner=True).amount == D("105.23")
    # 150 元/个·月 × 3 months = 450.00
    c = calc.fixed_fee(D("150.00"), Share.full([Period(2026, 1), Period(2026, 2), Period(2026, 3)]), per="个")
    assert c.amount == D("450.00") and c.formula == "150.00 元/个·月 × 3 月 = 450.00 元"


def test_area_fee_refuses_zero_area():
    with pytest.raises(calc.CalcError, match="面积"):
        calc.area_fee(D("0"), D("2.30"), Share.full([Period(2026, 1)]))


# --- discounts -----------------------------------------------------------------

def test_vacant_discount_rounds_once():
    # 295.55 × (1 − 50%) = 147.775 → 147.78; discount = 295.55 − 147.78 = 147.77
    c = calc.area_fee(D("128.50"), D("2.30"), Share.full([Period(2026, 4)]),
                      discounts=[Discount("percent", D("50"), "空置房优惠")])
    assert (c.gross, c.amount, c.discount) == (D("295.55"), D("147.78"), D("147.77"))
    assert "(1 − 50% 空置房优惠)" in c.formula


def test_fixed_discount_never_below_zero():
    # 20.00 − 30.00 off → 0.00, discount 20.00
    c = calc.fixed_fee(D("20.00"), Share.full([Period(2026, 4)]),
                       discounts=[Discount("fixed", D("30.00"), "减免")])
    assert (c.amount, c.discount) == (D("0.00"), D("20.00"))


# --- tiered usage ---------------------------------------------------------------

def test_tiered_water_crossing_two_tiers():
    # 27 m³: 15 × 3.50 = 52.50; 10 × 4.55 = 45.50; 2 × 6.10 = 12.20; total 110.20
    c = calc.metered_fee(D("27"), WATER)
    assert c.amount == D("110.20")
    assert c.formula == "15 m³ × 3.50 元 + 10 m³ × 4.55 元 + 2 m³ × 6.10 元 = 110.20 元"


def test_tiered_half_up_at_line_level():
    # 18.5 m³: 15 × 3.50 = 52.50; 3.5 × 4.55 = 15.925; total 68.425 → 68.43 (half up, once)
    assert calc.metered_fee(D("18.5"), WATER).amount == D("68.43")


def test_tiers_validated():
    with pytest.raises(calc.CalcError):
        calc.check_tiers([Tier(D("15"), D("3.50"))])  # last tier must be open
    with pytest.raises(calc.CalcError):
        calc.check_tiers([Tier(D("15"), D("3.50")), Tier(D("10"), D("4")), Tier(None, D("5"))])


# --- public meter split -----------------------------------------------------------

def test_shared_100_over_three_unequal_rooms():
    # Areas 50, 60, 70 (sum 180). Shares in fen: 10000×50/180 = 2777.78, ×60/180 = 3333.33,
    # ×70/180 = 3888.89. Floors 2777+3333+3888 = 9998; 2 fen left go to the largest
    # remainders (.89 room C, .78 room A): A 27.78, B 33.33, C 38.89; sum 100.00.
    parts = calc.shared_parts(D("100.00"), [("A", D("50")), ("B", D("60")), ("C", D("70"))],
                              basis="building_area", source_text="公共水表")
    got = {k: v.amount for k, v in parts.items()}
    assert got == {"A": D("27.78"), "B": D("33.33"), "C": D("38.89")}
    assert sum(got.values()) == D("100.00")
    assert "按建筑面积分摊 50.00/180.00 m² = 27.78 元" in parts["A"].formula


@given(st.integers(min_value=0, max_value=10**9),
       st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=40))
def test_shared_parts_add_up_exactly(fen, weights):
    whole = D(fen) / 100
    parts = calc.shared_parts(whole, [(i, D(w) / 100) for i, w in enumerate(weights)],
                              basis="household", source_text="x")
    assert sum(p.amount for p in parts.values()) == whole


# --- meters -----------------------------------------------------------------------

def test_rollover_usage():
    # Max 9999.9, step 0.1 → wraps at 10000.0; (10000.0 − 9990.5) + 12.3 = 21.8
    used, text = meters.usage(meters.RegisterReading(D("9990.5")),
                              [meters.RegisterReading(D("12.3"), rollover=True, max_reading=D("9999.9"))])
    assert used == D("21.8")
    assert "回零" in text


def test_backwards_without_rollover_is_an_error():
    with pytest.raises(meters.MeterError, match="回零"):
        meters.usage(meters.RegisterReading(D("500")), [meters.RegisterReading(D("480"))])


def test_replacement_usage():
    # Old register 500 → final 530: 30; new register initial 0 → 12 with multiplier 50: 600.
    used, text = meters.usage(meters.RegisterReading(D("500")), [
        meters.RegisterReading(D("530"), kind="final"),
        meters.RegisterReading(D("0"), kind="initial", multiplier=D("50")),
        meters.RegisterReading(D("12"), multiplier=D("50")),
    ])
    assert used == D("630")
    assert text == "旧表 (530 − 500) + 新表 (12 − 0) × 50"


def test_reading_checks():
    assert [c.code for c in meters.check_reading(D("100"), D("90"))] == ["backwards"]
    assert [c.code for c in meters.check_reading(D("100"), D("100"), occupied=True)] == ["zero"]
    # average 10, usage 31 > 3 × 10
    assert [c.code for c in meters.check_reading(D("100"), D("131"), average=D("10"))] == ["spike"]
    assert meters.check_reading(D("100"), D("130"), average=D("10")) == []
    assert [c.code for c in meters.check_reading(D("9990"), D("5"), rollover=True,
                                                 max_reading=D("9999"))] == ["rollover"]


# --- late fees ---------------------------------------------------------------------

RULE = latefee.LateFeeRule(D("0.0005"), grace_days=0, cap_ratio=D("1"))


def test_late_fee_simple():
    # Due 2026-03-31; late days 04-01..04-10 = 10; 295.55 × 0.0005 × 10 = 1.47775 → 1.48
    amt, text = latefee.late_fee(D("295.55"), dt.date(2026, 3, 31), dt.date(2026, 4, 10), RULE)
    assert amt == D("1.48")
    assert "295.55 元 × 0.05%/天 × 10 天 = 1.48 元" in text


def test_late_fee_grace_days():
    # Grace 15: late from 04-16; as of 04-15 nothing; as of 04-20 → 5 days × 100 × 0.0005 = 0.25
    rule = latefee.LateFeeRule(D("0.0005"), grace_days=15)
    assert latefee.late_fee(D("100"), dt.date(2026, 3, 31), dt.date(2026, 4, 15), rule)[0] == D("0")
    assert latefee.late_fee(D("100"), dt.date(2026, 3, 31), dt.date(2026, 4, 20), rule)[0] == D("0.25")


def test_late_fee_with_partial_payment():
    # 200.00 due 03-31; 150.00 paid on 04-11 (the payment day still counts the full amount).
    # 04-01..04-11: 11 days × 200 × 0.0005 = 1.10; 04-12..04-20: 9 days × 50 × 0.0005 = 0.225;
    # total 1.325 → 1.33
    amt, _ = latefee.late_fee(D("200.00"), dt.date(2026, 3, 31), dt.date(2026, 4, 20), RULE,
                              [(dt.date(2026, 4, 11), D("-150.00"))])
    assert amt == D("1.33")


def test_late_fee_at_the_cap():
    # 100.00 at 0.5%/day from 2026-02-01 to 2026-12-31 = 334 days → 100 × 0.005 × 334 = 167.00,
    # over the cap 100.00 × 100% = 100.00 → 100.00
    rule = latefee.LateFeeRule(D("0.005"), cap_ratio=D("1"))
    amt, text = latefee.late_fee(D("100.00"), dt.date(2026, 1, 31), dt.date(2026, 12, 31), rule)
    assert amt == D("100.00")
    assert "167.00" in text and "封顶" in text


def test_late_fee_stops_when_paid():
    # Paid in full on 04-05: 04-01..04-05 = 5 days × 100 × 0.0005 = 0.25, nothing after.
    amt, _ = latefee.late_fee(D("100.00"), dt.date(2026, 3, 31), dt.date(2026, 6, 30), RULE,
                              [(dt.date(2026, 4, 5), D("-100.00"))])
    assert amt == D("0.25")


# --- offsets ------------------------------------------------------------------------

def test_prepayment_offset_order():
    # Earmarked water 30, general 100. Items: P1 2026-01 物业费 80; W 2026-02 水费 50;
    # P2 2026-02 物业费 80. Earmarked first: W gets 30 (20 left). General, oldest first:
    # P1 80 (20 left), then 2026-02 by fee sort order: 物业费 (1) before 水费 (10): P2 20.
    items = [
        offsets.OpenItem("W", "water", "2026-02", dt.date(2026, 2, 28), 10, D("50")),
        offsets.OpenItem("P2", "mgmt", "2026-02", dt.date(2026, 2, 28), 1, D("80")),
        offsets.OpenItem("P1", "mgmt", "2026-01", dt.date(2026, 1, 31), 1, D("80")),
    ]
    plan = offsets.plan_offsets({"water": D("30"), None: D("100")}, items)
    assert plan == [("water", "W", D("30")), (None, "P1", D("80")), (None, "P2", D("20"))]


def test_partial_payment_plan():
    items = [offsets.OpenItem(k, "f", "2026-01", dt.date(2026, 1, 31), 1, D(a))
             for k, a in (("a", "100"), ("b", "50"), ("c", "70"))]
    assert offsets.plan_settlement(D("120"), items) == [("a", D("100")), ("b", D("20"))]


# --- formulas -----------------------------------------------------------------------

def test_formula_evaluates_over_decimal():
    # 128.50 × 2.30 × 1.1 = 325.105 → 325.11 (half up)
    f = formula.parse("建筑面积 * 单价 * 1.1")
    c = calc.formula_fee(f, {"area": D("128.50"), "price": D("2.30")})
    assert c.amount == D("325.11")
    assert c.formula == "公式 建筑面积 * 单价 * 1.1：建筑面积(128.50) × 单价(2.30) × 1.1 = 325.11 元"


@pytest.mark.parametrize("src, values, message", [
    ("area * rate", {"area": D("1")}, "变量「rate」不存在"),
    ("area / (floor - 3)", {"area": D("10"), "floor": D("3")}, "除数为零"),
    ("area - 200", {"area": D("100")}, "负数"),
    ("area * ", {}, "语法错误"),
    ("__import__('os').system('x')", {}, "只允许函数"),
    ("area ** 2", {"area": D("2")}, "四则运算"),
    ("usage * price", {"price": D("1")}, "缺少变量"),
])
def test_failing_formula_fails_loudly(src, values, message):
    with pytest.raises(formula.FormulaError, match=message):
        calc.formula_fee(formula.parse(src), values)


def test_formula_negative_allowed_when_configured():
    v, _ = formula.parse("area - 200").evaluate({"area": D("100")}, allow_negative=True)
    assert v == D("-100")


def test_formula_literals_are_decimal_not_float():
    # 0.1 + 0.2 is exactly 0.3 in Decimal (as a float it would be 0.30000000000000004)
    v, _ = formula.parse("0.1 + 0.2").evaluate({})
    assert v == D("0.3")


# --- periods -------------------------------------------------------------------------

def test_periods_and_cycles():
    assert str(Period.parse("2026-3")) == "2026-03"
    assert Period.parse("2026年3月") == Period(2026, 3)
    assert Period(2026, 11).add(3) == Period(2027, 2)
    assert is_cycle_start(Period(2026, 4), 3, 1) and not is_cycle_start(Period(2026, 5), 3, 1)
    assert due_date(Period(2026, 2), 31) == dt.date(2026, 2, 28)
    assert due_date(Period(2026, 1), 15, 1) == dt.date(2026, 2, 15)


# --- properties ----------------------------------------------------------------------

money = st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2)


@settings(max_examples=200)
@given(st.decimals(min_value=D("0"), max_value=D("500"), places=3))
def test_tiers_are_additive(usage):
    # The tiered amount is within a fen of the exact band sum computed independently.
    exact = (min(usage, D(15)) * D("3.50") + max(D(0), min(usage, D(25)) - D(15)) * D("4.55")
             + max(D(0), usage - D(25)) * D("6.10"))
    assert abs(calc.metered_fee(usage, WATER).amount - exact) <= D("0.005")


@given(st.lists(money, max_size=30), st.lists(money, max_size=10))
def test_settlement_never_exceeds_items(amounts, pays):
    items = [offsets.OpenItem(i, "f", "2026-01", dt.date(2026, 1, 31), 1, a)
             for i, a in enumerate(amounts)]
    total = sum(pays, D(0))
    plan = offsets.plan_settlement(total, items)
    got = {k: a for k, a in plan}
    assert sum(got.values()) == min(total, sum(amounts, D(0)))
    assert all(got[i.key] <= i.outstanding for i in items if i.key in got)
