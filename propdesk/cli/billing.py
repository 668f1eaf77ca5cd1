"""Billing commands: bill runs, month-end close, fee listings, meter readings,
opening balances and the ledger check."""

from __future__ import annotations

import datetime as dt

from propdesk.cli.common import actor, add, add_group, emit, open_db


def register(sub, common) -> None:
    bill = add_group(sub, common, "bill", "应收计算与月结 (bill runs and month-end close)")
    p = add(bill, common, "run", cmd_bill_run, "计算某账期的应收 (run billing for a period)")
    p.add_argument("--period", required=True, help="账期 YYYY-MM (billing period)")
    p.add_argument("--estate", help="小区编码，如 JD (estate code)")
    p.add_argument("--building", help="楼栋，如 JD-01 (building: estate-building)")
    p.add_argument("--room", help="房间编码，如 JD-01-1-0502 (room code)")
    p.add_argument("--preview", action="store_true", help="只预览，不入账 (preview only, post nothing)")
    p.add_argument("--lines", type=int, default=20, metavar="N",
                   help="显示前N行明细（JSON 中同样限制；0 = 全部） (show the first N lines; 0 = all)")
    p = add(bill, common, "close", cmd_bill_close, "月结：关闭某小区的账期 (close a period for an estate)")
    p.add_argument("--estate", required=True, help="小区编码 (estate code)")
    p.add_argument("--period", required=True, help="账期 YYYY-MM")
    add(bill, common, "status", cmd_bill_status, "各小区已结账期 (closed periods per estate)")
    _register_item_changes(bill, common)

    fee = add_group(sub, common, "fee", "收费项目与收费标准 (fee items and standards)")
    add(fee, common, "items", cmd_fee_items, "列出收费项目 (list fee items)")
    p = add(fee, common, "standards", cmd_fee_standards, "列出收费标准及当期价格 (list standards)")
    p.add_argument("--period", help="按该账期显示价格，默认本月 (prices in force in this period)")
    p = add(fee, common, "demo", cmd_fee_demo, "为演示公司建立收费标准、分配规则与仪表 (demo billing set-up)")
    p.add_argument("--start", help="起始账期 YYYY-MM，默认两个月前 (first period)")

    p = add(fee, common, "assign", cmd_fee_assign, "分配收费标准（先预览谁受影响）(assign a standard; preview first)")
    p.add_argument("standard", help="收费标准编码 (standard code)")
    _scope_args(p)
    p.add_argument("--usage", default="", help="房间用途 residential/shop/office… (room usage filter)")
    p.add_argument("--from", dest="start", required=True, help="起始账期 YYYY-MM (first period)")
    p.add_argument("--exclude", action="store_true", help="排除：该范围不收此项目 (exclude the scope)")
    p.add_argument("--preview", action="store_true", help="只预览 (preview only)")
    _register_catalog_edits(fee, common)

    meter = add_group(sub, common, "meter", "仪表与抄表 (meters and readings)")
    p = add(meter, common, "add", cmd_meter_add, "新增仪表 (add a meter)")
    p.add_argument("--room", help="房间编码 (room meter)")
    p.add_argument("--building", help="公共表所在楼栋，如 JD-01 (public meter of a building)")
    p.add_argument("--estate", help="小区公共表（总表，不属于楼栋），如 JD (public meter of an estate, no building)")
    p.add_argument("--kind", required=True, choices=["water", "electric", "gas", "heat"])
    p.add_argument("--initial", required=True, help="起始读数 (initial reading)")
    p.add_argument("--on", help="安装日期 YYYY-MM-DD，默认今天 (installed on)")
    p.add_argument("--max", help="最大读数，如 9999.9 (maximum reading, for rollover)")
    p.add_argument("--places", type=int, default=1, help="读数小数位 (decimals of the register)")
    p.add_argument("--multiplier", default="1", help="倍率 (multiplier)")
    p.add_argument("--share-standard", help="公共表：按此公摊标准分摊 (public meter: shared standard code)")
    p = add(meter, common, "replace", cmd_meter_replace, "换表 (replace a meter's register)")
    p.add_argument("code", help="仪表编码 (meter code)")
    p.add_argument("--old-final", required=True, help="旧表止码 (old register's final reading)")
    p.add_argument("--new-initial", required=True, help="新表起码 (new register's initial reading)")
    p.add_argument("--old-rollover", action="store_true",
                   help="旧表换下前已回零：旧表止码小于上次读数 (the old register wrapped before it was replaced)")
    p.add_argument("--on", required=True, help="换表日期 YYYY-MM-DD")
    p.add_argument("--multiplier", help="新表倍率 (new multiplier)")
    p.add_argument("--max", help="新表最大读数 (new maximum)")
    p = add(meter, common, "edit", cmd_meter_edit,
            "修改仪表：名称、表号、备注、停用；倍率、最大读数、小数位只在尚无抄表读数时 "
            "(edit a meter; multiplier, maximum and places only before its first reading)")
    p.add_argument("code", help="仪表编码 (meter code)")
    p.add_argument("--name", help="名称 (name)")
    p.add_argument("--serial", dest="serial_no", help="表号 (serial number)")
    p.add_argument("--note", help="备注 (note)")
    p.add_argument("--multiplier", help="倍率 (multiplier)")
    p.add_argument("--max", dest="max_reading", help="最大读数；none = 不回零 (maximum reading; none = no rollover)")
    p.add_argument("--places", type=int, help="读数小数位 0–3 (decimals of the register)")
    _active_flags(p, "停用：不再抄表，之后的账期不再计费 (inactive: no new readings, not billed afterwards)")
    p = add(meter, common, "list", cmd_meter_list, "某楼栋（或小区公共表）的仪表与本期读数 (meters of a building)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--building", help="楼栋，如 JD-01")
    g.add_argument("--estate", help="小区编码：不属于楼栋的小区公共表 (estate code: its public meters without a building)")
    p.add_argument("--period", help="账期 YYYY-MM，默认本月")
    readings = add_group(meter, common, "readings", "抄表读数 (meter readings)")
    p = add(readings, common, "import", cmd_readings_import, "从Excel导入读数 (import readings from .xlsx)")
    p.add_argument("file", help="xlsx：仪表编码、账期、抄表日期、本次读数、回零、备注")
    p.add_argument("--accept-warnings", action="store_true",
                   help="确认所有提醒（用量为0、超过3倍平均、回零）(accept warnings)")

    bal = add_group(sub, common, "balance", "客户余额与期初 (balances and opening balances)")
    p = add(bal, common, "import", cmd_balance_import, "从Excel导入期初欠费/预存 (import opening balances)")
    p.add_argument("file", help="xlsx：房间编码、客户、类型、收费项目、账期、金额、应缴日期、备注")
    p = add(bal, common, "show", cmd_balance_show, "房间当前业主的欠费与预存 (balance of a room's owner)")
    p.add_argument("room", help="房间或车位编码 (room or space code)")
    p.add_argument("--as-of", help="滞纳金计算日期 YYYY-MM-DD，默认今天 (late fees as of)")

    led = add_group(sub, common, "ledger", "客户往来账 (customer ledger)")
    add(led, common, "check", cmd_ledger_check, "核对台账：余额=分录合计，核销不超应收 (prove the ledger balances)")


