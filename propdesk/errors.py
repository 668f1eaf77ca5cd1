"""Errors raised by services.  Each carries a Chinese and an English message.

Messages say what happened and where (sheet/row/column, room code, port), and
what to do, so the UI and the CLI can show them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass


class PropDeskError(Exception):
    """Base of every error a user may see."""

    exit_code = 1

    def __init__(self, zh: str, en: str = "") -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh

    def text(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})" if self.en != self.zh else self.zh


class PermissionDenied(PropDeskError):
    exit_code = 3


class NotFound(PropDeskError):
    exit_code = 4


class Conflict(PropDeskError):
    """The change clashes with existing data (duplicate code, second owner …)."""

    exit_code = 5


class AuthFailed(PropDeskError):
    exit_code = 6


@dataclass(frozen=True)
class Problem:
    """One validation finding, located as precisely as the input allows."""

    where: str  # e.g. "房间 第12行 建筑面积" or "field building_area"
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.where}: {self.zh} ({self.en})"


class ValidationFailed(PropDeskError):
    exit_code = 2

    def __init__(self, problems: list[Problem], zh: str = "", en: str = "") -> None:
        self.problems = list(problems)
        n = len(self.problems)
        super().__init__(
            zh or f"数据校验失败，共 {n} 处错误，未写入任何数据",
            en or f"validation failed with {n} error(s); nothing was written",
        )

    def __str__(self) -> str:
        head = super().__str__()
        return head + "".join("\n  " + str(p) for p in self.problems)
