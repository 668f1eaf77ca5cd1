"""Materials stock (物料管理): items, 入库/领料/返库/冲销, 盘点 and low-stock warnings.

Stock on hand is the sum of an item's movements; there is no balance column
to drift.  Movements are append-only: a wrong line is corrected by a 冲销
line that negates it.  Stock never goes below zero unless the operator holds
STOCK_OVERRIDE and asks for it explicitly; such a line is flagged and audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models.service import (
    QTY, StockItem, StockMovement, Stocktake, StocktakeLine, WorkOrder,
)
from propdesk.money import MoneyError, ZERO, round_fen, to_decimal
from propdesk.security import MASTER_VIEW, STOCK_MANAGE, STOCK_OVERRIDE, Actor, require
from propdesk.services import audit
from propdesk.services.service_desk.codes import MOVEMENT_KINDS, MOVEMENT_PREFIX, length_problems
from propdesk.services.service_desk.numbering import next_number

ITEM_FIELDS = ("code", "name", "spec", "unit", "category", "min_qty", "price", "active", "note")
_QUANTUM = Decimal(1).scaleb(-QTY)


@dataclass(frozen=True)
class StockLine:
    """One line of a stock document as entered: item, quantity (> 0), optional price."""

    item_id: uuid.UUID
    qty: Decimal
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class StockLevel:
    item_id: uuid.UUID
    code: str
    name: str
    spec: str
    unit: str
    category: str
    on_hand: Decimal
    min_qty: Decimal
    price: Decimal
    active: bool

    @property
    def low(self) -> bool:
        """Below the minimum (库存下限), or negative after an override."""
        return self.on_hand < 0 or (self.min_qty > 0 and self.on_hand < self.min_qty)

    @property
    def value(self) -> Decimal:
        return round_fen(self.on_hand * self.price)


@dataclass(frozen=True)
class LedgerRow:
    """One movement as the 库存流水 shows it."""

    id: uuid.UUID
    doc_no: str
    kind: str
    moved_on: dt.date
    item_code: str
    item_name: str
    unit: str
    qty: Decimal
    unit_price: Decimal
    party: str
    note: str
    work_order_no: str
    override: bool
    reversed: bool
    operator_name: str
    created_at: dt.datetime


@dataclass(frozen=True)
class StocktakeRow:
    item_id: uuid.UUID
    code: str
    name: str
    unit: str
    book_qty: Decimal
    counted_qty: Decimal
    price: Decimal

    @property
    def diff(self) -> Decimal:
        """盘盈 (> 0) or 盘亏 (< 0)."""
        return self.counted_qty - self.book_qty

    @property
    def diff_value(self) -> Decimal:
        return round_fen(self.diff * self.price)


@dataclass(frozen=True)
class StocktakeResult:
    id: uuid.UUID
    number: str
    taken_on: dt.date
    rows: tuple[StocktakeRow, ...]

    @property
    def differences(self) -> tuple[StocktakeRow, ...]:
        return tuple(r for r in self.rows if r.diff != 0)

    @property
    def gain_value(self) -> Decimal:
        return sum((r.diff_value for r in self.rows if r.diff > 0), ZERO)

    @property
    def loss_value(self) -> Decimal:
        return sum((r.diff_value for r in self.rows if r.diff < 0), ZERO)


# --- quantities ----------------------------------------------------------------

def parse_qty(value, where: str, problems: list[Problem], *, allow_zero: bool = False) -> Decimal:
    """A quantity with at most three decimals; floats refused like money."""
    try:
        d = to_decimal(value)
    except MoneyError:
        problems.append(Problem(where, f"数量无效：{value!r}", f"invalid quantity {value!r}"))
        return Decimal(0)
    if d.quantize(_QUANTUM) != d:
        problems.append(Problem(where, f"数量最多 {QTY} 位小数：{d}", f"at most {QTY} decimals: {d}"))
    elif d < 0 or (d == 0 and not allow_zero):
        problems.append(Problem(where, f"数量应大于0：{d}", f"quantity must be positive: {d}"))
    elif d >= Decimal(10) ** 9:
        problems.append(Problem(where, f"数量过大：{d}", f"quantity too large: {d}"))
    else:
        return d.quantize(_QUANTUM)  # as stored, so objects in memory read as reloaded ones
    return d


def _parse_price(value, where: str, problems: list[Problem]) -> Decimal:
    try:
        d = to_decimal(value)
    except MoneyError:
        problems.append(Problem(where, f"单价无效：{value!r}", f"invalid price {value!r}"))
        return ZERO
    if d < 0 or d.quantize(Decimal("0.01")) != d:
        problems.append(Problem(where, f"单价应为不小于0、最多两位小数的金额：{d}",
                                f"price must be >= 0 with at most 2 decimals: {d}"))
    return d


def fmt_qty(d: Decimal) -> str:
    """1.500 -> 1.5, 2.000 -> 2: quantities read as people write them."""
    s = format(d.normalize(), "f")
    return s


# --- items -----------------------------------------------------------------------

def _item_problems(values: dict) -> list[Problem]:
    p: list[Problem] = []
    if not (values.get("code") or "").strip():
        p.append(Problem("物料编码", "物料编码不能为空", "item code is required"))
    if not (values.get("name") or "").strip():
        p.append(Problem("物料名称", "物料名称不能为空", "item name is required"))
    if not (values.get("unit") or "").strip():
        p.append(Problem("单位", "单位不能为空（如 个、米、卷）", "unit is required (e.g. 个, 米)"))
    p += length_problems(StockItem, values, {"code": "物料编码", "name": "物料名称", "spec": "规格",
                                             "unit": "单位", "category": "类别"})
    if "min_qty" in values:
        values["min_qty"] = parse_qty(values["min_qty"], "库存下限", p, allow_zero=True)
    if "price" in values:
        values["price"] = _parse_price(values["price"], "单价", p)
    return p


def create_item(session: Session, actor: Actor, *, code: str, name: str, unit: str = "个",
                spec: str = "", category: str = "", min_qty=Decimal("0"), price=Decimal("0"),
                note: str = "") -> StockItem:
    require(actor, STOCK_MANAGE)
    values = dict(code=code.strip().upper(), name=name.strip(), unit=unit.strip(),
                  spec=spec.strip(), category=category.strip(), min_qty=min_qty, price=price,
                  note=note)
    problems = _item_problems(values)
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(StockItem.id).where(StockItem.code == values["code"])):
        raise Conflict(f"物料编码 {values['code']} 已存在，请换一个编码",
                       f"item code {values['code']} already exists")
    item = StockItem(**values)
    session.add(item)
    session.flush()
    audit.record(session, actor, "create", "stock_item", item.id, after=audit.snapshot(item),
                 summary=f"新建物料 {item.code} {item.name}")
    return item


def update_item(session: Session, actor: Actor, item_id: uuid.UUID, **changes) -> StockItem:
    require(actor, STOCK_MANAGE)
    item = get_item(session, actor, item_id)
    bad = set(changes) - (set(ITEM_FIELDS) - {"code"})
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    merged = {k: getattr(item, k) for k in ITEM_FIELDS} | changes
    problems = _item_problems(merged)
    if problems:
        raise ValidationFailed(problems)
    before = audit.snapshot(item)
    for k in changes:
        setattr(item, k, merged[k])
    session.flush()
    b, a = audit.diff(before, audit.snapshot(item))
    if a:
        audit.record(session, actor, "update", "stock_item", item.id, before=b, after=a,
                     summary=f"修改物料 {item.code} {item.name}")
    return item


def get_item(session: Session, actor: Actor, item_id: uuid.UUID) -> StockItem:
    require(actor, MASTER_VIEW)
    item = session.get(StockItem, item_id)
    if item is None or item.deleted_at is not None:
        raise NotFound("物料不存在或已删除", "stock item not found")
    return item


def item_by_code(session: Session, actor: Actor, code: str) -> StockItem:
    require(actor, MASTER_VIEW)
    item = session.scalar(select(StockItem).where(StockItem.code == code.strip().upper(),
                                                  StockItem.deleted_at.is_(None)))
    if item is None:
        raise NotFound(f"找不到物料编码 {code}，请在物料列表中核对",
                       f"no stock item with code {code}")
    return item


# --- stock on hand -------------------------------------------------------------------

def on_hand(session: Session, item_id: uuid.UUID) -> Decimal:
    """Stock on hand of one item: the sum of its movements."""
    return on_hand_many(session, [item_id]).get(item_id, Decimal(0).quantize(_QUANTUM))


def on_hand_many(session: Session, item_ids: Iterable[uuid.UUID] | None = None
                 ) -> dict[uuid.UUID, Decimal]:
    # The database sums the stored integers (thousandths); Scaled converts the total back.
    stmt = select(StockMovement.item_id, func.sum(StockMovement.qty)).group_by(
        StockMovement.item_id)
    if item_ids is not None:
        ids = list(item_ids)
        if not ids:
            return {}
        stmt = stmt.where(StockMovement.item_id.in_(ids))
    return {item_id: total if total is not None else Decimal(0).quantize(_QUANTUM)
            for item_id, total in session.execute(stmt)}


def stock_levels(session: Session, actor: Actor, *, text: str = "", low_only: bool = False,
                 include_inactive: bool = False) -> list[StockLevel]:
    require(actor, MASTER_VIEW)
    stmt = select(StockItem).where(StockItem.deleted_at.is_(None)).order_by(StockItem.code)
    if not include_inactive:
        stmt = stmt.where(StockItem.active.is_(True))
    if text.strip():
        like = f"%{text.strip()}%"
        stmt = stmt.where(or_(StockItem.code.like(like), StockItem.name.like(like),
                              StockItem.spec.like(like), StockItem.category.like(like)))
    items = list(session.scalars(stmt))
    levels = on_hand_many(session, [i.id for i in items]) if items else {}
    zero = Decimal(0).quantize(_QUANTUM)
    rows = [StockLevel(i.id, i.code, i.name, i.spec, i.unit, i.category,
                       levels.get(i.id, zero), i.min_qty, i.price, i.active) for i in items]
    return [r for r in rows if r.low] if low_only else rows


def low_stock(session: Session, actor: Actor) -> list[StockLevel]:
    """Items below their minimum (库存预警)."""
    return stock_levels(session, actor, low_only=True)


# --- documents --------------------------------------------------------------------------

def _check_lines(session: Session, lines: Sequence[StockLine], *, need_price: bool = False
                 ) -> list[tuple[StockItem, Decimal, Decimal | None]]:
    if not lines:
        raise ValidationFailed([Problem("明细", "至少需要一行物料", "at least one line is required")])
    problems: list[Problem] = []
    out = []
    seen: set[uuid.UUID] = set()
    for n, line in enumerate(lines, start=1):
        where = f"第{n}行"
        item = session.get(StockItem, line.item_id)
        if item is None or item.deleted_at is not None:
            problems.append(Problem(where, "物料不存在或已删除", "stock item not found"))
            continue
        if line.item_id in seen:
            problems.append(Problem(f"{where} {item.code}", "同一物料在单据中重复，请合并数量",
                                    "the same item appears twice; merge the lines"))
        seen.add(line.item_id)
        qty = parse_qty(line.qty, f"{where} {item.code} 数量", problems)
        price = None
        if line.unit_price is not None:
            price = _parse_price(line.unit_price, f"{where} {item.code} 单价", problems)
        out.append((item, qty, price))
    if problems:
        raise ValidationFailed(problems)
    return out


def _guard_negative(session: Session, actor: Actor, item: StockItem, change: Decimal,
                    override: bool, doc: str) -> bool:
    """Refuse a change that would take stock below zero, unless overridden.

    Returns True when the line needed (and got) the override.
    """
    have = on_hand(session, item.id)
    after = have + change
    if after >= 0:
        return False
    if not override:
        raise Conflict(
            f"物料 {item.code} {item.name} 库存不足：现有 {fmt_qty(have)}{item.unit}，"
            f"本次需要 {fmt_qty(-change)}{item.unit}。请先办理入库；"
            f"如确需先用后补，请由有“允许负库存”权限的主管操作",
            f"not enough {item.code}: {have} on hand, {-change} needed; book the stock in first, "
            f"or have a supervisor with the stock override permission do it")
    require(actor, STOCK_OVERRIDE)
    audit.record(session, actor, "stock_override", "stock_item", item.id,
                 before={"on_hand": str(have)}, after={"on_hand": str(after), "doc_no": doc},
                 summary=f"允许负库存：{item.code} {item.name} 库存 {fmt_qty(have)} → "
                         f"{fmt_qty(after)}（单据 {doc}）")
    return True


def _post(session: Session, actor: Actor, kind: str, rows: list[dict], *, on: dt.date | None,
          party: str, note: str, summary: str, doc_no: str | None = None) -> list[StockMovement]:
    too_long = length_problems(StockMovement, {"party": party.strip(), "note": note.strip()},
                               {"party": "往来单位/人", "note": "说明"})
    if too_long:
        raise ValidationFailed(too_long)
    day = on or dt.date.today()
    doc = doc_no or next_number(session, StockMovement.doc_no, MOVEMENT_PREFIX[kind], day)
    out = []
    for r in rows:
        m = StockMovement(doc_no=doc, kind=kind, moved_on=day, party=party.strip(),
                          note=note.strip(), operator_id=actor.operator_id,
                          operator_name=actor.label, **r)
        session.add(m)
        out.append(m)
    session.flush()
    audit.record(session, actor, kind, "stock_movement", doc,
                 after={"doc_no": doc, "kind": kind, "party": party, "note": note,
                        "lines": [{"item_id": str(m.item_id), "qty": str(m.qty),
                                   "unit_price": str(m.unit_price), "override": m.override,
                                   "work_order_id": str(m.work_order_id or "")} for m in out]},
                 summary=f"{MOVEMENT_KINDS[kind]} {doc}：{summary}")
    return out


def _describe(pairs) -> str:
    return "、".join(f"{item.name}×{fmt_qty(q)}{item.unit}" for item, q in pairs)[:300]


def stock_in(session: Session, actor: Actor, lines: Sequence[StockLine], *, supplier: str = "",
             note: str = "", on: dt.date | None = None) -> list[StockMovement]:
    """入库: receive goods; ``unit_price`` is the purchase price (0 when unknown)."""
    require(actor, STOCK_MANAGE)
    checked = _check_lines(session, lines)
    rows = [dict(item_id=i.id, qty=q, unit_price=p if p is not None else ZERO)
            for i, q, p in checked]
    return _post(session, actor, "in", rows, on=on, party=supplier, note=note,
                 summary=_describe((i, q) for i, q, _ in checked))


def issue(session: Session, actor: Actor, lines: Sequence[StockLine], *, recipient: str = "",
          work_order_id: uuid.UUID | None = None, note: str = "", override: bool = False,
          on: dt.date | None = None) -> list[StockMovement]:
    """领料/出库: take goods out; priced at the item's current price (for 有偿维修)."""
    require(actor, STOCK_MANAGE)
    checked = _check_lines(session, lines)
    day = on or dt.date.today()
    doc = next_number(session, StockMovement.doc_no, MOVEMENT_PREFIX["out"], day)
    rows = []
    for item, qty, _price in checked:
        forced = _guard_negative(session, actor, item, -qty, override, doc)
        rows.append(dict(item_id=item.id, qty=-qty, unit_price=item.price,
                         work_order_id=work_order_id, override=forced))
    return _post(session, actor, "out", rows, on=day, party=recipient, note=note,
                 summary=_describe((i, q) for i, q, _ in checked), doc_no=doc)


