"""The card reader station: a dialog's or screen's view of the card writer (发卡器).

The reader's port belongs to its :class:`~ui.devices.worker.PortWorker`
(:mod:`ui.devices.worker`), the one thread per port that every screen shares:
the card dialogs, the cashier's card swipe and the 终端设备 panel all poll and
write through it, so they never fight over the port ("port busy") and each
sees the others' frames in the device log.  A station polls the reader there
(a re-queued timer on the port's thread, never a blocking loop) and queues
its card jobs there, one after another; the GUI thread only gets
:attr:`CardStation.status_changed` and each job's result or error back.

A job is ``fn(card_io)`` (a :class:`drivers.MifareClassic` on the opened
reader); jobs that also write the database open their own short session inside
``fn`` (the write happens after the card was written and read back, so the
SQLite write lock is held for milliseconds).  The reader's status is read
again on the port's thread right after each job, before its callbacks run, so
a dialog never shows "busy" after the answer.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from drivers.errors import DeviceError, PortBusy, PortNotFound
from propdesk import devices
from propdesk.devices import DeviceConfig
from ui.devices.worker import DeviceHub, DeviceJob, DevicePoll

log = logging.getLogger("propdesk.ui.cards")

NO_PORT, OFFLINE, NO_CARD, CARD, BUSY = "no_port", "offline", "no_card", "card", "busy"


@dataclass(frozen=True)
class ReaderStatus:
    state: str                # no_port | offline | no_card | card | busy
    uid: str = ""
    detail_zh: str = ""
    detail_en: str = ""


def reader_config(ctx) -> DeviceConfig:
    """This terminal's card writer (终端设备, role ``card``); no port if it has none."""
    return devices.load(ctx.db, "card")


@dataclass(frozen=True)
class _OpenerSpec:
    """A reader opened by ``opener(port) -> (closeable, card_io)`` instead of its device
    settings (a test spying on the reader's thread)."""

    port: str
    opener: Callable[[str], tuple[Any, Any]]

    def open(self, *, log=None) -> _Opened:
        device, io = self.opener(self.port)
        return _Opened(device, io)


@dataclass(frozen=True)
class _Opened:
    device: Any
    io: Any

    def close(self) -> None:
        self.device.close()


@dataclass(frozen=True)
class _Outcome:
    """What a job left on the port's thread: its result or error, and the reader after it."""

    result: Any
    error: BaseException | None
    traceback: str
    status: ReaderStatus


def _card_io(device: Any) -> Any:
    return device.io if isinstance(device, _Opened) else devices.card_reader(device)


def _offline(exc: BaseException) -> ReaderStatus:
    if isinstance(exc, DeviceError):
        return ReaderStatus(OFFLINE, "", exc.zh, exc.en)
    return ReaderStatus(OFFLINE, "", str(exc), str(exc))


def _look(device: Any) -> ReaderStatus:
    """The reader now: the card on it, or none (port thread)."""
    uid = devices.card_on(_card_io(device))
    return ReaderStatus(CARD, uid) if uid else ReaderStatus(NO_CARD)


