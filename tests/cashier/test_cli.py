"""The cashier's command line, end to end on a billed estate."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from decimal import Decimal as D

from pypdf import PdfReader

from propdesk.cli import main


def run(db, *argv):
    buf = io.StringIO()
    with redirect_stdout(buf):
        rc = main(["--db", db.url, *argv])
    return rc, buf.getvalue()


def test_pay_print_verify_refund_and_dunning(db, world, tmp_path, printer_sim):
    # 0101: April 295.55 + 6.06 late, May 295.55 + 1.48 late = 598.64; 700.00 handed over
    rc, out = run(db, "pay", "--room", "JD-01-1-0101", "--as-of", "2026-06-10", "--tendered", "700",
                  "--json")
    assert rc == 0, out
    paid = json.loads(out)
    assert (paid["total"], paid["change"]) == ("598.64", "101.36")
    number = paid["receipt"]

    rc, out = run(db, "receipt", "verify", paid["code"].lower().replace("-", ""))   # typed loosely
    assert rc == 0 and "真实有效" in out and "598.64" in out

    pdf = tmp_path / "r.pdf"
    assert run(db, "receipt", "print", number, "--pdf", str(pdf))[0] == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace(" ", "").replace("\n", "")
    assert number in text and "伍佰玖拾捌元陆角肆分" in text and "王伟" in text
    assert "副本" not in text
    # a second print is a copy and needs a reason
    assert run(db, "receipt", "print", number, "--port", printer_sim.port)[0] == 2
    rc, out = run(db, "receipt", "print", number, "--port", printer_sim.port, "--reason", "客户遗失")
    assert rc == 0 and "副本" in out

    rc, out = run(db, "receipt", "refund", number, "--amount", "100", "--reason", "多缴", "--json")
    assert rc == 0 and json.loads(out)["amount"] == "100.00"
    rc, out = run(db, "receipt", "verify", paid["code"])
    assert "已退款 100.00" in out

    rc, out = run(db, "shift", "list", "--json")
    shifts = json.loads(out)
    assert [(s["state"], s["takings"]) for s in shifts] == [("open", "498.64")]   # 598.64 − 100.00
    rc, out = run(db, "shift", "close", shifts[0]["number"], "--counted", "498.64", "--json")
    assert json.loads(out)["difference"] == "0.00"
    report = tmp_path / "shift.pdf"
    assert run(db, "shift", "report", shifts[0]["number"], "--pdf", str(report))[0] == 0
    text = "".join(p.extract_text() for p in PdfReader(report).pages).replace(" ", "")
    assert number in text and "肆佰玖拾捌元陆角肆分" in text

    # dunning as of 06-10: 王伟 still owes 0102 (205.55 + 4.21, 205.55 + 1.03) and the 100.00
    # refunded back on 0101/05; 李娜 owes 0201 230.00 + 4.72 (41 days: 4.715) and 230.00 + 1.15
    rc, out = run(db, "dunning", "--estate", "JD", "--as-of", "2026-06-10", "--out", str(tmp_path / "d"),
                  "--json")
    files = json.loads(out)
    assert [(f["building"], f["customers"]) for f in files] == [("JD-01 锦都花园01栋", 2)]
    pages = [p.extract_text().replace(" ", "") for p in PdfReader(files[0]["pdf"]).pages]
    assert len(pages) == 2
    assert "王伟" in pages[0] and "李娜" in pages[1]
    assert "465.87" in pages[1]   # 230.00 + 4.72 + 230.00 + 1.15
    assert D(files[0]["total"]) > D("465.87")
