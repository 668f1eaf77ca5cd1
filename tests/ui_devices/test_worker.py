"""ui.devices.worker: one thread per port, requests in order, errors and frames back on the GUI thread."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from PySide6.QtCore import QThread, QTimer

from drivers.errors import DeviceTimeout, PortNotFound
from propdesk import devices


def meter_cfg(port: str, **changes) -> devices.DeviceConfig:
    # a pty refuses parity E (see PROTOCOLS.md): the simulator's line is 8N1
    return devices.defaults("meter").with_changes(**{"port": port, "parity": "N", "timeout": 0.3, **changes})


def test_requests_run_in_order_on_the_port_thread(qtbot, hub, meter_sim):
    gui = threading.get_ident()
    w = hub.worker(meter_sim.port)
    assert hub.worker(meter_sim.port) is w                  # one worker per port, shared
    cfg = meter_cfg(meter_sim.port)
    threads, results = [], []

    def read(bus):
        threads.append(threading.get_ident())
        return bus.read_total("123456789012").value

    jobs = [w.submit(cfg, read) for _ in range(3)]
    meter_sim.set_energy("123456789012", Decimal("1300.00"))   # may land between two reads
    for job in jobs:
        job.success(results.append)
    with qtbot.waitSignal(jobs[-1].finished, timeout=10000):
        pass
    assert len(results) == 3 and results[0] in (Decimal("1234.56"), Decimal("1300.00"))
    assert results == sorted(results)                            # FIFO: no read overtakes another
    assert len(set(threads)) == 1 and threads[0] != gui
    assert w.state == "open" and w.is_idle()


def test_frames_come_back_joined_and_stamped(qtbot, hub, meter_sim):
    w = hub.worker(meter_sim.port)
    frames = []
    w.frame.connect(lambda port, d, data, when: frames.append((port, d, bytes(data), when)))
    job = w.submit(meter_cfg(meter_sim.port), lambda bus: bus.read_total("123456789012"))
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    qtbot.waitUntil(lambda: len(frames) >= 2)
    (p1, d1, tx, t1), (p2, d2, rx, t2) = frames[:2]
    assert (p1, d1, d2) == (meter_sim.port, "tx", "rx")
    assert tx.startswith(b"\xfe\xfe\xfe\xfe\x68\x12\x90\x78\x56\x34\x12\x68\x11")
    assert rx == job.result.raw or rx.endswith(job.result.raw)    # the whole answer in one entry
    assert t1 <= t2


def test_failure_goes_to_the_callback_with_the_drivers_message(qtbot, hub, meter_sim):
    w = hub.worker(meter_sim.port)
    errors = []
    job = w.submit(meter_cfg(meter_sim.port, timeout=0.1), lambda bus: bus.read_total("999999999999"))
    job.failure(errors.append)
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert isinstance(errors[0], DeviceTimeout) and "无应答" in errors[0].zh
    assert w.state == "open"          # a silent meter is no reason to close the bus


def test_unplugged_port_reports_and_reopens(qtbot, hub):
    from drivers.simulators import DLT645Simulator

    sim = DLT645Simulator().start()
    sim.add_meter("000000000001", energy=Decimal("5.00"))
    port = sim.port
    w = hub.worker(port)
    cfg = meter_cfg(port)
    job = w.submit(cfg, lambda bus: bus.read_total("1"))
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert job.result.value == Decimal("5.00")
    sim.stop()                                     # the adapter is pulled out
    errors = []
    job = w.submit(cfg, lambda bus: bus.read_total("1")).failure(errors.append)
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert isinstance(errors[0], PortNotFound) and "已断开" in errors[0].zh
    assert w.state == "error"
    job = w.submit(cfg, lambda bus: bus.read_total("1")).failure(errors.append)
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert isinstance(errors[1], PortNotFound)    # the next request tries to open it again


def test_cancelled_job_never_runs(qtbot, hub, meter_sim):
    w = hub.worker(meter_sim.port)
    cfg = meter_cfg(meter_sim.port)
    ran = []
    gate = threading.Event()
    first = w.submit(cfg, lambda bus: gate.wait(5))       # holds the port thread
    second = w.submit(cfg, lambda bus: ran.append(1)).success(lambda _r: ran.append("cb"))
    second.cancel()
    gate.set()
    with qtbot.waitSignal(second.finished, timeout=10000):
        pass
    assert first.done and ran == [] and second.cancelled


def test_polling_is_a_requeued_timer_and_jobs_interleave(qtbot, hub, meter_sim):
    w = hub.worker(meter_sim.port)
    cfg = meter_cfg(meter_sim.port)
    seen = []
    poll = w.poll(cfg, lambda bus: bus.read_total("123456789012").value, interval_ms=20)
    poll.result.connect(seen.append)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10000)
    job = w.submit(cfg, lambda bus: QThread.currentThread().objectName())
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert job.result == f"port {meter_sim.port}"
    meter_sim.set_energy("123456789012", Decimal("1240.00"))
    qtbot.waitUntil(lambda: seen[-1] == Decimal("1240.00"), timeout=10000)
    poll.stop()
    n = len(seen)
    ticks = []
    QTimer.singleShot(300, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=5000)
    assert len(seen) <= n + 1       # at most the poll that was already running when stopped


def test_idle_port_is_closed_so_other_programs_can_open_it(qtbot, qapp, meter_sim):
    from drivers import open_meter
    from ui.devices.worker import DeviceHub

    hub = DeviceHub(qapp, idle_close_ms=50)
    try:
        w = hub.worker(meter_sim.port)
        states = []
        w.state_changed.connect(states.append)
        job = w.submit(meter_cfg(meter_sim.port), lambda bus: bus.read_total("123456789012"))
        with qtbot.waitSignal(job.finished, timeout=10000):
            pass
        qtbot.waitUntil(lambda: states[-1:] == ["closed"], timeout=5000)
        with open_meter("dlt645", meter_sim.port, parity="N", timeout=0.3) as bus:   # exclusive open works
            assert bus.read_total("123456789012").value == Decimal("1234.56")
    finally:
        hub.shutdown()


def test_default_failure_shows_a_message_box_and_shutdown_stops_threads(qtbot, hub):
    from PySide6.QtWidgets import QMessageBox, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    w = hub.worker("/dev/ttyPROPDESK-NONE")
    job = w.submit(meter_cfg("/dev/ttyPROPDESK-NONE"), lambda bus: None, parent=parent)
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    box = parent.findChild(QMessageBox, "errorBox")
    assert box is not None and "找不到串口 /dev/ttyPROPDESK-NONE" in box.text()
    thread = w._thread
    assert w.shutdown() and thread.isFinished()
    with pytest.raises(RuntimeError):
        w.submit(meter_cfg("/dev/ttyPROPDESK-NONE"), lambda bus: None)
