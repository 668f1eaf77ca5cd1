"""Device commands: read a meter, print a test page, run a simulator, this terminal's ports.

    propdesk meter read   --protocol dlt645 --port COM3 --address 123456789012
    propdesk printer test --port /dev/ttyUSB0 --columns 48
    propdesk simulate     dlt645 --meter 123456789012=1234.56
    propdesk devices list | show | set ROLE … | test ROLE

``--port`` may be left out wherever this terminal has a device of that role
configured (``propdesk devices set``); the command then uses its saved port
and line settings.  A device error prints the driver's message (Chinese, then
English) and exits with a status that says what went wrong (see
:data:`propdesk.devices.EXIT_CODES`): 20 no such port, 21 port busy, 22 no
answer, 23 garbled answer, 24 refused by the device, 25 printer not ready,
26 card problem, 29 other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import threading
from typing import Any, Callable

from propdesk import devices
from propdesk.cli.common import actor, add, emit, open_db
from propdesk.devices import DeviceConfig
from propdesk.errors import Problem, ValidationFailed

SIMULATOR_KINDS = ("printer", "card", "dlt645", "cjt188", "modbus")


def _group(sub, common, name: str, help: str):
    """The subcommands of group ``name``, created here or reused if another module
    registered it first (``meter`` is shared with billing's ``meter readings``)."""
    existing = sub.choices.get(name)
    if existing is None:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        return p.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND", required=True)
    # argparse has no public way to get a parser's subparsers back.
    for action in existing._actions:   # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):   # noqa: SLF001
            return action
    raise RuntimeError(f"command {name!r} exists without subcommands")


def _line_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--baud", type=int, help="波特率 (baud rate)")
    p.add_argument("--parity", choices=sorted(devices.PARITIES), help="校验位 N/E/O (parity)")
    p.add_argument("--timeout", type=float, help="应答超时秒数 (answer timeout, seconds)")
    p.add_argument("--trace", action="store_true", help="把收发的报文以十六进制打印到标准错误 (hex frame log on stderr)")


def printer_options(p: argparse.ArgumentParser) -> None:
    """Options of a command that prints on a receipt printer (with ``--port``)."""
    p.add_argument("--columns", type=int, choices=sorted(devices.PAPER_WIDTHS),
                   help="每行字数：32（58 mm）或 48（80 mm）(characters per line)")
    p.add_argument("--encoding", choices=devices.ENCODINGS, help="中文编码 (text encoding)")
    p.add_argument("--no-status-check", action="store_true",
                   help="不查询打印机状态（不支持 DLE EOT 的打印机）(skip the DLE EOT status check)")
    _line_options(p)


def register(sub, common) -> None:
    meter = _group(sub, common, "meter", "仪表与抄表 (meters and readings)")
    protocols = ", ".join(f"{k}={v}" for k, v in devices.METER_PROTOCOLS.items())
    p = add(meter, common, "read", cmd_meter_read, "从表计读取读数 (read a meter over its serial bus)")
    p.add_argument("--protocol", choices=sorted(devices.METER_PROTOCOLS), help=f"表计协议 ({protocols})")
    p.add_argument("--port", help="串口或 socket://主机:端口，默认本机抄表总线 (port; default this terminal's meter bus)")
    p.add_argument("--address", required=True, help="表地址：DL/T 645 12位、CJ/T 188 14位、Modbus 1–247 (meter address)")
    p.add_argument("--preset", help="Modbus 电表型号：eastron_sdm、hiking_dds238 … (Modbus register map)")
    p.add_argument("--meter-type", help="CJ/T 188 表类型，十六进制：10 冷水 20 热量 30 燃气 (meter type, hex)")
    p.add_argument("--all", action="store_true", help="Modbus：读出全部量（电压、电流、功率…）(all quantities)")
    p.add_argument("--record", metavar="METER_CODE",
                   help="把读数记为该仪表本月的抄表读数（设备来源）(record as this meter's reading)")
    _line_options(p)

    printer = _group(sub, common, "printer", "收据打印机 (receipt printer)")
    p = add(printer, common, "test", cmd_printer_test,
            "打印测试页：中文、对齐表格、二维码、切纸 (print a test page)")
    p.add_argument("--port", help="串口或 socket://主机:9100，默认本机收据打印机 (port; default this terminal's printer)")
    printer_options(p)

    p = add(sub, common, "simulate", cmd_simulate,
            "运行设备模拟器，打印要打开的端口，直到 Ctrl-C (run a device simulator until stopped)")
    p.add_argument("kind", choices=SIMULATOR_KINDS, help="模拟的设备 (device to simulate)")
    p.add_argument("options", nargs=argparse.REMAINDER,
                   help="模拟器选项，如 --tcp 0、--meter 地址=读数、--uid DEADBEEF (see --help of each kind)")

    dev = _group(sub, common, "devices", "本机串口设备 (this terminal's serial devices)")
    p = add(dev, common, "list", cmd_devices_list, "列出本机串口及其用途 (list serial ports and their roles)")
    p = add(dev, common, "show", cmd_devices_show, "显示本机设备设置 (show this terminal's device settings)")
    p.add_argument("role", nargs="?", choices=sorted(devices.ROLES))
    p = add(dev, common, "set", cmd_devices_set, "修改本机设备设置 (change a device's settings on this terminal)")
    p.add_argument("role", choices=sorted(devices.ROLES),
                   help="printer=收据打印机, card=发卡器, meter=抄表总线")
    p.add_argument("--port", help="串口或网络地址，空字符串表示不用 (port or URL; '' = none)")
    p.add_argument("--baud", type=int)
    p.add_argument("--parity", choices=sorted(devices.PARITIES))
    p.add_argument("--bytesize", type=int, choices=(7, 8))
    p.add_argument("--stopbits", type=float, choices=(1, 1.5, 2))
    p.add_argument("--timeout", type=float)
    p.add_argument("--protocol", choices=sorted(devices.METER_PROTOCOLS),
                   help="抄表总线：表计协议；改协议时通信参数回到该协议的默认值 (meter bus protocol)")
    p.add_argument("--preset", help="抄表总线：Modbus 电表型号 (eastron_sdm, hiking_dds238 …)")
    p.add_argument("--meter-type", help="抄表总线：CJ/T 188 表类型（十六进制）")
    p.add_argument("--columns", type=int, choices=sorted(devices.PAPER_WIDTHS), help="打印机：每行字数")
    p.add_argument("--encoding", choices=devices.ENCODINGS, help="打印机：中文编码")
    status = p.add_mutually_exclusive_group()
    status.add_argument("--status-check", dest="check_status", action="store_true", default=None,
                        help="打印机：打印前查询状态")
    status.add_argument("--no-status-check", dest="check_status", action="store_false",
                        help="打印机：不查询状态")
    p = add(dev, common, "test", cmd_devices_test,
            "测试本机设备：打印测试页 / 读固件和卡号 / 读表 (test a configured device)")
    p.add_argument("role", choices=sorted(devices.ROLES))
    p.add_argument("--address", help="抄表总线：要读的表地址 (meter bus: address to read)")
    p.add_argument("--trace", action="store_true", help="十六进制报文打印到标准错误 (hex frame log on stderr)")


# -- helpers ------------------------------------------------------------------------------

def _configured(args, role: str) -> DeviceConfig:
    """The terminal's saved settings for ``role`` (needs the database)."""
    return devices.load(open_db(args), role)


def _trace(args) -> devices.FrameJoiner | None:
    if not getattr(args, "trace", False):
        return None
    from drivers.transport import hex_bytes

    def show(direction: str, data: bytes, when: float) -> None:
        stamp = dt.datetime.fromtimestamp(when).strftime("%H:%M:%S.%f")[:-3]
        print(f"{stamp} {direction.upper()} {hex_bytes(data)}", file=sys.stderr, flush=True)
    return devices.FrameJoiner(show)


def _apply_line(cfg: DeviceConfig, args) -> DeviceConfig:
    changes: dict[str, Any] = {}
    if getattr(args, "baud", None) is not None:
        changes["baudrate"] = args.baud
    if getattr(args, "parity", None) is not None:
        changes["parity"] = args.parity
    if getattr(args, "timeout", None) is not None:
        changes["timeout"] = args.timeout
    return cfg.with_changes(**changes)


def _meter_type(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text, 16)
    except ValueError:
        raise ValidationFailed([Problem("--meter-type", f"表类型应为十六进制数，如 10、30：{text}",
                                        f"meter type must be hex, e.g. 10 or 30: {text}")]) from None


def device_call(args, cfg: DeviceConfig, work: Callable[[Any], Any]) -> tuple[int, Any]:
    """Open the device, run ``work(device)``; a device error is printed and becomes the exit code."""
    from drivers.errors import DeviceError

    trace = _trace(args)
    try:
        with cfg.open(log=trace) as device:
            result = work(device)
    except DeviceError as exc:
        if trace is not None:
            trace.flush()
        return device_failed(args, exc, cfg), None
    if trace is not None:
        trace.flush()
    return 0, result


def device_failed(args, exc, cfg: DeviceConfig) -> int:
    code = devices.exit_code(exc)
    if args.json:
        print(json.dumps({"ok": False, "error": exc.zh, "error_en": exc.en, "kind": type(exc).__name__,
                          "port": exc.port or cfg.port, "address": exc.address, "exit_code": code},
                         ensure_ascii=False), file=sys.stderr)
    else:
        print(f"错误 (error): {exc.zh}\n({exc.en})", file=sys.stderr)
    return code


def reading_dict(r, port: str) -> dict[str, Any]:
    from drivers.transport import hex_bytes

    return {"protocol": r.protocol, "port": port, "address": r.address, "quantity": r.quantity,
            "value": str(r.value), "unit": r.unit, "raw": hex_bytes(r.raw)}


QUANTITIES = {"energy": "正向有功总电能", "total_energy": "总电能", "import_energy": "正向有功电能",
              "export_energy": "反向有功电能", "voltage": "电压", "current": "电流", "power": "有功功率",
              "frequency": "频率", "volume": "累计流量", "heat": "累计热量",
              "reactive_power": "无功功率", "power_factor": "功率因数"}


def reading_text(r) -> str:
    what = QUANTITIES.get(r.quantity, r.quantity)
    return f"表 {r.address}  {what} {r.value} {r.unit}".rstrip()


# -- meter read ---------------------------------------------------------------------------

def cmd_meter_read(args) -> int:
    if args.port:
        if not args.protocol:
            raise ValidationFailed([Problem("--protocol", "指定 --port 时必须给出 --protocol",
                                            "--protocol is required with --port")])
        cfg = devices.defaults("meter", args.protocol).with_changes(port=args.port)
    else:
        cfg = _configured(args, "meter")
        if not cfg.configured:
            raise ValidationFailed([Problem("--port", "本机未设置抄表总线，请用 --port 指定串口",
                                            "this terminal has no meter bus; give --port")])
        if args.protocol and args.protocol != cfg.protocol:
            cfg = devices.defaults("meter", args.protocol).with_changes(port=cfg.port)
    if args.preset:
        cfg = cfg.with_changes(preset=args.preset)
    meter_type = _meter_type(args.meter_type)
    if meter_type is not None:
        cfg = cfg.with_changes(meter_type=meter_type)
    cfg = devices.check(_apply_line(cfg, args))
    address = devices.check_address(cfg.protocol, args.address)
    if args.all and cfg.protocol != "modbus":
        raise ValidationFailed([Problem("--all", "--all 只用于 Modbus 电表", "--all is for Modbus meters only")])

    def work(bus):
        if args.all:   # Modbus: every quantity of the register map; the billed total leads
            found = bus.read_all(address)
            return found[bus.register_map.total], list(found.values())
        total = devices.read_meter(bus, address)
        return total, [total]

    rc, result = device_call(args, cfg, work)
    if rc:
        return rc
    total, readings = result
    data: dict[str, Any] = {"ok": True, **reading_dict(total, cfg.port)}
    if args.all:
        data["readings"] = [reading_dict(r, cfg.port) for r in readings]
    text = "\n".join(reading_text(r) for r in readings) + f"\n（{cfg.protocol}，{cfg.port}）"
    if args.record:
        recorded = _record(args, total)
        data["recorded"] = recorded
        text += (f"\n已记入仪表 {recorded['meter']} {recorded['period']} 读数 {recorded['value']}"
                 + (f"（提醒：{'；'.join(recorded['warnings'])}）" if recorded["warnings"] else ""))
    emit(args, data, text)
    return 0


def _record(args, reading) -> dict[str, Any]:
    from propdesk.models.billing import MeterReading
    from propdesk.services.billing.meters import record_reading

    db = open_db(args)
    with db.session() as s:
        res = record_reading(s, actor(args), args.record, reading.value, dt.datetime.now(), source="device",
                             note=f"{reading.protocol} {reading.address}")
        period = str(s.get(MeterReading, res.reading_id).period)
    return {"meter": res.meter_code, "reading_id": str(res.reading_id), "value": str(res.value),
            "period": period, "replaced": res.replaced,
            "warnings": [c.zh for c in res.checks if c.severity == "warning"]}


# -- printer test -------------------------------------------------------------------------

def printer_config(args, *, hint: str = "", hint_en: str = "") -> DeviceConfig:
    """The printer a command prints on: ``--port`` (with a printer's usual line) or this
    terminal's 收据打印机, then ``--columns``/``--encoding``/``--no-status-check`` and the
    line options, when the command has them."""
    port = getattr(args, "port", None)
    cfg = devices.defaults("printer").with_changes(port=port) if port else _configured(args, "printer")
    if not cfg.configured:
        raise ValidationFailed([Problem("--port", f"本机未设置收据打印机，请用 --port 指定串口{hint}",
                                        f"this terminal has no receipt printer; give --port{hint_en}")])
    changes: dict[str, Any] = {}
    if getattr(args, "columns", None):
        changes["columns"] = args.columns
    if getattr(args, "encoding", None):
        changes["encoding"] = args.encoding
    if getattr(args, "no_status_check", False):
        changes["check_status"] = False
    return devices.check(_apply_line(cfg.with_changes(**changes), args))


def cmd_printer_test(args) -> int:
    cfg = printer_config(args)
    terminal = _terminal(args)
    rc, status = device_call(args, cfg, lambda p: devices.print_test_page(p, terminal=terminal))
    if rc:
        return rc
    note = "纸将用尽，请准备新纸卷" if status is not None and status.paper_near_end else ""
    emit(args, {"ok": True, "port": cfg.port, "columns": cfg.columns, "encoding": cfg.encoding,
                "status_checked": status is not None, "paper_near_end": bool(status and status.paper_near_end)},
         f"测试页已发送到 {cfg.port}（{cfg.columns} 列，{cfg.encoding}）" + (f"\n注意：{note}" if note else ""))
    return 0


def _terminal(args) -> str:
    """The terminal code for the test page, without creating a database just for it."""
    import os

    if args.db or os.environ.get("PROPDESK_DB"):
        try:
            return open_db(args).terminal
        except Exception:   # a test page must not fail because the database is away
            return ""
    return ""


# -- simulate -------------------------------------------------------------------------------

def cmd_simulate(args) -> int:
    from drivers.simulators import main as simulate

    stop = threading.Event()

    def on_term(_signo, _frame) -> None:   # a service manager's stop ends it cleanly, like Ctrl-C
        stop.set()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_term)
    options = [o for o in args.options if o != "--"]
    return simulate([args.kind, *options], stop=stop)


