"""A TCP proxy in front of PostgreSQL that can drop connections mid-conversation.

``cut_after(n)`` arms it: once ``n`` more bytes have passed (either way),
both sockets of that connection are shut down -- what a terminal sees
when the office's line goes dead in the middle of a batch.
"""

from __future__ import annotations

import socket
import threading


class FlakyProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self._budget: int | None = None
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self.cuts = 0
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def cut_after(self, n: int | None) -> None:
        with self._lock:
            self._budget = n

    def _spend(self, n: int) -> bool:
        """False when the budget ran out: the connection must die now."""
        with self._lock:
            if self._budget is None:
                return True
            self._budget -= n
            if self._budget < 0:
                self._budget = None
                self.cuts += 1
                return False
            return True

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if not self._spend(len(data)):
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self._stop = True
        self.listener.close()
        with self._lock:
            for s in self._open:
                try:
                    s.close()
                except OSError:
                    pass
