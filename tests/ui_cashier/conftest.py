"""Fixtures of the cashier screen tests: an app context, a billed estate, a printer on a pty."""

from __future__ import annotations

import pytest

from tests.cashier.conftest import AS_OF, build_world  # noqa: F401  (the same hand-computed estate)
from tests.ui_support import chinese, contexts, role_actor  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def hub(qapp):
    """The application's device hub (the printer's and card reader's port threads),
    shut down after each test so no port stays open into the next one."""
    from ui.devices.worker import DeviceHub

    h = DeviceHub.instance()
    yield h
    h.shutdown()


@pytest.fixture
def world(db, admin):
    with db.session() as s:
        return build_world(s, admin)


@pytest.fixture
def as_of_june(monkeypatch):
    """The screen computes late fees as of 'today': make today 2026-06-10 (see World)."""
    import ui.screens.cashier as screen_module

    monkeypatch.setattr(screen_module, "today", lambda: AS_OF)


@pytest.fixture
def printer_sim():
    from drivers.simulators.printer import PrinterSimulator

    with PrinterSimulator() as sim:
        yield sim


@pytest.fixture
def make_ctx(db, contexts):
    return lambda role="cashier", name="陈收费": contexts.make(db, role_actor(role, name))


def configure_printer(db, admin, *, port: str = "", columns: int = 32, **values):
    """This terminal's receipt printer (终端设备) on ``port``, and the cashier's own choices."""
    from propdesk import devices
    from propdesk.services.cashier.layouts import PrinterSettings, save_printer_settings

    with db.session() as s:
        if port:
            devices.save(s, admin, devices.defaults("printer").with_changes(port=port, columns=columns))
        save_printer_settings(s, admin, PrinterSettings(**values))


@pytest.fixture
def supervisor_op(db, admin):
    """王主管 (user zhuguan, password zhuguan123), who authorizes on the cashier's screen."""
    from propdesk.services.operators import add_operator

    with db.session() as s:
        add_operator(s, admin, "zhuguan", role="supervisor", password="zhuguan123", display_name="王主管")


def open_desk(qtbot, db, admin, ctx, hub, reader_port: str):
    """The 收费台 with ``reader_port`` as this terminal's card reader (终端设备), shown as the
    main window shows it, once its printing settings are loaded and the reader answers."""
    from propdesk import devices
    from ui.screens.cashier import CashierScreen

    with db.session() as s:
        devices.save(s, admin, devices.defaults("card").with_changes(port=reader_port))
    screen = CashierScreen(ctx, hub=hub)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activated()                                    # the main window does this on showing it
    qtbot.waitUntil(lambda: screen.output.config is not None and screen.reader is not None
                    and screen.reader.status.state == "no_card", timeout=10000)
    return screen