# -- devices list / show / set / test ---------------------------------------------------------

def cmd_devices_list(args) -> int:
    configured: dict[str, DeviceConfig] = {}
    if args.db or _has_default_db():
        configured = devices.load_all(open_db(args))
    ports = devices.serial_ports(configured)
    if args.json:
        emit(args, [p.to_dict() for p in ports])
        return 0
    if not ports:
        print("本机没有发现串口 (no serial ports found)")
        return 0
    for p in ports:
        roles = "、".join(devices.ROLES[x] for x in p.roles)
        mark = "  [未连接]" if p.present is False else ""
        print(f"{p.port:<24} {p.description:<32} {roles}{mark}".rstrip())
    return 0


def _has_default_db() -> bool:
    import os

    from sqlalchemy.engine import make_url

    from propdesk.db import resolve_url

    url = make_url(resolve_url(None))
    if os.environ.get("PROPDESK_DB") or url.get_backend_name() != "sqlite":
        return True
    from pathlib import Path

    return bool(url.database) and Path(url.database).exists()


def config_dict(cfg: DeviceConfig) -> dict[str, Any]:
    return {**cfg.to_dict(), "role_name": cfg.role_name, "configured": cfg.configured, "line": cfg.line()}


def cmd_devices_show(args) -> int:
    db = open_db(args)
    roles = [args.role] if args.role else list(devices.ROLES)
    cfgs = [devices.load(db, r) for r in roles]
    emit(args, {"terminal": db.terminal, "devices": [config_dict(c) for c in cfgs]},
         f"终端 {db.terminal}\n" + "\n".join(c.describe() for c in cfgs))
    return 0


