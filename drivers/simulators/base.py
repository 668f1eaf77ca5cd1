"""What every simulator shares: a serial endpoint served from a background thread.

The endpoint is either a pseudo-terminal (POSIX: the client opens the slave's
path, e.g. ``/dev/pts/3``, exactly as it would open ``/dev/ttyUSB0``) or a TCP
port on 127.0.0.1 (every OS: the client opens ``socket://127.0.0.1:PORT``).

A subclass implements :meth:`Simulator.feed`: bytes from the client in,
bytes to send back out. ``feed`` runs on the server thread holding
:attr:`Simulator.lock`; methods that change a simulator's state from another
thread (a test, the CLI) take the same lock.
"""

from __future__ import annotations

import os
import select
import socket
import threading
from abc import ABC, abstractmethod
from enum import StrEnum
from typing import Final, TypeVar

S = TypeVar("S", bound="Simulator")

_POLL: Final = 0.02


class Fault(StrEnum):
    """Ways a simulated meter can garble its answer on the line."""

    BAD_CHECKSUM = "bad_checksum"
    TRUNCATED = "truncated"
    NOISE = "noise"


#: Line noise sent before a reply under ``Fault.NOISE``; it contains a stray
#: 68 (the start byte of DL/T 645 and CJ/T 188) that must not fool a decoder.
NOISE: Final = bytes.fromhex("00 FF 68 13 A5 68 00 E5")


def apply_fault(reply: bytes, fault: Fault | None, checksum_index: int = -2) -> bytes:
    """``reply`` as a faulty device would put it on the line."""
    if fault is Fault.BAD_CHECKSUM:
        damaged = bytearray(reply)
        damaged[checksum_index] ^= 0x5A
        return bytes(damaged)
    if fault is Fault.TRUNCATED:
        return reply[: len(reply) // 2]
    if fault is Fault.NOISE:
        return NOISE + reply
    return reply


class _PtyEndpoint:
    """The master side of a pseudo-terminal in raw mode, echo off."""

    def __init__(self) -> None:
        import tty  # POSIX only

        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # raw mode also turns echo off
        # Keep our slave descriptor open: with no slave open, reading the
        # master fails with EIO between two clients.
        self.port = os.ttyname(self._slave)

    def poll(self) -> bytes | None:
        ready, _, _ = select.select([self.master], [], [], _POLL)
        return os.read(self.master, 4096) if ready else None

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.master, view) :]

    def close(self) -> None:
        os.close(self.master)
        os.close(self._slave)


class _TcpEndpoint:
    """A listening socket serving one client at a time, like one serial line."""

    def __init__(self, host: str, port: int) -> None:
        self._server = socket.create_server((host, port))
        self.port = f"socket://{host}:{self._server.getsockname()[1]}"
        self._client: socket.socket | None = None

    def poll(self) -> bytes | None:
        watched = [self._client or self._server]
        ready, _, _ = select.select(watched, [], [], _POLL)
        if not ready:
            return None
        if self._client is None:
            self._client, _ = self._server.accept()
            return b""
        try:
            data = self._client.recv(4096)
        except OSError:
            data = b""
        if not data:  # the client went away: wait for the next one
            self._drop_client()
            return b""
        return data

    def send(self, data: bytes) -> None:
        if self._client is not None:
            try:
                self._client.sendall(data)
            except OSError:
                self._drop_client()

    def _drop_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def close(self) -> None:
        self._drop_client()
        self._server.close()


class Simulator(ABC):
    """A simulated device on a pty (default where available) or a TCP port.

    Use as a context manager, or call :meth:`start` / :meth:`stop`::

        with DLT645Simulator() as sim:
            sim.add_meter("123456789012", energy=Decimal("1234.56"))
            bus = DLT645Bus.open(sim.port, SerialSettings(timeout=0.3))
    """

    #: Short name used by the command line (``printer``, ``card`` ...).
    kind: str = "device"

    def __init__(self, *, tcp_port: int | None = None, host: str = "127.0.0.1") -> None:
        self.lock = threading.RLock()
        self._tcp_port = tcp_port
        self._host = host
        self._endpoint: _PtyEndpoint | _TcpEndpoint | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def port(self) -> str:
        """What a client opens: a pty path or ``socket://127.0.0.1:PORT``."""
        if self._endpoint is None:
            raise RuntimeError("simulator not started")
        return self._endpoint.port

    def start(self: S) -> S:
        if self._thread is not None:
            return self
        use_tcp = self._tcp_port is not None or not hasattr(os, "openpty")
        self._endpoint = _TcpEndpoint(self._host, self._tcp_port or 0) if use_tcp else _PtyEndpoint()
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name=f"{self.kind}-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        assert self._endpoint is not None
        self._endpoint.close()
        self._endpoint = None

    def __enter__(self: S) -> S:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _serve(self) -> None:
        endpoint = self._endpoint
        assert endpoint is not None
        while not self._stop.is_set():
            data = endpoint.poll()
            if data is None:
                continue
            if not data:  # a new TCP client: forget the previous one's half frames
                with self.lock:
                    self.reset_input()
                continue
            with self.lock:
                reply = self.feed(data)
            if reply:
                endpoint.send(reply)

    @abstractmethod
    def feed(self, data: bytes) -> bytes:
        """Take bytes from the client; return the bytes to answer (may be empty)."""

    def reset_input(self) -> None:
        """Drop buffered partial input (called when a new TCP client connects)."""
