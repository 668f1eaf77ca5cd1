"""Bill runs (应收计算): preview, then commit; idempotent.

Who pays: for each day of the cycle, the target's owner per Occupancy; when
the standard bills the tenant, the tenant on days a tenant holds the room and
the owner on the others.  Each payer gets a line for their share of days
(the day-count rule in :mod:`propdesk.billing.periods`).  Vehicles are billed
to their registered owner for whole cycles.

Idempotency: a periodic line's key (slot) is derived from (period, standard,
target, payer[, meter]).  A run compares what it computes with what earlier
runs posted for each slot: equal → nothing; different → a ``recalc``
adjustment line for the difference; a slot no longer computed (payer or
assignment changed) → a ``recalc`` line reversing it.  Posted lines are never
edited.  Manual adjustments and waivers are not undone by a re-run.

Closed periods: lines for a period that is already closed in its estate are
posted into the estate's first open period (``post_period``), never into the
closed one.

Commit path, built for 400,000 lines: inputs are loaded once into dicts,
amounts and formulas are memoised per distinct input, rows go to the
database as DBAPI executemany batches (no ORM objects), and the run writes one
audit record and one ledger entry per payer, not one per line.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import BigInteger, String, case, func, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from propdesk.billing import calc, formula as formula_mod
from propdesk.billing.calc import Share
from propdesk.billing.periods import Period, cycle_months_of, due_date, is_cycle_start
from propdesk.clock import utcnow
from propdesk.errors import Conflict, NotFound, PermissionDenied, Problem, ValidationFailed
from propdesk.ids import uuid7
from propdesk.models import Building, Estate, Occupancy, ParkingSpace, Room, Vehicle
from propdesk.models.billing import (
    METER_UNITS, SCOPE_KINDS, BillLine, BillRun, FeeAssignment, FeeItem, FeeStandard, FeeStandardVersion,
    LedgerEntry, Meter,
)
from propdesk.money import ZERO, fen_to_yuan, round_fen
from propdesk.security import BILL_ADJUST, BILL_RUN, BILL_VIEW, Actor, require
from propdesk.services import audit
from propdesk.services.billing import catalog
from propdesk.services.billing.bulk import BulkInsert, StoredForm, big_cache, uuid7_ints
from propdesk.services.billing.catalog import LEVEL, Target
from propdesk.services.billing.common import (
    parse_period, posting_period, slot_id, slot_key, slot_prefix, slot_range,
)
from propdesk.services.billing.meters import period_usage
from propdesk.sync.capture import deferred_capture

RUN_KINDS = ("charge", "recalc")


@dataclass(frozen=True)
class Scope:
    kind: str  # company | estate | building | room
    id: uuid.UUID | None
    label: str

    def where(self, stmt, estate_col, building_col, room_col):
        """``stmt`` limited to this scope, given the columns that hold each level."""
        col = {"estate": estate_col, "building": building_col, "room": room_col}.get(self.kind)
        return stmt if col is None else stmt.where(col == self.id)


def scope_for(session: Session, *, estate: str | None = None, building: str | None = None,
              room: str | None = None) -> Scope:
    """Scope from codes: estate 'JD', building 'JD-01', room 'JD-01-1-0502'."""
    if room:
        r = session.scalar(select(Room).where(Room.code == room.strip().upper(), Room.deleted_at.is_(None)))
        if r is None:
            raise NotFound(f"找不到房间 {room}", f"no room {room}")
        return Scope("room", r.id, f"房间 {r.code}")
    if building:
        ecode, _, bcode = building.strip().upper().partition("-")
        e = session.scalar(select(Estate).where(Estate.code == ecode))
        b = e and session.scalar(select(Building).where(Building.estate_id == e.id, Building.code == bcode))
        if not b:
            raise NotFound(f"找不到楼栋 {building}（格式：小区编码-楼栋编码，如 JD-01）", f"no building {building}")
        return Scope("building", b.id, f"楼栋 {e.code}-{b.code} {b.name}")
    if estate:
        e = session.scalar(select(Estate).where(Estate.code == estate.strip().upper(), Estate.deleted_at.is_(None)))
        if e is None:
            raise NotFound(f"找不到小区 {estate}", f"no estate {estate}")
        return Scope("estate", e.id, f"小区 {e.code} {e.name}")
    return Scope("company", None, "全公司")


@dataclass(frozen=True)
class RunProblem:
    severity: str  # error | warning
    where: str
    zh: str
    en: str = ""


@dataclass(slots=True)
class PlannedLine:
    key: bytes  # the slot's 16 bytes (see the ``slot`` property)
    seq: int
    kind: str
    target: Target
    customer_id: uuid.UUID
    fee_item_id: uuid.UUID
    standard_id: uuid.UUID
    version_id: uuid.UUID | None
    service_from: dt.date
    service_to: dt.date
    due_date: dt.date
    quantity: Decimal | None
    unit_price: Decimal | None
    gross: Decimal
    discount: Decimal
    amount: Decimal
    formula: str
    inputs: str

    @property
    def slot(self) -> uuid.UUID:
        return uuid.UUID(bytes=self.key)


@dataclass
class RunPreview:
    period: Period
    scope: Scope
    lines: list[PlannedLine]
    problems: list[RunProblem]
    unchanged: int
    targets: int
    skipped: dict[str, int]
    totals_by_building: dict[str, Decimal]
    totals_by_item: dict[str, Decimal]
    seconds: float = 0.0

    @property
    def errors(self) -> list[RunProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def total(self) -> Decimal:
        return sum((l.amount for l in self.lines), ZERO)

    @property
    def new_count(self) -> int:
        return sum(1 for l in self.lines if l.kind == "charge")

    @property
    def recalc_count(self) -> int:
        return sum(1 for l in self.lines if l.kind == "recalc")

    @property
    def reduces(self) -> bool:
        return any(l.amount < 0 for l in self.lines)

    @property
    def billed_targets(self) -> int:
        return len({l.target.id for l in self.lines})


@dataclass
class RunResult:
    run_id: uuid.UUID | None
    preview: RunPreview
    lines_written: int
    offsets: int = 0
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)  # seconds per step, for benchmarks


# --- loading inputs ---------------------------------------------------------------------

def _raw(col):
    """A uuid or date column read without conversion (text on SQLite), for :class:`_Ids`."""
    return type_coerce(col, String)


def _raw_int(col):
    """A Scaled column read as its stored integer."""
    return type_coerce(col, BigInteger)


class _Ids:
    """Python values for raw column values (read through :func:`_raw`), skipping
    SQLAlchemy's per-value result processing, which costs a bill run of 100,000
    rooms about 2 s.  SQLite hands back text, psycopg native objects; both work.

    Each distinct value becomes one object: a building's id repeats on each of
    its rooms, an owner's on each holding, a move-in date on many rooms -- and
    a room's id read by the target loader and by the occupancy loader is then
    the same object."""

    def __init__(self) -> None:
        self.seen: dict = {}
        self.days: dict = {}
        self.scaled: dict = {}

    def __call__(self, raw):
        if raw is None or isinstance(raw, uuid.UUID):
            return raw
        u = self.seen.get(raw)
        if u is None:
            u = self.seen[raw] = uuid.UUID(hex=raw)
        return u

    def day(self, raw):
        if raw is None or isinstance(raw, dt.date):
            return raw
        d = self.days.get(raw)
        if d is None:
            d = self.days[raw] = dt.date.fromisoformat(raw)
        return d

    def hundredths(self, raw):
        """A Scaled(2) column's integer as the Decimal the ORM gives (e.g. 12850 → 128.50)."""
        if raw is None:
            return None
        d = self.scaled.get(raw)
        if d is None:
            d = self.scaled[raw] = Decimal(int(raw)).scaleb(-2)
        return d


