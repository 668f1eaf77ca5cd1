"""One thread per serial port: where the UI does all of its device I/O.

Any screen that talks to a device (the device panel, the cashier's receipt
printer, the card writer, a meter-reading round) goes through the
:class:`PortWorker` of that port.  The worker owns the port on its own
``QThread``; the GUI thread only queues requests and gets results, errors and
frames back through queued signals, so a device that is slow, silent or
unplugged can never freeze a window.

Using it::

    from propdesk import devices
    from ui.devices.worker import DeviceHub

    cfg = devices.load(ctx.db, "printer")                 # a DeviceConfig (frozen, comparable)
    worker = DeviceHub.instance().worker(cfg.port)        # the same worker for every user of the port
    worker.submit(cfg, lambda printer: printer.print(job_bytes), parent=self) \\
          .success(self._printed) \\
          .failure(self._print_failed)                    # optional: default is a message box

* ``submit(cfg, fn)`` runs ``fn(device)`` on the port's thread, with the device
  ``cfg.open(log=…)`` returned (a ``ReceiptPrinter``, ``PN532`` or ``MeterBus``).
  Requests run one at a time in the order submitted.  The returned
  :class:`DeviceJob` lives on the GUI thread: ``success(cb)`` gets ``fn``'s
  return value, ``failure(cb)`` the exception (a :class:`drivers.DeviceError`
  carries ``zh``/``en``; :func:`error_message` picks the UI language), and
  ``finally_(cb)`` runs after either.  Without a failure callback the error is
  shown in a window-modal message box on ``parent``.  ``job.cancel()`` drops a
  job that has not started; callbacks of a job whose ``parent`` was deleted
  are skipped.
* The device stays open between requests with an equal config and is reopened
  when the config changes (new baud rate, other protocol).  After a port error
  (unplugged adapter, vanished network port) it is closed, and the next request
  opens it again, so re-plugging the cable is all the user has to do.  An idle
  port is closed after ``idle_close_ms`` so that other programs (the
  ``propdesk`` command line, another terminal window) can open it.
* ``poll(cfg, fn, interval_ms)`` calls ``fn(device)`` again and again on the
  port's thread, ``interval_ms`` after the previous call ended (a re-queued
  single-shot timer, never a blocking loop); each result arrives in
  :attr:`DevicePoll.result`, each error in :attr:`DevicePoll.failed`; stop it
  with :meth:`DevicePoll.stop`.  Jobs submitted meanwhile run between two polls.
* Signals of the worker: :attr:`PortWorker.frame` ``(port, direction, data,
  when)`` for every frame on the line (``"tx"``/``"rx"``, bytes, UNIX time;
  chunks of one answer joined), :attr:`PortWorker.busy_changed` and
  :attr:`PortWorker.state_changed` (``"closed"``, ``"open"``, ``"error"``).
* :meth:`DeviceHub.shutdown` (called when the application quits) closes every
  port and stops the threads.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
import traceback
from typing import Any, Callable, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from propdesk.devices import FrameJoiner

log = logging.getLogger("propdesk.ui.devices")

CLOSED, OPEN, ERROR = "closed", "open", "error"


class DeviceSpec(Protocol):
    """What a worker needs to open a device: a config such as ``propdesk.devices.DeviceConfig``."""

    port: str

    def open(self, *, log: Callable[[str, bytes], None] | None = None) -> Any: ...

    def __eq__(self, other: object) -> bool: ...


class JobCancelled(Exception):
    """Internal marker: the job was cancelled before it started."""


def error_message(exc: BaseException) -> str:
    """An error as the user should read it, in the UI language."""
    from drivers.errors import DeviceError
    from ui.i18n import current_language, error_text

    if isinstance(exc, DeviceError):
        return exc.en if current_language() == "en" else exc.zh
    return error_text(exc)


def _port_lost(exc: BaseException) -> bool:
    """Errors after which the open port is useless (unplugged, taken, unknown state)."""
    from drivers.errors import DeviceError, PortBusy, PortNotFound

    return isinstance(exc, (PortNotFound, PortBusy)) or not isinstance(exc, DeviceError)


# -- the port's own thread ------------------------------------------------------------------

class _PortLoop(QObject):
    """Lives on the port's thread; every slot here runs there."""

    done = Signal(int, object)            # ticket, result
    failed = Signal(int, object, str)     # ticket, exception, traceback
    skipped = Signal(int)                 # ticket (cancelled before it started)
    polled = Signal(int, object)          # poll id, result
    poll_failed = Signal(int, object)     # poll id, exception
    frame = Signal(str, object, float)    # direction, bytes, time
    busy = Signal(bool)
    state = Signal(str)

    def __init__(self, port: str, idle_close_ms: int, cancelled: set[int], lock: threading.Lock) -> None:
        super().__init__()
        self.port = port
        self._cfg: DeviceSpec | None = None
        self._device: Any = None
        self._joiner = FrameJoiner(lambda d, data, when: self.frame.emit(d, data, when))
        self._cancelled = cancelled
        self._lock = lock
        self._polls: dict[int, QTimer] = {}
        self._idle = QTimer(self)          # moves to the port's thread with this object
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_close_ms)
        self._idle.timeout.connect(self._close_idle)

    # -- device lifetime (port thread) --------------------------------------------------
    def _open(self, cfg: DeviceSpec) -> Any:
        if self._device is not None and self._cfg == cfg:
            return self._device
        self._close()
        self._device = cfg.open(log=self._joiner)
        self._cfg = cfg
        self.state.emit(OPEN)
        return self._device

    def _close(self, state: str = CLOSED) -> None:
        device, self._device, self._cfg = self._device, None, None
        if device is not None:
            try:
                device.close()
            except Exception:  # noqa: BLE001 - closing a vanished adapter may fail too
                log.debug("closing %s failed", self.port, exc_info=True)
            self.state.emit(state)
        elif state == ERROR:
            self.state.emit(ERROR)

    def _call(self, cfg: DeviceSpec, fn: Callable[[Any], Any]) -> Any:
        self._idle.stop()
        self.busy.emit(True)
        try:
            return fn(self._open(cfg))
        except BaseException as exc:
            if _port_lost(exc):
                self._close(ERROR)
            raise
        finally:
            self._joiner.flush()
            self.busy.emit(False)
            if self._device is not None and not self._polls:
                self._idle.start()

    # -- requests ----------------------------------------------------------------------
    @Slot(int, object, object)
    def run(self, ticket: int, cfg: DeviceSpec, fn: Callable[[Any], Any]) -> None:
        with self._lock:
            if ticket in self._cancelled:
                self._cancelled.discard(ticket)
                self.skipped.emit(ticket)
                return
        try:
            result = self._call(cfg, fn)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            tb = traceback.format_exc()
            self.failed.emit(ticket, exc.with_traceback(None), tb)
            return
        self.done.emit(ticket, result)

    @Slot(int, object, object, int)
    def start_poll(self, pid: int, cfg: DeviceSpec, fn: Callable[[Any], Any], interval_ms: int) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(lambda: self._poll_once(pid, cfg, fn, interval_ms))
        self._polls[pid] = timer
        self._idle.stop()
        timer.start(0)

    def _poll_once(self, pid: int, cfg: DeviceSpec, fn: Callable[[Any], Any], interval_ms: int) -> None:
        timer = self._polls.get(pid)
        if timer is None:
            return
        delay = interval_ms
        try:
            result = self._call(cfg, fn)
        except BaseException as exc:  # noqa: BLE001 - reported, and polling goes on
            self.poll_failed.emit(pid, exc.with_traceback(None))
            delay = max(interval_ms, 2000)   # a dead port is retried, not hammered
        else:
            self.polled.emit(pid, result)
        if pid in self._polls:           # stop_poll may have run inside fn's signals
            timer.start(delay)

    @Slot(int)
    def stop_poll(self, pid: int) -> None:
        timer = self._polls.pop(pid, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if not self._polls and self._device is not None:
            self._idle.start()

    @Slot()
    def close_port(self) -> None:
        self._idle.stop()
        self._close()

    @Slot()
    def _close_idle(self) -> None:
        if not self._polls:
            self._close()

    @Slot()
    def shutdown(self) -> None:
        for pid in list(self._polls):
            self.stop_poll(pid)
        self._idle.stop()
        self._close()
        QThread.currentThread().quit()


# -- the GUI thread's side -------------------------------------------------------------------

class DeviceJob(QObject):
    """One request to a port; lives on the GUI thread.  See the module docstring."""

    finished = Signal()   # after the callbacks ran (tests wait on it)

    def __init__(self, worker: PortWorker, parent: QWidget | None, label: str) -> None:
        super().__init__()
        self._worker = worker
        self._parent = parent
        self.label = label
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: list[Callable[[BaseException], None]] = []
        self._on_finally: list[Callable[[], None]] = []
        self.ticket = 0
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self.cancelled = False

    def success(self, cb: Callable[[Any], None]) -> DeviceJob:
        self._on_success.append(cb)
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> DeviceJob:
        self._on_failure.append(cb)
        return self

    def finally_(self, cb: Callable[[], None]) -> DeviceJob:
        self._on_finally.append(cb)
        return self

    def cancel(self) -> None:
        """Drop the job if it has not started; its callbacks will not run."""
        if not self.done:
            self.cancelled = True
            self._worker._cancel(self.ticket)

    def _alive(self) -> bool:
        return self._parent is None or isValid(self._parent)

    def _deliver(self, result: Any = None, exc: BaseException | None = None, tb: str = "") -> None:
        self.done = True
        self.result, self.error = result, exc
        try:
            if self._alive() and not self.cancelled:
                if exc is None:
                    for cb in self._on_success:
                        cb(result)
                else:
                    if not _is_device_error(exc):
                        log.error("device job %r on %s failed:\n%s", self.label, self._worker.port, tb)
                    if self._on_failure:
                        for cb in self._on_failure:
                            cb(exc)
                    else:
                        show_device_error(self._parent, exc)
                for cb in self._on_finally:
                    cb()
        finally:
            self.finished.emit()


class DevicePoll(QObject):
    """A repeated request (see :meth:`PortWorker.poll`); lives on the GUI thread."""

    result = Signal(object)
    failed = Signal(object)

    def __init__(self, worker: PortWorker, pid: int) -> None:
        super().__init__()
        self._worker = worker
        self.pid = pid
        self.active = True

    @Slot()
    def stop(self) -> None:
        if self.active:
            self.active = False
            self._worker._stop_poll(self.pid)


def _is_device_error(exc: BaseException) -> bool:
    from drivers.errors import DeviceError
    from propdesk.errors import PropDeskError

    return isinstance(exc, (DeviceError, PropDeskError))


class PortWorker(QObject):
    """The GUI thread's handle on one port's thread.  Get it from :meth:`DeviceHub.worker`."""

    frame = Signal(str, str, object, float)   # port, "tx"/"rx", bytes, UNIX time
    busy_changed = Signal(bool)
    state_changed = Signal(str)               # "closed" | "open" | "error"

    _run = Signal(int, object, object)
    _poll = Signal(int, object, object, int)
    _unpoll = Signal(int)
    _close = Signal()
    _quit = Signal()

    def __init__(self, port: str, *, idle_close_ms: int = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.state = CLOSED
        self.busy = False
        self._tickets = itertools.count(1)
        self._jobs: dict[int, DeviceJob] = {}
        self._polls: dict[int, DevicePoll] = {}
        self._cancelled: set[int] = set()
        self._lock = threading.Lock()
        self._thread = QThread()
        self._thread.setObjectName(f"port {port}")
        self._loop = _PortLoop(port, idle_close_ms, self._cancelled, self._lock)
        self._loop.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._run.connect(self._loop.run, queued)
        self._poll.connect(self._loop.start_poll, queued)
        self._unpoll.connect(self._loop.stop_poll, queued)
        self._close.connect(self._loop.close_port, queued)
        self._quit.connect(self._loop.shutdown, queued)
        self._loop.done.connect(self._on_done, queued)
        self._loop.failed.connect(self._on_failed, queued)
        self._loop.skipped.connect(self._on_skipped, queued)
        self._loop.polled.connect(self._on_polled, queued)
        self._loop.poll_failed.connect(self._on_poll_failed, queued)
        self._loop.frame.connect(self._on_frame, queued)
        self._loop.busy.connect(self._on_busy, queued)
        self._loop.state.connect(self._on_state, queued)
        self._thread.finished.connect(self._loop.deleteLater)
        self._thread.start()
        self.alive = True

    # -- requests ------------------------------------------------------------------------
    def submit(self, cfg: DeviceSpec, fn: Callable[[Any], Any], *, parent: QWidget | None = None,
               label: str = "") -> DeviceJob:
        """Queue ``fn(device)``; attach callbacks to the returned job (they run later,
        on the GUI thread, so attaching them after this call is safe)."""
        if not self.alive:
            raise RuntimeError(f"the worker of {self.port} was shut down")
        job = DeviceJob(self, parent, label or getattr(fn, "__name__", "job"))
        job.ticket = next(self._tickets)
        self._jobs[job.ticket] = job
        self._run.emit(job.ticket, cfg, fn)
        return job

    def poll(self, cfg: DeviceSpec, fn: Callable[[Any], Any], interval_ms: int = 500, *,
             owner: QObject | None = None) -> DevicePoll:
        """Call ``fn(device)`` every ``interval_ms`` after the previous call ended, until
        :meth:`DevicePoll.stop` (or until ``owner`` is destroyed)."""
        if not self.alive:
            raise RuntimeError(f"the worker of {self.port} was shut down")
        poll = DevicePoll(self, next(self._tickets))
        if owner is not None:
            owner.destroyed.connect(poll.stop)
        self._polls[poll.pid] = poll
        self._poll.emit(poll.pid, cfg, fn, max(10, int(interval_ms)))
        return poll

    def close_port(self) -> None:
        """Close the port as soon as the running request (if any) is over."""
        if self.alive:
            self._close.emit()

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def is_idle(self) -> bool:
        return not self._jobs

    def shutdown(self, wait_ms: int = 10000) -> bool:
        """Stop polling, close the port and end the thread; True if it ended in time
        (a request stuck in a device timeout is waited for up to ``wait_ms``)."""
        if not self.alive:
            return True
        self.alive = False
        for poll in list(self._polls.values()):
            poll.active = False
        self._polls.clear()
        self._quit.emit()
        ended = self._thread.wait(wait_ms)
        if not ended:
            log.warning("the thread of port %s did not stop within %d ms", self.port, wait_ms)
            _abandoned.append(self._thread)   # never destroy a running QThread
        return ended

    # -- bookkeeping (GUI thread) -----------------------------------------------------------
    def _cancel(self, ticket: int) -> None:
        with self._lock:
            if ticket in self._jobs:
                self._cancelled.add(ticket)

    def _stop_poll(self, pid: int) -> None:
        self._polls.pop(pid, None)
        if self.alive:
            self._unpoll.emit(pid)

    @Slot(int, object)
    def _on_done(self, ticket: int, result: Any) -> None:
        job = self._jobs.pop(ticket, None)
        if job is not None:
            job._deliver(result)

    @Slot(int, object, str)
    def _on_failed(self, ticket: int, exc: BaseException, tb: str) -> None:
        job = self._jobs.pop(ticket, None)
        if job is not None:
            job._deliver(exc=exc, tb=tb)

    @Slot(int)
    def _on_skipped(self, ticket: int) -> None:
        job = self._jobs.pop(ticket, None)
        if job is not None:
            job.done = True
            job.finished.emit()

    @Slot(int, object)
    def _on_polled(self, pid: int, result: Any) -> None:
        poll = self._polls.get(pid)
        if poll is not None and poll.active:
            poll.result.emit(result)

    @Slot(int, object)
    def _on_poll_failed(self, pid: int, exc: BaseException) -> None:
        poll = self._polls.get(pid)
        if poll is not None and poll.active:
            poll.failed.emit(exc)

    @Slot(str, object, float)
    def _on_frame(self, direction: str, data: bytes, when: float) -> None:
        self.frame.emit(self.port, direction, data, when)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)


_abandoned: list[QThread] = []


class DeviceHub(QObject):
    """The application's port workers, one per port, shared by every screen."""

    worker_created = Signal(object)   # PortWorker: a screen showing frames of all ports connects here

    _instance: DeviceHub | None = None

    def __init__(self, parent: QObject | None = None, *, idle_close_ms: int = 2000) -> None:
        super().__init__(parent)
        self.idle_close_ms = idle_close_ms
        self._workers: dict[str, PortWorker] = {}

    @classmethod
    def instance(cls) -> DeviceHub:
        """The hub of this application (closed down when the application quits)."""
        if cls._instance is None or not isValid(cls._instance):
            app = QCoreApplication.instance()
            hub = cls(app)
            if app is not None:
                app.aboutToQuit.connect(hub.shutdown)
            cls._instance = hub
        return cls._instance

    @staticmethod
    def key(port: str) -> str:
        port = port.strip()
        return port.upper() if sys.platform == "win32" and "://" not in port else port

    def worker(self, port: str) -> PortWorker:
        """The worker of ``port`` (created on first use)."""
        k = self.key(port)
        if not k:
            raise ValueError("no port given")
        w = self._workers.get(k)
        if w is None or not w.alive:
            w = PortWorker(k, idle_close_ms=self.idle_close_ms, parent=self)
            self._workers[k] = w
            self.worker_created.emit(w)
        return w

    def workers(self) -> list[PortWorker]:
        return [w for w in self._workers.values() if w.alive]

    def is_idle(self) -> bool:
        return all(w.is_idle() and not w.busy for w in self.workers())

    def shutdown(self, wait_ms: int = 10000) -> None:
        for w in list(self._workers.values()):
            w.shutdown(wait_ms)
        self._workers.clear()
        if DeviceHub._instance is self:
            DeviceHub._instance = None


def show_device_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A window-modal message box with the error in the UI language (never blocks)."""
    from ui.i18n import tr

    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning if _is_device_error(exc) else QMessageBox.Icon.Critical)
    box.setWindowTitle(tr("设备操作未完成"))
    box.setText(error_message(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
