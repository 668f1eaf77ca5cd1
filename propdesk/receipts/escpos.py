"""Thermal receipts (58/80 mm) as ESC/POS bytes, through :mod:`drivers.escpos`.

The builder takes care of GBK, Chinese mode and double-width columns; this
module only decides what goes where.  Lines are grouped by room (a payer
with two rooms and a parking space sees three groups), each fee line shows
its period, and its late fee (滞纳金) on a line of its own.

The paper width and encoding come from the printer the receipt goes to
(this terminal's 收据打印机, :mod:`propdesk.devices`); :func:`print_receipt`
renders for an open :class:`drivers.ReceiptPrinter` and sends the job.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import TYPE_CHECKING

from drivers.escpos import EscPos
from drivers.layout import display_width
from propdesk.money import fmt
from propdesk.receipts.data import ReceiptData
from propdesk.receipts.layout import FIELDS, ThermalLayout

if TYPE_CHECKING:
    from drivers.escpos import PrinterStatus, ReceiptPrinter


def field_value(data: ReceiptData, key: str) -> str:
    if key == "number":
        return data.number
    if key == "time":
        return f"{data.issued_at:%Y-%m-%d %H:%M}"
    if key == "payer":
        return data.payer
    if key == "rooms":
        return "、".join(data.rooms) or "—"
    if key == "cashier":
        return data.cashier
    if key == "terminal":
        return data.terminal
    if key == "method":
        return data.methods_text
    if key == "code":
        return data.code
    raise KeyError(key)


def _labelled(job: EscPos, label: str, value: str) -> None:
    """Label left and value right on one line, or the value wrapped under its label."""
    if display_width(job.printable(label + value)) + 1 <= job.line_width:
        job.pair(label, value)
    else:
        job.line(label).paragraph("  " + value)


def render(data: ReceiptData, layout: ThermalLayout | None = None, *, columns: int = 32,
           encoding: str = "gbk", printed_at: dt.datetime | None = None) -> bytes:
    """The whole print job (all copies) for paper ``columns`` wide (32: 58 mm, 48: 80 mm)
    in ``encoding``, ready to write to the printer."""
    layout = layout or ThermalLayout()
    job = EscPos(columns=columns, encoding=encoding)
    for i in range(layout.copies):
        _one(job, data, layout, printed_at)
        if i == 0 and layout.drawer and any(t.method == "cash" for t in data.tenders) \
                and not data.copy:
            job.drawer()
    return job.to_bytes()


def print_receipt(printer: ReceiptPrinter, data: ReceiptData, layout: ThermalLayout | None = None, *,
                  printed_at: dt.datetime | None = None) -> PrinterStatus | None:
    """Render ``data`` for ``printer``'s paper and encoding and print it (blocking I/O:
    the port's worker thread in the UI).  Raises the driver's errors (PaperOut,
    PrinterOffline, PortNotFound …), whose messages say what to do."""
    return printer.print(render(data, layout, columns=printer.columns, encoding=printer.encoding,
                                printed_at=printed_at))


def _one(job: EscPos, data: ReceiptData, layout: ThermalLayout,
         printed_at: dt.datetime | None) -> None:
    width = job.columns
    amount_w = 11 if width < 40 else 12
    job.init().align("center")
    if data.copy:
        job.bold().line("** 副本 COPY **").bold(False)
    if data.void:
        job.bold().line("** 已作废 VOID **").bold(False)
    job.bold().size(2, 2).line(layout.title).size().bold(False)
    for text in (data.company, data.estate, *layout.header):
        if text:
            job.paragraph(text)
    job.align("left").rule()
    for key in layout.fields:
        if key == "code":
            continue  # printed under the QR code
        _labelled(job, FIELDS[key] + "：", field_value(data, key))
    job.rule()
    job.row(["项目/期间", "金额"], [width - amount_w - 1, amount_w], ["left", "right"])
    job.rule()
    for code, group in groupby(data.lines, key=lambda ln: ln.target_code):
        if code:
            job.bold().line(code).bold(False)
        for ln in group:
            name = f"{ln.item} {ln.period}".strip()
            if layout.late_fee_column and ln.late_fee:
                job.row([name, fmt(ln.principal)], [width - amount_w - 1, amount_w], ["left", "right"])
                job.row(["  滞纳金", fmt(ln.late_fee)], [width - amount_w - 1, amount_w],
                        ["left", "right"])
            else:
                job.row([name, fmt(ln.amount)], [width - amount_w - 1, amount_w], ["left", "right"])
    if data.topup:
        job.row(["预存款", fmt(data.topup)], [width - amount_w - 1, amount_w], ["left", "right"])
    job.rule()
    job.bold().pair("合计", "￥" + fmt(data.total)).bold(False)
    job.paragraph("大写：" + data.total_upper)
    for t in data.tenders:
        text = fmt(t.amount)
        if t.method == "cash" and t.tendered != t.amount:
            text = f"实收{fmt(t.tendered)} 找零{fmt(t.tendered - t.amount)}"
        job.pair(t.label, text)
    if data.prepaid_balance is not None:
        job.pair("预存余额", fmt(data.prepaid_balance))
    if data.refunded:
        job.pair("已退款", fmt(data.refunded))
    if data.note:
        job.paragraph("备注：" + data.note)
    job.rule()
    job.align("center")
    if layout.qr and data.qr_payload:
        job.qr(data.qr_payload, size=5 if width < 40 else 6)
    job.line("核验码 " + data.code)
    if data.copy and printed_at:
        job.line(f"补打时间 {printed_at:%Y-%m-%d %H:%M}")
    for text in layout.footer:
        job.paragraph(text)
    job.align("left").cut(partial=layout.cut == "partial", feed=4)