def cmd_bill_run(args) -> int:
    from propdesk.billing.calc import yuan
    from propdesk.services.billing import run

    db = open_db(args)
    with db.session() as s:
        scope = run.scope_for(s, estate=args.estate, building=args.building, room=args.room)
        if args.preview:
            pv, written, run_id, offsets = run.preview(s, actor(args), args.period, scope), None, None, 0
        else:
            res = run.commit(s, actor(args), args.period, scope)
            pv, written, run_id, offsets = res.preview, res.lines_written, res.run_id, res.offsets
        shown = pv.lines if args.lines == 0 else pv.lines[:args.lines]
        data = {
            "period": str(pv.period), "scope": pv.scope.label, "posted": not args.preview,
            "run_id": str(run_id) if run_id else None, "lines": len(pv.lines), "new": pv.new_count,
            "adjustments": pv.recalc_count, "unchanged": pv.unchanged, "rooms": pv.billed_targets,
            "targets": pv.targets, "total": str(pv.total), "skipped": pv.skipped,
            "prepayment_offsets": offsets,
            "by_building": {k: str(v) for k, v in pv.totals_by_building.items()},
            "by_fee_item": {k: str(v) for k, v in pv.totals_by_item.items()},
            "problems": [{"severity": p.severity, "where": p.where, "error": p.zh, "error_en": p.en}
                         for p in pv.problems],
            "detail": [{"target": l.target.code, "kind": l.kind, "fee_item_id": str(l.fee_item_id),
                        "customer_id": str(l.customer_id), "amount": str(l.amount), "formula": l.formula}
                       for l in shown],
        }
    head = "预览（未入账）" if args.preview else "已入账"
    text = [f"{head} {data['period']} {data['scope']} (preview, nothing posted)" if args.preview else
            f"{head} {data['period']} {data['scope']} (posted)",
            f"  行数 lines: {data['lines']}（新增 new {data['new']}，调整 adjustments {data['adjustments']}，"
            f"未变 unchanged {data['unchanged']}）",
            f"  房间/对象 rooms: {data['rooms']} / {data['targets']}",
            f"  合计 total: {yuan(pv.total)} 元"]
    if pv.totals_by_item:
        text.append("  按收费项目 by fee item:")
        text += [f"    {k:<12} {yuan(v):>16}" for k, v in pv.totals_by_item.items()]
    if pv.totals_by_building and len(pv.totals_by_building) <= 60:
        text.append("  按楼栋 by building:")
        text += [f"    {k:<20} {yuan(v):>16}" for k, v in pv.totals_by_building.items()]
    if pv.skipped:
        text.append("  未计费 skipped: " + ", ".join(f"{k}={v}" for k, v in pv.skipped.items()))
    for p in pv.problems[:50]:
        text.append(f"  {'错误' if p.severity == 'error' else '提醒'} {p.where}: {p.zh}")
    if shown:
        text.append("  明细 lines:")
        text += [f"    {l.target.code:<16} {l.kind:<8} {yuan(l.amount):>12}  {l.formula}" for l in shown]
        if len(shown) < len(pv.lines):
            text.append(f"    … 共 {len(pv.lines)} 行 (use --lines 0 for all)")
    emit(args, data, "\n".join(text))
    return 2 if pv.errors else 0


