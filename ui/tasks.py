"""Run service calls off the GUI thread; deliver results back on it.

Every write goes to ONE writer thread, so writes are serialised in the order
they were asked for (SQLite allows one writer; a second writer thread would
only wait on the lock).  Reads that may be slow run on a small read pool.  An
operation is an :class:`Op`, in the style of Anki's ``CollectionOp``::

    ctx.tasks.write(lambda s: update_room(s, ctx.actor, rid, **changes),
                    parent=self, changes=Changes(rooms={rid})) \\
        .success(self._saved) \\
        .run()

``success`` callbacks run on the GUI thread with the function's return value;
a failure (any exception) goes to ``failure`` callbacks, or by default to a
message box on ``parent`` that shows a PropDeskError's Chinese or English text.
After a successful write the runner emits ``changed`` with the op's
:class:`Changes`, so each view refreshes only what the change touched.
"""

from __future__ import annotations

import itertools
import logging
import traceback
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from propdesk.db import Database
from propdesk.errors import PropDeskError
from ui.i18n import error_text, tr

log = logging.getLogger("propdesk.ui.tasks")


@dataclass(frozen=True)
class Changes:
    """What a write changed, so views can refresh just that.

    ``nodes`` are tree nodes whose *children* changed, as (kind, id);
    ``rooms`` rooms whose own fields changed; ``occupancy`` rooms (or spaces)
    whose occupants changed; ``customers`` customers edited; ``entities``
    other changed tables by name (``"operator"``, ``"vehicle"`` …).
    """

    rooms: frozenset[uuid.UUID] = field(default_factory=frozenset)
    nodes: frozenset[tuple[str, uuid.UUID]] = field(default_factory=frozenset)
    occupancy: frozenset[uuid.UUID] = field(default_factory=frozenset)
    customers: frozenset[uuid.UUID] = field(default_factory=frozenset)
    entities: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *, rooms=(), nodes=(), occupancy=(), customers=(), entities=()) -> "Changes":
        return cls(frozenset(rooms), frozenset(nodes), frozenset(occupancy),
                   frozenset(customers), frozenset(entities))

    def touches(self, entity: str) -> bool:
        return entity in self.entities or (entity == "room" and bool(self.rooms)) \
            or (entity == "occupancy" and bool(self.occupancy)) \
            or (entity == "customer" and bool(self.customers))


class Op(QObject):
    """One background operation; build it, attach callbacks, then :meth:`run`.

    The Op lives on the GUI thread only: the worker gets the bare function and
    reports back through the long-lived runner, so no Qt object is ever
    released on a worker thread.
    """

    finished = Signal()  # after the callbacks ran (tests wait on it)

    def __init__(self, runner: "TaskRunner", fn: Callable[[], Any], *, write: bool,
                 parent: QWidget | None, changes: Changes | None, key: str | None) -> None:
        super().__init__()
        self._runner = runner
        self._fn = fn
        self._write = write
        self._parent = parent
        self._changes = changes
        self._key = key
        self._ticket = 0
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: list[Callable[[BaseException], None]] = []
        self._on_finally: list[Callable[[], None]] = []
        self.result: Any = None
        self.error: BaseException | None = None

    def success(self, cb: Callable[[Any], None]) -> "Op":
        self._on_success.append(cb)
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> "Op":
        self._on_failure.append(cb)
        return self

    def finally_(self, cb: Callable[[], None]) -> "Op":
        self._on_finally.append(cb)
        return self

    def run(self) -> "Op":
        self._runner._start(self)
        return self

    # -- GUI side --------------------------------------------------------------
    def _alive(self) -> bool:
        return self._parent is None or isValid(self._parent)

    def _superseded(self) -> bool:
        return self._key is not None and self._runner._latest.get(self._key) is not self

    def _deliver_success(self, result: Any) -> None:
        self.result = result
        try:
            if self._write and self._changes is not None:
                self._runner.changed.emit(self._changes)
            if self._alive() and not self._superseded():
                for cb in self._on_success:
                    cb(result)
        finally:
            self._finish()

    def _deliver_failure(self, exc: BaseException, tb: str) -> None:
        self.error = exc
        if not isinstance(exc, PropDeskError):
            log.error("background operation failed:\n%s", tb)
        try:
            if self._alive() and not self._superseded():
                if self._on_failure:
                    for cb in self._on_failure:
                        cb(exc)
                else:
                    show_error(self._parent, exc)
        finally:
            self._finish()

    def _finish(self) -> None:
        try:
            if self._alive():
                for cb in self._on_finally:
                    cb()
        finally:
            self.finished.emit()
            self._runner._stop(self)


