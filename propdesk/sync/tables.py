"""Which tables synchronise, discovered from the ORM (never a hand-kept list).

A mapped class that mixes in :class:`~propdesk.models.base.Synced` is master
data (merged field by field); one that mixes in
:class:`~propdesk.models.base.AppendOnly` is a document (inserted once,
never changed).  Any table another engineer adds with one of the mixins is
picked up here as soon as its model module is imported by
:mod:`propdesk.models`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import Table

ROW = "row"   # Synced master data
DOC = "doc"   # AppendOnly document

# Columns every synced row has that say *who/when*, not *what*: merged like
# the others but never reported as conflicts (they differ on every edit).
META_COLUMNS = frozenset({"created_at", "updated_at", "terminal"})


@dataclass(frozen=True)
class SyncTable:
    name: str
    kind: str            # ROW or DOC
    table: Table
    model: type

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns)


@functools.lru_cache(maxsize=1)
def _registry() -> dict[str, SyncTable]:
    import propdesk.models  # noqa: F401  registers every model
    from propdesk.models.base import AppendOnly, Base, Synced

    found: dict[str, SyncTable] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        table = mapper.local_table
        if not isinstance(table, Table):
            continue
        if issubclass(cls, Synced):
            kind = ROW
        elif issubclass(cls, AppendOnly):
            kind = DOC
        else:
            continue
        found[table.name] = SyncTable(table.name, kind, table, cls)
    return dict(sorted(found.items()))


def sync_tables() -> dict[str, SyncTable]:
    """Every synchronised table by name."""
    return _registry()


def get(name: str) -> SyncTable | None:
    return _registry().get(name)


def is_doc(name: str) -> bool:
    t = _registry().get(name)
    return t is not None and t.kind == DOC


def reset_cache() -> None:
    """Forget the discovered tables (tests that register models late)."""
    _registry.cache_clear()
