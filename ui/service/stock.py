"""物料库存: stock on hand with low-stock warnings, 入库/领料/返库 documents of several
lines, 盘点 with the differences, and the 库存流水 with 冲销."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from propdesk.money import fmt
from propdesk.security import STOCK_MANAGE, STOCK_OVERRIDE
from propdesk.services.service_desk import stock
from propdesk.services.service_desk.codes import MOVEMENT_KINDS
from ui.i18n import error_text, label, tr, tr_noop, translated
from ui.service.forms import DONE, OVERDUE, FormDialog, find_data, text_edit
from ui.tasks import Changes, show_info
from ui.widgets.base import Retranslatable, Screen
from ui.widgets.fields import DecimalEdit, ErrorLabel
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.table import Column, RowTableModel, TableView

CHANGES = Changes.of(entities=["stock"])

LEVEL_COLUMNS = [
    Column(tr_noop("物料编码"), lambda r: r.code, width=80,
           color=lambda r: OVERDUE if r.low else None),
    Column(tr_noop("名称"), lambda r: r.name, width=120),
    Column(tr_noop("规格"), lambda r: r.spec, width=80),
    Column(tr_noop("类别"), lambda r: r.category, width=60),
    Column(tr_noop("单位"), lambda r: r.unit, width=45),
    Column(tr_noop("库存"), lambda r: stock.fmt_qty(r.on_hand), align="right", width=70,
           color=lambda r: OVERDUE if r.low else None),
    Column(tr_noop("库存下限"), lambda r: stock.fmt_qty(r.min_qty), align="right", width=70),
    Column(tr_noop("单价"), lambda r: fmt(r.price), align="right", width=70),
    Column(tr_noop("金额"), lambda r: fmt(r.value), align="right", width=80),
    Column(tr_noop("预警"), lambda r: tr("低于下限") if r.low else "",
           color=lambda r: OVERDUE),
]
LEDGER_COLUMNS = [
    Column(tr_noop("日期"), lambda m: m.moved_on, width=85),
    Column(tr_noop("单据号"), lambda m: m.doc_no, width=170,
           color=lambda m: DONE if m.reversed else None),
    Column(tr_noop("类型"), lambda m: m.kind, text=lambda v: label(MOVEMENT_KINDS, v), width=70),
    Column(tr_noop("物料"), lambda m: f"{m.item_code} {m.item_name}", width=140),
    Column(tr_noop("数量"), lambda m: stock.fmt_qty(m.qty), align="right", width=70,
           color=lambda m: OVERDUE if m.override else None),
    Column(tr_noop("单位"), lambda m: m.unit, width=45),
    Column(tr_noop("单价"), lambda m: fmt(m.unit_price), align="right", width=70),
    Column(tr_noop("往来"), lambda m: m.party, width=110),
    Column(tr_noop("工单"), lambda m: m.work_order_no, width=170),
    Column(tr_noop("经办"), lambda m: m.operator_name, width=90),
    Column(tr_noop("说明"), lambda m: (tr("【已冲销】") if m.reversed else "")
           + (tr("【负库存】") if m.override else "") + m.note),
]
DOC_TITLES = {"in": tr_noop("入库单"), "out": tr_noop("领料单"), "return": tr_noop("返库单")}
PARTY = {"in": tr_noop("供应商"), "out": tr_noop("领料人"), "return": tr_noop("退料人")}


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip()) if text.strip() else None
    except InvalidOperation:
        return None


class StockDocDialog(Retranslatable, QDialog):
    """One 入库/领料/返库 document of several lines."""

    def __init__(self, ctx, levels: list[stock.StockLevel], mode: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = mode
        self.levels = [lv for lv in levels if lv.active]
        self.result = None
        self.setObjectName(f"stockDoc_{mode}")
        self.resize(640, 420)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.party = QLineEdit()
        self.party.setObjectName("party")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.party_label, self.note_label = QLabel(), QLabel()
        form.addRow(self.party_label, self.party)
        form.addRow(self.note_label, self.note)
        lay.addLayout(form)
        self.lines = QTableWidget(0, 3)
        self.lines.setObjectName("docLines")
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setColumnHidden(2, mode != "in")
        lay.addWidget(self.lines, 1)
        bar = QHBoxLayout()
        self.add_line_button, self.remove_line_button = QPushButton(), QPushButton()
        self.override = QCheckBox()
        self.override.setObjectName("override")
        self.override.setVisible(mode == "out" and ctx.can(STOCK_OVERRIDE))
        bar.addWidget(self.add_line_button)
        bar.addWidget(self.remove_line_button)
        bar.addStretch(1)
        bar.addWidget(self.override)
        lay.addLayout(bar)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button.clicked.connect(
            lambda: self.lines.removeRow(self.lines.currentRow()))
        self.add_line()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(translated(DOC_TITLES[self.mode]))
        self.party_label.setText(translated(PARTY[self.mode]))
        self.note_label.setText(tr("说明"))
        self.lines.setHorizontalHeaderLabels([tr("物料"), tr("数量"), tr("进价")])
        self.add_line_button.setText(tr("加一行"))
        self.remove_line_button.setText(tr("删除所选行"))
        self.override.setText(tr("允许负库存（将记录在审计日志）"))

    def add_line(self, item_id=None, qty: str = "", price: str = "") -> int:
        r = self.lines.rowCount()
        self.lines.insertRow(r)
        combo = QComboBox()
        for lv in self.levels:
            combo.addItem(f"{lv.code} {lv.name} {lv.spec}（{stock.fmt_qty(lv.on_hand)}{lv.unit}）",
                          lv.item_id)
        if item_id is not None:
            combo.setCurrentIndex(max(0, find_data(combo, item_id)))
        self.lines.setCellWidget(r, 0, combo)
        self.lines.setItem(r, 1, QTableWidgetItem(qty))
        self.lines.setItem(r, 2, QTableWidgetItem(price))
        return r

    def doc_lines(self) -> list[stock.StockLine]:
        out = []
        for r in range(self.lines.rowCount()):
            qty = _dec(self.lines.item(r, 1).text() if self.lines.item(r, 1) else "")
            if qty is None:
                continue
            price = _dec(self.lines.item(r, 2).text()) if self.mode == "in" and \
                self.lines.item(r, 2) else None
            out.append(stock.StockLine(self.lines.cellWidget(r, 0).currentData(), qty, price))
        return out

    def submit(self):
        lines, actor, mode = self.doc_lines(), self.ctx.actor, self.mode
        party, note, override = self.party.text().strip(), self.note.text().strip(), \
            self.override.isChecked()

        def work(s):
            if mode == "in":
                return stock.stock_in(s, actor, lines, supplier=party, note=note)
            if mode == "out":
                return stock.issue(s, actor, lines, recipient=party, note=note, override=override)
            return stock.return_stock(s, actor, lines, returned_by=party, note=note)
        self.error.clear_error()
        self.buttons.setEnabled(False)
        return self.ctx.tasks.write(work, parent=self, changes=CHANGES) \
            .success(self._done).failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _done(self, moves) -> None:
        self.result = moves
        self.accept()


class StocktakeDialog(Retranslatable, QDialog):
    """盘点: the book quantity of every item, the counted quantity typed beside it."""

    def __init__(self, ctx, levels: list[stock.StockLevel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.levels = [lv for lv in levels if lv.active]
        self.result: stock.StocktakeResult | None = None
        self.setObjectName("stocktakeDialog")
        self.resize(700, 520)
        lay = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.table = QTableWidget(len(self.levels), 5)
        self.table.setObjectName("countTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, lv in enumerate(self.levels):
            cells = [f"{lv.code} {lv.name} {lv.spec}", lv.unit, stock.fmt_qty(lv.on_hand),
                     stock.fmt_qty(lv.on_hand), ""]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(text)
                if c != 3:
                    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c in (2, 3, 4):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                        | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, it)
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note_label = QLabel()
        form.addRow(self.note_label, self.note)
        lay.addLayout(form)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.table.itemChanged.connect(self._recount)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("盘点"))
        self.hint.setText(tr("在“实盘数量”列填写清点结果；与账面不同的物料将生成盘盈/盘亏调整。"))
        self.table.setHorizontalHeaderLabels([tr("物料"), tr("单位"), tr("账面数量"),
                                              tr("实盘数量"), tr("差异")])
        self.note_label.setText(tr("说明"))

    def set_count(self, row: int, text: str) -> None:
        self.table.item(row, 3).setText(text)

    def _recount(self, item: QTableWidgetItem) -> None:
        if item.column() != 3:
            return
        r = item.row()
        counted = _dec(item.text())
        book = self.levels[r].on_hand
        diff = self.table.item(r, 4)
        if diff is None:
            return
        self.table.blockSignals(True)
        if counted is None:
            diff.setText(tr("无效"))
            diff.setForeground(OVERDUE)
        else:
            d = counted - book
            diff.setText("" if d == 0 else (("+" if d > 0 else "") + stock.fmt_qty(d)))
            diff.setForeground(OVERDUE if d < 0 else QColor("#2E8B57"))
        self.table.blockSignals(False)

    def counts(self) -> dict:
        out = {}
        for r, lv in enumerate(self.levels):
            out[lv.item_id] = _dec(self.table.item(r, 3).text())
        return out

    def submit(self):
        counts, actor, note = self.counts(), self.ctx.actor, self.note.text().strip()
        if any(v is None for v in counts.values()):
            self.error.show_error(tr("有物料的实盘数量不是有效数字，请检查红色“无效”的行"))
            return None
        self.buttons.setEnabled(False)
        return self.ctx.tasks.write(lambda s: stock.stocktake(s, actor, counts, note=note),
                                    parent=self, changes=CHANGES) \
            .success(self._done).failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _done(self, result: stock.StocktakeResult) -> None:
        self.result = result
        self.accept()


def item_dialog(ctx, parent=None, item: stock.StockLevel | None = None) -> FormDialog:
    actor = ctx.actor
    code = QLineEdit(item.code if item else "")
    code.setReadOnly(item is not None)
    min_qty, price = DecimalEdit(3), DecimalEdit(2)
    name, spec, unit, cat = (QLineEdit(item.name if item else ""),
                             QLineEdit(item.spec if item else ""),
                             QLineEdit(item.unit if item else "个"),
                             QLineEdit(item.category if item else ""))
    if item:
        min_qty.set_value(item.min_qty)
        price.set_value(item.price)
    fields = [("code", tr_noop("物料编码"), code), ("name", tr_noop("物料名称"), name),
              ("spec", tr_noop("规格"), spec), ("unit", tr_noop("单位"), unit),
              ("category", tr_noop("类别"), cat), ("min_qty", tr_noop("库存下限"), min_qty),
              ("price", tr_noop("单价"), price), ("note", tr_noop("备注"), text_edit(48))]

    def work(s, v):
        v["min_qty"] = v["min_qty"] if v["min_qty"] is not None else Decimal("0")
        v["price"] = v["price"] if v["price"] is not None else Decimal("0")
        if item is None:
            return stock.create_item(s, actor, **v)
        v.pop("code")
        if not v["note"]:
            v.pop("note")
        return stock.update_item(s, actor, item.item_id, **v)
    return FormDialog(ctx, tr_noop("新增物料") if item is None else tr_noop("修改物料"), fields, work,
                      changes=CHANGES, parent=parent, object_name="itemDialog",
                      intro=tr_noop("单价用于有偿维修的材料费和盘点差异金额。"))


class StockScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = None
        self.levels: list[stock.StockLevel] = []
        manage = ctx.can(STOCK_MANAGE)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.warning = QLabel()
        self.warning.setStyleSheet("color:#C0392B;font-weight:bold;")
        top.addWidget(self.warning)
        lay.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stockTabs")
        lay.addWidget(self.tabs, 1)
        page = QWidget()
        pl = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.low_only = QCheckBox()
        self.low_only.setObjectName("lowOnly")
        bar.addWidget(self.search, 1)
        bar.addWidget(self.low_only)
        self.buttons = {}
        for key in ("item", "edit", "in", "out", "return", "stocktake"):
            b = QPushButton()
            b.setObjectName(f"stock_{key}")
            b.setVisible(manage)
            self.buttons[key] = b
            bar.addWidget(b)
        pl.addLayout(bar)
        self.level_model = RowTableModel(LEVEL_COLUMNS)
        self.level_table = TableView(export_title=tr_noop("库存"))
        self.level_table.setObjectName("levelTable")
        self.level_table.set_context(ctx)
        self.level_table.setModel(self.level_model)
        pl.addWidget(self.level_table, 1)
        self.tabs.addTab(page, "")
        page = QWidget()
        pl = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.reverse_button = QPushButton()
        self.reverse_button.setObjectName("reverse")
        self.reverse_button.setVisible(manage)
        bar.addStretch(1)
        bar.addWidget(self.reverse_button)
        pl.addLayout(bar)
        self.ledger_model = RowTableModel(LEDGER_COLUMNS)
        self.ledger_table = TableView(export_title=tr_noop("库存流水"))
        self.ledger_table.setObjectName("ledgerTable")
        self.ledger_table.set_context(ctx)
        self.ledger_table.setModel(self.ledger_model)
        self.ledger_hint = EmptyHint(self.ledger_table)
        self.loaded_once = False
        pl.addWidget(self.ledger_table, 1)
        self.tabs.addTab(page, "")
        self.search.returnPressed.connect(self.refresh)
        self.low_only.toggled.connect(self.refresh)
        self.buttons["item"].clicked.connect(lambda: self.edit_item(None))
        self.buttons["edit"].clicked.connect(lambda: self.edit_item(
            self.level_table.selected_row()))
        self.level_table.row_activated.connect(self.edit_item)
        for mode in ("in", "out", "return"):
            self.buttons[mode].clicked.connect(lambda _=False, m=mode: self.document(m))
        self.buttons["stocktake"].clicked.connect(self.take_stock)
        self.reverse_button.clicked.connect(self.reverse)
        ctx.tasks.changed.connect(self._on_changes)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("物料库存"))
        self.tabs.setTabText(0, tr("库存"))
        self.tabs.setTabText(1, tr("库存流水"))
        self.search.setPlaceholderText(tr("编码、名称、规格或类别，回车查询"))
        self.low_only.setText(tr("只看低于下限"))
        for key, text in (("item", tr("新增物料(&N)…")), ("edit", tr("修改(&E)…")), ("in", tr("入库(&I)…")),
                          ("out", tr("领料(&O)…")), ("return", tr("返库(&R)…")),
                          ("stocktake", tr("盘点(&T)…"))):
            self.buttons[key].setText(text)
        self.reverse_button.setText(tr("冲销所选行(&S)…"))
        self.ledger_hint.set_text(tr("还没有库存流水：入库、领料、返库和盘点后在这里逐笔列出")
                                  if self.loaded_once else "")     # nothing said while loading
        low = sum(1 for lv in self.levels if lv.low)
        self.warning.setText(tr("{n} 种物料低于库存下限").format(n=low) if low else "")

    def refresh(self):
        actor, text, low = self.ctx.actor, self.search.text().strip(), self.low_only.isChecked()

        def work(s):
            return (stock.stock_levels(s, actor), stock.stock_levels(s, actor, text=text,
                                                                     low_only=low),
                    stock.ledger(s, actor, limit=2000))
        return self.ctx.tasks.read(work, parent=self, key=f"stock-{id(self)}") \
            .success(self._show).run()

    def _show(self, result) -> None:
        self.levels, shown, ledger = result
        self.level_model.set_rows(shown)
        self.ledger_model.set_rows(ledger)
        self.loaded_once = True
        self.retranslate()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("stock") and self.isVisible():
            self.refresh()

    def activated(self) -> None:
        self.refresh()

    def _open(self, dlg):
        self.dialog = dlg
        dlg.open()
        return dlg

    def edit_item(self, item=None):
        return self._open(item_dialog(self.ctx, self, item))

    def document(self, mode: str):
        return self._open(StockDocDialog(self.ctx, self.levels, mode, self))

    def take_stock(self):
        dlg = StocktakeDialog(self.ctx, self.levels, self)
        dlg.accepted.connect(lambda: self._stocktaken(dlg.result))
        return self._open(dlg)

    def _stocktaken(self, res: stock.StocktakeResult) -> None:
        if res is None:
            return
        lines = [tr("{code} {name}：账面 {book}，实盘 {counted}，{kind} {diff}").format(
            code=r.code, name=r.name, book=stock.fmt_qty(r.book_qty),
            counted=stock.fmt_qty(r.counted_qty), kind=tr("盘盈") if r.diff > 0 else tr("盘亏"),
            diff=stock.fmt_qty(abs(r.diff))) for r in res.differences]
        head = tr("盘点单 {number}：{n} 项，差异 {d} 项").format(
            number=res.number, n=len(res.rows), d=len(res.differences))
        show_info(self, "\n".join([head, *lines]) if lines else head + "\n" + tr("账实相符"),
                  tr("盘点"))

    def reverse(self):
        m = self.ledger_table.selected_row()
        if m is None:
            return None
        actor = self.ctx.actor
        return self._open(FormDialog(
            self.ctx, tr_noop("冲销"), [("reason", tr_noop("冲销原因"), text_edit(56))],
            lambda s, v: stock.reverse(s, actor, m.id, reason=v["reason"]), changes=CHANGES,
            parent=self, object_name="reverseDialog",
            intro=tr_noop("冲销会生成一张数量相反的单据，原单据保留。")))

    def current_table(self):
        return self.level_table if self.tabs.currentIndex() == 0 else self.ledger_table