class CardStation(QObject):
    """The reader for one dialog or screen; :meth:`close` when done with it.

    ``reader`` is the card writer's :class:`~propdesk.devices.DeviceConfig`
    (:func:`reader_config`), or a port name with the reader's usual settings.
    """

    status_changed = Signal(object)     # ReaderStatus
    job_finished = Signal()             # after a job's callbacks ran (tests wait on it)

    def __init__(self, reader: DeviceConfig | str = "", *,
                 opener: Callable[[str], tuple[Any, Any]] | None = None, interval_ms: int = 600,
                 hub: DeviceHub | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._opener = opener
        self._interval = interval_ms
        self._poll: DevicePoll | None = None
        self._jobs: dict[int, tuple[DeviceJob, Callable, Callable]] = {}
        self._token = 0
        self._closed = False
        self.spec: DeviceConfig | _OpenerSpec | None = None
        self.status = ReaderStatus(NO_PORT)
        self.set_port(reader)

    @property
    def port(self) -> str:
        return self.spec.port if self.spec is not None else ""

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def _worker(self):
        return (self._hub or DeviceHub.instance()).worker(self.port)

    def set_port(self, reader: DeviceConfig | str) -> None:
        """Use another reader (a config, or a port with the reader's usual settings)."""
        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        if isinstance(reader, DeviceConfig):
            cfg = reader
        else:
            cfg = devices.defaults("card").with_changes(port=reader.strip())
        if not cfg.configured:
            self.spec = None
            self._publish(ReaderStatus(NO_PORT))
            return
        self.spec = _OpenerSpec(cfg.port, self._opener) if self._opener is not None else cfg
        self._publish(ReaderStatus(OFFLINE))
        self._poll = self._worker().poll(self.spec, _look, self._interval, owner=self)
        self._poll.result.connect(self._polled)
        self._poll.failed.connect(lambda exc: self._polled(_offline(exc)))

    def submit(self, fn: Callable[[Any], Any], on_success: Callable[[Any], None],
               on_failure: Callable[[BaseException], None]) -> int:
        """Run ``fn(card_io)`` on the reader's port thread; callbacks run on the GUI thread."""
        self._token += 1
        token = self._token
        if self.spec is None:
            from propdesk.cards.errors import CardIOError

            self._finish(token, on_failure, exc=CardIOError(
                "未设置发卡器串口：请在“终端设备”中设置发卡器", "no card writer port: set one under Devices"))
            return token
        self._publish(ReaderStatus(BUSY, self.status.uid))
        job = self._worker().submit(self.spec, lambda device: self._run(device, fn), label="card job")
        self._jobs[token] = (job, on_success, on_failure)
        job.success(lambda outcome: self._done(token, outcome)) \
           .failure(lambda exc: self._lost(token, exc))
        return token

    @staticmethod
    def _run(device: Any, fn: Callable[[Any], Any]) -> _Outcome:
        """Port thread: the job, then the reader's status.  A port that went away is raised
        (the worker closes it and the next poll reopens it); anything else is handed back."""
        try:
            result = fn(_card_io(device))
        except (PortNotFound, PortBusy):
            raise
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            if not isinstance(device, _Opened):
                devices.reset_card_reader(device)   # wake it again before the next command
            tb = traceback.format_exc()
            try:
                status = _look(device)
            except (PortNotFound, PortBusy):
                raise
            except Exception as probe:  # noqa: BLE001 - the reader's state is what we report
                status = _offline(probe)
            return _Outcome(None, exc, tb, status)
        return _Outcome(result, None, "", _look(device))

    def close(self) -> None:
        """Stop polling and drop the callbacks of jobs not answered yet (a job already
        writing a card finishes on the port's thread)."""
        self._closed = True
        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        for job, _ok, _fail in self._jobs.values():
            job.cancel()
        self._jobs.clear()

    # -- results (GUI thread) ----------------------------------------------------------------
    def _publish(self, status: ReaderStatus) -> None:
        if status != self.status:
            self.status = status
            self.status_changed.emit(status)

    def _polled(self, status: ReaderStatus) -> None:
        if not self.busy:   # else a job is on the reader: its status comes with its answer
            self._publish(status)

    def _done(self, token: int, outcome: _Outcome) -> None:
        entry = self._jobs.pop(token, None)
        if entry is None:
            return
        self._publish(outcome.status)
        if outcome.error is None:
            self._finish(token, entry[1], result=outcome.result)
        else:
            exc = outcome.error
            if isinstance(exc, DeviceError):
                from propdesk.cards.engine import device_failure

                exc = device_failure(exc, "probe")
            self._report(exc, outcome.traceback)
            self._finish(token, entry[2], exc=exc)

    def _lost(self, token: int, exc: BaseException) -> None:
        """The port could not be opened or went away: the reader is offline."""
        entry = self._jobs.pop(token, None)
        if entry is None:
            return
        self._publish(_offline(exc))
        if isinstance(exc, DeviceError):
            from propdesk.cards.engine import device_failure

            exc = device_failure(exc, "probe")
        self._finish(token, entry[2], exc=exc)

    @staticmethod
    def _report(exc: BaseException, tb: str) -> None:
        from propdesk.errors import PropDeskError

        if not isinstance(exc, PropDeskError):
            log.error("card job failed:\n%s", tb)

    def _finish(self, token: int, callback: Callable, *, result: Any = None,
                exc: BaseException | None = None) -> None:
        try:
            if not self._closed:
                callback(result if exc is None else exc)
        finally:
            self.job_finished.emit()
