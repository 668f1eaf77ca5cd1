"""ESC/POS receipt printers: a command builder, status decoding and the printer device.

Chinese thermal printers print GBK (some GB18030) in *Chinese mode*
(``FS &``). Text goes through :func:`printable` first: characters the printer
cannot show are mapped (``¥`` has no GBK code and GB18030's 4-byte form prints
as garbage on most printers, so it becomes ``￥``), anything still unencodable
becomes ``?``, and control characters are neutralised so that text can never
inject a command. Nothing a customer's name contains can make printing fail.

The builder, :class:`EscPos`, only produces bytes; :class:`ReceiptPrinter`
sends them after checking the printer's real-time status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar, Final

from drivers.device import SerialDevice
from drivers.errors import BadFrame, PaperOut, PrinterOffline
from drivers.layout import (
    PAPER_58MM,
    Align,
    columns,
    display_width,
    three_columns,
    two_columns,
    wrap,
)
from drivers.transport import SerialSettings, SerialTransport

ESC: Final = b"\x1b"
GS: Final = b"\x1d"
FS: Final = b"\x1c"
DLE: Final = b"\x10"
EOT: Final = b"\x04"
LF: Final = b"\n"

#: Replacements applied before encoding; pass your own map to a builder to change them.
DEFAULT_CHAR_MAP: Final[Mapping[str, str]] = MappingProxyType(
    {
        "¥": "￥",  # no GBK code point; the full-width yen sign is A3 A4
        "\u00a0": " ",
        "€": "EUR",
        "•": "·",
        "©": "(C)",
        "®": "(R)",
        "™": "TM",
        "\t": " ",
    }
)

_ALIGN_CODES: Final = {"left": 0, "center": 1, "right": 2}
_QR_ECC: Final = {"L": 48, "M": 49, "Q": 50, "H": 51}
_HRI: Final = {"none": 0, "above": 1, "below": 2, "both": 3}
QR_MAX_BYTES: Final = 7089


def printable(text: str, encoding: str = "gbk", char_map: Mapping[str, str] = DEFAULT_CHAR_MAP) -> str:
    """``text`` as the printer will show it: mapped, unencodable → ``?``, controls removed.

    Newlines are kept (the builder turns them into line feeds); every other
    control character becomes ``?`` so text cannot smuggle ESC/POS commands.
    """
    mapped = "".join(char_map.get(ch, ch) for ch in text)
    safe = "".join("?" if (ord(ch) < 0x20 and ch != "\n") or ord(ch) == 0x7F else ch for ch in mapped)
    return safe.encode(encoding, errors="replace").decode(encoding)


def encode_text(text: str, encoding: str = "gbk", char_map: Mapping[str, str] = DEFAULT_CHAR_MAP) -> bytes:
    """``text`` as printer bytes; never raises for any character."""
    return printable(text, encoding, char_map).encode(encoding)


class EscPos:
    """Builds an ESC/POS byte string; every method returns ``self`` for chaining::

        job = (EscPos(columns=PAPER_58MM).init().align("center").size(2, 2)
               .line("缴费收据").size().align("left")
               .item("物业费", "3", "￥360.00").cut())
        printer.print(job)

    ``columns`` is the line width in normal-size characters (32 for 58 mm
    paper, 48 for 80 mm); layout helpers divide it by the current width
    multiplier set with :meth:`size`.
    """

    def __init__(
        self,
        *,
        columns: int = PAPER_58MM,
        encoding: str = "gbk",
        char_map: Mapping[str, str] | None = None,
        chinese: bool = True,
    ) -> None:
        "".encode(encoding)  # fail now, not in the middle of a receipt, on a typo
        self.columns = columns
        self.encoding = encoding
        self.char_map = DEFAULT_CHAR_MAP if char_map is None else char_map
        self.chinese = chinese
        self._width_multiplier = 1
        self._buf = bytearray()

    # -- output ---------------------------------------------------------------

    def to_bytes(self) -> bytes:
        return bytes(self._buf)

    def __bytes__(self) -> bytes:
        return self.to_bytes()

    @property
    def line_width(self) -> int:
        """Columns available at the current character width."""
        return self.columns // self._width_multiplier

    def raw(self, data: bytes) -> EscPos:
        """Append bytes as they are (for commands this builder does not know)."""
        self._buf += data
        return self

    # -- setup and style ---------------------------------------------------------

    def init(self) -> EscPos:
        """``ESC @`` (reset), then Chinese mode if enabled."""
        self._buf += ESC + b"@"
        self._width_multiplier = 1
        return self.chinese_mode(self.chinese) if self.chinese else self

    def chinese_mode(self, on: bool = True) -> EscPos:
        """``FS &`` / ``FS .``: two-byte (GBK) characters on or off."""
        self._buf += FS + (b"&" if on else b".")
        return self

    def align(self, how: Align) -> EscPos:
        """``ESC a n``."""
        self._buf += ESC + b"a" + bytes([_ALIGN_CODES[how]])
        return self

    def bold(self, on: bool = True) -> EscPos:
        """``ESC E n``."""
        self._buf += ESC + b"E" + bytes([int(on)])
        return self

    def underline(self, dots: int = 1) -> EscPos:
        """``ESC - n`` for single-byte and ``FS - n`` for Chinese characters (0 = off)."""
        if dots not in (0, 1, 2):
            raise ValueError("underline is 0 (off), 1 or 2 dots")
        self._buf += ESC + b"-" + bytes([dots])
        if self.chinese:
            self._buf += FS + b"-" + bytes([dots])
        return self

    def size(self, width: int = 1, height: int = 1) -> EscPos:
        """``GS ! n``: character width and height multipliers, 1–8 each."""
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError("size multipliers are 1-8")
        self._buf += GS + b"!" + bytes([(width - 1) << 4 | (height - 1)])
        self._width_multiplier = width
        return self

    # -- text -------------------------------------------------------------------

    def printable(self, text: str) -> str:
        """``text`` as this printer will show it (see :func:`printable`)."""
        return printable(text, self.encoding, self.char_map)

    def text(self, text: str) -> EscPos:
        """Text without a final line feed; newlines inside become line feeds."""
        self._buf += self.printable(text).encode(self.encoding)
        return self

    def line(self, text: str = "") -> EscPos:
        """Text and a line feed."""
        return self.text(text).raw(LF)

    def lines(self, lines: Sequence[str]) -> EscPos:
        for line in lines:
            self.line(line)
        return self

    def paragraph(self, text: str) -> EscPos:
        """Text wrapped to the line width (long Chinese addresses, notes)."""
        return self.lines(wrap(self.printable(text), self.line_width))

    def rule(self, char: str = "-") -> EscPos:
        """A full-width horizontal line."""
        char = self.printable(char)
        return self.line(char * (self.line_width // max(1, display_width(char))))

    def pair(self, left: str, right: str) -> EscPos:
        """Label left, value right: ``合计            ￥360.00``."""
        return self.lines(two_columns(self.printable(left), self.printable(right), self.line_width))

    def item(self, name: str, quantity: str, amount: str) -> EscPos:
        """A row of the item / quantity / amount table (columns line up across rows)."""
        name, quantity, amount = (self.printable(c) for c in (name, quantity, amount))
        return self.lines(three_columns(name, quantity, amount, self.line_width))

    def row(
        self, cells: Sequence[str], widths: Sequence[int], aligns: Sequence[Align] | None = None
    ) -> EscPos:
        """A row of any table (see :func:`drivers.layout.columns`)."""
        if sum(widths) + len(widths) - 1 > self.line_width:
            raise ValueError(f"columns {list(widths)} do not fit in {self.line_width}")
        return self.lines(columns([self.printable(c) for c in cells], widths, aligns))

    # -- paper handling ---------------------------------------------------------

    def feed(self, lines: int = 1) -> EscPos:
        """``ESC d n``: print the buffer and feed ``n`` lines."""
        if not 0 <= lines <= 255:
            raise ValueError("feed is 0-255 lines")
        self._buf += ESC + b"d" + bytes([lines])
        return self

    def cut(self, partial: bool = False, feed: int = 3) -> EscPos:
        """Cut the paper, after feeding ``feed`` lines so the last line clears the blade.

        ``GS V 65|66 n`` (feed n and cut) when ``feed`` > 0, else ``GS V 0|1``.
        """
        if not 0 <= feed <= 255:
            raise ValueError("feed is 0-255")
        if feed:
            self._buf += GS + b"V" + bytes([66 if partial else 65, feed])
        else:
            self._buf += GS + b"V" + bytes([1 if partial else 0])
        return self

    def drawer(self, pin: int = 0, on_ms: int = 50, off_ms: int = 500) -> EscPos:
        """``ESC p m t1 t2``: pulse the cash-drawer kick (pin 2 = 0, pin 5 = 1).

        Times are in milliseconds and sent in 2 ms units.
        """
        if pin not in (0, 1):
            raise ValueError("drawer pin is 0 (pin 2) or 1 (pin 5)")
        t1, t2 = on_ms // 2, off_ms // 2
        if not (1 <= t1 <= 255 and t1 <= t2 <= 255):
            raise ValueError("pulse times must be 2-510 ms, off >= on")
        self._buf += ESC + b"p" + bytes([pin, t1, t2])
        return self

    # -- codes ------------------------------------------------------------------

    def qr(
        self, data: str, *, size: int = 6, ecc: str = "M", model: int = 2, encoding: str = "utf-8"
    ) -> EscPos:
        """A QR code via ``GS ( k``: model, module size, error correction, store, print."""
        payload = data.encode(encoding)
        if not 1 <= len(payload) <= QR_MAX_BYTES:
            raise ValueError(f"二维码内容应为 1–{QR_MAX_BYTES} 字节 (QR data must be 1-{QR_MAX_BYTES} bytes)")
        if not 1 <= size <= 16 or ecc not in _QR_ECC or model not in (1, 2):
            raise ValueError("QR size 1-16, ecc L/M/Q/H, model 1 or 2")
        self._gs_k(b"\x31\x41" + bytes([48 + model, 0]))
        self._gs_k(b"\x31\x43" + bytes([size]))
        self._gs_k(b"\x31\x45" + bytes([_QR_ECC[ecc]]))
        self._gs_k(b"\x31\x50\x30" + payload)
        self._gs_k(b"\x31\x51\x30")
        return self

    def _gs_k(self, body: bytes) -> None:
        # GS ( k pL pH body: pL/pH count the bytes that follow them.
        self._buf += GS + b"(k" + len(body).to_bytes(2, "little") + body

    def barcode128(self, data: str, *, height: int = 80, module_width: int = 2, hri: str = "below") -> EscPos:
        """A CODE128 barcode (code set B: printable ASCII) via ``GS k 73``."""
        if not data or any(not 32 <= ord(ch) <= 126 for ch in data):
            raise ValueError(
                f"条码只能包含英文字母、数字和符号：{data!r} (CODE128 data must be printable ASCII)"
            )
        body = b"{B" + data.replace("{", "{{").encode("ascii")
        if len(body) > 255 or not 1 <= height <= 255 or not 2 <= module_width <= 6:
            raise ValueError("barcode too long, or height 1-255 / width 2-6 out of range")
        self._buf += GS + b"h" + bytes([height]) + GS + b"w" + bytes([module_width])
        self._buf += GS + b"H" + bytes([_HRI[hri]])
        self._buf += GS + b"k" + bytes([73, len(body)]) + body
        return self


# -- real-time status --------------------------------------------------------------


def status_request(n: int) -> bytes:
    """``DLE EOT n``: 1 printer, 2 offline cause, 3 error cause, 4 paper sensor."""
    if n not in (1, 2, 3, 4):
        raise ValueError("DLE EOT n is 1-4")
    return DLE + EOT + bytes([n])


def status_byte_valid(byte: int) -> bool:
    """Every DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear."""
    return byte & 0x93 == 0x12


@dataclass(frozen=True)
class PrinterStatus:
    """Decoded answers to DLE EOT 1, 2 and 4."""

    online: bool
    cover_open: bool
    paper_out: bool
    paper_near_end: bool
    error: bool
    drawer_pin3_high: bool

    @property
    def ready(self) -> bool:
        return self.online and not self.paper_out


def decode_status(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """Decode the three status bytes; raises :class:`BadFrame` if one is not a status byte.

    DLE EOT 1: bit 2 drawer pin 3, bit 3 offline. DLE EOT 2: bit 2 cover open,
    bit 5 stopped by paper end, bit 6 error. DLE EOT 4: bits 2–3 paper near
    end, bits 5–6 paper end.
    """
    for byte in (printer, offline_cause, paper):
        if not status_byte_valid(byte):
            raise BadFrame(
                f"打印机状态字节无效：{byte:02X}",
                f"not an ESC/POS status byte: {byte:02X}",
            )
    return PrinterStatus(
        online=not printer & 0x08,
        cover_open=bool(offline_cause & 0x04),
        paper_out=bool(paper & 0x60) or bool(offline_cause & 0x20),
        paper_near_end=bool(paper & 0x0C),
        error=bool(offline_cause & 0x40),
        drawer_pin3_high=bool(printer & 0x04),
    )


# -- device -------------------------------------------------------------------------


class ReceiptPrinter(SerialDevice):
    """A receipt printer on a serial line (or a network printer's raw port via
    ``socket://host:9100``)."""

    default_settings: ClassVar[SerialSettings] = SerialSettings(baudrate=9600, timeout=0.5)

    def __init__(
        self,
        transport: SerialTransport,
        *,
        columns: int = PAPER_58MM,
        encoding: str = "gbk",
        char_map: Mapping[str, str] | None = None,
        check_status: bool = True,
    ) -> None:
        super().__init__(transport)
        self.columns = columns
        self.encoding = encoding
        self.char_map = char_map
        self.check_status = check_status

    def receipt(self) -> EscPos:
        """A builder set up for this printer's paper and encoding, already ``init()``-ed."""
        return EscPos(columns=self.columns, encoding=self.encoding, char_map=self.char_map).init()

    def status(self) -> PrinterStatus:
        """Query DLE EOT 1, 2 and 4. Raises :class:`PrinterOffline` if the printer is silent."""
        self.transport.drain()
        return decode_status(*(self._status_byte(n) for n in (1, 2, 4)))

    def _status_byte(self, n: int) -> int:
        self.transport.write(status_request(n))
        answer = self.transport.read_exact(1)
        if not answer:
            raise PrinterOffline(
                f"打印机无应答（串口 {self.port}）：请检查电源和连接线",
                f"printer on {self.port} does not answer: check power and cable",
                port=self.port,
            )
        return answer[0]

    def ensure_ready(self) -> PrinterStatus:
        """Raise :class:`PaperOut` or :class:`PrinterOffline` unless the printer can print."""
        status = self.status()
        if status.paper_out:
            raise PaperOut(
                f"打印机缺纸（串口 {self.port}）：请装入新纸卷",
                f"printer on {self.port} is out of paper: load a new roll",
                port=self.port,
            )
        if not status.online:
            reason = "机盖未关好" if status.cover_open else "打印机故障"
            reason_en = "cover open" if status.cover_open else "printer error"
            raise PrinterOffline(
                f"打印机脱机（串口 {self.port}）：{reason}",
                f"printer on {self.port} is offline: {reason_en}",
                port=self.port,
            )
        return status

    def print(self, job: bytes | EscPos) -> PrinterStatus | None:
        """Send a print job, checking first that the printer is ready (unless
        ``check_status`` is off, for printers without DLE EOT). Returns the
        status checked, whose ``paper_near_end`` a UI may want to show."""
        status = self.ensure_ready() if self.check_status else None
        self.transport.write(bytes(job))
        return status

    def open_drawer(self, pin: int = 0) -> None:
        """Kick the cash drawer connected to the printer."""
        self.transport.write(EscPos(encoding=self.encoding, chinese=False).drawer(pin).to_bytes())
