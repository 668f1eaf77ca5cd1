"""发卡: the issuance dialog — the form, the live reader status, and the prompts
(放卡 → 写卡中 → 校验通过) while the card is written on the reader's own thread."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox,
    QVBoxLayout, QWidget,
)

from propdesk.cards import secrets as site_secrets
from propdesk.cards.parking import add_months
from propdesk.errors import Problem, ValidationFailed
from propdesk.models.cards import CARD_TYPES
from propdesk.models.enums import OCCUPANT_ROLES
from propdesk.money import MoneyError, ZERO, fmt, to_decimal
from propdesk.services import cards as svc
from ui.cards.station import CARD, CardStation, reader_config
from ui.cards.widgets import TONES, ReaderBar, card_type_label
from ui.i18n import error_text, label, tr, tr_noop, translated
from ui.signals import emit
from ui.tasks import Changes
from ui.widgets.base import Retranslatable

CHARGE_LABELS = {"deposit": tr_noop("押金"), "card_fee": tr_noop("工本费"), "replace_fee": tr_noop("补卡费"),
                 "monthly": tr_noop("月卡停车费"), "deposit_refund": tr_noop("退押金")}


def charges_text(result: svc.CardResult) -> str:
    """What the holder has to do at the cashier after this operation."""
    parts, notes = [], []
    for kind, amount, state in result.charges:
        if state == "void":
            notes.append(tr("押金 {amount} 元尚未在收费台收取，已撤销，无需退还").format(amount=fmt(amount)))
        else:
            parts.append(tr("{what} {amount} 元").format(what=translated(CHARGE_LABELS[kind]), amount=fmt(amount)))
    if parts:
        refund = any(kind == "deposit_refund" for kind, _, _ in result.charges)
        notes.insert(0, (tr("请到收费台办理：{items}") if not refund else tr("请到收费台退还：{items}")).format(
            items="、".join(parts)))
    return "\n".join(notes)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class IssueCardDialog(Retranslatable, QDialog):
    """Issue a card for a room (or a customer); the dialog owns a reader station."""

    issued = Signal(object)   # CardResult

    def __init__(self, ctx, *, room_id: uuid.UUID | None = None, customer_id: uuid.UUID | None = None,
                 station: CardStation | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.room_id, self.customer_id = room_id, customer_id
        self.form_data: svc.IssueForm | None = None
        self.result: svc.CardResult | None = None
        self.setObjectName("issueCardDialog")
        self.setMinimumWidth(560)
        self._own_station = station is None
        self.station = station or CardStation(reader_config(ctx), parent=self)
        lay = QVBoxLayout(self)
        self.where = QLabel()
        self.where.setObjectName("dialogHeading")
        lay.addWidget(self.where)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.card_type = QComboBox()
        self.card_type.setObjectName("cardType")
        for code in CARD_TYPES:
            self.card_type.addItem("", code)
        self.holder = QComboBox()
        self.holder.setObjectName("holder")
        self.holder.setEditable(True)
        self.valid_from = QDateEdit(_qdate(dt.date.today()))
        self.valid_from.setObjectName("validFrom")
        self.valid_until = QDateEdit(_qdate(add_months(dt.date.today(), 12) - dt.timedelta(days=1)))
        self.valid_until.setObjectName("validUntil")
        for edit in (self.valid_from, self.valid_until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.months = QSpinBox()
        self.months.setObjectName("months")
        self.months.setRange(1, 60)
        self.months.setValue(1)
        self.deposit, self.card_fee, self.monthly_fee = QLineEdit("0.00"), QLineEdit("0.00"), QLineEdit("")
        self.deposit.setObjectName("deposit")
        self.card_fee.setObjectName("cardFee")
        self.monthly_fee.setObjectName("monthlyFee")
        self.note = QLineEdit()
        self.overwrite = QCheckBox()
        self.overwrite.setObjectName("overwrite")
        self.labels = {k: QLabel() for k in ("type", "holder", "from", "until", "months", "deposit", "fee",
                                             "monthly", "note")}
        rows = [("type", self.card_type), ("holder", self.holder), ("from", self.valid_from),
                ("until", self.valid_until), ("months", self.months), ("monthly", self.monthly_fee),
                ("deposit", self.deposit), ("fee", self.card_fee), ("note", self.note)]
        for key, widget in rows:
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        form.addRow("", self.overwrite)
        self._form = form
        lay.addLayout(form)

        self.reader = ReaderBar(self.station, "", self)
        lay.addWidget(self.reader)
        self.prompt = QLabel()
        self.prompt.setObjectName("cardPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setMinimumHeight(48)
        lay.addWidget(self.prompt)
        self.buttons = QDialogButtonBox()
        self.issue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("issueButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self.card_type.currentIndexChanged.connect(self._type_changed)
        self.station.status_changed.connect(self._reader_changed)
        self.retranslate()
        self._type_changed()
        self._load()

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(tr("发卡"))
        for i in range(self.card_type.count()):
            self.card_type.setItemText(i, card_type_label(self.card_type.itemData(i)))
        texts = {"type": tr("卡类型(&T)"), "holder": tr("持卡人(&H)"), "from": tr("生效日期"),
                 "until": tr("有效期至(&U)"), "months": tr("月数"), "deposit": tr("押金（元）"),
                 "fee": tr("工本费（元）"), "monthly": tr("月租（元/月）"), "note": tr("备注")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.overwrite.setText(tr("覆盖卡上本系统未登记的凭证（仅在确认是本处写卡失败遗留的卡时勾选）"))
        self.issue_button.setText(tr("发卡(&I)"))
        self.reader.set_prompt(tr("请把空白卡平放在读卡器上"))
        self._show_where()
        if self.result is None and not self.prompt.text():
            self._set_prompt(tr("填写持卡信息后，把空白卡放在读卡器上，点击“发卡”。"), "info")

    def _show_where(self) -> None:
        f = self.form_data
        if f is None:
            self.where.setText(tr("正在读取资料…"))
        elif f.room_code:
            self.where.setText(tr("房间 {room}").format(room=f.room_code))
        else:
            self.where.setText(tr("未关联房间"))

    def _set_prompt(self, text: str, tone: str) -> None:
        self.prompt.setText(text)
        self.prompt.setProperty("tone", tone)
        self.prompt.setStyleSheet(f"color:{TONES[tone]}; font-size:15px;")

    # -- data --------------------------------------------------------------------------------
    def _load(self) -> None:
        actor, rid, cid = self.ctx.actor, self.room_id, self.customer_id
        self.ctx.tasks.read(lambda s: svc.issue_form(s, actor, room_id=rid, customer_id=cid), parent=self,
                            key=f"issue-form-{id(self)}").success(self._loaded).run()

    def _loaded(self, form: svc.IssueForm) -> None:
        self.form_data = form
        self._show_where()
        self._type_changed()

    def _type_changed(self) -> None:
        code = self.card_type.currentData()
        f = self.form_data
        self.holder.clear()
        if f is not None:
            if code == "vehicle":
                for vid, plate, owner, space in f.vehicles:
                    self.holder.addItem(f"{plate}（{owner}{'，' + space if space else ''}）", vid)
            elif code in ("resident", "temporary"):
                for cid, name, role in f.people:
                    self.holder.addItem(f"{name}（{label(OCCUPANT_ROLES, role)}）" if role else name, cid)
        self.holder.setEditable(code in ("staff", "temporary"))
        if code in ("staff", "temporary"):
            self.holder.setCurrentIndex(-1)
            self.holder.setEditText("")
        tariff = f.tariffs.get(code) if f else None
        deposit, fee, _, monthly = tariff if tariff else (ZERO, ZERO, ZERO, None)
        self.deposit.setText(fmt(deposit))
        self.card_fee.setText(fmt(fee))
        self.monthly_fee.setText(fmt(monthly) if monthly else "")
        monthly_card = code == "vehicle" and bool(monthly)
        self._form.setRowVisible(self.months, monthly_card)
        self._form.setRowVisible(self.monthly_fee, code == "vehicle")
        self._form.setRowVisible(self.valid_until, not monthly_card)
        if code == "temporary":
            self.valid_until.setDate(_qdate(dt.date.today() + dt.timedelta(days=7)))
        self._update_button()

    def _reader_changed(self, status) -> None:
        self._update_button()

    def _update_button(self) -> None:
        busy = self.station.busy
        self.issue_button.setEnabled(not busy and self.result is None and self.form_data is not None
                                     and self.station.status.state == CARD)
        self.card_type.setEnabled(not busy and self.result is None)

    # -- issuing -------------------------------------------------------------------------------
    def request(self) -> svc.IssueRequest:
        code = self.card_type.currentData()
        problems = []

        def money(edit: QLineEdit, where: str, optional: bool = False) -> Decimal | None:
            text = edit.text().strip()
            if optional and not text:
                return None
            try:
                return to_decimal(text or "0")
            except MoneyError:
                problems.append(Problem(where, f"金额无效：{text}", f"invalid amount: {text}"))
                return ZERO

        data = self.holder.currentData() if self.holder.currentIndex() >= 0 and \
            self.holder.currentText() == self.holder.itemText(self.holder.currentIndex()) else None
        monthly = money(self.monthly_fee, "月租", optional=True) if code == "vehicle" else None
        req = svc.IssueRequest(
            card_type=code, room_id=self.form_data.room_id if self.form_data else None,
            customer_id=data if code in ("resident", "temporary") else None,
            vehicle_id=data if code == "vehicle" else None,
            holder_name="" if data else self.holder.currentText().strip(),
            valid_from=_pydate(self.valid_from.date()), valid_until=_pydate(self.valid_until.date()),
            months=self.months.value() if code == "vehicle" and monthly else None,
            deposit=money(self.deposit, "押金"), card_fee=money(self.card_fee, "工本费"),
            monthly_fee=monthly if monthly else (ZERO if code == "vehicle" else None),
            note=self.note.text().strip(), overwrite=self.overwrite.isChecked())
        if problems:
            raise ValidationFailed(problems)
        return req

    def submit(self) -> None:
        try:
            req = self.request()
            secrets = site_secrets.load()
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            self._set_prompt(error_text(exc), "error")
            return
        actor, db = self.ctx.actor, self.ctx.db
        uid = self.station.status.uid

        def job(card_io):
            with db.session() as s:
                return svc.issue_card(s, actor, card_io, secrets, req)

        self._set_prompt(tr("正在写卡 {uid}，请勿移动卡片…").format(uid=uid), "busy")
        self.station.submit(job, self._done, self._failed)
        self._update_button()

    def _done(self, result: svc.CardResult) -> None:
        self.result = result
        lines = [tr("校验通过，发卡成功：{uid} {type} {holder}，有效期至 {until}").format(
            uid=result.uid, type=card_type_label(result.card_type), holder=result.holder_name,
            until=result.valid_until.isoformat())]
        if result.recovered:
            lines.append(tr("（此卡上次写入中断，本次已续写完成）"))
        due = charges_text(result)
        if due:
            lines.append(due)
        self._set_prompt("\n".join(lines), "ok")
        self._update_button()
        emit(self.ctx.tasks.changed, Changes.of(rooms=[r for r in [self.room_id] if r],
                                                customers=[c for c in [self.customer_id] if c],
                                                entities=["gate_card"]))
        emit(self.issued, result)

    def _failed(self, exc: BaseException) -> None:
        self._set_prompt(error_text(exc), "error")
        self._update_button()

    def done(self, code: int) -> None:  # noqa: D401 - QDialog.done: closing in any way
        if self._own_station:
            self.station.close()
        super().done(code)
