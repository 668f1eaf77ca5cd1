"""Cashier commands: pay, receipts (print, verify, void, refund), shifts, dunning, layouts.

The command line acts as the machine's administrator (see
``propdesk.security.system_actor``), so void, refund and reprint need no
extra authorization here, only a ``--reason``.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from propdesk.cli.common import actor, add, add_group, emit, open_db
from propdesk.cli.devices import device_failed, printer_config, printer_options
from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models.cashier import PAY_METHODS, REFUND_METHODS
from propdesk.money import fmt, to_decimal


def _date(text: str | None) -> dt.date:
    if not text:
        from propdesk.clock import today

        return today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed([Problem("日期", f"日期格式应为 YYYY-MM-DD：{text}", f"bad date {text}")]) from None


def _money(text: str | None) -> Decimal | None:
    return None if text is None else to_decimal(text)


def register(sub, common) -> None:
    methods = ", ".join(f"{k}={v}" for k, v in PAY_METHODS.items())
    p = add(sub, common, "pay", cmd_pay, "收费：缴清房间的欠费并出收据 (pay a room's outstanding lines)")
    p.add_argument("--room", required=True, help="房间或车位编码 (room or space code), e.g. JD-01-1-0502")
    p.add_argument("--method", default="cash", choices=sorted(PAY_METHODS), help=f"收款方式 ({methods})")
    p.add_argument("--amount", help="本次缴纳金额，少于应缴时按规则部分缴费 (partial amount)")
    p.add_argument("--tendered", help="现金实收，多出部分找零 (cash handed over)")
    p.add_argument("--topup", help="同时预存金额 (prepayment to add)")
    p.add_argument("--customer", help="房间有多位缴费人时指定姓名 (payer name when several)")
    p.add_argument("--as-of", help="滞纳金计算日期 (late fees as of, default today)")
    p.add_argument("--reference", default="", help="交易单号 (transaction reference)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--port", help="打印到热敏打印机串口 (print on the thermal printer at PORT)")
    out.add_argument("--print", dest="print_receipt", action="store_true",
                     help="打印到本机收据打印机（终端设备）(print on this terminal's receipt printer)")
    out.add_argument("--pdf", help="收据输出为PDF文件 (write the receipt as a PDF)")

    rc = add_group(sub, common, "receipt", "收据 (receipts)")
    p = add(rc, common, "print", cmd_receipt_print,
            "打印或补打收据，默认打印到本机收据打印机 (print or reprint a receipt; default this terminal's printer)")
    p.add_argument("number")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--port", help="热敏打印机串口，不填为本机收据打印机（终端设备）"
                                    "(thermal printer port; default this terminal's receipt printer)")
    out.add_argument("--pdf", help="输出PDF文件 (PDF file)")
    p.add_argument("--layout", default="", help="收费单打印格式名称，默认本机所选格式 (layout name)")
    p.add_argument("--reason", default="", help="补打原因（补打时必填）(reason, required for a copy)")
    printer_options(p)
    p = add(rc, common, "verify", cmd_receipt_verify, "核验收据 (verify a receipt by its code or QR text)")
    p.add_argument("code")
    p = add(rc, common, "void", cmd_receipt_void, "作废收据（仅限本班次）(void a receipt in its open shift)")
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    p = add(rc, common, "refund", cmd_receipt_refund, "退款 (refund a receipt, fully or partly)")
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    p.add_argument("--amount", help="部分退款金额 (partial amount; default all refundable)")
    p.add_argument("--method", choices=sorted(REFUND_METHODS), help="退款方式 (refund method)")
    p.add_argument("--reference", default="")

    sh = add_group(sub, common, "shift", "班次：交班、审批、日收费明细表 (cashier shifts)")
    p = add(sh, common, "list", cmd_shift_list, "列出班次 (list shifts)")
    p.add_argument("--state", choices=["open", "closed", "approved"], default="")
    p = add(sh, common, "close", cmd_shift_close, "交班 (close a shift)")
    p.add_argument("number", help="班次号 (shift number), e.g. BC-T01-20261123-01")
    p.add_argument("--counted", required=True, help="实点现金 (cash counted)")
    p.add_argument("--note", default="")
    p = add(sh, common, "approve", cmd_shift_approve, "收款审批/入账 (finance approves a closed shift)")
    p.add_argument("number")
    p.add_argument("--note", default="")
    p = add(sh, common, "report", cmd_shift_report, "日收费明细表PDF (shift report PDF)")
    p.add_argument("number")
    p.add_argument("--pdf", required=True)

    p = add(sub, common, "dunning", cmd_dunning, "催缴通知单：每栋楼一个PDF (dunning notices, one PDF per building)")
    p.add_argument("--estate", required=True, help="小区编码 (estate code)")
    p.add_argument("--building", help="只打印这栋楼 (this building only)")
    p.add_argument("--as-of", help="欠费和滞纳金截至日期 (as of, default today)")
    p.add_argument("--pay-by", help="缴费期限 (pay by, default as-of + 15 days)")
    p.add_argument("--out", required=True, help="输出目录 (output directory)")

    lay = add_group(sub, common, "receipt-layout", "收费单打印格式 (receipt layouts)")
    add(lay, common, "list", cmd_layout_list, "列出格式 (list layouts)")
    p = add(lay, common, "set", cmd_layout_set, "新建或修改格式（JSON）(create or change a layout from JSON)")
    p.add_argument("name")
    p.add_argument("--kind", required=True, choices=["thermal", "pdf"])
    p.add_argument("--spec", dest="spec_file", required=True, help="JSON文件，- 为标准输入 (JSON file or -)")
    p.add_argument("--default", action="store_true", help="设为默认 (make it the default)")


def _payer(s, a, code: str, name: str | None):
    from propdesk.models import Customer
    from propdesk.services.cashier import payer

    kind, target_id = payer.target_by_code(s, code)
    ids = payer.customers_of(s, kind, target_id)
    if name:
        ids = [i for i in ids if s.get(Customer, i).name == name]
    if not ids:
        raise NotFound(f"{code} 没有当前缴费人{('：' + name) if name else ''}", f"no current payer for {code}")
    return ids, target_id


def cmd_pay(args) -> int:
    from propdesk.services.cashier import payments
    from propdesk.services.cashier.payments import PaymentRequest, Tender

    db = open_db(args)
    a = actor(args)
    as_of = _date(args.as_of)
    with db.session() as s:
        ids, target_id = _payer(s, a, args.room, args.customer)
        chosen = None
        for cid in ids:
            q = payments.quote(s, a, cid, as_of)
            lines = [ln for ln in q.lines if ln.target_id == target_id]
            if lines:
                chosen = (cid, lines)
                break
        topup = _money(args.topup) or Decimal("0")
        if chosen is None and not topup:
            emit(args, {"ok": True, "room": args.room, "total": "0.00", "receipt": None},
                 f"{args.room} 没有欠费 (nothing outstanding)")
            return 0
        cid, lines = chosen or (ids[0], [])
        plan = payments.plan(lines, _money(args.amount), topup)
        tendered = _money(args.tendered) if args.method == "cash" else None
        res = payments.collect(s, a, PaymentRequest(
            cid, as_of, [ln.key for ln in lines],
            [Tender(args.method, plan.total, tendered, args.reference)],
            amount=_money(args.amount), topup=topup, expected_total=plan.total))
    out = {"ok": True, "receipt": res.receipt_number, "total": str(res.total), "change": str(res.change),
           "code": res.code, "room": args.room}
    emit(args, out, f"收据 {res.receipt_number}  合计 {fmt(res.total)} 元"
                    + (f"  找零 {fmt(res.change)} 元" if res.change else "") + f"  核验码 {res.code}")
    if args.pdf:
        _print(args, db, a, res.receipt_number, printer=None, pdf=args.pdf, layout="", reason="")
    elif args.port or args.print_receipt:   # the payment stands even when the printer fails: reprint later
        return _print_thermal(args, db, a, res.receipt_number, layout="", reason="")[0]
    return 0


def _print(args, db, a, number: str, *, printer, pdf: str | None, layout: str, reason: str) -> bool:
    """Record the print and send the receipt to ``printer`` (a DeviceConfig) or the ``pdf``
    file, in one transaction: a print that fails is not recorded.  True for a copy (副本)."""
    from propdesk.receipts import escpos, pdf as pdf_render
    from propdesk.services.cashier import corrections, layouts
    from propdesk.services.cashier.receipts import find_receipt

    target = "pdf" if pdf else "escpos"
    with db.session() as s:
        copy = corrections.is_printed(s, find_receipt(s, number).id)
        if copy and not reason:
            raise ValidationFailed([Problem("原因", "该收据已打印过，补打须用 --reason 写明原因",
                                            "already printed: give --reason for the copy")])
        chosen = layouts.printer_settings(s)
        kind = "pdf" if pdf else "thermal"
        lay = layouts.layout_for(s, kind, layout or (chosen.pdf_layout if pdf else chosen.thermal_layout))
        data = corrections.record_print(s, a, number, target, reason=reason)
        now = dt.datetime.now().replace(second=0, microsecond=0)
        if pdf:
            Path(pdf).write_bytes(pdf_render.render(data, lay, printed_at=now))
        else:
            with printer.open(log=_trace(args)) as device:
                escpos.print_receipt(device, data, lay, printed_at=now)
    return data.copy


def _trace(args):
    from propdesk.cli.devices import _trace as trace

    return trace(args)


def _print_thermal(args, db, a, number: str, *, layout: str, reason: str) -> tuple[int, bool]:
    """(exit code, copy): print on ``--port`` or this terminal's printer; a device error
    is printed like every device command's and becomes its exit code (20–29)."""
    from drivers.errors import DeviceError

    printer = printer_config(args, hint="，或用 --pdf 输出PDF", hint_en=", or use --pdf")
    try:
        return 0, _print(args, db, a, number, printer=printer, pdf=None, layout=layout, reason=reason)
    except DeviceError as exc:
        return device_failed(args, exc, printer), False