def _load_targets(session: Session, scope: Scope, kinds: set[str], ids: _Ids | None = None) -> list[Target]:
    out: list[Target] = []
    ids = ids or _Ids()
    if "room" in kinds:
        stmt = select(_raw(Room.id), Room.code, _raw(Room.estate_id), _raw(Room.building_id), _raw(Room.unit_id),
                      Room.usage, Room.status, _raw_int(Room.building_area), _raw_int(Room.inner_area), Room.floor
                      ).where(Room.deleted_at.is_(None))
        stmt = scope.where(stmt, Room.estate_id, Room.building_id, Room.id)
        area, seen, scaled = ids.hundredths, ids.seen, ids.scaled
        places: dict[tuple, tuple] = {}  # (estate, building, unit) as read → as uuids
        for rid, code, eid, bid, uid, usage, status, ba, ia, floor in session.execute(stmt.order_by(Room.code)):
            where = places.get((eid, bid, uid))
            if where is None:
                where = places[(eid, bid, uid)] = (ids(eid), ids(bid), ids(uid))
            out.append(Target("room", ids(rid), code, *where, None, usage, status,
                              scaled.get(ba) or area(ba), scaled.get(ia) or area(ia), floor))
    if "space" in kinds and scope.kind in ("company", "estate"):
        stmt = select(ParkingSpace.id, ParkingSpace.code, ParkingSpace.estate_id, ParkingSpace.lot_id,
                      ParkingSpace.status, ParkingSpace.area).where(ParkingSpace.deleted_at.is_(None))
        if scope.kind == "estate":
            stmt = stmt.where(ParkingSpace.estate_id == scope.id)
        for sid, code, eid, lot, status, area in session.execute(stmt.order_by(ParkingSpace.code)):
            out.append(Target("space", sid, code, eid, None, None, lot, "parking", status, area, area))
    if "vehicle" in kinds and scope.kind in ("company", "estate"):
        space_estate = {i: e for i, e in session.execute(select(ParkingSpace.id, ParkingSpace.estate_id))}
        room_estate = {}
        for cid, eid in session.execute(
                select(Occupancy.customer_id, Room.estate_id).join(Room, Room.id == Occupancy.room_id)
                .where(Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)).order_by(Occupancy.start_date)):
            room_estate.setdefault(cid, eid)
        for vid, plate, cid, sid in session.execute(select(Vehicle.id, Vehicle.plate, Vehicle.customer_id,
                                                           Vehicle.space_id).where(Vehicle.deleted_at.is_(None))):
            eid = space_estate.get(sid) or room_estate.get(cid)
            if eid is None or (scope.kind == "estate" and eid != scope.id):
                continue
            out.append(Target("vehicle", vid, plate, eid, owner_id=cid, usage="vehicle"))
    return out


