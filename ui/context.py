"""What every screen gets: the database, the logged-in operator, the task
runner, typed settings and the application-wide signals.

There is no global main window: a screen that wants another screen to show
something emits a signal here (``open_node``, ``open_screen``) and the main
window, which listens, does the switching.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from propdesk.db import Database
from propdesk.security import Actor
from ui.tasks import TaskRunner


class AppSignals(QObject):
    # ("room"|"space"|"building"|…, id): show this node in the property navigator
    open_node = Signal(str, object)
    # a screen key of ui.screens.SCREENS ("devices" …): switch to that screen
    open_screen = Signal(str)
    language_changed = Signal(str)


class Settings:
    """Typed access to QSettings (per user, per machine)."""

    def __init__(self, qs: QSettings | None = None) -> None:
        self.qs = qs or QSettings("PropDesk", "PropDesk")

    def _str(self, key: str, default: str = "") -> str:
        v = self.qs.value(key, default)
        return default if v is None else str(v)

    @property
    def language(self) -> str:
        return self._str("ui/language", "zh")

    @language.setter
    def language(self, value: str) -> None:
        self.qs.setValue("ui/language", value)

    @property
    def last_username(self) -> str:
        return self._str("login/last_username")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self.qs.setValue("login/last_username", value)

    def geometry(self, key: str) -> QByteArray | None:
        v = self.qs.value(f"geometry/{key}")
        return v if isinstance(v, QByteArray) else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self.qs.setValue(f"geometry/{key}", value)

    def sync(self) -> None:
        self.qs.sync()


@dataclass
class AppContext:
    db: Database
    tasks: TaskRunner
    settings: Settings
    signals: AppSignals = field(default_factory=AppSignals)
    actor: Actor | None = None

    @property
    def terminal(self) -> str:
        return self.db.terminal

    @property
    def language(self) -> str:
        from ui.i18n import current_language

        return current_language()

    def can(self, permission: str) -> bool:
        return self.actor is not None and self.actor.can(permission)

    def open_node(self, kind: str, node_id: uuid.UUID) -> None:
        self.signals.open_node.emit(kind, node_id)

    def open_screen(self, key: str) -> None:
        self.signals.open_screen.emit(key)

    @property
    def db_label(self) -> str:
        """The database for the status bar, without any password in the URL."""
        url = self.db.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)
