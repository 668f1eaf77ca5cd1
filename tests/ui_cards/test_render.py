"""Render the card dialogs and screen to PNG (to look at them; the test checks they drew)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor

from ui.cards.issue_dialog import IssueCardDialog
from ui.cards.station import CARD, CardStation
from ui.screens.cards import CardsScreen
from ui.screens.cards_room import RoomCardsTab

UID = bytes.fromhex("A1B2C3D4")


def out_dir(tmp_path) -> Path:
    """PNGs go to $PROPDESK_PNG_DIR when set (to look at them), else the test's tmp dir."""
    path = Path(os.environ.get("PROPDESK_PNG_DIR") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(widget, path: Path) -> None:
    image = widget.grab().toImage()
    assert image.save(str(path))
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 8, f"{path.name} looks blank"


def test_render_issue_flow_and_screen(qtbot, ctx, place, site, card_sim, tmp_path):
    folder = out_dir(tmp_path)
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = IssueCardDialog(ctx, room_id=place["room"], station=station)
        qtbot.addWidget(dlg)
        dlg.resize(620, 560)
        dlg.show()
        qtbot.waitUntil(lambda: dlg.form_data is not None and station.status.state == "no_card")
        save(dlg, folder / "issue-1-place-card.png")
        card_sim.place_card(UID)
        qtbot.waitUntil(lambda: station.status.state == CARD)
        dlg.valid_until.setDate(QDate(2030, 6, 30))
        dlg.deposit.setText("50")
        dlg.card_fee.setText("20")
        save(dlg, folder / "issue-2-card-detected.png")
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.issue_button.click()
        save(dlg, folder / "issue-3-verified.png")
        dlg.reject()
    finally:
        station.close()

    tab = RoomCardsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(900, 520)
    tab.show()
    tab.set_room(place["room"])
    with qtbot.waitSignal(tab.panel.loaded):
        tab.load()
    qtbot.waitUntil(lambda: tab.panel.history_model.rowCount() == 1)
    save(tab, folder / "room-tab.png")

    screen = CardsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1000, 640)
    screen.show()
    with qtbot.waitSignal(screen.panel.loaded):
        screen.activated()
    save(screen, folder / "screen-cards.png")
    assert screen.panel.model.rowCount() == 1