def cmd_devices_set(args) -> int:
    db = open_db(args)
    cfg = devices.load(db, args.role)
    if args.role == "meter" and args.protocol and args.protocol != cfg.protocol:
        cfg = devices.defaults("meter", args.protocol).with_changes(port=cfg.port)
    changes: dict[str, Any] = {}
    for opt, field in (("port", "port"), ("baud", "baudrate"), ("parity", "parity"), ("bytesize", "bytesize"),
                       ("stopbits", "stopbits"), ("timeout", "timeout"), ("preset", "preset"),
                       ("columns", "columns"), ("encoding", "encoding"), ("check_status", "check_status")):
        value = getattr(args, opt, None)
        if value is not None:
            changes[field] = value.strip() if isinstance(value, str) and field == "port" else value
    if args.stopbits is not None and float(args.stopbits).is_integer():
        changes["stopbits"] = int(args.stopbits)
    meter_type = _meter_type(args.meter_type)
    if meter_type is not None:
        changes["meter_type"] = meter_type
    if args.role != "meter" and (args.protocol or args.preset or args.meter_type):
        raise ValidationFailed([Problem("--protocol", "协议、型号和表类型只用于抄表总线",
                                        "protocol, preset and meter type are for the meter bus only")])
    if args.role != "printer" and (args.columns or args.encoding or args.check_status is not None):
        raise ValidationFailed([Problem("--columns", "纸宽、编码和状态查询只用于收据打印机",
                                        "columns, encoding and status check are for the printer only")])
    cfg = cfg.with_changes(**changes)
    with db.session() as s:
        saved = devices.save(s, actor(args), cfg)
    emit(args, config_dict(saved), f"已保存 (saved): {saved.describe()}")
    return 0


