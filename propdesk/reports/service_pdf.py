"""The service desk's printed forms: 工程报修单 and 投诉处理受理单 (PDF, A4 or A5).

They look like the forms offices print and carry around: the office's name
and the form's title, the number at the top right, a ruled table of labelled
fields, the materials and charges of a repair with the total in figures and
in Chinese uppercase, check boxes (■/□) for the coded choices, and signature
lines.  A form is printed at dispatch for the engineer to carry (blank rows
and boxes are left to fill by hand) and again when complete, for the file.

Building a form (:func:`repair_form`, :func:`complaint_form`) reads the
database through the services; rendering (:func:`render_repair`,
:func:`render_complaint`) is a pure function of the form.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from propdesk.models import Company, Estate, Region, Room
from propdesk.money import chinese_uppercase, fmt
from propdesk.reports.fonts import cjk_font
from propdesk.security import Actor
from propdesk.services.service_desk import complaints as cp
from propdesk.services.service_desk import stock, workorders as wo
from propdesk.services.service_desk.codes import (
    CATEGORIES, DEPARTMENTS, IDENTITIES, REPLY_METHODS, SATISFACTION, STATES, URGENCIES,
    WORK_ORDER_KINDS,
)

INK = colors.HexColor("#1F2933")
RULE = colors.HexColor("#333333")
SHADE = colors.HexColor("#F1F3F5")
GREY = colors.HexColor("#6B7280")
BLANK_MATERIAL_ROWS = 3


def page_size(page: str):
    """A4 portrait, or A5 landscape (half an A4 sheet, as repair slips are)."""
    if page.upper() == "A5":
        return landscape(A5)
    if page.upper() == "A4":
        return A4
    raise ValueError(f"unknown page size {page!r} (A4 or A5)")


def boxes(mapping: dict[str, str], chosen: str) -> str:
    """Check boxes for a coded choice: ■满意 □基本满意 □不满意."""
    return "  ".join(("■" if code == chosen else "□") + label for code, label in mapping.items())


def _t(value: dt.datetime | dt.date | None, fmt_: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(fmt_)
    return value.strftime("%Y-%m-%d")


def _office(session: Session, estate_id: uuid.UUID | None) -> tuple[str, str]:
    """(company name, estate name) for the form's heading."""
    if estate_id is None:
        company = session.query(Company).filter(Company.deleted_at.is_(None)).first()
        return (company.name if company else "", "")
    estate = session.get(Estate, estate_id)
    region = session.get(Region, estate.region_id)
    company = session.get(Company, region.company_id) if region else None
    return (company.name if company else "", estate.name)


# --- the data on the forms --------------------------------------------------------------

@dataclass(frozen=True)
class MaterialRow:
    name: str
    qty: str
    unit: str
    price: str
    amount: str


@dataclass(frozen=True)
class RepairForm:
    company: str
    estate: str
    number: str
    kind: str
    room: str
    reporter: str
    contact: str
    category: str
    urgency: str
    description: str
    reported_at: str
    appointment_at: str
    due_at: str
    taken_by: str
    engineer: str
    dispatched_at: str
    finished_at: str
    result: str
    labour_hours: str
    chargeable: bool
    materials: tuple[MaterialRow, ...]
    total: str
    total_upper: str
    satisfaction: str
    visit_comment: str
    visited_at: str
    visitor: str
    state: str
    equipment: str = ""


def repair_form(session: Session, actor: Actor, order_id: uuid.UUID) -> RepairForm:
    d = wo.order_detail(session, actor, order_id)
    o = d.order
    company, estate = _office(session, o.estate_id)
    rows = []
    for line in d.charge_lines:
        if line.label == "人工费":
            rows.append(MaterialRow("人工费", stock.fmt_qty(line.qty), line.unit, "",
                                    fmt(line.amount)))
        else:
            rows.append(MaterialRow(line.label, stock.fmt_qty(line.qty), line.unit,
                                    fmt(line.unit_price), fmt(line.amount)))
    total = d.charge_total
    return RepairForm(
        company=company, estate=estate, number=o.number, kind=WORK_ORDER_KINDS[o.kind],
        room=d.room_code or o.location, reporter=o.reporter, contact=o.contact,
        category=o.category, urgency=o.urgency, description=o.description,
        reported_at=_t(o.reported_at), appointment_at=_t(o.appointment_at), due_at=_t(o.due_at),
        taken_by=o.taken_by, engineer=d.assignee_name, dispatched_at=_t(o.dispatched_at),
        finished_at=_t(o.finished_at), result=o.result,
        labour_hours=stock.fmt_qty(o.labour_hours) if o.labour_hours else "",
        chargeable=o.chargeable, materials=tuple(rows),
        total=fmt(total) if (rows and o.chargeable) else "",
        total_upper=chinese_uppercase(total) if (rows and o.chargeable) else "",
        satisfaction=o.satisfaction, visit_comment=o.visit_comment, visited_at=_t(o.visited_at),
        visitor=o.visitor, state=STATES[o.state], equipment=d.equipment_label)