def cmd_receipt_print(args) -> int:
    db = open_db(args)
    if args.pdf:
        copy = _print(args, db, actor(args), args.number, printer=None, pdf=args.pdf, layout=args.layout,
                      reason=args.reason)
        where = args.pdf
    else:
        rc, copy = _print_thermal(args, db, actor(args), args.number, layout=args.layout, reason=args.reason)
        if rc:
            return rc
        where = args.port or printer_config(args).port
    emit(args, {"ok": True, "receipt": args.number, "copy": copy, "to": where},
         f"{'补打（副本）' if copy else '已打印'} {args.number} → {where}")
    return 0


def cmd_receipt_verify(args) -> int:
    from propdesk.services.cashier.receipts import verify_receipt

    db = open_db(args)
    with db.session() as s:
        v = verify_receipt(s, args.code)
    emit(args, {"status": v.status, "genuine": v.genuine, "number": v.number,
                "amount": str(v.amount) if v.amount is not None else None,
                "issued_at": v.issued_at.isoformat() if v.issued_at else None, "payer": v.payer,
                "refunded": str(v.refunded), "message": v.zh, "message_en": v.en},
         f"{v.zh}\n({v.en})" + (f"\n收款时间 {v.issued_at:%Y-%m-%d %H:%M}  金额 {fmt(v.amount)} 元  交款人 {v.payer}"
                                 if v.issued_at and v.amount is not None else ""))
    return 0 if v.genuine else 7


