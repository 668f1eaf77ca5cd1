"""Translation: every string a user sees goes through :func:`tr`.

Chinese is the source language.  English comes from Qt translation files,
one per area: ``resources/i18n/<area>_en.ts`` (edited by translators, kept in
git) compiled to ``<area>_en.qm`` (loaded at run time).  All areas share one
translation context, so a string translated once is translated everywhere.

Rules for code in ``ui/``:

* ``tr("中文")`` with a literal string, so ``python -m ui.i18n_tool update``
  can extract it; format after translating: ``tr("共 {n} 间").format(n=3)``.
* ``tr_noop("中文")`` marks a literal that is translated later (screen titles
  in registries, table headers declared at module level); show it with
  ``translated(value)``.
* Coded values stored in the database (``propdesk.models.enums``, roles) are
  shown with :func:`label`, which translates their Chinese label in a context
  of its own ("Codes"): 住户 the role is "Resident", 住户 the tab "Occupants".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from propdesk.paths import RESOURCES

CONTEXT = "PropDesk"
CODES_CONTEXT = "Codes"   # coded-value labels: the same Chinese word may read differently
I18N_DIR = RESOURCES / "i18n"
LANGUAGES = {"zh": "中文", "en": "English"}

_installed: list[QTranslator] = []
_current = "zh"


def tr(text: str) -> str:
    """The text in the current UI language (``text`` is the Chinese source)."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text: str) -> str:
    """Mark ``text`` for extraction without translating it now."""
    return text


def translated(text: str) -> str:
    """The translation of a string declared elsewhere with ``tr_noop`` (a registry
    title, a column header).  ``tr`` itself only takes literals, so the
    extraction tool can check every call."""
    return QCoreApplication.translate(CONTEXT, text)


def label(mapping: dict[str, str], code: str | None) -> str:
    """The translated label of a coded value (``label(ROOM_STATUSES, 'vacant')``)."""
    if not code:
        return ""
    return QCoreApplication.translate(CODES_CONTEXT, mapping.get(code, code))


def current_language() -> str:
    return _current


def normalize_language(lang: str | None) -> str:
    return "en" if (lang or "").lower().startswith("en") else "zh"


def qm_files(lang: str, directory: Path = I18N_DIR) -> list[Path]:
    return sorted(directory.glob(f"*_{lang}.qm"))


def set_language(lang: str, directory: Path = I18N_DIR) -> str:
    """Install the translators for ``lang`` ('zh' or 'en'), replacing the previous ones.

    Qt then sends ``LanguageChange`` to every widget, whose ``changeEvent``
    re-applies its texts.  Chinese also loads Qt's own Chinese catalogue so
    standard buttons (OK/Cancel) and dialogs read in Chinese.
    """
    global _current
    app = QCoreApplication.instance()
    lang = normalize_language(lang)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "zh":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        t = QTranslator(app)
        if t.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(t)
            _installed.append(t)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        for path in qm_files(lang, directory):
            t = QTranslator(app)
            if not t.load(str(path)):
                raise RuntimeError(f"cannot load translation file {path}")
            app.installTranslator(t)
            _installed.append(t)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _current = lang
    return lang


def error_text(exc: BaseException) -> str:
    """A PropDeskError's message in the UI language (zh/en are carried by the error)."""
    from propdesk.errors import PropDeskError, ValidationFailed

    if isinstance(exc, ValidationFailed):
        en = _current == "en"
        head = exc.en if en else exc.zh
        lines = [f"• {p.where}：{p.en if en else p.zh}" if not en else f"• {p.where}: {p.en}"
                 for p in exc.problems]
        return "\n".join([head, *lines])
    if isinstance(exc, PropDeskError):
        return exc.text(_current)
    return tr("程序内部错误：{error}\n请把本信息告诉系统管理员。").format(error=exc)
