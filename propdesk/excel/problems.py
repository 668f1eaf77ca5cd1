"""Findings of an import check, located by sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from propdesk.errors import Problem


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A :class:`Problem` that knows its sheet, Excel row number and column header.

    ``row`` is the row number Excel shows (1-based); ``None`` for a problem
    with the file or a whole sheet.  ``where`` reads "房间 第12行 建筑面积".
    """

    sheet: str = ""
    row: int | None = None
    column: str = ""

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "where": self.where, "error": self.zh, "error_en": self.en}

    def line(self, lang: str = "zh") -> str:
        """One line for a terminal: ``房间 第12行 建筑面积: 面积不能为负数 (…)``."""
        msg = self.en if lang.startswith("en") else f"{self.zh} ({self.en})"
        return f"{self.where}: {msg}"


def located(sheet: str, row: int | None, column: str, zh: str, en: str) -> SheetProblem:
    where = " ".join(p for p in (sheet, f"第{row}行" if row else "", column) if p) or "文件"
    return SheetProblem(where, zh, en, sheet, row, column)


@dataclass
class Findings:
    """Errors (which block the import) and notes (which do not), kept in file order."""

    errors: list[SheetProblem] = field(default_factory=list)
    notes: list[SheetProblem] = field(default_factory=list)
    _rank: dict[str, int] = field(default_factory=dict)
    _col_rank: dict[tuple[str, str], int] = field(default_factory=dict)

    def rank_sheet(self, sheet: str, columns: list[str]) -> None:
        self._rank.setdefault(sheet, len(self._rank) + 1)
        for i, c in enumerate(columns):
            self._col_rank.setdefault((sheet, c), i)

    def error(self, sheet: str, row: int | None, column: str, zh: str, en: str) -> None:
        self.errors.append(located(sheet, row, column, zh, en))

    def note(self, sheet: str, row: int | None, column: str, zh: str, en: str) -> None:
        self.notes.append(located(sheet, row, column, zh, en))

    def _key(self, p: SheetProblem):
        return (self._rank.get(p.sheet, 0), p.row or 0, self._col_rank.get((p.sheet, p.column), 999))

    def sorted_errors(self) -> list[SheetProblem]:
        return sorted(self.errors, key=self._key)  # stable: same cell keeps discovery order

    def sorted_notes(self) -> list[SheetProblem]:
        return sorted(self.notes, key=self._key)
