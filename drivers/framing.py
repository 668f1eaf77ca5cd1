"""Finding ``68 … L DATA CS 16`` frames in a byte stream (DL/T 645 and CJ/T 188).

Both standards start a frame with 68, give the data length in the last header
byte, and end with a byte-sum checksum and 16. A 68 inside line noise or a
wake-up preamble can look like a frame start whose announced length runs past
the real frame; waiting for it would turn a good answer into a timeout. So
every 68 in the buffer is considered, and a complete frame with a correct
checksum wins over an earlier start that is still incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from drivers.bcd import sum8

START: Final = 0x68
END: Final = 0x16

_NOT_A_FRAME: Final = -1
_INCOMPLETE: Final = 0


@dataclass(frozen=True)
class FrameShape:
    """Where a protocol keeps its frame's parts, counted from the first 68."""

    header: int  # bytes before DATA; the last of them is L
    max_data: int  # the standard's largest L: beyond it a "frame" is a false start
    second_start: int | None = None  # offset of a second 68 (DL/T 645: 7)


def _size_at(buf: bytearray, start: int, shape: FrameShape) -> int:
    """Frame size at ``start``; ``_INCOMPLETE`` if it may still become one, ``_NOT_A_FRAME`` if not."""
    available = len(buf) - start
    if shape.second_start is not None:
        if available <= shape.second_start:
            return _INCOMPLETE
        if buf[start + shape.second_start] != START:
            return _NOT_A_FRAME
    if available < shape.header:
        return _INCOMPLETE
    length = buf[start + shape.header - 1]
    if length > shape.max_data:
        return _NOT_A_FRAME
    size = shape.header + length + 2
    if available < size:
        return _INCOMPLETE
    return size if buf[start + size - 1] == END else _NOT_A_FRAME


def take_frame(buf: bytearray, shape: FrameShape) -> bytes | None:
    """Remove and return the first frame found in ``buf``; ``None`` while none is complete.

    Preference: the first complete frame with a correct checksum; else the
    first complete frame with a wrong one (so that the caller can report the
    bad checksum), unless an earlier start is still incomplete, in which case
    we wait for more bytes. Bytes before the chosen start are dropped.
    """
    waiting: int | None = None
    damaged: tuple[int, int] | None = None
    start = buf.find(START)
    while start >= 0:
        size = _size_at(buf, start, shape)
        if size > 0:
            if sum8(buf[start : start + size - 2]) == buf[start + size - 2]:
                return _cut(buf, start, size)
            damaged = damaged or (start, size)
        elif size == _INCOMPLETE and waiting is None:
            waiting = start
        start = buf.find(START, start + 1)
    if damaged is not None and (waiting is None or damaged[0] < waiting):
        return _cut(buf, *damaged)
    if waiting is None:
        buf.clear()
    else:
        del buf[:waiting]
    return None


def _cut(buf: bytearray, start: int, size: int) -> bytes:
    frame = bytes(buf[start : start + size])
    del buf[: start + size]
    return frame