class _Job(QRunnable):
    """What a worker thread holds: the function and a ticket number, nothing of Qt's."""

    def __init__(self, fn: Callable[[], Any], ticket: int, runner: "TaskRunner") -> None:
        super().__init__()
        self.fn: Callable[[], Any] | None = fn
        self.ticket = ticket
        self.runner = runner
        self.setAutoDelete(True)

    def run(self) -> None:
        fn, self.fn = self.fn, None
        try:
            result = fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            tb = traceback.format_exc()
            del fn
            self.runner._failed.emit(self.ticket, exc.with_traceback(None), tb)
            return
        del fn   # drop our references before the GUI thread can finish with the op
        self.runner._done.emit(self.ticket, result)


class TaskRunner(QObject):
    """Owns the writer thread and the read pool of one database."""

    changed = Signal(object)          # Changes, after every successful write
    busy_changed = Signal(int)        # number of operations under way
    idle = Signal()
    _done = Signal(int, object)           # ticket, result        (worker -> GUI)
    _failed = Signal(int, object, str)    # ticket, error, trace  (worker -> GUI)

    def __init__(self, db: Database, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self.db = db
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._live: dict[int, Op] = {}
        self._latest: dict[str, Op] = {}
        self._tickets = itertools.count(1)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    # -- building ops ------------------------------------------------------------
    def write(self, fn: Callable, *, parent: QWidget | None = None,
              changes: Changes | None = None) -> Op:
        """A unit of work that changes the database: ``fn(session)`` on the writer thread."""
        return Op(self, self._in_session(fn), write=True, parent=parent,
                  changes=changes or Changes(), key=None)

    def read(self, fn: Callable, *, parent: QWidget | None = None, key: str | None = None) -> Op:
        """A read ``fn(session)`` on the read pool.  With ``key``, only the latest op of
        that key delivers its result (typing in a search box supersedes older queries)."""
        return Op(self, self._in_session(fn, write=False), write=False, parent=parent, changes=None,
                  key=key)

    def background(self, fn: Callable[[], Any], *, parent: QWidget | None = None) -> Op:
        """Work that needs no database (writing a file) on the read pool."""
        return Op(self, fn, write=False, parent=parent, changes=None, key=None)

    def _in_session(self, fn: Callable, *, write: bool = True) -> Callable[[], Any]:
        db = self.db

        def call():
            with db.session(write=write) as s:
                return fn(s)
        return call

    # -- bookkeeping -------------------------------------------------------------
    @property
    def pending(self) -> int:
        return len(self._live)

    def is_idle(self) -> bool:
        return not self._live

    def _start(self, op: Op) -> None:
        ticket = next(self._tickets)
        self._live[ticket] = op
        op._ticket = ticket
        if op._key is not None:
            self._latest[op._key] = op
        self.busy_changed.emit(len(self._live))
        (self._writer if op._write else self._readers).start(_Job(op._fn, ticket, self))

    @Slot(int, object)
    def _on_done(self, ticket: int, result: Any) -> None:
        op = self._live.get(ticket)
        if op is not None:
            op._deliver_success(result)

    @Slot(int, object, str)
    def _on_failed(self, ticket: int, exc: BaseException, tb: str) -> None:
        op = self._live.get(ticket)
        if op is not None:
            op._deliver_failure(exc, tb)

    def _stop(self, op: Op) -> None:
        self._live.pop(op._ticket, None)
        if op._key is not None and self._latest.get(op._key) is op:
            del self._latest[op._key]
        self.busy_changed.emit(len(self._live))
        if not self._live:
            self.idle.emit()

    def shutdown(self, msecs: int = 10000) -> None:
        """Wait for queued work (on exit), so no write is cut off half-way."""
        self._writer.waitForDone(msecs)
        self._readers.waitForDone(msecs)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """A non-blocking (window-modal) message box with the error in the UI language."""
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, PropDeskError)
                else QMessageBox.Icon.Critical)
    box.setWindowTitle(title or tr("操作未完成"))
    box.setText(error_text(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("infoBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title or tr("提示"))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box

