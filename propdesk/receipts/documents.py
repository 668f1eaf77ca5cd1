"""A4 documents of the cashier: the shift report (日收费明细表) and dunning notices (催缴通知单)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from propdesk.money import ZERO, chinese_uppercase, fmt
from propdesk.reports.fonts import cjk_font

INK = colors.HexColor("#1F2933")
HEAD_BG = colors.HexColor("#EEF2F6")


def _styles() -> dict[str, ParagraphStyle]:
    f = cjk_font().name
    base = ParagraphStyle("base", fontName=f, fontSize=9.5, leading=13, textColor=INK,
                          wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=base, alignment=TA_CENTER, fontSize=9),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "body": ParagraphStyle("body", parent=base, fontSize=11, leading=19, firstLineIndent=22),
        "greet": ParagraphStyle("greet", parent=base, fontSize=11, leading=19),
    }


def _table(rows: list[list], widths: list[float], *, num_cols: Sequence[int] = (),
           total_row: bool = False) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), cjk_font().name, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for c in num_cols:
        style.append(("ALIGN", (c, 1), (c, -1), "RIGHT"))
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), cjk_font().name, 9))
    t.setStyle(TableStyle(style))
    return t


def _build(story: list, title: str, author: str) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=title, author=author)
    font = cjk_font().name

    def page_no(canvas, d):
        canvas.setFont(font, 8)
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"第 {d.page} 页")

    doc.build(story, onFirstPage=page_no, onLaterPages=page_no)
    return buf.getvalue()


# --- 日收费明细表 ---------------------------------------------------------------------

@dataclass
class ShiftReport:
    company: str
    shift_number: str
    cashier: str
    terminal: str
    business_date: dt.date
    opened_at: dt.datetime                     # local time
    closed_at: dt.datetime | None
    rows: list[tuple[str, str, str, str, str, str, Decimal]]   # time, number, kind, payer, rooms, methods, amount
    by_method: dict[str, Decimal]              # label -> amount
    by_fee_item: dict[str, Decimal]
    prepaid_used: Decimal
    opening_float: Decimal
    expected_cash: Decimal
    counted_cash: Decimal | None
    approved_by: str = ""
    printed_at: dt.datetime | None = None


def shift_report_pdf(r: ShiftReport) -> bytes:
    st = _styles()
    story: list = [
        Paragraph("日 收 费 明 细 表", st["title"]),
        Paragraph(r.company, st["sub"]),
        Spacer(1, 3 * mm),
        _table([[Paragraph(x, st["cell"]) for x in (
            f"班次：{r.shift_number}", f"收款员：{r.cashier}", f"终端：{r.terminal}",
            f"营业日：{r.business_date:%Y-%m-%d}")],
            [Paragraph(x, st["cell"]) for x in (
                f"开班：{r.opened_at:%Y-%m-%d %H:%M}",
                f"交班：{r.closed_at:%Y-%m-%d %H:%M}" if r.closed_at else "交班：未交班",
                f"审批：{r.approved_by or '未审批'}", "")]],
            [45 * mm, 45 * mm, 45 * mm, 45 * mm]),
        Spacer(1, 4 * mm),
    ]
    head = ["时间", "单据号", "类型", "交款人", "房号/车位", "收款方式", "金额"]
    rows: list[list] = [head]
    for time, number, kind, payer, rooms, methods, amount in r.rows:
        rows.append([time, number, kind, Paragraph(payer, st["cell"]), Paragraph(rooms, st["cell"]),
                     Paragraph(methods, st["cell"]), fmt(amount)])
    net = sum((x[6] for x in r.rows), ZERO)
    rows.append(["合计", f"{len(r.rows)} 笔", "", "", "", "", fmt(net)])
    story.append(_table(rows, [16 * mm, 34 * mm, 12 * mm, 24 * mm, 42 * mm, 30 * mm, 22 * mm],
                        num_cols=[6], total_row=True))
    story.append(Spacer(1, 5 * mm))
    methods = [["收款方式", "金额"]] + [[k, fmt(v)] for k, v in r.by_method.items()]
    methods.append(["实收合计", fmt(sum(r.by_method.values(), ZERO))])
    if r.prepaid_used:
        methods.append(["预存冲抵（不计实收）", fmt(r.prepaid_used)])
    items = [["收费项目", "金额"]] + [[k, fmt(v)] for k, v in r.by_fee_item.items()]
    items.append(["合计", fmt(sum(r.by_fee_item.values(), ZERO))])
    side = Table([[_table(methods, [38 * mm, 30 * mm], num_cols=[1], total_row=not r.prepaid_used),
                   _table(items, [48 * mm, 30 * mm], num_cols=[1], total_row=True)]],
                 colWidths=[80 * mm, 100 * mm])
    side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(side)
    story.append(Spacer(1, 5 * mm))
    cash = [["备用金", "应有现金", "实点现金", "长短款"],
            [fmt(r.opening_float), fmt(r.expected_cash),
             fmt(r.counted_cash) if r.counted_cash is not None else "—",
             fmt(r.counted_cash - r.expected_cash) if r.counted_cash is not None else "—"]]
    story.append(_table(cash, [45 * mm] * 4, num_cols=[0, 1, 2, 3]))
    story.append(Spacer(1, 4 * mm))
    total = sum(r.by_method.values(), ZERO)
    story.append(Paragraph(f"实收合计（大写）：{chinese_uppercase(total)}　　￥{fmt(total)}", st["base"]))
    story.append(Spacer(1, 10 * mm))
    story.append(Paragraph("收款员签字：________________　　　财务审核：________________　　　"
                           "日期：____年____月____日", st["base"]))
    if r.printed_at:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(f"打印时间：{r.printed_at:%Y-%m-%d %H:%M}", st["right"]))
    return _build(story, f"日收费明细表 {r.shift_number}", r.company)


# --- 催缴通知单 ----------------------------------------------------------------------

@dataclass(frozen=True)
class NoticeLine:
    target_code: str
    fee_item: str
    period: str
    due_date: dt.date
    principal: Decimal
    late_fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee


@dataclass
class Notice:
    customer: str
    phone: str
    rooms: list[str]
    lines: list[NoticeLine]
    as_of: dt.date
    pay_by: dt.date
    company: str = ""
    estate: str = ""
    office_phone: str = ""
    address: str = ""
    number: str = ""
    salutation: str = "业主"

    @property
    def principal(self) -> Decimal:
        return sum((ln.principal for ln in self.lines), ZERO)

    @property
    def late_fee(self) -> Decimal:
        return sum((ln.late_fee for ln in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee


def _notice_story(n: Notice, st: dict[str, ParagraphStyle]) -> list:
    story: list = [
        Paragraph("催 缴 通 知 单", st["title"]),
        Paragraph(n.company + (f"　{n.estate}" if n.estate else ""), st["sub"]),
    ]
    if n.number:
        story.append(Paragraph(f"编号：{n.number}", st["right"]))
    story += [
        Spacer(1, 5 * mm),
        Paragraph(f"尊敬的 {n.customer} {n.salutation}（{'、'.join(n.rooms)}）：", st["greet"]),
        Paragraph(
            f"截至 {n.as_of:%Y年%m月%d日}，您名下尚有以下费用未缴清，合计人民币 "
            f"<b>{fmt(n.total)}</b> 元（大写：{chinese_uppercase(n.total)}），其中欠费本金 "
            f"{fmt(n.principal)} 元、滞纳金 {fmt(n.late_fee)} 元。滞纳金按合同约定逐日计算至缴清之日，"
            f"请于 {n.pay_by:%Y年%m月%d日} 前到物业服务中心缴纳，或联系我们办理。"
            "如您已缴纳，请忽略本通知。感谢您对物业服务工作的理解与支持！", st["body"]),
        Spacer(1, 3 * mm),
    ]
    rows: list[list] = [["房号/车位", "收费项目", "期间", "应缴日", "欠费本金", "滞纳金", "小计"]]
    for ln in n.lines:
        rows.append([ln.target_code, Paragraph(ln.fee_item, st["cell"]), ln.period,
                     f"{ln.due_date:%Y-%m-%d}", fmt(ln.principal),
                     fmt(ln.late_fee) if ln.late_fee else "", fmt(ln.total)])
    rows.append(["合计", "", "", "", fmt(n.principal), fmt(n.late_fee), fmt(n.total)])
    story.append(_table(rows, [32 * mm, 32 * mm, 20 * mm, 22 * mm, 24 * mm, 22 * mm, 26 * mm],
                        num_cols=[4, 5, 6], total_row=True))
    story += [
        Spacer(1, 8 * mm),
        Paragraph(f"联系电话：{n.office_phone}" if n.office_phone else "", st["right"]),
        Paragraph(f"地址：{n.address}" if n.address else "", st["right"]),
        Paragraph(f"{n.company}（盖章）", st["right"]),
        Paragraph(f"{n.as_of:%Y年%m月%d日}", st["right"]),
    ]
    return story


def notices_pdf(notices: Sequence[Notice], title: str = "催缴通知单") -> bytes:
    """One page per customer (longer lists run on), all in one PDF."""
    st = _styles()
    story: list = []
    for i, n in enumerate(notices):
        if i:
            story.append(PageBreak())
        story.append(KeepTogether(_notice_story(n, st)[:6]))
        story += _notice_story(n, st)[6:]
    if not story:
        story.append(Paragraph("没有欠费客户", st["title"]))
    return _build(story, title, notices[0].company if notices else "")


__all__ = ["Notice", "NoticeLine", "ShiftReport", "notices_pdf", "shift_report_pdf"]