@dataclass(frozen=True)
class ComplaintForm:
    company: str
    estate: str
    number: str
    complainant: str
    identity: str
    phone: str
    room: str
    received_at: str
    received_by: str
    content: str
    department: str
    handler: str
    handling: str
    reply_method: str
    reply: str
    replied_at: str
    satisfaction: str
    completed_on: str
    state: str
    note: str = ""


def complaint_form(session: Session, actor: Actor, complaint_id: uuid.UUID) -> ComplaintForm:
    c = cp.get_complaint(session, actor, complaint_id)
    room = session.get(Room, c.room_id) if c.room_id else None
    company, estate = _office(session, c.estate_id)
    return ComplaintForm(
        company=company, estate=estate, number=c.number, complainant=c.complainant,
        identity=c.identity, phone=c.phone, room=room.code if room else "",
        received_at=_t(c.received_at), received_by=c.received_by, content=c.content,
        department=DEPARTMENTS.get(c.department, ""), handler=c.handler, handling=c.handling,
        reply_method=c.reply_method, reply=c.reply, replied_at=_t(c.replied_at),
        satisfaction=c.satisfaction, completed_on=_t(c.completed_on),
        state=cp.COMPLAINT_STATES[c.state], note=c.note)


# --- rendering ----------------------------------------------------------------------------

@dataclass
class _Styles:
    font: str
    size: float
    cell: ParagraphStyle = field(init=False)
    label: ParagraphStyle = field(init=False)
    title: ParagraphStyle = field(init=False)
    org: ParagraphStyle = field(init=False)
    small: ParagraphStyle = field(init=False)
    right: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        s, f = self.size, self.font
        base = dict(fontName=f, textColor=INK, wordWrap="CJK")
        self.cell = ParagraphStyle("cell", fontSize=s, leading=s * 1.35, **base)
        self.label = ParagraphStyle("label", fontSize=s, leading=s * 1.35, alignment=TA_CENTER,
                                    **base)
        self.title = ParagraphStyle("title", fontSize=s * 2, leading=s * 2.5,
                                    alignment=TA_CENTER, **base)
        self.org = ParagraphStyle("org", fontSize=s * 1.2, leading=s * 1.6, alignment=TA_CENTER,
                                  **base)
        self.small = ParagraphStyle("small", fontSize=s * 0.85, leading=s * 1.2,
                                    **(base | {"textColor": GREY}))
        self.right = ParagraphStyle("right", fontSize=s, leading=s * 1.35, alignment=TA_RIGHT,
                                    **base)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    safe = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe.replace("\n", "<br/>"), style)


def _doc(buf: io.BytesIO, page: str, title: str, number: str) -> SimpleDocTemplate:
    size = page_size(page)
    margin = 10 * mm if page.upper() == "A5" else 15 * mm
    return SimpleDocTemplate(buf, pagesize=size, leftMargin=margin, rightMargin=margin,
                             topMargin=margin * 0.8, bottomMargin=margin * 0.8,
                             title=f"{title} {number}", author="PropDesk", subject=title)


def _heading(st: _Styles, width: float, org: str, title: str, left: str, number: str) -> list:
    head = Table([[_p(left, st.cell), _p(f"编号：{number}", st.right)]],
                 colWidths=[width / 2, width / 2])
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    out = []
    if org.strip():
        out.append(_p(org, st.org))
    out += [_p(title, st.title), Spacer(1, 1 * mm), head]
    return out


def _grid_style(extra: list, pad: float = 2.2) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BOX", (0, 0), (-1, -1), 1.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ])


def _at_least(cell: Paragraph, width: float, minimum: float, pad: float) -> float:
    """A row height of ``minimum``, or more when the text needs it (never overflowing)."""
    _w, h = cell.wrap(width - 6, 10_000)
    return max(minimum, h + 2 * pad + 2)


def _signatures(st: _Styles, width: float, names: list[str]) -> Table:
    cells = [_p(f"{n}：________________", st.cell) for n in names]
    t = Table([cells], colWidths=[width / len(names)] * len(names))
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 8)]))
    return t


