"""Opening balances (期初欠费 / 期初预存) from Excel, all or nothing.

The first sheet has a header row with the columns::

    房间编码 | 客户 | 类型 | 收费项目 | 账期 | 金额 | 应缴日期 | 备注

* 房间编码: a room code (JD-01-1-0502) or a parking space code (JD-P1-001);
* 客户: the customer's name; empty = the current owner; it must be a current
  or past occupant of that room/space;
* 类型: 欠费 (debt, creates an opening bill item) or 预存 (prepaid credit);
* 收费项目: code or name; required for 欠费, optional for 预存 (专项预存);
* 账期: YYYY-MM, required for 欠费; 应缴日期 defaults to the period's last day;
* 金额: positive, at most two decimals.

Every bad row is reported by sheet, row and column and nothing is written.
The same file (by content) cannot be imported twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.billing.calc import yuan
from propdesk.billing.periods import Period
from propdesk.errors import Conflict, Problem, ValidationFailed
from propdesk.models import Customer, Occupancy, ParkingSpace, Room
from propdesk.models.billing import BalanceImport, FeeItem
from propdesk.money import ZERO, to_decimal
from propdesk.security import BILL_RUN, MASTER_IMPORT, Actor, require
from propdesk.services import audit
from propdesk.services.billing.common import ledger, new_slot, posting_period
from propdesk.services.billing.ledger import _post_line

COLUMNS = ["房间编码", "客户", "类型", "收费项目", "账期", "金额", "应缴日期", "备注"]
REQUIRED = ["房间编码", "类型", "金额"]


@dataclass(frozen=True)
class ImportResult:
    rows: int
    debts: int
    debt_total: Decimal
    prepaid: int
    prepaid_total: Decimal


def _cell_decimal(v) -> Decimal:
    if isinstance(v, float):
        v = repr(v)  # Excel keeps numbers as binary floats; take the shortest decimal text
    d = to_decimal(v if v is not None else "")
    if d != d.quantize(Decimal("0.01")):
        raise InvalidOperation
    return d


def import_balances(session: Session, actor: Actor, path: "str | Path", *, on: dt.date | None = None) -> ImportResult:
    import openpyxl

    require(actor, BILL_RUN)
    require(actor, MASTER_IMPORT)
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if session.scalar(select(BalanceImport.id).where(BalanceImport.file_sha256 == digest)):
        raise Conflict(f"文件 {path.name} 已导入过（内容相同），不能重复导入期初余额",
                       f"{path.name} was already imported")
    on = on or dt.date.today()
    wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(it, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationFailed([Problem(f"工作表「{ws.title}」第1行", f"缺少列：{'、'.join(missing)}（列为 {'、'.join(COLUMNS)}）",
                                        f"missing columns {missing}")])
    col = {c: header.index(c) for c in COLUMNS if c in header}
    fees = {}
    for f in session.scalars(select(FeeItem).where(FeeItem.deleted_at.is_(None))):
        fees[f.code] = fees[f.name] = f
    problems, plan = [], []
    for n, row in enumerate(it, start=2):
        if row is None or all(v in (None, "") for v in row):
            continue
        get = lambda c: row[col[c]] if c in col and col[c] < len(row) else None  # noqa: E731
        where = lambda c: f"工作表「{ws.title}」第{n}行「{c}」列"  # noqa: E731
        bad = len(problems)
        code = str(get("房间编码") or "").strip().upper()
        target = session.scalar(select(Room).where(Room.code == code, Room.deleted_at.is_(None))) if code else None
        kind = "room"
        if target is None and code:
            target, kind = session.scalar(select(ParkingSpace).where(ParkingSpace.code == code)), "space"
        if target is None:
            problems.append(Problem(where("房间编码"), f"找不到房间或车位 {code!r}", f"no room or space {code!r}"))
        typ = str(get("类型") or "").strip()
        typ = {"欠费": "debt", "期初欠费": "debt", "预存": "prepaid", "期初预存": "prepaid"}.get(typ)
        if typ is None:
            problems.append(Problem(where("类型"), "类型应为 欠费 或 预存", "type must be 欠费 or 预存"))
        try:
            amount = _cell_decimal(get("金额"))
            if amount <= 0:
                raise InvalidOperation
        except (ValueError, InvalidOperation):
            problems.append(Problem(where("金额"), f"金额无效：{get('金额')!r}（大于0，最多两位小数）", "invalid amount"))
            amount = None
        fee_text = str(get("收费项目") or "").strip()
        fee = fees.get(fee_text) or fees.get(fee_text.upper())
        if fee_text and fee is None:
            problems.append(Problem(where("收费项目"), f"找不到收费项目 {fee_text!r}", f"no fee item {fee_text!r}"))
        period = due = None
        if typ == "debt":
            if not fee_text:
                problems.append(Problem(where("收费项目"), "期初欠费必须写明收费项目", "a debt needs a fee item"))
            try:
                period = Period.parse(str(get("账期") or ""))
            except ValueError:
                problems.append(Problem(where("账期"), f"账期应为 YYYY-MM：{get('账期')!r}", "period must be YYYY-MM"))
            d = get("应缴日期")
            if isinstance(d, dt.datetime):
                due = d.date()
            elif isinstance(d, dt.date):
                due = d
            elif d not in (None, ""):
                try:
                    due = dt.date.fromisoformat(str(d).strip())
                except ValueError:
                    problems.append(Problem(where("应缴日期"), f"日期无效：{d!r}", "invalid date"))
            if due is None and period is not None:
                due = period.last_day
        customer = None
        if target is not None:
            name = str(get("客户") or "").strip()
            occ = select(Occupancy.customer_id, Customer.name).join(Customer, Customer.id == Occupancy.customer_id).where(
                (Occupancy.room_id if kind == "room" else Occupancy.space_id) == target.id,
                Occupancy.deleted_at.is_(None))
            rows = list(session.execute(occ.where(Customer.name == name) if name else
                                        occ.where(Occupancy.role == "owner", Occupancy.end_date.is_(None))))
            if not rows:
                problems.append(Problem(where("客户"), f"{code} 没有{'名为 ' + name + ' 的住户' if name else '当前业主'}，请填写客户姓名",
                                        f"no such occupant of {code}"))
            else:
                customer = rows[0][0]
        if len(problems) == bad:
            plan.append((n, typ, target, kind, customer, fee, period, due, amount, str(get("备注") or "")))
    wb.close()
    if problems:
        raise ValidationFailed(problems)
    doc = BalanceImport(file_sha256=digest, file_name=path.name[:256], row_count=len(plan), debt_total=ZERO,
                        prepaid_total=ZERO, operator_name=actor.label[:64])
    debts = prepaid = 0
    dsum = psum = ZERO
    for n, typ, target, kind, cid, fee, period, due, amount, note in plan:
        if typ == "debt":
            _post_line(session, actor, None, kind="opening", amount=amount, slot=new_slot(period), on=on,
                       reason=note or f"期初欠费导入 {path.name} 第{n}行",
                       formula=f"期初欠费 {fee.name} {period}：{yuan(amount)} 元（{path.name} 第{n}行）",
                       customer_id=cid, estate_id=target.estate_id,
                       building_id=getattr(target, "building_id", None), target=(kind, target.id, target.code),
                       fee_item_id=fee.id, bill_period=period, due=due)
            debts, dsum = debts + 1, dsum + amount
        else:
            ledger(session, actor, customer_id=cid, account="prepaid", amount=amount,
                   earmark_id=fee.id if fee else None, kind="opening_prepaid", doc_type="balance_import",
                   doc_id=_doc_id(doc), on=on,
                   post_period=posting_period(session, target.estate_id, Period.of(on)), estate_id=target.estate_id,
                   memo=note or f"期初预存（{path.name} 第{n}行）")
            prepaid, psum = prepaid + 1, psum + amount
    doc.debt_total, doc.prepaid_total = dsum, psum
    session.add(doc)
    session.flush()
    audit.record(session, actor, "import", "balance_import", doc.id,
                 after={"file": path.name, "rows": len(plan), "debt": str(dsum), "prepaid": str(psum)},
                 summary=f"导入期初余额 {path.name}：欠费 {debts} 笔 {yuan(dsum)} 元，预存 {prepaid} 笔 {yuan(psum)} 元")
    return ImportResult(len(plan), debts, dsum, prepaid, psum)


def _doc_id(doc: BalanceImport):
    from propdesk.ids import uuid7

    if doc.id is None:
        doc.id = uuid7()
    return doc.id