def cmd_bill_close(args) -> int:
    from propdesk.services.billing import close

    db = open_db(args)
    with db.session() as s:
        r = close.close_period(s, actor(args), args.estate, args.period)
    emit(args, {"estate": r.estate, "period": str(r.period), "billed": r.billed, "collected": r.collected},
         f"已结账 (closed) {r.estate} {r.period}：应收 {r.billed}，核销 {r.collected} 元")
    return 0


def cmd_bill_status(args) -> int:
    from propdesk.services.billing import close

    db = open_db(args)
    with db.session() as s:
        rows = close.closes(s, actor(args))
    emit(args, [{"estate": e, "last_closed": c or None, "open_from": o or None} for e, c, o in rows],
         "\n".join(f"{e:<6} 已结账至 {c or '（未结账）'}" + (f"，开放账期自 {o}" if o else "") for e, c, o in rows))
    return 0


def _register_item_changes(bill, common) -> None:
    """bill waive / bill adjust: 减免 and 调整 of one bill item (应收项)."""
    for name, handler, help_text in (
            ("waive", cmd_bill_waive, "减免某房间某账期某收费项目的未缴金额 (waive an item's unpaid money)"),
            ("adjust", cmd_bill_adjust, "调增或调减某应收项，记为调整行 (adjust an item by an adjustment line)")):
        p = add(bill, common, name, handler, help_text)
        p.add_argument("--room", required=True, help="房间或车位编码，如 JD-01-1-0502 (room or space code)")
        p.add_argument("--period", required=True, help="账期 YYYY-MM (billing period)")
        p.add_argument("--item", required=True, help="收费项目编码，如 MGMT (fee item code)")
        if name == "waive":
            p.add_argument("--amount", help="减免金额，默认全部未缴 (amount; default all that is unpaid)")
        else:
            p.add_argument("--amount", required=True,
                           help="调整金额：调增为正，调减为负，如 -20.00 (signed amount, e.g. -20.00)")
        p.add_argument("--reason", required=True, help="原因，必填 (reason, required)")
        p.add_argument("--late-fee", action="store_true", help="改该项目已计收的滞纳金 (the item's charged late fee)")
        p.add_argument("--slot", help="多项匹配时指定应收项编号（可只写开头几位）(pick one item when several match)")


def _bill_item(s, a, args):
    """The one bill item of --room, --period and --item (and --slot when several match)."""
    from sqlalchemy import select

    from propdesk.billing.calc import yuan
    from propdesk.errors import NotFound, Problem, ValidationFailed
    from propdesk.models import ParkingSpace, Room
    from propdesk.services.billing import ledger
    from propdesk.services.billing.common import fee_item, parse_period

    code = args.room.strip().upper()
    target = s.scalar(select(Room.id).where(Room.code == code)) or s.scalar(
        select(ParkingSpace.id).where(ParkingSpace.code == code))
    if target is None:
        raise NotFound(f"找不到房间或车位 {args.room}", f"no room or space {args.room}")
    period, fee = str(parse_period(args.period)), fee_item(s, args.item)
    items = [i for i in ledger.room_items(s, a, target) if i.bill_period == period and i.fee_item_id == fee.id
             and (i.kind == "late_fee") == args.late_fee]
    where = f"{code} {period} {fee.code}" + (" 滞纳金" if args.late_fee else "")
    if args.slot:
        items = [i for i in items if str(i.slot).startswith(args.slot.strip().lower())]
    if not items:
        raise NotFound(f"{where} 没有应收项（用 balance show {code} 查看欠费）",
                       f"no bill item for {where} (see balance show {code})")
    if len(items) > 1:
        raise ValidationFailed(
            [Problem(f"应收项 {i.slot}", f"{i.fee_item} 应收 {yuan(i.billed)} 元，未缴 {yuan(i.outstanding)} 元："
                                        f"{i.formula.splitlines()[0]}",
                     f"billed {yuan(i.billed)}, unpaid {yuan(i.outstanding)}") for i in items],
            f"{where} 有 {len(items)} 个应收项，请用 --slot 指定其一",
            f"{len(items)} bill items match {where}; pick one with --slot")
    return target, items[0]


