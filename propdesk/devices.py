"""This terminal's serial devices: which port each role uses and how to talk to it.

Three roles, each at most one device per terminal:

========  ============  ==========================================
role      名称           device
========  ============  ==========================================
printer   收据打印机     ESC/POS thermal printer (:class:`drivers.ReceiptPrinter`)
card      发卡器         PN532 reader/writer (:class:`drivers.PN532`)
meter     抄表总线       RS-485 meter bus (:func:`drivers.open_meter`)
========  ============  ==========================================

A serial port belongs to a machine, not to the office, so the settings live
in ``local_setting`` (one JSON document per role, key ``device.<role>``) and
are never synchronised.  Everything here is Qt-free so that the cashier, the
gate-card code, the command line and the device panel read the same
settings::

    from propdesk import devices

    cfg = devices.load(db, "printer")          # DeviceConfig, defaults if never set
    if cfg.configured:
        with cfg.open() as printer:            # blocking I/O: call it off the GUI thread
            printer.print(job)

Device I/O blocks (up to the line timeout, times the retries).  The UI runs
it on the port's worker thread (:mod:`ui.devices.worker`); the command line
and the services may call it directly.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import threading
import time
import weakref
from dataclasses import asdict, dataclass, field, fields, replace
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from propdesk.errors import Problem, ValidationFailed

# The drivers (pyserial, pymodbus) are imported where they are used: every
# ``propdesk`` command loads this module, most never touch a port.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from drivers import PN532, MeterBus, MifareClassic, ReceiptPrinter
    from drivers.errors import DeviceError
    from drivers.transport import FrameLog, SerialSettings
    from drivers.escpos import EscPos, PrinterStatus
    from drivers.meter import Reading
    from propdesk.db import Database
    from propdesk.security import Actor

log = logging.getLogger(__name__)

# -- vocabulary -------------------------------------------------------------------------

ROLES: Final[dict[str, str]] = {"printer": "收据打印机", "card": "发卡器", "meter": "抄表总线"}
ROLES_EN: Final[dict[str, str]] = {"printer": "receipt printer", "card": "card writer", "meter": "meter bus"}
PARITIES: Final[dict[str, str]] = {"N": "无校验", "E": "偶校验", "O": "奇校验"}
METER_PROTOCOLS: Final[dict[str, str]] = {
    "dlt645": "DL/T 645-2007 电能表",
    "cjt188": "CJ/T 188-2004 水表/燃气表/热量表",
    "modbus": "Modbus RTU 电能表",
}
METER_TYPES: Final[dict[int, str]] = {0x10: "冷水表", 0x11: "生活热水表", 0x12: "直饮水表",
                                      0x13: "中水表", 0x20: "热量表", 0x30: "燃气表"}
PAPER_WIDTHS: Final[dict[int, str]] = {32: "58 mm（32 列）", 48: "80 mm（48 列）"}
ENCODINGS: Final[tuple[str, ...]] = ("gbk", "gb18030")
BAUD_RATES: Final[tuple[int, ...]] = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
SETTING_PREFIX: Final = "device."


def setting_key(role: str) -> str:
    return SETTING_PREFIX + role


# -- the configuration -----------------------------------------------------------------

@dataclass(frozen=True)
class DeviceConfig:
    """How this terminal talks to the device of one role.

    Frozen and comparable: the port worker reopens the port when it is asked
    to use a config different from the one it has open.  ``port`` is a name
    or a pyserial URL (``COM3``, ``/dev/ttyUSB0``, ``socket://10.0.0.5:4001``,
    ``rfc2217://…``); empty means the role has no device on this terminal.
    """

    role: str
    port: str = ""
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    timeout: float = 1.0
    # meter bus
    protocol: str = ""
    preset: str = ""
    meter_type: int = 0x10
    # receipt printer
    columns: int = 32
    encoding: str = "gbk"
    check_status: bool = True

    @property
    def configured(self) -> bool:
        return bool(self.port.strip())

    @property
    def role_name(self) -> str:
        return ROLES.get(self.role, self.role)

    def line(self) -> str:
        """``9600 8N1``: the line settings as printed on a device's label."""
        stop = int(self.stopbits) if float(self.stopbits).is_integer() else self.stopbits
        return f"{self.baudrate} {self.bytesize}{self.parity}{stop}"

    def describe(self) -> str:
        """One line for lists and messages: ``收据打印机 COM3 9600 8N1``."""
        where = self.port or "未设置"
        extra = ""
        if self.role == "meter" and self.protocol:
            extra = " " + self.protocol + (f"/{self.preset}" if self.protocol == "modbus" else "")
        elif self.role == "printer":
            extra = f" {self.columns}列 {self.encoding}"
        return f"{self.role_name} {where} {self.line()}{extra}"

    def serial_settings(self) -> SerialSettings:
        from drivers.transport import SerialSettings

        return SerialSettings(baudrate=self.baudrate, bytesize=self.bytesize, parity=self.parity,
                              stopbits=self.stopbits, timeout=self.timeout,
                              write_timeout=max(2.0, self.timeout))

    def with_changes(self, **changes: Any) -> DeviceConfig:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The stored form: only the fields that mean something for the role."""
        d = asdict(self)
        keep = _COMMON | _ROLE_FIELDS.get(self.role, frozenset())
        return {k: v for k, v in d.items() if k in keep}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    # -- opening (blocking) --------------------------------------------------------
    def open(self, *, log: FrameLog | None = None) -> ReceiptPrinter | PN532 | MeterBus:
        """Open the device on its port.  Raises :class:`drivers.DeviceError`
        (PortNotFound, PortBusy …) or :class:`ValidationFailed` if not set up."""
        check(self)
        if not self.configured:
            raise ValidationFailed([Problem(self.role_name, f"{self.role_name}未设置串口",
                                            f"no port set for the {ROLES_EN[self.role]}")],
                                   f"{self.role_name}未设置串口：请在“设备”中选择端口",
                                   f"the {ROLES_EN[self.role]} has no port: choose one under Devices")
        settings = self.serial_settings()
        port = self.port.strip()
        if self.role == "printer":
            from drivers import ReceiptPrinter

            return ReceiptPrinter.open(port, settings, log=log, columns=self.columns,
                                       encoding=self.encoding, check_status=self.check_status)
        if self.role == "card":
            from drivers import PN532

            return PN532.open(port, settings, log=log)
        from drivers import open_meter

        options: dict[str, Any] = {}
        if self.protocol == "modbus":
            options["preset"] = self.preset or "eastron_sdm"
        elif self.protocol == "cjt188":
            options["meter_type"] = self.meter_type
        return open_meter(self.protocol, port, settings=settings, log=log, **options)


_COMMON: Final = frozenset({"role", "port", "baudrate", "bytesize", "parity", "stopbits", "timeout"})
_ROLE_FIELDS: Final[dict[str, frozenset[str]]] = {
    "printer": frozenset({"columns", "encoding", "check_status"}),
    "card": frozenset(),
    "meter": frozenset({"protocol", "preset", "meter_type"}),
}


def defaults(role: str, protocol: str = "dlt645") -> DeviceConfig:
    """The settings a device of ``role`` usually ships with (meters: per protocol)."""
    if role not in ROLES:
        raise ValidationFailed([Problem("角色", f"未知的设备角色：{role}", f"unknown device role: {role}")])
    if role == "printer":
        from drivers import ReceiptPrinter

        s = ReceiptPrinter.default_settings
    elif role == "card":
        from drivers import PN532

        s = PN532.default_settings
    else:
        from drivers.registry import METER_PROTOCOLS as CLASSES

        if protocol not in CLASSES:
            raise ValidationFailed([Problem("协议", f"未知的表计协议：{protocol}",
                                            f"unknown meter protocol: {protocol}")])
        s = CLASSES[protocol].default_settings
    cfg = DeviceConfig(role=role, baudrate=s.baudrate, bytesize=s.bytesize, parity=s.parity,
                       stopbits=s.stopbits, timeout=s.timeout)
    if role == "meter":
        cfg = replace(cfg, protocol=protocol, preset="eastron_sdm" if protocol == "modbus" else "")
    return cfg


# -- validation ------------------------------------------------------------------------

def problems(cfg: DeviceConfig) -> list[tuple[str, Problem]]:
    """(field name, problem) for every setting that is not acceptable."""
    name = cfg.role_name
    out: list[tuple[str, Problem]] = []

    def bad(field_name: str, what: str, zh: str, en: str) -> None:
        out.append((field_name, Problem(f"{name} {what}", zh, en)))

    if cfg.role not in ROLES:
        bad("role", "角色", f"未知的设备角色：{cfg.role}", f"unknown device role: {cfg.role}")
        return out
    port = cfg.port.strip()
    if port != cfg.port or any(ch in port for ch in "\r\n\t"):
        bad("port", "端口", "端口名称前后不能有空格", "the port name has surrounding blanks")
    if "://" in port:
        scheme, _, rest = port.partition("://")
        if scheme not in ("socket", "rfc2217", "loop", "spy") or (scheme in ("socket", "rfc2217")
                                                                  and not _host_port(rest)):
            bad("port", "端口", f"网络串口地址应为 socket://主机:端口 或 rfc2217://主机:端口：{port}",
                f"a network port is socket://HOST:PORT or rfc2217://HOST:PORT: {port}")
    if not isinstance(cfg.baudrate, int) or not 50 <= cfg.baudrate <= 4_000_000:
        bad("baudrate", "波特率", f"波特率无效：{cfg.baudrate}", f"invalid baud rate: {cfg.baudrate}")
    if cfg.bytesize not in (7, 8):
        bad("bytesize", "数据位", "数据位只能是 7 或 8", "data bits must be 7 or 8")
    if cfg.parity not in PARITIES:
        bad("parity", "校验位", "校验位只能是 N（无）、E（偶）或 O（奇）", "parity must be N, E or O")
    if cfg.stopbits not in (1, 1.5, 2):
        bad("stopbits", "停止位", "停止位只能是 1、1.5 或 2", "stop bits must be 1, 1.5 or 2")
    if not isinstance(cfg.timeout, (int, float)) or not 0.05 <= cfg.timeout <= 30:
        bad("timeout", "超时", "应答超时应在 0.05–30 秒之间", "the answer timeout must be 0.05-30 s")
    if cfg.role == "meter":
        if cfg.protocol not in METER_PROTOCOLS:
            bad("protocol", "协议", f"表计协议应为 {'、'.join(METER_PROTOCOLS)}：{cfg.protocol or '未选'}",
                f"meter protocol must be one of {', '.join(METER_PROTOCOLS)}")
        if cfg.protocol == "modbus" and cfg.preset not in preset_names():
            bad("preset", "型号", f"未知的 Modbus 电表型号：{cfg.preset or '未选'}",
                f"unknown Modbus meter preset: {cfg.preset}")
        if cfg.protocol == "cjt188" and cfg.meter_type not in METER_TYPES:
            bad("meter_type", "表类型", f"CJ/T 188 表类型无效：{cfg.meter_type:02X}",
                f"invalid CJ/T 188 meter type {cfg.meter_type:02X}")
    if cfg.role == "printer":
        if cfg.columns not in PAPER_WIDTHS:
            bad("columns", "纸宽", "每行字数只能是 32（58 mm 纸）或 48（80 mm 纸）",
                "columns must be 32 (58 mm paper) or 48 (80 mm paper)")
        if cfg.encoding not in ENCODINGS:
            bad("encoding", "编码", "打印机编码只能是 gbk 或 gb18030", "printer encoding must be gbk or gb18030")
    return out


def _host_port(rest: str) -> bool:
    host, _, port = rest.partition("?")[0].rpartition(":")
    return bool(host) and port.isdigit() and 0 < int(port) < 65536


def preset_names() -> list[str]:
    """Names of the Modbus register maps the drivers know."""
    from drivers.modbus_meter import preset_names as names

    return names()


def check(cfg: DeviceConfig) -> DeviceConfig:
    """``cfg`` if every setting is acceptable, else :class:`ValidationFailed`."""
    found = [p for _, p in problems(cfg)]
    if found:
        raise ValidationFailed(found, f"{cfg.role_name}设置有误，共 {len(found)} 处，未保存",
                               f"{len(found)} invalid {ROLES_EN.get(cfg.role, cfg.role)} setting(s); nothing saved")
    return cfg


def check_address(protocol: str, address: str) -> str:
    """A meter address as the protocol wants it; :class:`ValidationFailed` if it cannot be one."""
    from drivers import cjt188, dlt645
    from drivers.modbus_meter import device_id

    address = address.strip()
    try:
        if not address:
            raise ValueError("表地址不能为空 (the meter address is empty)")
        if protocol == "dlt645":
            dlt645.encode_address(address)
        elif protocol == "cjt188":
            cjt188.encode_address(address)
        elif protocol == "modbus":
            address = str(device_id(address))
        else:
            raise ValueError(f"未知的表计协议：{protocol} (unknown meter protocol)")
    except ValueError as exc:
        zh, en = split_message(str(exc))
        raise ValidationFailed([Problem("表地址", zh, en)], f"表地址无效：{zh}", f"invalid meter address: {en}") from None
    return address


def split_message(text: str) -> tuple[str, str]:
    """``"中文 (English)"`` (the drivers' ValueError form) → (中文, English)."""
    if text.endswith(")") and " (" in text:
        zh, _, en = text[:-1].rpartition(" (")
        return zh, en
    return text, text


# -- storage (per terminal, never synced) -----------------------------------------------

def from_dict(role: str, data: dict[str, Any]) -> DeviceConfig:
    """A config from stored values, tolerant of old or damaged data: unknown keys are
    ignored and a value that does not validate falls back to the role's default, so a
    bad value can never hide the port the office chose."""
    protocol = data.get("protocol") if role == "meter" else None
    base = defaults(role, protocol if protocol in METER_PROTOCOLS else "dlt645")
    known = {f.name: f for f in fields(DeviceConfig)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in known and key != "role" and value is not None:
            values[key] = value
    try:
        cfg = replace(base, **values)
    except TypeError:
        cfg = base
    for field_name, _ in problems(cfg):
        if field_name in known and field_name != "role":
            log.warning("device setting %s.%s=%r is invalid; using the default", role, field_name,
                        getattr(cfg, field_name))
            cfg = replace(cfg, **{field_name: getattr(base, field_name)})
    return cfg


def load(db: Database, role: str) -> DeviceConfig:
    """This terminal's settings for ``role`` (the defaults with no port if never saved)."""
    from propdesk.db import read_setting

    defaults(role)  # validates the role
    text = read_setting(db, setting_key(role), "")
    return _parse(role, text)


def load_in(session: Session, role: str) -> DeviceConfig:
    """:func:`load` inside an open session (services that already hold one)."""
    from propdesk.models import LocalSetting

    defaults(role)
    row = session.get(LocalSetting, setting_key(role))
    return _parse(role, row.value if row is not None else "")


def load_all(db: Database) -> dict[str, DeviceConfig]:
    return {role: load(db, role) for role in ROLES}


def _parse(role: str, text: str) -> DeviceConfig:
    if not text:
        return defaults(role)
    try:
        data = json.loads(text)
    except ValueError:
        log.warning("device setting %s is not JSON; using the defaults", role)
        return defaults(role)
    return from_dict(role, data if isinstance(data, dict) else {})


def save(session: Session, actor: Actor, cfg: DeviceConfig) -> DeviceConfig:
    """Store ``cfg`` for this terminal (audited).  Refuses invalid settings and a port
    that another role of this terminal already uses (two programs on one line
    corrupt each other's frames)."""
    from propdesk.db import write_setting
    from propdesk.security import DEVICE_CONFIG, require
    from propdesk.services import audit

    require(actor, DEVICE_CONFIG)
    check(cfg)
    if cfg.configured:
        for other in ROLES:
            if other == cfg.role:
                continue
            theirs = load_in(session, other)
            if theirs.configured and same_port(theirs.port, cfg.port):
                raise ValidationFailed(
                    [Problem(f"{cfg.role_name} 端口", f"串口 {cfg.port} 已分配给{theirs.role_name}",
                             f"port {cfg.port} is already the {ROLES_EN[other]}'s")],
                    f"串口 {cfg.port} 已分配给{theirs.role_name}，一个串口只能接一种设备",
                    f"port {cfg.port} is already used by the {ROLES_EN[other]}")
    before = load_in(session, cfg.role)
    if before == cfg:
        return cfg
    write_setting(session, setting_key(cfg.role), cfg.to_json())
    audit.record(session, actor, "update", "local_setting", setting_key(cfg.role),
                 before=before.to_dict(), after=cfg.to_dict(), summary=f"设备设置 {cfg.describe()}")
    return cfg


def same_port(a: str, b: str) -> bool:
    """Port names compare case-insensitively on Windows (COM3 = com3)."""
    a, b = a.strip(), b.strip()
    return a.lower() == b.lower() if sys.platform == "win32" else a == b


# -- the machine's ports ------------------------------------------------------------------------

@dataclass
class PortInfo:
    """A serial port of this machine, or a configured port that is not (or not only) one."""

    port: str
    description: str = ""
    hwid: str = ""
    manufacturer: str = ""
    serial_number: str = ""
    vid: int | None = None
    pid: int | None = None
    present: bool | None = True     # None: a network port, which cannot be listed
    roles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def serial_ports(configured: dict[str, DeviceConfig] | None = None) -> list[PortInfo]:
    """This machine's serial ports (pyserial's list), plus the configured ports that are not
    among them (an unplugged adapter, a network port), each with the roles assigned to it.
    May take a moment on Windows: the UI calls it off the GUI thread."""
    from serial.tools import list_ports

    ports = [PortInfo(i.device, i.description if i.description not in (None, "n/a") else "",
                      i.hwid if i.hwid not in (None, "n/a") else "", i.manufacturer or "",
                      i.serial_number or "", i.vid, i.pid, True, [])
             for i in sorted(list_ports.comports(), key=lambda i: i.device)]
    for role, cfg in (configured or {}).items():
        if not cfg.configured:
            continue
        info = next((p for p in ports if same_port(p.port, cfg.port)), None)
        if info is None:
            if "://" in cfg.port:
                info = PortInfo(cfg.port, "网络串口", present=None)
            elif os.path.exists(cfg.port):   # /dev/serial/by-id/… links, ptys: not enumerated
                info = PortInfo(cfg.port, "不在系统串口列表中", present=True)
            else:
                info = PortInfo(cfg.port, "未找到（未连接？）", present=False)
            ports.append(info)
        info.roles.append(role)
    return ports


# -- what a test of each device does (blocking; the UI runs these on the port's worker) ---

def test_page(*, columns: int = 32, encoding: str = "gbk", terminal: str = "", port: str = "",
              now: dt.datetime | None = None) -> EscPos:
    """A test page that shows at a glance whether Chinese, column alignment, the QR code
    and the cutter work: anything misaligned or garbled here will be on receipts too."""
    from drivers.escpos import EscPos

    now = now or dt.datetime.now()
    wide = columns >= 48
    job = EscPos(columns=columns, encoding=encoding).init()
    job.align("center").bold().size(2, 2).line("打印测试页").size().bold(False)
    job.line("PropDesk 物业管理系统").align("left").rule("=")
    # Values are never a single column: drivers.layout.two_columns cannot wrap into one.
    job.pair("终端", terminal or "未指定").pair("端口", port or "未指定")
    job.pair("纸宽", f"{columns} 列（{'80' if wide else '58'} mm）").pair("编码", encoding.upper())
    job.pair("时间", now.strftime("%Y-%m-%d %H:%M:%S")).rule()
    job.bold().item("收费项目", "数量", "金额").bold(False)
    for name, qty, amount in (("物业管理费（住宅）", "1", "￥360.00"),
                              ("电费 2026年5月", "125.5", "￥78.44"),
                              ("Water 水费", "12", "￥42.00"),
                              ("停车费（地下）", "3", "￥450.00")):
        job.item(name, qty, amount)
    job.rule().bold().pair("合计", "￥930.44").bold(False)
    job.pair("大写", "玖佰叁拾元肆角肆分").rule()
    job.line("标点：，。、；？！（）《》“”")
    job.line("数字：0123456789 ABCDEFG abcdefg")
    job.paragraph("若上面各行的金额右端对齐、中文无乱码、下方二维码可扫出本页时间，"
                  "则打印机设置正确。")
    job.feed(1).align("center").qr(f"PropDesk 打印测试 {terminal or '未指定'} {now:%Y-%m-%d %H:%M:%S}", size=5)
    job.line("扫码核对").align("left").cut()
    return job


def print_test_page(printer: ReceiptPrinter, *, terminal: str = "") -> PrinterStatus | None:
    """Print :func:`test_page` on ``printer``; returns the status checked before printing."""
    job = test_page(columns=printer.columns, encoding=printer.encoding, terminal=terminal,
                    port=printer.port)
    return printer.print(job)


@dataclass(frozen=True)
class CardProbe:
    """What a card-writer test found: the reader's firmware and the card on it, if any."""

    firmware: str
    uid: str = ""          # hex, "" when no card is on the reader
    atqa: int = 0
    sak: int = 0

    @property
    def card_type(self) -> str:
        return {0x08: "MIFARE Classic 1K", 0x18: "MIFARE Classic 4K", 0x09: "MIFARE Mini",
                0x00: "MIFARE Ultralight"}.get(self.sak, f"SAK {self.sak:02X}") if self.uid else ""


def probe_card(reader: PN532) -> CardProbe:
    """Wake the reader, read its firmware version and look for a card (no card is not an error)."""
    from drivers import MifareClassic
    from drivers.errors import DeviceError, NoCard

    firmware = str(reader.begin())
    try:
        target = MifareClassic(reader).detect()
    except NoCard:
        return CardProbe(firmware)
    try:
        reader.release()
    except DeviceError:
        log.info("InRelease after the card test failed", exc_info=True)
    return CardProbe(firmware, target.uid_hex, target.atqa, target.sak)


# The MIFARE API of each opened reader, woken once: every user of a card port (the device
# panel's watch, the cashier's swipe, the card dialogs) shares the port's one open reader on
# the port's thread, so it is woken (SAMConfiguration) once, not once per screen.  Keyed weakly
# by the opened PN532: a reader that was closed and reopened (re-plugged) is woken again.
_card_readers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_card_readers_lock = threading.Lock()


def card_reader(reader: PN532) -> MifareClassic:
    """The MIFARE Classic API on an opened reader, the reader woken the first time."""
    from drivers import MifareClassic

    with _card_readers_lock:
        io = _card_readers.get(reader)
    if io is None:
        reader.begin()
        io = MifareClassic(reader)
        with _card_readers_lock:
            _card_readers[reader] = io
    return io


def reset_card_reader(reader: PN532) -> None:
    """Wake ``reader`` again before its next use (after a card job failed part-way the
    chip may be in the middle of a command)."""
    with _card_readers_lock:
        _card_readers.pop(reader, None)


def card_on(io: MifareClassic) -> str:
    """The UID (hex) of the card on the reader, or "" when there is none; the card is
    released afterwards, so the next card operation selects it afresh."""
    from drivers.errors import NoCard

    try:
        target = io.detect()
    except NoCard:
        return ""
    io.release()
    return bytes(target.uid).hex().upper()


def watch_card(reader: PN532) -> str:
    """One poll of an opened reader (:func:`card_on` its woken MIFARE API)."""
    return card_on(card_reader(reader))


def read_meter(bus: MeterBus, address: str) -> Reading:
    """The billed total of the meter at ``address`` on ``bus``."""
    return bus.read_total(check_address(bus.protocol, address))


# -- frame log ------------------------------------------------------------------------------

class FrameJoiner:
    """Joins the chunks a transport reports (often a byte at a time from a socket or
    a slow line) into one entry per answer, for a readable frame log.

    Call it as a transport's ``log`` hook; it calls ``emit(direction, data, when)``
    with ``when`` the wall-clock time of the first chunk.  What is sent is passed
    on at once (a request is written whole, and should show while the device is
    still thinking); what is received is held until the next request or
    :meth:`flush`, which the caller does when the exchange is over.
    """

    def __init__(self, emit: Callable[[str, bytes, float], None], *, limit: int = 4096) -> None:
        self._emit = emit
        self._limit = limit
        self._data = bytearray()
        self._when = 0.0

    def __call__(self, direction: str, data: bytes) -> None:
        if direction != "rx":
            self.flush()
            self._emit(direction, bytes(data), time.time())
            return
        if len(self._data) >= self._limit:
            self.flush()
        if not self._data:
            self._when = time.time()
        self._data += data

    def flush(self) -> None:
        if self._data:
            data, self._data = bytes(self._data), bytearray()
            self._emit("rx", data, self._when)


# -- errors for scripts ----------------------------------------------------------------

EXIT_CODES: Final[tuple[tuple[str, int], ...]] = (   # first match wins
    ("PortNotFound", 20),    # no such port / unplugged
    ("PortBusy", 21),        # another program holds it
    ("PrinterError", 25),    # paper out, cover open, printer silent
    ("CardError", 26),       # no card, wrong key, card removed
    ("DeviceRejected", 24),  # the device answered with an error code
    ("BadFrame", 23),        # garbled or truncated answer
    ("DeviceTimeout", 22),   # no answer
    ("DeviceError", 29),     # anything else at the port
)


def exit_code(exc: DeviceError) -> int:
    """The command-line exit status for a device error (documented in the README)."""
    from drivers import errors

    for name, code in EXIT_CODES:
        if isinstance(exc, getattr(errors, name)):
            return code
    return 29
