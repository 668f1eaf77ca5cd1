"""ui.app.main: opens and upgrades the database, asks for a login, honours --lang and --db."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from propdesk.db import Database, current_revisions, head_revisions
from ui import app as app_module
from ui.i18n import current_language


def test_main_upgrades_the_database_and_stops_when_login_is_cancelled(qtbot, tmp_path, monkeypatch):
    shown = []

    def fake_exec(dlg):
        shown.append((type(dlg).__name__, dlg.windowTitle()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(app_module.QDialog, "exec", fake_exec)
    monkeypatch.setattr(app_module, "QSettings",
                        lambda *a: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    path = tmp_path / "new.sqlite3"
    assert app_module.main(["--db", str(path), "--lang", "en"]) == 0
    # a new database: schema created, and with no operator the first-run dialog comes up
    db = Database(str(path))
    assert current_revisions(db.engine) == head_revisions()
    db.dispose()
    assert shown == [("FirstRunDialog", "First run - create the administrator")]
    assert current_language() == "en"
    assert QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat).value("ui/language") == "en"
