"""Card operations through a reader: probe, issue, rewrite, wipe.

The reader is any object with the small :class:`CardIO` interface;
``drivers.pn532.MifareClassic`` is one (the UI and CLI hand in a PN532 on a
serial port, tests one on the simulator's pseudo-terminal).  Only the pure
MIFARE codec (:mod:`drivers.mifare`) and the driver error classes are
imported here, never the serial code.

Sector layout of an issued card (sector ``S`` of the site secrets)::

    blocks 4S … 4S+2   the credential (:mod:`propdesk.cards.credential`)
    block  4S+3        key A (derived) | 78 77 88 | 69 | key B (derived)

Access bits ``78 77 88`` are conditions 100/100/100 for the data blocks (read
with A or B, write with B only) and 011 for the trailer (keys and access bits
writable with B only, key B never readable).  Conditions 011 stay changeable,
so cancelling can put the transport configuration back.

Issuing writes the credential with the transport key first, then the
trailer, then reads everything back with the new keys.  A card lifted half-way
is therefore either still on transport keys (the next attempt simply writes
again) or already on this site's keys with a credential that may be partial
(the next attempt authenticates with the derived key B and writes again):
:func:`probe` tells the two apart, and the database row is only written by
the caller after :func:`write_credential` returned, i.e. after the read-back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, Protocol

from drivers import mifare
from drivers.errors import AuthError, CardRemoved, DeviceError, DeviceTimeout, NoCard, PortBusy, PortNotFound
from drivers.mifare import AccessConditions, SectorTrailer
from propdesk.cards import credential as cred
from propdesk.cards.crypto import TRANSPORT_KEY
from propdesk.cards.errors import CardIOError, CardRejected
from propdesk.cards.secrets import SiteSecrets

#: Data blocks: read A|B, write B.  Trailer: 011 (B writes keys and access bits).
CARD_ACCESS: Final = AccessConditions((0b100, 0b100, 0b100, 0b011))
ZERO_BLOCK: Final = bytes(16)

KeyState = Literal["site", "transport", "foreign"]


class CardIO(Protocol):
    """What the engine needs from a reader (``drivers.pn532.MifareClassic`` fits)."""

    def detect(self) -> Any:  # an object with ``uid: bytes``
        ...

    def authenticate(self, block: int, key: bytes, key_type: Literal["A", "B"] = "A") -> None: ...

    def read_block(self, block: int) -> bytes: ...

    def write_block(self, block: int, data: bytes, *, verify: bool = True) -> None: ...

    def write_trailer(self, sector: int, key_a: bytes, access: AccessConditions, key_b: bytes, *,
                      key: bytes, key_type: Literal["A", "B"] = "A") -> None: ...


@dataclass(frozen=True)
class CardState:
    """What is on the card in the reader, as far as this site's keys can tell."""

    uid: bytes
    keys: KeyState
    raw: bytes | None = None                  # the 48 credential bytes, if readable
    credential: cred.Credential | None = None  # set only if the tag is right

    @property
    def uid_hex(self) -> str:
        return self.uid.hex().upper()

    @property
    def has_magic(self) -> bool:
        return self.raw is not None and cred.looks_like_credential(self.raw)

    @property
    def is_blank(self) -> bool:
        """Transport keys and no credential: a card ready to be issued."""
        return self.keys == "transport" and not self.has_magic


# --- error mapping ----------------------------------------------------------------------

_STEP_TEXT: Final = {
    "detect": ("寻卡", "looking for the card"),
    "probe": ("读取卡片", "reading the card"),
    "write_data": ("写入凭证", "writing the credential"),
    "write_trailer": ("设置卡片密钥", "setting the card's keys"),
    "verify": ("回读校验", "reading back"),
    "wipe": ("清除卡片", "wiping the card"),
}


def device_failure(exc: DeviceError, step: str, *, after: str = "") -> CardIOError:
    """A driver error as a message for the counter: what happened, the card's state, what to do.

    ``after`` describes the card's state when the step failed part-way.
    """
    what_zh, what_en = _STEP_TEXT.get(step, (step, step))
    if isinstance(exc, NoCard):
        zh, en = "读卡器上没有卡片：请把卡平放在读卡器上再试", "no card on the reader: place the card on it and try again"
    elif isinstance(exc, CardRemoved):
        zh = f"{what_zh}时卡片被移开，操作未完成。{after or '请把同一张卡放回读卡器后重试。'}"
        en = f"the card left the reader while {what_en}; nothing was finished. Put the same card back and try again."
    elif isinstance(exc, (DeviceTimeout, PortNotFound, PortBusy)):
        zh = f"读卡器无法使用（{exc.zh}）：请检查读卡器的连接和串口设置。{after}"
        en = f"the card reader is not usable ({exc.en}): check its cable and port."
    else:
        zh = f"{what_zh}失败：{exc.zh}。{after or '请把卡放稳后重试。'}"
        en = f"{what_en} failed: {exc.en}. Hold the card still and try again."
    return CardIOError(zh, en, step=step, cause=exc)