def issued_to_order(session: Session, work_order_id: uuid.UUID) -> dict[uuid.UUID, Decimal]:
    """Net quantity of each item issued to a work order (issues − returns, after reversals)."""
    rows = session.execute(
        select(StockMovement.item_id, func.sum(StockMovement.qty))
        .where(StockMovement.work_order_id == work_order_id)
        .group_by(StockMovement.item_id))
    return {i: Decimal(0) - t for i, t in rows if t is not None}  # 0 - t: never "-0"


def _last_issue_price(session: Session, work_order_id: uuid.UUID, item_id: uuid.UUID) -> Decimal:
    return session.scalar(
        select(StockMovement.unit_price).where(
            StockMovement.work_order_id == work_order_id, StockMovement.item_id == item_id,
            StockMovement.kind == "out").order_by(StockMovement.created_at.desc(),
                                                  StockMovement.id.desc()).limit(1)) or ZERO


def return_stock(session: Session, actor: Actor, lines: Sequence[StockLine], *,
                 work_order_id: uuid.UUID | None = None, returned_by: str = "", note: str = "",
                 on: dt.date | None = None) -> list[StockMovement]:
    """返库: unused material comes back.  Against a work order, at most what it took,
    priced as it was issued so the repair's charge falls by exactly that much."""
    require(actor, STOCK_MANAGE)
    checked = _check_lines(session, lines)
    rows = []
    if work_order_id is not None:
        issued = issued_to_order(session, work_order_id)
        number = session.scalar(select(WorkOrder.number).where(WorkOrder.id == work_order_id))
        problems = []
        for item, qty, _ in checked:
            took = issued.get(item.id, Decimal(0))
            if qty > took:
                problems.append(Problem(
                    f"{item.code} {item.name}",
                    f"退料数量 {fmt_qty(qty)} 超过工单 {number} 的领用数量 {fmt_qty(took)}",
                    f"returning {qty} but work order {number} took only {took}"))
        if problems:
            raise ValidationFailed(problems)
    for item, qty, price in checked:
        unit_price = (_last_issue_price(session, work_order_id, item.id)
                      if work_order_id is not None else (price if price is not None else item.price))
        rows.append(dict(item_id=item.id, qty=qty, unit_price=unit_price,
                         work_order_id=work_order_id))
    return _post(session, actor, "return", rows, on=on, party=returned_by, note=note,
                 summary=_describe((i, q) for i, q, _ in checked))


