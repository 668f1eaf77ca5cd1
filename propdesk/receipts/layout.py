"""收费单打印格式: receipt layouts as data.

An office changes its receipts (title, header lines, which fields, paper,
copies, the three parts of a 三联单, a logo) by editing a layout row, never
code.  A layout is stored as JSON in ``cashier_receipt_layout.spec``; this
module parses and validates it (unknown keys are refused so a typo does not
silently vanish) and provides the two built-in defaults.

Thermal keys: ``title``, ``header`` (lines), ``footer`` (lines), ``fields``
(ordered, from :data:`FIELDS`), ``late_fee_column``, ``qr``, ``drawer`` (kick
the cash drawer for cash), ``cut`` ("full"|"partial"), ``copies`` (1-3).  The
paper width and the encoding are not here: they belong to the printer, set
per terminal under 终端设备 (:mod:`propdesk.devices`), and a receipt is
rendered for the printer it goes to.  Stored layouts written before that
may still carry ``paper`` and ``encoding``; reading ignores them
(:data:`PRINTER_KEYS`), saving a new spec with them is refused.

PDF keys: ``paper`` ("A4"|"A5"), ``orientation`` ("portrait"|"landscape"),
``title``, ``header``, ``footer``, ``fields``, ``late_fee_column``, ``qr``,
``parts`` (e.g. ["存根联", "客户联", "记账联"]: one page each; [] = one
page), ``logo`` (a PNG as base64, or ""), ``seal`` (the 盖章 caption),
``copies`` (1-3), ``margin_mm``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from propdesk.errors import Problem, ValidationFailed

#: Header fields a layout may show, with their captions.
FIELDS = {
    "number": "收据号",
    "time": "收款时间",
    "payer": "交款人",
    "rooms": "房号/车位",
    "cashier": "收款员",
    "terminal": "终端",
    "method": "收款方式",
    "code": "核验码",
}
FIELDS_EN = {
    "number": "Receipt no.", "time": "Time", "payer": "Payer", "rooms": "Rooms",
    "cashier": "Cashier", "terminal": "Terminal", "method": "Paid by", "code": "Check code",
}
DEFAULT_PARTS = ["存根联", "客户联", "记账联"]


#: Thermal keys that moved to the printer's device settings (columns, encoding).
PRINTER_KEYS = frozenset({"paper", "encoding"})


@dataclass
class ThermalLayout:
    title: str = "收款收据"
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=lambda: ["请妥善保管本收据，扫码可核验真伪"])
    fields: list[str] = field(default_factory=lambda: [
        "number", "time", "payer", "rooms", "cashier"])
    late_fee_column: bool = True
    qr: bool = True
    drawer: bool = True
    cut: str = "full"
    copies: int = 1

    kind = "thermal"

    def problems(self) -> list[Problem]:
        p = _common_problems(self)
        if self.cut not in ("full", "partial"):
            p.append(Problem("切纸 cut", "切纸方式只能是 full 或 partial", "cut must be full or partial"))
        return p


@dataclass
class PdfLayout:
    paper: str = "A5"
    orientation: str = "landscape"
    title: str = "收款收据"
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=lambda: ["扫描二维码或执行 propdesk receipt verify 核验码 可核验本收据"])
    fields: list[str] = field(default_factory=lambda: [
        "payer", "rooms", "time", "number", "method", "cashier", "code"])
    late_fee_column: bool = True
    qr: bool = True
    parts: list[str] = field(default_factory=lambda: list(DEFAULT_PARTS))
    logo: str = ""
    seal: str = "收款单位（盖章）"
    copies: int = 1
    margin_mm: int = 10

    kind = "pdf"

    def logo_png(self) -> bytes | None:
        return base64.b64decode(self.logo) if self.logo else None

    def problems(self) -> list[Problem]:
        p = _common_problems(self)
        if self.paper not in ("A4", "A5"):
            p.append(Problem("纸张 paper", "纸张只能是 A4 或 A5", "paper must be A4 or A5"))
        if self.orientation not in ("portrait", "landscape"):
            p.append(Problem("方向 orientation", "方向只能是 portrait 或 landscape",
                             "orientation must be portrait or landscape"))
        if len(self.parts) > 5 or any(not isinstance(x, str) or not x.strip() for x in self.parts):
            p.append(Problem("联次 parts", "联次最多5联，每联需要名称", "up to 5 named parts"))
        if not 0 <= self.margin_mm <= 40:
            p.append(Problem("页边距 margin_mm", "页边距应在0到40毫米之间", "margin must be 0-40 mm"))
        if self.logo:
            try:
                png = base64.b64decode(self.logo, validate=True)
            except (binascii.Error, ValueError):
                png = b""
            if not png.startswith(b"\x89PNG"):
                p.append(Problem("标志 logo", "标志必须是 base64 编码的 PNG 图片", "logo must be a base64 PNG"))
        return p


Layout = ThermalLayout | PdfLayout


def _common_problems(layout: Layout) -> list[Problem]:
    p = []
    if not layout.title.strip():
        p.append(Problem("标题 title", "标题不能为空", "title is required"))
    bad = [f for f in layout.fields if f not in FIELDS]
    if bad:
        p.append(Problem("字段 fields", f"未知字段 {', '.join(bad)}，可选：{', '.join(FIELDS)}",
                         f"unknown fields {bad}"))
    if not 1 <= layout.copies <= 3:
        p.append(Problem("份数 copies", "打印份数应为1到3", "copies must be 1-3"))
    for name in ("header", "footer"):
        lines = getattr(layout, name)
        if not isinstance(lines, list) or any(not isinstance(x, str) for x in lines) or len(lines) > 8:
            p.append(Problem(name, "页眉/页脚应为最多8行文字", f"{name} must be up to 8 lines of text"))
    return p


def parse(kind: str, spec: str | dict[str, Any]) -> Layout:
    """A layout from its stored JSON; raises ValidationFailed with every problem."""
    cls = {"thermal": ThermalLayout, "pdf": PdfLayout}.get(kind)
    if cls is None:
        raise ValidationFailed([Problem("类型 kind", f"未知格式类型 {kind}", f"unknown layout kind {kind}")])
    try:
        data = json.loads(spec) if isinstance(spec, str) else dict(spec)
    except json.JSONDecodeError as exc:
        raise ValidationFailed([Problem("JSON", f"格式不是有效的JSON：{exc}", f"invalid JSON: {exc}")]) from None
    if not isinstance(data, dict):
        raise ValidationFailed([Problem("JSON", "格式应为JSON对象", "layout must be a JSON object")])
    if kind == "thermal":
        data = {k: v for k, v in data.items() if k not in PRINTER_KEYS}
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValidationFailed([Problem("JSON", f"未知设置项：{', '.join(unknown)}",
                                        f"unknown keys: {unknown}")])
    try:
        layout = cls(**data)
    except TypeError as exc:  # pragma: no cover - unknown keys are caught above
        raise ValidationFailed([Problem("JSON", str(exc), str(exc))]) from None
    problems = layout.problems()
    if problems:
        raise ValidationFailed(problems)
    return layout


def printer_keys_problem(kind: str, spec: str | dict[str, Any]) -> Problem | None:
    """A problem if a new thermal spec sets what belongs to the printer (paper, encoding)."""
    if kind != "thermal":
        return None
    try:
        data = json.loads(spec) if isinstance(spec, str) else dict(spec)
    except (json.JSONDecodeError, TypeError, ValueError):
        return None   # parse() reports it
    found = sorted(PRINTER_KEYS & set(data)) if isinstance(data, dict) else []
    if not found:
        return None
    return Problem(" ".join(found), "纸宽和编码属于打印机，请在“终端设备”的收据打印机中设置，不写在收据格式里",
                   f"{', '.join(found)} belong to the printer: set them under Devices, not in the layout")


def dump(layout: Layout) -> str:
    return json.dumps(asdict(layout), ensure_ascii=False, sort_keys=True)


def default(kind: str) -> Layout:
    return ThermalLayout() if kind == "thermal" else PdfLayout()
