"""Import master data from a sales-system workbook (销售系统导出): all or nothing.

The UI and the CLI call these functions::

    problems = validate_workbook(session, actor, path)        # 预检: nothing written
    report = preview_workbook(session, actor, path)           # 预检 with notes and counts
    report = import_workbook(session, actor, path)            # raises ValidationFailed

Sheets 小区, 楼栋, 房间 and 业主 are read (any of them may be absent), checked
cell by cell and against the database, and only when no problem is found
inserted with bulk Core inserts in the caller's transaction, with one audit
record per sheet.  In a database with no company yet, a company and a region
are created for the new estates (names from ``company_name``/``region_name``,
or 物业服务公司/默认区域, renamable later).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from propdesk.clock import today as local_today
from propdesk.clock import utcnow
from propdesk.errors import Conflict, ValidationFailed
from propdesk.excel.columns import BUILDINGS, ESTATES, OWNERS, ROOMS
from propdesk.excel.plan import Plan
from propdesk.excel.problems import Findings, SheetProblem
from propdesk.excel.reader import read_workbook
from propdesk.models import Company, Customer, Region
from propdesk.security import MASTER_IMPORT, Actor, require
from propdesk.services import audit
from propdesk.services.customers import name_initials

CHUNK = 5000
_NOUNS = {"company": ("公司", "个"), "region": ("区域", "个"), "estate": ("小区", "个"),
          "building": ("楼栋", "栋"), "unit": ("单元", "个"), "room": ("房间", "间"),
          "customer": ("客户", "位"), "occupancy": ("入住记录", "条")}


@dataclass(frozen=True)
class SheetSummary:
    sheet: str                      # the sheet's title in the file
    rows: int                       # data rows read
    created: dict[str, int]         # table -> rows created (or to create)
    existing: dict[str, int]        # table -> rows found in the database and reused

    def text(self) -> str:
        parts = [f"{n}{_NOUNS[k][1]}{_NOUNS[k][0]}" for k, n in self.created.items() if n]
        reused = [f"{n}{_NOUNS[k][1]}{_NOUNS[k][0]}" for k, n in self.existing.items() if n]
        line = f"{self.sheet}: {self.rows}行，新建 " + ("、".join(parts) or "无")
        return line + (f"；沿用系统中已有 {'、'.join(reused)}" if reused else "")


@dataclass(frozen=True)
class ImportReport:
    """What an import did (``written``) or would do (a preview)."""

    file: str
    written: bool
    problems: list[SheetProblem]    # empty when the file can be imported
    notes: list[SheetProblem]       # ignored columns, reused records, defaults applied
    sheets: list[SheetSummary]
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows created

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"ok": self.ok, "written": self.written, "file": self.file, "counts": self.counts,
                "sheets": [{"sheet": s.sheet, "rows": s.rows, "created": s.created, "existing": s.existing}
                           for s in self.sheets],
                "notes": [n.to_dict() for n in self.notes],
                "problems": [p.to_dict() for p in self.problems]}


def _check(session: Session, actor: Actor, path: str | Path, *, company_name: str = "",
           region_name: str = "", today: dt.date | None = None) -> tuple[Plan | None, Findings]:
    require(actor, MASTER_IMPORT)
    findings = Findings()
    for label, value in (("公司名称", company_name), ("区域名称", region_name)):
        if len(value.strip()) > 128:   # Company.name / Region.name
            findings.error("", None, label, f"{label}过长（{len(value.strip())}字），最多128字",
                           f"{label} is too long (128 characters at most)")
    sheets = read_workbook(path, findings)
    if findings.errors:  # the layout is wrong: row checks would only add noise
        return None, findings
    if not any(data.rows for data in sheets.values()):
        findings.error(Path(path).name, None, "", "文件中没有任何数据行（表头下面是空的），没有可导入的内容",
                       "the workbook has headers but no data rows")
        return None, findings
    plan = Plan(session, findings, today=today or local_today(), company_name=company_name,
                region_name=region_name)
    # Order matters: each sheet may refer to the ones before it.
    if ESTATES.key in sheets:
        plan.estates(sheets[ESTATES.key])
    if BUILDINGS.key in sheets:
        plan.buildings(sheets[BUILDINGS.key])
    if ROOMS.key in sheets:
        plan.rooms_sheet(sheets[ROOMS.key])
    if OWNERS.key in sheets:
        plan.owners(sheets[OWNERS.key])
    return plan, findings


def _report(path: str | Path, plan: Plan | None, findings: Findings, written: bool) -> ImportReport:
    sheets: list[SheetSummary] = []
    counts: dict[str, int] = {}
    if plan is not None:
        sheets = [SheetSummary(t.sheet, t.rows, dict(t.created), dict(t.existing))
                  for t in plan.tallies.values()]
        counts = {m.__tablename__: len(rows) for m, rows in plan.new.items()}
    return ImportReport(Path(path).name, written, findings.sorted_errors(), findings.sorted_notes(),
                        sheets, counts)


def validate_workbook(session: Session, actor: Actor, path: str | Path, **options) -> list[SheetProblem]:
    """Every problem of the workbook (empty: it can be imported).  Writes nothing."""
    _, findings = _check(session, actor, path, **options)
    return findings.sorted_errors()


def preview_workbook(session: Session, actor: Actor, path: str | Path, **options) -> ImportReport:
    """Problems, notes and what would be created, for the UI's 预检 step.  Writes nothing."""
    plan, findings = _check(session, actor, path, **options)
    return _report(path, plan, findings, written=False)