def _partial_note(step: str) -> str:
    if step == "write_data":
        return "卡片尚未设置密钥，系统中也没有记录：请把同一张卡放回读卡器，再做一次即可。"
    return ("卡片可能已部分写入，系统中没有记录、此卡暂不能开门：请把同一张卡放回读卡器再做一次，"
            "系统会识别这张卡并继续写完。")


# --- operations ------------------------------------------------------------------------------

def _blocks(secrets: SiteSecrets) -> list[int]:
    return mifare.data_blocks(secrets.sector)


def _read_credential(io: CardIO, secrets: SiteSecrets) -> bytes:
    return b"".join(io.read_block(b) for b in _blocks(secrets))


def probe(io: CardIO, secrets: SiteSecrets) -> CardState:
    """Select the card and find out whose keys its credential sector has."""
    try:
        uid = bytes(io.detect().uid)
    except DeviceError as exc:
        raise device_failure(exc, "detect") from exc
    key_a, _ = secrets.keys_for(uid)
    first = _blocks(secrets)[0]
    try:
        for keys, key in (("site", key_a), ("transport", TRANSPORT_KEY)):
            try:
                io.authenticate(first, key, "A")
            except AuthError:
                continue
            raw = _read_credential(io, secrets)
            return CardState(uid, keys, raw, cred.verify(secrets.mac_key, uid, secrets.sector, raw))
    except DeviceError as exc:
        raise device_failure(exc, "probe") from exc
    return CardState(uid, "foreign")


def _verify_written(io: CardIO, secrets: SiteSecrets, uid: bytes, raw: bytes) -> None:
    """Read back with both derived keys: data, access bits, and that key B works."""
    key_a, key_b = secrets.keys_for(uid)
    blocks = _blocks(secrets)
    trailer = mifare.trailer_block(secrets.sector)
    io.authenticate(blocks[0], key_b, "B")
    if _read_credential(io, secrets) != raw:
        raise CardIOError("回读校验失败：卡片上的数据与写入的不一致。请把卡放回读卡器重试。",
                          "read-back mismatch: the card does not hold what was written; try again",
                          step="verify")
    io.authenticate(trailer, key_a, "A")
    read_back = SectorTrailer.from_bytes(io.read_block(trailer))  # the drivers' codec validates the bits
    if read_back.access != CARD_ACCESS or any(read_back.key_b):
        raise CardIOError("回读校验失败：卡片访问条件不正确。请把卡放回读卡器重试。",
                          "read-back mismatch: wrong access conditions on the card; try again",
                          step="verify")


def write_credential(io: CardIO, secrets: SiteSecrets, state: CardState, credential: cred.Credential) -> bytes:
    """Write ``credential`` to the card ``state`` was probed from; set per-card keys; verify.

    Works on a blank card (transport keys) and on one of this site's cards
    (derived keys, e.g. after an interrupted issue, or for renewal). Returns the
    48 bytes written.  The caller decides beforehand whether overwriting the
    card's current credential is allowed.
    """
    if state.keys == "foreign":
        raise CardRejected(
            f"卡片 {state.uid_hex} 的第 {secrets.sector} 扇区使用了其他系统的密钥，不能发行为本小区的卡：请换一张空白卡",
            f"sector {secrets.sector} of card {state.uid_hex} is locked with another system's keys; use a blank card",
        )
    uid = state.uid
    key_a, key_b = secrets.keys_for(uid)
    raw = credential.encode(secrets.mac_key, uid, secrets.sector)
    blocks = _blocks(secrets)
    step = "write_data"
    try:
        if state.keys == "transport":
            io.authenticate(blocks[0], TRANSPORT_KEY, "A")
        else:
            io.authenticate(blocks[0], key_b, "B")
        for number, i in zip(blocks, range(0, cred.SIZE, 16)):
            io.write_block(number, raw[i:i + 16], verify=False)
        if state.keys == "transport":
            step = "write_trailer"
            io.write_trailer(secrets.sector, key_a, CARD_ACCESS, key_b, key=TRANSPORT_KEY, key_type="A")
        step = "verify"
        _verify_written(io, secrets, uid, raw)
    except AuthError as exc:
        raise CardRejected(
            f"卡片 {state.uid_hex} 拒绝了密钥（{exc.zh}）：卡片可能已被更换，请重新放卡后再试",
            f"card {state.uid_hex} refused the key ({exc.en}); it may have been swapped: place it again",
        ) from exc
    except DeviceError as exc:
        after = _partial_note(step) if state.keys == "transport" else (
            "卡片数据可能不完整，此卡暂不能开门：请把同一张卡放回读卡器再做一次。")
        raise device_failure(exc, step, after=after) from exc
    return raw


