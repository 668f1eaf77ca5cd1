"""NXP PN532 NFC reader over HSU (UART, 115200 8N1) and a MIFARE Classic card API.

Frames (host ↔ PN532)::

    00  00 FF  LEN LCS  TFI DATA…  DCS  00        normal information frame
    00  00 FF  00  FF   00                         ACK
    00  00 FF  FF  00   00                         NACK
    00  00 FF  01  FF   7F  81  00                 error frame (syntax error)

LEN counts TFI and DATA, ``LEN + LCS ≡ 0`` and ``TFI + ΣDATA + DCS ≡ 0``
(mod 256). TFI is D4 from the host and D5 from the PN532, whose reply code is
the command code + 1. Every command is first acknowledged with an ACK.

The pure frame and command codecs come first; :class:`PN532` adds the serial
exchange and :class:`MifareClassic` the card operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from drivers import mifare
from drivers.device import SerialDevice
from drivers.errors import (
    AuthError,
    BadChecksum,
    BadFrame,
    CardRemoved,
    DeviceError,
    DeviceRejected,
    DeviceTimeout,
    NoCard,
)
from drivers.mifare import AccessConditions, KeyType, SectorTrailer
from drivers.transport import SerialSettings, SerialTransport, hex_bytes

START_CODE: Final = b"\x00\xff"
TFI_HOST: Final = 0xD4
TFI_PN532: Final = 0xD5
TFI_ERROR: Final = 0x7F
ACK: Final = bytes.fromhex("0000ff00ff00")
NACK: Final = bytes.fromhex("0000ffff0000")
ERROR_FRAME: Final = bytes.fromhex("0000ff01ff7f8100")
WAKE_UP: Final = b"\x55\x55" + b"\x00" * 14
"""HSU wake-up: 55 55 and a run of zeros, sent before the first command."""

CMD_GET_FIRMWARE_VERSION: Final = 0x02
CMD_SAM_CONFIGURATION: Final = 0x14
CMD_RF_CONFIGURATION: Final = 0x32
CMD_IN_DATA_EXCHANGE: Final = 0x40
CMD_IN_LIST_PASSIVE_TARGET: Final = 0x4A
CMD_IN_RELEASE: Final = 0x52

BAUD_106K_TYPE_A: Final = 0x00
STATUS_ERROR_MASK: Final = 0x3F  # bit 6 NAD present, bit 7 more information

STATUS_TIMEOUT: Final = 0x01
STATUS_INVALID_FRAME: Final = 0x13
STATUS_AUTH_ERROR: Final = 0x14

#: PN532 status codes (user manual §7.1) in words.
STATUS_TEXT: Final = {
    0x01: ("卡片无应答", "the card did not answer"),
    0x02: ("CRC 错误", "CRC error"),
    0x03: ("奇偶校验错误", "parity error"),
    0x05: ("MIFARE 帧错误", "MIFARE framing error"),
    0x0A: ("射频场未开启", "RF field not switched on"),
    0x0B: ("射频协议错误", "RF protocol error"),
    0x0D: ("读卡器过热", "reader overheated"),
    0x10: ("参数无效", "invalid parameter"),
    0x13: (
        "卡片拒绝操作（访问位不允许，或未认证）",
        "the card refused (access bits forbid it, or not authenticated)",
    ),
    0x14: ("密钥错误，认证失败", "MIFARE authentication failed"),
    0x27: ("当前状态下不能执行该命令", "command not acceptable in this context"),
    0x29: ("卡片已被释放", "target released"),
    0x2A: ("卡片已被更换", "the card was exchanged"),
    0x2B: ("卡片已离开", "the card disappeared"),
}

FrameKind = Literal["ack", "nack", "error", "information"]


@dataclass(frozen=True)
class Frame:
    """A decoded HSU frame; ``tfi``/``data`` are only meaningful for information frames."""

    kind: FrameKind
    tfi: int = 0
    data: bytes = b""


@dataclass(frozen=True)
class FirmwareVersion:
    ic: int
    version: int
    revision: int
    support: int

    def __str__(self) -> str:
        return f"PN5{self.ic:02X} v{self.version}.{self.revision}"


@dataclass(frozen=True)
class Target:
    """A card found by InListPassiveTarget (ISO 14443 type A)."""

    number: int
    atqa: int
    sak: int
    uid: bytes

    @property
    def uid_hex(self) -> str:
        return self.uid.hex().upper()


# -- frame codec ---------------------------------------------------------------


def encode_frame(payload: bytes) -> bytes:
    """Wrap TFI + data in a normal information frame."""
    if not 1 <= len(payload) <= 254:
        raise ValueError("a normal frame carries 1-254 bytes (TFI + data)")
    length = len(payload)
    return (
        b"\x00" + START_CODE + bytes([length, -length & 0xFF]) + payload + bytes([-sum(payload) & 0xFF, 0x00])
    )


def encode_command(command: int, params: bytes = b"") -> bytes:
    """A host command frame: ``D4 command params…``."""
    return encode_frame(bytes([TFI_HOST, command]) + params)


def encode_reply(command: int, data: bytes = b"") -> bytes:
    """A PN532 reply frame ``D5 command+1 data…`` (used by the simulator)."""
    return encode_frame(bytes([TFI_PN532, command + 1]) + data)


def take_frame(buf: bytearray) -> bytes | None:
    """Remove and return the first frame in ``buf``, from its ``00 FF`` start code.

    Bytes before a start code are dropped (preambles, wake-up bytes, noise),
    and so is a start code whose LEN/LCS do not add up (extended frames, which
    these commands never produce, are dropped this way too).
    """
    while True:
        start = buf.find(START_CODE)
        if start < 0:
            del buf[: max(0, len(buf) - 1)]  # keep a trailing 00: it may begin a start code
            return None
        del buf[:start]
        if len(buf) < 4:
            return None
        length, lcs = buf[2], buf[3]
        if (length, lcs) in ((0x00, 0xFF), (0xFF, 0x00)):
            frame = bytes(buf[:4])
            del buf[:4]
            return frame
        if (length + lcs) & 0xFF:
            del buf[0]
            continue
        total = 4 + length + 1
        if len(buf) < total:
            return None
        frame = bytes(buf[:total])
        del buf[:total]
        return frame


def decode_frame(frame: bytes) -> Frame:
    """Decode a frame from :func:`take_frame` (starting at ``00 FF``)."""
    if len(frame) < 4 or frame[:2] != START_CODE:
        raise BadFrame(
            f"读卡器数据帧格式错误：{hex_bytes(frame)}", f"malformed PN532 frame: {hex_bytes(frame)}"
        )
    length, lcs = frame[2], frame[3]
    if (length, lcs) == (0x00, 0xFF):
        return Frame("ack")
    if (length, lcs) == (0xFF, 0x00):
        return Frame("nack")
    if (length + lcs) & 0xFF or length == 0 or len(frame) != 5 + length:
        raise BadFrame(
            f"读卡器数据帧长度错误：{hex_bytes(frame)}", f"bad PN532 frame length: {hex_bytes(frame)}"
        )
    payload = frame[4 : 4 + length]
    if (sum(payload) + frame[4 + length]) & 0xFF:
        raise BadChecksum(
            f"读卡器数据校验错误：{hex_bytes(frame)}", f"bad PN532 data checksum: {hex_bytes(frame)}"
        )
    if payload[0] == TFI_ERROR:
        return Frame("error", TFI_ERROR, payload[1:])
    return Frame("information", payload[0], payload[1:])


# -- command codecs --------------------------------------------------------------


def decode_firmware_version(data: bytes) -> FirmwareVersion:
    if len(data) != 4:
        raise BadFrame(
            f"固件版本应答长度错误：{hex_bytes(data)}", f"bad firmware version reply: {hex_bytes(data)}"
        )
    return FirmwareVersion(*data)


def sam_configuration_params(mode: int = 0x01, timeout: int = 0x14, irq: bool = True) -> bytes:
    """SAMConfiguration: normal mode (no SAM), virtual-card timeout in 50 ms units, IRQ."""
    return bytes([mode, timeout, int(irq)])


def passive_retries_params(retries: int) -> bytes:
    """RFConfiguration item 5 (MaxRetries): ATR FF, PSL 01, passive activation ``retries``.

    Without a finite value InListPassiveTarget waits for a card for ever.
    """
    if not 0 <= retries <= 0xFE:
        raise ValueError("passive activation retries are 0-254 (255 means for ever)")
    return bytes([0x05, 0xFF, 0x01, retries])


def list_passive_target_params(max_targets: int = 1) -> bytes:
    return bytes([max_targets, BAUD_106K_TYPE_A])


def decode_target(data: bytes) -> Target | None:
    """InListPassiveTarget reply: ``NbTg [Tg ATQA(2) SAK NIDLen NID…]``; ``None`` if no card."""
    if not data:
        raise BadFrame("寻卡应答为空", "empty InListPassiveTarget reply")
    if data[0] == 0:
        return None
    if len(data) < 6 or len(data) < 6 + data[5] or data[5] not in (4, 7, 10):
        raise BadFrame(f"寻卡应答格式错误：{hex_bytes(data)}", f"malformed target data: {hex_bytes(data)}")
    uid_length = data[5]
    return Target(
        number=data[1],
        atqa=int.from_bytes(data[2:4], "big"),
        sak=data[4],
        uid=bytes(data[6 : 6 + uid_length]),
    )


# -- reader ----------------------------------------------------------------------


class PN532(SerialDevice):
    """A PN532 on a serial line (HSU). Call :meth:`begin` once after opening."""

    default_settings: ClassVar[SerialSettings] = SerialSettings(baudrate=115200, timeout=1.0)

    def __init__(
        self,
        transport: SerialTransport,
        *,
        retries: int = 2,
        ack_timeout: float = 0.2,
        passive_retries: int = 2,
    ) -> None:
        super().__init__(transport)
        self.retries = retries
        self.ack_timeout = ack_timeout
        self.passive_retries = passive_retries

    def begin(self) -> FirmwareVersion:
        """Wake the chip, disable the SAM, bound card polling; return its firmware version."""
        self.transport.write(WAKE_UP)
        self.call(CMD_SAM_CONFIGURATION, sam_configuration_params())
        self.call(CMD_RF_CONFIGURATION, passive_retries_params(self.passive_retries))
        return self.firmware_version()

    def firmware_version(self) -> FirmwareVersion:
        return decode_firmware_version(self.call(CMD_GET_FIRMWARE_VERSION))

    def list_passive_target(self) -> Target | None:
        """Look for one ISO 14443A card at 106 kbps."""
        return decode_target(self.call(CMD_IN_LIST_PASSIVE_TARGET, list_passive_target_params()))

    def data_exchange(self, target: int, payload: bytes) -> tuple[int, bytes]:
        """InDataExchange: send ``payload`` to the card; return (error code, data).

        The error code is the status byte's low 6 bits (0 = success); the caller
        knows what was attempted and turns a failure into the right error.
        """
        reply = self.call(CMD_IN_DATA_EXCHANGE, bytes([target]) + payload)
        if not reply:
            raise BadFrame("数据交换应答为空", "empty InDataExchange reply", port=self.port)
        return reply[0] & STATUS_ERROR_MASK, reply[1:]

    def release(self, target: int = 0) -> None:
        """InRelease: let go of ``target`` (0 = all)."""
        self.call(CMD_IN_RELEASE, bytes([target]))

    def call(self, command: int, params: bytes = b"") -> bytes:
        """Send a command; return the reply data after the reply code.

        A command the PN532 did not acknowledge is sent again (it was not
        executed, so that is safe even for a card write). A reply with a bad
        checksum is requested again with a NACK, which makes the PN532 repeat
        its answer without executing anything twice.
        """
        frame = encode_command(command, params)
        buf = bytearray()
        for _ in range(self.retries + 1):
            self.transport.drain()
            self.transport.write(frame)
            buf.clear()
            if self._wait_ack(buf):
                return self._read_reply(command, buf)
        raise DeviceTimeout(
            f"读卡器无应答（串口 {self.port}）：请检查连接线和波特率",
            f"the PN532 on {self.port} does not acknowledge commands: check cable and baud rate",
            port=self.port,
        )

    def _wait_ack(self, buf: bytearray) -> bool:
        raw = self.transport.receive(take_frame, self.ack_timeout, buffer=buf)
        if raw is None:
            return False
        try:
            return decode_frame(raw).kind == "ack"
        except BadFrame:
            return False

    def _read_reply(self, command: int, buf: bytearray) -> bytes:
        for _ in range(self.retries + 1):
            raw = self.transport.receive(take_frame, buffer=buf)
            if raw is None:
                raise DeviceTimeout(
                    f"读卡器应答超时（串口 {self.port}，命令 {command:02X}）",
                    f"timeout waiting for the PN532 on {self.port} to answer command {command:02X}",
                    port=self.port,
                )
            try:
                reply = decode_frame(raw)
            except BadChecksum:
                self.transport.write(NACK)
                continue
            return self._check_reply(command, reply)
        raise BadChecksum(
            f"读卡器应答多次校验错误（串口 {self.port}）",
            f"the PN532 on {self.port} kept sending corrupted replies",
            port=self.port,
        )

    def _check_reply(self, command: int, reply: Frame) -> bytes:
        if reply.kind == "error":
            raise DeviceRejected(
                f"读卡器拒绝命令 {command:02X}（语法错误）",
                f"the PN532 rejected command {command:02X} (syntax error)",
                code=TFI_ERROR,
                port=self.port,
            )
        if reply.kind != "information" or reply.tfi != TFI_PN532 or reply.data[:1] != bytes([command + 1]):
            raise BadFrame(
                f"读卡器应答与命令 {command:02X} 不符",
                f"the PN532 answered something else than command {command:02X}",
                port=self.port,
            )
        return reply.data[1:]


# -- card API ----------------------------------------------------------------------


class MifareClassic:
    """MIFARE Classic 1K operations through a :class:`PN532`.

    A card forgets its authentication after any error (and a real card goes
    back to idle), so after a failed operation the next :meth:`authenticate`
    selects the card again, checking it is still the same card.
    """

    def __init__(self, reader: PN532) -> None:
        self.reader = reader
        self.card: Target | None = None
        self._selected = False
        self._auth_sector: int | None = None

    def detect(self) -> Target:
        """Select the card on the reader; raises :class:`NoCard`."""
        target = self.reader.list_passive_target()
        if target is None:
            self.card = None
            raise NoCard(
                f"读卡器上没有卡片（串口 {self.reader.port}）：请把卡放在读卡区",
                f"no card on the reader at {self.reader.port}: place a card on it",
                port=self.reader.port,
            )
        self.card, self._selected, self._auth_sector = target, True, None
        return target

    def authenticate(self, block: int, key: bytes, key_type: KeyType = "A") -> None:
        """Authenticate the sector of ``block`` with ``key``; raises :class:`AuthError`."""
        card = self._ensure_selected()
        payload = mifare.auth_command(block, key, card.uid, key_type)
        self._exchange(payload, f"认证第 {block} 块", f"authenticating block {block}")
        self._auth_sector = mifare.sector_of(block)

    def read_block(self, block: int) -> bytes:
        """Read 16 bytes; the block's sector must be authenticated."""
        self._require_auth(block)
        data = self._exchange(mifare.read_command(block), f"读取第 {block} 块", f"reading block {block}")
        if len(data) != mifare.BLOCK_SIZE:
            raise BadFrame(
                f"读取第 {block} 块返回 {len(data)} 字节", f"block {block} read returned {len(data)} bytes"
            )
        return data

    def write_block(self, block: int, data: bytes, *, verify: bool = True) -> None:
        """Write 16 bytes to a data block (never block 0 nor a trailer: use
        :meth:`write_trailer`), then read it back unless ``verify`` is off."""
        if block == 0 or mifare.is_trailer(block):
            raise ValueError(
                f"第 {block} 块是厂商块或扇区尾块，不能作为数据写入 "
                f"(block {block} is the manufacturer block or a sector trailer)"
            )
        self._write(block, data, verify)

    def read_sector(self, sector: int, key: bytes, key_type: KeyType = "A") -> list[bytes]:
        """Authenticate and read the sector's data blocks (see :func:`mifare.data_blocks`)."""
        blocks = mifare.data_blocks(sector)
        self.authenticate(blocks[0], key, key_type)
        return [self.read_block(b) for b in blocks]

    def write_sector(self, sector: int, blocks: list[bytes], key: bytes, key_type: KeyType = "A") -> None:
        """Authenticate and write the sector's data blocks (3, or 2 in sector 0)."""
        numbers = mifare.data_blocks(sector)
        if len(blocks) != len(numbers):
            raise ValueError(
                f"扇区 {sector} 有 {len(numbers)} 个数据块 (sector {sector} has {len(numbers)} data blocks)"
            )
        self.authenticate(numbers[0], key, key_type)
        for number, data in zip(numbers, blocks, strict=True):
            self.write_block(number, data)

    def read_trailer(self, sector: int, key: bytes, key_type: KeyType = "A") -> SectorTrailer:
        """Read a sector trailer (key A reads as zeros; key B too unless readable)."""
        block = mifare.trailer_block(sector)
        self.authenticate(block, key, key_type)
        return SectorTrailer.from_bytes(self.read_block(block))

    def write_trailer(
        self,
        sector: int,
        key_a: bytes,
        access: AccessConditions,
        key_b: bytes,
        *,
        key: bytes,
        key_type: KeyType = "A",
        user_byte: int = mifare.DEFAULT_USER_BYTE,
        allow_irreversible: bool = False,
    ) -> None:
        """Set a sector's keys and access conditions, authenticating with ``key``.

        The trailer is built from validated conditions, so its access bits are
        always consistent. Conditions that can never be changed again are
        refused unless ``allow_irreversible``. After writing, the access bits
        are read back and compared.
        """
        if access.irreversible and not allow_irreversible:
            raise ValueError(
                f"扇区 {sector} 的访问条件写入后将永久无法更改，已拒绝 "
                f"(these access conditions can never be changed again; pass allow_irreversible=True)"
            )
        trailer = SectorTrailer(key_a, access, key_b, user_byte)
        block = mifare.trailer_block(sector)
        self.authenticate(block, key, key_type)
        self._write(block, trailer.to_bytes(), verify=False)
        written = self.read_block(block)
        if written[6:10] != trailer.to_bytes()[6:10]:
            raise DeviceError(
                f"扇区 {sector} 尾块写入后校验不符：{hex_bytes(written[6:10])}",
                f"sector {sector} trailer did not read back as written: {hex_bytes(written[6:10])}",
                port=self.reader.port,
            )

    def release(self) -> None:
        """Release the card (the next operation selects it again)."""
        self.reader.release()
        self._selected, self._auth_sector = False, None

    # -- internals ------------------------------------------------------------

    def _write(self, block: int, data: bytes, verify: bool) -> None:
        self._require_auth(block)
        self._exchange(mifare.write_command(block, data), f"写入第 {block} 块", f"writing block {block}")
        if verify and self.read_block(block) != bytes(data):
            raise DeviceError(
                f"第 {block} 块写入后读回不一致，请重试",
                f"block {block} did not read back as written; try again",
                port=self.reader.port,
            )

    def _ensure_selected(self) -> Target:
        if self._selected and self.card is not None:
            return self.card
        previous = self.card
        try:
            current = self.detect()
        except NoCard:
            if previous is None:
                raise
            raise CardRemoved(
                f"卡片 {previous.uid_hex} 已被移开",
                f"card {previous.uid_hex} was removed",
                port=self.reader.port,
            ) from None
        if previous is not None and current.uid != previous.uid:
            raise CardRemoved(
                f"卡片已被更换：原卡 {previous.uid_hex}，现卡 {current.uid_hex}",
                f"the card was swapped: was {previous.uid_hex}, now {current.uid_hex}",
                port=self.reader.port,
            )
        return current

    def _require_auth(self, block: int) -> None:
        if not self._selected or self._auth_sector != mifare.sector_of(block):
            raise ValueError(
                f"请先认证第 {mifare.sector_of(block)} 扇区 (authenticate sector "
                f"{mifare.sector_of(block)} first)"
            )

    def _exchange(self, payload: bytes, what_zh: str, what_en: str) -> bytes:
        if self.card is None:
            raise NoCard("没有选中的卡片", "no card selected", port=self.reader.port)
        code, data = self.reader.data_exchange(self.card.number, payload)
        if code == 0:
            return data
        self._selected, self._auth_sector = False, None  # the card went back to idle
        raise self._card_error(code, what_zh, what_en)

    def _card_error(self, code: int, what_zh: str, what_en: str) -> DeviceError:
        uid = self.card.uid_hex if self.card else "?"
        port = self.reader.port
        if code == STATUS_AUTH_ERROR:
            return AuthError(
                f"{what_zh}失败：卡片 {uid} 的密钥不正确",
                f"{what_en} failed: wrong key for card {uid}",
                port=port,
            )
        if code in (STATUS_TIMEOUT, 0x2A, 0x2B):
            return CardRemoved(
                f"{what_zh}时卡片 {uid} 被移开，操作未完成，请把卡放回后重试",
                f"card {uid} left the reader while {what_en}; put it back and try again",
                port=port,
            )
        zh, en = STATUS_TEXT.get(code, (f"错误码 {code:02X}", f"error {code:02X}"))
        return DeviceRejected(f"{what_zh}失败：{zh}", f"{what_en} failed: {en}", code=code, port=port)
