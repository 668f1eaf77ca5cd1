"""propdesk.devices: per-terminal settings, validation, the test page, card probing, exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout
from decimal import Decimal

import pytest

from drivers import errors
from drivers.layout import display_width
from drivers.simulators import CardReaderSimulator, DLT645Simulator, PrinterSimulator
from propdesk import devices
from propdesk.db import write_setting
from propdesk.devices import DeviceConfig, FrameJoiner
from propdesk.errors import PermissionDenied, ValidationFailed


def test_defaults_come_from_the_drivers():
    from drivers import PN532, CJT188Bus, DLT645Bus, ModbusMeterBus, ReceiptPrinter

    p = devices.defaults("printer")
    assert (p.baudrate, p.parity, p.timeout, p.columns, p.encoding, p.check_status) == \
        (ReceiptPrinter.default_settings.baudrate, "N", ReceiptPrinter.default_settings.timeout, 32, "gbk", True)
    assert devices.defaults("card").baudrate == PN532.default_settings.baudrate == 115200
    dlt = devices.defaults("meter")
    assert (dlt.protocol, dlt.line()) == ("dlt645", f"{DLT645Bus.default_settings.baudrate} 8E1")
    assert devices.defaults("meter", "cjt188").line() == f"{CJT188Bus.default_settings.baudrate} 8E1"
    mb = devices.defaults("meter", "modbus")
    assert (mb.line(), mb.preset) == (f"{ModbusMeterBus.default_settings.baudrate} 8N1", "eastron_sdm")
    assert not p.configured and devices.defaults("printer").with_changes(port="COM3").configured
    assert set(devices.METER_PROTOCOLS) == set(__import__("drivers").meter_protocols())
    with pytest.raises(ValidationFailed):
        devices.defaults("scanner")


@pytest.mark.parametrize("changes, fields", [
    ({"port": " COM3"}, {"port"}),
    ({"port": "socket://10.0.0.5"}, {"port"}),              # no TCP port
    ({"port": "telnet://10.0.0.5:23"}, {"port"}),
    ({"port": "rfc2217://10.0.0.5:4001"}, set()),
    ({"baudrate": 0}, {"baudrate"}),
    ({"parity": "X", "bytesize": 6}, {"parity", "bytesize"}),
    ({"stopbits": 3}, {"stopbits"}),
    ({"timeout": 0}, {"timeout"}),
    ({"columns": 40, "encoding": "utf-8"}, {"columns", "encoding"}),
])
def test_printer_problems_name_their_fields(changes, fields):
    cfg = devices.defaults("printer").with_changes(**changes)
    assert {f for f, _ in devices.problems(cfg)} == fields


def test_meter_problems():
    base = devices.defaults("meter", "modbus")
    assert {f for f, _ in devices.problems(base.with_changes(preset="nope"))} == {"preset"}
    assert {f for f, _ in devices.problems(base.with_changes(protocol="mbus"))} == {"protocol"}
    cjt = devices.defaults("meter", "cjt188")
    assert {f for f, _ in devices.problems(cjt.with_changes(meter_type=0x99))} == {"meter_type"}
    with pytest.raises(ValidationFailed) as e:
        devices.check(base.with_changes(preset="nope", baudrate=-1))
    assert len(e.value.problems) == 2 and "抄表总线设置有误，共 2 处" in e.value.zh


def test_save_and_load_per_terminal_with_audit(db, admin, actor_for):
    from sqlalchemy import select

    from propdesk.models import AuditLog

    assert devices.load(db, "printer") == devices.defaults("printer")
    cfg = devices.defaults("printer").with_changes(port="/dev/ttyUSB0", columns=48, check_status=False)
    with db.session() as s:
        devices.save(s, admin, cfg)
    assert devices.load(db, "printer") == cfg
    assert devices.load_all(db)["card"] == devices.defaults("card")
    with db.session() as s:
        devices.save(s, admin, cfg)                                 # unchanged: no second audit row
        logs = s.scalars(select(AuditLog).where(AuditLog.entity == "local_setting")).all()
    assert len(logs) == 1 and logs[0].entity_id == "device.printer"
    assert json.loads(logs[0].after)["columns"] == 48 and "收据打印机 /dev/ttyUSB0" in logs[0].summary
    stored = json.loads(__import__("propdesk.db", fromlist=["read_setting"]).read_setting(db, "device.printer"))
    assert set(stored) == {"role", "port", "baudrate", "bytesize", "parity", "stopbits", "timeout",
                           "columns", "encoding", "check_status"}      # no meter fields on a printer

    with db.session() as s, pytest.raises(PermissionDenied):
        devices.save(s, actor_for("cashier"), cfg.with_changes(columns=32))
    with db.session() as s, pytest.raises(ValidationFailed) as e:
        devices.save(s, admin, devices.defaults("meter").with_changes(port="/dev/ttyUSB0"))
    assert "已分配给收据打印机" in e.value.zh
    assert devices.load(db, "meter").port == ""


def test_damaged_settings_keep_the_port(db, caplog):
    with db.session() as s:
        write_setting(s, "device.meter", json.dumps({"port": "COM4", "protocol": "modbus", "parity": "Q",
                                                     "preset": "gone", "future_option": 1}))
        write_setting(s, "device.card", "not json")
        write_setting(s, "device.printer", json.dumps(["a list"]))
    meter = devices.load(db, "meter")
    assert (meter.port, meter.protocol, meter.parity, meter.preset) == ("COM4", "modbus", "N", "eastron_sdm")
    assert devices.load(db, "card") == devices.defaults("card")
    assert devices.load(db, "printer") == devices.defaults("printer")
    assert "device setting meter.parity='Q' is invalid" in caplog.text


def test_meter_addresses():
    assert devices.check_address("dlt645", " 123456789012 ") == "123456789012"
    assert devices.check_address("modbus", "007") == "7"
    assert devices.check_address("cjt188", "12345678901234") == "12345678901234"
    for protocol, address in (("dlt645", "1234567890123"), ("modbus", "248"), ("cjt188", "12x"), ("dlt645", "")):
        with pytest.raises(ValidationFailed) as e:
            devices.check_address(protocol, address)
        assert e.value.problems[0].where == "表地址"


def test_frame_joiner_passes_requests_and_joins_answers():
    seen = []
    j = FrameJoiner(lambda d, data, when: seen.append((d, data)), limit=4)
    j("rx", b"\x00")                       # a late answer from before
    j("tx", b"\x10\x04\x01")
    assert seen == [("rx", b"\x00"), ("tx", b"\x10\x04\x01")]    # a request is shown at once
    for b in b"\x68\x12\x90\x78\x56":
        j("rx", bytes([b]))
    assert seen[-1] == ("rx", b"\x68\x12\x90\x78")               # over the limit: cut into pieces
    j.flush()
    j.flush()
    assert seen[-1] == ("rx", b"\x56") and len(seen) == 4


@pytest.mark.parametrize("exc, code", [
    (errors.PortNotFound("", ""), 20), (errors.PortBusy("", ""), 21), (errors.DeviceTimeout("", ""), 22),
    (errors.BadChecksum("", ""), 23), (errors.DeviceRejected("", "", code=2), 24),
    (errors.PaperOut("", ""), 25), (errors.PrinterOffline("", ""), 25), (errors.NoCard("", ""), 26),
    (errors.AuthError("", ""), 26), (errors.DeviceError("", ""), 29),
])
def test_exit_codes(exc, code):
    assert devices.exit_code(exc) == code


@pytest.mark.parametrize("columns", [32, 48])
def test_test_page_fits_the_paper_and_lines_up(columns):
    job = devices.test_page(columns=columns, terminal="T01", port="socket://192.168.100.200:9100",
                            now=dt.datetime(2026, 5, 1, 9, 30))
    sim = PrinterSimulator()
    with sim.lock:
        sim.feed(job.to_bytes())
    transcript, lines = sim.transcript, sim.lines
    assert transcript[0] == "[INIT]" and transcript[-1] == "[CUT]"
    assert "[QR:PropDesk 打印测试 T01 2026-05-01 09:30:00]" in transcript
    assert all(display_width(line) <= columns for line in lines), [ln for ln in lines if display_width(ln) > columns]
    money = [line for line in lines if "￥" in line]
    assert len(money) == 5 and {display_width(line) for line in money} == {columns}   # amounts flush right
    assert any("玖佰叁拾元肆角肆分" in line for line in lines)
    assert any(line.endswith("socket://192.168.100.200:9100") or "9100" in line for line in lines)


def test_card_probe_and_watch_over_a_pty():
    with CardReaderSimulator() as sim:
        cfg = devices.defaults("card").with_changes(port=sim.port)
        frames = []
        with cfg.open(log=lambda d, data: frames.append((d, bytes(data)))) as reader:
            probe = devices.probe_card(reader)
            assert probe.uid == "" and probe.firmware.startswith("PN5") and probe.card_type == ""
            sim.place_card(bytes.fromhex("CAFEF00D"))
            probe = devices.probe_card(reader)
            assert (probe.uid, probe.card_type) == ("CAFEF00D", "MIFARE Classic 1K")

            watch = devices.watch_card
            frames.clear()
            assert watch(reader) == "CAFEF00D"
            sam_config = b"\xd4\x14"                  # TFI + SAMConfiguration: only on the first poll
            assert sum(sam_config in data for d, data in frames if d == "tx") == 1
            frames.clear()
            sim.remove_card()
            assert watch(reader) == ""
            assert not any(sam_config in data for d, data in frames if d == "tx")


def test_meter_read_recorded_as_a_device_reading(db, admin):
    from sqlalchemy import select

    from propdesk.cli import main
    from propdesk.models.billing import MeterReading
    from propdesk.services import property as prop
    from propdesk.services.billing.meters import create_meter

    with db.session() as s:
        company = prop.create_company(s, admin, code="HX", name="华兴物业")
        region = prop.create_region(s, admin, company, code="SZ", name="深圳")
        estate = prop.create_estate(s, admin, region, code="JD", name="锦都花园")
        building = prop.create_building(s, admin, estate, code="01", floors=6)
        meter = create_meter(s, admin, kind="electric", initial_reading=Decimal("1000.00"),
                             installed_on=dt.date.today().replace(day=1) - dt.timedelta(days=40),
                             building_id=building.id, code="JD-01-PUB-E", serial_no="123456789012")
        meter_id = meter.id
    with DLT645Simulator() as sim:
        sim.add_meter("123456789012", energy=Decimal("1234.56"))
        out = io.StringIO()
        with redirect_stdout(out):
            rc = main(["--db", db.url, "meter", "read", "--protocol", "dlt645", "--port", sim.port,
                       "--parity", "N", "--address", "123456789012", "--record", "JD-01-PUB-E", "--json"])
    assert rc == 0, out.getvalue()
    doc = json.loads(out.getvalue())
    assert doc["recorded"]["meter"] == "JD-01-PUB-E" and doc["recorded"]["value"] == "1234.560"
    assert doc["recorded"]["period"] == dt.date.today().strftime("%Y-%m")
    with db.session() as s:
        r = s.scalar(select(MeterReading).where(MeterReading.meter_id == meter_id, MeterReading.kind == "read"))
    assert (r.value, r.source, r.note) == (Decimal("1234.560"), "device", "dlt645 123456789012")


def test_serial_ports_mark_roles_missing_and_network_ports(monkeypatch, tmp_path):
    from serial.tools import list_ports_common

    found = list_ports_common.ListPortInfo("/dev/ttyUSB0")
    found.description, found.hwid, found.vid, found.pid = "USB-SERIAL CH340", "USB VID:PID=1A86:7523", 0x1A86, 0x7523
    monkeypatch.setattr("serial.tools.list_ports.comports", lambda: [found])
    link = tmp_path / "usb-FTDI-if00-port0"
    link.touch()
    configured = {
        "printer": devices.defaults("printer").with_changes(port="/dev/ttyUSB0"),
        "card": devices.defaults("card").with_changes(port=str(link)),
        "meter": devices.defaults("meter").with_changes(port="socket://10.0.0.7:4001"),
    }
    ports = {p.port: p for p in devices.serial_ports(configured)}
    assert ports["/dev/ttyUSB0"].roles == ["printer"] and ports["/dev/ttyUSB0"].vid == 0x1A86
    assert ports[str(link)].present is True and ports[str(link)].roles == ["card"]
    assert ports["socket://10.0.0.7:4001"].present is None
    configured["card"] = configured["card"].with_changes(port="/dev/ttyUSB9")
    assert {p.port: p for p in devices.serial_ports(configured)}["/dev/ttyUSB9"].present is False
    assert DeviceConfig("printer").to_dict()["role"] == "printer"
