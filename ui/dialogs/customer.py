"""客户资料 editor (with the GB 11643 ID check as you type) and a customer picker."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from propdesk.models.enums import CUSTOMER_KINDS, GENDERS, ID_TYPES
from propdesk.services.customers import (
    CUSTOMER_FIELDS, CustomerRow, create_customer, find_customers, get_customer, update_customer,
)
from propdesk.validators import mobile_ok, normalize_id, phone_ok, resident_id_problem
from ui.i18n import current_language, tr
from ui.tasks import Changes
from ui.widgets.base import Retranslatable
from ui.widgets.fields import EnumCombo, mark_invalid
from ui.widgets.form_dialog import FormDialog


class CustomerEditor(FormDialog):
    """新建/修改客户.  ``saved`` carries the Customer after a successful write."""

    saved = Signal(object)

    def __init__(self, ctx, customer_id: uuid.UUID | None = None, parent: QWidget | None = None,
                 *, name: str = "") -> None:
        super().__init__(ctx, parent, min_width=520, ok=QDialogButtonBox.StandardButton.Save)
        self.customer_id = customer_id
        self.customer = None
        self._original: dict = {}
        self.setObjectName("customerEditor")
        self.kind = EnumCombo(CUSTOMER_KINDS)
        self.name = QLineEdit(name)
        self.name.setObjectName("name")
        self.gender = EnumCombo(GENDERS, allow_empty=True)
        self.id_type = EnumCombo(ID_TYPES)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("id_number")
        self.id_check = QLabel()
        self.id_check.setObjectName("idCheck")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone_check = QLabel()
        self.employer = QLineEdit()
        self.hukou = QLineEdit()
        self.emergency_contact = QLineEdit()
        self.emergency_phone = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(56)
        self.note.setTabChangesFocus(True)
        # the check result goes under its field, so the field keeps its width
        id_row = QVBoxLayout()
        id_row.setSpacing(2)
        id_row.addWidget(self.id_number)
        id_row.addWidget(self.id_check)
        phone_row = QVBoxLayout()
        phone_row.setSpacing(2)
        phone_row.addWidget(self.phone)
        phone_row.addWidget(self.phone_check)
        rows = [("kind", self.kind), ("name", self.name), ("gender", self.gender),
                ("id_type", self.id_type), ("id_number", id_row), ("phone", phone_row),
                ("employer", self.employer), ("hukou", self.hukou),
                ("emergency_contact", self.emergency_contact),
                ("emergency_phone", self.emergency_phone), ("note", self.note)]
        buddies = {"id_number": self.id_number, "phone": self.phone}
        self.labels: dict[str, QLabel] = {key: self.add_row(w, buddies.get(key)) for key, w in rows}
        self.finish()
        self.id_number.textChanged.connect(self._check)
        self.id_type.currentIndexChanged.connect(self._check)
        self.phone.textChanged.connect(self._check)
        self.emergency_phone.textChanged.connect(self._check)
        self.name.textChanged.connect(self._check)
        self.retranslate()
        self._check()
        if customer_id is not None:
            self.setEnabled(False)
            actor = ctx.actor
            ctx.tasks.read(lambda s: get_customer(s, actor, customer_id), parent=self) \
                .success(self._loaded).run()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("修改客户资料") if self.customer_id else tr("新建客户"))
        names = {"kind": tr("类别"), "name": tr("姓名/名称(&N)"), "gender": tr("性别"),
                 "id_type": tr("证件类型"), "id_number": tr("证件号码(&I)"),
                 "phone": tr("手机(&M)"), "employer": tr("工作单位"), "hukou": tr("户籍"),
                 "emergency_contact": tr("紧急联系人"), "emergency_phone": tr("紧急联系电话"),
                 "note": tr("备注")}
        for k, lbl in self.labels.items():
            lbl.setText(names[k])
        self.id_number.setPlaceholderText(tr("18位居民身份证号码"))
        self.phone.setPlaceholderText(tr("11位手机号码"))
        self._check()

    def _loaded(self, c) -> None:
        self.customer = c
        self.kind.set_code(c.kind)
        self.name.setText(c.name)
        self.gender.set_code(c.gender)
        self.id_type.set_code(c.id_type)
        self.id_number.setText(c.id_number)
        self.phone.setText(c.phone)
        self.employer.setText(c.employer)
        self.hukou.setText(c.hukou)
        self.emergency_contact.setText(c.emergency_contact)
        self.emergency_phone.setText(c.emergency_phone)
        self.note.setPlainText(c.note)
        self._original = self.values()
        self.setEnabled(True)
        self.name.setFocus()

    def values(self) -> dict:
        return {
            "kind": self.kind.code(), "name": self.name.text().strip(),
            "gender": self.gender.code(), "id_type": self.id_type.code(),
            "id_number": normalize_id(self.id_number.text()), "phone": self.phone.text().strip(),
            "employer": self.employer.text().strip(), "hukou": self.hukou.text().strip(),
            "emergency_contact": self.emergency_contact.text().strip(),
            "emergency_phone": self.emergency_phone.text().strip(),
            "note": self.note.toPlainText(),
        }

    def problems(self) -> dict[str, str]:
        """Field -> message, checked as the operator types (the service checks again)."""
        en = current_language() == "en"
        out: dict[str, str] = {}
        v = self.values()
        if not v["name"]:
            out["name"] = tr("姓名不能为空")
        if v["id_number"] and v["id_type"] == "resident_id":
            why = resident_id_problem(v["id_number"])
            if why:
                out["id_number"] = why[1] if en else why[0]
        if v["phone"] and not mobile_ok(v["phone"]):
            out["phone"] = tr("手机号码应为11位，以1开头")
        if v["emergency_phone"] and not phone_ok(v["emergency_phone"]):
            out["emergency_phone"] = tr("电话号码无效")
        return out

    def _check(self) -> None:
        probs = self.problems()
        v = self.values()
        if v["id_number"] and v["id_type"] == "resident_id":
            ok = "id_number" not in probs
            self.id_check.setText(tr("✓ 校验通过") if ok else probs["id_number"])
            self.id_check.setStyleSheet("color:#2E8B57;" if ok else "color:#C0392B;")
        else:
            self.id_check.setText("")
        self.phone_check.setText(probs.get("phone", ""))
        self.phone_check.setStyleSheet("color:#C0392B;")
        shown = (bool(self.id_check.text()), bool(self.phone_check.text()))
        if shown != (self.id_check.isVisibleTo(self), self.phone_check.isVisibleTo(self)):
            self.id_check.setVisible(shown[0])
            self.phone_check.setVisible(shown[1])
            self.adjustSize()     # a message line appeared or went: grow or shrink, never squeeze
        for key, w in (("name", self.name), ("id_number", self.id_number),
                       ("phone", self.phone), ("emergency_phone", self.emergency_phone)):
            # an empty name is only flagged once the operator has touched the field
            mark_invalid(w, key in probs and (key != "name" or self.name.isModified()))
        self.ok_button.setEnabled(not probs)

    def submit(self) -> None:
        self.save()

    def save(self) -> None:
        if self.problems():
            return
        actor, v = self.ctx.actor, self.values()
        if self.customer_id is None:
            fn = lambda s: create_customer(s, actor, **v)  # noqa: E731
        else:
            changes = {k: val for k, val in v.items()
                       if k in CUSTOMER_FIELDS and self._original.get(k) != val}
            cid = self.customer_id
            fn = lambda s: update_customer(s, actor, cid, **changes)  # noqa: E731
        self.run_write(fn, Changes.of(customers=[self.customer_id] if self.customer_id else [],
                                      entities=["customer"]))

    def _written(self, customer) -> None:
        self.customer = customer
        self.saved.emit(customer)
        super()._written(customer)


class CustomerPicker(Retranslatable, QWidget):
    """Find a customer by name, pinyin initials, phone or ID tail; or create a new one."""

    picked = Signal(object)   # CustomerRow, or None when the choice is cleared

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._chosen: CustomerRow | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setObjectName("customerQuery")
        self.query.setClearButtonEnabled(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newCustomer")
        row.addWidget(self.query, 1)
        row.addWidget(self.new_button)
        lay.addLayout(row)
        self.results = QListWidget()
        self.results.setObjectName("customerResults")
        self.results.setMaximumHeight(150)
        lay.addWidget(self.results)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenCustomer")
        lay.addWidget(self.chosen_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda: self._timer.start())
        self.query.returnPressed.connect(self._choose_first)
        self.results.currentRowChanged.connect(self._row_changed)
        self.results.itemActivated.connect(lambda *_: self._row_changed(self.results.currentRow()))
        self.new_button.clicked.connect(self._new_customer)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(tr("输入姓名、拼音首字母、手机号或证件号后几位查找"))
        self.new_button.setText(tr("新建客户(&N)…"))
        self._show_chosen()

    def chosen(self) -> CustomerRow | None:
        return self._chosen

    def search_now(self) -> None:
        self._timer.stop()
        text, actor = self.query.text(), self.ctx.actor
        self.ctx.tasks.read(lambda s: find_customers(s, actor, text), parent=self,
                            key=f"customer-picker-{id(self)}").success(self._show_results).run()

    def _show_results(self, rows: list[CustomerRow]) -> None:
        self.results.clear()
        for r in rows:
            tail = r.id_number[-4:] if r.id_number else ""
            extra = "　".join(x for x in (r.phone, tr("证件尾号 {tail}").format(tail=tail) if tail else "") if x)
            item = QListWidgetItem(f"{r.name}　{extra}")
            item.setData(Qt.ItemDataRole.UserRole, r)
            self.results.addItem(item)

    def _row_changed(self, row: int) -> None:
        item = self.results.item(row) if row >= 0 else None
        if item is not None:
            self.set_chosen(item.data(Qt.ItemDataRole.UserRole))

    def _choose_first(self) -> None:
        if self._timer.isActive():
            self.search_now()
        if self.results.count():
            self.results.setCurrentRow(0)

    def set_chosen(self, row: CustomerRow | None) -> None:
        self._chosen = row
        self._show_chosen()
        self.picked.emit(row)

    def _show_chosen(self) -> None:
        r = self._chosen
        self.chosen_label.setText(tr("已选择：{name}　{phone}").format(name=r.name, phone=r.phone)
                                  if r else tr("尚未选择客户"))

    def _new_customer(self) -> None:
        text = self.query.text().strip()
        name = text if text and not text.isascii() else ""
        dlg = CustomerEditor(self.ctx, None, self, name=name)
        dlg.saved.connect(lambda c: self.set_chosen(CustomerRow(c.id, c.name, c.phone, c.id_number)))
        dlg.open()
