#!/usr/bin/env python3
"""PropDesk developer bootstrap: the two commands of the README.

    python3 dev.py app     set up, create a demo company on first run, start PropDesk
    python3 dev.py test    set up, then run the whole test suite

Set-up is idempotent and quick the second time: a virtual environment in
.venv, the project installed into it (re-installed only when pyproject.toml
changes), and on Debian/Ubuntu the system packages the tests need
(PostgreSQL server, the libraries Qt loads) when they are missing.  Only the
standard library is used here, so a bare Python 3.11+ can run it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
IS_WIN = os.name == "nt"
PY = VENV / ("Scripts/python.exe" if IS_WIN else "bin/python")
STAMP = VENV / ".propdesk-installed"
DEMO_DB = ROOT / "var" / "demo.sqlite3"

# Debian packages: what the test suite needs from the system.
APT_PACKAGES = {
    "postgresql": "PostgreSQL server for the central-database tests",
    "libegl1": "Qt offscreen rendering",
    "libgl1": "Qt offscreen rendering",
    "libxkbcommon0": "Qt keyboard handling",
    "libfontconfig1": "Qt fonts",
    "libdbus-1-3": "Qt platform integration",
    "fonts-wqy-microhei": "a TrueType CJK font for PDF receipts and screenshots",
}


def log(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def run(cmd: list, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("PropDesk needs Python 3.11 or newer")
    if not PY.exists():
        log("creating virtual environment .venv")
        run([sys.executable, "-m", "venv", VENV])
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == want:
        return
    log("installing PropDesk and its dependencies into .venv")
    run([PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--upgrade", "pip"])
    run([PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", f"{ROOT}[dev]"])
    STAMP.write_text(want)


def _dpkg_installed(pkg: str) -> bool:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def ensure_system_packages() -> None:
    """Install missing Debian packages when we are root on a Debian-like system."""
    if IS_WIN or sys.platform == "darwin" or not shutil.which("dpkg-query"):
        return
    missing = [p for p in APT_PACKAGES if not _dpkg_installed(p)]
    if not missing:
        return
    if os.geteuid() != 0:
        log("missing system packages (install them with sudo apt-get install): " + " ".join(missing))
        return
    log("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env,
            stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:
        # Go on: what is missing then fails with its own clear message (the tests
        # name the PostgreSQL program they could not find; PDFs fall back to a
        # built-in CJK font).
        log(f"could not install {' '.join(missing)} (apt-get exit {exc.returncode}); continuing")


def cmd_app(extra: list[str]) -> int:
    ensure_venv()
    db = os.environ.get("PROPDESK_DB") or str(DEMO_DB)
    env = dict(os.environ, PROPDESK_DB=db)
    if not os.environ.get("PROPDESK_DB") and not DEMO_DB.exists():
        DEMO_DB.parent.mkdir(exist_ok=True)
        log(f"creating the demo company in {DEMO_DB}")
        cli = [PY, "-m", "propdesk.cli"]
        run([*cli, "demo", "--rooms", "3000"], env=env)
        run([*cli, "fee", "demo"], env=env, stdout=subprocess.DEVNULL)  # standards, meters
        today = dt.date.today()
        last = (today.replace(day=1) - dt.timedelta(days=1))
        for period in (f"{last:%Y-%m}", f"{today:%Y-%m}"):  # two months of bills to collect
            run([*cli, "bill", "run", "--period", period], env=env, stdout=subprocess.DEVNULL)
        run([*cli, "service-demo"], env=env, stdout=subprocess.DEVNULL)  # work orders, stock
    return subprocess.call([str(PY), "-m", "ui.app", *extra], env=env)


def cmd_test(extra: list[str]) -> int:
    ensure_system_packages()
    ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PROPDESK_DB", None)
    args = [str(PY), "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra]
    rc = subprocess.call(args, cwd=ROOT, env=env)
    return rc


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("app", "test", "setup"):
        print(__doc__)
        return 2
    cmd, extra = sys.argv[1], sys.argv[2:]
    if cmd == "setup":
        ensure_system_packages()
        ensure_venv()
        return 0
    return cmd_app(extra) if cmd == "app" else cmd_test(extra)


if __name__ == "__main__":
    sys.exit(main())