def render_repair(form: RepairForm, *, page: str = "A5",
                  printed_at: dt.datetime | None = None) -> bytes:
    """The 工程报修单 of one work order."""
    font = cjk_font().name
    a5 = page.upper() == "A5"
    st = _Styles(font, 7.5 if a5 else 10)
    buf = io.BytesIO()
    doc = _doc(buf, page, "工程报修单", form.number)
    w = doc.width
    cols = [w * f for f in (0.13, 0.21, 0.12, 0.21, 0.12, 0.21)]
    L, V = (lambda s: _p(s, st.label)), (lambda s: _p(s, st.cell))
    title = {"报修": "工程报修单", "公区": "公共区域维修单", "保养": "设备保养工单"}[form.kind]
    place_label = "报修房号" if form.kind == "报修" else "位置/设备"
    place = form.room + (f"（{form.equipment}）" if form.equipment else "")
    rows = [
        [L(place_label), V(place), L("报修人"), V(form.reporter), L("联系电话"), V(form.contact)],
        [L("报修时间"), V(form.reported_at), L("报修类别"), V(CATEGORIES.get(form.category, "")),
         L("紧急程度"), V(URGENCIES.get(form.urgency, ""))],
        [L("预约时间"), V(form.appointment_at), L("完成时限"), V(form.due_at), L("受理人"),
         V(form.taken_by)],
        [L("报修内容"), V(form.description), "", "", "", ""],
        [L("维修人员"), V(form.engineer), L("派工时间"), V(form.dispatched_at), L("完工时间"),
         V(form.finished_at)],
        [L("处理结果"), V(form.result), "", "", "", ""],
        [L("收费方式"), V(("■有偿维修  □无偿维修") if form.chargeable else "□有偿维修  ■无偿维修"),
         "", "", L("工时"), V(form.labour_hours + (" 小时" if form.labour_hours else ""))],
    ]
    spans = [("SPAN", (1, 3), (5, 3)), ("SPAN", (1, 5), (5, 5)), ("SPAN", (1, 6), (3, 6))]
    tall = [(3, 9 * mm if a5 else 22 * mm), (5, 9 * mm if a5 else 20 * mm)]
    # Materials and charges: 名称规格 | 数量 | 单位 | 单价 | 金额
    head = len(rows)
    rows.append([L("用料及费用（名称/规格）"), "", L("数量"), L("单位"), L("单价（元）"), L("金额（元）")])
    spans.append(("SPAN", (0, head), (1, head)))
    materials = list(form.materials) or []
    blanks = max(0, BLANK_MATERIAL_ROWS - len(materials))
    for m in materials:
        r = len(rows)
        rows.append([V(m.name), "", _p(m.qty, st.right), L(m.unit), _p(m.price, st.right),
                     _p(m.amount, st.right)])
        spans.append(("SPAN", (0, r), (1, r)))
    for _ in range(blanks):
        r = len(rows)
        rows.append(["", "", "", "", "", ""])
        spans.append(("SPAN", (0, r), (1, r)))
    r = len(rows)
    rows.append([L("合计（大写）"), V(form.total_upper), "", "", L("小写"),
                 _p(("￥" + form.total) if form.total else "", st.right)])
    spans.append(("SPAN", (1, r), (3, r)))
    shaded = [("BACKGROUND", (0, i), (0, i), SHADE) for i in range(head)]
    shaded += [("BACKGROUND", (c, i), (c, i), SHADE) for i in range(head) for c in (2, 4)
               if i not in (3, 5) and not (i == 6 and c == 2)]
    shaded.append(("BACKGROUND", (0, head), (-1, head), SHADE))
    r = len(rows)
    rows.append([L("回访情况"), V(boxes(SATISFACTION, form.satisfaction)), "", "", L("回访人"),
                 V(form.visitor)])
    rows.append([L("回访意见"), V(form.visit_comment), "", "", L("回访时间"), V(form.visited_at)])
    spans += [("SPAN", (1, r), (3, r)), ("SPAN", (1, r + 1), (3, r + 1))]
    shaded += [("BACKGROUND", (0, i), (0, i), SHADE) for i in (r - 1, r, r + 1)]
    shaded += [("BACKGROUND", (4, i), (4, i), SHADE) for i in (r - 1, r, r + 1)]
    pad = 1.0 if a5 else 2.6
    heights = [None] * len(rows)
    for i, h in tall:
        heights[i] = _at_least(rows[i][1], sum(cols[1:]), h, pad)
    for i in range(head + 1, head + 1 + len(materials) + blanks):
        heights[i] = 4.6 * mm if a5 else 7 * mm
    table = Table(rows, colWidths=cols, rowHeights=heights, repeatRows=0)
    table.setStyle(_grid_style(spans + shaded, pad=pad))
    org = " ".join(x for x in (form.company, form.estate + ("管理处" if form.estate else "")) if x)
    story = _heading(st, w, org, title, f"状态：{form.state}", form.number)
    story += [Spacer(1, 1 * mm), table,
              _signatures(st, w, ["报修人签字", "维修人员签字", "客服签字"]),
              Spacer(1, 1 * mm if a5 else 3 * mm),
              _p("第一联 客服中心存根　第二联 工程部　第三联 业主（报修人）"
                 f"　　打印时间 {_t(printed_at or dt.datetime.now())}", st.small)]
    doc.build(story)
    return buf.getvalue()


