"""Which schema the terminal and the centre run, and what they may exchange.

Both databases are built by the same alembic migrations, so "newer" means
"has revisions the other does not know".  A terminal whose program is older
than the central schema may not pull (it would not understand new columns)
nor push master data (it would merge without them), but it still pushes its
money documents, which are only ever inserted.  A centre older than the
terminal must be upgraded first; nothing is exchanged until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Compat:
    can_pull: bool
    can_push_rows: bool
    can_push_docs: bool
    zh: str = ""
    en: str = ""


def _script():
    from alembic.script import ScriptDirectory

    from propdesk.db import alembic_config

    return ScriptDirectory.from_config(alembic_config())


def known(revision: str) -> bool:
    try:
        return _script().get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for unknown ids
        return False


def ancestry(revisions: Iterable[str]) -> set[str]:
    """Every revision applied in a database whose alembic_version holds ``revisions``."""
    script = _script()
    out: set[str] = set()
    todo = list(revisions)
    while todo:
        rev = script.get_revision(todo.pop())
        if rev is None or rev.revision in out:
            continue
        out.add(rev.revision)
        todo.extend(rev._normalized_down_revisions)
        todo.extend(rev._resolved_dependencies)
    return out


def compare(local: Iterable[str], central: Iterable[str], app_version: str = "") -> Compat:
    local, central = sorted(local), sorted(central)
    unknown = [r for r in central if not known(r)]
    if unknown:
        return Compat(
            False, False, True,
            f"本机程序版本较旧：中心数据库结构为 {', '.join(central)}，本机不认识 "
            f"{', '.join(unknown)}。请升级 PropDesk 后再接收数据；收费单据仍会照常上传。",
            f"this PropDesk is older than the central database (schema {', '.join(central)}; "
            f"unknown here: {', '.join(unknown)}). Upgrade PropDesk to receive data; money "
            "documents are still uploaded.")
    if not central:
        return Compat(False, False, False,
                      "中心数据库尚未建立结构，请先运行 propdesk db upgrade --db <中心数据库>",
                      "the central database has no schema; run propdesk db upgrade on it first")
    have = ancestry(central)
    missing = [r for r in local if r not in have]
    if missing:
        return Compat(
            False, False, False,
            f"中心数据库结构较旧（缺少 {', '.join(missing)}），请先升级中心数据库："
            "propdesk db upgrade --db <中心数据库>",
            f"the central database is older than this terminal (missing {', '.join(missing)}); "
            "upgrade it first: propdesk db upgrade --db <central URL>")
    return Compat(True, True, True)