def cmd_devices_test(args) -> int:
    db = open_db(args)
    cfg = devices.load(db, args.role)
    if not cfg.configured:
        raise ValidationFailed([Problem(cfg.role_name, f"本机未设置{cfg.role_name}：请先 propdesk devices set {args.role} --port …",
                                        f"no {devices.ROLES_EN[args.role]} on this terminal: set one first")])
    if args.role == "printer":
        rc, status = device_call(args, cfg, lambda p: devices.print_test_page(p, terminal=db.terminal))
        if not rc:
            emit(args, {"ok": True, "role": "printer", "port": cfg.port},
                 f"测试页已发送到 {cfg.port}")
        return rc
    if args.role == "card":
        rc, probe = device_call(args, cfg, devices.probe_card)
        if not rc:
            emit(args, {"ok": True, "role": "card", "port": cfg.port, "firmware": probe.firmware,
                        "uid": probe.uid, "card_type": probe.card_type},
                 f"发卡器 {cfg.port} 固件 {probe.firmware}\n"
                 + (f"卡号 {probe.uid}（{probe.card_type}）" if probe.uid else "读卡区没有卡片"))
        return rc
    if not args.address:
        raise ValidationFailed([Problem("--address", "测试抄表总线需要 --address 表地址",
                                        "testing the meter bus needs --address")])
    address = devices.check_address(cfg.protocol, args.address)
    rc, reading = device_call(args, cfg, lambda bus: devices.read_meter(bus, address))
    if not rc:
        emit(args, {"ok": True, "role": "meter", **reading_dict(reading, cfg.port)}, reading_text(reading))
    return rc
