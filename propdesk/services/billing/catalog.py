"""Fee items, fee standards with dated versions, assignment rules and discounts.

Assignment rules are evaluated at bill time (:func:`resolve`), never copied
per room, so a room added later inherits what its building or estate has.
For each fee item the most specific matching rule wins: room > unit >
building (or parking lot) > estate > company; at the same level a rule with a
usage filter beats one without, then the newest rule wins.  An ``exclude``
rule removes the fee item at its level.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.billing import calc, formula as formula_mod
from propdesk.billing.calc import Tier
from propdesk.billing.latefee import LateFeeRule
from propdesk.billing.periods import CYCLES, Period
from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Building, Estate, ParkingLot, ParkingSpace, Room, Unit
from propdesk.models.billing import (
    BILL_TO, DISCOUNT_KINDS, FEE_KINDS, METER_KINDS, SCOPE_KINDS, SHARE_BASES, TARGET_KINDS,
    DiscountRule, FeeAssignment, FeeItem, FeeStandard, FeeStandardVersion,
)
from propdesk.models.enums import ROOM_USAGES
from propdesk.security import BILL_VIEW, FEE_EDIT, Actor, require
from propdesk.services import audit
from propdesk.services.billing.common import fee_item as get_fee_item, parse_period, seed_id

# --- default fee items (seeded by migration 0002 with these deterministic ids) -------
DEFAULT_FEE_ITEMS = [
    ("MGMT", "物业管理费", "periodic"), ("ELEV", "电梯费", "periodic"),
    ("WSUP", "二次供水费", "periodic"), ("GARB", "垃圾清运费", "periodic"),
    ("PUBU", "公摊水电费", "metered"), ("WATER", "水费", "metered"),
    ("ELEC", "电费", "metered"), ("GAS", "燃气费", "metered"),
    ("HEAT", "取暖费", "periodic"), ("PARK", "车位管理费", "periodic"),
    ("DECO", "装修保证金", "deposit"), ("FUND", "维修基金", "collection"),
    ("RENT", "租金", "periodic"), ("SERV", "有偿服务费", "temporary"),
]


def default_fee_item_rows(now: dt.datetime) -> list[dict]:
    return [dict(id=seed_id("fee_item", code), code=code, name=name, kind=kind, sort_key=i * 10,
                 active=True, note="", created_at=now, updated_at=now, terminal="", deleted_at=None)
            for i, (code, name, kind) in enumerate(DEFAULT_FEE_ITEMS, start=1)]


# --- fee items ---------------------------------------------------------------------------

def list_fee_items(session: Session, actor: Actor, *, include_inactive: bool = False) -> list[FeeItem]:
    require(actor, BILL_VIEW)
    stmt = select(FeeItem).where(FeeItem.deleted_at.is_(None)).order_by(FeeItem.sort_key, FeeItem.code)
    if not include_inactive:
        stmt = stmt.where(FeeItem.active.is_(True))
    return list(session.scalars(stmt))


def create_fee_item(session: Session, actor: Actor, *, code: str, name: str, kind: str,
                    sort_key: int | None = None, note: str = "") -> FeeItem:
    require(actor, FEE_EDIT)
    code, name = code.strip().upper(), name.strip()
    problems = []
    if not code or len(code) > 24:
        problems.append(Problem("编码", "编码不能为空，最长24个字符", "code is required, at most 24 characters"))
    if not name:
        problems.append(Problem("名称", "名称不能为空", "name is required"))
    if kind not in FEE_KINDS:
        problems.append(Problem("类别", f"类别应为 {'/'.join(FEE_KINDS.values())}", f"unknown kind {kind}"))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(FeeItem.id).where(FeeItem.code == code)):
        raise Conflict(f"收费项目编码 {code} 已存在", f"fee item code {code} already exists")
    if sort_key is None:
        sort_key = max([i.sort_key for i in session.scalars(select(FeeItem))] or [0]) + 10
    item = FeeItem(code=code, name=name, kind=kind, sort_key=sort_key, note=note)
    session.add(item)
    session.flush()
    audit.record(session, actor, "create", "fee_item", item.id, after=audit.snapshot(item),
                 summary=f"新建收费项目 {name}")
    return item


def update_fee_item(session: Session, actor: Actor, item_id: uuid.UUID, **changes) -> FeeItem:
    require(actor, FEE_EDIT)
    item = get_fee_item(session, item_id)
    bad = set(changes) - {"name", "sort_key", "active", "note"}
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    if "name" in changes:
        changes["name"] = str(changes["name"] or "").strip()
        if not changes["name"] or len(changes["name"]) > 64:
            raise ValidationFailed([Problem("名称", "名称不能为空，最长64个字符", "name is required, at most 64 characters")])
    before = audit.snapshot(item)
    for k, v in changes.items():
        setattr(item, k, v)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(item))
    if a:
        audit.record(session, actor, "update", "fee_item", item.id, before=b, after=a,
                     summary=f"修改收费项目 {item.name}")
    return item


# --- standards and versions ----------------------------------------------------------------

@dataclass
class VersionInput:
    """The priced part of a standard; a new price is a new VersionInput."""

    effective_from: dt.date
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    tiers: list[Tier] | None = None
    formula: str = ""
    allow_negative: bool = False
    late_daily_rate: Decimal | None = None
    late_grace_days: int = 0
    late_cap_ratio: Decimal | None = Decimal("1")
    note: str = ""


def _version_problems(method: str, v: VersionInput) -> list[Problem]:
    p: list[Problem] = []
    if v.effective_from.day != 1:
        p.append(Problem("生效日期", "生效日期必须是某月1日（新价格从该月账期起执行）",
                         "effective date must be the first day of a month"))
    if method in ("building_area", "inner_area") and (v.unit_price is None or v.unit_price < 0):
        p.append(Problem("单价", "按面积计费需要填写单价（元/m²·月），且不能为负",
                         "area methods need a non-negative unit price"))
    if method == "fixed" and (v.amount is None or v.amount < 0):
        p.append(Problem("金额", "固定金额计费需要填写每月金额，且不能为负", "fixed method needs an amount"))
    if method == "metered":
        if not v.tiers and v.unit_price is None:
            p.append(Problem("单价", "抄表计费需要单价或阶梯价格", "metered method needs a price or tiers"))
        if v.tiers:
            try:
                calc.check_tiers(v.tiers)
            except calc.CalcError as exc:
                p.append(Problem("阶梯价格", str(exc), "invalid tiers"))
    if method == "shared" and v.unit_price is None and v.amount is None:
        p.append(Problem("单价", "公摊需要公共表单价（按用量）或每期总金额（按金额）",
                         "shared method needs a unit price (meter) or a total amount"))
    if method == "formula":
        try:
            formula_mod.parse(v.formula)
        except formula_mod.FormulaError as exc:
            p.append(Problem("公式", exc.zh, exc.en))
    if v.late_daily_rate is not None and not (Decimal(0) <= v.late_daily_rate <= Decimal("0.01")):
        p.append(Problem("滞纳金日费率", "滞纳金日费率应在 0 到 1%（0.01）之间，如万分之五填 0.0005",
                         "daily late-fee rate must be between 0 and 0.01"))
    if v.late_grace_days < 0 or v.late_grace_days > 365:
        p.append(Problem("宽限天数", "宽限天数应在 0 到 365 之间", "grace days must be 0..365"))
    if v.late_cap_ratio is not None and v.late_cap_ratio < 0:
        p.append(Problem("滞纳金封顶", "封顶比例不能为负", "cap ratio cannot be negative"))
    return p


def _add_version(session: Session, standard: FeeStandard, v: VersionInput) -> FeeStandardVersion:
    tiers = v.tiers
    if standard.method == "metered" and not tiers and v.unit_price is not None:
        tiers = [Tier(None, v.unit_price)]
    row = FeeStandardVersion(
        standard_id=standard.id, effective_from=v.effective_from, unit_price=v.unit_price,
        amount=v.amount, tiers=calc.tiers_json(tiers) if tiers else "", formula=v.formula.strip(),
        allow_negative=v.allow_negative, late_daily_rate=v.late_daily_rate,
        late_grace_days=v.late_grace_days,
        late_cap_ratio=v.late_cap_ratio if v.late_daily_rate else None, note=v.note)
    session.add(row)
    return row


def create_standard(session: Session, actor: Actor, *, code: str, name: str,
                    fee_item: "uuid.UUID | str", method: str, version: VersionInput,
                    target: str = "room", bill_to: str = "owner", cycle_months: int = 1,
                    anchor_month: int = 1, due_day: int = 31, due_offset_months: int = 0,
                    prorate: bool = True, meter_kind: str = "", share_basis: str = "",
                    note: str = "") -> FeeStandard:
    require(actor, FEE_EDIT)
    item = get_fee_item(session, fee_item)
    code = code.strip().upper()
    p: list[Problem] = []
    if not code or len(code) > 24:
        p.append(Problem("编码", "编码不能为空，最长24个字符", "code is required"))
    if not name.strip():
        p.append(Problem("名称", "名称不能为空", "name is required"))
    if method not in calc.METHODS:
        p.append(Problem("计费方式", f"计费方式应为 {'/'.join(calc.METHODS.values())}", f"unknown method {method}"))
    if target not in TARGET_KINDS:
        p.append(Problem("计费对象", "计费对象应为 房间/车位/车辆", f"unknown target {target}"))
    if bill_to not in BILL_TO:
        p.append(Problem("缴费人", "缴费人应为 业主/租户", f"unknown bill_to {bill_to}"))
    if cycle_months not in CYCLES:
        p.append(Problem("计费周期", "计费周期应为 月/季/半年/年（1/3/6/12）", "cycle must be 1, 3, 6 or 12"))
    if not 1 <= anchor_month <= 12:
        p.append(Problem("起始月", "周期起始月应在1到12之间", "anchor month must be 1..12"))
    if not 1 <= due_day <= 31 or not 0 <= due_offset_months <= 12:
        p.append(Problem("应缴日", "应缴日应在1到31之间（大于当月天数时取月末）", "due day must be 1..31"))
    if method == "metered" and meter_kind not in METER_KINDS:
        p.append(Problem("表类型", "抄表计费需要选择表类型：水表/电表/燃气表/热量表", "metered needs a meter kind"))
    if method == "shared" and share_basis not in SHARE_BASES:
        p.append(Problem("分摊方式", "公摊需要选择分摊方式：按建筑面积/按套内面积/按户", "shared needs a basis"))
    if method in ("building_area", "inner_area", "metered", "shared") and target != "room":
        p.append(Problem("计费对象", "按面积、抄表、公摊计费只适用于房间", "this method bills rooms only"))
    if method in calc.METHODS:
        p += _version_problems(method, version)
    if p:
        raise ValidationFailed(p)
    if session.scalar(select(FeeStandard.id).where(FeeStandard.code == code)):
        raise Conflict(f"收费标准编码 {code} 已存在", f"fee standard code {code} already exists")
    std = FeeStandard(code=code, name=name.strip(), fee_item_id=item.id, method=method, target=target,
                      bill_to=bill_to, cycle_months=cycle_months, anchor_month=anchor_month,
                      due_day=due_day, due_offset_months=due_offset_months, prorate=prorate,
                      meter_kind=meter_kind if method in ("metered", "shared") else "",
                      share_basis=share_basis if method == "shared" else "", note=note)
    session.add(std)
    session.flush()
    ver = _add_version(session, std, version)
    session.flush()
    audit.record(session, actor, "create", "fee_standard", std.id,
                 after=audit.snapshot(std) | {"version": audit.snapshot(ver)},
                 summary=f"新建收费标准 {std.name}（{item.name}，{calc.METHODS[method]}）")
    return std


def get_standard(session: Session, ref: "uuid.UUID | str") -> FeeStandard:
    std = session.get(FeeStandard, ref) if isinstance(ref, uuid.UUID) else session.scalar(
        select(FeeStandard).where(FeeStandard.code == str(ref).strip().upper()))
    if std is None or std.deleted_at is not None:
        raise NotFound(f"找不到收费标准 {ref}（propdesk fee standards 列出全部）", f"no fee standard {ref}")
    return std


# What :func:`update_standard` may change.  The rest defines what a standard *is*
# (method, target, fee item, cycle …): changing it would re-price history, so a
# different calculation is a new standard and a new price is a new version.
STANDARD_EDITABLE = ("name", "due_day", "due_offset_months", "bill_to", "prorate", "active", "note")
STANDARD_STRUCTURAL = {"code": "编码", "fee_item": "收费项目", "fee_item_id": "收费项目", "method": "计费方式",
                       "target": "计费对象", "cycle_months": "计费周期", "anchor_month": "周期起始月",
                       "meter_kind": "表类型", "share_basis": "分摊方式"}
STANDARD_PRICED = {"unit_price", "amount", "tiers", "formula", "effective_from", "late_daily_rate",
                   "late_grace_days", "late_cap_ratio", "allow_negative", "version"}


def update_standard(session: Session, actor: Actor, standard: "uuid.UUID | str", **changes) -> FeeStandard:
    """修改收费标准: name, due day, payer, proration, 停用/启用 and note.

    Structural fields and prices are refused with a message saying what to do
    instead; the audit row holds only the fields that changed."""
    require(actor, FEE_EDIT)
    std = get_standard(session, standard)
    p: list[Problem] = []
    for k in changes:
        if k in STANDARD_STRUCTURAL:
            p.append(Problem(STANDARD_STRUCTURAL[k], f"收费标准的{STANDARD_STRUCTURAL[k]}不能修改；"
                             "需要不同的计算方式请新建收费标准，再截止旧的分配规则并分配新标准",
                             f"{k} of a fee standard cannot be changed; create a new standard and reassign"))
        elif k in STANDARD_PRICED:
            p.append(Problem("价格", "价格不能直接修改；请用「新价格版本」从某月起执行新价格",
                             f"{k} is priced: add a new price version instead"))
        elif k not in STANDARD_EDITABLE:
            p.append(Problem(k, f"没有可修改的字段 {k}", f"unknown field {k}"))
    if "name" in changes:
        changes["name"] = str(changes["name"] or "").strip()
        if not changes["name"]:
            p.append(Problem("名称", "名称不能为空", "name is required"))
        elif len(changes["name"]) > 64:
            p.append(Problem("名称", "名称最长64个字符", "name is at most 64 characters"))
    if "due_day" in changes and not (type(changes["due_day"]) is int and 1 <= changes["due_day"] <= 31):
        p.append(Problem("应缴日", "应缴日应在1到31之间（大于当月天数时取月末）", "due day must be 1..31"))
    if "due_offset_months" in changes and not (type(changes["due_offset_months"]) is int
                                               and 0 <= changes["due_offset_months"] <= 12):
        p.append(Problem("应缴月", "应缴日推后的月数应在0到12之间", "due offset must be 0..12 months"))
    if "bill_to" in changes and changes["bill_to"] not in BILL_TO:
        p.append(Problem("缴费人", "缴费人应为 业主/租户", f"unknown bill_to {changes['bill_to']}"))
    for k in ("prorate", "active"):
        if k in changes and not isinstance(changes[k], bool):
            p.append(Problem(k, f"{k} 应为是/否", f"{k} must be true or false"))
    if p:
        raise ValidationFailed(p)
    before = audit.snapshot(std)
    for k, v in changes.items():
        setattr(std, k, v)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(std))
    if a:
        what = "停用" if a.get("active") is False else "启用" if a.get("active") is True else "修改"
        audit.record(session, actor, "update", "fee_standard", std.id, before=b, after=a,
                     summary=f"{what}收费标准 {std.name}")
    return std


def add_version(session: Session, actor: Actor, standard: "uuid.UUID | str",
                version: VersionInput) -> FeeStandardVersion:
    """A new dated price.  Earlier versions stay as they were for earlier periods."""
    require(actor, FEE_EDIT)
    std = get_standard(session, standard)
    p = _version_problems(std.method, version)
    if p:
        raise ValidationFailed(p)
    if session.scalar(select(FeeStandardVersion.id).where(
            FeeStandardVersion.standard_id == std.id,
            FeeStandardVersion.effective_from == version.effective_from)):
        raise Conflict(f"{std.name} 已有 {version.effective_from:%Y-%m} 起的价格版本；价格调整请新建更晚月份的版本",
                       f"{std.code} already has a version from {version.effective_from:%Y-%m}")
    ver = _add_version(session, std, version)
    session.flush()
    audit.record(session, actor, "create", "fee_standard_version", ver.id, after=audit.snapshot(ver),
                 summary=f"{std.name} 新价格版本，{version.effective_from:%Y-%m} 起执行")
    return ver


def versions_of(session: Session, standard_id: uuid.UUID) -> list[FeeStandardVersion]:
    return list(session.scalars(select(FeeStandardVersion).where(
        FeeStandardVersion.standard_id == standard_id, FeeStandardVersion.deleted_at.is_(None))
        .order_by(FeeStandardVersion.effective_from)))


def version_in_force(versions: list[FeeStandardVersion], period: Period) -> FeeStandardVersion | None:
    """The version whose ``effective_from`` is the latest not after the period's first day."""
    best = None
    for v in versions:
        if v.effective_from <= period.first_day and (best is None or v.effective_from > best.effective_from):
            best = v
    return best