def _load_occupancy(session: Session, scope: Scope, start: dt.date, end: dt.date, kinds: set[str],
                    ids: _Ids | None = None):
    """target id → {'owner': [(customer, start, end)], 'tenant': [...]} overlapping [start, end)."""
    occ: dict[uuid.UUID, dict[str, list]] = defaultdict(lambda: {"owner": [], "tenant": []})
    ids = ids or _Ids()
    day = ids.day
    base = (Occupancy.deleted_at.is_(None), Occupancy.role.in_(("owner", "tenant")),
            Occupancy.start_date < end, (Occupancy.end_date.is_(None)) | (Occupancy.end_date > start))
    if "room" in kinds:
        stmt = select(_raw(Occupancy.room_id), Occupancy.role, _raw(Occupancy.customer_id),
                      _raw(Occupancy.start_date), _raw(Occupancy.end_date)).where(Occupancy.room_id.is_not(None),
                                                                                  *base)
        if scope.kind != "company":
            stmt = scope.where(stmt.join(Room, Room.id == Occupancy.room_id), Room.estate_id, Room.building_id,
                               Room.id)
        seen, days = ids.seen, ids.days
        for tid, role, cid, s, e in session.execute(stmt):
            # inline memo hits (uuids and dates are never falsy); misses go through ids
            holders = occ[seen.get(tid) or ids(tid)]
            holders[role].append((seen.get(cid) or ids(cid), days.get(s) or day(s),
                                  None if e is None else days.get(e) or day(e)))
    if "space" in kinds and scope.kind in ("company", "estate"):
        stmt = select(Occupancy.space_id, Occupancy.role, Occupancy.customer_id, Occupancy.start_date,
                      Occupancy.end_date).where(Occupancy.space_id.is_not(None), *base)
        if scope.kind == "estate":
            stmt = stmt.join(ParkingSpace, ParkingSpace.id == Occupancy.space_id).where(
                ParkingSpace.estate_id == scope.id)
        for tid, role, cid, s, e in session.execute(stmt):
            occ[tid][role].append((cid, s, e))
    return occ


def payer_shares(occ: dict[str, list] | None, months: list[Period], bill_to: str,
                 prorate: bool = True) -> dict[uuid.UUID, Share]:
    """customer → share of the cycle they pay, by the rule in the module doc."""
    if not occ:
        return {}
    owners, tenants = occ["owner"], occ["tenant"] if bill_to == "tenant" else []
    first, end = months[0].first_day, months[-1].end
    if not tenants and len(owners) == 1:
        cid, s, e = owners[0]
        if s <= first and (e is None or e >= end):
            return {cid: Share.full(months)}
    parts: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0] * len(months))
    for i, m in enumerate(months):
        day = m.first_day
        while day < m.end:
            payer = None
            for cid, s, e in tenants:
                if s <= day and (e is None or day < e):
                    payer = cid
                    break
            if payer is None:
                for cid, s, e in owners:
                    if s <= day and (e is None or day < e):
                        payer = cid
                        break
            if payer is not None:
                parts[payer][i] += 1
            day += dt.timedelta(days=1)
    shares = {cid: Share(tuple((d, m.days) for d, m in zip(days, months))) for cid, days in parts.items()}
    if not prorate and shares:
        # Not prorated: whoever pays on the cycle's first day (else the longest) pays the whole cycle.
        first_payer = next((cid for cid, days in parts.items() if days[0] and _pays_on(occ, bill_to, cid, first)),
                           max(parts, key=lambda c: sum(parts[c])))
        return {first_payer: Share.full(months)}
    return shares


def _pays_on(occ, bill_to, cid, day) -> bool:
    roles = ("tenant", "owner") if bill_to == "tenant" else ("owner",)
    return any(c == cid and s <= day and (e is None or day < e) for r in roles for c, s, e in occ[r])


def _payer_on(occ, bill_to: str, day: dt.date) -> uuid.UUID | None:
    if not occ:
        return None
    for role in (("tenant", "owner") if bill_to == "tenant" else ("owner",)):
        for cid, s, e in occ[role]:
            if s <= day and (e is None or day < e):
                return cid
    return None


# --- computing ---------------------------------------------------------------------------

_NO_PLAN = object()


def _payers(t: Target, occ, plan: "_StdPlan") -> list[tuple[uuid.UUID, bytes, Share]] | None:
    """(customer, its bytes, share of the cycle) for each payer of ``t`` under ``plan``;
    None when nobody pays (counted as skipped)."""
    if t.kind == "vehicle":
        shares = {t.owner_id: plan.full}
    elif occ is None:
        return None
    else:
        owners = occ["owner"]
        shares = None
        if len(owners) == 1 and (not plan.tenant or not occ["tenant"]):
            cid, since, until = owners[0]
            if since <= plan.first and (until is None or until >= plan.end):
                shares = {cid: plan.full}
        if shares is None:
            shares = payer_shares(occ, plan.months, plan.bill_to, plan.prorate)
    if not shares:
        return None
    return [(cid, cid.bytes, share) for cid, share in shares.items() if share.days]


class _StdPlan:
    """A periodic standard's facts for this period, as plain attributes (hot loop)."""

    __slots__ = ("id", "key", "name", "method", "target", "bill_to", "tenant", "prorate", "version_id",
                 "unit_price", "amount", "formula", "allow_negative", "months", "full", "first", "end",
                 "last_day", "due", "payer_key", "memo")

    def __init__(self, std: FeeStandard, ver: FeeStandardVersion, months: list[Period], full: Share,
                 due: dt.date) -> None:
        self.id, self.key, self.name, self.method = std.id, std.id.bytes, std.name, std.method
        self.target, self.bill_to, self.prorate = std.target, std.bill_to, std.prorate
        self.tenant = std.bill_to == "tenant"
        self.version_id, self.unit_price, self.amount = ver.id, ver.unit_price, ver.amount
        self.formula, self.allow_negative = ver.formula, ver.allow_negative
        self.months, self.full, self.due = months, full, due
        self.first, self.end, self.last_day = months[0].first_day, months[-1].end, months[-1].last_day
        self.payer_key = (self.first, self.end, self.bill_to, self.prorate)  # same key → same payers
        self.memo: dict[tuple, tuple[calc.Computed, str]] = {}  # computed fees of this plan