def cmd_receipt_void(args) -> int:
    from propdesk.services.cashier import corrections

    db = open_db(args)
    with db.session() as s:
        r = corrections.void(s, actor(args), args.number, args.reason)
    emit(args, {"ok": True, "receipt": r.receipt_number, "amount": str(r.amount)},
         f"已作废收据 {r.receipt_number}（{fmt(r.amount)} 元），欠费已恢复")
    return 0


def cmd_receipt_refund(args) -> int:
    from propdesk.services.cashier import corrections

    db = open_db(args)
    with db.session() as s:
        r = corrections.refund(s, actor(args), args.number, args.reason, amount=_money(args.amount),
                               method=args.method, reference=args.reference)
    emit(args, {"ok": True, "refund": r.number, "receipt": r.receipt_number, "amount": str(r.amount),
                "method": r.method},
         f"退款单 {r.number}：收据 {r.receipt_number} 退 {fmt(r.amount)} 元（{PAY_METHODS[r.method]}）")
    return 0


def _shift_by_number(s, number: str):
    from sqlalchemy import select

    from propdesk.models.cashier import Shift

    sh = s.scalar(select(Shift).where(Shift.number == number.strip().upper()))
    if sh is None:
        raise NotFound(f"找不到班次 {number}", f"no shift {number}")
    return sh