def late_rule(version: FeeStandardVersion | None) -> LateFeeRule | None:
    if version is None or not version.late_daily_rate:
        return None
    return LateFeeRule(version.late_daily_rate, version.late_grace_days, version.late_cap_ratio)


@dataclass(frozen=True)
class StandardRow:
    id: uuid.UUID
    code: str
    name: str
    fee_item: str
    method: str
    target: str
    cycle_months: int
    price_text: str
    effective_from: dt.date | None
    versions: int
    # the fields 修改收费标准 edits (see update_standard)
    due_day: int = 31
    due_offset_months: int = 0
    bill_to: str = "owner"
    prorate: bool = True
    active: bool = True
    note: str = ""


def price_text(std: FeeStandard, v: FeeStandardVersion | None) -> str:
    if v is None:
        return "（无价格版本）"
    if std.method in ("building_area", "inner_area"):
        return f"{calc.price(v.unit_price)} 元/m²·月"
    if std.method == "fixed":
        return f"{calc.price(v.amount)} 元/{ {'room': '户', 'space': '个', 'vehicle': '辆'}[std.target] }·月"
    if std.method == "metered":
        tiers = calc.parse_tiers(v.tiers)
        if len(tiers) == 1:
            return f"{calc.price(tiers[0].price)} 元/单位"
        bands, low = [], Decimal(0)
        for t in tiers:
            bands.append(f"{calc.qty(low)}–{calc.qty(t.upto) if t.upto is not None else '∞'}: {calc.price(t.price)}")
            low = t.upto if t.upto is not None else low
        return "阶梯 " + "；".join(bands)
    if std.method == "shared":
        return (f"公共表 {calc.price(v.unit_price)} 元/单位" if v.unit_price is not None
                else f"每期 {calc.price(v.amount)} 元") + f"，{SHARE_BASES.get(std.share_basis, '')}"
    return f"公式 {v.formula}"