def _change_item(args, kind: str) -> int:
    from propdesk.billing.calc import yuan
    from propdesk.errors import Problem, ValidationFailed
    from propdesk.money import MoneyError, to_decimal
    from propdesk.services.billing import ledger

    try:
        amount = to_decimal(args.amount) if args.amount else None
    except MoneyError:
        raise ValidationFailed([Problem("--amount", f"不是有效金额：{args.amount}",
                                        f"not a valid amount: {args.amount}")]) from None
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        target, before = _bill_item(s, a, args)
        if kind == "waive":
            line = ledger.waive(s, a, before.slot, args.reason, amount=amount)
        else:
            line = ledger.adjust(s, a, before.slot, amount, args.reason)
        delta = line.amount
        after = next(i for i in ledger.room_items(s, a, target) if i.slot == before.slot)
        data = {"room": before.target_code, "period": before.bill_period, "fee_item": before.fee_item,
                "slot": str(before.slot), "line_id": str(line.id), "delta": str(delta),
                "reason": line.reason, "billed_before": str(before.billed), "billed": str(after.billed),
                "paid": str(after.paid), "outstanding_before": str(before.outstanding),
                "outstanding": str(after.outstanding), "to_prepaid": str(before.paid - after.paid)}
    head = "已减免 (waived)" if kind == "waive" else "已调整 (adjusted)"
    text = (f"{head} {data['room']} {data['period']} {data['fee_item']} {delta:+,.2f} 元："
            f"应收 {yuan(before.billed)} → {yuan(after.billed)}，未缴 {yuan(before.outstanding)} → "
            f"{yuan(after.outstanding)}")
    if before.paid != after.paid:
        text += f"，多缴 {yuan(before.paid - after.paid)} 元转入预存"
    emit(args, data, text)
    return 0


def cmd_bill_waive(args) -> int:
    return _change_item(args, "waive")


def cmd_bill_adjust(args) -> int:
    return _change_item(args, "adjust")


def cmd_fee_items(args) -> int:
    from propdesk.models.billing import FEE_KINDS
    from propdesk.services.billing import catalog

    db = open_db(args)
    with db.session() as s:
        items = [{"code": i.code, "name": i.name, "kind": i.kind, "kind_label": FEE_KINDS[i.kind],
                  "active": i.active} for i in catalog.list_fee_items(s, actor(args), include_inactive=True)]
    emit(args, items, "\n".join(f"{i['code']:<8} {i['name']:<10} {i['kind_label']}" + ("" if i["active"] else " (停用)")
                                for i in items))
    return 0


def cmd_fee_standards(args) -> int:
    from propdesk.billing.calc import METHODS
    from propdesk.services.billing import catalog
    from propdesk.services.billing.common import parse_period

    db = open_db(args)
    with db.session() as s:
        rows = catalog.list_standards(s, actor(args), period=parse_period(args.period) if args.period else None)
    data = [{"code": r.code, "name": r.name, "fee_item": r.fee_item, "method": r.method, "target": r.target,
             "cycle_months": r.cycle_months, "price": r.price_text,
             "effective_from": r.effective_from.isoformat() if r.effective_from else None, "versions": r.versions,
             "due_day": r.due_day, "bill_to": r.bill_to, "active": r.active}
            for r in rows]
    emit(args, data, "\n".join((f"{r.code:<10} {r.name:<12} {r.fee_item:<8} {METHODS[r.method]:<10} {r.price_text}"
                                f"（{r.effective_from:%Y-%m} 起，{r.versions} 个版本）" if r.effective_from else
                                f"{r.code:<10} {r.name}") + ("" if r.active else " (停用)") for r in rows)
         or "（尚无收费标准 no standards yet）")
    return 0


def cmd_fee_demo(args) -> int:
    from propdesk.services.billing.common import parse_period
    from propdesk.services.billing.demo import setup_demo_billing

    db = open_db(args)
    with db.session() as s:
        counts = setup_demo_billing(s, actor(args), start=parse_period(args.start) if args.start else None)
    emit(args, counts, f"演示收费设置 (demo billing set-up): 收费标准 {counts['standards']}，仪表 {counts['meters']}")
    return 0


def cmd_readings_import(args) -> int:
    from propdesk.services.billing import meters

    db = open_db(args)
    with db.session() as s:
        results = meters.import_readings(s, actor(args), args.file, accept_warnings=args.accept_warnings)
        data = [{"meter": r.meter_code, "value": str(r.value), "replaced": r.replaced,
                 "warnings": [c.zh for c in r.checks if c.severity == "warning"]} for r in results]
    warn = sum(1 for d in data if d["warnings"])
    emit(args, {"imported": len(data), "readings": data},
         f"已导入读数 (readings imported): {len(data)} 条，其中已确认提醒 {warn} 条")
    return 0


