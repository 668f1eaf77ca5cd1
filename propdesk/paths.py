"""Where PropDesk keeps its files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "migrations"


def user_data_dir() -> Path:
    """The per-user data directory (created on demand)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        path = base / "PropDesk"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / "PropDesk"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        path = base / "propdesk"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    return "sqlite:///" + str(user_data_dir() / "propdesk.sqlite3")
