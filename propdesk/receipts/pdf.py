"""A4/A5 receipts as PDF (reportlab), one page per part of a 三联单.

The page looks like the paper 收款收据 offices buy from the stationer: the
title with a double rule, the number in red at the top right, payer, rooms
and time, a ruled table of fee lines (房号/车位, 收费项目, 期间, 本金,
滞纳金, 金额), the total in figures and in Chinese uppercase, how it was
paid, who took it, the verification code with its QR code, room for the
seal, and the part's name (第一联 存根联 …) printed down the right edge.
More lines than fit on a page continue on a 续页 with the header repeated;
the total is printed on the last page only.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from propdesk.money import fmt
from propdesk.receipts.data import ReceiptData, ReceiptLine
from propdesk.receipts.escpos import field_value
from propdesk.receipts.layout import FIELDS, PdfLayout
from propdesk.reports.fonts import cjk_font

NUMERALS = "一二三四五六七八九十"
RED = colors.HexColor("#B22222")
INK = colors.HexColor("#1F2933")
ROW_H = 6.2 * mm


def page_size(layout: PdfLayout) -> tuple[float, float]:
    size = A4 if layout.paper == "A4" else A5
    return landscape(size) if layout.orientation == "landscape" else portrait(size)


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut (with …) to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def qr_drawing(payload: str, side: float) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    d.add(widget)
    return d


@dataclass
class _Frame:
    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left


def render(data: ReceiptData, layout: PdfLayout | None = None, *,
           printed_at: dt.datetime | None = None) -> bytes:
    """The receipt as a PDF: every part (or one page), every copy."""
    layout = layout or PdfLayout()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page_size(layout), pageCompression=1)
    c.setTitle(f"收款收据 {data.number}")
    c.setAuthor(data.company or "PropDesk")
    c.setSubject(f"{data.payer} {fmt(data.total)}")
    draw_receipt(c, data, layout, printed_at=printed_at)
    c.save()
    return buf.getvalue()


def draw_receipt(c: Canvas, data: ReceiptData, layout: PdfLayout, *,
                 printed_at: dt.datetime | None = None) -> None:
    """Draw the receipt's pages on an open canvas (several receipts can share one PDF)."""
    parts = layout.parts or [""]
    for _copy in range(layout.copies):
        for i, part in enumerate(parts):
            label = f"第{NUMERALS[i]}联 {part}" if part and len(parts) > 1 else part
            _draw_part(c, data, layout, label, printed_at)


def _chunks(lines: tuple[ReceiptLine, ...], first: int, rest: int) -> list[list[ReceiptLine]]:
    out, items = [], list(lines)
    size = first
    while True:
        out.append(items[:size])
        items = items[size:]
        if not items:
            return out
        size = rest