def cmd_balance_import(args) -> int:
    from propdesk.billing.calc import yuan
    from propdesk.services.billing import opening

    db = open_db(args)
    with db.session() as s:
        r = opening.import_balances(s, actor(args), args.file)
    emit(args, {"rows": r.rows, "debts": r.debts, "debt_total": str(r.debt_total), "prepaid": r.prepaid,
                "prepaid_total": str(r.prepaid_total)},
         f"已导入期初余额 (opening balances imported): 欠费 {r.debts} 笔 {yuan(r.debt_total)} 元，"
         f"预存 {r.prepaid} 笔 {yuan(r.prepaid_total)} 元")
    return 0


def cmd_balance_show(args) -> int:
    from sqlalchemy import select

    from propdesk.billing.calc import yuan
    from propdesk.errors import NotFound
    from propdesk.models import Customer, Occupancy, ParkingSpace, Room
    from propdesk.services.billing import ledger

    db = open_db(args)
    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    with db.session() as s:
        code = args.room.strip().upper()
        target = s.scalar(select(Room.id).where(Room.code == code)) or s.scalar(
            select(ParkingSpace.id).where(ParkingSpace.code == code))
        if target is None:
            raise NotFound(f"找不到房间或车位 {args.room}", f"no room or space {args.room}")
        cid = s.scalar(select(Occupancy.customer_id).where(
            (Occupancy.room_id == target) | (Occupancy.space_id == target), Occupancy.role == "owner",
            Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)))
        if cid is None:
            raise NotFound(f"{code} 没有当前业主", f"{code} has no current owner")
        name = s.get(Customer, cid).name
        b = ledger.balance(s, actor(args), cid)
        items = ledger.outstanding(s, actor(args), cid, as_of=as_of)
        data = {"customer": name, "receivable": str(b.receivable), "prepaid": str(b.prepaid),
                "deposits": str(b.deposits), "as_of": as_of.isoformat(),
                "items": [{"target": i.target_code, "fee_item": i.fee_item, "period": i.bill_period,
                           "due_date": i.due_date.isoformat(), "outstanding": str(i.outstanding),
                           "late_fee": str(i.late_fee), "formula": i.formula, "late_fee_formula": i.late_fee_formula}
                          for i in items]}
    text = [f"{name}：欠费 {yuan(b.receivable)} 元，预存 {yuan(b.prepaid)} 元，押金 {yuan(b.deposits)} 元（截至 {as_of}）"]
    text += [f"  {i.target_code} {i.bill_period} {i.fee_item} 未缴 {yuan(i.outstanding)} 滞纳金 {yuan(i.late_fee)}"
             f"  [{i.formula.splitlines()[0]}]" for i in items]
    emit(args, data, "\n".join(text))
    return 0


def cmd_ledger_check(args) -> int:
    from propdesk.services.billing import ledger

    db = open_db(args)
    with db.session() as s:
        r = ledger.check(s, actor(args))
    emit(args, {"ok": r.ok, "customers": r.customers, "entries": r.entries, "lines": r.lines,
                "allocations": r.allocations, "problems": r.problems},
         (f"台账平衡 (ledger balances): 客户 {r.customers}，分录 {r.entries}，账单行 {r.lines}，核销 {r.allocations}"
          if r.ok else "台账不平 (ledger does NOT balance):\n" + "\n".join("  " + p for p in r.problems)))
    return 0 if r.ok else 1


def _building_id(s, code: str):
    from propdesk.services.billing import run

    return run.scope_for(s, building=code).id


