"""The device commands as real programs: `propdesk simulate` serves a pty (or a TCP port),
`propdesk meter read` / `printer test` / `devices …` talk to it from another process."""

from __future__ import annotations

import pytest

from tests.devices.conftest import propdesk


def test_meter_read_dlt645_over_a_pty_between_two_processes(simulate):
    sim = simulate("dlt645", "--meter", "123456789012=1234.56", "--meter", "000000000007=8.10")
    assert sim.port.startswith("/dev/")          # a real pseudo-terminal, opened by path
    r = propdesk("meter", "read", "--protocol", "dlt645", "--port", sim.port, "--address", "123456789012",
                 "--parity", "N", "--json")      # a Linux pty refuses parity E
    assert r.rc == 0, r.err
    doc = r.json()
    assert (doc["ok"], doc["value"], doc["unit"], doc["address"]) == (True, "1234.56", "kWh", "123456789012")
    assert doc["raw"].startswith("68 12 90 78 56 34 12 68 91")     # the reply frame, address low byte first

    r = propdesk("meter", "read", "--protocol", "dlt645", "--port", sim.port, "--address", "7",
                 "--parity", "N", "--trace")
    assert r.rc == 0, r.err
    assert "8.10 kWh" in r.out and "正向有功总电能" in r.out
    tx = [line for line in r.err.splitlines() if " TX " in line]
    rx = [line for line in r.err.splitlines() if " RX " in line]
    assert tx[0].endswith("FE FE FE FE 68 07 00 00 00 00 00 68 11 04 33 33 34 33 B9 16")   # CS = 0x1B9 mod 256
    assert len(rx) == 1 and rx[0].split(" RX ")[1].endswith("16")   # chunks joined into one frame

    # an address nobody answers: a timeout, exit status 22, the driver's words on stderr
    r = propdesk("meter", "read", "--protocol", "dlt645", "--port", sim.port, "--address", "999999999999",
                 "--parity", "N", "--timeout", "0.2", "--json")
    assert r.rc == 22
    err = r.error()
    assert err["kind"] == "DeviceTimeout" and "无应答" in err["error"] and err["address"] == "999999999999"
    assert sim.stop() == 0


def test_modbus_over_socket_all_quantities(simulate):
    sim = simulate("modbus", "--tcp", "0", "--meter", "3=4321.5")
    assert sim.port.startswith("socket://127.0.0.1:")
    r = propdesk("meter", "read", "--protocol", "modbus", "--port", sim.port, "--address", "3",
                 "--all", "--json")
    assert r.rc == 0, r.err
    doc = r.json()
    assert doc["value"] == "4321.50" and doc["unit"] == "kWh" and doc["quantity"] == "total_energy"
    assert {q["quantity"] for q in doc["readings"]} >= {"voltage", "current", "power", "total_energy"}
    assert sim.stop() == 0


def test_cjt188_water_meter(simulate):
    sim = simulate("cjt188", "--meter", "12345678901234=56.78")
    r = propdesk("meter", "read", "--protocol", "cjt188", "--port", sim.port, "--address", "12345678901234",
                 "--parity", "N")
    assert r.rc == 0, r.err
    assert "56.78 m³" in r.out and "累计流量" in r.out


def test_usage_and_port_errors():
    r = propdesk("meter", "read", "--protocol", "dlt645", "--port", "/dev/ttyPROPDESK-NONE",
                 "--address", "1", "--json")
    assert r.rc == 20
    assert r.error()["kind"] == "PortNotFound" and "找不到串口 /dev/ttyPROPDESK-NONE" in r.error()["error"]
    r = propdesk("meter", "read", "--protocol", "dlt645", "--port", "/dev/null", "--address", "12345x")
    assert r.rc == 2 and "电表地址应为不超过 12 位的数字" in r.err
    r = propdesk("meter", "read", "--port", "/dev/null", "--address", "1")
    assert r.rc == 2 and "--protocol" in r.err
    r = propdesk("printer", "test", "--port", "socket://127.0.0.1:1")     # nothing listens there
    assert r.rc == 20 and "找不到串口" in r.err


