"""The printed forms, read back with pypdf: the number, room, content and figures are there."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from propdesk.reports import service_pdf
from propdesk.reports.fonts import cjk_font
from propdesk.services.service_desk import complaints as cp, stock, workorders as wo
from propdesk.services.service_desk.stock import StockLine
from tests.service.conftest import NOW


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join(p.extract_text() for p in reader.pages).replace(" ", ""), len(reader.pages)


def _page_mm(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)


@pytest.mark.parametrize("page,size", [("A5", (210, 148)), ("A4", (210, 297))])
def test_repair_form(db, office, admin, page, size):
    with db.session() as s:
        stock.stock_in(s, admin, [StockLine(office.valve_id, Decimal("5"))])
        o = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                            description="卫生间角阀漏水，地面有积水", chargeable=True, now=NOW)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.issue_materials(s, office.engineer, o.id, [StockLine(office.valve_id, Decimal("2"))])
        wo.finish(s, office.engineer, o.id, result="更换角阀两只，试水无渗漏", labour_fee=Decimal("30"),
                  now=NOW, poster=lambda *_: "line-1")
        pdf = service_pdf.work_order_pdf(s, office.frontdesk, o.id, page=page)
        number = o.number
    text, pages = _text(pdf)
    assert pages == 1 and _page_mm(pdf) == size
    for expected in ("工程报修单", number, "JD-01-1-0502", "卫生间角阀漏水，地面有积水", "张伟",
                     "13800138000", "刘工程", "更换角阀两只", "角阀", "50.00", "80.00",
                     "捌拾元整", "■有偿维修", "报修人签字", "锦都花园管理处"):
        assert expected in text, expected


def test_blank_repair_form_at_dispatch(db, office):
    """Printed for the engineer to carry: no result yet, boxes left empty."""
    with db.session() as s:
        o = wo.create_order(s, office.frontdesk, kind="public", location="3栋大堂",
                            category="公共设施", description="大堂吊灯不亮", now=NOW)
        form = service_pdf.repair_form(s, office.frontdesk, o.id)
        pdf = service_pdf.render_repair(form, page="A5")
    assert form.total == "" and form.materials == ()
    text, _ = _text(pdf)
    assert "公共区域维修单" in text and "3栋大堂" in text and "大堂吊灯不亮" in text
    assert "□满意□基本满意□不满意" in text and "□有偿维修■无偿维修" in text


@pytest.mark.parametrize("page", ["A4", "A5"])
def test_complaint_form(db, office, page):
    with db.session() as s:
        c = cp.create_complaint(s, office.frontdesk, complainant="王芳", identity="租客",
                                phone="13912345678", room_id=office.room_id,
                                content="楼上装修噪音，晚上十点后仍在施工", now=NOW)
        cp.route(s, office.frontdesk, c.id, department="秩序维护部", handler="赵队长", now=NOW)
        cp.reply(s, office.frontdesk, c.id, method="电话", reply="已电话告知",
                 handling="已约谈装修户", now=NOW)
        pdf = service_pdf.complaint_pdf(s, office.frontdesk, c.id, page=page)
        number = c.number
    text, pages = _text(pdf)
    assert pages == 1
    for expected in ("投诉处理受理单", number, "JD-01-1-0502", "楼上装修噪音，晚上十点后仍在施工",
                     "王芳", "■租客", "秩序维护部", "已约谈装修户", "■电话", "已电话告知",
                     "投诉人确认"):
        assert expected in text, expected


def test_long_text_never_overflows_its_cell(db, office):
    with db.session() as s:
        o = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="土建",
                            description="外墙渗水。" * 120, now=NOW)
        pdf = service_pdf.work_order_pdf(s, office.frontdesk, o.id, page="A5")
    text, pages = _text(pdf)
    assert pages >= 2  # the table grows and continues; no text is cut off
    assert text.replace("\n", "").count("外墙渗水") == 120


def test_the_font_is_embedded():
    font = cjk_font()
    assert font.embedded, "install fonts-wqy-microhei (python3 dev.py test does)"
