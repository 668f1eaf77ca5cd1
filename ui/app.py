"""``propdesk-gui`` / ``python -m ui.app``: open the database, log in, show the main window.

    python -m ui.app [--db PATH_OR_URL] [--lang zh|en]

The database is ``--db``, else ``PROPDESK_DB``, else the per-user default; its
schema is upgraded to the latest revision before anything else.  The UI
language is ``--lang``, else the one remembered in QSettings (Chinese by
default); 语言/Language in the menu switches it at run time.
"""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from propdesk.db import Database
from ui.context import AppContext, Settings
from ui.i18n import normalize_language, set_language, tr
from ui.icons import icon
from ui.style import apply_style
from ui.tasks import TaskRunner


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    p = argparse.ArgumentParser(prog="propdesk-gui", description="PropDesk 物业管理系统")
    p.add_argument("--db", default=None, help="数据库文件或URL (database file or URL)")
    p.add_argument("--lang", choices=["zh", "en"], default=None, help="界面语言 (UI language)")
    return p.parse_known_args(argv)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("PropDesk")
    app.setApplicationName("PropDesk")
    app.setApplicationDisplayName("PropDesk")
    app.setWindowIcon(icon("app"))
    apply_style(app)
    return app


def open_context(db_url: str | None, settings: Settings | None = None) -> AppContext:
    """Open (and upgrade) the database and build the context screens receive."""
    from propdesk.db import current_revisions, head_revisions

    db = Database(db_url)
    # Reading the migration scripts once to compare is half the price of a
    # no-op upgrade, and an up-to-date database is the daily case.
    if current_revisions(db.engine) != head_revisions():
        db.upgrade()
    return AppContext(db=db, tasks=TaskRunner(db), settings=settings or Settings())


def run_session(ctx: AppContext) -> bool:
    """Log in and run the main window once; True if the operator chose 注销 (log out)."""
    from ui.login import FirstRunDialog, LoginDialog, needs_first_run
    from ui.main_window import MainWindow

    dlg = FirstRunDialog(ctx) if needs_first_run(ctx) else LoginDialog(ctx)
    if dlg.exec() != QDialog.DialogCode.Accepted or dlg.actor is None:
        return False
    ctx.actor = dlg.actor
    win = MainWindow(ctx)
    win.closed.connect(QApplication.instance().quit)
    win.show()
    QApplication.instance().exec()
    ctx.actor = None
    return win.logout_requested


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_app([sys.argv[0], *qt_args])
    settings = Settings(QSettings("PropDesk", "PropDesk"))
    lang = normalize_language(args.lang or settings.language)
    if args.lang:
        settings.language = lang
    set_language(lang)
    try:
        ctx = open_context(args.db, settings)
    except Exception as exc:  # the one place a broken database must not crash silently
        logging.exception("cannot open the database")
        QMessageBox.critical(None, tr("无法打开数据库"), tr(
            "无法打开或升级数据库：\n{error}\n\n请检查 --db 参数或 PROPDESK_DB 环境变量，"
            "并确认文件可写。").format(error=exc))
        return 1
    app.setQuitOnLastWindowClosed(False)   # the login dialog returns between sessions
    try:
        while run_session(ctx):
            pass
    finally:
        ctx.tasks.shutdown()
        settings.sync()
        ctx.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