def list_standards(session: Session, actor: Actor, *, period: Period | None = None) -> list[StandardRow]:
    require(actor, BILL_VIEW)
    period = period or Period.of(dt.date.today())
    items = {i.id: i for i in session.scalars(select(FeeItem))}
    out = []
    for std in session.scalars(select(FeeStandard).where(FeeStandard.deleted_at.is_(None))
                               .order_by(FeeStandard.code)):
        vs = versions_of(session, std.id)
        v = version_in_force(vs, period) or (vs[-1] if vs else None)
        out.append(StandardRow(std.id, std.code, std.name, items[std.fee_item_id].name, std.method,
                               std.target, std.cycle_months, price_text(std, v),
                               v.effective_from if v else None, len(vs), std.due_day, std.due_offset_months,
                               std.bill_to, std.prorate, std.active, std.note))
    return out


# --- assignment rules ---------------------------------------------------------------------

LEVEL = {"company": 1, "estate": 2, "building": 3, "lot": 3, "unit": 4, "room": 5, "space": 5}


def scope_by_code(session: Session, kind: str, code: str = "") -> tuple[str, uuid.UUID | None]:
    """(kind, id) of an assignment or discount scope given by its human code.

    estate ``JD``, building ``JD-01``, unit ``JD-01-1``, room ``JD-01-1-0502``, parking space
    ``JD-P1-001``; ``company`` needs no code.  Deleted objects are not found.
    """
    if kind == "company":
        return "company", None
    text = (code or "").strip().upper()
    what = SCOPE_KINDS.get(kind, kind)
    example = {"estate": "JD", "building": "JD-01", "unit": "JD-01-1", "room": "JD-01-1-0502",
               "space": "JD-P1-001"}.get(kind)
    if example is None:
        raise ValidationFailed([Problem("范围", f"不能按编码指定{what}", f"cannot give a {kind} scope by code")])
    if not text:
        raise ValidationFailed([Problem("范围", f"请填写{what}编码，如 {example}", f"enter a {kind} code, e.g. {example}")])
    parts = text.split("-")
    obj = None
    if kind in ("room", "space"):
        model = Room if kind == "room" else ParkingSpace
        obj = session.scalar(select(model).where(model.code == text, model.deleted_at.is_(None)))
    elif len(parts) == {"estate": 1, "building": 2, "unit": 3}[kind]:
        obj = session.scalar(select(Estate).where(Estate.code == parts[0], Estate.deleted_at.is_(None)))
        if obj is not None and kind != "estate":
            obj = session.scalar(select(Building).where(Building.estate_id == obj.id, Building.code == parts[1],
                                                        Building.deleted_at.is_(None)))
        if obj is not None and kind == "unit":
            obj = session.scalar(select(Unit).where(Unit.building_id == obj.id, Unit.code == parts[2],
                                                    Unit.deleted_at.is_(None)))
    if obj is None:
        raise NotFound(f"找不到{what} {code.strip()}（编码格式如 {example}）", f"no {kind} {code.strip()} (e.g. {example})")
    return kind, obj.id


