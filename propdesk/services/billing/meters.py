"""Meters (仪表) and readings (抄表): entry by grid, Excel import or device.

Every reading is checked (:func:`propdesk.billing.meters.check_reading`):
errors (a reading below the previous one without rollover or replacement,
above the meter's maximum, negative) are refused; warnings (zero use in an
occupied room, more than 3× the meter's recent average, a rollover) must be
confirmed by the operator (``accept_warnings``) and are kept on the reading.
Device readings are taken with their warnings recorded, errors refused.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from propdesk.billing import meters as engine
from propdesk.billing.calc import qty
from propdesk.billing.periods import Period
from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import AuditLog, Building, Estate, Occupancy, Room
from propdesk.models.billing import (
    METER_KINDS, METER_UNITS, READING_SOURCES, FeeStandard, Meter, MeterReading,
)
from propdesk.money import MoneyError, to_decimal
from propdesk.security import BILL_RUN, BILL_VIEW, FEE_EDIT, Actor, require
from propdesk.services import audit
from propdesk.services.billing.common import parse_period

KIND_ORDER = {"final": 0, "initial": 1, "read": 2}
HISTORY_MONTHS = 6


def _chain_key(r: MeterReading):
    return (r.read_on, KIND_ORDER[r.kind], r.created_at or dt.datetime.min)


def step(meter: Meter) -> Decimal:
    """The last digit of the meter's register: 1 for whole units, 0.1 for one decimal …"""
    return Decimal(1).scaleb(-meter.places)


def _reg(r: MeterReading, meter: Meter) -> engine.RegisterReading:
    top = r.max_reading if r.max_reading is not None else meter.max_reading   # the register read, not today's
    return engine.RegisterReading(r.value, r.kind, r.multiplier, r.rollover, top,
                                  f"{r.read_on:%Y-%m-%d}", step(meter))


def get_meter(session: Session, ref: "uuid.UUID | str") -> Meter:
    m = session.get(Meter, ref) if isinstance(ref, uuid.UUID) else session.scalar(
        select(Meter).where(Meter.code == str(ref).strip().upper(), Meter.deleted_at.is_(None)))
    if m is None or m.deleted_at is not None:
        raise NotFound(f"找不到仪表 {ref}", f"no meter {ref}")
    return m


def create_meter(session: Session, actor: Actor, *, kind: str, initial_reading: Decimal,
                 installed_on: dt.date, room_id: uuid.UUID | None = None,
                 building_id: uuid.UUID | None = None, estate_id: uuid.UUID | None = None,
                 code: str = "", name: str = "", multiplier: Decimal = Decimal(1),
                 max_reading: Decimal | None = None, places: int = 1, serial_no: str = "",
                 share_standard: "uuid.UUID | None" = None) -> Meter:
    """A room meter (``room_id``) or a public meter of a building or estate.

    The meter starts with an ``initial`` reading: usage is counted from it.
    A public meter with ``share_standard`` has its cost split by that
    standard over the rooms of its building (or estate)."""
    require(actor, FEE_EDIT)
    p = []
    if kind not in METER_KINDS:
        p.append(Problem("表类型", "表类型应为 水表/电表/燃气表/热量表", f"unknown meter kind {kind}"))
    if multiplier <= 0:
        p.append(Problem("倍率", "倍率必须大于0", "multiplier must be positive"))
    if max_reading is not None and max_reading <= 0:
        p.append(Problem("最大读数", "最大读数必须大于0", "maximum reading must be positive"))
    if initial_reading < 0 or (max_reading is not None and initial_reading > max_reading):
        p.append(Problem("起始读数", "起始读数无效", "invalid initial reading"))
    if not 0 <= places <= 3:
        p.append(Problem("小数位", "读数小数位应为0到3", "places must be 0..3"))
    elif max_reading is not None and max_reading != max_reading.quantize(Decimal(1).scaleb(-places)):
        p.append(Problem("最大读数", f"最大读数 {max_reading} 的小数位多于读数小数位 {places}",
                         "the maximum reading has more decimals than the register"))
    if p:
        raise ValidationFailed(p)
    room = session.get(Room, room_id) if room_id else None
    if room_id and (room is None or room.deleted_at is not None):
        raise NotFound("房间不存在", "room not found")
    if room is not None:
        building_id, estate_id = room.building_id, room.estate_id
    elif building_id is not None:
        b = session.get(Building, building_id)
        if b is None:
            raise NotFound("楼栋不存在", "building not found")
        estate_id = b.estate_id
    if estate_id is None or session.get(Estate, estate_id) is None:
        raise ValidationFailed([Problem("位置", "仪表必须属于房间、楼栋或小区", "a meter belongs to a room, building or estate")])
    if share_standard is not None:
        std = session.get(FeeStandard, share_standard)
        if std is None or std.method != "shared":
            raise ValidationFailed([Problem("公摊标准", "所选标准不是公摊类收费标准", "not a shared standard")])
    if not code:
        base = room.code if room else (f"{session.get(Estate, estate_id).code}-"
                                       f"{session.get(Building, building_id).code if building_id else ''}PUB")
        code = f"{base}-{kind[0].upper()}"
        n = 1
        while session.scalar(select(Meter.id).where(Meter.code == code)):
            n += 1
            code = f"{base}-{kind[0].upper()}{n}"
    code = code.strip().upper()
    if session.scalar(select(Meter.id).where(Meter.code == code)):
        raise Conflict(f"仪表编码 {code} 已存在", f"meter code {code} already exists")
    m = Meter(code=code, name=name or f"{METER_KINDS[kind]}", kind=kind, estate_id=estate_id,
              building_id=building_id, room_id=room_id, is_public=room is None,
              share_standard_id=share_standard, multiplier=multiplier, max_reading=max_reading,
              places=places, serial_no=serial_no, installed_on=installed_on)
    session.add(m)
    session.flush()
    r = MeterReading(meter_id=m.id, period=str(Period.of(installed_on)), read_on=installed_on,
                     value=initial_reading, kind="initial", multiplier=multiplier, max_reading=max_reading,
                     source="manual", note="装表起码")
    session.add(r)
    session.flush()
    audit.record(session, actor, "create", "meter", m.id, after=audit.snapshot(m) | {"initial": str(initial_reading)},
                 summary=f"新建仪表 {code}，起码 {initial_reading}")
    return m


