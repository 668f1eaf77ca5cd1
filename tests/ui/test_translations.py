"""Every string the UI shows has a finished English translation, and the .qm files are current."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from propdesk.models import enums
from propdesk.paths import ROOT
from propdesk.security import ROLES
from ui import i18n_tool as tool

UI = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"


def _finished() -> dict[tuple[str, str], str]:
    out = {}
    for ts in sorted(I18N.glob("*_en.ts")):
        for key, e in tool.read_ts(ts).items():
            if e.finished:
                out.setdefault(key, e.translation)
    return out


def test_every_tr_call_takes_a_literal():
    ex = tool.extract_calls([UI])
    assert ex.problems == []


def test_every_ui_string_has_a_finished_english_translation():
    done = _finished()
    ex = tool.extract_calls([UI])
    missing = [f"{m.locations[0][0]}:{m.locations[0][1]}: {m.source}"
               for key, m in ex.messages.items() if key not in done]
    assert missing == [], "untranslated (run python -m ui.i18n_tool update/compile):\n" + "\n".join(missing)


def test_every_coded_value_label_is_translated():
    done = _finished()
    labels = {v for name in dir(enums) if name.isupper()
              for v in getattr(enums, name).values()} | set(ROLES.values())
    missing = sorted(v for v in labels if (tool.CODES_CONTEXT, v) not in done)
    assert missing == []


def test_compiled_catalogues_match_their_sources():
    for ts in sorted(I18N.glob("*_en.ts")):
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} missing: python -m ui.i18n_tool compile"
        t = QTranslator()
        assert t.load(str(qm))
        stale = [f"[{e.context}] {e.source}" for e in tool.read_ts(ts).values()
                 if e.finished and t.translate(e.context, e.source) != e.translation]
        assert stale == [], f"{qm.name} is out of date: python -m ui.i18n_tool compile\n" + "\n".join(stale[:20])


def test_extraction_reads_the_syntax_tree(tmp_path):
    src = tmp_path / "m.py"
    src.write_text('from ui.i18n import tr, tr_noop\n'
                   'A = tr_noop("甲")\n'
                   'x = "tr(\\"不是调用\\")"\n'
                   'def f(name):\n'
                   '    return tr("乙 {n}").format(n=1) + tr(name)\n'
                   'CODES = {"a": "丙", "b": "丁"}\n', encoding="utf-8")
    ex = tool.extract_calls([src])
    assert [k[1] for k in ex.messages] == ["甲", "乙 {n}"]
    assert len(ex.problems) == 1 and "m.py:5" in ex.problems[0]
    tool.extract_labels([src], ex)
    assert (tool.CODES_CONTEXT, "丙") in ex.messages and (tool.CODES_CONTEXT, "丁") in ex.messages


def test_update_keeps_translations_and_marks_new_strings(tmp_path, monkeypatch):
    monkeypatch.setattr(tool, "I18N_DIR", tmp_path)
    src = tmp_path / "m.py"
    src.write_text('tr("保存")\ntr("取消")\n', encoding="utf-8")
    entries, _ = tool.update("demo", [src], [])
    assert [(e.source, e.kind) for e in entries] == [("保存", "unfinished"), ("取消", "unfinished")]
    data = tool.read_ts(tmp_path / "demo_en.ts")
    data[(tool.CONTEXT, "保存")].translation = "Save"
    data[(tool.CONTEXT, "保存")].kind = ""
    tool.write_ts(tmp_path / "demo_en.ts", list(data.values()))
    src.write_text('tr("保存")\ntr("删除")\n', encoding="utf-8")
    entries, _ = tool.update("demo", [src], [])
    got = {(e.source, e.translation, e.kind) for e in entries}
    assert got == {("保存", "Save", ""), ("删除", "", "unfinished")}   # 取消 had no translation: dropped
    qm = tool.compile_ts(tmp_path / "demo_en.ts")
    t = QTranslator()
    assert t.load(str(qm)) and t.translate(tool.CONTEXT, "保存") == "Save"


def test_no_string_is_translated_two_ways():
    """All areas share one context, so one Chinese string has one English text;
    otherwise the screen shows whichever catalogue Qt searches first."""
    found = tool.conflicts()
    lines = [f"[{ctx}] {src}: " + "; ".join(f"{t!r} in {', '.join(f)}" for t, f in v.items())
             for (ctx, src), v in found.items()]
    assert lines == [], "agree on one translation:\n" + "\n".join(lines)


def test_catalogues_read_and_write_back_unchanged(tmp_path):
    """Every location names a project file, and read_ts → write_ts keeps the entries,
    their locations included (a hand edit through these functions used to turn
    ../../ui/x.py into ../../../../ui/x.py)."""
    for ts in sorted(I18N.glob("*_en.ts")):
        entries = tool.read_ts(ts)
        gone = sorted({f for e in entries.values() for f, _ in e.locations if not (ROOT / f).is_file()})
        assert gone == [], f"{ts.name}: locations of no file: {gone[:5]}"
        copy = tmp_path / ts.name
        tool.write_ts(copy, list(entries.values()))
        assert tool.read_ts(copy) == entries
