"""预缴N月送M月: a prepayment of N months of a fee earns M months free.

The rule (a ``DiscountRule`` of kind ``prepay_free``, made with FEE_EDIT) is
applied by the cashier when a customer prepays for a room, space or vehicle:
if the amount paid covers N months of that target's full monthly charge for
the rule's fee item, M months of that charge are credited as an earmarked
prepayment (ledger kind ``prepay_bonus``), which then offsets that fee
item's bills in the usual order.  The monthly charge is what a bill run
would bill for one whole month in the period of the payment.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.billing.calc import Share, yuan
from propdesk.billing.periods import Period
from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models.billing import DiscountRule
from propdesk.money import ZERO, round_fen
from propdesk.security import BILL_VIEW, PAY_COLLECT, Actor, require
from propdesk.services import audit
from propdesk.services.billing import catalog
from propdesk.services.billing.common import ledger, posting_period


@dataclass(frozen=True)
class Offer:
    rule_id: uuid.UUID
    name: str
    monthly: Decimal       # the target's monthly charge for the fee item
    months_paid: int
    months_free: int

    @property
    def pay(self) -> Decimal:
        return self.monthly * self.months_paid

    @property
    def bonus(self) -> Decimal:
        return self.monthly * self.months_free


def _target(session: Session, kind: str, target_id: uuid.UUID):
    from propdesk.services.billing.run import Scope, _load_targets

    from propdesk.models import ParkingSpace, Room, Vehicle
    model = {"room": Room, "space": ParkingSpace, "vehicle": Vehicle}[kind]
    obj = session.get(model, target_id)
    if obj is None:
        raise NotFound("房间/车位/车辆不存在", "target not found")
    estate_id = getattr(obj, "estate_id", None)
    if estate_id is None and kind == "vehicle" and obj.space_id:
        estate_id = session.get(ParkingSpace, obj.space_id).estate_id
    for t in _load_targets(session, Scope("estate", estate_id, ""), {kind}):
        if t.id == target_id:
            return t
    raise NotFound("该对象不在任何小区内，无法计算月费", "target has no estate")


def monthly_charge(session: Session, actor: Actor, target_kind: str, target_id: uuid.UUID,
                   fee_item_id: uuid.UUID, period: Period) -> Decimal:
    """The full monthly charge a bill run would make for this target and fee item."""
    require(actor, BILL_VIEW)
    from propdesk.services.billing.run import _Engine, _StdPlan
    from propdesk.billing.periods import due_date

    t = _target(session, target_kind, target_id)
    resolved = catalog.load_resolver(session, period).resolve(t).get(fee_item_id)
    if resolved is None:
        return ZERO
    std = resolved[0]
    if std.method not in ("building_area", "inner_area", "fixed", "formula"):
        raise ValidationFailed([Problem(std.name, "预缴送月只适用于按面积、固定金额或公式计费的周期性收费",
                                        "prepay offers apply to periodic fees only")])
    ver = catalog.version_in_force(catalog.versions_of(session, std.id), period)
    if ver is None:
        return ZERO
    plan = _StdPlan(std, ver, [period], Share.full([period]), due_date(period, std.due_day))
    c, _ = _Engine().periodic(plan, t, Share.full([period]), ())
    return c.amount


def offers_for(session: Session, actor: Actor, target_kind: str, target_id: uuid.UUID,
               on: dt.date) -> list[Offer]:
    """The prepay offers in force for a target on a date (what the cashier can offer)."""
    require(actor, BILL_VIEW)
    p = str(Period.of(on))
    t = _target(session, target_kind, target_id)
    out = []
    for r in session.scalars(select(DiscountRule).where(
            DiscountRule.kind == "prepay_free", DiscountRule.active.is_(True), DiscountRule.deleted_at.is_(None),
            DiscountRule.start_period <= p)):
        if (r.end_period and r.end_period < p) or not catalog.Resolver.in_scope(t, r.scope_kind, r.scope_id):
            continue
        monthly = monthly_charge(session, actor, target_kind, target_id, r.fee_item_id, Period.of(on))
        if monthly > 0:
            out.append(Offer(r.id, r.name, monthly, r.months_paid, r.months_free))
    return out


def apply_offer(session: Session, actor: Actor, rule_id: uuid.UUID, customer_id: uuid.UUID, *,
                target_kind: str, target_id: uuid.UUID, paid: Decimal, on: dt.date, doc_type: str,
                doc_id: uuid.UUID):
    """Credit the free months when ``paid`` (already topped up as an earmarked
    prepayment by the cashier) covers N months.  Returns the ledger entry."""
    require(actor, PAY_COLLECT)
    rule = session.get(DiscountRule, rule_id)
    if rule is None or rule.kind != "prepay_free":
        raise NotFound("预缴优惠规则不存在", "prepay offer not found")
    offer = next((o for o in offers_for(session, actor, target_kind, target_id, on) if o.rule_id == rule_id), None)
    if offer is None:
        raise ValidationFailed([Problem(rule.name, "该优惠不适用于此对象或已过期", "offer not in force for this target")])
    paid = round_fen(paid)
    if paid < offer.pay:
        raise ValidationFailed([Problem(rule.name, f"需预缴 {offer.months_paid} 个月 {yuan(offer.pay)} 元，本次仅 {yuan(paid)} 元",
                                        f"the offer needs {offer.pay} prepaid")])
    t = _target(session, target_kind, target_id)
    entry = ledger(session, actor, customer_id=customer_id, account="prepaid", amount=offer.bonus,
                   earmark_id=rule.fee_item_id, kind="prepay_bonus", doc_type=doc_type, doc_id=doc_id, on=on,
                   post_period=posting_period(session, t.estate_id, Period.of(on)), estate_id=t.estate_id,
                   memo=f"{rule.name}：预缴{offer.months_paid}月送{offer.months_free}月 {t.code}")
    audit.record(session, actor, "prepay_bonus", "discount_rule", rule.id,
                 after={"customer": str(customer_id), "target": t.code, "bonus": str(offer.bonus),
                        "reason": rule.reason},
                 summary=f"{rule.name}：{t.code} 赠送 {offer.months_free} 个月 {yuan(offer.bonus)} 元")
    return entry