def meter_readings(session: Session, meter_id: uuid.UUID) -> list[MeterReading]:
    return sorted(session.scalars(select(MeterReading).where(
        MeterReading.meter_id == meter_id, MeterReading.deleted_at.is_(None))), key=_chain_key)


@dataclass(frozen=True)
class MeterUsage:
    meter_id: uuid.UUID
    usage: Decimal
    text: str
    since: dt.date
    until: dt.date
    error: str = ""


def period_usage(session: Session, meters: list[Meter], period: Period) -> dict[uuid.UUID, MeterUsage]:
    """Usage of each meter in ``period``: from the last reading before the period
    through the period's readings.  Meters without a reading in the period are
    absent; a meter whose readings cannot be used carries ``error``."""
    if not meters:
        return {}
    by_id = {m.id: m for m in meters}
    lo = str(period.add(-13))
    rows: dict[uuid.UUID, list[MeterReading]] = defaultdict(list)
    ids = list(by_id)
    for i in range(0, len(ids), 500):
        for r in session.scalars(select(MeterReading).where(
                MeterReading.meter_id.in_(ids[i:i + 500]), MeterReading.deleted_at.is_(None),
                MeterReading.period >= lo, MeterReading.period <= str(period))):
            rows[r.meter_id].append(r)
    out = {}
    for mid, rs in rows.items():
        cur = sorted((r for r in rs if r.period == str(period)), key=_chain_key)
        if not cur:
            continue
        before = sorted((r for r in rs if r.period < str(period)), key=_chain_key)
        if not before:
            before = sorted((r for r in meter_readings(session, mid) if r.period < str(period)),
                            key=_chain_key)
        meter = by_id[mid]
        if before:
            prev, chain = before[-1], cur
        elif cur[0].kind == "initial":
            prev, chain = cur[0], cur[1:]
            if not chain:
                continue  # installed this period, nothing read since: no usage yet
        else:
            out[mid] = MeterUsage(mid, Decimal(0), "", cur[0].read_on, cur[-1].read_on,
                                  f"仪表 {meter.code} 没有起始读数，请先登记起码")
            continue
        try:
            used, text = engine.usage(_reg(prev, meter), [_reg(r, meter) for r in chain])
        except engine.MeterError as exc:
            out[mid] = MeterUsage(mid, Decimal(0), "", prev.read_on, cur[-1].read_on,
                                  f"仪表 {meter.code} {period}：{exc}")
            continue
        out[mid] = MeterUsage(mid, used, text, prev.read_on, cur[-1].read_on)
    return out


def average_usage(session: Session, meter: Meter, period: Period, months: int = HISTORY_MONTHS) -> Decimal | None:
    """Average monthly usage over the ``months`` periods before ``period`` (None without history)."""
    used = []
    for k in range(1, months + 1):
        u = period_usage(session, [meter], period.add(-k)).get(meter.id)
        if u is not None and not u.error:
            used.append(u.usage)
    return (sum(used) / len(used)) if used else None


def _previous_value(session: Session, meter: Meter, period: Period, read_on: dt.date) -> MeterReading | None:
    rs = [r for r in meter_readings(session, meter.id)
          if r.period < str(period) or (r.period == str(period) and r.kind != "read")]
    rs = [r for r in rs if r.read_on <= read_on]
    return rs[-1] if rs else None


def _occupied(session: Session, room_id: uuid.UUID | None, on: dt.date) -> bool:
    if room_id is None:
        return False
    return bool(session.scalar(select(Occupancy.id).where(
        Occupancy.room_id == room_id, Occupancy.deleted_at.is_(None), Occupancy.start_date <= on,
        (Occupancy.end_date.is_(None)) | (Occupancy.end_date > on)).limit(1)))


def check_entry(session: Session, actor: Actor, meter: Meter, period: Period, value: Decimal, *,
                read_on: dt.date, rollover: bool = False) -> list[engine.ReadingCheck]:
    """The checks for a reading before it is saved (the grid calls this per cell)."""
    require(actor, BILL_VIEW)
    prev = _previous_value(session, meter, period, read_on)
    return engine.check_reading(
        prev.value if prev else None, value, rollover=rollover, max_reading=meter.max_reading,
        multiplier=meter.multiplier, occupied=_occupied(session, meter.room_id, read_on),
        average=average_usage(session, meter, period), step=step(meter))


