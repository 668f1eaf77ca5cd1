"""Tenders (收款方式): one amount per method, cash handed over, change (找零).

One method *balances*: it takes whatever the other methods leave of the
total, so a single-method payment needs no typing at all.  Cash balances by
default; F5–F10 make another method the balancing one (and focus it), so
"all by WeChat" is one key, and a mixed payment is "type the WeChat part,
press F5": cash takes the rest.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from propdesk.models.cashier import PAY_METHODS
from propdesk.money import ZERO, fmt
from propdesk.services.cashier.payments import Tender
from ui.i18n import label, tr
from ui.widgets.base import Retranslatable
from ui.widgets.fields import DecimalEdit, mark_invalid

KEYS = {"cash": "F5", "wechat": "F6", "alipay": "F7", "card": "F8", "transfer": "F9", "prepaid": "F10"}


class TenderPanel(Retranslatable, QWidget):
    changed = Signal()
    submit = Signal()      # Enter in a tender field: the cashier confirms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = ZERO
        self.prepaid_available = ZERO
        self.balancing = "cash"
        self._updating = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}
        self.edits: dict[str, DecimalEdit] = {}
        for row, method in enumerate(PAY_METHODS):
            lab = QLabel()
            edit = DecimalEdit(2)
            edit.setObjectName(f"tender_{method}")
            edit.textEdited.connect(lambda _t, m=method: self._typed(m))
            edit.returnPressed.connect(self.submit)
            grid.addWidget(lab, row, 0)
            grid.addWidget(edit, row, 1)
            self.labels[method], self.edits[method] = lab, edit
        n = len(PAY_METHODS)
        self.given_label = QLabel()
        self.given = DecimalEdit(2)
        self.given.setObjectName("cashGiven")
        self.given.textEdited.connect(lambda _t: self._refresh())
        self.given.returnPressed.connect(self.submit)
        self.change_caption = QLabel()
        self.change_value = QLabel()
        self.change_value.setObjectName("changeValue")
        self.change_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.ref_label = QLabel()
        self.reference = QLineEdit()
        self.reference.setObjectName("tenderReference")
        self.reference.setMaxLength(64)
        self.reference.returnPressed.connect(self.submit)
        grid.addWidget(self.given_label, n, 0)
        grid.addWidget(self.given, n, 1)
        grid.addWidget(self.change_caption, n + 1, 0)
        grid.addWidget(self.change_value, n + 1, 1)
        grid.addWidget(self.ref_label, n + 2, 0)
        grid.addWidget(self.reference, n + 2, 1)
        self.problem = QLabel()
        self.problem.setObjectName("errorLabel")
        self.problem.setWordWrap(True)
        grid.addWidget(self.problem, n + 3, 0, 1, 2)
        self.retranslate()

    def retranslate(self) -> None:
        for method, lab in self.labels.items():
            lab.setText(f"{KEYS[method]} {label(PAY_METHODS, method)}")
        self.given_label.setText(tr("现金实收"))
        self.given.setPlaceholderText(tr("不填即为刚好"))
        self.change_caption.setText(tr("找零"))
        self.ref_label.setText(tr("交易单号"))
        self.reference.setPlaceholderText(tr("微信/支付宝/银行卡凭证号（可不填）"))
        self._refresh()

    # -- values ----------------------------------------------------------------------
    def amount(self, method: str) -> Decimal:
        return self.edits[method].value() or ZERO

    def set_total(self, total: Decimal, prepaid_available: Decimal = ZERO) -> None:
        """A new total: everything on the balancing method (cash after a new payer)."""
        self.total = total
        self.prepaid_available = prepaid_available
        self._updating = True
        for m, e in self.edits.items():
            if m != self.balancing:
                e.clear()
        self._updating = False
        self._balance()

    def reset(self) -> None:
        self.balancing = "cash"
        self.given.clear()
        self.reference.clear()
        self.set_total(ZERO)

    def use_method(self, method: str) -> None:
        """F5–F10: ``method`` takes the rest of the total, and the focus."""
        if self.balancing != method:
            self.edits[self.balancing].clear()
            self.balancing = method
        self._balance()
        target = self.given if method == "cash" else self.edits[method]
        target.setFocus()
        target.selectAll()

    def _typed(self, method: str) -> None:
        if method == self.balancing:
            self._refresh()   # the cashier overrides the balancing amount: keep what was typed
        else:
            self._balance()

    def _balance(self) -> None:
        others = sum((self.amount(m) for m in self.edits if m != self.balancing), ZERO)
        rest = self.total - others
        self._updating = True
        self.edits[self.balancing].set_value(rest if rest > 0 else None)
        self._updating = False
        self._refresh()

    def change(self) -> Decimal:
        given = self.given.value()
        cash = self.amount("cash")
        return given - cash if given is not None and given > cash else ZERO

    def problems(self) -> str:
        paid = sum((self.amount(m) for m in self.edits), ZERO)
        if paid != self.total:
            return tr("各方式合计 {paid} 与应收 {total} 不符").format(paid=fmt(paid), total=fmt(self.total))
        given = self.given.value()
        if given is not None and given < self.amount("cash"):
            return tr("现金实收少于现金应收")
        if self.amount("prepaid") > self.prepaid_available:
            return tr("预存余额只有 {have}").format(have=fmt(self.prepaid_available))
        return ""

    def tenders(self) -> list[Tender]:
        ref = self.reference.text().strip()
        out = []
        for m in PAY_METHODS:
            a = self.amount(m)
            if a > 0:
                given = self.given.value() if m == "cash" else None
                out.append(Tender(m, a, given if given else None, "" if m == "cash" else ref))
        return out

    def _refresh(self) -> None:
        self.change_value.setText(fmt(self.change()))
        text = self.problems() if self.total else ""
        self.problem.setText(text)
        for m, e in self.edits.items():
            mark_invalid(e, bool(text) and m == self.balancing)
        if not self._updating:
            self.changed.emit()
