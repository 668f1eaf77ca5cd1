"""登录 and the first-run dialog that creates the administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from propdesk.errors import Conflict
from propdesk.security import Actor
from propdesk.services.operators import MIN_PASSWORD, add_operator, count_operators, login
from ui.i18n import LANGUAGES, current_language, error_text, set_language, tr
from ui.icons import icon
from ui.widgets.base import Retranslatable
from ui.widgets.fields import ErrorLabel

SETUP_ACTOR = Actor.for_role("setup", "admin", display_name="首次运行设置")


class LanguagePicker(QComboBox):
    """中文 / English; switching re-labels the open dialog at once and is remembered."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        for code, name in LANGUAGES.items():
            self.addItem(name, code)
        self.setCurrentIndex(max(0, self.findData(current_language())))
        self.currentIndexChanged.connect(self._changed)

    def _changed(self) -> None:
        lang = self.currentData()
        self.ctx.settings.language = lang
        set_language(lang)
        self.ctx.signals.language_changed.emit(lang)


class _Header(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 8)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        row.addWidget(logo)
        col = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("loginTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        row.addLayout(col, 1)


class LoginDialog(Retranslatable, QDialog):
    """Username and password; the actor is in ``.actor`` after ``accept``."""

    logged_in = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setObjectName("loginDialog")
        self.setMinimumWidth(420)
        self.setWindowIcon(icon("app"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        self.header = _Header()
        lay.addWidget(self.header)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        self.username = QLineEdit(ctx.settings.last_username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_label, self.pass_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.username)
        self.pass_label.setBuddy(self.password)
        form.addRow(self.user_label, self.username)
        form.addRow(self.pass_label, self.password)
        lay.addLayout(form)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        bottom = QHBoxLayout()
        self.lang_label = QLabel()
        self.lang = LanguagePicker(ctx)
        bottom.addWidget(self.lang_label)
        bottom.addWidget(self.lang)
        bottom.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.ok = QPushButton()
        self.ok.setObjectName("loginButton")
        self.ok.setDefault(True)
        self.cancel = QPushButton()
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.try_login)
        self.cancel.clicked.connect(self.reject)
        bottom.addWidget(self.buttons)
        lay.addLayout(bottom)
        self.retranslate()
        (self.password if self.username.text() else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("登录 - PropDesk 物业管理系统"))
        self.header.title.setText(tr("PropDesk 物业管理系统"))
        self.header.subtitle.setText(tr("终端 {terminal}　数据库 {db}").format(
            terminal=self.ctx.terminal, db=self.ctx.db_label))
        self.user_label.setText(tr("用户名(&U)"))
        self.pass_label.setText(tr("密码(&P)"))
        self.lang_label.setText(tr("语言"))
        self.ok.setText(tr("登录"))
        self.cancel.setText(tr("退出"))
        self.username.setPlaceholderText(tr("操作员用户名"))

    def try_login(self) -> None:
        user, pw = self.username.text().strip(), self.password.text()
        if not user:
            self.error.show_error(tr("请输入用户名"))
            self.username.setFocus()
            return
        self._busy(True)
        self.ctx.tasks.write(lambda s: login(s, user, pw), parent=self) \
            .success(self._ok).failure(self._failed).finally_(lambda: self._busy(False)).run()

    def _busy(self, busy: bool) -> None:
        for w in (self.ok, self.username, self.password):
            w.setEnabled(not busy)
        if busy:
            self.error.show_error("")
            self.ok.setText(tr("正在登录…"))
        else:
            self.ok.setText(tr("登录"))

    def _ok(self, actor: Actor) -> None:
        self.actor = actor
        self.ctx.settings.last_username = actor.username
        self.logged_in.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(error_text(exc))
        self.password.clear()
        self.password.setFocus()


class FirstRunDialog(Retranslatable, QDialog):
    """No operator exists yet: create the administrator, then log in as them."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setObjectName("firstRunDialog")
        self.setMinimumWidth(460)
        self.setWindowIcon(icon("app"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        self.header = _Header()
        lay.addWidget(self.header)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _ in range(4)]
        for lbl, w in zip(self.labels, (self.username, self.display_name, self.password,
                                        self.password2)):
            lbl.setBuddy(w)
            form.addRow(lbl, w)
        lay.addLayout(form)
        self.error = ErrorLabel()
        lay.addWidget(self.error)
        bottom = QHBoxLayout()
        self.lang_label = QLabel()
        bottom.addWidget(self.lang_label)
        bottom.addWidget(LanguagePicker(ctx))
        bottom.addStretch(1)
        self.ok = QPushButton()
        self.ok.setDefault(True)
        self.cancel = QPushButton()
        self.ok.clicked.connect(self.create)
        self.cancel.clicked.connect(self.reject)
        bottom.addWidget(self.ok)
        bottom.addWidget(self.cancel)
        lay.addLayout(bottom)
        self.retranslate()
        self.password.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("首次使用 - 创建管理员"))
        self.header.title.setText(tr("欢迎使用 PropDesk"))
        self.header.subtitle.setText(tr("数据库 {db}").format(db=self.ctx.db_label))
        self.intro.setText(tr("这个数据库还没有任何操作员。请先创建系统管理员账户，"
                              "之后用它登录并添加其他操作员。"))
        for lbl, text in zip(self.labels, (tr("用户名"), tr("姓名"), tr("密码"), tr("确认密码"))):
            lbl.setText(text)
        self.password.setPlaceholderText(tr("至少 {n} 位").format(n=MIN_PASSWORD))
        self.display_name.setPlaceholderText(tr("如：张经理"))
        self.lang_label.setText(tr("语言"))
        self.ok.setText(tr("创建并登录"))
        self.cancel.setText(tr("退出"))

    def create(self) -> None:
        user, pw = self.username.text().strip(), self.password.text()
        if pw != self.password2.text():
            self.error.show_error(tr("两次输入的密码不一致"))
            self.password2.clear()
            self.password2.setFocus()
            return
        name = self.display_name.text().strip()

        def work(s):
            if count_operators(s):   # another terminal got there first
                raise Conflict("数据库中已有操作员，请返回登录", "operators already exist; please log in")
            add_operator(s, SETUP_ACTOR, user, role="admin", password=pw, display_name=name)
            s.flush()
            return login(s, user, pw)
        self.ok.setEnabled(False)
        self.ctx.tasks.write(work, parent=self).success(self._done) \
            .failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.ok.setEnabled(True)).run()

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self.ctx.settings.last_username = actor.username
        self.accept()


def needs_first_run(ctx) -> bool:
    with ctx.db.session() as s:
        return count_operators(s) == 0
