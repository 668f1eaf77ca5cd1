"""门禁卡: the room tab (cards of the room and of its people's vehicles), and the same
list for one customer (:class:`CustomerCardsWidget`, for a customer detail view)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.cards.panel import CardsPanel
from ui.room_tabs import RoomTab
from ui.tasks import Changes
from ui.widgets.base import Retranslatable


class RoomCardsTab(RoomTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        self.panel = CardsPanel(ctx, "room", self)
        lay.addWidget(self.panel)

    def set_room(self, room_id: uuid.UUID | None) -> None:
        super().set_room(room_id)
        self.panel.set_room(room_id)

    def load(self) -> None:
        super().load()
        self.panel.load()

    def on_changes(self, changes: Changes) -> None:
        if "gate_card" in changes.entities or self.room_id in changes.occupancy or "vehicle" in changes.entities:
            self.stale = True


class CustomerCardsWidget(Retranslatable, QWidget):
    """A customer's cards (all rooms, vehicles, temporary cards), with the same actions."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.panel = CardsPanel(ctx, "customer", self)
        lay.addWidget(self.panel)

    def set_customer(self, customer_id: uuid.UUID) -> None:
        self.panel.set_customer(customer_id)
        self.panel.load()