def reverse(session: Session, actor: Actor, movement_id: uuid.UUID, *, reason: str,
            override: bool = False, on: dt.date | None = None) -> StockMovement:
    """冲销: cancel a wrong line by posting its negation (the original stays, marked)."""
    require(actor, STOCK_MANAGE)
    if not reason.strip():
        raise ValidationFailed([Problem("冲销原因", "冲销必须填写原因", "a reason is required")])
    m = session.get(StockMovement, movement_id)
    if m is None:
        raise NotFound("库存单据行不存在", "stock movement not found")
    if m.kind == "reversal":
        raise Conflict(f"单据 {m.doc_no} 本身是冲销行，不能再冲销；请重新录入正确单据",
                       f"{m.doc_no} is a reversal and cannot be reversed; enter a new document")
    if m.kind == "adjust":
        raise Conflict(f"盘点调整 {m.doc_no} 不能冲销，请重新盘点",
                       f"stocktake adjustment {m.doc_no} cannot be reversed; take stock again")
    if session.scalar(select(StockMovement.id).where(StockMovement.reverses_id == m.id)):
        raise Conflict(f"单据 {m.doc_no} 的这一行已经冲销过", f"{m.doc_no} is already reversed")
    item = session.get(StockItem, m.item_id)
    day = on or dt.date.today()
    doc = next_number(session, StockMovement.doc_no, MOVEMENT_PREFIX["reversal"], day)
    forced = _guard_negative(session, actor, item, -m.qty, override, doc)
    (row,) = _post(session, actor, "reversal",
                   [dict(item_id=m.item_id, qty=-m.qty, unit_price=m.unit_price,
                         work_order_id=m.work_order_id, reverses_id=m.id, override=forced)],
                   on=day, party=m.party, note=reason,
                   summary=f"冲销 {m.doc_no} {item.name}×{fmt_qty(abs(m.qty))}{item.unit}，原因：{reason}",
                   doc_no=doc)
    return row


