"""Column types that keep Decimal in code and integers in the database.

SQLite has no exact decimal type (NUMERIC values are stored as REAL), so every
Decimal quantity is stored as a scaled integer: money as integer fen
(``Money``), areas as hundredths of a square metre (``Scaled(2)``), unit prices
as ten-thousandths of a yuan (``Scaled(4)``).  The same integers go to
PostgreSQL, so the two stores hold identical values.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

from propdesk.money import MoneyError, to_decimal


class Scaled(TypeDecorator):
    """A Decimal with a fixed number of places, stored as an integer."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places
        self._factor = 10**places
        self._quantum = Decimal(1).scaleb(-places)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        d = to_decimal(value)
        q = d.quantize(self._quantum)
        if q != d:
            raise MoneyError(
                f"数值 {d} 超过 {self.places} 位小数 (value has more than {self.places} decimals)"
            )
        return int(q * self._factor)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(self._quantum)

    def copy(self, **kw):
        return Scaled(self.places)


class Money(Scaled):
    """Money: Decimal yuan in code, integer fen in the database."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(2)

    def copy(self, **kw):
        return Money()
