"""Byte transport over pyserial: open a port by name or URL, write, read with deadlines.

A :class:`SerialTransport` carries bytes and nothing else; each protocol module
frames them. Ports are opened through :func:`serial.serial_for_url`, so the same
code talks to a local adapter (``/dev/ttyUSB0``, ``COM3``), a serial server on
the network (``socket://host:port``, ``rfc2217://host:port``) or pyserial's
``loop://`` test port.

A transport is not thread-safe: give each port one owner thread (the app runs
one worker per serial port).
"""

from __future__ import annotations

import errno
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, Final, TypeVar

import serial

from drivers.errors import DeviceError, DeviceTimeout, PortBusy, PortNotFound

log = logging.getLogger(__name__)

TX: Final = "tx"
"""Direction passed to a frame log for bytes sent to the device."""
RX: Final = "rx"
"""Direction passed to a frame log for bytes received from the device."""

FrameLog = Callable[[str, bytes], None]
"""``callback(direction, data)``: called with :data:`TX` or :data:`RX` and the bytes."""

T = TypeVar("T")

_PARITIES: Final = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}


def hex_bytes(data: bytes | bytearray) -> str:
    """``b"\\x68\\x12"`` → ``"68 12"``: the form used in frame logs and messages."""
    return data.hex(" ").upper()


@dataclass(frozen=True)
class SerialSettings:
    """Line settings of a serial port and how long to wait for the device.

    ``timeout`` is the time allowed for a complete answer to arrive after a
    request was written; ``write_timeout`` bounds a write that cannot drain
    (for example a printer holding RTS/CTS low).
    """

    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    timeout: float = 1.0
    write_timeout: float = 2.0

    def __post_init__(self) -> None:
        if self.baudrate <= 0:
            raise ValueError(f"波特率必须为正数 (baud rate must be positive): {self.baudrate}")
        if self.bytesize not in (5, 6, 7, 8):
            raise ValueError(f"数据位只能是 5–8 (byte size must be 5-8): {self.bytesize}")
        if self.parity not in _PARITIES:
            raise ValueError(f"校验位只能是 N、E 或 O (parity must be N, E or O): {self.parity!r}")
        if self.stopbits not in (1, 1.5, 2):
            raise ValueError(f"停止位只能是 1、1.5 或 2 (stop bits must be 1, 1.5 or 2): {self.stopbits}")
        if self.timeout <= 0 or self.write_timeout <= 0:
            raise ValueError("超时必须为正数 (timeouts must be positive)")

    def with_changes(self, **changes: Any) -> SerialSettings:
        """A copy with some fields changed (unknown names raise ``TypeError``)."""
        return replace(self, **changes)

    @property
    def char_time(self) -> float:
        """Seconds one character takes on the line (start + data + parity + stop bits)."""
        bits = 1 + self.bytesize + (0 if self.parity == "N" else 1) + self.stopbits
        return bits / self.baudrate

    @classmethod
    def field_names(cls) -> frozenset[str]:
        """Names of the settings fields (used to split keyword options)."""
        return frozenset(f.name for f in fields(cls))


