"""A simulated ESC/POS receipt printer that keeps a readable transcript.

It parses the command stream like a printer would and records, per printed
line, the text decoded to Unicode (GBK in Chinese mode, code page 437
otherwise, so a job that forgets ``FS &`` shows up as mojibake) with style
changes inline (``[BOLD on]``, ``[ALIGN center]``, ``[SIZE 2x2]`` …) and whole
events as lines of their own (``[INIT]``, ``[CUT]``, ``[QR:…]``,
``[BARCODE CODE128:…]``, ``[DRAWER]``, ``[FEED 3]``). :attr:`lines` has the
plain text only.

It answers ``DLE EOT n`` from its state (paper out, near end, cover open,
error) and, while it cannot print, drops print data and counts it in
:attr:`dropped_bytes`. With ``powered`` off it says nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from drivers.simulators.base import Simulator

# ESC commands by total length (ESC, command, parameters); unknown ones are taken as 2 bytes.
_ESC_LENGTHS: Final = {**dict.fromkeys(b"@2", 2), **dict.fromkeys(b"!E-adtJ3MG{R V", 3), ord("p"): 5}
_GS_SETTINGS: Final = frozenset(b"hwHfBb")  # 3-byte barcode/print settings without output
_FS_LENGTHS: Final = {ord("&"): 2, ord("."): 2, ord("!"): 3, ord("-"): 3, ord("C"): 3}
_ALIGN_NAMES: Final = {0: "left", 1: "center", 2: "right"}
_BARCODES: Final = {
    65: "UPC-A",
    66: "UPC-E",
    67: "EAN13",
    68: "EAN8",
    69: "CODE39",
    70: "ITF",
    71: "CODABAR",
    72: "CODE93",
    73: "CODE128",
}


class PrinterSimulator(Simulator):
    """A 58/80 mm ESC/POS printer. Change its state with :meth:`set_state`."""

    kind = "printer"

    def __init__(
        self,
        *,
        encoding: str = "gbk",
        chinese_by_default: bool = False,
        on_line: Callable[[str], None] | None = None,
        tcp_port: int | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        super().__init__(tcp_port=tcp_port, host=host)
        self.encoding = encoding
        self.chinese_by_default = chinese_by_default
        self.on_line = on_line
        self.paper_out = False
        self.paper_near_end = False
        self.cover_open = False
        self.error = False
        self.powered = True
        self.drawer_pin3_high = False
        self.dropped_bytes = 0
        self._transcript: list[str] = []
        self._lines: list[str] = []
        self._reset_parser()

    # -- state and results (any thread) --------------------------------------------

    def set_state(
        self,
        *,
        paper_out: bool | None = None,
        paper_near_end: bool | None = None,
        cover_open: bool | None = None,
        error: bool | None = None,
        powered: bool | None = None,
    ) -> None:
        with self.lock:
            for name, value in (
                ("paper_out", paper_out),
                ("paper_near_end", paper_near_end),
                ("cover_open", cover_open),
                ("error", error),
                ("powered", powered),
            ):
                if value is not None:
                    setattr(self, name, value)

    @property
    def online(self) -> bool:
        return not (self.paper_out or self.cover_open or self.error)

    @property
    def transcript(self) -> list[str]:
        """Printed lines with markers, oldest first."""
        with self.lock:
            return list(self._transcript)

    @property
    def lines(self) -> list[str]:
        """Printed text lines only (no markers, no event lines)."""
        with self.lock:
            return list(self._lines)

    def clear(self) -> None:
        with self.lock:
            self._transcript.clear()
            self._lines.clear()
            self.dropped_bytes = 0

    # -- byte stream (server thread) -------------------------------------------------

    def reset_input(self) -> None:
        self._buf.clear()

    def _reset_parser(self) -> None:
        self._buf = bytearray()
        self._chinese = self.chinese_by_default
        self._pending = bytearray()
        self._marked: list[str] = []
        self._plain: list[str] = []
        self._qr = b""

    def feed(self, data: bytes) -> bytes:
        if not self.powered:
            self.dropped_bytes += len(data)
            return b""
        self._buf += data
        replies = bytearray()
        while self._buf:
            used, reply = self._step()
            if not used:
                break  # an incomplete command: wait for the rest
            del self._buf[:used]
            replies += reply
        return bytes(replies)

    def _step(self) -> tuple[int, bytes]:
        b = self._buf
        if b[0] == 0x10:  # DLE: real-time commands, executed even when offline
            if len(b) < 3:
                return 0, b""
            return (3, self._status(b[2])) if b[1] == 0x04 else (1, b"")
        if not self.online:
            self.dropped_bytes += 1
            return 1, b""
        if b[0] == 0x1B:
            return self._esc(), b""
        if b[0] == 0x1D:
            return self._gs(), b""
        if b[0] == 0x1C:
            return self._fs(), b""
        if b[0] == 0x0A:
            self._end_line()
        elif b[0] >= 0x20:
            self._pending.append(b[0])
        return 1, b""

    def _status(self, n: int) -> bytes:
        if n == 1:
            value = 0x12 | (0 if self.online else 0x08) | (0x04 if self.drawer_pin3_high else 0)
        elif n == 2:
            value = (
                0x12
                | (0x04 if self.cover_open else 0)
                | (0x20 if self.paper_out else 0)
                | (0x40 if self.error else 0)
            )
        elif n == 3:
            value = 0x12 | (0x20 if self.error else 0)
        elif n == 4:
            value = 0x12 | (0x0C if self.paper_near_end else 0) | (0x60 if self.paper_out else 0)
        else:
            return b""
        return bytes([value])

    # -- commands ---------------------------------------------------------------------

    def _esc(self) -> int:
        b = self._buf
        if len(b) < 2:
            return 0
        size = _ESC_LENGTHS.get(b[1], 2)
        if len(b) < size:
            return 0
        cmd, arg = chr(b[1]), (b[2] if size > 2 else 0)
        if cmd == "@":
            self._event("[INIT]")
            self._chinese = self.chinese_by_default
        elif cmd == "E":
            self._inline(f"[BOLD {'on' if arg & 1 else 'off'}]")
        elif cmd == "-":
            self._inline(f"[UNDERLINE {arg % 48}]")
        elif cmd == "a":
            self._inline(f"[ALIGN {_ALIGN_NAMES.get(arg % 48, arg)}]")
        elif cmd == "d":
            self._event(f"[FEED {arg}]")
        elif cmd == "p":
            self._event(f"[DRAWER pin{2 if arg % 48 == 0 else 5}]")
        elif cmd == "!":
            self._inline(f"[MODE {arg:02X}]")
        elif b[1] not in _ESC_LENGTHS:
            self._inline(f"[ESC {b[1]:02X}]")
        return size

    def _gs(self) -> int:
        b = self._buf
        if len(b) < 3:
            return 0
        cmd = chr(b[1])
        if cmd == "!":
            self._inline(f"[SIZE {(b[2] >> 4) + 1}x{(b[2] & 7) + 1}]")
            return 3
        if cmd == "V":
            return self._cut()
        if cmd == "k":
            return self._barcode()
        if cmd == "(":
            return self._gs_paren()
        if b[1] in _GS_SETTINGS:
            return 3
        self._inline(f"[GS {b[1]:02X}]")
        return 2

    def _cut(self) -> int:
        b = self._buf
        mode = b[2]
        size = 3 if mode in (0, 1, 48, 49) else 4
        if len(b) < size:
            return 0
        partial = mode in (1, 49, 66, 98, 104)
        self._event("[CUT partial]" if partial else "[CUT]")
        return size

    def _barcode(self) -> int:
        b = self._buf
        kind = b[2]
        if kind <= 6:  # old form: data ends with NUL
            end = b.find(0, 3)
            if end < 0:
                return 0
            data, size = bytes(b[3:end]), end + 1
        else:
            if len(b) < 4 or len(b) < 4 + b[3]:
                return 0
            data, size = bytes(b[4 : 4 + b[3]]), 4 + b[3]
        text = data.decode("ascii", "replace")
        if kind == 73 and text[:1] == "{":
            text = text[2:].replace("{{", "{")  # drop the code-set selector
        self._event(f"[BARCODE {_BARCODES.get(kind, kind)}:{text}]")
        return size

    def _gs_paren(self) -> int:
        b = self._buf
        if len(b) < 5:
            return 0
        size = 5 + b[3] + 256 * b[4]
        if len(b) < size:
            return 0
        if b[2] == ord("k") and size >= 7 and b[5] == 0x31:  # cn 49 = QR code
            function = b[6]
            if function == 0x50:
                self._qr = bytes(b[8:size])
            elif function == 0x51:
                self._event(f"[QR:{self._qr.decode('utf-8', 'replace')}]")
        return size

    def _fs(self) -> int:
        b = self._buf
        if len(b) < 2:
            return 0
        size = _FS_LENGTHS.get(b[1], 2)
        if len(b) < size:
            return 0
        if b[1] == ord("&"):
            self._chinese = True
        elif b[1] == ord("."):
            self._chinese = False
        elif b[1] not in _FS_LENGTHS:
            self._inline(f"[FS {b[1]:02X}]")
        return size

    # -- transcript ---------------------------------------------------------------------

    def _decode_pending(self) -> None:
        if self._pending:
            codec = self.encoding if self._chinese else "cp437"
            text = self._pending.decode(codec, errors="replace")
            self._marked.append(text)
            self._plain.append(text)
            self._pending.clear()

    def _inline(self, marker: str) -> None:
        self._decode_pending()
        self._marked.append(marker)

    def _end_line(self) -> None:
        self._decode_pending()
        marked, plain = "".join(self._marked), "".join(self._plain)
        self._marked, self._plain = [], []
        self._lines.append(plain)
        self._record(marked)

    def _event(self, marker: str) -> None:
        """An event line; style markers not yet followed by text stay pending."""
        self._decode_pending()
        if self._plain:  # printers print what is buffered before cutting or feeding
            self._end_line()
        self._record(marker)

    def _record(self, entry: str) -> None:
        self._transcript.append(entry)
        if self.on_line is not None:
            self.on_line(entry)
