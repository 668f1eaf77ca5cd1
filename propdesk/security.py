"""Operators, roles, permissions and password hashing.

Permissions are checked inside services (``require(actor, PERM)``), so a call
from the UI, the CLI or a script is refused the same way whatever buttons the
UI happens to show.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass, field

from propdesk.errors import PermissionDenied

# --- permissions -----------------------------------------------------------
# One flat list; each issue adds the names it needs here, nowhere else.
MASTER_VIEW = "master.view"          # see the property tree, customers
MASTER_EDIT = "master.edit"          # create/edit estates, rooms, customers
MASTER_IMPORT = "master.import"      # Excel import of master data
USER_MANAGE = "user.manage"          # operators and roles
AUDIT_VIEW = "audit.view"
FEE_EDIT = "fee.edit"                # fee items, standards, assignments
BILL_VIEW = "bill.view"
BILL_RUN = "bill.run"                # bill runs, meter readings, late fees
BILL_ADJUST = "bill.adjust"          # reduce billed money: discounts, waivers, adjustments (主管)
PERIOD_CLOSE = "period.close"        # month-end close
PAY_COLLECT = "pay.collect"          # take payments, print receipts
PAY_SUPERVISE = "pay.supervise"      # reprint, void, refund (主管 authorization)
SHIFT_APPROVE = "shift.approve"      # finance approves a closed shift
CARD_ISSUE = "card.issue"            # issue/renew/lost/replace/cancel gate cards
CARD_SECRETS = "card.secrets"        # create/export site keys
WORKORDER_CREATE = "workorder.create"
WORKORDER_DISPATCH = "workorder.dispatch"
WORKORDER_HANDLE = "workorder.handle"
STOCK_MANAGE = "stock.manage"
STOCK_OVERRIDE = "stock.override"    # allow negative stock (audited)
EQUIPMENT_MANAGE = "equipment.manage"
DEVICE_CONFIG = "device.config"
SYNC_RUN = "sync.run"
CONFLICT_REVIEW = "conflict.review"
REPORT_VIEW = "report.view"

ALL_PERMISSIONS = frozenset(
    v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str) and "." in v
)

ROLES: dict[str, str] = {
    "admin": "管理员",
    "supervisor": "主管",
    "frontdesk": "前台",
    "cashier": "收费员",
    "finance": "财务",
    "engineer": "工程",
}
ROLES_EN: dict[str, str] = {
    "admin": "Administrator",
    "supervisor": "Supervisor",
    "frontdesk": "Front desk",
    "cashier": "Cashier",
    "finance": "Finance",
    "engineer": "Engineering",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": ALL_PERMISSIONS,
    "supervisor": ALL_PERMISSIONS - {USER_MANAGE, CARD_SECRETS},
    "frontdesk": frozenset({
        MASTER_VIEW, MASTER_EDIT, BILL_VIEW, CARD_ISSUE, WORKORDER_CREATE,
        WORKORDER_DISPATCH, REPORT_VIEW, SYNC_RUN,
    }),
    "cashier": frozenset({MASTER_VIEW, BILL_VIEW, PAY_COLLECT, REPORT_VIEW, SYNC_RUN}),
    "finance": frozenset({
        MASTER_VIEW, BILL_VIEW, BILL_RUN, FEE_EDIT, PERIOD_CLOSE, SHIFT_APPROVE,
        REPORT_VIEW, AUDIT_VIEW, SYNC_RUN, MASTER_IMPORT,
    }),
    "engineer": frozenset({
        MASTER_VIEW, WORKORDER_CREATE, WORKORDER_HANDLE, STOCK_MANAGE, EQUIPMENT_MANAGE,
    }),
}


@dataclass(frozen=True)
class Actor:
    """Who is calling a service: a logged-in operator, or the command line."""

    username: str
    role: str
    operator_id: uuid.UUID | None = None
    display_name: str = ""
    permissions: frozenset[str] = field(default=frozenset())

    @classmethod
    def for_role(cls, username: str, role: str, operator_id: uuid.UUID | None = None,
                 display_name: str = "") -> "Actor":
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        return cls(username, role, operator_id, display_name or username, ROLE_PERMISSIONS[role])

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can(self, permission: str) -> bool:
        return permission in self.permissions


def system_actor() -> Actor:
    """The command line acting for the machine's administrator."""
    user = os.environ.get("USERNAME") or os.environ.get("USER") or "admin"
    return Actor.for_role(f"cli:{user}", "admin", display_name=f"命令行 {user}")


def require(actor: Actor, permission: str) -> None:
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    if not actor.can(permission):
        raise PermissionDenied(
            f"{actor.label}（{ROLES.get(actor.role, actor.role)}）没有权限：{permission}",
            f"{actor.label} ({ROLES_EN.get(actor.role, actor.role)}) lacks permission {permission}",
        )


# --- passwords ---------------------------------------------------------------
# scrypt (memory-hard, in the standard library): N=2**14, r=8 -> 16 MiB per hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=256 * 1024 * 1024, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n),
                             r=int(r), p=int(p), maxmem=256 * 1024 * 1024, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)
