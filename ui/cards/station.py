"""The card reader station: one thread owns the PN532's serial port.

Everything that touches the port runs on that thread: polling for a card
(a timer slot re-queued after each poll, never a blocking loop) and the card
jobs (issue, renew, replace, cancel, read), queued one after another.  The
GUI thread only sends requests through queued signals and receives
:attr:`CardStation.status_changed` and each job's result or error back on
itself.  A job is ``fn(card_io)``; jobs that also write the database open
their own short session inside ``fn`` (the write happens after the card was
written and read back, so the SQLite write lock is held for milliseconds).
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from drivers.errors import DeviceError, NoCard
from ui.signals import emit

log = logging.getLogger("propdesk.ui.cards")

NO_PORT, OFFLINE, NO_CARD, CARD, BUSY = "no_port", "offline", "no_card", "card", "busy"


@dataclass(frozen=True)
class ReaderStatus:
    state: str                # no_port | offline | no_card | card | busy
    uid: str = ""
    detail_zh: str = ""
    detail_en: str = ""


def open_reader(port: str):
    """(closeable, card_io) for a PN532 on ``port``: the app's real reader."""
    from drivers.pn532 import PN532, MifareClassic

    pn532 = PN532.open(port)
    try:
        pn532.begin()
    except BaseException:
        pn532.close()
        raise
    return pn532, MifareClassic(pn532)


def configured_port(ctx) -> str:
    """This terminal's card-writer port: the device settings (role ``card``), else the
    port this operator used last."""
    try:
        from propdesk import devices

        port = devices.load(ctx.db, "card").port
        if port:
            return port
    except Exception:  # noqa: BLE001 - no device settings yet on this terminal
        log.debug("no card-writer device settings", exc_info=True)
    value = ctx.settings.qs.value("cards/port", "")
    return str(value or "")


def remember_port(ctx, port: str) -> None:
    ctx.settings.qs.setValue("cards/port", port)


class _Worker(QObject):
    status = Signal(object)             # ReaderStatus
    done = Signal(int, object)          # token, result
    failed = Signal(int, object, str)   # token, exception, traceback

    def __init__(self, opener: Callable[[str], tuple[Any, Any]], interval_ms: int) -> None:
        super().__init__()
        self._opener = opener
        self._interval = interval_ms
        self._port = ""
        self._device = None
        self._io = None
        self._last: ReaderStatus | None = None
        self._stopped = False
        self._timer: QTimer | None = None

    def _publish(self, status: ReaderStatus) -> None:
        if status != self._last:
            self._last = status
            emit(self.status, status)

    def _close(self) -> None:
        if self._device is not None:
            try:
                self._device.close()
            except Exception:  # noqa: BLE001 - closing a vanished adapter
                log.debug("closing the card reader failed", exc_info=True)
        self._device = self._io = None

    def _ensure_open(self) -> bool:
        if self._io is not None:
            return True
        if not self._port:
            self._publish(ReaderStatus(NO_PORT))
            return False
        try:
            self._device, self._io = self._opener(self._port)
        except DeviceError as exc:
            self._close()
            self._publish(ReaderStatus(OFFLINE, "", exc.zh, exc.en))
            return False
        return True

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll)
        self.poll()

    @Slot(str)
    def set_port(self, port: str) -> None:
        if port != self._port:
            self._close()
            self._port = port
            self._last = None
        self.poll()

    @Slot()
    def poll(self) -> None:
        if self._stopped:
            return
        if self._ensure_open():
            try:
                target = self._io.detect()
                self._publish(ReaderStatus(CARD, bytes(target.uid).hex().upper()))
            except NoCard:
                self._publish(ReaderStatus(NO_CARD))
            except DeviceError as exc:
                self._close()
                self._publish(ReaderStatus(OFFLINE, "", exc.zh, exc.en))
        if self._timer is not None and not self._stopped:
            self._timer.start(self._interval)

    @Slot(int, object)
    def run_job(self, token: int, fn: Callable[[Any], Any]) -> None:
        self._publish(ReaderStatus(BUSY, self._last.uid if self._last else ""))
        failure: tuple[BaseException, str] | None = None
        result = None
        try:
            if not self._ensure_open():
                from propdesk.cards.errors import CardIOError

                detail = self._last
                raise CardIOError(
                    f"读卡器无法使用（{detail.detail_zh if detail else self._port}）：请检查读卡器连接和串口设置",
                    f"the card reader is not usable ({detail.detail_en if detail else self._port})")
            result = fn(self._io)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            if isinstance(exc, DeviceError):
                from propdesk.cards.engine import device_failure

                exc = device_failure(exc, "probe")
            self._close()  # start the next poll from a freshly woken reader
            failure = (exc, traceback.format_exc())
        self._last = None
        self.poll()  # the reader's status first, so the dialog never shows "busy" after the answer
        if failure is None:
            emit(self.done, token, result)
        else:
            emit(self.failed, token, *failure)

    @Slot()
    def stop(self) -> None:
        """Runs on the reader thread as it finishes: the timer and the port die with it."""
        self._stopped = True
        if self._timer is not None:
            self._timer.stop()
            shiboken6.delete(self._timer)  # a timer must be destroyed by its own thread
            self._timer = None
        self._close()


