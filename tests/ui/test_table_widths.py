"""Column widths of TableView: never narrower than the header in the current language;
label and number columns fit their text; free text and the last column keep their widths."""

from __future__ import annotations

from dataclasses import dataclass

from propdesk.models.enums import ROOM_STATUSES
from ui.i18n import label, set_language, tr_noop
from ui.widgets.table import FIT_MAX, Column, RowTableModel, TableView


@dataclass
class R:
    code: str
    status: str
    note: str


COLUMNS = [
    Column(tr_noop("保修期至"), lambda r: r.code, width=30),          # "Warranty until"
    Column(tr_noop("状态"), lambda r: r.status, text=lambda v: label(ROOM_STATUSES, v), width=30),
    Column(tr_noop("备注"), lambda r: r.note, width=40),               # free text
    Column(tr_noop("房间编码"), lambda r: r.code, width=20),           # last: stretches
]
ROWS = [R("A1", "sold", "很长的备注" * 20), R("A2", "vacant", "")]


def _view(qtbot, rows=()):
    view = TableView()
    qtbot.addWidget(view)
    model = RowTableModel(COLUMNS, rows)
    view.setModel(model)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    return view, model


def test_a_column_is_widened_to_its_header_after_switching_language(qtbot):
    view, _model = _view(qtbot)
    header = view.horizontalHeader()
    zh = view.columnWidth(0)
    assert zh >= header.sectionSizeHint(0)
    set_language("en")
    view.retranslate()   # what the LanguageChange event does
    qtbot.waitUntil(lambda: header.model().headerData(0, header.orientation()) == "Warranty until")
    assert view.columnWidth(0) >= header.sectionSizeHint(0) > zh
    assert view.columnWidth(2) >= header.sectionSizeHint(2)


def test_label_columns_fit_their_longest_label_free_text_does_not(qtbot):
    set_language("en")
    view, model = _view(qtbot)
    model.set_rows(ROWS)
    fm = view.fontMetrics()
    assert view.columnWidth(1) >= fm.horizontalAdvance(label(ROOM_STATUSES, "sold"))
    assert view.columnWidth(1) <= FIT_MAX
    assert view.columnWidth(2) == max(40, view.horizontalHeader().sectionSizeHint(2))


def test_widths_only_grow_and_contents_fit_only_on_the_first_rows(qtbot):
    view, model = _view(qtbot)
    model.set_rows(ROWS)
    view.setColumnWidth(0, 300)          # the user dragged it wider
    view.setColumnWidth(1, 30)           # and this one narrower
    model.set_rows(ROWS)                 # a refresh keeps both
    assert view.columnWidth(0) == 300 and view.columnWidth(1) == 30
    set_language("en")
    view.retranslate()                   # new labels: fitted again, never narrowed
    assert view.columnWidth(0) == 300
    assert view.columnWidth(1) >= view.fontMetrics().horizontalAdvance(label(ROOM_STATUSES, "sold"))


def test_the_last_column_stretches_and_keeps_its_header_when_the_table_scrolls(qtbot):
    view, model = _view(qtbot)
    header = view.horizontalHeader()
    last = len(COLUMNS) - 1
    assert header.sectionSize(last) > 300          # fills the 900-pixel view
    view.resize(200, 300)                          # narrower than the columns: it scrolls
    set_language("en")
    view.retranslate()
    qtbot.waitUntil(lambda: header.sectionSize(last) >= header.sectionSizeHint(last))
    view.resize(900, 300)
    qtbot.waitUntil(lambda: header.sectionSize(last) > 300)
