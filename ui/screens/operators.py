"""操作员: add operators, change roles, disable/enable, unlock locked accounts, reset
passwords (管理员 only)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from propdesk.security import ROLES
from propdesk.services.operators import (
    MIN_PASSWORD, add_operator, change_password, list_operators, set_active, set_role, unlock,
)
from ui.i18n import label, tr, tr_noop
from ui.icons import icon
from ui.screens.audit_log import local_time
from ui.tasks import Changes, show_info
from ui.widgets.base import Screen
from ui.widgets.fields import EnumCombo
from ui.widgets.form_dialog import FormDialog, password_edit
from ui.widgets.table import Column, RowTableModel, TableView


def _locked(op) -> bool:
    return op.locked_until is not None and op.locked_until > dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


COLUMNS = [
    Column(tr_noop("用户名"), lambda o: o.username, width=120),
    Column(tr_noop("姓名"), lambda o: o.display_name, width=120),
    Column(tr_noop("角色"), lambda o: o.role, text=lambda v: label(ROLES, v), width=90),
    Column(tr_noop("状态"), lambda o: "locked" if _locked(o) else ("active" if o.active else "off"),
           text=lambda v: {"locked": tr("已锁定"), "active": tr("正常"), "off": tr("停用")}[v],
           color=lambda o: QColor("#C0392B") if _locked(o) else None, width=80),
    Column(tr_noop("锁定至"), lambda o: local_time(o.locked_until) if _locked(o) else None, width=140),
    Column(tr_noop("连续密码错误"), lambda o: o.failed_attempts),
]


class OperatorsScreen(Screen):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        lay.addWidget(self.heading)
        bar = QHBoxLayout()
        self.add_button = QPushButton(icon("person"), "")
        self.add_button.setObjectName("addOperator")
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockOperator")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetPassword")
        self.role_button = QPushButton()
        self.role_button.setObjectName("changeRole")
        self.active_button = QPushButton()
        self.active_button.setObjectName("toggleActive")
        self.refresh_button = QPushButton()
        for b in (self.add_button, self.role_button, self.active_button, self.unlock_button,
                  self.reset_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        lay.addLayout(bar)
        self.model = RowTableModel(COLUMNS)
        self.table = TableView(export_title=tr_noop("操作员"))
        self.table.setObjectName("operatorsTable")
        self.table.set_context(ctx)
        self.table.setModel(self.model)
        lay.addWidget(self.table, 1)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.add_button.clicked.connect(self.add_operator)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.refresh_button.clicked.connect(self.load)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.tasks.changed.connect(lambda ch: self.load() if "operator" in ch.entities else None)
        self.retranslate()
        self._update_buttons()
        self.load()

    def retranslate(self) -> None:
        self.heading.setText(tr("操作员管理"))
        self.add_button.setText(tr("新增操作员(&A)…"))
        self.unlock_button.setText(tr("解锁(&U)"))
        self.reset_button.setText(tr("重置密码(&R)…"))
        self.refresh_button.setText(tr("刷新"))
        self.role_button.setText(tr("修改角色(&O)…"))
        self._active_text()
        self.hint.setText(tr("密码连续输错 5 次账户会锁定 15 分钟；管理员可立即解锁。"
                             "重置密码后请当面告知操作员，并请其登录后自行修改。"
                             "停用的操作员不能登录，其记录保留供审计；至少要保留一位在用的管理员。"))

    def _active_text(self) -> None:
        op = self.table.selected_row()
        self.active_button.setText(tr("启用(&E)") if op is not None and not op.active
                                   else tr("停用(&D)"))

    def load(self):
        actor = self.ctx.actor
        return self.ctx.tasks.read(lambda s: list_operators(s, actor), parent=self,
                                   key="operators").success(self._show).run()

    def _show(self, rows) -> None:
        sel = self.table.selected_row()
        self.model.set_rows(rows)
        if sel is not None:
            for i, r in enumerate(rows):
                if r.id == sel.id:
                    self.table.selectRow(i)
        self._update_buttons()

    def _update_buttons(self) -> None:
        op = self.table.selected_row()
        self.unlock_button.setEnabled(op is not None and (_locked(op) or op.failed_attempts > 0))
        self.reset_button.setEnabled(op is not None)
        self.role_button.setEnabled(op is not None)
        self.active_button.setEnabled(op is not None)
        self._active_text()

    def add_operator(self) -> "AddOperatorDialog":
        dlg = AddOperatorDialog(self.ctx, self)
        dlg.open()
        return dlg

    def unlock_selected(self):
        op, actor = self.table.selected_row(), self.ctx.actor
        if op is None:
            return None
        return self.ctx.tasks.write(lambda s: unlock(s, actor, op.id), parent=self,
                                    changes=Changes.of(entities=["operator"])) \
            .success(lambda _: show_info(self, tr("已解锁 {user}。").format(user=op.username))).run()

    def change_role(self) -> "RoleDialog | None":
        op = self.table.selected_row()
        if op is None:
            return None
        dlg = RoleDialog(self.ctx, op, self)
        dlg.open()
        return dlg

    def toggle_active(self):
        """停用 an active operator, 启用 a disabled one (the service refuses the last admin)."""
        op, actor = self.table.selected_row(), self.ctx.actor
        if op is None:
            return None
        active = not op.active
        return self.ctx.tasks.write(lambda s: set_active(s, actor, op.id, active), parent=self,
                                    changes=Changes.of(entities=["operator"])).run()

    def reset_password(self) -> "ResetPasswordDialog | None":
        op = self.table.selected_row()
        if op is None:
            return None
        if op.id == self.ctx.actor.operator_id:
            show_info(self, tr("修改自己的密码请用菜单 账户 ▸ 修改密码。"))
            return None
        dlg = ResetPasswordDialog(self.ctx, op, self)
        dlg.open()
        return dlg

    def current_table(self):
        return self.table


class AddOperatorDialog(FormDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, min_width=400)
        self.setObjectName("addOperatorDialog")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.role = EnumCombo(ROLES)
        self.role.set_code("frontdesk")
        self.password, self.password2 = password_edit(), password_edit()
        self.labels = [self.add_row(w) for w in (self.username, self.display_name, self.role,
                                                 self.password, self.password2)]
        self.finish()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("新增操作员"))
        for lbl, t in zip(self.labels, (tr("用户名(&U)"), tr("姓名"), tr("角色(&R)"), tr("密码(&P)"),
                                        tr("确认密码"))):
            lbl.setText(t)
        self.password.setPlaceholderText(tr("至少 {n} 位").format(n=MIN_PASSWORD))

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.show_error(tr("两次输入的密码不一致"))
            return
        actor = self.ctx.actor
        user, name, role, pw = (self.username.text().strip(), self.display_name.text().strip(),
                                self.role.code(), self.password.text())
        self.run_write(lambda s: add_operator(s, actor, user, role=role, password=pw,
                                              display_name=name),
                       Changes.of(entities=["operator"]))


class ResetPasswordDialog(FormDialog):
    def __init__(self, ctx, op, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, min_width=380)
        self.op = op
        self.setObjectName("resetPasswordDialog")
        self.intro = QLabel()
        self.body.addWidget(self.intro)
        self.password, self.password2 = password_edit(), password_edit()
        self.labels = [self.add_row(self.password), self.add_row(self.password2)]
        self.finish()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("重置密码"))
        self.intro.setText(tr("为 {user}（{name}）设置新密码：").format(
            user=self.op.username, name=self.op.display_name))
        self.labels[0].setText(tr("新密码(&P)"))
        self.labels[1].setText(tr("确认新密码"))

    def submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.show_error(tr("两次输入的密码不一致"))
            return
        actor, op_id, pw = self.ctx.actor, self.op.id, self.password.text()
        self.run_write(lambda s: change_password(s, actor, op_id, pw),
                       Changes.of(entities=["operator"]))


class RoleDialog(FormDialog):
    def __init__(self, ctx, op, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, min_width=360)
        self.op = op
        self.setObjectName("roleDialog")
        self.intro = QLabel()
        self.body.addWidget(self.intro)
        self.role = EnumCombo(ROLES)
        self.role.set_code(op.role)
        self.labels = [self.add_row(self.role)]
        self.finish()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("修改角色"))
        self.intro.setText(tr("{user}（{name}）的新角色，下次登录时生效：").format(
            user=self.op.username, name=self.op.display_name))
        self.labels[0].setText(tr("角色(&R)"))

    def submit(self) -> None:
        actor, op_id, role = self.ctx.actor, self.op.id, self.role.code()
        self.run_write(lambda s: set_role(s, actor, op_id, role),
                       Changes.of(entities=["operator"]))
