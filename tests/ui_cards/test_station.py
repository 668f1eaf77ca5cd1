"""Card stations share the reader's one port thread (the DeviceHub's), so a dialog, the
cashier's swipe and the 终端设备 panel never fight over the port."""

from __future__ import annotations

import threading

from drivers.errors import NoCard
from propdesk.cards.errors import CardIOError
from ui.cards.station import CARD, NO_CARD, OFFLINE, CardStation
from ui.devices.worker import DeviceHub

UID = bytes.fromhex("A1B2C3D4")


def test_two_stations_share_the_port_and_a_job_runs_between_polls(qtbot, hub: DeviceHub, card_sim):
    first = CardStation(card_sim.port, interval_ms=50)
    second = CardStation(card_sim.port, interval_ms=50)   # a second window on the same reader
    try:
        qtbot.waitUntil(lambda: first.status.state == NO_CARD and second.status.state == NO_CARD)
        assert [w.port for w in hub.workers()] == [card_sim.port]      # one thread for the port
        card_sim.place_card(UID)
        qtbot.waitUntil(lambda: first.status.state == CARD and second.status.state == CARD)
        assert (first.status.uid, second.status.uid) == ("A1B2C3D4", "A1B2C3D4")

        seen: list = []
        threads: list[int] = []

        def read_uid(io):
            threads.append(threading.get_ident())
            return bytes(io.detect().uid).hex().upper()

        with qtbot.waitSignal(first.job_finished, timeout=10000):
            first.submit(read_uid, seen.append, seen.append)
            assert first.busy and first.status.state == "busy"
        assert seen == ["A1B2C3D4"] and not first.busy
        assert first.status.state == CARD              # fresh status before the callback ran
        assert threads and threads[0] != threading.main_thread().ident
        assert second.status.state == CARD             # the other poller never saw a busy port
    finally:
        first.close()
        second.close()


def test_a_failed_job_reports_and_the_reader_is_woken_again(qtbot, hub, card_sim):
    station = CardStation(card_sim.port, interval_ms=50)
    errors: list[BaseException] = []
    try:
        qtbot.waitUntil(lambda: station.status.state == NO_CARD)

        def needs_a_card(io):
            return io.detect()     # raises NoCard: nothing on the reader

        sent: list[bytes] = []
        hub.worker(card_sim.port).frame.connect(lambda _p, d, data, _t: sent.append(bytes(data)) if d == "tx" else None)
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            station.submit(needs_a_card, errors.append, errors.append)
        # TFI + InListPassiveTarget (the failed detect), then TFI + SAMConfiguration: the reader
        # is woken again before its status is read for the answer
        commands = [b"\xd4\x4a" in f and "list" or b"\xd4\x14" in f and "wake" for f in sent]
        assert commands[:1] == ["list"] and "wake" in commands
        # the driver's error as the counter reads it (propdesk.cards.engine.device_failure)
        assert isinstance(errors[0], CardIOError) and isinstance(errors[0].cause, NoCard)
        assert errors[0].zh == "读卡器上没有卡片：请把卡平放在读卡器上再试"
        assert station.status.state == NO_CARD
        card_sim.place_card(UID)                       # polling goes on after the failure
        qtbot.waitUntil(lambda: station.status.state == CARD)
    finally:
        station.close()


def test_no_port_and_a_missing_port(qtbot, hub, tmp_path):
    from ui.cards.station import NO_PORT

    station = CardStation("", interval_ms=50)
    errors: list = []
    with qtbot.waitSignal(station.job_finished, timeout=5000):
        station.submit(lambda io: None, errors.append, errors.append)
    assert station.status.state == NO_PORT and "终端设备" in str(errors[0])

    missing = CardStation(str(tmp_path / "ttyUSB9"), interval_ms=50)
    try:
        qtbot.waitUntil(lambda: missing.status.state == OFFLINE and missing.status.detail_zh != "")
        assert "ttyUSB9" in missing.status.detail_zh
        with qtbot.waitSignal(missing.job_finished, timeout=10000):
            missing.submit(lambda io: None, errors.append, errors.append)
        assert "读卡器无法使用" in str(errors[1])
    finally:
        missing.close()
