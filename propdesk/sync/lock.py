"""One sync at a time per terminal: an OS lock on a file next to the terminal's database.

The GUI's background sync and a scheduled ``propdesk sync`` (another process)
may start at the same moment.  Their pages would race on the pull cursor, so
the second one is skipped: :func:`hold` does not wait, it raises a SyncError.

The lock is the operating system's (``flock`` on POSIX, ``msvcrt.locking`` on
Windows) on ``<database>.sync-lock``, so a sync that crashes or is killed
cannot leave it behind, and it needs no schema.  Both kinds of lock belong to
an open file, so two threads of one process exclude each other as two
processes do.  The file itself is never removed (removing a lock file races
with the next locker); it stays empty.  A database that is not a file (an
in-memory SQLite) gets a lock of this process.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Iterator

from sqlalchemy.engine import make_url

from propdesk.db import Database
from propdesk.sync.central import SyncError

SUFFIX = ".sync-lock"

_process_locks: dict[str, threading.Lock] = {}
_process_locks_guard = threading.Lock()


ANOTHER_SYNC = ("另一个同步正在进行，本次跳过（它完成后数据即为最新）",
                "another sync of this terminal is running; this one is skipped "
                "(the running one brings the data up to date)")


def busy_error() -> SyncError:
    return SyncError(*ANOTHER_SYNC)


def lock_path(db: Database) -> Path | None:
    u = make_url(db.url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:" \
            or u.database.startswith("file:"):
        return None
    return Path(u.database + SUFFIX)


@contextlib.contextmanager
def hold(db: Database) -> Iterator[None]:
    """Hold this terminal's sync lock for the block; SyncError at once if another has it."""
    path = lock_path(db)
    if path is None:
        with _process_lock(db.url):
            yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            raise busy_error()
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _process_lock(key: str) -> Iterator[None]:
    with _process_locks_guard:
        lock = _process_locks.setdefault(key, threading.Lock())
    if not lock.acquire(blocking=False):
        raise busy_error()
    try:
        yield
    finally:
        lock.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