class CardStation(QObject):
    """The reader for one dialog or screen; :meth:`close` when done with it."""

    status_changed = Signal(object)     # ReaderStatus
    job_finished = Signal()             # after a job's callbacks ran (tests wait on it)

    _port_requested = Signal(str)
    _job_requested = Signal(int, object)

    def __init__(self, port: str = "", *, opener: Callable[[str], tuple[Any, Any]] = open_reader,
                 interval_ms: int = 600, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = ReaderStatus(NO_PORT if not port else OFFLINE)
        self.port = port
        self._callbacks: dict[int, tuple[Callable, Callable]] = {}
        self._token = 0
        self._thread = QThread()
        self._thread.setObjectName("card-reader")
        self._worker = _Worker(opener, interval_ms)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._port_requested.connect(self._worker.set_port)
        self._job_requested.connect(self._worker.run_job)
        # stop() must run on the reader thread itself, after its last queued job
        self._thread.finished.connect(self._worker.stop, Qt.ConnectionType.DirectConnection)
        self._worker.status.connect(self._on_status)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self.set_port(port)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def set_port(self, port: str) -> None:
        self.port = port.strip()
        emit(self._port_requested, self.port)

    def submit(self, fn: Callable[[Any], Any], on_success: Callable[[Any], None],
               on_failure: Callable[[BaseException], None]) -> int:
        """Run ``fn(card_io)`` on the reader thread; callbacks run on the GUI thread."""
        self._token += 1
        self._callbacks[self._token] = (on_success, on_failure)
        emit(self._job_requested, self._token, fn)
        return self._token

    def close(self) -> None:
        if not self._thread.isRunning():
            return
        self._thread.quit()
        self._thread.wait(10000)
        self._callbacks.clear()

    @Slot(object)
    def _on_status(self, status: ReaderStatus) -> None:
        self.status = status
        emit(self.status_changed, status)

    @Slot(int, object)
    def _on_done(self, token: int, result: Any) -> None:
        callbacks = self._callbacks.pop(token, None)
        try:
            if callbacks:
                callbacks[0](result)
        finally:
            emit(self.job_finished)

    @Slot(int, object, str)
    def _on_failed(self, token: int, exc: BaseException, tb: str) -> None:
        from propdesk.errors import PropDeskError

        if not isinstance(exc, PropDeskError):
            log.error("card job failed:\n%s", tb)
        callbacks = self._callbacks.pop(token, None)
        try:
            if callbacks:
                callbacks[1](exc)
        finally:
            emit(self.job_finished)
