"""Receipt layouts (收费单打印格式) as data, and this terminal's printer settings.

Layouts are synced rows, the same for the whole office; one layout of each
kind is the default.  What this terminal prints and where it keeps PDF stubs
are local settings; the printer is the terminal's device (终端设备).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models import LocalSetting
from propdesk.models.cashier import LAYOUT_KINDS, ReceiptLayout
from propdesk.receipts import layout as L
from propdesk.security import DEVICE_CONFIG, PAY_COLLECT, PAY_SUPERVISE, Actor, require
from propdesk.services import audit


def list_layouts(session: Session, actor: Actor, kind: str | None = None) -> list[ReceiptLayout]:
    require(actor, PAY_COLLECT)
    stmt = select(ReceiptLayout).where(ReceiptLayout.deleted_at.is_(None)).order_by(ReceiptLayout.name)
    if kind:
        stmt = stmt.where(ReceiptLayout.kind == kind)
    return list(session.scalars(stmt))


def layout_for(session: Session, kind: str, name: str = "") -> L.Layout:
    """The named layout, else the office's default of ``kind``, else the built-in one."""
    stmt = select(ReceiptLayout).where(ReceiptLayout.kind == kind, ReceiptLayout.deleted_at.is_(None))
    row = None
    if name:
        row = session.scalar(stmt.where(ReceiptLayout.name == name))
        if row is None:
            raise NotFound(f"找不到收费单打印格式 {name}", f"no receipt layout {name}")
    row = row or session.scalar(stmt.where(ReceiptLayout.is_default.is_(True)).limit(1))
    return L.parse(kind, row.spec) if row else L.default(kind)


def save_layout(session: Session, actor: Actor, *, name: str, kind: str, spec: "str | dict",
                is_default: bool = False) -> ReceiptLayout:
    """Create or change a layout; the spec is validated before anything is written."""
    require(actor, PAY_SUPERVISE)
    name = name.strip()
    if not name:
        raise ValidationFailed([Problem("名称", "格式名称不能为空", "layout name is required")])
    if kind not in LAYOUT_KINDS:
        raise ValidationFailed([Problem("类型", f"类型只能是 {', '.join(LAYOUT_KINDS)}", "unknown kind")])
    moved = L.printer_keys_problem(kind, spec)
    if moved is not None:
        raise ValidationFailed([moved])
    text = L.dump(L.parse(kind, spec))
    row = session.scalar(select(ReceiptLayout).where(ReceiptLayout.name == name))
    before = audit.snapshot(row) if row else None
    if row is None:
        row = ReceiptLayout(name=name, kind=kind, spec=text, is_default=is_default)
        session.add(row)
    else:
        row.kind, row.spec, row.is_default, row.deleted_at = kind, text, is_default, None
    if is_default:
        for other in session.scalars(select(ReceiptLayout).where(
                ReceiptLayout.kind == kind, ReceiptLayout.name != name,
                ReceiptLayout.is_default.is_(True))):
            other.is_default = False
    session.flush()
    audit.record(session, actor, "update" if before else "create", "cashier_receipt_layout", row.id,
                 before=before, after=audit.snapshot(row), summary=f"收费单打印格式 {name}")
    return row


PRINTER_KEYS = "cashier.printer."


@dataclass
class PrinterSettings:
    """How this terminal prints receipts: the cashier's own choices.

    The printer itself (port, line settings, paper width, encoding, status
    check) is the terminal's 收据打印机 under 终端设备
    (``propdesk.devices.load(db, "printer")``), shared with every other use of
    the printer; migration 0007 moved the port once kept here
    (``cashier.printer.port``, ``baudrate``, ``check_status``) over to it.
    """

    output: str = "thermal"        # thermal | pdf: what 确认收款 prints
    thermal_layout: str = ""       # layout names; "" = the office default
    pdf_layout: str = ""
    archive_dir: str = ""          # also keep every original as PDF here (电子存根), "" = no


def printer_settings(session: Session) -> PrinterSettings:
    ps = PrinterSettings()
    rows = session.scalars(select(LocalSetting).where(LocalSetting.key.like(PRINTER_KEYS + "%")))
    for row in rows:
        key = row.key[len(PRINTER_KEYS):]
        if key in _FIELDS:
            setattr(ps, key, row.value)
    return ps


_FIELDS = frozenset(f.name for f in fields(PrinterSettings))


def save_printer_settings(session: Session, actor: Actor, ps: PrinterSettings) -> None:
    require(actor, DEVICE_CONFIG)
    if ps.output not in ("thermal", "pdf"):
        raise ValidationFailed([Problem("输出", "输出只能是 thermal 或 pdf", "output must be thermal or pdf")])
    for kind, name in (("thermal", ps.thermal_layout), ("pdf", ps.pdf_layout)):
        if name:
            layout_for(session, kind, name)   # NotFound for a layout that does not exist
    before = printer_settings(session)
    if before == ps:
        return
    for key, value in asdict(ps).items():
        row = session.get(LocalSetting, PRINTER_KEYS + key)
        if row is None:
            session.add(LocalSetting(key=PRINTER_KEYS + key, value=value))
        else:
            row.value = value
    audit.record(session, actor, "update", "local_setting", "cashier.printer",
                 before=asdict(before), after=asdict(ps), summary="收费打印设置")
