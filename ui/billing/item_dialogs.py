"""减免 and 调整 of one bill item, from the room's 费用信息 tab.

The dialog shows the item, takes an amount and a reason, previews the effect
("未缴 295.55 → 0.00") and writes through :func:`ledger.waive` /
:func:`ledger.adjust` on the writer thread.  An operator without the
permission the change needs (BILL_ADJUST to lower billed money, BILL_RUN to
raise it) asks a 主管 to type their user name and password on the spot, as the
cashier does for 作废/退款; the service records both.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from propdesk.billing.calc import yuan
from propdesk.security import BILL_ADJUST, BILL_RUN
from propdesk.services.billing import ledger
from propdesk.services.operators import authorize
from ui.i18n import error_text, tr, tr_noop, translated
from ui.tasks import Changes
from ui.widgets.base import Retranslatable
from ui.widgets.fields import DecimalEdit, ErrorLabel

CHANGES = Changes.of(entities={"bill_line", "allocation", "ledger_entry"})
TITLES = {"waive": tr_noop("减免"), "adjust": tr_noop("调整")}


def needed_permission(kind: str, amount: Decimal | None) -> str:
    """减免 always lowers the item; an adjustment up needs only BILL_RUN."""
    return BILL_RUN if kind == "adjust" and amount is not None and amount > 0 else BILL_ADJUST


class ItemChangeDialog(Retranslatable, QDialog):
    """减免 (``kind="waive"``) or 调整 (``kind="adjust"``) of ``item`` (a :class:`ledger.Item`).
    ``saved`` carries the amount the item changed by (negative for a waiver)."""

    saved = Signal(object)

    def __init__(self, ctx, kind: str, item: ledger.Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.item = item
        self.setObjectName(f"bill_{kind}")
        self.setMinimumWidth(460)
        self.facts = {k: QLabel() for k in ("period", "fee", "billed", "paid", "outstanding", "formula")}
        for k in ("billed", "paid", "outstanding"):
            self.facts[k].setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.facts["formula"].setWordWrap(True)
        self.facts["formula"].setObjectName("muted")
        self.facts["formula"].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amount = DecimalEdit(2, allow_empty=True, signed=kind == "adjust")
        self.amount.setObjectName("amount")
        if kind == "waive":
            self.amount.set_value(item.outstanding)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.effect = QLabel()
        self.effect.setObjectName("effect")
        self.effect.setWordWrap(True)
        self.sup_user = QLineEdit()
        self.sup_user.setObjectName("supervisorUser")
        self.sup_password = QLineEdit()
        self.sup_password.setObjectName("supervisorPassword")
        self.sup_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.error = ErrorLabel()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.labels: dict[str, QLabel] = {}
        rows = [(k, self.facts[k]) for k in ("period", "fee", "billed", "paid", "outstanding", "formula")]
        rows += [("amount", self.amount), ("reason", self.reason), ("effect", self.effect),
                 ("user", self.sup_user), ("password", self.sup_password)]
        for key, widget in rows:
            lbl = QLabel()
            lbl.setBuddy(widget)
            self.labels[key] = lbl
            self.form.addRow(lbl, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.hint)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.amount.textChanged.connect(self._update)
        self.retranslate()
        (self.reason if kind == "waive" else self.amount).setFocus()

    @property
    def needs_supervisor(self) -> bool:
        return not self.ctx.can(needed_permission(self.kind, self.amount.value()))

    def retranslate(self) -> None:
        it = self.item
        self.setWindowTitle(translated(TITLES[self.kind]) + f" — {it.target_code}")
        for key, text in (("period", tr("账期")), ("fee", tr("收费项目")), ("billed", tr("应收")),
                          ("paid", tr("已收")), ("outstanding", tr("未缴")), ("formula", tr("公式")),
                          ("reason", tr("原因")), ("effect", tr("结果")), ("user", tr("主管账号")),
                          ("password", tr("主管密码"))):
            self.labels[key].setText(text)
        self.labels["amount"].setText(tr("减免金额") if self.kind == "waive" else tr("调整金额"))
        self.amount.setPlaceholderText(tr("不超过未缴金额") if self.kind == "waive"
                                       else tr("调增为正数，调减为负数，如 -20.00"))
        self.reason.setPlaceholderText(tr("必填，如：困难户减免、面积更正"))
        self.facts["period"].setText(it.bill_period)
        self.facts["fee"].setText(it.fee_item)
        self.facts["billed"].setText(yuan(it.billed))
        self.facts["paid"].setText(yuan(it.paid))
        self.facts["outstanding"].setText(yuan(it.outstanding))
        self.facts["formula"].setText(it.formula)
        self._update()

    def _update(self) -> None:
        """The effect line and whether a supervisor must authorize, as the amount changes."""
        amount = self.amount.value()
        delta = None if amount is None else (-amount if self.kind == "waive" else amount)
        if not delta:
            self.effect.setText("—")
        else:
            e = ledger.adjust_effect(self.item, delta)
            lines = [tr("未缴 {before} → {after}").format(before=yuan(self.item.outstanding),
                                                         after=yuan(e.outstanding))]
            if self.kind == "adjust":
                lines.insert(0, tr("应收 {before} → {after}").format(before=yuan(self.item.billed),
                                                                    after=yuan(e.billed)))
            if e.to_prepaid:
                lines.append(tr("多缴 {amount} 元转入预存").format(amount=yuan(e.to_prepaid)))
            self.effect.setText("\n".join(lines))
        sup = self.needs_supervisor
        for key in ("user", "password"):
            self.labels[key].setVisible(sup)
            self.labels[key].buddy().setVisible(sup)
        self.hint.setText(tr("您没有此项权限：请主管输入用户名和密码授权，系统将记录您和授权主管。") if sup
                          else tr("减免、调整记为新的调整行，原账单不变；请写明原因。"))

    def _problem(self, amount: Decimal | None, reason: str) -> str:
        it = self.item
        if self.kind == "waive":
            if amount is None or amount <= 0 or amount > it.outstanding:
                return tr("减免金额应大于 0 且不超过未缴 {amount} 元").format(amount=yuan(it.outstanding))
        elif amount is None or amount == 0:
            return tr("请输入调整金额（调增为正数，调减为负数），不能为 0")
        if not reason:
            return tr("请写明原因")
        if self.needs_supervisor and not self.sup_user.text().strip():
            return tr("请主管输入用户名和密码授权")
        return ""

    def submit(self) -> None:
        amount, reason = self.amount.value(), self.reason.text().strip()
        problem = self._problem(amount, reason)
        if problem:
            self.error.show_error(problem)
            return
        self.error.clear_error()
        sup = self.needs_supervisor
        user, password = self.sup_user.text().strip(), self.sup_password.text()
        actor, kind, slot = self.ctx.actor, self.kind, self.item.slot
        permission = needed_permission(kind, amount)

        def work(s):
            boss = authorize(s, user, password, permission) if sup else None
            if kind == "waive":
                line = ledger.waive(s, actor, slot, reason, amount=amount, supervisor=boss)
            else:
                line = ledger.adjust(s, actor, slot, amount, reason, supervisor=boss)
            return line.amount

        self.buttons.setEnabled(False)
        self.ctx.tasks.write(work, parent=self, changes=CHANGES) \
            .success(self._ok) \
            .failure(self._failed) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _failed(self, exc) -> None:
        self.sup_password.clear()
        self.error.show_error(error_text(exc))

    def _ok(self, delta) -> None:
        self.saved.emit(delta)
        self.accept()
