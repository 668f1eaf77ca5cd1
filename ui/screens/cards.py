"""门禁卡 screen: find any card fast (挂失 in under a minute), read and check a card,
export the gate lists; the temporary-parking calculator; card and parking fee settings."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from propdesk.cards.parking import CAP_MODES, TempParkingRule
from propdesk.errors import Problem, ValidationFailed
from propdesk.models.cards import CARD_STATUSES, CARD_TYPES
from propdesk.money import MoneyError, fmt, to_decimal
from propdesk.security import BILL_VIEW, CARD_ISSUE, FEE_EDIT
from propdesk.services import cards_parking as parking_svc
from ui.cards.panel import CardsPanel
from ui.cards.tools import ExportDialog, InspectDialog, latest_version
from ui.cards.widgets import TONES, card_status_label, card_type_label  # noqa: F401
from ui.i18n import error_text, label, tr, tr_noop
from ui.icons import icon
from ui.tasks import Changes
from ui.widgets.base import Screen
from ui.widgets.table import Column, RowTableModel, TableView

FEE_COLUMNS = [
    Column(tr_noop("时段"), lambda ln: ln.label, width=110),
    Column(tr_noop("分钟"), lambda ln: ln.minutes, width=60),
    Column(tr_noop("金额"), lambda ln: ln.amount, width=70),
    Column(tr_noop("计算"), lambda ln: ln.formula),
]


def _pydt(q: QDateTime) -> dt.datetime:
    d, t = q.date(), q.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


def _money(text: str, where: str, problems: list[Problem], optional: bool = False) -> Decimal | None:
    text = text.strip()
    if optional and not text:
        return None
    try:
        return to_decimal(text or "0")
    except MoneyError:
        problems.append(Problem(where, f"金额无效：{text}", f"invalid amount: {text}"))
        return Decimal("0")


class CardsScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("cardsTabs")
        lay.addWidget(self.tabs)

        # -- cards ------------------------------------------------------------------------
        cards = QWidget()
        cards_lay = QVBoxLayout(cards)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("cardSearch")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status = QComboBox()
        self.status.setObjectName("cardStatusFilter")
        self.status.addItem("", None)
        for code in CARD_STATUSES:
            self.status.addItem("", code)
        self.inspect_button = QPushButton()
        self.inspect_button.setObjectName("inspectCard")
        self.export_button = QPushButton(icon("export"), "")
        self.export_button.setObjectName("exportLists")
        self.export_button.setVisible(ctx.can(CARD_ISSUE))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status)
        bar.addWidget(self.inspect_button)
        bar.addWidget(self.export_button)
        cards_lay.addLayout(bar)
        self.panel = CardsPanel(ctx, "search", self)
        cards_lay.addWidget(self.panel, 1)
        self.tabs.addTab(cards, "")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.run_search())
        self.inspect_button.clicked.connect(self.inspect)
        self.export_button.clicked.connect(self.export)

        # -- temporary parking ----------------------------------------------------------------
        self.parking = QWidget()
        p_lay = QVBoxLayout(self.parking)
        form = QFormLayout()
        self.estate = QComboBox()
        self.estate.setObjectName("parkingEstate")
        now = QDateTime.currentDateTime()
        self.entered = QDateTimeEdit(now.addSecs(-2 * 3600))
        self.entered.setObjectName("entered")
        self.left = QDateTimeEdit(now)
        self.left.setObjectName("left")
        for edit in (self.entered, self.left):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.calc_button = QPushButton()
        self.calc_button.setObjectName("calcParking")
        self.p_labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self.p_labels[0], self.estate)
        form.addRow(self.p_labels[1], self.entered)
        form.addRow(self.p_labels[2], self.left)
        form.addRow("", self.calc_button)
        p_lay.addLayout(form)
        self.rule_text = QLabel()
        self.rule_text.setObjectName("muted")
        self.rule_text.setWordWrap(True)
        p_lay.addWidget(self.rule_text)
        self.fee_total = QLabel()
        self.fee_total.setObjectName("parkingTotal")
        p_lay.addWidget(self.fee_total)
        self.fee_model = RowTableModel(FEE_COLUMNS)
        self.fee_table = TableView(export_title=tr_noop("临时停车费"))
        self.fee_table.setObjectName("parkingLines")
        self.fee_table.setModel(self.fee_model)
        p_lay.addWidget(self.fee_table, 1)
        self.calc_button.clicked.connect(self.calculate)
        self.estate.currentIndexChanged.connect(self._estate_changed)
        if ctx.can(BILL_VIEW):
            self.tabs.addTab(self.parking, "")

        # -- fee settings ------------------------------------------------------------------------
        self.settings_page = QWidget()
        self._build_settings()
        if ctx.can(FEE_EDIT):
            self.tabs.addTab(self.settings_page, "")
        self.retranslate()
        self._loaded_estates = False

    # -- screen ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = [tr("门禁卡"), tr("临时停车"), tr("收费设置")]
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            index = 0 if page is not self.parking and page is not self.settings_page else (
                1 if page is self.parking else 2)
            self.tabs.setTabText(i, titles[index])
        self.search.setPlaceholderText(tr("卡号、姓名、房间或车牌（挂失：找到卡后点“挂失”）"))
        self.status.setItemText(0, tr("全部状态"))
        for i in range(1, self.status.count()):
            self.status.setItemText(i, card_status_label(self.status.itemData(i)))
        self.inspect_button.setText(tr("读卡核验(&V)…"))
        self.export_button.setText(tr("导出名单(&E)…"))
        for lbl, text in zip(self.p_labels, (tr("小区"), tr("入场时间"), tr("出场时间"))):
            lbl.setText(text)
        self.calc_button.setText(tr("计算停车费"))
        self._retranslate_settings()

    def activated(self) -> None:
        self.run_search()
        if not self._loaded_estates:
            self._loaded_estates = True
            actor = self.ctx.actor
            self.ctx.tasks.read(lambda s: parking_svc.estates(s, actor), parent=self,
                                key=f"card-estates-{id(self)}").success(self._estates).run()

    def current_table(self):
        return self.panel.table if self.tabs.currentIndex() == 0 else self.fee_table

    # -- cards ----------------------------------------------------------------------------------
    def run_search(self) -> None:
        self.panel.set_search(self.search.text().strip(), self.status.currentData())
        self.panel.load()

    def inspect(self) -> InspectDialog:
        dlg = InspectDialog(self.ctx, parent=self)
        dlg.show_card.connect(self._show_card)
        self.dialog = dlg
        dlg.open()
        return dlg

    def _show_card(self, card_id: uuid.UUID) -> None:
        if not self.panel.select_card(card_id):
            self.search.setText("")
            self.status.setCurrentIndex(0)
            self.panel.set_search("", None)
            self.panel.load(select_card=card_id)

    def export(self) -> None:
        self.ctx.tasks.read(latest_version, parent=self).success(self._open_export).run()

    def _open_export(self, latest: int) -> ExportDialog:
        dlg = ExportDialog(self.ctx, latest, parent=self)
        self.dialog = dlg
        dlg.open()
        return dlg

    # -- parking --------------------------------------------------------------------------------
    def _estates(self, rows) -> None:
        for combo in (self.estate, self.settings_estate):
            combo.blockSignals(True)
            combo.clear()
            for eid, code, name in rows:
                combo.addItem(f"{name}（{code}）", eid)
            combo.blockSignals(False)
        self._estate_changed()
        self._settings_estate_changed()

    def _estate_changed(self) -> None:
        eid, actor = self.estate.currentData(), self.ctx.actor
        if eid is None:
            return
        self.ctx.tasks.read(lambda s: parking_svc.fee_settings(s, actor, eid)[0], parent=self,
                            key=f"parking-rule-{id(self)}").success(self._show_rule).run()

    def _show_rule(self, rule: TempParkingRule | None) -> None:
        self.rule_text.setText(tr("收费标准：{rule}").format(rule=rule.describe()) if rule
                               else tr("该小区尚未设置临时停车收费标准"))
        self.calc_button.setEnabled(rule is not None)

    def calculate(self) -> None:
        eid, actor = self.estate.currentData(), self.ctx.actor
        entered, left = _pydt(self.entered.dateTime()), _pydt(self.left.dateTime())
        self.ctx.tasks.read(lambda s: parking_svc.temp_parking_fee(s, actor, estate_id=eid, entered=entered,
                                                                   left=left),
                            parent=self, key=f"parking-fee-{id(self)}") \
            .success(self._show_fee).failure(self._fee_failed).run()

    def _show_fee(self, fee) -> None:
        self.fee_model.set_rows(list(fee.lines))
        self.fee_total.setText(tr("停车 {duration}，应收 {amount} 元").format(duration=fee.duration_text,
                                                                      amount=fmt(fee.amount)))
        self.fee_total.setStyleSheet(f"color:{TONES['ok']}; font-size:20px; font-weight:600;")

    def _fee_failed(self, exc: BaseException) -> None:
        self.fee_model.set_rows([])
        self.fee_total.setText(error_text(exc))
        self.fee_total.setStyleSheet(f"color:{TONES['error']}; font-size:14px;")

    # -- fee settings ---------------------------------------------------------------------------
    def _build_settings(self) -> None:
        lay = QVBoxLayout(self.settings_page)
        top = QHBoxLayout()
        self.settings_estate = QComboBox()
        self.settings_estate.setObjectName("settingsEstate")
        self.settings_estate_label = QLabel()
        top.addWidget(self.settings_estate_label)
        top.addWidget(self.settings_estate, 1)
        lay.addLayout(top)
        self.tariff_box = QGroupBox()
        grid = QGridLayout(self.tariff_box)
        self.tariff_heads = [QLabel() for _ in range(5)]
        for col, head in enumerate(self.tariff_heads):
            grid.addWidget(head, 0, col)
        self.tariff_edits: dict[str, list[QLineEdit]] = {}
        self.tariff_names: dict[str, QLabel] = {}
        for row, code in enumerate(CARD_TYPES, start=1):
            self.tariff_names[code] = QLabel()
            grid.addWidget(self.tariff_names[code], row, 0)
            edits = [QLineEdit() for _ in range(4)]
            for col, edit in enumerate(edits, start=1):
                edit.setObjectName(f"tariff_{code}_{col}")
                edit.setMaximumWidth(110)
                grid.addWidget(edit, row, col)
            edits[3].setEnabled(code == "vehicle")
            self.tariff_edits[code] = edits
        lay.addWidget(self.tariff_box)
        self.rate_box = QGroupBox()
        form = QFormLayout(self.rate_box)
        self.rate_free, self.rate_first, self.rate_unit = QSpinBox(), QSpinBox(), QSpinBox()
        for spin, top_value in ((self.rate_free, 1440), (self.rate_first, 1440), (self.rate_unit, 1440)):
            spin.setRange(0, top_value)
        self.rate_unit.setMinimum(1)
        self.rate_first_fee, self.rate_unit_fee, self.rate_cap = QLineEdit(), QLineEdit(), QLineEdit()
        self.rate_mode = QComboBox()
        for code in CAP_MODES:
            self.rate_mode.addItem("", code)
        self.rate_deducted = QCheckBox()
        self.rate_labels = [QLabel() for _ in range(7)]
        for lbl, widget in zip(self.rate_labels, (self.rate_free, self.rate_first, self.rate_first_fee,
                                                  self.rate_unit, self.rate_unit_fee, self.rate_cap,
                                                  self.rate_mode)):
            form.addRow(lbl, widget)
        form.addRow("", self.rate_deducted)
        lay.addWidget(self.rate_box)
        self.save_settings = QPushButton()
        self.save_settings.setObjectName("saveFeeSettings")
        self.settings_message = QLabel()
        self.settings_message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_settings)
        bottom.addWidget(self.settings_message, 1)
        lay.addLayout(bottom)
        lay.addStretch(1)
        self.settings_estate.currentIndexChanged.connect(self._settings_estate_changed)
        self.save_settings.clicked.connect(self.save_fee_settings)

    def _retranslate_settings(self) -> None:
        self.settings_estate_label.setText(tr("小区"))
        self.tariff_box.setTitle(tr("门禁卡收费标准（元）"))
        for head, text in zip(self.tariff_heads, (tr("卡类型"), tr("押金"), tr("工本费"), tr("补卡费"),
                                                   tr("月租（元/月）"))):
            head.setText(text)
        for code, name in self.tariff_names.items():
            name.setText(card_type_label(code))
        self.rate_box.setTitle(tr("临时停车收费标准"))
        for lbl, text in zip(self.rate_labels, (tr("免费时长（分钟）"), tr("首段时长（分钟）"), tr("首段费用（元）"),
                                                 tr("之后每（分钟）"), tr("每段费用（元）"), tr("封顶（元，留空不封顶）"),
                                                 tr("封顶方式"))):
            lbl.setText(text)
        for i in range(self.rate_mode.count()):
            self.rate_mode.setItemText(i, label(CAP_MODES, self.rate_mode.itemData(i)))
        self.rate_deducted.setText(tr("超过免费时长后扣除免费时长（不勾选：全程计费）"))
        self.save_settings.setText(tr("保存收费设置"))

    def _settings_estate_changed(self) -> None:
        eid, actor = self.settings_estate.currentData(), self.ctx.actor
        if eid is None:
            return
        self.ctx.tasks.read(lambda s: parking_svc.fee_settings(s, actor, eid), parent=self,
                            key=f"fee-settings-{id(self)}").success(self._show_settings).run()

    def _show_settings(self, result) -> None:
        rule, tariffs = result
        for code, edits in self.tariff_edits.items():
            t = tariffs.get(code)
            values = (t.deposit, t.card_fee, t.replace_fee, t.monthly_fee) if t else (None,) * 4
            for edit, value in zip(edits, values):
                edit.setText(fmt(value) if value is not None else "")
        rule = rule or TempParkingRule()
        self.rate_free.setValue(rule.free_minutes)
        self.rate_first.setValue(rule.first_minutes)
        self.rate_first_fee.setText(fmt(rule.first_fee))
        self.rate_unit.setValue(rule.unit_minutes)
        self.rate_unit_fee.setText(fmt(rule.unit_fee))
        self.rate_cap.setText(fmt(rule.daily_cap) if rule.daily_cap is not None else "")
        self.rate_mode.setCurrentIndex(max(0, self.rate_mode.findData(rule.cap_mode)))
        self.rate_deducted.setChecked(rule.free_deducted)

    def save_fee_settings(self) -> None:
        eid, actor = self.settings_estate.currentData(), self.ctx.actor
        problems: list[Problem] = []
        tariffs = {}
        for code, edits in self.tariff_edits.items():
            if not any(e.text().strip() for e in edits):
                continue
            name = CARD_TYPES[code]
            tariffs[code] = (_money(edits[0].text(), name + " 押金", problems),
                             _money(edits[1].text(), name + " 工本费", problems),
                             _money(edits[2].text(), name + " 补卡费", problems),
                             _money(edits[3].text(), name + " 月租", problems, optional=True) if code == "vehicle"
                             else None)
        rule = TempParkingRule(
            free_minutes=self.rate_free.value(), first_minutes=self.rate_first.value(),
            first_fee=_money(self.rate_first_fee.text(), "首段费用", problems),
            unit_minutes=self.rate_unit.value(), unit_fee=_money(self.rate_unit_fee.text(), "每段费用", problems),
            daily_cap=_money(self.rate_cap.text(), "封顶", problems, optional=True),
            cap_mode=self.rate_mode.currentData(), free_deducted=self.rate_deducted.isChecked())
        if problems:
            self._settings_failed(ValidationFailed(problems))
            return

        def work(s):
            for code, (deposit, fee, replace_fee, monthly) in tariffs.items():
                parking_svc.set_card_tariff(s, actor, eid, code, deposit=deposit, card_fee=fee,
                                            replace_fee=replace_fee, monthly_fee=monthly)
            parking_svc.set_parking_rate(s, actor, eid, rule)

        self.save_settings.setEnabled(False)
        self.ctx.tasks.write(work, parent=self, changes=Changes.of(entities=["card_tariff", "parking_rate"])) \
            .success(self._settings_saved).failure(self._settings_failed) \
            .finally_(lambda: self.save_settings.setEnabled(True)).run()

    def _settings_saved(self, _result) -> None:
        self.settings_message.setText(tr("收费设置已保存"))
        self.settings_message.setStyleSheet(f"color:{TONES['ok']};")
        self._estate_changed()

    def _settings_failed(self, exc: BaseException) -> None:
        self.settings_message.setText(error_text(exc))
        self.settings_message.setStyleSheet(f"color:{TONES['error']};")


__all__ = ["CardsScreen"]
