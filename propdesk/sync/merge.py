"""Field-by-field merge of master data: pure functions, no database.

Every field of a central row carries a :class:`Version`: the HLC and terminal
of the change that last set it, and the feed ``seq`` at which the centre
published it.  A change also carries ``base``: the feed position its terminal
had pulled when the change was made, i.e. what it had seen.

For each column the change touches:

* the change is **causally later** when the current value was already
  visible to it (``version.seq <= base``) or came from the same terminal:
  it wins, nothing to report;
* otherwise the two writes are **concurrent**: the greater (HLC, terminal
  code) wins -- a deterministic rule every terminal would agree on -- and, if
  the values differ, the losing value is reported as :class:`Lost` so a 主管
  can review it;
* when a review rule (:mod:`propdesk.sync.rules`) covers the column, a
  concurrent different value does not win silently: the current value stays
  and the incoming one is reported with kind ``review``.

``created_at``/``updated_at``/``terminal`` merge the same way but are never
reported (they differ on every edit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from propdesk.sync.tables import META_COLUMNS

LWW, REVIEW = "lww", "review"


@dataclass(frozen=True, order=True)
class Version:
    hlc: int
    terminal: str
    seq: int

    @property
    def rank(self) -> tuple[int, str]:
        return (self.hlc, self.terminal)

    def to_json(self) -> list:
        return [self.hlc, self.terminal, self.seq]

    @classmethod
    def from_json(cls, v: Sequence) -> "Version":
        return cls(int(v[0]), str(v[1]), int(v[2]))


NEVER = Version(0, "", 0)
ALL = "*"   # the version of every column without one of its own (a row inserted whole)


@dataclass(frozen=True)
class Change:
    """One captured change as it arrives at the centre (values in wire form)."""

    change_id: str
    table: str
    row_id: str
    op: str                      # I (insert) or U (update)
    cols: tuple[str, ...] | None  # changed columns of an update; None = all
    values: dict[str, Any]       # the whole row after the change
    hlc: int
    terminal: str
    base: int
    seq: int = 0                 # the terminal's outbox seq (for acknowledgement)


@dataclass(frozen=True)
class Lost:
    column: str
    kind: str          # LWW or REVIEW
    kept: Any
    lost: Any
    kept_version: Version
    lost_version: Version


@dataclass
class MergeResult:
    row: dict[str, Any]
    versions: dict[str, Version]
    changed: set[str] = field(default_factory=set)
    lost: list[Lost] = field(default_factory=list)
    inserted: bool = False

    def version(self, column: str) -> Version:
        return self.versions.get(column) or self.versions.get(ALL, NEVER)

    @property
    def max_hlc(self) -> int:
        return max((v.hlc for v in self.versions.values()), default=0)


def versions_from_json(data: dict[str, Sequence]) -> dict[str, Version]:
    return {k: Version.from_json(v) for k, v in data.items()}


def versions_to_json(versions: dict[str, Version]) -> dict[str, list]:
    """Compact: columns whose version equals the row's ``*`` version are left out."""
    base = versions.get(ALL)
    out = {ALL: base.to_json()} if base else {}
    out.update({k: v.to_json() for k, v in sorted(versions.items()) if k != ALL and v != base})
    return out


def merge(current: dict[str, Any] | None, versions: dict[str, Version], change: Change,
          columns: Iterable[str], seq: int,
          review: Callable[[str], bool] = lambda column: False) -> MergeResult:
    """Merge ``change`` into the ``current`` row (None: the row does not exist yet).

    ``columns`` are the table's columns, ``seq`` the feed position this change
    will be published at, ``review(column)`` whether a review rule holds the
    column back.  Returns the merged row and versions; neither input is changed.
    """
    columns = [c for c in columns if c != "id"]
    mine = Version(change.hlc, change.terminal, seq)
    if current is None:
        row = {"id": change.row_id, **{c: change.values.get(c) for c in columns}}
        return MergeResult(row, {ALL: mine}, set(columns), [], inserted=True)

    row = dict(current)
    new_versions = dict(versions)
    result = MergeResult(row, new_versions)
    touched = columns if (change.op == "I" or change.cols is None) else \
        [c for c in change.cols if c in row and c != "id"]
    for col in touched:
        incoming, present = change.values.get(col), row.get(col)
        v = versions.get(col) or versions.get(ALL, NEVER)
        concurrent = v.seq > change.base and v.terminal != change.terminal
        if concurrent:
            wins = mine.rank > v.rank
            if incoming != present and col not in META_COLUMNS:
                if review(col):
                    result.lost.append(Lost(col, REVIEW, present, incoming, v, mine))
                    continue
                if wins:
                    result.lost.append(Lost(col, LWW, incoming, present, mine, v))
                else:
                    result.lost.append(Lost(col, LWW, present, incoming, v, mine))
        else:
            wins = True
        if wins:
            new_versions[col] = mine
            if incoming != present:
                row[col] = incoming
                result.changed.add(col)
    return result