@dataclass
class ReadingResult:
    meter_id: uuid.UUID
    meter_code: str
    reading_id: uuid.UUID
    value: Decimal
    checks: list[engine.ReadingCheck] = field(default_factory=list)
    replaced: bool = False


def _save(session: Session, actor: Actor, meter: Meter, period: Period, value: Decimal,
          read_on: dt.date, *, rollover: bool, source: str, checks, note: str) -> ReadingResult:
    existing = session.scalar(select(MeterReading).where(
        MeterReading.meter_id == meter.id, MeterReading.period == str(period),
        MeterReading.kind == "read", MeterReading.deleted_at.is_(None)))
    warn = json.dumps([c.zh for c in checks if c.severity == "warning"], ensure_ascii=False) if checks else ""
    if existing is not None:
        before = audit.snapshot(existing)
        existing.value, existing.read_on, existing.rollover = value, read_on, rollover
        existing.source, existing.checks, existing.note = source, warn, note
        existing.multiplier, existing.max_reading = meter.multiplier, meter.max_reading
        session.flush()
        b, a = audit.diff(before, audit.snapshot(existing))
        if a:
            audit.record(session, actor, "update", "meter_reading", existing.id, before=b, after=a,
                         summary=f"修改读数 {meter.code} {period}: {before['value']} → {value}")
        return ReadingResult(meter.id, meter.code, existing.id, value, list(checks), True)
    r = MeterReading(meter_id=meter.id, period=str(period), read_on=read_on, value=value, kind="read",
                     rollover=rollover, multiplier=meter.multiplier, max_reading=meter.max_reading, source=source,
                     checks=warn, note=note)
    session.add(r)
    session.flush()
    return ReadingResult(meter.id, meter.code, r.id, value, list(checks))


def record_reading(session: Session, actor: Actor, meter_id: "uuid.UUID | str", value: "Decimal | int | str",
                   read_at: "dt.date | dt.datetime", source: str = "device", *, period: "str | Period | None" = None,
                   rollover: bool = False, accept_warnings: bool = True, note: str = "") -> ReadingResult:
    """One reading from a device (or any single source).  The reading belongs to
    the period of ``read_at`` unless ``period`` is given; a second reading of the
    same meter and period replaces the first (audited).  Errors raise
    ValidationFailed; warnings are kept with the reading."""
    require(actor, BILL_RUN)
    if source not in READING_SOURCES:
        raise ValueError(f"unknown source {source}")
    meter = get_meter(session, meter_id)
    read_on = read_at.date() if isinstance(read_at, dt.datetime) else read_at
    per = parse_period(period) if period else Period.of(read_on)
    off = _refuse_inactive(meter, f"仪表 {meter.code} {per}")
    if off:
        raise ValidationFailed([off])
    v = to_decimal(value).quantize(Decimal(1).scaleb(-3))
    checks = check_entry(session, actor, meter, per, v, read_on=read_on, rollover=rollover)
    where = f"仪表 {meter.code} {per}"
    errors = [c for c in checks if c.severity == "error"]
    if errors:
        raise ValidationFailed([Problem(where, c.zh, c.en) for c in errors])
    warnings = [c for c in checks if c.severity == "warning"]
    if warnings and not accept_warnings:
        raise ValidationFailed([Problem(where, c.zh, c.en) for c in warnings],
                               "读数需要确认，请核对后确认保存", "the reading needs confirmation")
    res = _save(session, actor, meter, per, v, read_on, rollover=rollover, source=source,
                checks=checks, note=note)
    if source == "device":
        audit.record(session, actor, "reading", "meter_reading", res.reading_id,
                     after={"meter": meter.code, "value": str(v), "period": str(per)},
                     summary=f"设备读数 {meter.code} {v}")
    return res


@dataclass(frozen=True)
class ReadingEntry:
    meter: "uuid.UUID | str"
    value: Decimal
    rollover: bool = False
    note: str = ""
    where: str = ""  # e.g. "抄表 第5行" for messages


def enter_readings(session: Session, actor: Actor, period: "str | Period", read_on: dt.date,
                   entries: list[ReadingEntry], *, source: str = "manual",
                   accept_warnings: bool = False) -> list[ReadingResult]:
    """A reading batch (抄表), all or nothing: any error refuses the batch;
    warnings refuse it too unless ``accept_warnings``."""
    require(actor, BILL_RUN)
    per = parse_period(period)
    problems, planned = [], []
    seen = set()
    for e in entries:
        try:
            meter = get_meter(session, e.meter)
        except NotFound as exc:
            problems.append(Problem(e.where or str(e.meter), exc.zh, exc.en))
            continue
        where = e.where or f"仪表 {meter.code}"
        if meter.id in seen:
            problems.append(Problem(where, "同一批次中该表出现了两次", "meter appears twice in the batch"))
            continue
        seen.add(meter.id)
        off = _refuse_inactive(meter, where)
        if off:
            problems.append(off)
            continue
        checks = check_entry(session, actor, meter, per, e.value, read_on=read_on, rollover=e.rollover)
        for c in checks:
            if c.severity == "error" or not accept_warnings:
                problems.append(Problem(where, ("" if c.severity == "error" else "需确认：") + c.zh, c.en))
        planned.append((meter, e, checks))
    if problems:
        raise ValidationFailed(problems)
    results = [_save(session, actor, m, per, e.value, read_on, rollover=e.rollover, source=source,
                     checks=c, note=e.note) for m, e, c in planned]
    # the reading ids let a meter's history name who entered each reading
    audit.record(session, actor, "readings", "meter_reading", "",
                 after={"period": str(per), "count": len(results), "source": source,
                        "readings": [str(r.reading_id) for r in results]},
                 summary=f"录入抄表读数 {len(results)} 条（{per}）")
    return results


