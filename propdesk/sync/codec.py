"""The wire form of column values: how a row travels between the databases.

The wire form is SQLite's storage form, so the terminal side needs almost no
conversion (triggers write it, pulls apply it) and the JSON of one row is
byte-for-byte the same wherever it was produced:

=========  =======================================  ==========================
type       wire value (JSON)                        note
=========  =======================================  ==========================
Uuid       ``"0192f0c3e1a87c3e9d2b4f6a8c0e1f22"``   32 lower-case hex digits
DateTime   ``"2026-11-23 17:05:10.023019"``         naive UTC, always 6 digits
Date       ``"2026-11-23"``
Boolean    ``true`` / ``false``                     SQLite stores 0/1
Integer    ``12345``                                money: integer fen; Scaled
                                                    quantities: scaled integer
String     ``"..."``
binary     ``"0a1b..."``                            hex
Numeric    ``"12.50"``                              (not used by PropDesk)
=========  =======================================  ==========================

No float ever appears: money and quantities are integers on the wire.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import uuid
from decimal import Decimal
from typing import Any, Callable, Sequence

from sqlalchemy import Column, Table
from sqlalchemy import types as T
from sqlalchemy.types import TypeDecorator

UUID, DATETIME, DATE, BOOL, INT, STR, BYTES, NUMERIC, OTHER = (
    "uuid", "datetime", "date", "bool", "int", "str", "bytes", "numeric", "other")

_DT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def base_type(t: T.TypeEngine) -> T.TypeEngine:
    while isinstance(t, TypeDecorator):
        t = t.impl_instance if hasattr(t, "impl_instance") else t.impl
    return t


def kind_of(t: T.TypeEngine) -> str:
    b = base_type(t)
    if isinstance(b, T.Uuid):
        return UUID
    if isinstance(b, T.DateTime):
        return DATETIME
    if isinstance(b, T.Date):
        return DATE
    if isinstance(b, T.Boolean):
        return BOOL
    if isinstance(b, T.Integer):
        return INT
    if isinstance(b, (T.String, T.Text)):
        return STR
    if isinstance(b, T._Binary):
        return BYTES
    if isinstance(b, T.Numeric) and not isinstance(b, T.Float):
        return NUMERIC
    return OTHER


# --- SQLite storage <-> wire -------------------------------------------------------

def _raw_uuid(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, uuid.UUID):
        return v.hex
    return v if len(v) == 32 else uuid.UUID(v).hex


def _raw_datetime(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.strftime(_DT_FORMAT)
    if len(v) == 26 and v[10] == " ":
        return v
    return dt.datetime.fromisoformat(v).strftime(_DT_FORMAT)


def _raw_bool(v: Any) -> Any:
    return None if v is None else bool(v)


def _identity(v: Any) -> Any:
    return v


_FROM_SQLITE: dict[str, Callable[[Any], Any]] = {
    UUID: _raw_uuid, DATETIME: _raw_datetime, BOOL: _raw_bool,
}


def _bytes_to_sqlite(v):
    return None if v is None else bytes.fromhex(v)


def _bool_to_sqlite(v):
    return None if v is None else int(bool(v))


_TO_SQLITE: dict[str, Callable[[Any], Any]] = {BYTES: _bytes_to_sqlite, BOOL: _bool_to_sqlite}


# --- PostgreSQL (Python driver values) <-> wire ----------------------------------------

def _pg_uuid_in(v):
    return None if v is None else uuid.UUID(hex=v)


def _pg_dt_in(v):
    return None if v is None else dt.datetime.fromisoformat(v)


def _pg_date_in(v):
    return None if v is None else dt.date.fromisoformat(v)


def _pg_numeric_in(v):
    return None if v is None else Decimal(v)


_TO_PG: dict[str, Callable[[Any], Any]] = {
    UUID: _pg_uuid_in, DATETIME: _pg_dt_in, DATE: _pg_date_in, BYTES: _bytes_to_sqlite,
    NUMERIC: _pg_numeric_in,
}


def _pg_uuid_out(v):
    return None if v is None else (v.hex if isinstance(v, uuid.UUID) else _raw_uuid(v))


def _pg_dt_out(v):
    return None if v is None else v.strftime(_DT_FORMAT)


def _pg_date_out(v):
    return None if v is None else v.isoformat()


def _pg_bytes_out(v):
    return None if v is None else bytes(v).hex()


def _pg_numeric_out(v):
    return None if v is None else str(v)


_FROM_PG: dict[str, Callable[[Any], Any]] = {
    UUID: _pg_uuid_out, DATETIME: _pg_dt_out, DATE: _pg_date_out, BYTES: _pg_bytes_out,
    NUMERIC: _pg_numeric_out, BOOL: _raw_bool,
}


class TableCodec:
    """Column-wise converters for one table, built once and reused per row."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.columns: tuple[str, ...] = tuple(c.name for c in table.columns)
        self.kinds: dict[str, str] = {c.name: kind_of(c.type) for c in table.columns}
        self._sqlite_fixes = [(n, _FROM_SQLITE[k]) for n, k in self.kinds.items()
                              if k in _FROM_SQLITE]
        self._to_sqlite = {n: _TO_SQLITE.get(k, _identity) for n, k in self.kinds.items()}
        self._to_sqlite_set = {n for n, k in self.kinds.items() if k in _TO_SQLITE}
        self._to_pg = {n: _TO_PG.get(k, _identity) for n, k in self.kinds.items()}
        self._from_pg = {n: _FROM_PG.get(k, _identity) for n, k in self.kinds.items()}
        self._has_bytes = BYTES in self.kinds.values()

    # terminal side
    def wire_from_sqlite(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Normalise a row in SQLite storage form (in place; returns it)."""
        for k, f in self._sqlite_fixes:
            v = raw.get(k)
            if v is not None:
                raw[k] = f(v)
        return raw

    def sqlite_row(self, cols: Sequence[str]) -> Callable[[dict], tuple]:
        """A fast ``payload -> parameter tuple`` for these columns (SQLite storage form)."""
        fixes = [(i, self._to_sqlite[c]) for i, c in enumerate(cols) if c in self._to_sqlite_set]
        pick = operator.itemgetter(*cols) if len(cols) > 1 else (lambda d: (d[cols[0]],))

        def row(payload: dict) -> tuple:
            try:
                values = pick(payload)
            except KeyError:   # a payload without some (null) members
                values = tuple(payload.get(c) for c in cols)
            if not fixes:
                return values
            values = list(values)
            for i, f in fixes:
                values[i] = f(values[i])
            return tuple(values)

        return row

    def sqlite_from_wire(self, name: str, value: Any) -> Any:
        f = self._to_sqlite.get(name)
        return f(value) if f else value

    # central side
    def pg_from_wire(self, name: str, value: Any) -> Any:
        f = self._to_pg.get(name)
        return f(value) if f else value

    def wire_from_pg(self, name: str, value: Any) -> Any:
        f = self._from_pg.get(name)
        return f(value) if f else value

    def copy_row(self, cols: Sequence[str], values: dict[str, Any]) -> tuple:
        """A row for PostgreSQL ``COPY``: wire values are valid text input for their
        column types (uuid as hex, timestamps, dates, integers); only binary needs bytes."""
        if self._has_bytes:
            return tuple(_bytes_to_sqlite(values.get(c)) if self.kinds[c] == BYTES
                         else values.get(c) for c in cols)
        return tuple(values.get(c) for c in cols)

    # application code (model-level Python values, e.g. Decimal yuan)
    def python_from_wire(self, name: str, value: Any) -> Any:
        col: Column = self.table.columns[name]
        v = self.pg_from_wire(name, value)
        if v is not None and isinstance(col.type, TypeDecorator):
            v = col.type.process_result_value(v, None)
        if v is not None and self.kinds[name] == UUID and not isinstance(v, uuid.UUID):
            v = uuid.UUID(str(v))
        return v

    def wire_from_python(self, name: str, value: Any) -> Any:
        col: Column = self.table.columns[name]
        v = value
        if v is not None and isinstance(col.type, TypeDecorator):
            v = col.type.process_bind_param(v, None)
        return self.wire_from_pg(name, v)


_codecs: dict[str, TableCodec] = {}


def codec(table: Table) -> TableCodec:
    c = _codecs.get(table.name)
    if c is None or c.table is not table:
        c = _codecs[table.name] = TableCodec(table)
    return c


def dumps(obj: Any) -> str:
    """Canonical JSON: same value, same text (documents are compared by it)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text)


def wire_text(value: Any) -> str:
    """A wire value as shown to a person (conflict screen, alarms)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
