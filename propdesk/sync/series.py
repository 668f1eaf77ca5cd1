"""Document-number series that stay unique without coordination.

Each terminal numbers its documents in series of its own, named after its
terminal code (``T01-2026`` gives receipts ``T01-2026-000123``), so two
terminals can never issue the same number.  Within a terminal a number is
issued once: the counter lives in ``number_series`` and is advanced in the
caller's transaction (the UPDATE takes SQLite's write lock, so two windows or
processes on one terminal cannot take the same number).

Restores: every sync sends the last number of each series to the centre,
which keeps the highest it has seen, and brings back the centre's figure as
the series' ``floor``.  ``next_number`` never issues at or below the floor, so
a terminal restored from an old backup continues above every number the
centre has seen from it.  (Numbers issued after the last sync and lost with
the disk cannot be known to anyone; the cashier's unique constraint on the
receipt number makes the centre raise an alarm if one ever comes back.)

API for other areas (the cashier's receipts, the card office's documents)::

    from propdesk.sync import series
    s = series.receipt_series(session, year=2026)     # "T01-2026"
    n = series.next_number(session, s)                 # 124
    text = series.format_number(s, n)                  # "T01-2026-000124"

The cashier's switch-over in ``propdesk.services.cashier.numbering.next_sequence``
(head is the number prefix, e.g. ``"T01-2026-"``)::

    return next_number(session, head, above=_largest(session, _SERIES_COLUMNS[kind], head))
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from propdesk.errors import PropDeskError

_NAME = re.compile(r"^[A-Za-z0-9_]+(-[A-Za-z0-9_]+)+$")


def _terminal(session: Session) -> str:
    return session.info.get("terminal") or "T01"


def receipt_series(session: Session, year: int, kind: str = "") -> str:
    """The series of this terminal for ``year``: ``T01-2026`` (or ``T01-SJ-2026`` with a kind)."""
    return "-".join(p for p in (_terminal(session), kind, str(year)) if p)


def format_number(series: str, number: int, width: int = 6) -> str:
    return f"{series}-{number:0{width}d}"


def _check(session: Session, series: str) -> str:
    name = series.strip().strip("-")
    terminal = _terminal(session)
    if not _NAME.match(name) or terminal not in name.split("-"):
        raise PropDeskError(
            f"编号序列 {series!r} 不属于本终端 {terminal}（序列名须含终端编号，如 {terminal}-2026）",
            f"number series {series!r} does not belong to terminal {terminal} "
            f"(its name must contain the terminal code, e.g. {terminal}-2026)")
    return name


def next_number(session: Session, series: str, *, above: int = 0) -> int:
    """Issue the next number of ``series`` (in the caller's transaction).

    The series must belong to this terminal (contain its code as one of its
    dash-separated parts: ``T01-2026``, ``TK-T01-2026``; a trailing dash is
    ignored, so a number prefix such as ``"T01-2026-"`` works as the name).
    The number is greater than every number issued here, than the centre's
    high-water mark for the series, and than ``above`` (pass the largest
    number already stored in the documents table when switching an existing
    numbering over to this guard).
    """
    name = _check(session, series)
    session.execute(text("INSERT INTO number_series (series, last_value, floor) "
                         "VALUES (:s, 0, 0) ON CONFLICT (series) DO NOTHING"), {"s": name})
    return int(session.execute(text(
        f"UPDATE number_series SET last_value = {_greatest(session)}(last_value, floor, :above) + 1 "
        "WHERE series = :s RETURNING last_value"), {"s": name, "above": int(above)}).scalar_one())


def _greatest(bind_or_session) -> str:
    """The SQL name of the scalar maximum: SQLite's max(a, b, …), PostgreSQL's GREATEST."""
    bind = getattr(bind_or_session, "get_bind", None)
    dialect = (bind() if bind else bind_or_session).dialect.name
    return "max" if dialect == "sqlite" else "greatest"


def last_number(session: Session, series: str) -> int:
    """The highest number this terminal knows to be taken in ``series`` (0: none)."""
    row = session.execute(text(f"SELECT {_greatest(session)}(last_value, floor) FROM number_series "
                               "WHERE series = :s"), {"s": _check(session, series)}).first()
    return int(row[0]) if row else 0


def local_highs(conn) -> dict[str, int]:
    rows = conn.execute(text("SELECT series, last_value FROM number_series WHERE last_value > 0"))
    return {s: int(v) for s, v in rows}


def raise_floors(conn, highs: dict[str, int]) -> None:
    """Raise each series' floor to the centre's high-water mark (never lowers anything)."""
    for name, value in highs.items():
        conn.execute(text(
            "INSERT INTO number_series (series, last_value, floor) VALUES (:s, 0, :v) "
            f"ON CONFLICT (series) DO UPDATE SET floor = {_greatest(conn)}(number_series.floor, excluded.floor)"),
            {"s": name, "v": int(value)})