def stocktake(session: Session, actor: Actor, counts: dict[uuid.UUID, Decimal], *,
              note: str = "", on: dt.date | None = None) -> StocktakeResult:
    """盘点: record counted quantities; every difference becomes an adjustment line."""
    require(actor, STOCK_MANAGE)
    if not counts:
        raise ValidationFailed([Problem("盘点", "没有录入任何盘点数量", "no counts entered")])
    problems: list[Problem] = []
    items: list[tuple[StockItem, Decimal]] = []
    for item_id, counted in counts.items():
        item = session.get(StockItem, item_id)
        if item is None or item.deleted_at is not None:
            problems.append(Problem("盘点", "物料不存在或已删除", "stock item not found"))
            continue
        items.append((item, parse_qty(counted, f"{item.code} {item.name} 实盘数量", problems,
                                      allow_zero=True)))
    if problems:
        raise ValidationFailed(problems)
    day = on or dt.date.today()
    number = next_number(session, Stocktake.number, MOVEMENT_PREFIX["adjust"], day)
    book = on_hand_many(session, [i.id for i, _ in items])
    too_long = length_problems(Stocktake, {"note": note.strip()}, {"note": "说明"})
    if too_long:
        raise ValidationFailed(too_long)
    take = Stocktake(number=number, taken_on=day, note=note.strip(),
                     operator_id=actor.operator_id, operator_name=actor.label)
    session.add(take)
    session.flush()
    rows: list[StocktakeRow] = []
    adjustments = []
    for item, counted in sorted(items, key=lambda p: p[0].code):
        b = book.get(item.id, Decimal(0).quantize(_QUANTUM))
        session.add(StocktakeLine(stocktake_id=take.id, item_id=item.id, book_qty=b,
                                  counted_qty=counted))
        rows.append(StocktakeRow(item.id, item.code, item.name, item.unit, b, counted, item.price))
        if counted != b:
            adjustments.append(dict(item_id=item.id, qty=counted - b, unit_price=item.price,
                                    stocktake_id=take.id))
    session.flush()
    result = StocktakeResult(take.id, number, day, tuple(rows))
    if adjustments:
        _post(session, actor, "adjust", adjustments, on=day, party="", note=note,
              summary=f"盘点 {len(rows)} 项，差异 {len(adjustments)} 项", doc_no=number)
    else:
        audit.record(session, actor, "stocktake", "stocktake", take.id,
                     after={"number": number, "items": len(rows)},
                     summary=f"盘点 {number}：{len(rows)} 项，账实相符")
    return result


