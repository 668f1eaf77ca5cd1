"""Per-terminal sync settings: the central database, this installation's id, last results.

The central URL is kept in ``local_setting`` *without* its password; the
password lives in the operating system's keyring (Windows Credential Manager,
macOS Keychain, Secret Service), keyed by user, host, port and database.  When
the keyring has none, libpq's own sources apply (``PGPASSWORD``, ``.pgpass``).
"""

from __future__ import annotations

import json
import os
from typing import Any

from sqlalchemy.engine import URL, make_url

from propdesk.db import Database, read_setting, write_setting
from propdesk.errors import PropDeskError

KEYRING_SERVICE = "PropDesk central database"
CENTRAL_URL = "sync.central_url"
INSTALL_ID = "sync.install_id"
SERVED_ESTATES = "sync.estates"
LAST_OK = "sync.last_ok_at"
LAST_RESULT = "sync.last_result"
LAST_ERROR = "sync.last_error"
AUTO_MINUTES = "sync.auto_minutes"


def normalise(url: str) -> URL:
    """A PostgreSQL URL for SQLAlchemy with psycopg 3 (``postgresql://`` is accepted)."""
    u = make_url(url)
    if u.get_backend_name() != "postgresql":
        raise PropDeskError(f"中心数据库必须是 PostgreSQL：{redact(url)}",
                            f"the central database must be PostgreSQL: {redact(url)}")
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def redact(url: str | URL) -> str:
    try:
        return make_url(str(url) if isinstance(url, URL) else url).render_as_string(
            hide_password=True)
    except Exception:  # noqa: BLE001 - never echo an unparsable secret
        return "<url>"


def keyring_user(url: URL) -> str:
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _keyring():
    import keyring

    return keyring


def get_password(url: URL) -> str | None:
    try:
        return _keyring().get_password(KEYRING_SERVICE, keyring_user(url))
    except Exception:  # noqa: BLE001 - no usable keyring backend: fall back to libpq
        return None


def store_password(url: URL, password: str) -> None:
    try:
        _keyring().set_password(KEYRING_SERVICE, keyring_user(url), password)
    except Exception as exc:  # noqa: BLE001
        raise PropDeskError(
            "无法把密码保存到系统密钥环；可改用环境变量 PGPASSWORD",
            f"cannot store the password in the system keyring ({exc}); use PGPASSWORD instead"
        ) from None


def connect_url(url: str | URL) -> URL:
    """The URL to connect with: password from the URL, else the keyring, else libpq's."""
    u = normalise(str(url) if isinstance(url, URL) else url)
    if u.password is None:
        pw = get_password(u)
        if pw is not None:
            u = u.set(password=pw)
    return u


def save_central(db: Database, url: str) -> URL:
    """Remember the central URL (password moved into the keyring)."""
    u = normalise(url)
    if u.password:
        store_password(u, u.password)
        u = u._replace(password=None)   # URL.set() ignores None
    with db.session() as s:
        write_setting(s, CENTRAL_URL, u.render_as_string(hide_password=False))
    return u


def central_url(db: Database) -> str | None:
    return read_setting(db, CENTRAL_URL, "") or None


def install_id(db: Database) -> str:
    """This installation's random id (created on first use), bound to its terminal code."""
    value = read_setting(db, INSTALL_ID, "")
    if not value:
        value = os.urandom(16).hex()
        with db.session() as s:
            write_setting(s, INSTALL_ID, value)
    return value


def write(db: Database, values: dict[str, Any]) -> None:
    with db.session() as s:
        for k, v in values.items():
            write_setting(s, k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))


def read(db: Database, key: str) -> str:
    return read_setting(db, key, "")


def read_json(db: Database, key: str) -> Any:
    text = read_setting(db, key, "")
    return json.loads(text) if text else None