def import_workbook(session: Session, actor: Actor, path: str | Path, *, company_name: str = "",
                    region_name: str = "", today: dt.date | None = None) -> ImportReport:
    """Check and import ``path`` in the caller's transaction.

    Raises :class:`ValidationFailed` (its ``problems`` are :class:`SheetProblem`)
    without writing anything when any row or cell is wrong.
    """
    plan, findings = _check(session, actor, path, company_name=company_name,
                            region_name=region_name, today=today)
    if plan is None or findings.errors:
        errors = findings.sorted_errors()
        raise ValidationFailed(errors, f"{Path(path).name} 有 {len(errors)} 处错误，未导入任何数据，请修改后重新导入",
                               f"{Path(path).name}: {len(errors)} error(s); nothing was imported")
    _insert(session, plan)
    report = _report(path, plan, findings, written=True)
    _audit(session, actor, plan, report)
    return report


def _insert(session: Session, plan: Plan) -> None:
    """Core inserts against the tables (no ORM bookkeeping), in foreign-key order.

    The rows are complete (see Plan), so this is property.insert_rooms' job for every
    table at once, minus the ORM's bulk-insert layer, which costs more than SQLite does.
    """
    for row in plan.new[Customer]:  # pinyin is the slow part of a check, so only when writing
        row["name_initials"] = name_initials(row["name"])
    now = utcnow()
    stamp = dict(created_at=now, updated_at=now, terminal=session.info.get("terminal", ""), deleted_at=None)
    try:
        for model in Plan.ORDER:
            rows = plan.new[model]
            for i in range(0, len(rows), CHUNK):
                session.execute(insert(model.__table__), [stamp | r for r in rows[i:i + CHUNK]])
    except IntegrityError as exc:
        # Checked a moment ago, so another terminal wrote the same data meanwhile.
        raise Conflict("导入时发现重复数据（可能其他终端刚刚录入了相同的小区、楼栋或房间），未导入任何数据，请重新导入",
                       f"duplicate data appeared during the import; nothing was imported ({exc.orig})") from exc


_SHEET_ENTITY = {ESTATES.key: "estate", BUILDINGS.key: "building", ROOMS.key: "room", OWNERS.key: "customer"}


def _audit(session: Session, actor: Actor, plan: Plan, report: ImportReport) -> None:
    """One record per imported sheet with its counts, plus one for an auto-created company/region."""
    for summary, (key, tally) in zip(report.sheets, plan.tallies.items()):
        audit.record(session, actor, "import", _SHEET_ENTITY[key], "",
                     after={"file": report.file, "sheet": tally.sheet, "rows": tally.rows,
                            "created": tally.created, "existing": tally.existing},
                     summary=f"Excel导入 {report.file} {summary.text()}")
    made = [f"公司「{c['name']}」" for c in plan.new[Company]] + [f"区域「{r['name']}」" for r in plan.new[Region]]
    if made:
        audit.record(session, actor, "import", "region", plan.new[Region][0]["id"],
                     after={"file": report.file, "company": [c["name"] for c in plan.new[Company]],
                            "region": [r["name"] for r in plan.new[Region]]},
                     summary=f"Excel导入 {report.file}：为新小区建立 " + "、".join(made))
