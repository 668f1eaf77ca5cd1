"""Receipts rendered for a thermal printer (bytes through a real pty) and as PDF (read back)."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from propdesk import devices
from propdesk.errors import ValidationFailed
from propdesk.receipts import escpos, layout as L, pdf
from propdesk.receipts.data import period_span


def print_on(sim, data, layout=None, *, columns: int = 32, **kw):
    """Print ``data`` on the simulator as the cashier does: the printer device's config, opened."""
    cfg = devices.defaults("printer").with_changes(port=sim.port, columns=columns)
    with cfg.open() as printer:
        return escpos.print_receipt(printer, data, layout, **kw)


def _wait_for(sim, marker: str, timeout: float = 5.0) -> list[str]:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        t = sim.transcript
        if any(marker in line for line in t):
            return t
        time.sleep(0.01)  # polling a simulator thread, not a GUI
    raise AssertionError(f"{marker} never printed; transcript: {sim.transcript}")


def test_thermal_receipt_over_a_pty(printer_sim, sample_receipt):
    status = print_on(printer_sim, sample_receipt, L.ThermalLayout(), columns=32)   # 58 mm paper
    assert status is not None and status.ready
    t = _wait_for(printer_sim, "[DRAWER")
    lines = printer_sim.lines
    assert "收款收据" in lines
    assert "深圳锦都物业服务有限公司" in lines
    assert "收据号：         T01-2026-000123" in lines   # 32 columns, CJK counted double
    assert "物业管理费 2026-09        280.50" in lines
    assert "  滞纳金                    4.21" in lines
    assert "预存款                    100.00" in lines
    # 32 columns = 合计 (4) + 20 spaces + ￥ (2) + 851.61 (6)
    assert "合计" + " " * 20 + "￥851.61" in lines
    assert "大写：捌佰伍拾壹元陆角壹分" in lines
    assert "现金        实收900.00 找零48.39" in lines
    assert "[QR:PDR1:T01-2026-000123:85161:20261123021500:7KQ2M-X9PRT]" in t
    assert t.index("[CUT]") < t.index("[DRAWER pin2]")
    assert all(len(line.encode("gbk")) <= 32 for line in lines)


def test_copy_is_marked_and_never_kicks_the_drawer(printer_sim, sample_receipt):
    import dataclasses
    import datetime as dt

    copy = dataclasses.replace(sample_receipt, copy=True)
    print_on(printer_sim, copy, columns=48, printed_at=dt.datetime(2026, 12, 1, 9, 30))   # 80 mm paper
    t = _wait_for(printer_sim, "[CUT]")
    assert "** 副本 COPY **" in printer_sim.lines
    assert "补打时间 2026-12-01 09:30" in printer_sim.lines
    assert not any("DRAWER" in x for x in t)
    assert all(len(line.encode("gbk")) <= 48 for line in printer_sim.lines)


def test_paper_out_is_refused_before_printing(printer_sim, sample_receipt):
    from drivers.errors import PaperOut

    printer_sim.set_state(paper_out=True)
    with pytest.raises(PaperOut) as err:
        print_on(printer_sim, sample_receipt)
    assert "缺纸" in err.value.zh
    assert printer_sim.lines == []


def _pdf_text(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_pdf_receipt_three_parts(sample_receipt):
    pages = _pdf_text(pdf.render(sample_receipt, L.PdfLayout()))
    assert len(pages) == 3
    for page, part in zip(pages, ["存根联", "客户联", "记账联"]):
        flat = page.replace("\n", "").replace(" ", "")
        assert "T01-2026-000123" in flat
        assert "捌佰伍拾壹元陆角壹分" in flat
        assert "王伟" in flat
        assert "￥851.61" in flat
        assert "".join(part) in flat
        assert "7KQ2M-X9PRT" in flat


def test_pdf_single_a4_portrait_long_receipt_continues(sample_receipt):
    import dataclasses

    many = dataclasses.replace(sample_receipt, lines=sample_receipt.lines * 12)
    data = pdf.render(many, L.PdfLayout(paper="A5", orientation="landscape", parts=[]))
    pages = _pdf_text(data)
    assert len(pages) > 1
    assert "第 1/" in pages[0]
    assert "捌佰伍拾壹元陆角壹分" not in pages[0].replace(" ", "")  # total on the last page only
    assert "捌佰伍拾壹元陆角壹分" in pages[-1].replace(" ", "").replace("\n", "")
    assert sum(p.count("车位管理费") for p in pages) == 12   # every line printed exactly once


def test_layout_is_data_and_validated():
    spec = {"title": "物业收费收据", "header": ["锦都花园 0755-26880000"],
            "fields": ["number", "payer"], "copies": 2}
    lay = L.parse("thermal", spec)
    assert (lay.title, lay.fields, lay.copies) == ("物业收费收据", ["number", "payer"], 2)
    assert L.parse("thermal", L.dump(lay)) == lay
    with pytest.raises(ValidationFailed) as err:
        L.parse("pdf", {"paper": "B5", "fields": ["number", "colour"], "copies": 9})
    wheres = {p.where for p in err.value.problems}
    assert wheres == {"纸张 paper", "字段 fields", "份数 copies"}
    with pytest.raises(ValidationFailed):
        L.parse("pdf", {"papr": "A4"})   # a typo is refused, not ignored


def test_paper_width_and_encoding_belong_to_the_printer(db, admin):
    """A layout stored before they moved to the printer still reads (the two keys are
    ignored); a new spec that sets them is refused with where to set them instead."""
    from propdesk.services.cashier import layouts

    old = {"paper": "80", "encoding": "gb18030", "title": "旧格式", "copies": 2}
    assert L.parse("thermal", old) == L.ThermalLayout(title="旧格式", copies=2)
    with db.session() as s, pytest.raises(ValidationFailed) as err:
        layouts.save_layout(s, admin, name="80mm", kind="thermal", spec=old)
    assert [p.where for p in err.value.problems] == ["encoding paper"]
    assert "终端设备" in err.value.problems[0].zh
    with db.session() as s:   # the PDF layout's paper is the page size: still its own
        row = layouts.save_layout(s, admin, name="A4", kind="pdf", spec={"paper": "A4"})
        assert L.parse("pdf", row.spec).paper == "A4"


def test_layout_title_and_copies_reach_the_paper(sample_receipt):
    from drivers.simulators.printer import PrinterSimulator

    sim = PrinterSimulator()
    sim.feed(escpos.render(sample_receipt, L.parse("thermal", {"title": "物业收费收据", "copies": 2,
                                                               "drawer": False, "qr": False})))
    assert sim.lines.count("物业收费收据") == 2
    assert sim.transcript.count("[CUT]") == 2
    assert not any(x.startswith("[QR") for x in sim.transcript)


def test_period_span():
    assert period_span(["2026-03", "2026-01", "2026-02"]) == "2026-01~2026-03"
    assert period_span(["2026-03"]) == "2026-03"
    assert period_span([]) == ""


def test_sample_total_adds_up(sample_receipt):
    assert sum((ln.amount for ln in sample_receipt.lines), D(0)) + sample_receipt.topup \
        == sample_receipt.total == D("851.61")
