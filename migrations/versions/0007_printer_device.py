"""cashier prints on the terminal's receipt printer (终端设备): carry the old port over

Until now the cashier kept its own printer port in ``local_setting``
(``cashier.printer.port``, ``baudrate``, ``check_status``) beside the
terminal's device settings (``device.printer``, :mod:`propdesk.devices`).
There is one printer configuration now: the device's.  This moves the
cashier's port over, once, when the terminal has no printer device with a
port yet, with the paper width and encoding of the thermal layout the
cashier used (they belong to the printer now), and removes the old keys.
A terminal whose printer device already has a port keeps it.  Local
settings are never synchronised, so each terminal does this for itself.

Self-contained on purpose (plain SQL and JSON, no PropDesk imports): the
stored form is what ``propdesk.devices.from_dict`` reads, which fills in the
printer's defaults for anything not given.

Revision ID: 0007
Revises: 0005
"""

from __future__ import annotations

import json
import logging

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

OLD = "cashier.printer."
MOVED = ("port", "baudrate", "check_status", "auto_print")   # auto_print was never used
DEVICE = "device.printer"
OTHER_ROLES = ("device.card", "device.meter")

setting = sa.table("local_setting", sa.column("key", sa.String), sa.column("value", sa.Text))
layout = sa.table("cashier_receipt_layout", sa.column("name", sa.String), sa.column("kind", sa.String),
                  sa.column("spec", sa.Text), sa.column("is_default", sa.Boolean),
                  sa.column("deleted_at", sa.DateTime))


def _json(text: str | None) -> dict:
    try:
        data = json.loads(text or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _thermal_spec(conn, name: str) -> dict:
    """The spec of the thermal layout the cashier printed with (named, else the default)."""
    stmt = sa.select(layout.c.spec).where(layout.c.kind == "thermal", layout.c.deleted_at.is_(None))
    spec = conn.execute(stmt.where(layout.c.name == name)).scalar() if name else None
    if spec is None:
        spec = conn.execute(stmt.where(layout.c.is_default.is_(True)).limit(1)).scalar()
    return _json(spec)


def upgrade() -> None:
    conn = op.get_bind()
    old = dict(conn.execute(sa.select(setting.c.key, setting.c.value)
                            .where(setting.c.key.like(OLD + "%"))).all())
    port = (old.get(OLD + "port") or "").strip()
    device_text = conn.execute(sa.select(setting.c.value).where(setting.c.key == DEVICE)).scalar()
    device = _json(device_text)
    taken = [key for key in OTHER_ROLES
             if port and (_json(conn.execute(sa.select(setting.c.value).where(setting.c.key == key)).scalar())
                          .get("port") or "").strip() == port]
    if port and (device.get("port") or "").strip():
        log.info("the printer device already has port %s; the cashier's old port %s is dropped",
                 device["port"], port)
    elif port and taken:
        log.warning("the cashier's old printer port %s is the %s's port; not carried over", port, taken[0])
    elif port:
        moved = dict(device)
        moved.update(role="printer", port=port)
        baud = (old.get(OLD + "baudrate") or "").strip()
        if baud.isdigit():
            moved["baudrate"] = int(baud)
        if OLD + "check_status" in old:
            moved["check_status"] = old[OLD + "check_status"] == "1"
        spec = _thermal_spec(conn, (old.get(OLD + "thermal_layout") or "").strip())
        if "columns" not in device:
            moved["columns"] = 48 if str(spec.get("paper", "58")) == "80" else 32
        if "encoding" not in device and spec.get("encoding") in ("gbk", "gb18030"):
            moved["encoding"] = spec["encoding"]
        text = json.dumps(moved, ensure_ascii=False, sort_keys=True)
        if device_text is None:
            conn.execute(setting.insert().values(key=DEVICE, value=text))
        else:
            conn.execute(setting.update().where(setting.c.key == DEVICE).values(value=text))
    conn.execute(setting.delete().where(setting.c.key.in_([OLD + k for k in MOVED])))


def downgrade() -> None:
    """Give the older cashier its port keys back from the printer device (which stays)."""
    conn = op.get_bind()
    device = _json(conn.execute(sa.select(setting.c.value).where(setting.c.key == DEVICE)).scalar())
    port = (device.get("port") or "").strip()
    if not port:
        return
    values = {"port": port, "baudrate": str(device.get("baudrate", 9600)),
              "check_status": "0" if device.get("check_status") is False else "1"}
    for key, value in values.items():
        conn.execute(setting.delete().where(setting.c.key == OLD + key))
        conn.execute(setting.insert().values(key=OLD + key, value=value))
