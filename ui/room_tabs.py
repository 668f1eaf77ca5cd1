"""The tabs of the room detail panel: one line each.

A later issue adds a tab (费用, 工单, 门禁卡) by writing a :class:`RoomTab`
subclass and adding one ``RoomTabEntry`` line to ``ROOM_TABS``.  The panel
creates the tabs the operator may see, calls ``set_room`` on selection and
``load`` when the tab becomes visible (only the visible tab queries).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from propdesk.security import MASTER_VIEW
from ui.i18n import tr_noop
from ui.widgets.base import Retranslatable


@dataclass(frozen=True)
class RoomTabEntry:
    key: str
    title: str            # Chinese source text (tr_noop)
    permission: str
    factory: str          # "module:Class" of a RoomTab subclass
    order: int = 100


ROOM_TABS: list[RoomTabEntry] = [
    RoomTabEntry("info", tr_noop("基本信息"), MASTER_VIEW, "ui.screens.room_info:RoomInfoTab", 10),
    RoomTabEntry("occupants", tr_noop("住户"), MASTER_VIEW, "ui.screens.room_occupants:OccupantsTab", 20),
    RoomTabEntry("vehicles", tr_noop("车辆"), MASTER_VIEW, "ui.screens.room_vehicles:VehiclesTab", 30),
    RoomTabEntry("fees", tr_noop("费用信息"), "bill.view", "ui.billing.room_fees:RoomFeesTab", 40),
    RoomTabEntry("workorders", tr_noop("工单"), MASTER_VIEW, "ui.screens.workorders_room:RoomWorkOrdersTab", 50),
    RoomTabEntry("cards", tr_noop("门禁卡"), MASTER_VIEW, "ui.screens.cards_room:RoomCardsTab", 60),
]


def tabs_for(actor) -> list[RoomTabEntry]:
    return sorted((t for t in ROOM_TABS if actor is not None and actor.can(t.permission)),
                  key=lambda t: t.order)


class RoomTab(Retranslatable, QWidget):
    """Base of a room tab.  Subclasses implement ``load()`` (query via ``ctx.tasks``)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.room_id: uuid.UUID | None = None
        self.stale = True

    def set_room(self, room_id: uuid.UUID | None) -> None:
        self.room_id = room_id
        self.stale = True

    def load(self) -> None:
        """Fetch and show the current room's data (called when visible and stale)."""
        self.stale = False

    def can_leave(self) -> bool:
        """False (after asking) keeps the operator on this room, e.g. unsaved edits."""
        return True

    def on_changes(self, changes) -> None:
        """A write somewhere changed data; reload if it concerns this room."""
