"""One printer configuration: the cashier prints on the terminal's 收据打印机 (终端设备).

Migration 0007 carries the cashier's own old printer port over to the device
settings once; the command line prints on ``--port`` or on the device.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
from sqlalchemy import select

from propdesk import devices
from propdesk.cli import main
from propdesk.db import Database, write_setting
from propdesk.models import LocalSetting
from propdesk.services.cashier.layouts import PrinterSettings, printer_settings


def _old_terminal(tmp_path, settings: dict[str, str], layouts: tuple[tuple[str, str, bool], ...] = ()):
    """A terminal database as the cashier left it before 0007, with its local settings."""
    from propdesk.models.cashier import ReceiptLayout

    d = Database(str(tmp_path / "old.sqlite3"), terminal="T01")
    d.upgrade("0005")
    with d.session() as s:
        for key, value in settings.items():
            write_setting(s, key, value)
        for name, spec, default in layouts:
            s.add(ReceiptLayout(name=name, kind="thermal", spec=spec, is_default=default))
    return d


def _settings(d: Database) -> dict[str, str]:
    with d.session() as s:
        return {r.key: r.value for r in s.scalars(select(LocalSetting))}


def test_the_old_cashier_port_becomes_the_printer_device(tmp_path):
    d = _old_terminal(tmp_path, {
        "cashier.printer.port": "COM3", "cashier.printer.baudrate": "19200",
        "cashier.printer.check_status": "0", "cashier.printer.auto_print": "1",
        "cashier.printer.output": "thermal", "cashier.printer.thermal_layout": "宽纸",
        "cashier.printer.archive_dir": "D:/存根"},
        layouts=(("默认", '{"title": "收款收据"}', True),
                 ("宽纸", '{"paper": "80", "encoding": "gb18030", "title": "收款收据"}', False)))
    d.upgrade()
    cfg = devices.load(d, "printer")
    # the port and line of the old settings; 80 mm and GB18030 from the layout the cashier used
    assert (cfg.port, cfg.baudrate, cfg.check_status, cfg.columns, cfg.encoding) == (
        "COM3", 19200, False, 48, "gb18030")
    assert (cfg.parity, cfg.bytesize, cfg.stopbits) == ("N", 8, 1)      # the printer's defaults
    left = {k: v for k, v in _settings(d).items() if k.startswith("cashier.printer.")}
    assert left == {"cashier.printer.output": "thermal", "cashier.printer.thermal_layout": "宽纸",
                    "cashier.printer.archive_dir": "D:/存根"}              # the cashier's own choices stay
    with d.session() as s:
        assert printer_settings(s) == PrinterSettings("thermal", "宽纸", "", "D:/存根")
    d.dispose()


def test_a_printer_device_already_set_up_is_kept(tmp_path):
    existing = devices.defaults("printer").with_changes(port="/dev/ttyUSB1", columns=48)
    d = _old_terminal(tmp_path, {"cashier.printer.port": "COM3", "device.printer": existing.to_json()})
    d.upgrade()
    assert devices.load(d, "printer") == existing
    assert "cashier.printer.port" not in _settings(d)
    d.dispose()


def test_nothing_to_carry_and_a_port_of_another_role(tmp_path):
    d = _old_terminal(tmp_path, {"cashier.printer.output": "pdf"})
    d.upgrade()
    assert not devices.load(d, "printer").configured
    assert "device.printer" not in _settings(d)
    d.dispose()

    card = devices.defaults("card").with_changes(port="COM5")
    d = _old_terminal(tmp_path / "b", {"cashier.printer.port": "COM5", "device.card": card.to_json()})
    d.upgrade()
    assert not devices.load(d, "printer").configured      # one port, one role
    assert devices.load(d, "card").port == "COM5"
    d.dispose()


def test_downgrade_gives_the_old_cashier_its_port_back(tmp_path):
    from propdesk.db import downgrade

    d = _old_terminal(tmp_path, {"cashier.printer.port": "COM3", "cashier.printer.baudrate": "19200"})
    d.upgrade()
    downgrade(d.engine, "0005")
    s = _settings(d)
    assert (s["cashier.printer.port"], s["cashier.printer.baudrate"], s["cashier.printer.check_status"]) == (
        "COM3", "19200", "1")
    d.dispose()


# -- the command line ----------------------------------------------------------------------

def printed(sim, marker: str = "[CUT]", timeout: float = 5.0) -> list[str]:
    """The simulator's lines once ``marker`` arrived (it reads the pty on its own thread)."""
    import time

    deadline = time.monotonic() + timeout
    while not any(marker in x for x in sim.transcript):
        assert time.monotonic() < deadline, sim.transcript
        time.sleep(0.01)
    return sim.lines


def run(db, *argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = main(["--db", db.url, *argv])
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture
def paid(db, world):
    rc, out, err = run(db, "pay", "--room", "JD-01-1-0201", "--as-of", "2026-06-10", "--json")
    assert rc == 0, err
    return json.loads(out)["receipt"]


def test_receipt_print_uses_the_printer_device(db, admin, paid, printer_sim):
    rc, _out, err = run(db, "receipt", "print", paid)
    assert rc == 2 and "本机未设置收据打印机" in err and "--pdf" in err       # nothing set up yet
    with db.session() as s:
        devices.save(s, admin, devices.defaults("printer").with_changes(port=printer_sim.port, columns=48))
    rc, out, err = run(db, "receipt", "print", paid, "--json")
    assert rc == 0, err
    assert json.loads(out) == {"ok": True, "receipt": paid, "copy": False, "to": printer_sim.port}
    lines = printed(printer_sim)
    assert "交款人：" + " " * 36 + "李娜" in lines      # the device's 80 mm paper: 8 + 36 + 4 = 48
    assert all(len(line.encode("gbk")) <= 48 for line in lines)


def test_receipt_print_on_an_explicit_port_and_a_printer_that_fails(db, paid, printer_sim):
    printer_sim.set_state(paper_out=True)
    rc, _out, err = run(db, "receipt", "print", paid, "--port", printer_sim.port)
    assert rc == 25 and "缺纸" in err                  # the device commands' exit code for 'not ready'
    printer_sim.set_state(paper_out=False)
    rc, out, err = run(db, "receipt", "print", paid, "--port", printer_sim.port)
    assert rc == 0 and "已打印" in out                 # the failed print was not recorded: still the original
    assert "交款人：" + " " * 20 + "李娜" in printed(printer_sim)   # --port alone: 58 mm, 8 + 20 + 4 = 32