def replace_meter(session: Session, actor: Actor, meter_id: "uuid.UUID | str", *, old_final: Decimal,
                  new_initial: Decimal, on: dt.date, multiplier: Decimal | None = None,
                  max_reading: Decimal | None = None, serial_no: str = "", note: str = "",
                  old_rollover: bool = False) -> Meter:
    """换表: the old register's final reading and the new register's initial reading,
    same day.  The period's usage is old (final − previous) + new (current − initial).

    ``old_rollover``: the old register wrapped (回零) since its previous reading, so its
    final reading is below that reading; usage is then counted over the wrap, with the
    old register's maximum.  Each reading keeps the maximum of the register it was read
    on, so a new maximum never changes the usage of readings taken before."""
    require(actor, BILL_RUN)
    meter = get_meter(session, meter_id)
    per = Period.of(on)
    prev = _previous_value(session, meter, per.add(1), on)
    where = f"仪表 {meter.code} 换表"
    p = [off] if (off := _refuse_inactive(meter, where, "换表")) else []
    if prev is not None and old_final < prev.value and not old_rollover:
        p.append(Problem(where, f"旧表止码 {qty(old_final)} 小于上次读数 {qty(prev.value)}；"
                         "旧表换下前已回零请注明“旧表已回零”",
                         "old meter's final reading is below its previous reading (mark the old meter's rollover)"))
    if old_rollover and (prev is None or old_final >= prev.value):
        p.append(Problem(where, "旧表止码不小于上次读数，不应注明旧表已回零",
                         "the old meter's final reading is not below its previous reading: no rollover"))
    if old_rollover and meter.max_reading is None:
        p.append(Problem(where, "旧表已回零，但该表没有设置最大读数（量程），请先在仪表资料中填写",
                         "rollover needs the meter's maximum reading"))
    if meter.max_reading is not None and old_final > meter.max_reading:
        p.append(Problem(where, f"旧表止码 {qty(old_final)} 超过最大读数 {qty(meter.max_reading)}",
                         "the old meter's final reading exceeds its maximum reading"))
    later = [r for r in meter_readings(session, meter.id) if r.read_on > on]
    if later:
        p.append(Problem("换表日期", f"换表日期 {on:%Y-%m-%d} 早于该表最近一次读数日期 {later[-1].read_on:%Y-%m-%d}",
                         "the replacement date is before the meter's latest reading"))
    if old_final < 0 or new_initial < 0:
        p.append(Problem(where, "读数不能为负", "a reading cannot be negative"))
    if multiplier is not None and multiplier <= 0:
        p.append(Problem("倍率", "倍率必须大于0", "multiplier must be positive"))
    if max_reading is not None and max_reading <= 0:
        p.append(Problem("最大读数", "最大读数必须大于0", "maximum reading must be positive"))
    new_max = max_reading if max_reading is not None else meter.max_reading
    if new_max is not None and new_initial > new_max:
        p.append(Problem("新表起码", f"新表起码 {qty(new_initial)} 超过最大读数 {qty(new_max)}",
                         "the new initial reading exceeds the maximum reading"))
    if p:
        raise ValidationFailed(p)
    before = audit.snapshot(meter)
    session.add(MeterReading(meter_id=meter.id, period=str(per), read_on=on, value=old_final, kind="final",
                             rollover=old_rollover, multiplier=meter.multiplier, max_reading=meter.max_reading,
                             source="manual", note="换表旧表止码" + ("（旧表已回零）" if old_rollover else "")))
    if multiplier is not None:
        meter.multiplier = multiplier
    if max_reading is not None:
        meter.max_reading = max_reading
    if serial_no:
        meter.serial_no = serial_no
    meter.installed_on = on
    session.add(MeterReading(meter_id=meter.id, period=str(per), read_on=on, value=new_initial, kind="initial",
                             multiplier=meter.multiplier, max_reading=meter.max_reading, source="manual",
                             note=note or "换表新表起码"))
    session.flush()
    audit.record(session, actor, "replace", "meter", meter.id, before=before,
                 after=audit.snapshot(meter) | {"old_final": str(old_final), "new_initial": str(new_initial),
                                                "old_rollover": old_rollover},
                 summary=f"换表 {meter.code}：旧表止码 {old_final}，新表起码 {new_initial}")
    return meter


# --- 修改仪表 and 停用/启用 ------------------------------------------------------------

METER_EDITABLE = {"name": "名称", "serial_no": "表号", "note": "备注", "active": "停用",
                  "multiplier": "倍率", "max_reading": "最大读数", "places": "小数位"}
METER_REGISTER = ("multiplier", "max_reading", "places")
METER_FIXED = {"code": "仪表编码", "kind": "表类型", "estate_id": "小区", "building_id": "楼栋", "room_id": "房间",
               "is_public": "户表/公共表", "share_standard_id": "公摊标准", "installed_on": "安装日期"}