def _scope_args(p) -> None:
    """--estate / --building / --unit / --room / --space: at most one; none = the whole company."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--estate", help="小区编码；都不填 = 全公司 (estate code; none = company)")
    g.add_argument("--building", help="楼栋，如 JD-01 (building)")
    g.add_argument("--unit", help="单元，如 JD-01-1 (unit)")
    g.add_argument("--room", help="房间，如 JD-01-1-0502 (one room)")
    g.add_argument("--space", help="车位，如 JD-P1-001 (one parking space)")


def _scope_of(s, args) -> tuple:
    """(scope kind, id) of the one scope option given, else the whole company."""
    from propdesk.services.billing import catalog

    for kind in ("space", "room", "unit", "building", "estate"):
        if getattr(args, kind, None):
            return catalog.scope_by_code(s, kind, getattr(args, kind))
    return "company", None


def cmd_fee_assign(args) -> int:
    from propdesk.services.billing import catalog

    db = open_db(args)
    with db.session() as s:
        kind, sid = _scope_of(s, args)
        kw = dict(scope_kind=kind, scope_id=sid, usage=args.usage, start_period=args.start, exclude=args.exclude)
        pv = catalog.preview_assignment(s, actor(args), args.standard, **kw)
        if not args.preview:
            catalog.assign(s, actor(args), args.standard, **kw)
    data = {"posted": not args.preview, "fee_item": pv.fee_item, "gained": pv.gained, "changed": pv.changed,
            "lost": pv.lost, "unchanged": pv.unchanged,
            "rows": [{"target": r.target_code, "before": r.before, "after": r.after} for r in pv.rows]}
    text = [f"{'预览' if args.preview else '已分配'} {pv.fee_item}：新增 {pv.gained}，改变 {pv.changed}，"
            f"取消 {pv.lost}，不变 {pv.unchanged}"]
    text += [f"  {r.target_code:<16} {r.before or '—'} → {r.after or '—'}" for r in pv.rows[:50]]
    if len(pv.rows) > 50:
        text.append(f"  … 共 {len(pv.rows)} 个")
    emit(args, data, "\n".join(text))
    return 0


def _register_catalog_edits(fee, common) -> None:
    """fee item-edit / standard-edit, and the discount rules (优惠): discounts, discount-add, discount-end."""
    p = add(fee, common, "item-edit", cmd_fee_item_edit, "修改收费项目 (edit a fee item)")
    p.add_argument("code", help="收费项目编码，如 MGMT (fee item code)")
    p.add_argument("--name", help="名称 (name)")
    p.add_argument("--sort", type=int, help="排序号，小的在前 (sort key, smaller first)")
    p.add_argument("--note", help="备注 (note)")
    _active_flags(p, "停用：不再出现在新建收费标准的选项中 (inactive: not offered for new standards)")

    p = add(fee, common, "standard-edit", cmd_fee_standard_edit,
            "修改收费标准（名称、应缴日、缴费人、停用；价格请新建价格版本）"
            "(edit a standard's name, due day, payer, active; prices change by new versions)")
    p.add_argument("code", help="收费标准编码 (standard code)")
    p.add_argument("--name", help="名称 (name)")
    p.add_argument("--due-day", type=int, help="应缴日 1–31，大于当月天数时取月末 (due day of the month)")
    p.add_argument("--due-offset", type=int, dest="due_offset_months",
                   help="应缴日推后的月数 0–12 (months after the period the due day falls in)")
    p.add_argument("--bill-to", choices=["owner", "tenant"], help="缴费人：业主/租户 (who pays)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--prorate", dest="prorate", action="store_true", help="入住/迁出当月按天折算 (prorate part months)")
    g.add_argument("--no-prorate", dest="prorate", action="store_false", help="不按天折算 (bill whole months)")
    p.set_defaults(prorate=None)
    p.add_argument("--note", help="备注 (note)")
    _active_flags(p, "停用：计费时不再收取该标准 (inactive: no longer billed)")

    p = add(fee, common, "discounts", cmd_fee_discounts, "列出优惠规则 (list discount rules)")
    p = add(fee, common, "discount-add", cmd_fee_discount_add, "新建优惠规则，必须写明原因 (add a discount rule)")
    p.add_argument("--name", default="", help="名称，默认为优惠类型 (name; default the kind)")
    p.add_argument("--kind", required=True, choices=["percent", "fixed", "vacant", "prepay_free"],
                   help="percent 按比例优惠 / fixed 固定金额减免 / vacant 空置房优惠 / prepay_free 预缴N月送M月 (kind)")
    p.add_argument("--value", help="比例（50 = 减收50%%）或每期减免金额（元）(percent, or yuan per bill)")
    p.add_argument("--months-paid", type=int, default=0, help="预缴月数 N (prepay_free: months paid)")
    p.add_argument("--months-free", type=int, default=0, help="赠送月数 M (prepay_free: months free)")
    p.add_argument("--item", help="收费项目编码；不填 = 全部项目 (fee item code; none = every item)")
    _scope_args(p)
    p.add_argument("--from", dest="start", required=True, help="起始账期 YYYY-MM (first period)")
    p.add_argument("--to", dest="end", help="结束账期 YYYY-MM，不填 = 长期 (last period; none = open)")
    p.add_argument("--reason", required=True, help="原因，必填 (reason, required)")
    p = add(fee, common, "discount-end", cmd_fee_discount_end, "截止优惠规则 (end a discount rule)")
    p.add_argument("rule", help="优惠规则编号（ID）或名称 (rule id or name)")
    p.add_argument("--last", required=True, help="最后一个享受优惠的账期 YYYY-MM (last period it applies)")


def _active_flags(p, inactive_help: str) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--active", dest="active", action="store_true", help="启用 (active)")
    g.add_argument("--inactive", dest="active", action="store_false", help=inactive_help)
    p.set_defaults(active=None)


def _changes(args, *names: str) -> dict:
    """The options given on the command line (None = not given, leave as is)."""
    return {n: getattr(args, n) for n in names if getattr(args, n) is not None}


def _nothing_to_change() -> None:
    from propdesk.errors import Problem, ValidationFailed

    raise ValidationFailed([Problem("选项", "没有要修改的内容：请给出 --name、--active/--inactive 等选项",
                                    "nothing to change: give --name, --active/--inactive …")])


def cmd_fee_item_edit(args) -> int:
    from propdesk.models.billing import FEE_KINDS
    from propdesk.services.billing import catalog

    changes = _changes(args, "name", "note", "active")
    if args.sort is not None:
        changes["sort_key"] = args.sort
    if not changes:
        _nothing_to_change()
    db = open_db(args)
    with db.session() as s:
        item = catalog.update_fee_item(s, actor(args), catalog.get_fee_item(s, args.code).id, **changes)
        data = {"code": item.code, "name": item.name, "kind": item.kind, "sort_key": item.sort_key,
                "active": item.active, "note": item.note}
    emit(args, data, f"已修改收费项目 (fee item updated): {data['code']} {data['name']} "
                     f"{FEE_KINDS[data['kind']]} 排序 {data['sort_key']}" + ("" if data["active"] else " (停用)"))
    return 0


def cmd_fee_standard_edit(args) -> int:
    from propdesk.models.billing import BILL_TO
    from propdesk.services.billing import catalog

    changes = _changes(args, "name", "due_day", "due_offset_months", "bill_to", "prorate", "note", "active")
    if not changes:
        _nothing_to_change()
    db = open_db(args)
    with db.session() as s:
        std = catalog.update_standard(s, actor(args), args.code, **changes)
        data = {"code": std.code, "name": std.name, "due_day": std.due_day,
                "due_offset_months": std.due_offset_months, "bill_to": std.bill_to, "prorate": std.prorate,
                "active": std.active, "note": std.note}
    emit(args, data, f"已修改收费标准 (standard updated): {data['code']} {data['name']}，应缴日 {data['due_day']}，"
                     f"缴费人 {BILL_TO[data['bill_to']]}" + ("" if data["active"] else " (停用)"))
    return 0


def _discount_json(r) -> dict:
    from decimal import Decimal

    value = r.value.quantize(Decimal("0.01")) if r.kind == "fixed" else r.value.normalize()
    return {"id": str(r.id), "name": r.name, "kind": r.kind, "value": format(value, "f"), "months_paid": r.months_paid,
            "months_free": r.months_free, "terms": r.terms, "fee_item": r.fee_item or None,
            "scope_kind": r.scope_kind, "scope": r.scope, "start_period": r.start_period,
            "end_period": r.end_period, "reason": r.reason, "active": r.active}


def cmd_fee_discounts(args) -> int:
    from propdesk.models.billing import DISCOUNT_KINDS
    from propdesk.services.billing import catalog

    db = open_db(args)
    with db.session() as s:
        rows = catalog.list_discounts(s, actor(args))
    emit(args, [_discount_json(r) for r in rows], "\n".join(
        f"{r.name:<12} {DISCOUNT_KINDS[r.kind]:<8} {r.terms:<14} {r.fee_item or '全部项目':<8} "
        f"{r.scope:<16} {r.start_period}–{r.end_period or '长期'}  {r.reason}" + ("" if r.active else " (停用)")
        + f"  ID {r.id}" for r in rows) or "（尚无优惠规则 no discount rules）")
    return 0


def cmd_fee_discount_add(args) -> int:
    from decimal import Decimal

    from propdesk.errors import Problem, ValidationFailed
    from propdesk.money import MoneyError, to_decimal
    from propdesk.services.billing import catalog

    try:
        value = to_decimal(args.value) if args.value else Decimal(0)
    except MoneyError:
        raise ValidationFailed([Problem("--value", f"不是有效数值：{args.value}", f"not a number: {args.value}")]) from None
    db = open_db(args)
    with db.session() as s:
        kind, sid = _scope_of(s, args)
        rule = catalog.create_discount(s, actor(args), name=args.name, kind=args.kind, reason=args.reason,
                                       value=value, fee_item=args.item, scope_kind=kind, scope_id=sid,
                                       start_period=args.start, end_period=args.end,
                                       months_paid=args.months_paid, months_free=args.months_free)
        row = next(r for r in catalog.list_discounts(s, actor(args)) if r.id == rule.id)
    emit(args, _discount_json(row), f"已新建优惠 (discount added): {row.name} {row.terms}，{row.fee_item or '全部项目'}，"
                                    f"{row.scope}，{row.start_period}–{row.end_period or '长期'}（ID {row.id}）")
    return 0


def cmd_fee_discount_end(args) -> int:
    from propdesk.services.billing import catalog

    db = open_db(args)
    with db.session() as s:
        rule = catalog.end_discount(s, actor(args), catalog.get_discount(s, args.rule).id, args.last)
        data = {"id": str(rule.id), "name": rule.name, "start_period": rule.start_period,
                "end_period": rule.end_period}
    emit(args, data, f"优惠已截止 (discount ended): {data['name']}，{data['start_period']}–{data['end_period']}")
    return 0


def cmd_meter_add(args) -> int:
    from sqlalchemy import select

    from propdesk.errors import NotFound, Problem, ValidationFailed
    from propdesk.models import Room
    from propdesk.money import to_decimal
    from propdesk.services.billing import catalog, meters

    if sum(bool(x) for x in (args.room, args.building, args.estate)) != 1:
        raise ValidationFailed([Problem("--room/--building/--estate",
                                        "请指定房间（户表）、楼栋（楼栋公共表）或小区（小区公共表）之一",
                                        "give one of --room, --building or --estate")])
    db = open_db(args)
    with db.session() as s:
        room_id = building_id = estate_id = None
        if args.room:
            room_id = s.scalar(select(Room.id).where(Room.code == args.room.strip().upper()))
            if room_id is None:
                raise NotFound(f"找不到房间 {args.room}", f"no room {args.room}")
        elif args.building:
            building_id = _building_id(s, args.building)
        else:
            estate_id = catalog.scope_by_code(s, "estate", args.estate)[1]
        m = meters.create_meter(
            s, actor(args), kind=args.kind, initial_reading=to_decimal(args.initial),
            installed_on=dt.date.fromisoformat(args.on) if args.on else dt.date.today(), room_id=room_id,
            building_id=building_id, estate_id=estate_id, max_reading=to_decimal(args.max) if args.max else None, places=args.places,
            multiplier=to_decimal(args.multiplier),
            share_standard=catalog.get_standard(s, args.share_standard).id if args.share_standard else None)
        out = {"code": m.code, "kind": m.kind, "public": m.is_public}
    emit(args, out, f"已新增仪表 (meter added): {out['code']}")
    return 0


def cmd_meter_replace(args) -> int:
    from propdesk.money import to_decimal
    from propdesk.services.billing import meters

    db = open_db(args)
    with db.session() as s:
        m = meters.replace_meter(s, actor(args), args.code, old_final=to_decimal(args.old_final),
                                 new_initial=to_decimal(args.new_initial), on=dt.date.fromisoformat(args.on),
                                 multiplier=to_decimal(args.multiplier) if args.multiplier else None,
                                 max_reading=to_decimal(args.max) if args.max else None,
                                 old_rollover=args.old_rollover)
        code = m.code
    emit(args, {"code": code, "replaced_on": args.on}, f"已换表 (meter replaced): {code} {args.on}")
    return 0


def _number(option: str, text: str):
    from propdesk.errors import Problem, ValidationFailed
    from propdesk.money import MoneyError, to_decimal

    try:
        return to_decimal(text)
    except MoneyError:
        raise ValidationFailed([Problem(option, f"不是有效数值：{text}", f"not a number: {text}")]) from None


def _plain(v) -> str | None:
    """A register number as typed: 2, 9999.9 (no trailing zeros, no exponent)."""
    return None if v is None else format(v.normalize(), "f")


def cmd_meter_edit(args) -> int:
    from propdesk.models.billing import METER_KINDS
    from propdesk.services.billing import meters

    changes = _changes(args, "name", "serial_no", "note", "places", "active")
    if args.multiplier is not None:
        changes["multiplier"] = _number("--multiplier", args.multiplier)
    if args.max_reading is not None:
        none = args.max_reading.strip().lower() in ("none", "无", "")
        changes["max_reading"] = None if none else _number("--max", args.max_reading)
    if not changes:
        from propdesk.errors import Problem, ValidationFailed

        raise ValidationFailed([Problem("选项", "没有要修改的内容：请给出 --name、--serial、--inactive 等选项",
                                        "nothing to change: give --name, --serial, --inactive …")])
    db = open_db(args)
    with db.session() as s:
        m = meters.update_meter(s, actor(args), args.code, **changes)
        data = {"code": m.code, "kind": m.kind, "name": m.name, "serial_no": m.serial_no, "note": m.note,
                "multiplier": _plain(m.multiplier), "max_reading": _plain(m.max_reading), "places": m.places,
                "active": m.active}
    emit(args, data, f"已修改仪表 (meter updated): {data['code']} {data['name']} {METER_KINDS[data['kind']]}"
                     f"，倍率 {data['multiplier']}，最大读数 {data['max_reading'] or '无'}"
                     + (f"，表号 {data['serial_no']}" if data["serial_no"] else "") + ("" if data["active"] else " (停用)"))
    return 0


def cmd_meter_list(args) -> int:
    from propdesk.billing.periods import Period
    from propdesk.services.billing import catalog, meters

    db = open_db(args)
    with db.session() as s:
        place = dict(estate_id=catalog.scope_by_code(s, "estate", args.estate)[1]) if args.estate else {}
        rows = meters.reading_sheet(s, actor(args), _building_id(s, args.building) if args.building else None,
                                    args.period or str(Period.of(dt.date.today())), **place)
    data = [{"meter": r.meter_code, "room": r.room_code, "kind": r.kind, "previous": r.previous,
             "current": r.current, "usage": r.usage} for r in rows]
    emit(args, data, "\n".join(f"{r.meter_code:<18} {r.room_code:<14} 上次 {r.previous if r.previous is not None else '-':>10}"
                               f"  本次 {r.current if r.current is not None else '-':>10}"
                               f"  用量 {r.usage if r.usage is not None else '-'}" for r in rows) or "（无仪表 no meters）")
    return 0