def stocktake_result(session: Session, actor: Actor, stocktake_id: uuid.UUID) -> StocktakeResult:
    require(actor, MASTER_VIEW)
    take = session.get(Stocktake, stocktake_id)
    if take is None:
        raise NotFound("盘点单不存在", "stocktake not found")
    rows = session.execute(
        select(StocktakeLine, StockItem).join(StockItem, StockItem.id == StocktakeLine.item_id)
        .where(StocktakeLine.stocktake_id == take.id).order_by(StockItem.code))
    return StocktakeResult(take.id, take.number, take.taken_on, tuple(
        StocktakeRow(i.id, i.code, i.name, i.unit, line.book_qty, line.counted_qty, i.price)
        for line, i in rows))


def ledger(session: Session, actor: Actor, *, item_id: uuid.UUID | None = None,
           work_order_id: uuid.UUID | None = None, since: dt.date | None = None,
           until: dt.date | None = None, kinds: Sequence[str] = (), limit: int = 1000
           ) -> list[LedgerRow]:
    """库存流水: movements newest first."""
    require(actor, MASTER_VIEW)
    reversed_ids = select(StockMovement.reverses_id).where(StockMovement.reverses_id.is_not(None))
    stmt = (select(StockMovement, StockItem, WorkOrder.number,
                   StockMovement.id.in_(reversed_ids))
            .join(StockItem, StockItem.id == StockMovement.item_id)
            .outerjoin(WorkOrder, WorkOrder.id == StockMovement.work_order_id)
            .order_by(StockMovement.created_at.desc(), StockMovement.id.desc()))
    if item_id is not None:
        stmt = stmt.where(StockMovement.item_id == item_id)
    if work_order_id is not None:
        stmt = stmt.where(StockMovement.work_order_id == work_order_id)
    if since is not None:
        stmt = stmt.where(StockMovement.moved_on >= since)
    if until is not None:
        stmt = stmt.where(StockMovement.moved_on <= until)
    if kinds:
        stmt = stmt.where(StockMovement.kind.in_(list(kinds)))
    return [LedgerRow(m.id, m.doc_no, m.kind, m.moved_on, i.code, i.name, i.unit, m.qty,
                      m.unit_price, m.party, m.note, wo or "", m.override, bool(rev),
                      m.operator_name, m.created_at)
            for m, i, wo, rev in session.execute(stmt.limit(limit))]