def _decimal(v) -> Decimal | None:
    try:
        d = to_decimal(v)
    except MoneyError:
        return None
    if not d.is_finite():
        return None
    return d


def _meter_change_problems(meter: Meter, changes: dict) -> list[Problem]:
    """Checks of the values alone; ``changes`` is normalised in place."""
    p = []
    for k in changes:
        if k in METER_FIXED:
            p.append(Problem(METER_FIXED[k], f"仪表的{METER_FIXED[k]}不能修改：位置或类型不对请停用此表并新建仪表，"
                             "换了表请用「换表」", f"the meter's {k} cannot be changed"))
        elif k not in METER_EDITABLE:
            p.append(Problem(k, f"没有可修改的字段 {k}", f"unknown field {k}"))
    for k, most in (("name", 64), ("serial_no", 32), ("note", 2000)):
        if k in changes:
            changes[k] = str(changes[k] or "").strip()
            if len(changes[k]) > most:
                p.append(Problem(METER_EDITABLE[k], f"{METER_EDITABLE[k]}最长{most}个字符", f"{k} is too long"))
    if changes.get("name") == "":
        p.append(Problem("名称", "名称不能为空", "name is required"))
    if "active" in changes and not isinstance(changes["active"], bool):
        p.append(Problem("停用", "停用应为是/否", "active must be true or false"))
    if "multiplier" in changes:
        v = _decimal(changes["multiplier"])
        if v is None or v <= 0 or v != v.quantize(Decimal("0.01")):
            p.append(Problem("倍率", "倍率必须大于0，最多2位小数", "multiplier must be positive, at most 2 decimals"))
        changes["multiplier"] = v
    if "places" in changes and not (type(changes["places"]) is int and 0 <= changes["places"] <= 3):
        p.append(Problem("小数位", "读数小数位应为0到3", "places must be 0..3"))
    if changes.get("max_reading") is not None:
        v = _decimal(changes["max_reading"])
        if v is None or v <= 0:
            p.append(Problem("最大读数", "最大读数必须大于0", "maximum reading must be positive"))
        changes["max_reading"] = v
    return p


def update_meter(session: Session, actor: Actor, meter_id: "uuid.UUID | str", **changes) -> Meter:
    """修改仪表 and 停用/启用.  Permission FEE_EDIT, as :func:`create_meter`: a meter is
    master data (readings and 换表 are BILL_RUN).

    * ``name``, ``serial_no`` (表号) and ``note`` change at any time.
    * The register fields ``multiplier`` (倍率), ``max_reading`` (最大读数, None = no
      rollover) and ``places`` (小数位) change only while the meter has no reading but
      its installation reading: usage is computed from them (the maximum and the
      places decide a rollover), so a later change would silently alter usage already
      read or billed; a new register or current transformer is a 换表.  While only the
      installation reading exists a new 倍率 is written on it too, and that reading
      (and the maximum) must fit the new maximum and places.
    * Code, kind, place, 公摊 standard and installation date are refused.
    * ``active=False`` (停用) is never refused.  An inactive meter takes no new
      reading (grid, import, device and 换表 are refused until it is 启用 again), the
      reading sheet shows it only for periods it already has a reading in (read-only),
      and the bill run charges it only for periods it has readings in: a period read
      before 停用 is still billed, so a re-run of it reverses nothing, and later
      periods are not billed.  Enter the final reading first, then 停用.  启用 again
      continues from the last reading: usage over the inactive months is billed in
      the next period read.

    Values equal to the current ones are ignored: the UI sends the whole form.  The
    audit row holds before/after of the changed fields only; nothing changed, no audit."""
    require(actor, FEE_EDIT)
    meter = get_meter(session, meter_id)
    changes = dict(changes)
    p = _meter_change_problems(meter, changes)
    if p:
        raise ValidationFailed(p)
    changes = {k: v for k, v in changes.items() if getattr(meter, k) != v}
    register = [k for k in METER_REGISTER if k in changes]
    readings = meter_readings(session, meter.id) if register else []
    where = f"仪表 {meter.code}"
    if register and len(readings) > 1:
        for k in register:
            p.append(Problem(METER_EDITABLE[k], f"{where} 已有抄表读数，{METER_EDITABLE[k]}不能修改：修改会改变已算出的用量；"
                             "换了表或互感器请用「换表」", f"the meter has readings: its {k} cannot change; use a replacement"))
    elif register:
        places = changes.get("places", meter.places)
        top = changes.get("max_reading", meter.max_reading)
        step_ = Decimal(1).scaleb(-places)
        for r in readings:
            if r.value != r.value.quantize(step_):
                p.append(Problem("小数位", f"起始读数 {qty(r.value)} 的小数位多于 {places} 位", "the initial reading has more decimals"))
            if top is not None and r.value > top:
                p.append(Problem("最大读数", f"起始读数 {qty(r.value)} 超过最大读数 {qty(top)}",
                                 "the initial reading exceeds the maximum reading"))
        if top is not None and top != top.quantize(step_):
            p.append(Problem("最大读数", f"最大读数 {qty(top)} 的小数位多于读数小数位 {places}",
                             "the maximum reading has more decimals than the register"))
    if p:
        raise ValidationFailed(p)
    before = audit.snapshot(meter)
    for k, v in changes.items():
        setattr(meter, k, v)
    for r in readings:                 # only the installation reading: it follows the register's new facts
        r.multiplier, r.max_reading = meter.multiplier, meter.max_reading
    session.flush()
    session.expire(meter, list(changes))   # read back as stored: "2" is recorded as "2.00", like "before"
    b, a = audit.diff(before, audit.snapshot(meter))
    if a:
        what = "停用" if a.get("active") is False else "启用" if a.get("active") is True else "修改"
        audit.record(session, actor, "update", "meter", meter.id, before=b, after=a,
                     summary=f"{what}仪表 {meter.code}")
    return meter