class SerialTransport:
    """One open serial line.

    Deadlines are kept here rather than by pyserial: the port is opened once
    with a short fixed read timeout (:attr:`POLL`) and never reconfigured,
    because setting ``Serial.timeout`` later reconfigures the tty, and on a
    Linux pseudo-terminal opened with parity E that fails with EINVAL.
    """

    POLL: Final = 0.01

    def __init__(
        self,
        port: str,
        settings: SerialSettings | None = None,
        *,
        log: FrameLog | None = None,
    ) -> None:
        self.port = port
        self.settings = settings or SerialSettings()
        self.log = log
        self._serial: serial.SerialBase | None = None

    # -- lifetime -----------------------------------------------------------

    def open(self) -> SerialTransport:
        """Open the port (no-op if already open) and return ``self``.

        Raises :class:`PortNotFound`, :class:`PortBusy` or :class:`DeviceError`.
        """
        if self._serial is not None:
            return self
        s = self.settings
        try:
            self._serial = serial.serial_for_url(
                self.port,
                baudrate=s.baudrate,
                bytesize=s.bytesize,
                parity=_PARITIES[s.parity],
                stopbits=s.stopbits,
                timeout=self.POLL,
                write_timeout=s.write_timeout,
                # Two programs polling one RS-485 bus corrupt each other's
                # frames: refuse to share a local port.
                exclusive=True,
            )
        except Exception as exc:  # pyserial also leaks termios.error and ValueError
            raise _open_error(self.port, exc) from exc
        return self

    def close(self) -> None:
        """Close the port; safe to call twice."""
        if self._serial is not None:
            try:
                self._serial.close()
            finally:
                self._serial = None

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    def __enter__(self) -> SerialTransport:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self.is_open else "closed"
        return f"<SerialTransport {self.port} {self.settings.baudrate} {state}>"

    # -- I/O ----------------------------------------------------------------

    def write(self, data: bytes) -> None:
        """Write all of ``data``; raises :class:`DeviceTimeout` if it cannot drain."""
        port = self._port()
        self._log(TX, data)
        try:
            port.write(data)
            port.flush()
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(
                f"写入超时：串口 {self.port} 无法发送数据",
                f"write timeout: port {self.port} does not accept data",
                port=self.port,
            ) from exc
        except (serial.SerialException, OSError) as exc:
            raise self._lost(exc) from exc

    def drain(self) -> bytes:
        """Discard (and log) bytes already waiting, e.g. a late answer to an
        earlier request, so they are not taken for the answer to the next one."""
        return self._read_available()

    def read_some(self, timeout: float | None = None, *, gap: float | None = None) -> bytes:
        """Wait up to ``timeout`` for bytes, then keep reading until the line has
        been quiet for ``gap`` seconds; return what arrived (``b""`` if nothing).
        With ``gap=0`` the first bytes are returned as soon as they arrive.

        A device that never stops sending is cut off after twice ``timeout``.
        """
        wait = self.settings.timeout if timeout is None else timeout
        started = time.monotonic()
        quiet = gap if gap is not None else max(4 * self.settings.char_time, 2 * self.POLL)
        data = bytearray()
        last = started
        while True:
            chunk = self._read_chunk()
            now = time.monotonic()
            if chunk:
                data += chunk
                last = now
                if quiet == 0:
                    return bytes(data)
            if data and (now - last >= quiet or now - started >= 2 * wait):
                return bytes(data)
            if not data and now - started >= wait:
                return b""

    def read_exact(self, size: int, timeout: float | None = None) -> bytes:
        """Read ``size`` bytes, or fewer if the deadline passes first."""
        buf = bytearray()

        def take(b: bytearray) -> bytes | None:
            if len(b) < size:
                return None
            out = bytes(b[:size])
            del b[:size]
            return out

        return self.receive(take, timeout, buffer=buf) or bytes(buf)

    def receive(
        self,
        take: Callable[[bytearray], T | None],
        timeout: float | None = None,
        *,
        buffer: bytearray | None = None,
    ) -> T | None:
        """Read until ``take(buffer)`` returns something other than ``None``.

        ``take`` is a protocol's frame extractor: it looks at the bytes read so
        far, removes what it consumed from the front of ``buffer`` and returns a
        frame, or ``None`` while the frame is incomplete. Returns ``None`` when
        the deadline passes (the caller knows which device was silent and raises
        the right :class:`DeviceTimeout`). Pass ``buffer`` to keep bytes that
        follow a frame for the next call.
        """
        deadline = time.monotonic() + (self.settings.timeout if timeout is None else timeout)
        buf = bytearray() if buffer is None else buffer
        while True:
            if buf:
                found = take(buf)
                if found is not None:
                    return found
            if time.monotonic() >= deadline:
                return None
            buf += self._read_chunk()

    # -- internals ----------------------------------------------------------

    def _port(self) -> serial.SerialBase:
        if self._serial is None:
            raise DeviceError(
                f"串口 {self.port} 未打开",
                f"port {self.port} is not open",
                port=self.port,
            )
        return self._serial

    def _read_chunk(self) -> bytes:
        """Block at most :attr:`POLL` seconds; return whatever arrived."""
        port = self._port()
        try:
            chunk = port.read(port.in_waiting or 1)
        except (serial.SerialException, OSError) as exc:
            raise self._lost(exc) from exc
        if chunk:
            self._log(RX, chunk)
        return bytes(chunk)

    def _read_available(self) -> bytes:
        port = self._port()
        try:
            waiting = port.in_waiting
            chunk = port.read(waiting) if waiting else b""
        except (serial.SerialException, OSError) as exc:
            raise self._lost(exc) from exc
        if chunk:
            self._log(RX, chunk)
        return chunk

    def _log(self, direction: str, data: bytes) -> None:
        if self.log is None:
            return
        try:
            self.log(direction, data)
        except Exception:
            # The hook feeds a live display; a bug there must not abort a meter
            # reading or a card write half-way.
            log.exception("frame log hook failed on %s %s", direction, hex_bytes(data))

    def _lost(self, exc: BaseException) -> PortNotFound:
        return PortNotFound(
            f"串口 {self.port} 已断开，请检查连接线或 USB 转换器",
            f"port {self.port} was disconnected: {exc}",
            port=self.port,
        )


def _open_error(port: str, exc: BaseException) -> DeviceError:
    """Translate whatever pyserial raised on open into one of our errors."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    if isinstance(exc, ValueError):
        return DeviceError(
            f"端口名称或参数无效：{port}",
            f"invalid port name or settings: {port}: {text}",
            port=port,
        )
    if (
        code in (errno.EBUSY, errno.EAGAIN)
        or "exclusively lock" in text
        or (sys.platform == "win32" and ("Access is denied" in text or "PermissionError" in text))
    ):
        return PortBusy(
            f"串口 {port} 被占用：请关闭正在使用它的其他程序",
            f"port {port} is busy: another program is using it ({text})",
            port=port,
        )
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO) or any(
        marker in text for marker in ("FileNotFoundError", "No such file", "Connection refused")
    ):
        return PortNotFound(
            f"找不到串口 {port}：请检查设备是否已连接、端口名称是否正确",
            f"port {port} not found: check the device is connected and the name is right ({text})",
            port=port,
        )
    if code == errno.EACCES or "Permission denied" in text:
        return DeviceError(
            f"没有权限打开串口 {port}：请把当前用户加入 dialout 组后重新登录",
            f"permission denied on port {port}: add the user to the dialout group ({text})",
            port=port,
        )
    if code == errno.EINVAL:
        return DeviceError(
            f"串口 {port} 不支持所设参数（波特率/校验位）",
            f"port {port} rejected the line settings (baud rate/parity): {text}",
            port=port,
        )
    return DeviceError(
        f"无法打开串口 {port}",
        f"cannot open port {port}: {text}",
        port=port,
    )