class _Engine:
    """Memoised fee computations: rooms of one layout share one computation."""

    def __init__(self) -> None:
        self.cache: dict[tuple, tuple[calc.Computed, str]] = {}
        self.formulas: dict[str, formula_mod.Formula] = {}

    def periodic(self, plan: _StdPlan, t: Target, share: Share, discounts: tuple) -> tuple[calc.Computed, str]:
        m = plan.method
        if m == "building_area" or m == "inner_area":
            area = t.building_area if m == "building_area" else t.inner_area
            key = (area, share.parts, discounts)
            hit = plan.memo.get(key)
            if hit is None:
                c = calc.area_fee(area, plan.unit_price, share, inner=m == "inner_area", discounts=discounts)
                hit = plan.memo[key] = (c, c.inputs_json())
            return hit
        if m == "fixed":
            key = (share.parts, discounts)
            hit = plan.memo.get(key)
            if hit is None:
                per = {"room": "户", "space": "个", "vehicle": "辆"}[plan.target]
                c = calc.fixed_fee(plan.amount, share, per=per, discounts=discounts)
                hit = plan.memo[key] = (c, c.inputs_json())
            return hit
        if m == "formula":
            values = {"area": t.building_area, "inner_area": t.inner_area, "floor": Decimal(t.floor),
                      "months": Decimal(share.months), "days": Decimal(share.days),
                      "period_days": Decimal(share.period_days)}
            if plan.unit_price is not None:
                values["price"] = plan.unit_price
            if plan.amount is not None:
                values["amount"] = plan.amount
            f = self.formulas.get(plan.formula)
            if f is None:
                f = self.formulas[plan.formula] = formula_mod.parse(plan.formula)
            key = (plan.version_id, tuple(sorted((k, v) for k, v in values.items() if k in f.names)), discounts)
            hit = self.cache.get(key)
            if hit is None:
                c = calc.formula_fee(f, values, allow_negative=plan.allow_negative,
                                     where=f"{t.code} {plan.name}", discounts=discounts)
                hit = self.cache[key] = (c, c.inputs_json())
            return hit
        raise AssertionError(m)


def preview(session: Session, actor: Actor, period: "str | Period", scope: Scope | None = None) -> RunPreview:
    """What a bill run would post, without writing anything."""
    require(actor, BILL_VIEW)
    with big_cache(session):
        return _preview(session, actor, period, scope)


def _preview(session: Session, actor: Actor, period: "str | Period", scope: Scope | None) -> RunPreview:
    t0 = time.perf_counter()
    P = parse_period(period)
    scope = scope or Scope("company", None, "全公司")
    resolver = catalog.load_resolver(session, P)
    discounts = catalog.load_discounts(session, P)
    standards = resolver.standards
    versions: dict[uuid.UUID, list[FeeStandardVersion]] = defaultdict(list)
    for v in session.scalars(select(FeeStandardVersion).where(FeeStandardVersion.deleted_at.is_(None))):
        versions[v.standard_id].append(v)
    items = {i.id: i for i in session.scalars(select(FeeItem))}
    kinds = {standards[a.standard_id].target for lst in resolver.by_scope.values() for a in lst}
    ids = _Ids()
    targets = _load_targets(session, scope, kinds, ids)
    horizon = P.add(12).first_day
    occupancy = _load_occupancy(session, scope, P.first_day, horizon, kinds, ids)
    problems: list[RunProblem] = []
    skipped: dict[str, int] = defaultdict(int)
    eng = _Engine()
    planned: dict[uuid.UUID, PlannedLine] = {}
    ver_cache: dict[uuid.UUID, FeeStandardVersion | None] = {}
    metered: list[tuple[Target, FeeStandard]] = []
    shared: dict[uuid.UUID, list[tuple[Target, FeeStandard, uuid.UUID]]] = defaultdict(list)
    plans: dict[FeeStandard, _StdPlan | None] = {}

    def version(std: FeeStandard) -> FeeStandardVersion | None:
        if std.id not in ver_cache:
            ver_cache[std.id] = catalog.version_in_force(versions[std.id], P)
            if ver_cache[std.id] is None:
                problems.append(RunProblem("error", f"收费标准 {std.code} {std.name}",
                                           f"{P} 没有生效的价格版本，请先添加 {P} 或更早生效的版本",
                                           f"no price version in force for {P}"))
        return ver_cache[std.id]

    def plan_for(std: FeeStandard) -> _StdPlan | None:
        # Everything about a standard that is the same for every target, looked up once
        # (keyed by the standard object itself: identity hashing is cheaper than a uuid's).
        if std not in plans:
            plan = None
            if is_cycle_start(P, std.cycle_months, std.anchor_month):
                ver = version(std)
                if ver is not None:
                    months = cycle_months_of(P, std.cycle_months)
                    plan = _StdPlan(std, ver, months, Share.full(months),
                                    due_date(P, std.due_day, std.due_offset_months))
            plans[std] = plan
        return plans[std]

    prefix = slot_prefix(P)
    for t in targets:
        resolved = resolver.resolve(t)
        if not resolved:
            continue
        occ = occupancy.get(t.id) if t.kind != "vehicle" else None
        tid_bytes = t.id.bytes
        # Who pays depends on the cycle and the billing rule, not on the fee item: the
        # standards of a room usually share one answer, worked out once per room.
        payers: dict[tuple, list | None] = {}
        for item_id, (std, rule) in resolved.items():
            plan = plans.get(std, _NO_PLAN)
            if plan is _NO_PLAN:
                method = std.method
                if method == "metered":
                    metered.append((t, std))
                    continue
                if method == "shared":
                    shared[std.id].append((t, std, rule.id))
                    continue
                plan = plan_for(std)
            if plan is None:
                continue
            pays = payers.get(plan.payer_key, _NO_PLAN)
            if pays is _NO_PLAN:
                pays = payers[plan.payer_key] = _payers(t, occ, plan)
            if pays is None:
                skipped["no_payer"] += 1
                continue
            disc = discounts.for_target(t, item_id) if discounts else ()
            for cid, cid_bytes, share in pays:
                try:
                    c, inputs = eng.periodic(plan, t, share, disc)
                except formula_mod.FormulaError as exc:
                    problems.append(RunProblem("error", f"{t.code} {std.name}", exc.zh, exc.en))
                    continue
                except calc.CalcError as exc:
                    problems.append(RunProblem("error", f"{t.code} {std.name}", str(exc), "cannot compute"))
                    continue
                slot = slot_key(prefix, plan.key + tid_bytes + cid_bytes)
                planned[slot] = PlannedLine(
                    slot, 0, "charge", t, cid, item_id, plan.id, plan.version_id, plan.first,
                    plan.last_day, plan.due, c.quantity, c.unit_price, c.gross, c.discount, c.amount,
                    c.formula, inputs)
    if metered:
        _plan_metered(session, P, metered, occupancy, discounts, version, planned, problems, skipped)
    kept: set[uuid.UUID] = set()  # shared standards this scope cannot split whole: their lines stay
    if shared:
        _plan_shared(session, P, shared, occupancy, version, planned, problems, skipped, scope, kept)
    lines, unchanged = _reconcile(session, P, scope, planned, standards, items, kept)
    # Sums per (building, fee item) first, keyed by object identity (the lines share those
    # uuid objects and keep them alive), then named: no uuid hashing per line.
    sums: dict[tuple[int, int], list] = {}
    for l in lines:
        k = (id(l.target.building_id), id(l.fee_item_id))
        acc = sums.get(k)
        if acc is None:
            acc = sums[k] = [l.target.building_id, l.fee_item_id, ZERO]
        acc[2] += l.amount
    totals_b: dict[str, Decimal] = defaultdict(lambda: ZERO)
    totals_i: dict[str, Decimal] = defaultdict(lambda: ZERO)
    bnames = _building_labels(session, {b for b, _, _ in sums.values() if b})
    for b, item, amount in sums.values():
        totals_b[bnames.get(b, "车位/车辆")] += amount
        totals_i[items[item].name] += amount
    order = {i.name: (i.sort_key, i.code) for i in items.values()}
    return RunPreview(P, scope, lines, problems, unchanged, len(targets), dict(skipped),
                      dict(sorted(totals_b.items())), dict(sorted(totals_i.items(), key=lambda kv: order[kv[0]])),
                      time.perf_counter() - t0)


