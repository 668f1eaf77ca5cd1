"""Commands of the service desk: work orders, complaints, maintenance, equipment, stock.

Codes may be given as codes or as their Chinese labels (``--category 水电``,
``--state 待派工``); orders, complaints, rooms, items and equipment by their
human numbers and codes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from propdesk.cli.common import actor, add, add_group, emit, open_db
from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models import Operator
from propdesk.money import MoneyError, fmt, to_decimal
from propdesk.services.property import room_by_code
from propdesk.services.service_desk import (
    charges, complaints as cp, equipment as eq, maintenance as mt, stock, workorders as wo,
)
from propdesk.services.service_desk.codes import (
    ACTIONS, CATEGORIES, COMPLAINT_STATES, DEPARTMENTS, EQUIPMENT_KINDS, EQUIPMENT_STATUSES, FREQUENCIES,
    IDENTITIES, REPLY_METHODS, SATISFACTION, STATES, URGENCIES, WORK_ORDER_KINDS, parse_code,
)


def _choices(mapping: dict[str, str]) -> str:
    return "、".join(mapping.values()) + " / " + ", ".join(mapping)


def _code(mapping: dict[str, str], value: str, where: str) -> str:
    problems: list[Problem] = []
    code = parse_code(mapping, value, where, problems)
    if problems:
        raise ValidationFailed(problems)
    return code


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed([Problem("日期", f"日期格式应为 YYYY-MM-DD：{value}",
                                        f"dates are YYYY-MM-DD: {value}")]) from None


def _datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationFailed([Problem("时间", f"时间格式应为 YYYY-MM-DD HH:MM：{value}",
                                        f"times are YYYY-MM-DD HH:MM: {value}")]) from None


def _decimal(value: str | None, where: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return to_decimal(value)
    except MoneyError:
        raise ValidationFailed([Problem(where, f"数值无效：{value}", f"not a number: {value}")]) \
            from None


def _operator(s, username: str) -> Operator:
    op = s.scalar(select(Operator).where(func.lower(Operator.username) == username.lower(),
                                         Operator.deleted_at.is_(None)))
    if op is None:
        raise NotFound(f"找不到操作员 {username}（用 propdesk user add 添加）",
                       f"no operator {username}")
    return op


def _t(v) -> str:
    return v.strftime("%Y-%m-%d %H:%M") if v else ""


# --- registration -------------------------------------------------------------------------

def register(sub, common) -> None:
    g = add_group(sub, common, "workorder", "工单：报修、派工、完工、回访 (work orders)")
    p = add(g, common, "add", cmd_wo_add, "受理报修 (take a repair request)")
    p.add_argument("--room", help="房间编码，如 JD-01-1-0502 (room code)")
    p.add_argument("--location", default="", help="公区位置 (public-area location)")
    p.add_argument("--kind", default="", help="工单类型 (kind): " + _choices(WORK_ORDER_KINDS))
    p.add_argument("--category", required=True, help="报修类别 (category): " + _choices(CATEGORIES))
    p.add_argument("--text", required=True, help="报修内容 (what is wrong)")
    p.add_argument("--urgency", default="normal", help="紧急程度 (urgency): " + _choices(URGENCIES))
    p.add_argument("--reporter", default="", help="报修人 (default: the owner)")
    p.add_argument("--contact", default="", help="联系电话 (default: the owner's)")
    p.add_argument("--appointment", help="预约时间 YYYY-MM-DD HH:MM")
    p.add_argument("--chargeable", action="store_true", help="有偿维修 (charge the room)")

    p = add(g, common, "list", cmd_wo_list, "工单列表 (list work orders)")
    p.add_argument("--state", action="append", default=[],
                   help="状态，可重复 (state, repeatable): " + _choices(STATES))
    p.add_argument("--engineer", help="维修人员用户名 (engineer's username)")
    p.add_argument("--room", help="房间编码 (room code)")
    p.add_argument("--overdue", action="store_true", help="只看超时 (overdue only)")
    p.add_argument("--search", default="", help="单号/房号/内容/报修人 (text search)")
    p.add_argument("--limit", type=int, default=200)

    p = add(g, common, "show", cmd_wo_show, "工单详情与进度 (an order and its history)")
    p.add_argument("number")

    p = add(g, common, "dispatch", cmd_wo_dispatch, "派工/改派 (dispatch to an engineer)")
    p.add_argument("number")
    p.add_argument("--engineer", required=True, help="维修人员用户名 (engineer's username)")
    p.add_argument("--note", default="")

    p = add(g, common, "start", cmd_wo_start, "开始处理 (work starts)")
    p.add_argument("number")

    p = add(g, common, "finish", cmd_wo_finish, "完工 (record what was done)")
    p.add_argument("number")
    p.add_argument("--result", required=True, help="处理结果 (what was done)")
    p.add_argument("--hours", help="工时 (labour hours)")
    p.add_argument("--labour-fee", help="人工费，元 (labour fee, yuan)")

    p = add(g, common, "visit", cmd_wo_visit, "回访 (return visit)")
    p.add_argument("number")
    p.add_argument("--satisfaction", required=True, help="满意度: " + _choices(SATISFACTION))
    p.add_argument("--comment", default="")

    for name, fn, text in (("suspend", cmd_wo_suspend, "挂起 (put on hold)"),
                           ("cancel", cmd_wo_cancel, "取消 (cancel)"),
                           ("rework", cmd_wo_rework, "返修 (send back to the engineer)")):
        p = add(g, common, name, fn, text)
        p.add_argument("number")
        p.add_argument("--reason", required=True, help="原因 (reason)")
    p = add(g, common, "resume", cmd_wo_resume, "恢复挂起的工单 (resume)")
    p.add_argument("number")

    p = add(g, common, "print", cmd_wo_print, "打印工程报修单PDF (print the repair form)")
    p.add_argument("number")
    p.add_argument("--out", required=True, help="PDF文件 (output file)")
    p.add_argument("--page", default="A5", choices=["A4", "A5"])

    add(g, common, "post-charges", cmd_wo_post_charges,
        "把待入账的有偿维修交给收费 (hand pending repair charges to billing)")

    add(sub, common, "service-demo", cmd_service_demo,
        "生成物料、设备台账、保养计划、工单和投诉演示数据，在 propdesk demo 之后运行 "
        "(service-desk demo data, after propdesk demo)")

    g = add_group(sub, common, "maintenance", "保养计划 (preventive maintenance)")
    p = add(g, common, "generate-due", cmd_mt_generate, "生成到期保养工单 (generate due orders)")
    p.add_argument("--as-of", help="截至日期 YYYY-MM-DD (default today)")
    p = add(g, common, "overdue", cmd_mt_overdue, "逾期保养 (overdue maintenance)")
    p.add_argument("--as-of", help="YYYY-MM-DD (default today)")
    p = add(g, common, "plans", cmd_mt_plans, "保养计划列表 (list plans)")
    p.add_argument("--as-of", help="YYYY-MM-DD (default today)")
    p = add(g, common, "add", cmd_mt_add, "新增保养计划 (add a plan)")
    p.add_argument("--equipment", required=True, help="设备编号 (equipment code)")
    p.add_argument("--title", required=True)
    p.add_argument("--frequency", required=True, help="周期: " + _choices(FREQUENCIES))
    p.add_argument("--every", type=int, default=1,
                   help="间隔：每几个周期一次，如 电梯半月保 --frequency 周 --every 2")
    p.add_argument("--start", required=True, help="首次保养日期 YYYY-MM-DD")
    p.add_argument("--content", default="")
    p.add_argument("--post", default="", help="责任岗位 (responsible post)")
    p.add_argument("--engineer", help="负责人用户名 (engineer's username)")

    g = add_group(sub, common, "equipment", "设备台账 (equipment ledger)")
    p = add(g, common, "add", cmd_eq_add, "新增设备 (add equipment)")
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, help="类别: " + _choices(EQUIPMENT_KINDS))
    p.add_argument("--location", default="")
    p.add_argument("--model", default="")
    p.add_argument("--supplier", default="")
    p.add_argument("--install-date")
    p.add_argument("--warranty-until")
    p = add(g, common, "list", cmd_eq_list, "设备列表 (list equipment)")
    p.add_argument("--search", default="")

    g = add_group(sub, common, "complaint", "投诉 (complaints)")
    p = add(g, common, "add", cmd_cp_add, "受理投诉 (take a complaint)")
    p.add_argument("--name", required=True, help="投诉人 (complainant)")
    p.add_argument("--identity", default="owner", help="身份: " + _choices(IDENTITIES))
    p.add_argument("--phone", default="")
    p.add_argument("--room", help="房间编码 (room code)")
    p.add_argument("--text", required=True, help="投诉内容 (content)")
    p = add(g, common, "list", cmd_cp_list, "投诉列表 (list complaints)")
    p.add_argument("--state", action="append", default=[], help="状态: " + _choices(COMPLAINT_STATES))
    p.add_argument("--overdue", action="store_true")
    p = add(g, common, "route", cmd_cp_route, "转派责任部门 (route to a department)")
    p.add_argument("number")
    p.add_argument("--department", required=True, help="部门: " + _choices(DEPARTMENTS))
    p.add_argument("--handler", dest="handler_name", default="", help="处理人 (who handles it)")
    p = add(g, common, "reply", cmd_cp_reply, "回复投诉人 (reply)")
    p.add_argument("number")
    p.add_argument("--method", required=True, help="回复方式: " + _choices(REPLY_METHODS))
    p.add_argument("--text", required=True, help="回复内容 (the reply)")
    p.add_argument("--handling", help="处理情况 (how it was handled)")
    p = add(g, common, "close", cmd_cp_close, "完成 (close with satisfaction)")
    p.add_argument("number")
    p.add_argument("--satisfaction", required=True, help="满意度: " + _choices(SATISFACTION))
    p = add(g, common, "print", cmd_cp_print, "打印投诉处理受理单PDF (print the form)")
    p.add_argument("number")
    p.add_argument("--out", required=True)
    p.add_argument("--page", default="A4", choices=["A4", "A5"])

    g = add_group(sub, common, "stock", "物料库存 (materials stock)")
    p = add(g, common, "list", cmd_st_list, "库存 (stock on hand)")
    p.add_argument("--low", action="store_true", help="只看低于下限 (below minimum only)")
    p.add_argument("--search", default="")
    p = add(g, common, "item", cmd_st_item, "新增物料 (add an item)")
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--unit", default="个")
    p.add_argument("--spec", default="")
    p.add_argument("--category", default="")
    p.add_argument("--min", default="0", help="库存下限 (minimum)")
    p.add_argument("--price", default="0", help="单价，元 (charge price)")
    p = add(g, common, "in", cmd_st_in, "入库 (receive)")
    p.add_argument("code")
    p.add_argument("qty")
    p.add_argument("--price", help="进价 (purchase price)")
    p.add_argument("--supplier", default="")
    p = add(g, common, "out", cmd_st_out, "领料/出库 (issue)")
    p.add_argument("code")
    p.add_argument("qty")
    p.add_argument("--order", help="工单号 (work order number)")
    p.add_argument("--to", default="", help="领料人 (recipient)")
    p.add_argument("--override", action="store_true",
                   help="允许负库存，须有权限并留痕 (allow negative stock; audited)")
    p = add(g, common, "stocktake", cmd_st_take, "盘点 (stocktaking): CODE=QTY ...")
    p.add_argument("counts", nargs="+")
    p.add_argument("--note", default="")


# --- work orders ---------------------------------------------------------------------------

def _row_json(r: wo.OrderRow) -> dict:
    return {"number": r.number, "kind": r.kind, "state": r.state, "state_zh": STATES[r.state],
            "category": r.category, "urgency": r.urgency, "room": r.room_code,
            "location": r.location, "reporter": r.reporter, "contact": r.contact,
            "description": r.description, "engineer": r.assignee_name,
            "reported_at": r.reported_at.isoformat(), "due_at": r.due_at.isoformat(),
            "overdue": r.overdue, "chargeable": r.chargeable,
            "charge_amount": str(r.charge_amount), "charge_state": r.charge_state,
            "satisfaction": r.satisfaction}


def _order_row(args, s, order) -> wo.OrderRow:
    return next(r for r in wo.list_orders(s, actor(args), wo.OrderFilter(text=order.number))
                if r.number == order.number)


def _order_out(args, row: wo.OrderRow, verb: str) -> int:
    """Printed after the session has committed, so a closed pipe cannot undo the change."""
    emit(args, _row_json(row),
         f"{verb} {row.number}：{STATES[row.state]}（{row.place}，完成时限 {_t(row.due_at)}）")
    return 0


def cmd_wo_add(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        room_id = room_by_code(s, a, args.room).id if args.room else None
        kind = args.kind or ("repair" if room_id else "public")
        o = wo.create_order(s, a, kind=kind, room_id=room_id, location=args.location,
                            category=args.category, description=args.text,
                            urgency=args.urgency, reporter=args.reporter, contact=args.contact,
                            appointment_at=_datetime(args.appointment),
                            chargeable=args.chargeable)
        row = _order_row(args, s, o)
    return _order_out(args, row, "已受理 (taken)")


def cmd_wo_list(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        f = wo.OrderFilter(
            states=tuple(_code(STATES, x, "状态") for x in args.state),
            assignee_id=_operator(s, args.engineer).id if args.engineer else None,
            room_id=room_by_code(s, a, args.room).id if args.room else None,
            overdue_only=args.overdue, text=args.search, limit=args.limit)
        rows = wo.list_orders(s, a, f)
    lines = [f"{r.number}  {STATES[r.state]:<4}  {'超时 ' if r.overdue else ''}"
             f"{r.place}  {CATEGORIES[r.category]}  {r.description[:30]}"
             f"{('  → ' + r.assignee_name) if r.assignee_name else ''}" for r in rows]
    emit(args, [_row_json(r) for r in rows],
         "\n".join(lines + [f"共 {len(rows)} 张 ({len(rows)} orders)"]))
    return 0


def cmd_wo_show(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        d = wo.order_detail(s, a, wo.order_by_number(s, a, args.number).id)
        o = d.order
        data = {"number": o.number, "state": o.state, "room": d.room_code,
                "location": o.location, "category": o.category, "description": o.description,
                "engineer": d.assignee_name, "due_at": o.due_at.isoformat(),
                "overdue": d.overdue, "result": o.result,
                "charge_total": str(d.charge_total), "charge_state": o.charge_state,
                "actions": list(d.actions),
                "events": [{"at": e.at.isoformat(), "action": e.action, "to": e.to_state,
                            "note": e.note, "by": e.operator_name} for e in d.events]}
    text = [f"{o.number}  {WORK_ORDER_KINDS[o.kind]}  {STATES[o.state]}"
            f"{'（超时）' if d.overdue else ''}",
            f"位置: {d.room_code or o.location}   报修人: {o.reporter} {o.contact}",
            f"类别: {CATEGORIES[o.category]}  紧急程度: {URGENCIES[o.urgency]}  "
            f"完成时限: {_t(o.due_at)}",
            f"内容: {o.description}"]
    if o.result:
        text.append(f"处理结果: {o.result}")
    if d.charge_lines:
        text.append(f"费用合计: {fmt(d.charge_total)} 元（{'有偿' if o.chargeable else '无偿'}）")
    text += [f"  {_t(e.at)}  {e.operator_name}  {ACTIONS.get(e.action, e.action)}"
             f"{('：' + e.note) if e.note else ''}" for e in d.events]
    emit(args, data, "\n".join(text))
    return 0


def _act(args, verb: str, fn, **kw) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        o = wo.order_by_number(s, a, args.number)
        fn(s, a, o.id, **kw)
        row = _order_row(args, s, o)
    return _order_out(args, row, verb)


def cmd_wo_dispatch(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        o = wo.order_by_number(s, a, args.number)
        wo.dispatch(s, a, o.id, _operator(s, args.engineer).id, note=args.note)
        row = _order_row(args, s, o)
    return _order_out(args, row, "已派工 (dispatched)")


def cmd_wo_start(args) -> int:
    return _act(args, "开始处理 (started)", wo.start)


def cmd_wo_finish(args) -> int:
    return _act(args, "已完工 (finished)", wo.finish, result=args.result,
                labour_hours=_decimal(args.hours, "工时"),
                labour_fee=_decimal(args.labour_fee, "人工费"))


def cmd_wo_visit(args) -> int:
    return _act(args, "已回访 (visited)", wo.visit, satisfaction=args.satisfaction,
                comment=args.comment)


def cmd_wo_suspend(args) -> int:
    return _act(args, "已挂起 (suspended)", wo.suspend, reason=args.reason)


def cmd_wo_cancel(args) -> int:
    return _act(args, "已取消 (cancelled)", wo.cancel, reason=args.reason)


def cmd_wo_rework(args) -> int:
    return _act(args, "返修 (rework)", wo.rework, reason=args.reason)


def cmd_wo_resume(args) -> int:
    return _act(args, "已恢复 (resumed)", wo.resume)


def _print_pdf(args, find, render) -> int:
    """Write the PDF of the document ``find(session, actor, number)`` to --out."""
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        pdf = render(s, a, find(s, a, args.number).id, page=args.page)
    Path(args.out).write_bytes(pdf)
    emit(args, {"ok": True, "file": str(args.out), "bytes": len(pdf)},
         f"已生成 (written): {args.out}")
    return 0


def cmd_wo_print(args) -> int:
    from propdesk.reports.service_pdf import work_order_pdf

    return _print_pdf(args, wo.order_by_number, work_order_pdf)


def cmd_wo_post_charges(args) -> int:
    db = open_db(args)
    with db.session() as s:
        posted = charges.post_pending(s, actor(args))
        waiting = s.scalar(select(func.count()).select_from(wo.WorkOrder).where(
            wo.WorkOrder.charge_state == "pending"))
    emit(args, {"posted": posted, "still_pending": waiting},
         f"已入账 {len(posted)} 张 (posted)；仍待入账 {waiting} 张 (still pending)")
    return 0


# --- maintenance and equipment ------------------------------------------------------------

def cmd_mt_generate(args) -> int:
    db = open_db(args)
    as_of = _date(args.as_of) or dt.date.today()
    with db.session() as s:
        made = mt.generate_due(s, actor(args), as_of)
        out = [{"number": o.number, "due": o.plan_due.isoformat(), "state": o.state,
                "description": o.description} for o in made]
    emit(args, out, "\n".join([f"{o['number']}  {o['due']}  {o['description']}" for o in out]
                              + [f"生成保养工单 {len(out)} 张 (generated)"]))
    return 0


def cmd_mt_overdue(args) -> int:
    db = open_db(args)
    as_of = _date(args.as_of) or dt.date.today()
    with db.session() as s:
        rows = mt.overdue(s, actor(args), as_of)
    out = [{"equipment": r.equipment_code, "plan": r.plan_title, "due": r.due.isoformat(),
            "order": r.order_no, "state": r.state, "days_late": r.days_late} for r in rows]
    emit(args, out, "\n".join(
        [f"{r.due}  逾期{r.days_late}天  {r.equipment_code} {r.equipment_name}  {r.plan_title}  "
         f"{r.order_no or '未生成工单'}" for r in rows] + [f"逾期 {len(rows)} 项 (overdue)"]))
    return 0


def cmd_mt_plans(args) -> int:
    db = open_db(args)
    as_of = _date(args.as_of) or dt.date.today()
    with db.session() as s:
        rows = mt.plan_rows(s, actor(args), as_of=as_of)
    out = [{"equipment": r.equipment_code, "title": r.plan.title,
            "frequency": r.plan.frequency, "every": r.plan.every,
            "next_due": r.next_due.isoformat() if r.next_due else None,
            "last_done": r.last_done.isoformat() if r.last_done else None,
            "engineer": r.assignee_name, "overdue": r.overdue} for r in rows]
    emit(args, out, "\n".join(
        f"{r.equipment_code} {r.equipment_name}  {r.plan.title}  "
        f"{mt.describe(r.plan.frequency, r.plan.every)}  "
        f"下次 {r.next_due or '-'}  上次 {r.last_done or '-'}"
        f"{'  逾期' + str(r.overdue) + '项' if r.overdue else ''}" for r in rows))
    return 0


def cmd_mt_add(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        e = eq.equipment_by_code(s, a, args.equipment)
        plan = mt.create_plan(s, a, e.id, title=args.title, frequency=args.frequency,
                              every=args.every,
                              start_date=_date(args.start), content=args.content, post=args.post,
                              assignee_id=_operator(s, args.engineer).id if args.engineer else None)
        out = {"id": str(plan.id), "equipment": e.code, "title": plan.title,
               "frequency": plan.frequency, "start": plan.start_date.isoformat()}
    emit(args, out, f"已新增保养计划 (plan added): {out['equipment']} {out['title']}")
    return 0


def cmd_eq_add(args) -> int:
    db = open_db(args)
    with db.session() as s:
        e = eq.create_equipment(s, actor(args), code=args.code, name=args.name, kind=args.kind,
                                location=args.location, model=args.model, supplier=args.supplier,
                                install_date=_date(args.install_date),
                                warranty_until=_date(args.warranty_until))
        out = {"id": str(e.id), "code": e.code, "name": e.name, "kind": e.kind}
    emit(args, out, f"已新增设备 (equipment added): {out['code']} {out['name']}")
    return 0


def cmd_eq_list(args) -> int:
    db = open_db(args)
    with db.session() as s:
        rows = eq.list_equipment(s, actor(args), text=args.search)
        out = [{"code": e.code, "name": e.name, "kind": e.kind, "location": e.location,
                "status": e.status, "model": e.model, "supplier": e.supplier,
                "warranty_until": e.warranty_until.isoformat() if e.warranty_until else None}
               for e in rows]
    emit(args, out, "\n".join(
        f"{e['code']}  {e['name']}  {EQUIPMENT_KINDS[e['kind']]}  {e['location']}  "
        f"{EQUIPMENT_STATUSES[e['status']]}" for e in out))
    return 0


# --- complaints -------------------------------------------------------------------------------

def _cp_out(args, c, verb: str) -> int:
    """Called after the session block: ``c`` keeps its loaded values (expire_on_commit off)."""
    emit(args, {"number": c.number, "state": c.state, "department": c.department,
                "reply_due_at": c.reply_due_at.isoformat()},
         f"{verb} {c.number}：{COMPLAINT_STATES[c.state]}")
    return 0


def cmd_cp_add(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        c = cp.create_complaint(s, a, complainant=args.name, identity=args.identity,
                                phone=args.phone, content=args.text,
                                room_id=room_by_code(s, a, args.room).id if args.room else None)
    return _cp_out(args, c, "已受理投诉 (taken)")


def cmd_cp_list(args) -> int:
    db = open_db(args)
    with db.session() as s:
        rows = cp.list_complaints(s, actor(args), overdue_only=args.overdue, states=tuple(
            _code(COMPLAINT_STATES, x, "状态") for x in args.state))
    out = [{"number": r.number, "state": r.state, "room": r.room_code,
            "complainant": r.complainant, "content": r.content, "department": r.department,
            "received_at": r.received_at.isoformat(), "overdue": r.overdue} for r in rows]
    emit(args, out, "\n".join(
        f"{r.number}  {COMPLAINT_STATES[r.state]}  {'超时 ' if r.overdue else ''}{r.room_code}  "
        f"{r.complainant}  {r.content[:30]}" for r in rows))
    return 0


def _cp(args, verb: str, fn, **kw) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        c = cp.complaint_by_number(s, a, args.number)
        fn(s, a, c.id, **kw)
    return _cp_out(args, c, verb)


def cmd_cp_route(args) -> int:
    return _cp(args, "已转派 (routed)", cp.route, department=args.department,
               handler=args.handler_name)


def cmd_cp_reply(args) -> int:
    return _cp(args, "已回复 (replied)", cp.reply, method=args.method, reply=args.text,
               handling=args.handling)


def cmd_cp_close(args) -> int:
    return _cp(args, "已完成 (closed)", cp.close, satisfaction=args.satisfaction)


def cmd_cp_print(args) -> int:
    from propdesk.reports.service_pdf import complaint_pdf

    return _print_pdf(args, cp.complaint_by_number, complaint_pdf)


# --- stock --------------------------------------------------------------------------------------

def cmd_st_list(args) -> int:
    db = open_db(args)
    with db.session() as s:
        rows = stock.stock_levels(s, actor(args), text=args.search, low_only=args.low)
    out = [{"code": r.code, "name": r.name, "spec": r.spec, "unit": r.unit,
            "on_hand": str(r.on_hand), "min_qty": str(r.min_qty), "low": r.low} for r in rows]
    emit(args, out, "\n".join(
        f"{r.code}  {r.name} {r.spec}  {stock.fmt_qty(r.on_hand)}{r.unit}"
        f"{'  低于下限 ' + stock.fmt_qty(r.min_qty) if r.low else ''}" for r in rows))
    return 0


def cmd_st_item(args) -> int:
    db = open_db(args)
    with db.session() as s:
        i = stock.create_item(s, actor(args), code=args.code, name=args.name, unit=args.unit,
                              spec=args.spec, category=args.category, min_qty=args.min,
                              price=args.price)
        out = {"id": str(i.id), "code": i.code, "name": i.name}
    emit(args, out, f"已新增物料 (item added): {out['code']} {out['name']}")
    return 0


def _moves_out(args, moves, verb: str) -> int:
    emit(args, [{"doc_no": m.doc_no, "qty": str(m.qty), "override": m.override} for m in moves],
         f"{verb} {moves[0].doc_no}")
    return 0


def cmd_st_in(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        item = stock.item_by_code(s, a, args.code)
        moves = stock.stock_in(s, a, [stock.StockLine(item.id, _decimal(args.qty, "数量"),
                                                      _decimal(args.price, "进价"))],
                               supplier=args.supplier)
    return _moves_out(args, moves, "已入库 (received)")


def cmd_st_out(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        item = stock.item_by_code(s, a, args.code)
        line = [stock.StockLine(item.id, _decimal(args.qty, "数量"))]
        if args.order:
            order = wo.order_by_number(s, a, args.order)
            moves = wo.issue_materials(s, a, order.id, line, override=args.override)
        else:
            moves = stock.issue(s, a, line, recipient=args.to, override=args.override)
    return _moves_out(args, moves, "已出库 (issued)")


def cmd_st_take(args) -> int:
    db = open_db(args)
    with db.session() as s:
        a = actor(args)
        counts = {}
        for pair in args.counts:
            code, sep, qty = pair.partition("=")
            if not sep:
                raise ValidationFailed([Problem(pair, "盘点数量写作 编码=数量，如 SD-001=38.5",
                                                "write counts as CODE=QTY")])
            counts[stock.item_by_code(s, a, code).id] = _decimal(qty, code)
        res = stock.stocktake(s, a, counts, note=args.note)
        out = {"number": res.number, "rows": [
            {"code": r.code, "book": str(r.book_qty), "counted": str(r.counted_qty),
             "diff": str(r.diff), "diff_value": str(r.diff_value)} for r in res.rows]}
    emit(args, out, "\n".join(
        [f"盘点单 {res.number}"] +
        [f"{r.code} {r.name}  账面 {stock.fmt_qty(r.book_qty)}  实盘 {stock.fmt_qty(r.counted_qty)}"
         f"  {'盘盈' if r.diff > 0 else '盘亏' if r.diff < 0 else '相符'} {stock.fmt_qty(abs(r.diff))}"
         for r in res.rows]))
    return 0


def cmd_service_demo(args) -> int:
    from propdesk.services.service_desk.demo import build_demo

    db = open_db(args)
    with db.session() as s:
        counts = build_demo(s, actor(args))
    emit(args, counts, "演示数据已生成 (demo data created): "
         + ", ".join(f"{k}={v}" for k, v in counts.items()) if counts
         else "已有物料数据，未重复生成 (stock items exist; nothing done)")
    return 0
