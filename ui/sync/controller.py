"""Sync off the GUI thread: 立即同步, a sync every few minutes, and the status it reports.

A sync can take seconds (or the connect timeout when the office is offline),
so it runs on a thread of its own -- not on the task runner's writer, where it
would make every save wait for the network.  Its local writes are short
transactions that interleave with the UI's (SQLite serialises them).  Only one
sync runs at a time; a request while one runs is dropped (the running one
picks the change up, or the next one does).

The status (pending changes, last success, open conflicts) is read on the
task runner's read pool after every write and every sync, and every 30 s so
"上次同步" stays current.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from propdesk.errors import PropDeskError
from propdesk.security import CONFLICT_REVIEW, SYNC_RUN
from ui.i18n import current_language

log = logging.getLogger("propdesk.ui.sync")

DEFAULT_MINUTES = 5
NETWORK_MARK = "无法连接中心数据库"   # SyncError text of an unreachable centre


@dataclass(frozen=True)
class SyncStatus:
    configured: bool = False         # a central database is set up
    pending: int = 0                 # captured changes not pushed yet
    pending_documents: int = 0
    rejected: int = 0
    skipped: int = 0
    conflicts: int = 0               # open conflicts (for those who review them)
    last_ok_at: dt.datetime | None = None   # UTC
    last_error: str = ""
    online: bool | None = None       # None: not tried yet in this session
    running: bool = False
    clock_message: str = ""          # the PC clock is far from the server's
    message: str = ""                # e.g. this program is older than the centre


@dataclass
class _Outcome:
    kind: str                 # "sync" | "status"
    result: object = None
    error: BaseException | None = None


class _Bridge(QObject):
    done = Signal(object)   # _Outcome, worker -> GUI (queued)


class _Job(QRunnable):
    def __init__(self, kind: str, fn, bridge: _Bridge) -> None:
        super().__init__()
        self.kind, self.fn, self.bridge = kind, fn, bridge
        self.setAutoDelete(True)

    def run(self) -> None:
        out = _Outcome(self.kind)
        try:
            out.result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            if not isinstance(exc, PropDeskError):
                log.exception("%s failed", self.kind)
            out.error = exc.with_traceback(None)
        self.fn = None
        self.bridge.done.emit(out)


class SyncController(QObject):
    status_changed = Signal(object)     # SyncStatus
    started = Signal(bool)              # manual?
    finished = Signal(object)           # SyncResult
    failed = Signal(object)             # the exception
    clock_warning = Signal(str)         # the PC clock is far off (once per session)

    def __init__(self, ctx, parent: QObject | None = None, *, minutes: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Own threads: one for syncing, one for status reads (not the task runner's,
        # so neither a long sync nor a status poll shows as the window being busy).
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.status_pool = QThreadPool(self)
        self.status_pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.status = SyncStatus()
        self._running = False
        self._manual = False
        self._online: bool | None = None
        self._clock_warned = False
        self._clock_message = ""
        self._message = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_in_background)
        self.set_interval(minutes if minutes is not None else self._saved_minutes())
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(600)
        self._refresh_soon.timeout.connect(self.refresh)
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self.refresh)
        ctx.tasks.changed.connect(lambda _changes: self._refresh_soon.start())

    # -- configuration ------------------------------------------------------------
    def _saved_minutes(self) -> int:
        from propdesk.db import read_setting
        from propdesk.sync import settings

        try:
            return int(read_setting(self.ctx.db, settings.AUTO_MINUTES, str(DEFAULT_MINUTES)))
        except ValueError:   # a bad value means the default
            return DEFAULT_MINUTES

    def set_interval(self, minutes: int) -> None:
        """Background sync every ``minutes`` (0: only 立即同步)."""
        self.minutes = max(0, int(minutes))
        self.timer.stop()
        if self.minutes:
            self.timer.setInterval(self.minutes * 60_000)

    def start(self) -> None:
        """Begin: read the status now, sync shortly after start-up, then on the timer."""
        self.refresh()
        self._tick.start()
        if self.minutes:
            self.timer.start()
            QTimer.singleShot(3000, self, self.sync_in_background)

    def stop(self) -> None:
        self.timer.stop()
        self._tick.stop()
        self.pool.waitForDone(30_000)
        self.status_pool.waitForDone(5_000)

    @property
    def running(self) -> bool:
        return self._running

    # -- running a sync ---------------------------------------------------------------
    def sync_now(self) -> bool:
        """立即同步 by the logged-in operator (needs SYNC_RUN); False if one is running."""
        if not self.ctx.can(SYNC_RUN):
            from propdesk.security import require

            try:
                require(self.ctx.actor, SYNC_RUN)
            except PropDeskError as exc:
                self.failed.emit(exc)
            return False
        return self._start(self.ctx.actor, manual=True)

    def sync_in_background(self) -> bool:
        """A scheduled sync, run as the terminal itself whoever is logged in."""
        from propdesk.sync.run import background_actor

        if not self.status.configured:   # a standalone terminal: nothing to do
            return False
        return self._start(background_actor(self.ctx.terminal), manual=False)

    def _start(self, actor, *, manual: bool) -> bool:
        if self._running:
            return False
        from propdesk.sync.run import sync_now

        db = self.ctx.db
        self._running, self._manual = True, manual
        self._publish(running=True)
        self.started.emit(manual)
        self.pool.start(_Job("sync", lambda: sync_now(db, actor), self._bridge))
        return True

    @Slot(object)
    def _on_done(self, out: _Outcome) -> None:
        if out.kind == "status":
            if out.error is None:
                self._apply_status(out.result)
            else:
                log.warning("sync status unreadable: %s", out.error)
            return
        self._running = False
        if out.error is None:
            r = out.result
            en = current_language() == "en"
            self._online = True
            self._message = (r.message_en if en else r.message) if r.pull_refused else ""
            self._clock_message = (r.clock_note_en if en else r.clock_note) \
                if r.clock_warning else ""
            if self._clock_message and not self._clock_warned:
                self._clock_warned = True
                self.clock_warning.emit(self._clock_message)
            self.finished.emit(r)
        else:
            if NETWORK_MARK in str(out.error):
                self._online = False
            self.failed.emit(out.error)
        self.refresh()

    # -- status ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status off the GUI thread; ``status_changed`` follows."""
        can_review = self.ctx.can(CONFLICT_REVIEW)
        db = self.ctx.db

        def read():
            from propdesk.sync import conflicts, run

            st = run.status(db)
            if can_review:
                with db.session() as s:
                    st["conflicts"] = conflicts.count_open(s)
            return st

        if self.status_pool.activeThreadCount() == 0:   # one read at a time is enough
            self.status_pool.start(_Job("status", read, self._bridge))

    def _apply_status(self, st: dict) -> None:
        last = None
        if st.get("last_ok_at"):
            try:
                last = dt.datetime.fromisoformat(st["last_ok_at"])
            except ValueError:
                last = None
        self._publish(configured=bool(st.get("central")), pending=st["pending"],
                      pending_documents=st["pending_documents"], rejected=st["rejected"],
                      skipped=st["skipped"], conflicts=st.get("conflicts", 0), last_ok_at=last,
                      last_error=st.get("last_error") or "")

    def _publish(self, **changes) -> None:
        values = {**self.status.__dict__, **changes, "online": self._online,
                  "running": self._running, "clock_message": self._clock_message,
                  "message": self._message}
        self.status = SyncStatus(**values)
        self.status_changed.emit(self.status)
