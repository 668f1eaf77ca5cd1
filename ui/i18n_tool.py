"""Maintain the translation files in resources/i18n.

    python -m ui.i18n_tool update <area> <source paths...> [--labels FILE ...]
        Extract every ``tr("…")`` / ``tr_noop("…")`` literal (by parsing the
        Python, not by regex) from the paths into ``<area>_en.ts``.  Existing
        translations are kept; new strings are marked unfinished; strings no
        longer in the sources are kept as "vanished" so no translation is lost.
        ``--labels FILE`` also takes the Chinese labels of module-level coded-
        value dicts in FILE (``ROOM_STATUSES = {"vacant": "空置", …}``).
    python -m ui.i18n_tool compile [<area> ...]
        Compile .ts files to the .qm files the application loads (pyside6-lrelease).
    python -m ui.i18n_tool status [<area> ...]
        List the strings still waiting for a translation, and any string two
        areas translate differently (one context: they must agree).

A string another area already translates is left to that area, so a shared
file (ui/screens/__init__.py, ui/room_tabs.py) can be given to every area's
update.  The core area is maintained with::

    python -m ui.i18n_tool update core ui/*.py ui/screens/__init__.py ui/screens/navigator.py \
        ui/screens/room_*.py ui/screens/audit_log.py ui/screens/operators.py \
        ui/dialogs ui/models ui/widgets --labels propdesk/models/enums.py propdesk/security.py
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from propdesk.paths import ROOT

I18N_DIR = ROOT / "resources" / "i18n"
CONTEXT = "PropDesk"        # strings of the UI: tr() / tr_noop()
CODES_CONTEXT = "Codes"     # labels of coded values (--labels), see ui.i18n.label
TR_FUNCS = {"tr", "tr_noop"}
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


Key = tuple[str, str]   # (context, source)


@dataclass
class Message:
    context: str
    source: str
    locations: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Extraction:
    messages: dict[Key, Message] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # tr() calls without a literal

    def add(self, text: str, path: Path, line: int, context: str = CONTEXT) -> None:
        m = self.messages.setdefault((context, text), Message(context, text))
        m.locations.append((_rel(path), line))


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _py_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.py") if "__pycache__" not in q.parts)
        elif p.suffix == ".py":
            out.append(p)
    return out


def extract_calls(paths: list[Path], into: Extraction | None = None) -> Extraction:
    """All literal arguments of tr()/tr_noop() calls in the Python files under ``paths``."""
    ex = into or Extraction()
    for path in _py_files(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in TR_FUNCS):
                continue
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                ex.add(arg.value, path, node.lineno)
            else:
                ex.problems.append(f"{_rel(path)}:{node.lineno}: {node.func.id}() needs a "
                                   "string literal (format after translating)")
    return ex


def extract_labels(paths: list[Path], into: Extraction | None = None) -> Extraction:
    """Chinese values of module-level ``NAME = {"code": "标签", …}`` dicts."""
    ex = into or Extraction()
    for path in _py_files(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for stmt in tree.body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if not isinstance(value, ast.Dict) or not value.values:
                continue
            if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys):
                continue
            if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in value.values):
                continue
            for v in value.values:
                if _CJK.search(v.value):
                    ex.add(v.value, path, v.lineno, CODES_CONTEXT)
    return ex


# --- .ts files -----------------------------------------------------------------

@dataclass
class TsEntry:
    context: str
    source: str
    translation: str
    kind: str            # "" (finished) | "unfinished" | "vanished" | "obsolete"
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.kind == "" and bool(self.translation)


def ts_path(area: str, lang: str = "en") -> Path:
    return I18N_DIR / f"{area}_{lang}.ts"


    @property
    def key(self) -> Key:
        return (self.context, self.source)


def read_ts(path: Path) -> dict[Key, TsEntry]:
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    out: dict[Key, TsEntry] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            t = msg.find("translation")
            locs = [(_from_ts(loc.get("filename", ""), path.parent), int(loc.get("line", "0") or 0))
                    for loc in msg.iter("location")]
            out[(name, src)] = TsEntry(name, src, (t.text or "") if t is not None else "",
                                       (t.get("type") or "") if t is not None else "unfinished",
                                       locs)
    return out


def write_ts(path: Path, entries: list[TsEntry], lang: str = "en_US") -> None:
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="zh_CN")
    contexts: dict[str, ET.Element] = {}
    base = path.parent
    for e in entries:
        ctx = contexts.get(e.context)
        if ctx is None:
            ctx = contexts[e.context] = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = e.context
        msg = ET.SubElement(ctx, "message")
        for file, line in e.locations:
            rel = Path(_relpath(ROOT / file, base)).as_posix()
            ET.SubElement(msg, "location", filename=rel, line=str(line))
        ET.SubElement(msg, "source").text = e.source
        t = ET.SubElement(msg, "translation")
        if e.kind:
            t.set("type", e.kind)
        t.text = e.translation
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def _from_ts(filename: str, base: Path) -> str:
    """A location as a .ts file writes it (relative to the .ts file's folder, as lupdate
    does) back to the project-relative form the extraction and :func:`write_ts` use, so
    that reading and writing a catalogue leaves its locations as they were."""
    try:
        return (base / filename).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return filename


def _relpath(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target, start)


def merge(extraction: Extraction, existing: dict[Key, TsEntry],
          elsewhere: set[Key] = frozenset()) -> list[TsEntry]:
    """New .ts content: extracted strings with their old translations kept.

    ``elsewhere`` holds strings another area already translates; they are left
    to that area (a shared registry file holds several areas' titles)."""
    out: list[TsEntry] = []
    for key, m in extraction.messages.items():
        old = existing.get(key)
        if key in elsewhere and not (old and old.translation):
            continue
        if old and old.translation:
            kind = "" if old.kind in ("", "vanished", "obsolete") else old.kind
            out.append(TsEntry(m.context, m.source, old.translation, kind, m.locations))
        else:
            out.append(TsEntry(m.context, m.source, "", "unfinished", m.locations))
    for key, old in existing.items():
        if key not in extraction.messages and old.translation:
            out.append(TsEntry(old.context, old.source, old.translation, "vanished", []))
    return sort_entries(out)


def sort_entries(entries: list[TsEntry]) -> list[TsEntry]:
    """UI strings first, then coded labels; each by where it first appears."""
    return sorted(entries, key=lambda e: (e.context != CONTEXT, e.context,
                                          e.locations[0] if e.locations else ("~", 0), e.source))


def translated_elsewhere(area: str) -> set[Key]:
    """Strings the other areas' .ts files translate (finished)."""
    out: set[Key] = set()
    for ts in areas():
        if ts != ts_path(area):
            out |= {k for k, e in read_ts(ts).items() if e.finished}
    return out


def update(area: str, sources: list[Path], labels: list[Path]) -> tuple[list[TsEntry], Extraction]:
    ex = extract_calls(sources)
    extract_labels(labels, ex)
    path = ts_path(area)
    entries = merge(ex, read_ts(path), translated_elsewhere(area))
    write_ts(path, entries)
    return entries, ex


def conflicts() -> dict[Key, dict[str, list[str]]]:
    """Strings two areas translate differently: with one context, Qt would show
    whichever catalogue it happens to search first."""
    seen: dict[Key, dict[str, list[str]]] = {}
    for ts in areas():
        for key, e in read_ts(ts).items():
            if e.finished:
                seen.setdefault(key, {}).setdefault(e.translation, []).append(ts.stem)
    return {k: v for k, v in seen.items() if len(v) > 1}


def lrelease_command() -> list[str]:
    exe = Path(sys.executable).parent / ("pyside6-lrelease.exe" if sys.platform == "win32"
                                         else "pyside6-lrelease")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from PySide6.scripts.pyside_tool import lrelease; lrelease()"]


def compile_ts(path: Path) -> Path:
    qm = path.with_suffix(".qm")
    subprocess.run([*lrelease_command(), "-silent", str(path), "-qm", str(qm)], check=True)
    return qm


def areas(names: list[str] | None = None) -> list[Path]:
    if names:
        return [ts_path(n) for n in names]
    return sorted(I18N_DIR.glob("*_en.ts"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ui.i18n_tool", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("update", help="extract strings into <area>_en.ts")
    u.add_argument("area")
    u.add_argument("sources", nargs="+", type=Path)
    u.add_argument("--labels", nargs="*", type=Path, default=[])
    c = sub.add_parser("compile", help="compile .ts to .qm")
    c.add_argument("areas", nargs="*")
    s = sub.add_parser("status", help="list untranslated strings")
    s.add_argument("areas", nargs="*")
    args = p.parse_args(argv)
    if args.cmd == "update":
        entries, ex = update(args.area, args.sources, args.labels)
        todo = sum(1 for e in entries if e.kind == "unfinished")
        gone = sum(1 for e in entries if e.kind == "vanished")
        print(f"{ts_path(args.area).relative_to(ROOT)}: {len(ex.messages)} strings, "
              f"{todo} to translate, {gone} no longer used")
        for prob in ex.problems:
            print("warning:", prob, file=sys.stderr)
        return 1 if ex.problems else 0
    if args.cmd == "compile":
        for ts in areas(args.areas):
            print(compile_ts(ts).relative_to(ROOT))
        return 0
    rc = 0
    for (ctx, src), versions in conflicts().items():
        print(f"conflict: [{ctx}] {src}: " + "; ".join(
            f"{t!r} in {', '.join(files)}" for t, files in versions.items()))
        rc = 1
    for ts in areas(args.areas):
        for e in read_ts(ts).values():
            if e.kind == "unfinished" or (not e.translation and e.kind != "vanished"):
                print(f"{ts.name}: [{e.context}] {e.source}")
                rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