def _scope_label(session: Session, kind: str, scope_id: uuid.UUID | None) -> str:
    if kind == "company":
        return "全公司"
    model = {"estate": Estate, "building": Building, "unit": Unit, "room": Room,
             "lot": ParkingLot, "space": ParkingSpace}[kind]
    obj = session.get(model, scope_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFound(f"找不到{SCOPE_KINDS[kind]} {scope_id}", f"no {kind} {scope_id}")
    if kind == "building":
        return f"{session.get(Estate, obj.estate_id).code}-{obj.code} {obj.name}"
    if kind == "unit":
        b = session.get(Building, obj.building_id)
        return f"{session.get(Estate, b.estate_id).code}-{b.code}-{obj.code}"
    return getattr(obj, "code", "") + (f" {obj.name}" if hasattr(obj, "name") else "")


def assign(session: Session, actor: Actor, standard: "uuid.UUID | str", *, scope_kind: str,
           scope_id: uuid.UUID | None = None, usage: str = "", start_period: "str | Period",
           end_period: "str | Period | None" = None, exclude: bool = False,
           note: str = "") -> FeeAssignment:
    """Add an assignment rule (批量分配收费标准).  See the module doc for precedence."""
    require(actor, FEE_EDIT)
    std = get_standard(session, standard)
    p = []
    if scope_kind not in LEVEL:
        p.append(Problem("范围", f"范围应为 {'/'.join(SCOPE_KINDS.values())}", f"unknown scope {scope_kind}"))
    elif (scope_kind == "company") != (scope_id is None):
        p.append(Problem("范围", "全公司范围不需要指定对象，其他范围必须指定", "scope id required except for company"))
    if usage and usage not in ROOM_USAGES:
        p.append(Problem("用途", f"用途应为 {'/'.join(ROOM_USAGES.values())}", f"unknown usage {usage}"))
    start = parse_period(start_period, "起始账期")
    end = parse_period(end_period, "结束账期") if end_period else None
    if end is not None and end < start:
        p.append(Problem("结束账期", "结束账期早于起始账期", "end period before start period"))
    if std.target != "room" and scope_kind in ("building", "unit", "room"):
        p.append(Problem("范围", "车位/车辆的收费标准只能分配到全公司、小区、停车场或车位",
                         "space/vehicle standards are assigned by company, estate, lot or space"))
    if std.target == "room" and scope_kind in ("lot", "space"):
        p.append(Problem("范围", "房间的收费标准不能分配到停车场或车位", "room standards cannot go to lots/spaces"))
    if p:
        raise ValidationFailed(p)
    label = _scope_label(session, scope_kind, scope_id)
    a = FeeAssignment(standard_id=std.id, scope_kind=scope_kind, scope_id=scope_id, usage=usage,
                      start_period=str(start), end_period=str(end) if end else None,
                      exclude=exclude, note=note)
    session.add(a)
    session.flush()
    audit.record(session, actor, "create", "fee_assignment", a.id, after=audit.snapshot(a),
                 summary=f"{'排除' if exclude else '分配'}收费标准 {std.name} → {label}"
                         + (f"（{ROOM_USAGES[usage]}）" if usage else "") + f"，{start} 起")
    return a


def end_assignment(session: Session, actor: Actor, assignment_id: uuid.UUID,
                   end_period: "str | Period") -> FeeAssignment:
    """Stop a rule after ``end_period`` (rules are ended, not deleted, so history bills the same)."""
    require(actor, FEE_EDIT)
    a = session.get(FeeAssignment, assignment_id)
    if a is None or a.deleted_at is not None:
        raise NotFound("分配规则不存在", "assignment not found")
    end = parse_period(end_period, "结束账期")
    if end < Period.parse(a.start_period).add(-1):
        raise ValidationFailed([Problem("结束账期", "结束账期早于起始账期", "end before start")])
    before = audit.snapshot(a)
    a.end_period = str(end)
    session.flush()
    audit.record(session, actor, "update", "fee_assignment", a.id, before=before,
                 after=audit.snapshot(a), summary=f"分配规则截止到 {end}")
    return a


@dataclass
class Target:
    """Something billed: a room, a parking space or a vehicle, with what billing needs."""

    kind: str
    id: uuid.UUID
    code: str
    estate_id: uuid.UUID
    building_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    lot_id: uuid.UUID | None = None
    usage: str = "residential"
    status: str = ""
    building_area: Decimal = Decimal(0)
    inner_area: Decimal = Decimal(0)
    floor: int = 0
    owner_id: uuid.UUID | None = None  # vehicles: the registered owner


class Resolver:
    """Evaluates assignment rules for many targets quickly (bill runs, previews)."""

    def __init__(self, assignments: Iterable[FeeAssignment], standards: dict[uuid.UUID, FeeStandard],
                 period: Period) -> None:
        self.standards = standards
        self.by_scope: dict[tuple, list[FeeAssignment]] = defaultdict(list)
        p = str(period)
        for a in assignments:
            std = standards.get(a.standard_id)
            if (a.deleted_at is not None or std is None or not std.active or std.deleted_at is not None
                    or a.start_period > p or (a.end_period is not None and a.end_period < p)):
                continue
            self.by_scope[(a.scope_kind, a.scope_id)].append(a)
        self._cache: dict[tuple, dict] = {}

    def _candidates(self, t: Target) -> list[FeeAssignment]:
        keys = [("company", None), ("estate", t.estate_id)]
        if t.kind == "room":
            keys += [("building", t.building_id), ("unit", t.unit_id), ("room", t.id)]
        elif t.kind == "space":
            keys += [("lot", t.lot_id), ("space", t.id)]
        return [a for k in keys for a in self.by_scope.get(k, ())]

    @staticmethod
    def in_scope(t: Target, kind: str, scope_id: uuid.UUID | None) -> bool:
        """Is target ``t`` inside scope (kind, id)?"""
        return (kind, scope_id) in {("company", None), ("estate", t.estate_id), ("building", t.building_id),
                                    ("unit", t.unit_id), ("room", t.id if t.kind == "room" else None),
                                    ("lot", t.lot_id), ("space", t.id if t.kind == "space" else None)}

    def resolve(self, t: Target) -> dict[uuid.UUID, tuple[FeeStandard, FeeAssignment]]:
        """fee item id → (standard, winning rule) for one target."""
        own = t.id if ("room", t.id) in self.by_scope or ("space", t.id) in self.by_scope else None
        key = (t.kind, t.estate_id, t.building_id, t.unit_id, t.lot_id, t.usage, own)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        best: dict[uuid.UUID, tuple[tuple, FeeAssignment]] = {}
        for a in self._candidates(t):
            std = self.standards[a.standard_id]
            if std.target != t.kind or (a.usage and a.usage != t.usage):
                continue
            rank = (LEVEL[a.scope_kind], 1 if a.usage else 0, a.created_at or dt.datetime.min, a.id)
            cur = best.get(std.fee_item_id)
            if cur is None or rank > cur[0]:
                best[std.fee_item_id] = (rank, a)
        out = {item: (self.standards[a.standard_id], a) for item, (_, a) in best.items() if not a.exclude}
        self._cache[key] = out
        return out


def load_resolver(session: Session, period: Period) -> Resolver:
    standards = {s.id: s for s in session.scalars(select(FeeStandard))}
    return Resolver(session.scalars(select(FeeAssignment).where(FeeAssignment.deleted_at.is_(None))),
                    standards, period)


# --- discounts ---------------------------------------------------------------------------

def create_discount(session: Session, actor: Actor, *, name: str, kind: str, reason: str,
                    value: Decimal = Decimal(0), fee_item: "uuid.UUID | str | None" = None,
                    scope_kind: str = "company", scope_id: uuid.UUID | None = None,
                    start_period: "str | Period", end_period: "str | Period | None" = None,
                    months_paid: int = 0, months_free: int = 0) -> DiscountRule:
    """优惠规则, applied while billing (percent, fixed, vacant) or at prepayment
    (prepay_free: 预缴 N 个月送 M 个月).  Lowering amounts already billed happens
    through a bill re-run, which then needs the 主管 permission."""
    require(actor, FEE_EDIT)
    p = []
    if kind not in DISCOUNT_KINDS:
        p.append(Problem("优惠类型", f"优惠类型应为 {'/'.join(DISCOUNT_KINDS.values())}", f"unknown kind {kind}"))
    if not reason.strip():
        p.append(Problem("原因", "优惠/减免必须写明原因", "a discount needs a reason"))
    if kind in ("percent", "vacant") and not (Decimal(0) < value <= Decimal(100)):
        p.append(Problem("比例", "优惠比例应在 0 到 100 之间（50 表示减收50%）", "percent must be in (0, 100]"))
    if kind == "fixed" and value <= 0:
        p.append(Problem("金额", "减免金额应大于 0", "fixed discount must be positive"))
    if kind == "prepay_free" and (months_paid <= 0 or months_free <= 0 or fee_item is None):
        p.append(Problem("预缴送月", "预缴N月送M月需要收费项目、N 和 M（均大于0）",
                         "prepay_free needs a fee item, N and M"))
    if scope_kind not in LEVEL or (scope_kind == "company") != (scope_id is None):
        p.append(Problem("范围", "范围无效", "invalid scope"))
    if len(name.strip()) > 64:
        p.append(Problem("名称", "名称最长64个字符", "name is at most 64 characters"))
    start = parse_period(start_period, "起始账期")
    end = parse_period(end_period, "结束账期") if end_period else None
    if end is not None and end < start:
        p.append(Problem("结束账期", "结束账期早于起始账期", "end period before start period"))
    if p:
        raise ValidationFailed(p)
    item = get_fee_item(session, fee_item) if fee_item is not None else None
    scope = _scope_label(session, scope_kind, scope_id)  # NotFound for a scope that is gone
    rule = DiscountRule(name=name.strip() or DISCOUNT_KINDS[kind], kind=kind,
                        fee_item_id=item.id if item else None, value=value, months_paid=months_paid,
                        months_free=months_free, scope_kind=scope_kind, scope_id=scope_id,
                        start_period=str(start), end_period=str(end) if end else None,
                        reason=reason.strip())
    session.add(rule)
    session.flush()
    audit.record(session, actor, "create", "discount_rule", rule.id, after=audit.snapshot(rule),
                 summary=f"新建优惠 {rule.name}（{scope}，{start} 起）：{reason.strip()}")
    return rule


def end_discount(session: Session, actor: Actor, rule_id: uuid.UUID, end_period: "str | Period") -> DiscountRule:
    require(actor, FEE_EDIT)
    rule = session.get(DiscountRule, rule_id)
    if rule is None or rule.deleted_at is not None:
        raise NotFound("优惠规则不存在", "discount rule not found")
    end = parse_period(end_period, "结束账期")
    if end < Period.parse(rule.start_period).add(-1):   # start − 1: the rule never applied
        raise ValidationFailed([Problem("结束账期", f"结束账期早于起始账期 {rule.start_period}",
                                        "end before start")])
    before = audit.snapshot(rule)
    rule.end_period = str(end)
    session.flush()
    audit.record(session, actor, "update", "discount_rule", rule.id, before=before,
                 after=audit.snapshot(rule), summary=f"优惠 {rule.name} 截止到 {rule.end_period}")
    return rule


def get_discount(session: Session, ref: "uuid.UUID | str") -> DiscountRule:
    """A live discount rule by id, or by its name when exactly one rule has it."""
    if isinstance(ref, str):
        try:
            ref = uuid.UUID(ref.strip())
        except ValueError:
            pass
    if isinstance(ref, uuid.UUID):
        rule = session.get(DiscountRule, ref)
        if rule is None or rule.deleted_at is not None:
            raise NotFound(f"找不到优惠规则 {ref}（propdesk fee discounts 列出全部）", f"no discount rule {ref}")
        return rule
    rules = list(session.scalars(select(DiscountRule).where(
        DiscountRule.name == ref.strip(), DiscountRule.deleted_at.is_(None))))
    if not rules:
        raise NotFound(f"找不到优惠规则「{ref}」（propdesk fee discounts 列出全部）", f"no discount rule {ref!r}")
    if len(rules) > 1:
        raise Conflict(f"有 {len(rules)} 条优惠规则名为「{ref}」，请用编号（ID）指定",
                       f"{len(rules)} discount rules are named {ref!r}; use the id")
    return rules[0]


@dataclass(frozen=True)
class DiscountRow:
    """One discount rule as the screen and ``fee discounts`` list it."""

    id: uuid.UUID
    name: str
    kind: str
    value: Decimal
    months_paid: int
    months_free: int
    fee_item: str          # "" = every fee item
    scope_kind: str
    scope: str             # label: 全公司, estate or building name
    start_period: str
    end_period: str | None
    reason: str
    active: bool

    @property
    def terms(self) -> str:
        """减收 50%, 减免 10.00 元, 预缴 12 月送 1 月."""
        if self.kind in ("percent", "vacant"):
            return f"减收 {self.value.normalize():f}%"
        if self.kind == "fixed":
            return f"减免 {calc.price(self.value)} 元"
        return f"预缴 {self.months_paid} 月送 {self.months_free} 月"


def list_discounts(session: Session, actor: Actor) -> list[DiscountRow]:
    """Every live discount rule, those still running first, newest start first."""
    require(actor, BILL_VIEW)
    items = {i.id: i.name for i in session.scalars(select(FeeItem))}
    out = []
    for r in session.scalars(select(DiscountRule).where(DiscountRule.deleted_at.is_(None))):
        try:
            scope = _scope_label(session, r.scope_kind, r.scope_id)
        except NotFound:
            scope = "（已删除）"
        out.append(DiscountRow(r.id, r.name, r.kind, r.value, r.months_paid, r.months_free,
                               items.get(r.fee_item_id, "") if r.fee_item_id else "", r.scope_kind, scope,
                               r.start_period, r.end_period, r.reason, r.active))
    today = str(Period.of(dt.date.today()))
    out.sort(key=lambda d: d.start_period, reverse=True)
    out.sort(key=lambda d: d.end_period is not None and d.end_period < today)
    return out


class DiscountIndex:
    """Discount rules in force for a period, by scope, for quick lookup per target."""

    def __init__(self, rules: Iterable[DiscountRule], period: Period) -> None:
        p = str(period)
        self.by_scope: dict[tuple, list[DiscountRule]] = defaultdict(list)
        for r in rules:
            if (r.deleted_at is None and r.active and r.kind in ("percent", "fixed", "vacant")
                    and r.start_period <= p and (r.end_period is None or r.end_period >= p)):
                self.by_scope[(r.scope_kind, r.scope_id)].append(r)

    def __bool__(self) -> bool:
        return bool(self.by_scope)

    def for_target(self, t: Target, fee_item_id: uuid.UUID) -> tuple[calc.Discount, ...]:
        keys = [("company", None), ("estate", t.estate_id), ("building", t.building_id),
                ("unit", t.unit_id), ("room", t.id), ("lot", t.lot_id), ("space", t.id)]
        out = []
        for k in keys:
            for r in self.by_scope.get(k, ()):
                if r.fee_item_id not in (None, fee_item_id):
                    continue
                if r.kind == "vacant":
                    if t.kind == "room" and t.status in ("vacant", "sold"):
                        out.append(calc.Discount("percent", r.value, r.name))
                else:
                    out.append(calc.Discount(r.kind, r.value, r.name))
        return tuple(out)


def load_discounts(session: Session, period: Period) -> DiscountIndex:
    return DiscountIndex(session.scalars(select(DiscountRule)), period)


# --- assignment preview ---------------------------------------------------------------------

@dataclass(frozen=True)
class AssignmentChange:
    target_code: str
    before: str   # "" = this fee item was not billed
    after: str


@dataclass
class AssignmentPreview:
    """Who gets what if a rule is added: per target, the standard before and after."""

    fee_item: str
    rows: list[AssignmentChange]
    unchanged: int

    @property
    def gained(self) -> int:
        return sum(1 for r in self.rows if not r.before and r.after)

    @property
    def lost(self) -> int:
        return sum(1 for r in self.rows if r.before and not r.after)

    @property
    def changed(self) -> int:
        return sum(1 for r in self.rows if r.before and r.after)


def preview_assignment(session: Session, actor: Actor, standard: "uuid.UUID | str", *, scope_kind: str,
                       scope_id: uuid.UUID | None = None, usage: str = "", start_period: "str | Period",
                       exclude: bool = False) -> AssignmentPreview:
    """What :func:`assign` with the same arguments would change, target by target,
    for the rule's first period (nothing is written)."""
    require(actor, BILL_VIEW)
    from propdesk.services.billing.run import Scope, _load_targets

    std = get_standard(session, standard)
    period = parse_period(start_period, "起始账期")
    _scope_label(session, scope_kind, scope_id)  # NotFound for a bad scope
    standards = {s.id: s for s in session.scalars(select(FeeStandard))}
    rules = list(session.scalars(select(FeeAssignment).where(FeeAssignment.deleted_at.is_(None))))
    new = FeeAssignment(id=uuid.uuid4(), standard_id=std.id, scope_kind=scope_kind, scope_id=scope_id,
                        usage=usage, start_period=str(period), end_period=None, exclude=exclude,
                        created_at=dt.datetime.max)
    before, after = Resolver(rules, standards, period), Resolver(rules + [new], standards, period)
    if scope_kind == "company":
        scope = Scope("company", None, "")
    else:
        estate_id = _estate_of(session, scope_kind, scope_id)
        scope = Scope("estate", estate_id, "")
    vers = {v.standard_id: v for v in session.scalars(select(FeeStandardVersion).where(
        FeeStandardVersion.effective_from <= period.first_day, FeeStandardVersion.deleted_at.is_(None))
        .order_by(FeeStandardVersion.effective_from))}

    def text(pair) -> str:
        if pair is None:
            return ""
        s = pair[0]
        return f"{s.name}（{price_text(s, vers.get(s.id))}）"
    rows, same = [], 0
    for t in _load_targets(session, scope, {std.target}):
        if not Resolver.in_scope(t, scope_kind, scope_id):
            continue
        a = text(before.resolve(t).get(std.fee_item_id))
        b = text(after.resolve(t).get(std.fee_item_id))
        if a == b:
            same += 1
        else:
            rows.append(AssignmentChange(t.code, a, b))
    item = session.get(FeeItem, std.fee_item_id)
    return AssignmentPreview(item.name, rows, same)


def _estate_of(session: Session, kind: str, scope_id: uuid.UUID) -> uuid.UUID:
    if kind == "estate":
        return scope_id
    if kind == "building":
        return session.get(Building, scope_id).estate_id
    if kind == "unit":
        return session.get(Building, session.get(Unit, scope_id).building_id).estate_id
    if kind == "room":
        return session.get(Room, scope_id).estate_id
    if kind == "lot":
        return session.get(ParkingLot, scope_id).estate_id
    return session.get(ParkingSpace, scope_id).estate_id


def list_assignments(session: Session, actor: Actor, standard: "uuid.UUID | str | None" = None) -> list[tuple]:
    """(rule, standard, scope label) of the live rules, newest first."""
    require(actor, BILL_VIEW)
    stmt = select(FeeAssignment).where(FeeAssignment.deleted_at.is_(None))
    if standard is not None:
        stmt = stmt.where(FeeAssignment.standard_id == get_standard(session, standard).id)
    out = []
    for a in session.scalars(stmt.order_by(FeeAssignment.created_at.desc())):
        try:
            label = _scope_label(session, a.scope_kind, a.scope_id)
        except NotFound:
            label = "（已删除）"
        out.append((a, session.get(FeeStandard, a.standard_id), label))
    return out