def cmd_shift_list(args) -> int:
    from propdesk.services.cashier import shifts

    db = open_db(args)
    with db.session() as s:
        rows = [{"number": x.shift.number, "cashier": x.shift.operator_name, "terminal": x.shift.terminal,
                 "state": x.state, "takings": str(x.takings), "expected_cash": str(x.expected_cash),
                 "payments": x.payments}
                for x in shifts.list_shifts(s, actor(args), state=args.state)]
    states = {"open": "未交班", "closed": "已交班", "approved": "已审批"}
    emit(args, rows, "\n".join(f"{r['number']}  {r['cashier']}  {states[r['state']]}  "
                               f"收款 {r['payments']} 笔  实收 {r['takings']}" for r in rows) or "没有班次")
    return 0


def cmd_shift_close(args) -> int:
    from propdesk.services.cashier import shifts

    db = open_db(args)
    with db.session() as s:
        sh = _shift_by_number(s, args.number)
        c = shifts.close_shift(s, actor(args), sh.id, to_decimal(args.counted), args.note)
        out = {"ok": True, "shift": sh.number, "expected_cash": str(c.expected_cash),
               "counted_cash": str(c.counted_cash), "difference": str(c.counted_cash - c.expected_cash),
               "takings": str(c.takings)}
    emit(args, out, f"已交班 {out['shift']}：应有现金 {out['expected_cash']}，实点 {out['counted_cash']}，"
                    f"差额 {out['difference']}，实收合计 {out['takings']}")
    return 0


def cmd_shift_approve(args) -> int:
    from propdesk.services.cashier import shifts

    db = open_db(args)
    with db.session() as s:
        sh = _shift_by_number(s, args.number)
        shifts.approve_shift(s, actor(args), sh.id, args.note)
    emit(args, {"ok": True, "shift": args.number}, f"已审批入账 {args.number}")
    return 0


def cmd_shift_report(args) -> int:
    from propdesk.services.cashier import reports

    db = open_db(args)
    with db.session() as s:
        sh = _shift_by_number(s, args.number)
        Path(args.pdf).write_bytes(reports.shift_report(s, actor(args), sh.id))
    emit(args, {"ok": True, "shift": args.number, "pdf": args.pdf}, f"日收费明细表 → {args.pdf}")
    return 0


def cmd_dunning(args) -> int:
    from propdesk.services.cashier import dunning

    db = open_db(args)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    as_of = _date(args.as_of)
    files = []
    with db.session() as s:
        for b in dunning.for_buildings(s, actor(args), as_of, estate_code=args.estate,
                                       building_code=args.building,
                                       pay_by=_date(args.pay_by) if args.pay_by else None):
            if not b.notices:
                continue
            path = out_dir / f"催缴通知单_{b.label.split()[0]}_{as_of:%Y%m%d}.pdf"
            path.write_bytes(b.pdf())
            files.append({"building": b.label, "customers": len(b.notices), "total": str(b.total),
                          "pdf": str(path)})
    emit(args, files, "\n".join(f"{f['building']}：{f['customers']} 户，合计 {f['total']} 元 → {f['pdf']}"
                                for f in files) or "没有欠费客户 (no arrears)")
    return 0


def cmd_layout_list(args) -> int:
    from propdesk.services.cashier import layouts

    db = open_db(args)
    with db.session() as s:
        rows = [{"name": r.name, "kind": r.kind, "default": r.is_default} for r in layouts.list_layouts(s, actor(args))]
    emit(args, rows, "\n".join(f"{r['name']}  {r['kind']}{'  默认' if r['default'] else ''}" for r in rows)
         or "没有自定义格式，使用内置格式 (built-in layouts in use)")
    return 0


def cmd_layout_set(args) -> int:
    from propdesk.services.cashier import layouts

    text = sys.stdin.read() if args.spec_file == "-" else Path(args.spec_file).read_text(encoding="utf-8")
    db = open_db(args)
    with db.session() as s:
        layouts.save_layout(s, actor(args), name=args.name, kind=args.kind, spec=text, is_default=args.default)
    emit(args, {"ok": True, "name": args.name}, f"已保存收费单打印格式 {args.name}")
    return 0