def _building_labels(session: Session, ids: set) -> dict:
    if not ids:
        return {}
    rows = session.execute(select(Building.id, Estate.code, Building.code, Building.name)
                           .join(Estate, Estate.id == Building.estate_id))
    return {bid: f"{e}-{b} {n}" for bid, e, b, n in rows if bid in ids}


def _plan_metered(session, P, metered, occupancy, discounts, version, planned, problems, skipped) -> None:
    room_ids = {t.id for t, _ in metered}
    meters_by_room: dict[uuid.UUID, list[Meter]] = defaultdict(list)
    ids = list(room_ids)
    for i in range(0, len(ids), 500):
        for m in session.scalars(select(Meter).where(Meter.room_id.in_(ids[i:i + 500]),
                                                     Meter.deleted_at.is_(None))):
            meters_by_room[m.room_id].append(m)
    wanted = [m for t, std in metered for m in meters_by_room.get(t.id, ()) if m.kind == std.meter_kind]
    usage = period_usage(session, wanted, P)
    for t, std in metered:
        ver = version(std)
        if ver is None:
            continue
        # a 停用 meter is billed for the periods it was read in, and silently not after
        ms = [m for m in meters_by_room.get(t.id, ()) if m.kind == std.meter_kind and (m.active or m.id in usage)]
        if not ms:
            skipped["no_meter"] += 1
            continue
        tiers = calc.parse_tiers(ver.tiers)
        for m in ms:
            u = usage.get(m.id)
            if u is None:
                skipped["no_reading"] += 1
                problems.append(RunProblem("warning", f"{t.code} {m.code}", f"{P} 未抄表，本期不计{std.name}",
                                           f"no reading in {P}"))
                continue
            if u.error:
                problems.append(RunProblem("error", f"{t.code} {m.code}", u.error, "unusable readings"))
                continue
            cid = _payer_on(occupancy.get(t.id), std.bill_to, u.until)
            if cid is None:
                skipped["no_payer"] += 1
                continue
            disc = discounts.for_target(t, std.fee_item_id) if discounts else ()
            c = calc.metered_fee(u.usage, tiers, unit=METER_UNITS[m.kind], usage_text=u.text, discounts=disc)
            slot = slot_id(P, std.id, t.id, cid, m.id).bytes
            planned[slot] = PlannedLine(
                slot, 0, "charge", t, cid, std.fee_item_id, std.id, ver.id, u.since + dt.timedelta(days=1),
                u.until, due_date(P, std.due_day, std.due_offset_months), c.quantity, c.unit_price,
                c.gross, c.discount, c.amount, f"{m.code} {c.formula}",
                json.dumps(dict(c.inputs) | {"meter": m.code}, ensure_ascii=False, separators=(",", ":")))


