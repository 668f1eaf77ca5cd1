"""延期, 补卡, 注销 and 挂失 of one card: small dialogs with the reader's live status.

Each dialog that needs the card builds a job ``fn(card_io)`` that runs one
service call in its own session on the reader's thread (see
:mod:`ui.cards.station`); 挂失 and 注销 without the card need no reader and go
through the ordinary writer thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QMessageBox, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from propdesk.cards import secrets as site_secrets
from propdesk.cards.parking import add_months
from propdesk.money import MoneyError, fmt, to_decimal
from propdesk.services import cards as svc
from ui.cards.issue_dialog import _pydate, _qdate, charges_text
from ui.cards.station import CARD, CardStation, reader_config
from ui.cards.widgets import TONES, ReaderBar, card_type_label
from ui.i18n import error_text, tr
from ui.signals import emit
from ui.tasks import Changes
from ui.widgets.base import Retranslatable


class CardJobDialog(Retranslatable, QDialog):
    """Base: a heading about the card, a form, the reader bar, a prompt and the buttons."""

    finished_ok = Signal(object)

    def __init__(self, ctx, row: svc.CardRow, *, station: CardStation | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.result = None
        self.setMinimumWidth(500)
        self._own_station = station is None
        self.station = station or CardStation(reader_config(ctx), parent=self)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        lay.addLayout(self.form)
        self.reader = ReaderBar(self.station, "", self)
        lay.addWidget(self.reader)
        self.prompt = QLabel()
        self.prompt.setObjectName("cardPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setMinimumHeight(40)
        lay.addWidget(self.prompt)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.station.status_changed.connect(lambda _s: self.update_state())

    # -- hooks -------------------------------------------------------------------------------
    def needs_card(self) -> bool:
        return True

    def expected_uid(self) -> str | None:
        """The card that must be on the reader (None: any card, e.g. a blank one)."""
        return self.row.uid

    def make_job(self, secrets):
        raise NotImplementedError

    def success_text(self, result) -> str:
        raise NotImplementedError

    def run_without_card(self) -> None:
        raise NotImplementedError

    # -- common ----------------------------------------------------------------------------------
    def heading_text(self) -> str:
        r = self.row
        return tr("{type} {uid}：{holder} {place}，有效期至 {until}").format(
            type=card_type_label(r.card_type), uid=r.uid, holder=r.holder_name, place=r.place_code or r.plate,
            until=r.valid_until.isoformat())

    def set_prompt(self, text: str, tone: str) -> None:
        self.prompt.setText(text)
        self.prompt.setProperty("tone", tone)
        self.prompt.setStyleSheet(f"color:{TONES[tone]}; font-size:15px;")

    def update_state(self) -> None:
        status = self.station.status
        ready = not self.needs_card() or (status.state == CARD and (
            self.expected_uid() is None or status.uid == self.expected_uid()))
        wrong_card = self.needs_card() and status.state == CARD and self.expected_uid() not in (None, status.uid)
        if wrong_card and self.result is None:
            self.set_prompt(tr("读卡器上是 {uid}，不是这张卡：请放上 {want}").format(
                uid=status.uid, want=self.expected_uid()), "warn")
        self.ok_button.setEnabled(ready and self.result is None and not self.station.busy)

    def submit(self) -> None:
        if not self.needs_card():
            self.ok_button.setEnabled(False)
            self.run_without_card()
            return
        try:
            secrets = site_secrets.load()
            job = self.make_job(secrets)
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            self.set_prompt(error_text(exc), "error")
            return
        self.set_prompt(tr("正在读写卡片，请勿移动卡片…"), "busy")
        self.station.submit(job, self.done_ok, self.failed)
        self.update_state()

    def done_ok(self, result) -> None:
        self.result = result
        self.set_prompt(self.success_text(result), "ok")
        self.update_state()
        emit(self.ctx.tasks.changed, Changes.of(entities=["gate_card"]))
        emit(self.finished_ok, result)

    def failed(self, exc: BaseException) -> None:
        self.set_prompt(error_text(exc), "error")
        self.update_state()

    def done(self, code: int) -> None:  # noqa: D401 - QDialog.done
        if self._own_station:
            self.station.close()
        super().done(code)


class RenewDialog(CardJobDialog):
    def __init__(self, ctx, row: svc.CardRow, *, monthly: bool = False, **kw) -> None:
        super().__init__(ctx, row, **kw)
        self.setObjectName("renewCardDialog")
        self.monthly = monthly
        self.until = QDateEdit(_qdate(add_months(max(row.valid_until, dt.date.today()), 12)))
        self.until.setObjectName("newValidUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.months = QSpinBox()
        self.months.setObjectName("months")
        self.months.setRange(1, 60)
        self.until_label, self.months_label = QLabel(), QLabel()
        self.form.addRow(self.until_label, self.until)
        self.form.addRow(self.months_label, self.months)
        self.form.setRowVisible(self.until, not monthly)
        self.form.setRowVisible(self.months, monthly)
        self.retranslate()
        self.update_state()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("门禁卡延期"))
        self.heading.setText(self.heading_text())
        self.until_label.setText(tr("新的有效期至"))
        self.months_label.setText(tr("续期月数"))
        self.ok_button.setText(tr("延期(&R)"))
        self.reader.set_prompt(tr("请把卡 {uid} 放在读卡器上").format(uid=self.row.uid))

    def make_job(self, secrets):
        actor, db, card_id = self.ctx.actor, self.ctx.db, self.row.card_id
        until = None if self.monthly else _pydate(self.until.date())
        months = self.months.value() if self.monthly else None

        def job(card_io):
            with db.session() as s:
                return svc.renew_card(s, actor, card_io, secrets, card_id, valid_until=until, months=months)
        return job

    def success_text(self, result) -> str:
        text = tr("延期成功：{uid} 有效期至 {until}").format(uid=result.uid, until=result.valid_until.isoformat())
        due = charges_text(result)
        return text + ("\n" + due if due else "")


class ReplaceDialog(CardJobDialog):
    def __init__(self, ctx, row: svc.CardRow, **kw) -> None:
        super().__init__(ctx, row, **kw)
        self.setObjectName("replaceCardDialog")
        self.fee = QLineEdit()
        self.fee.setObjectName("replaceFee")
        self.fee_label = QLabel()
        self.form.addRow(self.fee_label, self.fee)
        self.retranslate()
        self.update_state()

    def expected_uid(self) -> str | None:
        return None

    def update_state(self) -> None:
        super().update_state()
        if self.station.status.state == CARD and self.station.status.uid == self.row.uid and self.result is None:
            self.set_prompt(tr("读卡器上是原卡 {uid}：补卡请放一张新的空白卡").format(uid=self.row.uid), "warn")
            self.ok_button.setEnabled(False)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("补卡"))
        self.heading.setText(self.heading_text())
        self.fee_label.setText(tr("补卡费（元）"))
        self.fee.setPlaceholderText(tr("留空按收费标准"))
        self.ok_button.setText(tr("补卡(&P)"))
        self.reader.set_prompt(tr("请把新的空白卡放在读卡器上"))

    def make_job(self, secrets):
        actor, db, card_id = self.ctx.actor, self.ctx.db, self.row.card_id
        text = self.fee.text().strip()
        try:
            fee = to_decimal(text) if text else None
        except MoneyError:
            from propdesk.errors import Problem, ValidationFailed

            raise ValidationFailed([Problem("补卡费", f"金额无效：{text}", f"invalid amount: {text}")]) from None

        def job(card_io):
            with db.session() as s:
                return svc.replace_card(s, actor, card_io, secrets, card_id, fee=fee)
        return job

    def success_text(self, result) -> str:
        text = tr("补卡成功：新卡 {uid}，原卡 {old} 已列入黑名单").format(uid=result.uid, old=self.row.uid)
        due = charges_text(result)
        return text + ("\n" + due if due else "")


class CancelDialog(CardJobDialog):
    def __init__(self, ctx, row: svc.CardRow, **kw) -> None:
        super().__init__(ctx, row, **kw)
        self.setObjectName("cancelCardDialog")
        self.returned = QRadioButton()
        self.returned.setObjectName("cardReturned")
        self.not_returned = QRadioButton()
        self.not_returned.setObjectName("cardNotReturned")
        group = QButtonGroup(self)
        group.addButton(self.returned)
        group.addButton(self.not_returned)
        self.returned.setChecked(True)
        self.refund = QCheckBox()
        self.refund.setObjectName("refundDeposit")
        self.has_deposit = row.deposit_state in ("held", "due")
        self.refund.setChecked(self.has_deposit)
        self.refund.setEnabled(self.has_deposit)
        self.note = QLineEdit()
        self.note_label = QLabel()
        self.form.addRow(self.returned)
        self.form.addRow(self.not_returned)
        self.form.addRow(self.refund)
        self.form.addRow(self.note_label, self.note)
        self.returned.toggled.connect(self._mode_changed)
        self.retranslate()
        self._mode_changed()

    def needs_card(self) -> bool:
        return self.returned.isChecked()

    def _mode_changed(self) -> None:
        self.refund.setEnabled(self.returned.isChecked() and self.has_deposit)
        self.reader.setVisible(self.returned.isChecked())
        self.update_state()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("注销门禁卡"))
        self.heading.setText(self.heading_text())
        self.returned.setText(tr("卡已收回：放在读卡器上清除卡片（恢复出厂密钥）"))
        self.not_returned.setText(tr("卡未收回：列入黑名单，不退押金"))
        if self.row.deposit_state == "due":
            self.refund.setText(tr("撤销尚未收取的押金 {amount} 元").format(amount=fmt(self.row.deposit)))
        else:
            self.refund.setText(tr("退还押金 {amount} 元（到收费台办理）").format(amount=fmt(self.row.deposit)))
        self.note_label.setText(tr("备注"))
        self.ok_button.setText(tr("注销(&C)"))
        self.reader.set_prompt(tr("请把卡 {uid} 放在读卡器上").format(uid=self.row.uid))

    def make_job(self, secrets):
        actor, db, card_id = self.ctx.actor, self.ctx.db, self.row.card_id
        refund, note = self.refund.isChecked(), self.note.text().strip()

        def job(card_io):
            with db.session() as s:
                return svc.cancel_card(s, actor, card_id, card_io=card_io, secrets=secrets,
                                       refund_deposit=refund, note=note)
        return job

    def run_without_card(self) -> None:
        actor, card_id, note = self.ctx.actor, self.row.card_id, self.note.text().strip()
        self.ctx.tasks.write(lambda s: svc.cancel_card(s, actor, card_id, note=note), parent=self,
                             changes=Changes.of(entities=["gate_card"])) \
            .success(self.done_ok).failure(self.failed).run()

    def success_text(self, result) -> str:
        if self.returned.isChecked():
            text = tr("已注销：卡片 {uid} 已清除为出厂状态").format(uid=result.uid)
        else:
            text = tr("已注销：卡片 {uid} 未收回，已列入黑名单，请导出名单装入闸口").format(uid=result.uid)
        due = charges_text(result)
        return text + ("\n" + due if due else "")


def confirm_lost(ctx, row: svc.CardRow, parent: QWidget, on_done) -> QMessageBox:
    """挂失 after one confirmation: the card is blacklisted at once."""
    box = QMessageBox(parent)
    box.setObjectName("confirmLost")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("挂失"))
    box.setText(tr("挂失 {type} {uid}（{holder} {place}）？\n挂失后此卡立即列入黑名单，不能再开门。").format(
        type=card_type_label(row.card_type), uid=row.uid, holder=row.holder_name,
        place=row.place_code or row.plate))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.button(QMessageBox.StandardButton.Yes).setText(tr("挂失"))

    def answered(button) -> None:
        if box.standardButton(button) != QMessageBox.StandardButton.Yes:
            return
        actor, card_id = ctx.actor, row.card_id
        ctx.tasks.write(lambda s: svc.report_lost(s, actor, card_id), parent=parent,
                        changes=Changes.of(entities=["gate_card"])).success(on_done).run()

    box.buttonClicked.connect(answered)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


__all__ = ["CancelDialog", "CardJobDialog", "RenewDialog", "ReplaceDialog", "confirm_lost"]