def _expect(state: CardState, uid: bytes) -> None:
    if state.uid != uid:
        raise CardRejected(
            f"读卡器上的卡（{state.uid_hex}）不是要操作的卡（{uid.hex().upper()}）：请放上正确的卡",
            f"the card on the reader ({state.uid_hex}) is not the card of this record ({uid.hex().upper()})",
        )


def rewrite_credential(io: CardIO, secrets: SiteSecrets, uid: bytes, credential: cred.Credential) -> bytes:
    """Renewal: the card ``uid`` must carry this site's keys; write a new credential, verify."""
    state = probe(io, secrets)
    _expect(state, uid)
    if state.keys != "site":
        raise CardRejected(
            f"卡片 {state.uid_hex} 没有本小区的密钥，不是本系统发行的卡（或已注销）",
            f"card {state.uid_hex} does not carry this site's keys (not issued here, or cancelled)",
        )
    return write_credential(io, secrets, state, credential)


def wipe(io: CardIO, secrets: SiteSecrets, uid: bytes) -> None:
    """Cancel: zero the credential and put back transport keys FF×6 and access bits FF 07 80.

    Idempotent: a card already back on transport keys with an empty sector is done.
    Order: data first, trailer last, so an interrupted wipe is resumed with key B.
    """
    state = probe(io, secrets)
    _expect(state, uid)
    if state.keys == "foreign":
        raise CardRejected(f"卡片 {state.uid_hex} 的密钥不属于本小区，无法清除",
                           f"card {state.uid_hex} does not carry this site's keys; cannot wipe it")
    _, key_b = secrets.keys_for(uid)
    blocks = _blocks(secrets)
    try:
        if state.keys == "site":
            io.authenticate(blocks[0], key_b, "B")
            for number in blocks:
                io.write_block(number, ZERO_BLOCK, verify=False)
            try:
                io.write_trailer(secrets.sector, TRANSPORT_KEY, mifare.TRANSPORT_ACCESS, TRANSPORT_KEY,
                                 key=key_b, key_type="B")
            except DeviceError as exc:
                # Under transport access bits key B is readable and so grants nothing:
                # the driver's read-back with key B is refused although the write took.
                # The check below with the transport key A decides.
                if isinstance(exc, (CardRemoved, DeviceTimeout)):
                    raise
        elif any(state.raw or b""):
            io.authenticate(blocks[0], TRANSPORT_KEY, "A")
            for number in blocks:
                io.write_block(number, ZERO_BLOCK, verify=False)
        _verify_wiped(io, secrets)
    except DeviceError as exc:
        raise device_failure(exc, "wipe", after="卡片可能未清除完成：请把同一张卡放回读卡器再做一次。") from exc


def _verify_wiped(io: CardIO, secrets: SiteSecrets) -> None:
    trailer = mifare.trailer_block(secrets.sector)
    try:
        io.authenticate(trailer, TRANSPORT_KEY, "A")
    except AuthError as exc:
        raise CardIOError("清除后校验失败：卡片没有恢复出厂密钥。请把卡放回读卡器再做一次注销。",
                          "after wiping, the card does not accept the transport key; try again",
                          step="wipe", cause=exc) from exc
    trailer_bytes = io.read_block(trailer)
    data = _read_credential(io, secrets)
    if trailer_bytes[6:9] != mifare.TRANSPORT_ACCESS.to_bytes() or any(data):
        raise CardIOError("清除后校验失败：扇区没有恢复为出厂状态。请再做一次注销。",
                          "after wiping, the sector is not back to factory state; try again", step="wipe")