def render_complaint(form: ComplaintForm, *, page: str = "A4",
                     printed_at: dt.datetime | None = None) -> bytes:
    """The 投诉处理受理单 of one complaint."""
    font = cjk_font().name
    a5 = page.upper() == "A5"
    st = _Styles(font, 7.5 if a5 else 10.5)
    buf = io.BytesIO()
    doc = _doc(buf, page, "投诉处理受理单", form.number)
    w = doc.width
    cols = [w * f for f in (0.15, 0.35, 0.15, 0.35)]
    L, V = (lambda s: _p(s, st.label)), (lambda s: _p(s, st.cell))
    rows = [
        [L("投诉人"), V(form.complainant), L("联系电话"), V(form.phone)],
        [L("身份"), V(boxes(IDENTITIES, form.identity)), "", ""],
        [L("房号"), V(form.room), L("受理时间"), V(form.received_at)],
        [L("投诉内容"), V(form.content), "", ""],
        [L("受理人"), V(form.received_by), L("责任部门"), V(form.department)],
        [L("处理人"), V(form.handler), L("状态"), V(form.state)],
        [L("处理情况"), V(form.handling), "", ""],
        [L("回复方式"), V(boxes(REPLY_METHODS, form.reply_method)), "", ""],
        [L("回复内容"), V(form.reply), "", ""],
        [L("回复时间"), V(form.replied_at), L("完成日期"), V(form.completed_on)],
        [L("满意度"), V(boxes(SATISFACTION, form.satisfaction)), "", ""],
        [L("备注"), V(form.note), "", ""],
    ]
    spans = [("SPAN", (1, i), (3, i)) for i in (1, 3, 6, 7, 8, 10, 11)]
    shaded = [("BACKGROUND", (0, i), (0, i), SHADE) for i in range(len(rows))]
    shaded += [("BACKGROUND", (2, i), (2, i), SHADE) for i in (0, 2, 4, 5, 9)]
    pad = 1.0 if a5 else 3.2
    heights = [None] * len(rows)
    tall = ((3, 12, 52), (6, 12, 52), (8, 8, 32), (11, 5, 14))  # row, A5 mm, A4 mm
    for i, small, large in tall:
        heights[i] = _at_least(rows[i][1], sum(cols[1:]), (small if a5 else large) * mm, pad)
    table = Table(rows, colWidths=cols, rowHeights=heights)
    top = [("VALIGN", (1, i), (1, i), "TOP") for i in (3, 6, 8, 11)]
    table.setStyle(_grid_style(spans + shaded + top, pad=pad))
    org = " ".join(x for x in (form.company, form.estate + ("管理处" if form.estate else "")) if x)
    story = _heading(st, w, org, "投诉处理受理单", f"受理日期：{form.received_at[:10]}",
                     form.number)
    story += [Spacer(1, 1 * mm), table,
              _signatures(st, w, ["投诉人确认", "部门负责人", "管理处主任"]),
              Spacer(1, 1 * mm if a5 else 3 * mm),
              _p(f"本单一式两联：第一联 客服中心存档　第二联 责任部门"
                 f"　　打印时间 {_t(printed_at or dt.datetime.now())}", st.small)]
    doc.build(story)
    return buf.getvalue()


def work_order_pdf(session: Session, actor: Actor, order_id: uuid.UUID, *, page: str = "A5",
                   printed_at: dt.datetime | None = None) -> bytes:
    return render_repair(repair_form(session, actor, order_id), page=page, printed_at=printed_at)


def complaint_pdf(session: Session, actor: Actor, complaint_id: uuid.UUID, *, page: str = "A4",
                  printed_at: dt.datetime | None = None) -> bytes:
    return render_complaint(complaint_form(session, actor, complaint_id), page=page,
                            printed_at=printed_at)