def _refuse_inactive(meter: Meter, where: str, what: str = "录入读数") -> Problem | None:
    if meter.active:
        return None
    return Problem(where, f"仪表 {meter.code} 已停用，不能{what}；需要时请先在「仪表」中启用",
                   f"meter {meter.code} is inactive")


# --- the meter list and a meter's history ---------------------------------------------

@dataclass(frozen=True)
class MeterRow:
    """One meter of a building as the 仪表 screen lists it."""
    id: uuid.UUID
    code: str
    name: str
    kind: str
    room_code: str            # "" for a public meter
    share_standard: str       # the 公摊 standard's name, "" if none
    multiplier: Decimal
    max_reading: Decimal | None
    places: int
    serial_no: str
    installed_on: dt.date | None
    active: bool
    last_value: Decimal | None
    last_on: dt.date | None
    note: str = ""
    has_readings: bool = False   # readings after the installation one: 倍率, 最大读数, 小数位 are fixed

    @property
    def is_public(self) -> bool:
        return not self.room_code


@dataclass(frozen=True)
class MeterPlace:
    """Where the 仪表 and 抄表 screens list meters: a building, or (``building_id`` None)
    an estate's own public meters, those without a building (小区总表)."""
    estate_id: uuid.UUID
    building_id: uuid.UUID | None
    estate_code: str
    estate_name: str
    building_code: str = ""
    building_name: str = ""

    @property
    def is_estate(self) -> bool:
        return self.building_id is None


def meter_places(session: Session, actor: Actor) -> list[MeterPlace]:
    """Each estate's buildings, then the estate's own public meters, by estate code."""
    require(actor, BILL_VIEW)
    out = []
    estates = list(session.scalars(select(Estate).where(Estate.deleted_at.is_(None)).order_by(Estate.code)))
    buildings = defaultdict(list)
    for b in session.scalars(select(Building).where(Building.deleted_at.is_(None))
                             .order_by(Building.sort_key, Building.code)):
        buildings[b.estate_id].append(b)
    for e in estates:
        out += [MeterPlace(e.id, b.id, e.code, e.name, b.code, b.name) for b in buildings[e.id]]
        out.append(MeterPlace(e.id, None, e.code, e.name))
    return out


def _at(building_id: uuid.UUID | None, estate_id: uuid.UUID | None):
    """The meters of a building, or without a building the estate's own (building_id NULL)."""
    if building_id is not None:
        return Meter.building_id == building_id
    if estate_id is None:
        raise ValueError("a building or an estate is needed")
    return (Meter.estate_id == estate_id) & Meter.building_id.is_(None)