def _plan_shared(session, P, shared, occupancy, version, planned, problems, skipped, scope, kept) -> None:
    """Split shared costs; a standard the run's scope cannot split whole (its public meter or
    its rule reaches beyond the scope) is skipped with a warning and put in ``kept``, so the
    lines an earlier, wider run posted for it are left as they are."""
    for std_id, members in shared.items():
        std = members[0][1]
        ver = version(std)
        if ver is None or not is_cycle_start(P, std.cycle_months, std.anchor_month):
            continue
        months = cycle_months_of(P, std.cycle_months)
        publics = list(session.scalars(select(Meter).where(Meter.share_standard_id == std_id,
                                                           Meter.deleted_at.is_(None))))
        off = [m for m in publics if not m.active]
        read_off = period_usage(session, off, P) if off else {}
        all_off = bool(publics) and len(off) == len(publics)
        publics = [m for m in publics if m.active or m.id in read_off]   # 停用: only periods it was read in
        groups: list[tuple[str, Decimal, list, str]] = []  # (key, whole, members, source text)
        if publics:
            if scope.kind not in ("company", "estate"):
                problems.append(RunProblem("warning", std.name, "公摊费用请按小区或全公司计算，以保证分摊完整",
                                           "run shared costs by estate or company so the split is complete"))
                kept.add(std_id)
                continue
            usage = period_usage(session, publics, P)
            for m in publics:
                u = usage.get(m.id)
                if u is None:
                    problems.append(RunProblem("warning", m.code, f"公共表 {P} 未抄表，本期不分摊",
                                               f"public meter not read in {P}"))
                    continue
                if u.error:
                    problems.append(RunProblem("error", m.code, u.error, "unusable readings"))
                    continue
                if ver.unit_price is None:
                    problems.append(RunProblem("error", std.name, "公摊标准没有单价，无法按公共表用量计费",
                                               "shared standard has no unit price"))
                    continue
                whole = round_fen(u.usage * ver.unit_price)
                mem = [x for x in members if (x[0].building_id == m.building_id if m.building_id
                                               else x[0].estate_id == m.estate_id)]
                text = (f"公摊 {m.code} 用量 {u.text} = {calc.qty(u.usage)} {METER_UNITS[m.kind]} × "
                        f"{calc.price(ver.unit_price)} 元 = {calc.yuan(whole)} 元")
                groups.append((str(m.id), whole, mem, text))
        else:
            if ver.amount is None and all_off:
                problems.append(RunProblem("warning", std.name, f"公摊标准的公共表均已停用，{P} 不分摊",
                                           "every public meter of the shared standard is inactive"))
                continue
            if ver.amount is None:
                problems.append(RunProblem("error", std.name, "公摊标准没有公共表，也没有每期总金额",
                                           "shared standard has neither public meters nor an amount"))
                continue
            by_rule: dict[uuid.UUID, list] = defaultdict(list)
            for x in members:
                by_rule[x[2]].append(x)
            for rule_id, mem in by_rule.items():
                # The amount is split over every room the rule reaches: a run narrower than the
                # rule (a building run of an estate-wide rule) sees only some of them.
                rule = session.get(FeeAssignment, rule_id)
                if LEVEL[scope.kind] > LEVEL[rule.scope_kind]:
                    problems.append(RunProblem(
                        "warning", std.name,
                        f"公摊规则按{SCOPE_KINDS[rule.scope_kind]}分摊，本次只计算{scope.label}，未分摊；"
                        f"请按{SCOPE_KINDS[rule.scope_kind]}或更大范围计算，以保证分摊完整",
                        f"the shared rule covers a whole {rule.scope_kind}; run it by {rule.scope_kind} or wider"))
                    kept.add(std_id)
                    continue
                groups.append((str(rule_id), ver.amount * len(months), mem,
                               f"公摊 {std.name} 每期 {calc.price(ver.amount)} 元"
                               + (f" × {len(months)} 月" if len(months) > 1 else "")))
        due = due_date(P, std.due_day, std.due_offset_months)
        lcm = math.lcm(*(m.days for m in months))
        for key, whole, mem, text in groups:
            # One member per (room, payer); weight = basis × share of the cycle held, scaled by
            # the common month length so it stays exact: parts still add up to the whole.
            rows, shown = [], {}
            for t, _, _ in mem:
                shares = {c: s for c, s in payer_shares(occupancy.get(t.id), months, std.bill_to,
                                                        std.prorate).items() if s.days}
                if not shares:
                    skipped["no_payer"] += 1
                    continue
                w = {"building_area": t.building_area, "inner_area": t.inner_area,
                     "household": Decimal(1)}[std.share_basis]
                for cid, s in shares.items():
                    scale = sum(d * (lcm // n) for d, n in s.parts)
                    rows.append((t, cid, s, w * scale))
                    shown[(t.id, cid)] = calc.qty(w, 2 if std.share_basis != "household" else 0) + (s.factor_text() if not s.is_full else "")
            if not rows or whole == 0:
                continue
            total_shown = calc.qty((sum((w for _, _, _, w in rows), Decimal(0)) / (lcm * len(months))).quantize(Decimal("0.01")), 2)
            try:
                parts = calc.shared_parts(whole, [((t.id, cid), w) for t, cid, _, w in rows],
                                          basis=std.share_basis, source_text=text, weight_text=shown,
                                          total_text=total_shown if any(not s.is_full for _, _, s, _ in rows)
                                          else "")
            except (calc.CalcError, ValueError) as exc:
                problems.append(RunProblem("error", std.name, str(exc), "cannot split"))
                continue
            for t, cid, s, w in rows:
                part = parts[(t.id, cid)]
                slot = slot_id(P, std.id, t.id, cid, key).bytes
                planned[slot] = PlannedLine(
                    slot, 0, "charge", t, cid, std.fee_item_id, std.id, ver.id, months[0].first_day,
                    months[-1].last_day, due, part.quantity, None, part.amount, ZERO, part.amount,
                    part.formula, json.dumps(dict(part.inputs) | {"group": key}, separators=(",", ":")))


def _slot_bytes(raw) -> bytes:
    """A slot column read raw (hex text on SQLite, a uuid from psycopg) as its 16 bytes."""
    return raw.bytes if isinstance(raw, uuid.UUID) else bytes.fromhex(raw)


def _reconcile(session: Session, P: Period, scope: Scope, planned: dict[bytes, PlannedLine],
               standards: dict, items: dict, kept: set = frozenset()) -> tuple[list[PlannedLine], int]:
    """Compare with lines already posted for this period: keep only what changes.  Lines of
    the ``kept`` standards (not computed by this run) are not reversed."""
    lo, hi = slot_range(P)
    stmt = (select(_raw(BillLine.slot), func.sum(case((BillLine.kind.in_(RUN_KINDS), BillLine.amount), else_=0)),
                   func.max(BillLine.seq))
            .where(BillLine.slot >= lo, BillLine.slot <= hi, BillLine.bill_period == str(P))
            .group_by(BillLine.slot))
    stmt = scope.where(stmt, BillLine.estate_id, BillLine.building_id, BillLine.target_id)
    existing = {}
    for slot, total, seq in session.execute(stmt):
        total = total if isinstance(total, Decimal) else fen_to_yuan(int(total or 0))
        existing[_slot_bytes(slot)] = (total, seq)
    if not existing:
        return list(planned.values()), 0
    heads = {}
    want_heads = [s for s in existing if s not in planned or planned[s].amount != existing[s][0]]
    for i in range(0, len(want_heads), 500):
        chunk = [uuid.UUID(bytes=k) for k in want_heads[i:i + 500]]
        for line in session.scalars(select(BillLine).where(BillLine.slot.in_(chunk), BillLine.seq == 0)):
            heads[line.slot.bytes] = line
    out, unchanged = [], 0
    for slot, p in planned.items():
        if slot not in existing:
            out.append(p)
            continue
        posted, seq = existing[slot]
        if p.amount == posted:
            unchanged += 1
            continue
        delta = p.amount - posted
        p.kind, p.seq = "recalc", seq + 1
        p.formula = f"重新计算：{p.formula}；已出账 {calc.yuan(posted)} 元，差额 {delta:+,.2f} 元"
        p.gross, p.discount, p.amount = delta, ZERO, delta
        out.append(p)
    for slot, (posted, seq) in existing.items():
        if slot in planned or posted == 0:
            continue
        head = heads.get(slot)
        if head is None or head.standard_id in kept:
            continue
        t = Target(head.target_kind, head.target_id, head.target_code, head.estate_id, head.building_id)
        out.append(PlannedLine(
            slot, seq + 1, "recalc", t, head.customer_id, head.fee_item_id, head.standard_id, head.version_id,
            head.service_from, head.service_to, head.due_date, None, None, -posted, ZERO, -posted,
            f"重新计算：本期不再向该缴费人收取（缴费人、分配规则或读数已变更），冲回已出账 {calc.yuan(posted)} 元",
            json.dumps({"reverses": str(head.id)}, separators=(",", ":"))))
    return out, unchanged


# --- committing ------------------------------------------------------------------------------

LINE_COLUMNS = (
    "id", "created_at", "terminal", "run_id", "slot", "seq", "kind", "bill_period", "post_period",
    "estate_id", "building_id", "target_kind", "target_id", "target_code", "customer_id", "fee_item_id",
    "standard_id", "version_id", "service_from", "service_to", "due_date", "quantity", "unit_price",
    "gross", "discount", "amount", "formula", "inputs", "reason", "adjusts_id", "operator_name",
)


_SCALED: dict[tuple, int | None] = {}


def _scaled(d: Decimal | None, places: int) -> int | None:
    """A Decimal as the integer a Scaled column stores (memoised: values repeat)."""
    key = (d, places)
    v = _SCALED.get(key)
    if v is None and d is not None:
        if len(_SCALED) > 100_000:
            _SCALED.clear()
        v = _SCALED[key] = int(d.scaleb(places))
    return v


def commit(session: Session, actor: Actor, period: "str | Period", scope: Scope | None = None, *,
           today: dt.date | None = None, offset_prepayments: bool = True) -> RunResult:
    """Compute and post the bill run; re-running posts only differences.

    Refused (nothing written) when the preview has errors.  A run that lowers
    amounts already billed needs the 主管 permission BILL_ADJUST."""
    require(actor, BILL_RUN)
    with big_cache(session):
        return _commit(session, actor, period, scope, today=today, offset_prepayments=offset_prepayments)


def _commit(session: Session, actor: Actor, period, scope, *, today, offset_prepayments) -> RunResult:
    t0 = time.perf_counter()
    pv = preview(session, actor, period, scope)
    if pv.errors:
        raise ValidationFailed([Problem(p.where, p.zh, p.en or p.zh) for p in pv.errors],
                               f"应收计算有 {len(pv.errors)} 处错误，未生成任何账单，请修正后重新计算",
                               f"bill run has {len(pv.errors)} error(s); nothing was posted")
    if pv.reduces and not actor.can(BILL_ADJUST):
        n = sum(1 for l in pv.lines if l.amount < 0)
        raise PermissionDenied(
            f"本次重新计算会减少 {n} 笔已出账金额，需要主管权限（减少应收），请由主管执行",
            f"this re-run lowers {n} billed amount(s) and needs the supervisor permission {BILL_ADJUST}")
    if not pv.lines:
        return RunResult(None, pv, 0, 0, time.perf_counter() - t0)
    today = today or dt.date.today()
    now = utcnow()
    total = pv.total
    terminal = session.info.get("terminal", "")
    who = actor.label[:64]
    post_cache: dict = {}
    posts = {eid: str(posting_period(session, eid, pv.period, post_cache))
             for eid in {l.target.estate_id for l in pv.lines}}
    run = BillRun(id=uuid7(), bill_period=str(pv.period), post_period=max(posts.values()), scope_kind=pv.scope.kind,
                  scope_id=pv.scope.id, scope_label=pv.scope.label[:128], line_count=pv.new_count,
                  adjustment_count=pv.recalc_count, total=total, operator_name=who,
                  summary=json.dumps({"by_item": {k: str(v) for k, v in pv.totals_by_item.items()},
                                      "skipped": pv.skipped}, ensure_ascii=False))
    session.add(run)
    session.flush()
    P = pv.period
    bp = str(P)
    # Rows in the driver's form (StoredForm): no uuid objects or bind processing per value.
    # Lines come grouped by target, so a target's stored values are made once.
    form = StoredForm(session)
    U, day = form.uuid, form.date
    stamp, run_key = form.stamp(now), U(run.id)
    by_payer: dict[tuple, int] = defaultdict(int)
    customers: dict = {}  # stored form → uuid
    cust: dict[int, object] = {}
    docs: dict[tuple, tuple] = {}
    money: dict[tuple, tuple] = {}
    rows = []
    last = None
    for l, line_id in zip(pv.lines, uuid7_ints(len(pv.lines))):
        t = l.target
        if t is not last:
            last = t
            post = posts[t.estate_id]
            estate = U(t.estate_id)
            tv = (post, estate, U(t.building_id), t.kind, U(t.id), t.code)
        # Memos keyed by object identity: lines share the objects of their payer, standard
        # and computed amounts, and all of them stay alive in pv.lines meanwhile, so an id
        # is never reused here.  Cheaper than hashing uuids and Decimals for every line.
        cid = l.customer_id
        cv = cust.get(id(cid))
        if cv is None:
            cv = cust[id(cid)] = U(cid)
            customers[cv] = cid
        doc = (id(l.fee_item_id), id(l.standard_id), id(l.version_id), l.service_from, l.service_to,
               l.due_date)
        dv = docs.get(doc)
        if dv is None:
            dv = docs[doc] = (U(l.fee_item_id), U(l.standard_id), U(l.version_id), day(l.service_from),
                              day(l.service_to), day(l.due_date))
        mk = (id(l.quantity), id(l.unit_price), id(l.gross), id(l.discount), id(l.amount))
        mv = money.get(mk)
        if mv is None:
            mv = money[mk] = (_scaled(l.quantity, 4), _scaled(l.unit_price, 4), int(l.gross * 100),
                              int(l.discount * 100), int(l.amount * 100))
        by_payer[(cv, estate, post)] += mv[4]
        rows.append((form.uuid_int(line_id), stamp, terminal, run_key, form.uuid_bytes(l.key), l.seq, l.kind,
                     bp, *tv, cv, *dv, *mv, l.formula, l.inputs, "", None, who))
    phases = {"preview": pv.seconds, "rows": time.perf_counter() - t0 - pv.seconds}
    t1 = time.perf_counter()
    try:
        with deferred_capture(session, "bill_line"):
            written = BulkInsert(session, BillLine.__table__, LINE_COLUMNS, stored=True).run(rows)
    except IntegrityError:
        # Another terminal posted this period's lines meanwhile: the unique (slot, seq)
        # key refused ours, and the caller's transaction rolls back.
        raise Conflict(f"{bp} 的应收刚由其他终端计算过，本次未入账，请重新预览后再计算",
                       f"{bp} was just billed elsewhere; nothing posted, preview and run again") from None
    del rows
    phases["insert lines"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    ledger_cols = ("id", "created_at", "terminal", "customer_id", "account", "earmark_id", "amount", "kind",
                   "doc_type", "doc_id", "entry_date", "post_period", "estate_id", "memo", "operator_name")
    entries = [(k, fen) for k, fen in by_payer.items() if fen]
    entry_day, memo = form.date(today), f"{bp} 账单"
    with deferred_capture(session, "ledger_entry"):
        BulkInsert(session, LedgerEntry.__table__, ledger_cols, stored=True).run(
            (form.uuid_int(i), stamp, terminal, cv, "receivable", None, fen, "bill", "bill_run",
             run_key, entry_day, post, estate, memo, who)
            for ((cv, estate, post), fen), i in zip(entries, uuid7_ints(len(entries))))
    audit.record(session, actor, "bill_run", "bill_run", run.id,
                 after={"period": bp, "scope": pv.scope.label, "lines": written, "new": pv.new_count,
                        "recalc": pv.recalc_count, "total": str(total)},
                 summary=f"应收计算 {bp} {pv.scope.label}：{written} 行，合计 {calc.yuan(total)} 元")
    phases["ledger + audit"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    offsets = 0
    if offset_prepayments:
        from propdesk.services.billing.ledger import offset_prepayments as _offset
        offsets = len(_offset(session, actor, set(customers.values()), on=today, _checked=True))
    phases["prepayment offsets"] = time.perf_counter() - t1
    return RunResult(run.id, pv, written, offsets, time.perf_counter() - t0, phases)