def _draw_part(c: Canvas, data: ReceiptData, layout: PdfLayout, part: str,
               printed_at: dt.datetime | None) -> None:
    font = cjk_font().name
    w, h = page_size(layout)
    m = layout.margin_mm * mm
    frame = _Frame(m, w - m - (8 * mm if part else 0), h - m, m)
    extra_rows = 1 if data.topup else 0
    # Rows that fit: the table sits between the header block and the footer block.
    table_h = (frame.top - 34 * mm) - (frame.bottom + 30 * mm)
    per_page = max(3, int(table_h // ROW_H) - 1)   # minus the column header row
    chunks = _chunks(data.lines, max(1, per_page - 1 - extra_rows), per_page)
    for n, chunk in enumerate(chunks, start=1):
        last = n == len(chunks)
        top = _draw_header(c, data, layout, frame, font, n, len(chunks))
        y = _draw_table(c, data, layout, frame, font, chunk, top, last)
        if last:
            _draw_footer(c, data, layout, frame, font, y, printed_at)
        if part:
            _draw_part_label(c, frame, font, part)
        c.showPage()


def _draw_header(c: Canvas, data: ReceiptData, layout: PdfLayout, frame: _Frame, font: str,
                 page: int, pages: int) -> float:
    c.setFillColor(INK)
    y = frame.top
    logo = layout.logo_png()
    if logo:
        img = ImageReader(io.BytesIO(logo))
        iw, ih = img.getSize()
        lh = 14 * mm
        c.drawImage(img, frame.left, y - lh, width=lh * iw / ih, height=lh, mask="auto")
    title = "  ".join(layout.title)
    c.setFont(font, 18)
    cx = (frame.left + frame.right) / 2
    c.drawCentredString(cx, y - 7 * mm, title)
    tw = stringWidth(title, font, 18)
    c.setLineWidth(0.8)
    c.line(cx - tw / 2 - 4, y - 9 * mm, cx + tw / 2 + 4, y - 9 * mm)
    c.setLineWidth(0.4)
    c.line(cx - tw / 2 - 4, y - 9.8 * mm, cx + tw / 2 + 4, y - 9.8 * mm)
    c.setFont(font, 10)
    c.setFillColor(RED)
    c.drawRightString(frame.right, y - 6 * mm, f"No. {data.number}")
    c.setFillColor(INK)
    c.setFont(font, 8)
    stamp = []
    if data.copy:
        stamp.append("副本 COPY")
    if data.void:
        stamp.append("已作废 VOID")
    if pages > 1:
        stamp.append(f"第 {page}/{pages} 页")
    if stamp:
        c.setFillColor(RED)
        c.drawRightString(frame.right, y - 10.5 * mm, "  ".join(stamp))
        c.setFillColor(INK)
    sub = [t for t in (data.company, data.estate, *layout.header) if t]
    c.setFont(font, 9)
    yy = y - 14 * mm
    for text in sub[:2]:
        c.drawCentredString(cx, yy, fit(text, font, 9, frame.width * 0.6))
        yy -= 4.2 * mm
    # The header fields, three to a row.
    keys = [k for k in layout.fields if k not in ("number", "code", "method", "cashier")]
    cols = 3
    col_w = frame.width / cols
    yy = min(yy, y - 18 * mm) - 1 * mm
    c.setFont(font, 9.5)
    for i, key in enumerate(keys):
        if i and i % cols == 0:
            yy -= 5 * mm
        x = frame.left + (i % cols) * col_w
        text = f"{FIELDS[key]}：{field_value(data, key)}"
        c.drawString(x, yy, fit(text, font, 9.5, col_w - 2 * mm))
    return yy - 3 * mm


_COLS = [("房号/车位", 0.20, "l"), ("收费项目", 0.21, "l"), ("期间", 0.17, "c"),
         ("本金", 0.14, "r"), ("滞纳金", 0.12, "r"), ("金额", 0.16, "r")]


def _cells(line: ReceiptLine) -> list[str]:
    # a deposit has no period: its card goes in that column
    return [line.target_code, line.name, line.period or line.note, fmt(line.principal),
            fmt(line.late_fee) if line.late_fee else "", fmt(line.amount)]


def _draw_table(c: Canvas, data: ReceiptData, layout: PdfLayout, frame: _Frame, font: str,
                lines: list[ReceiptLine], top: float, last: bool) -> float:
    cols = [col for col in _COLS if layout.late_fee_column or col[0] != "滞纳金"]
    scale = 1 / sum(f for _, f, _ in cols)
    xs = [frame.left]
    for _, f, _ in cols:
        xs.append(xs[-1] + frame.width * f * scale)
    rows: list[list[str]] = [[name for name, _, _ in cols]]
    idx = [i for i, col in enumerate(_COLS) if col in cols]
    for ln in lines:
        cells = _cells(ln)
        rows.append([cells[i] for i in idx])
    if last and data.topup:
        rows.append(["", "预存款", "", "", "", fmt(data.topup)][: len(cols) - 1] + [fmt(data.topup)])
    y = top
    c.setLineWidth(0.6)
    c.setStrokeColor(INK)
    for r, row in enumerate(rows):
        c.setFont(font, 9 if r else 9.5)
        if r == 0:
            c.setFillColor(colors.HexColor("#EEF2F6"))
            c.rect(frame.left, y - ROW_H, frame.width, ROW_H, stroke=0, fill=1)
            c.setFillColor(INK)
        for i, text in enumerate(row):
            align = "c" if r == 0 else cols[i][2]
            x0, x1 = xs[i] + 1.5 * mm, xs[i + 1] - 1.5 * mm
            text = fit(text, font, 9, x1 - x0)
            base = y - ROW_H + 2 * mm
            if align == "r":
                c.drawRightString(x1, base, text)
            elif align == "c":
                c.drawCentredString((x0 + x1) / 2, base, text)
            else:
                c.drawString(x0, base, text)
        c.line(frame.left, y, frame.right, y)
        y -= ROW_H
    if last:
        # 合计人民币（大写） … ￥ figures
        c.line(frame.left, y, frame.right, y)
        c.setFont(font, 10)
        c.drawString(frame.left + 1.5 * mm, y - ROW_H + 2 * mm,
                     fit(f"合计人民币（大写）：{data.total_upper}", font, 10, frame.width * 0.7))
        c.drawRightString(frame.right - 1.5 * mm, y - ROW_H + 2 * mm, f"￥{fmt(data.total)}")
        y -= ROW_H
    c.line(frame.left, y, frame.right, y)
    for x in xs if not last else xs[:1] + xs[-1:]:
        c.line(x, top, x, y)
    if last:  # inner column rules stop above the total row
        for x in xs[1:-1]:
            c.line(x, top, x, y + ROW_H)
    return y


def _draw_footer(c: Canvas, data: ReceiptData, layout: PdfLayout, frame: _Frame, font: str,
                 y: float, printed_at: dt.datetime | None) -> None:
    qr_side = 22 * mm if layout.qr and data.qr_payload else 0
    text_w = frame.width - qr_side - 4 * mm
    c.setFont(font, 9)
    yy = y - 5 * mm
    pays = [f"收款方式：{data.methods_text}"]
    cash = [t for t in data.tenders if t.method == "cash" and t.tendered != t.amount]
    for t in cash:
        pays.append(f"现金实收 {fmt(t.tendered)}，找零 {fmt(t.tendered - t.amount)}")
    if data.prepaid_balance is not None:
        pays.append(f"预存余额：{fmt(data.prepaid_balance)}")
    if data.refunded:
        pays.append(f"已退款：{fmt(data.refunded)}")
    for text in pays:
        c.drawString(frame.left, yy, fit(text, font, 9, text_w))
        yy -= 4.5 * mm
    who = []
    if "cashier" in layout.fields:
        who.append(f"收款员：{data.cashier}")
    if "terminal" in layout.fields:
        who.append(f"终端：{data.terminal}")
    if "code" in layout.fields:
        who.append(f"核验码：{data.code}")
    c.drawString(frame.left, yy, fit("    ".join(who), font, 9, text_w))
    yy -= 4.5 * mm
    if data.note:
        c.drawString(frame.left, yy, fit(f"备注：{data.note}", font, 9, text_w))
        yy -= 4.5 * mm
    if data.copy and printed_at:
        c.setFillColor(RED)
        c.drawString(frame.left, yy, f"补打时间：{printed_at:%Y-%m-%d %H:%M}")
        c.setFillColor(INK)
        yy -= 4.5 * mm
    if layout.seal:
        c.drawString(frame.left + text_w * 0.55, y - 5 * mm, layout.seal)
    c.setFont(font, 7.5)
    fy = frame.bottom + 1 * mm
    for text in reversed(layout.footer):
        c.drawString(frame.left, fy, fit(text, font, 7.5, text_w))
        fy += 3.5 * mm
    if qr_side:
        renderPDF.draw(qr_drawing(data.qr_payload, qr_side), c,
                       frame.right - qr_side, max(frame.bottom, y - 4 * mm - qr_side))


def _draw_part_label(c: Canvas, frame: _Frame, font: str, part: str) -> None:
    """The part's name written top to bottom in the right margin, one character a line."""
    c.setFont(font, 9)
    x = frame.right + 5 * mm
    chars = [ch for ch in part if ch != " "]
    step = 4.2 * mm
    y = (frame.top + frame.bottom) / 2 + step * len(chars) / 2
    for ch in chars:
        c.drawCentredString(x, y, ch)
        y -= step
