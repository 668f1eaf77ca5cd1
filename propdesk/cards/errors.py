"""Errors of the gate-card area.  All are :class:`propdesk.errors.PropDeskError`, so the
UI and the CLI show their Chinese (or English) text as they are."""

from __future__ import annotations

from propdesk.errors import Conflict, PropDeskError


class SecretsError(PropDeskError):
    """The site secrets are missing, unreadable, or a key store is unavailable."""

    exit_code = 7


class SecretsMissing(SecretsError):
    pass


class SecretsExist(Conflict):
    pass


class BadPassphrase(SecretsError):
    pass


class CardIOError(PropDeskError):
    """A card operation failed at the reader.  ``step`` says how far it got, and the
    message says what state the card is in and what to do next."""

    exit_code = 8

    def __init__(self, zh: str, en: str = "", *, step: str = "", cause: BaseException | None = None) -> None:
        super().__init__(zh, en)
        self.step = step
        self.cause = cause


class CardRejected(PropDeskError):
    """The card on the reader is not one this operation may use (already issued,
    another card than the record's, foreign keys …)."""

    exit_code = 9