def _readings_of(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[MeterReading]]:
    out: dict[uuid.UUID, list[MeterReading]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        for r in session.scalars(select(MeterReading).where(
                MeterReading.meter_id.in_(ids[i:i + 500]), MeterReading.deleted_at.is_(None))):
            out[r.meter_id].append(r)
    for rs in out.values():
        rs.sort(key=_chain_key)
    return out


def list_meters(session: Session, actor: Actor, building_id: uuid.UUID | None, *,
                estate_id: uuid.UUID | None = None) -> list[MeterRow]:
    """The room meters of a building (by room), then its public meters, inactive ones
    included; with ``building_id`` None the public meters of ``estate_id`` that belong
    to no building."""
    require(actor, BILL_VIEW)
    ms = list(session.scalars(select(Meter).where(_at(building_id, estate_id), Meter.deleted_at.is_(None))))
    rooms = {r.id: r.code for r in session.scalars(select(Room).where(Room.building_id == building_id))} \
        if building_id is not None else {}
    stds = {sid: session.get(FeeStandard, sid) for sid in {m.share_standard_id for m in ms} if sid}
    readings = _readings_of(session, [m.id for m in ms])
    out = []
    for m in ms:
        last = readings[m.id][-1] if readings.get(m.id) else None
        std = stds.get(m.share_standard_id)
        out.append(MeterRow(m.id, m.code, m.name, m.kind, rooms.get(m.room_id, "") if m.room_id else "",
                            std.name if std else "", m.multiplier, m.max_reading, m.places, m.serial_no,
                            m.installed_on, m.active, last.value if last else None, last.read_on if last else None,
                            m.note, len(readings.get(m.id, ())) > 1))
    out.sort(key=lambda r: (r.is_public, r.room_code, r.kind, r.code))
    return out


@dataclass(frozen=True)
class MeterChoices:
    """What the 新建仪表 form offers for a building: its rooms and the 公摊 standards."""
    rooms: list[tuple[uuid.UUID, str]]
    share_standards: list[tuple[uuid.UUID, str]]


def meter_choices(session: Session, actor: Actor, building_id: uuid.UUID | None) -> MeterChoices:
    """Without a building (an estate's own public meters) there are no rooms to offer."""
    require(actor, BILL_VIEW)
    rooms = [(r.id, r.code) for r in session.scalars(select(Room).where(
        Room.building_id == building_id, Room.deleted_at.is_(None)).order_by(Room.code))] if building_id else []
    stds = [(s.id, f"{s.name} ({s.code})") for s in session.scalars(select(FeeStandard).where(
        FeeStandard.method == "shared", FeeStandard.active.is_(True), FeeStandard.deleted_at.is_(None))
        .order_by(FeeStandard.code))]
    return MeterChoices(rooms, stds)


@dataclass(frozen=True)
class HistoryRow:
    """One reading of a meter with the usage since the reading before it."""
    id: uuid.UUID
    period: str
    read_on: dt.date
    value: Decimal
    kind: str                 # read | final | initial (see READING_KINDS)
    rollover: bool
    multiplier: Decimal
    usage: Decimal | None     # None for an initial reading or when it cannot be computed
    usage_text: str           # how the usage was found, or why not
    source: str
    checks: str               # the warnings confirmed when it was saved
    note: str
    operator: str             # who entered (or last changed) it, from the audit log
    install: bool = False     # the meter's first reading (装表起码), not a replacement


def _operators(session: Session, meter: Meter, rs: list[MeterReading]) -> dict[uuid.UUID, str]:
    """Who entered each reading: the meter's create/replace audit for initial and
    final readings, the reading's own audit (device, correction) or the batch
    audit that lists it.  Readings saved before batches listed their ids stay blank."""
    out: dict[uuid.UUID, str] = {}
    ids = [str(r.id) for r in rs]
    if not ids:
        return out
    rid = {str(r.id): r.id for r in rs}
    for i in range(0, len(ids), 200):   # device readings and corrections: the latest audit wins
        for a in session.scalars(select(AuditLog).where(
                AuditLog.entity == "meter_reading", AuditLog.entity_id.in_(ids[i:i + 200]))
                .order_by(AuditLog.created_at)):
            out[rid[a.entity_id]] = a.operator_name
    reads = [str(r.id) for r in rs if r.kind == "read" and r.id not in out]
    for i in range(0, len(reads), 50):   # grid and import batches list the ids they saved
        chunk = reads[i:i + 50]
        for a in session.scalars(select(AuditLog).where(
                AuditLog.entity == "meter_reading", AuditLog.action == "readings",
                or_(*[AuditLog.after.like(f"%{x}%") for x in chunk]))):
            try:
                listed = set(json.loads(a.after).get("readings", []))
            except ValueError:
                continue
            for x in chunk:
                if x in listed:
                    out.setdefault(rid[x], a.operator_name)
    # initial (装表) and final/initial (换表) readings: the meter's own audit, in order
    events = list(session.scalars(select(AuditLog).where(
        AuditLog.entity == "meter", AuditLog.entity_id == str(meter.id),
        AuditLog.action.in_(("create", "replace"))).order_by(AuditLog.created_at)))
    creates = [a for a in events if a.action == "create"]
    replaces = [a for a in events if a.action == "replace"]
    chain = [r for r in sorted(rs, key=lambda r: r.created_at or dt.datetime.min) if r.kind in ("initial", "final")]
    if chain and chain[0].kind == "initial" and creates:
        out.setdefault(chain[0].id, creates[0].operator_name)
        chain = chain[1:]
    pairs = [chain[k:k + 2] for k in range(0, len(chain), 2)]
    for pair, a in zip(pairs, replaces):
        for r in pair:
            out.setdefault(r.id, a.operator_name)
    return out


def meter_history(session: Session, actor: Actor, meter_id: "uuid.UUID | str") -> list[HistoryRow]:
    """Every reading of a meter, oldest first, with its usage and who entered it."""
    require(actor, BILL_VIEW)
    meter = get_meter(session, meter_id)
    rs = meter_readings(session, meter.id)
    who = _operators(session, meter, rs)
    out, prev = [], None
    for r in rs:
        used, text = None, ""
        if prev is not None and r.kind != "initial":
            try:
                used, text = engine.segment(_reg(prev, meter), _reg(r, meter))
            except engine.MeterError as exc:
                text = str(exc)
        out.append(HistoryRow(r.id, r.period, r.read_on, r.value, r.kind, r.rollover, r.multiplier, used, text,
                              r.source, "；".join(json.loads(r.checks)) if r.checks.startswith("[") else r.checks,
                              r.note, who.get(r.id, ""), prev is None and r.kind == "initial"))
        prev = r
    return out


# --- the reading grid ----------------------------------------------------------------

@dataclass
class SheetRow:
    meter_id: uuid.UUID
    meter_code: str
    room_code: str
    kind: str
    unit: str
    previous: Decimal | None
    previous_on: dt.date | None
    current: Decimal | None
    rollover: bool
    usage: Decimal | None
    average: Decimal | None
    occupied: bool
    multiplier: Decimal
    max_reading: Decimal | None
    step: Decimal = Decimal(1)
    active: bool = True       # False: 停用, shown only because it has this period's reading; not editable


def reading_sheet(session: Session, actor: Actor, building_id: uuid.UUID | None, period: "str | Period",
                  kind: str = "", *, estate_id: uuid.UUID | None = None) -> list[SheetRow]:
    """The rows of the reading grid for one building (room meters, then public ones), or
    with ``building_id`` None for the public meters of ``estate_id`` without a building.
    An inactive (停用) meter is listed only for a period it already has a reading in."""
    require(actor, BILL_VIEW)
    per = parse_period(period)
    stmt = select(Meter).where(_at(building_id, estate_id), Meter.deleted_at.is_(None))
    if kind:
        stmt = stmt.where(Meter.kind == kind)
    meters = list(session.scalars(stmt))
    off = [m.id for m in meters if not m.active]
    read = set(session.scalars(select(MeterReading.meter_id).where(
        MeterReading.meter_id.in_(off), MeterReading.period == str(per), MeterReading.kind == "read",
        MeterReading.deleted_at.is_(None)))) if off else set()
    meters = [m for m in meters if m.active or m.id in read]
    rooms = {r.id: r for r in session.scalars(select(Room).where(Room.building_id == building_id))} \
        if building_id is not None else {}
    occupied = set(session.scalars(select(Occupancy.room_id).where(
        Occupancy.room_id.in_(list(rooms) or [uuid.uuid4()]), Occupancy.deleted_at.is_(None),
        Occupancy.start_date <= per.last_day,
        (Occupancy.end_date.is_(None)) | (Occupancy.end_date > per.last_day))))
    usages = period_usage(session, meters, per)
    out = []
    for m in meters:
        rs = meter_readings(session, m.id)
        cur = next((r for r in rs if r.period == str(per) and r.kind == "read"), None)
        prev_rs = [r for r in rs if r.period < str(per) or (r.period == str(per) and r.kind != "read")]
        prev = prev_rs[-1] if prev_rs else None
        u = usages.get(m.id)
        room = rooms.get(m.room_id)
        out.append(SheetRow(m.id, m.code, room.code if room else "公共表", m.kind, METER_UNITS[m.kind],
                            prev.value if prev else None, prev.read_on if prev else None,
                            cur.value if cur else None, bool(cur and cur.rollover),
                            u.usage if (u and not u.error and cur) else None,
                            average_usage(session, m, per), m.room_id in occupied, m.multiplier,
                            m.max_reading, step(m), m.active))
    out.sort(key=lambda r: (r.room_code == "公共表", r.room_code, r.kind))
    return out


# --- Excel import --------------------------------------------------------------------

READING_COLUMNS = ["仪表编码", "账期", "抄表日期", "本次读数", "回零", "备注"]


def import_readings(session: Session, actor: Actor, path: "str | Path", *,
                    accept_warnings: bool = False) -> list[ReadingResult]:
    """``propdesk meter readings import FILE.xlsx``: columns 仪表编码, 账期 (YYYY-MM),
    抄表日期, 本次读数, 回零 (是/否, optional), 备注 (optional), on the first sheet
    with a header row.  All or nothing: every bad row is reported by sheet, row
    and column; warnings need ``accept_warnings``."""
    import openpyxl

    require(actor, BILL_RUN)
    wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, [])]
    missing = [c for c in READING_COLUMNS[:4] if c not in header]
    if missing:
        raise ValidationFailed([Problem(f"工作表「{ws.title}」第1行", f"缺少列：{'、'.join(missing)}（需要 {'、'.join(READING_COLUMNS)}）",
                                        f"missing columns: {', '.join(missing)}")])
    col = {name: header.index(name) for name in READING_COLUMNS if name in header}
    problems, batches = [], defaultdict(list)
    for n, row in enumerate(rows, start=2):
        if row is None or all(v in (None, "") for v in row):
            continue
        get = lambda name: row[col[name]] if name in col and col[name] < len(row) else None  # noqa: E731
        where = lambda name: f"工作表「{ws.title}」第{n}行「{name}」列"  # noqa: E731
        code = str(get("仪表编码") or "").strip()
        if not code:
            problems.append(Problem(where("仪表编码"), "仪表编码为空", "meter code is empty"))
            continue
        try:
            per = Period.parse(str(get("账期") or ""))
        except ValueError:
            problems.append(Problem(where("账期"), f"账期应为 YYYY-MM：{get('账期')!r}", "period must be YYYY-MM"))
            continue
        d = get("抄表日期")
        if isinstance(d, dt.datetime):
            d = d.date()
        elif not isinstance(d, dt.date):
            try:
                d = dt.date.fromisoformat(str(d).strip())
            except ValueError:
                problems.append(Problem(where("抄表日期"), f"日期无效：{d!r}（如 2026-03-25）", "invalid date"))
                continue
        raw = get("本次读数")
        try:
            if isinstance(raw, float):
                raw = repr(raw)  # Excel stores numbers as binary floats; read the shortest text form
            value = to_decimal(raw if raw is not None else "")
            if value != value.quantize(Decimal("0.001")):
                raise InvalidOperation
        except (ValueError, InvalidOperation):
            problems.append(Problem(where("本次读数"), f"读数无效：{raw!r}（最多3位小数）", "invalid reading"))
            continue
        roll = str(get("回零") or "").strip() in ("是", "Y", "y", "yes", "1", "TRUE", "True", "回零")
        batches[(per, d)].append(ReadingEntry(code, value, roll, str(get("备注") or ""), f"工作表「{ws.title}」第{n}行"))
    wb.close()
    if problems:
        raise ValidationFailed(problems)
    results = []
    for (per, d), entries in sorted(batches.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        try:
            with session.begin_nested():
                results += enter_readings(session, actor, per, d, entries, source="import",
                                          accept_warnings=accept_warnings)
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    return results