def test_printer_test_page_reaches_the_printer(simulate):
    sim = simulate("printer")
    r = propdesk("printer", "test", "--port", sim.port, "--columns", "48", "--json")
    assert r.rc == 0, r.err
    assert r.json() == {"ok": True, "port": sim.port, "columns": 48, "encoding": "gbk",
                        "status_checked": True, "paper_near_end": False}
    sim.wait_for("[CUT]")
    printed = "\n".join(sim.seen)
    assert "打印测试页" in printed and "物业管理费（住宅）" in printed and "[QR:PropDesk 打印测试" in printed
    # the CJK-aligned table: every amount ends in the last of the 48 columns
    from drivers.layout import display_width

    rows = [line.split("| ", 1)[1] for line in sim.seen if "￥" in line]
    rows = [row.split("]")[-1] for row in rows]          # style markers like [BOLD off] are not printed
    assert len(rows) >= 5 and {display_width(row) for row in rows} == {48}
    assert sim.stop() == 0


def test_printer_out_of_paper(simulate):
    sim = simulate("printer", "--paper-out", "--tcp", "0")
    r = propdesk("printer", "test", "--port", sim.port, "--json")
    assert r.rc == 25
    assert r.error()["kind"] == "PaperOut" and "缺纸" in r.error()["error"]


@pytest.fixture
def dbfile(tmp_path):
    return str(tmp_path / "terminal.sqlite3")


def test_devices_set_show_list_and_test_with_the_saved_settings(simulate, dbfile):
    card = simulate("card", "--uid", "DEADBEEF", "--tcp", "0")
    r = propdesk("--db", dbfile, "devices", "set", "card", "--port", card.port, "--json")
    assert r.rc == 0, r.err
    assert r.json()["port"] == card.port and r.json()["line"] == "115200 8N1"

    # one port, one device: the printer may not take the card writer's port
    r = propdesk("--db", dbfile, "devices", "set", "printer", "--port", card.port, "--json")
    assert r.rc == 2 and "已分配给发卡器" in r.error()["error"]
    r = propdesk("--db", dbfile, "devices", "set", "meter", "--protocol", "modbus", "--port",
                 "/dev/ttyPROPDESK-GONE", "--json")
    assert r.rc == 0 and r.json()["baudrate"] == 9600 and r.json()["preset"] == "eastron_sdm"
    r = propdesk("--db", dbfile, "devices", "set", "printer", "--columns", "40")
    assert r.rc == 2                                                   # argparse refuses it
    r = propdesk("--db", dbfile, "devices", "set", "printer", "--port", "socket://nohost", "--json")
    assert r.rc == 2 and "socket://主机:端口" in r.err

    r = propdesk("--db", dbfile, "devices", "show", "--json")
    shown = {d["role"]: d for d in r.json()["devices"]}
    assert r.json()["terminal"] == "T01"
    assert shown["card"]["port"] == card.port and shown["printer"]["configured"] is False
    assert shown["meter"]["protocol"] == "modbus"

    r = propdesk("--db", dbfile, "devices", "list", "--json")
    assert r.rc == 0
    ports = {row["port"]: row for row in r.json()}
    assert ports[card.port]["roles"] == ["card"] and ports[card.port]["present"] is None   # a network port
    assert ports["/dev/ttyPROPDESK-GONE"]["present"] is False                            # configured, not there

    r = propdesk("--db", dbfile, "devices", "test", "card", "--json")
    assert r.rc == 0, r.err
    assert r.json()["uid"] == "DEADBEEF" and r.json()["firmware"].startswith("PN5")
    assert r.json()["card_type"] == "MIFARE Classic 1K"
    r = propdesk("--db", dbfile, "devices", "test", "meter", "--address", "1", "--json")
    assert r.rc == 20 and r.error()["port"] == "/dev/ttyPROPDESK-GONE"
    assert card.stop() == 0


def test_simulate_rejects_bad_options():
    r = propdesk("simulate", "dlt645", "--meter", "123=abc")
    assert r.rc == 2 and "ADDRESS=VALUE" in r.err
