"""The main window: left navigation of the registered screens, a stack, menus, status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
    QMessageBox, QScrollArea, QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from propdesk.security import ROLES
from propdesk.services.operators import change_password
from ui.context import AppContext
from ui.i18n import LANGUAGES, current_language, label, set_language, tr, translated
from ui.icons import icon
from ui.registry import load
from ui.screens import ScreenEntry, screens_for
from ui.tasks import show_info
from ui.widgets.base import Retranslatable, Screen
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.form_dialog import FormDialog, password_edit

NAV_ICON_COLOR = "#D9E2EC"   # light strokes on the dark navigation bar


class MainWindow(Retranslatable, QMainWindow):
    closed = Signal()   # the window really closed (not vetoed by unsaved edits)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.logout_requested = False
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self.entries: list[ScreenEntry] = screens_for(ctx.actor)
        self.screens: dict[str, Screen] = {}
        self.scrollers: dict[str, QScrollArea] = {}   # each screen sits in one (see _scroller)

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for e in self.entries:
            item = QListWidgetItem(icon(e.icon, NAV_ICON_COLOR), "")
            item.setData(Qt.ItemDataRole.UserRole, e.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.placeholders: dict[str, QWidget] = {}
        for e in self.entries:
            ph = QWidget()
            self.placeholders[e.key] = ph
            self.stack.addWidget(ph)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._nav_changed)
        ctx.signals.open_node.connect(self._open_node)
        ctx.signals.open_screen.connect(self._open_screen)
        ctx.tasks.busy_changed.connect(self._busy_changed)
        self.retranslate()
        geo = ctx.settings.geometry("main")
        if geo is None or not self.restoreGeometry(geo):
            self.resize(1280, 800)
        if self.entries:
            self.nav.setCurrentRow(0)

    # -- construction ------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("")
        self.export_action = QAction(icon("export"), "", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._export_current)
        self.logout_action = QAction("", self)
        self.logout_action.triggered.connect(self.logout)
        self.quit_action = QAction("", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addAction(self.quit_action)

        self.screen_menu = mb.addMenu("")   # the current screen's own actions
        self.view_menu = mb.addMenu("")
        self.screen_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for i, e in enumerate(self.entries):
            a = QAction(icon(e.icon), "", self)
            a.setCheckable(True)
            if e.shortcut:
                a.setShortcut(QKeySequence(e.shortcut))
            a.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            group.addAction(a)
            self.view_menu.addAction(a)
            self.screen_actions[e.key] = a

        self.account_menu = mb.addMenu("")
        self.password_action = QAction("", self)
        self.password_action.triggered.connect(self._change_password)
        self.password_action.setEnabled(self.ctx.actor.operator_id is not None)
        self.account_menu.addAction(self.password_action)

        self.lang_menu = mb.addMenu("语言/Language")
        lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            a = QAction(name, self)   # each language named in itself, never translated
            a.setCheckable(True)
            a.setChecked(code == current_language())
            a.triggered.connect(lambda _=False, c=code: self.switch_language(c))
            lang_group.addAction(a)
            self.lang_menu.addAction(a)
            self.lang_actions[code] = a

        self.help_menu = mb.addMenu("")
        self.shortcuts_action = QAction("", self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self._show_shortcuts)
        self.about_action = QAction("", self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.hide()
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorLabel")
        self.terminal_label = QLabel()
        self.db_label = ElidedLabel()   # a long path shrinks before the window widens
        self.db_label.setMaximumWidth(420)
        sb.addWidget(self.busy_label)
        for w in (self.operator_label, self.terminal_label, self.db_label):
            sb.addPermanentWidget(w)
        load("ui.sync:install")(self)   # sync indicator, 立即同步, background sync

    # -- texts -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.file_menu.setTitle(tr("文件(&F)"))
        self.export_action.setText(tr("导出当前表格到Excel(&E)…"))
        self.logout_action.setText(tr("注销(&L)"))
        self.quit_action.setText(tr("退出(&X)"))
        self.view_menu.setTitle(tr("视图(&V)"))
        self.account_menu.setTitle(tr("账户(&A)"))
        self.password_action.setText(tr("修改密码(&P)…"))
        self.help_menu.setTitle(tr("帮助(&H)"))
        self.shortcuts_action.setText(tr("键盘快捷键(&K)"))
        self.about_action.setText(tr("关于 PropDesk(&A)"))
        widest = 0
        for i, e in enumerate(self.entries):
            self.nav.item(i).setText(translated(e.title))
            widest = max(widest, self.nav.fontMetrics().horizontalAdvance(translated(e.title)))
            self.nav.item(i).setToolTip(f"{translated(e.title)}  ({e.shortcut})" if e.shortcut else translated(e.title))
            self.screen_actions[e.key].setText(translated(e.title))
        # wide enough for the longest title in this language (icon + padding), within reason
        self.nav.setFixedWidth(max(168, min(240, widest + 80)))
        a = self.ctx.actor
        self.operator_label.setText(tr("操作员：{name}（{role}）").format(
            name=a.label, role=label(ROLES, a.role)))
        self.terminal_label.setText(tr("终端：{code}").format(code=self.ctx.terminal))
        self.db_label.setText(tr("数据库：{db}").format(db=self.ctx.db_label))
        self.busy_label.setText(tr("正在处理…"))
        self._update_title()
        self._rebuild_screen_menu()

    def _update_title(self) -> None:
        cur = self.current_entry()
        base = tr("PropDesk 物业管理系统")
        self.setWindowTitle(f"{translated(cur.title)} - {base}" if cur else base)

    # -- screens -------------------------------------------------------------------
    def current_entry(self) -> ScreenEntry | None:
        row = self.nav.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def current_screen(self) -> Screen | None:
        e = self.current_entry()
        return self.screens.get(e.key) if e else None

    def screen(self, key: str) -> Screen:
        """The screen widget for ``key``, created on first use."""
        if key not in self.screens:
            entry = next(e for e in self.entries if e.key == key)
            cls = load(entry.factory)
            widget = cls(self.ctx, self)
            ph = self.placeholders[key]
            idx = self.stack.indexOf(ph)
            self.scrollers[key] = self._scroller(widget)
            self.stack.insertWidget(idx, self.scrollers[key])
            self.stack.removeWidget(ph)
            ph.deleteLater()
            self.screens[key] = widget
        return self.screens[key]

    @staticmethod
    def _scroller(screen: Screen) -> QScrollArea:
        """The screen in a scroll area: a screen wider or taller than a small office PC's
        1024×768 window scrolls by itself, instead of every screen's minimum size (the
        stack takes the largest) pushing the whole window off the screen."""
        area = QScrollArea()
        area.setObjectName("screenScroller")
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidgetResizable(True)
        area.setWidget(screen)
        return area

    def show_screen(self, key: str) -> Screen:
        row = next(i for i, e in enumerate(self.entries) if e.key == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        return self.screens[key]

    def _nav_changed(self, row: int) -> None:
        if not (0 <= row < len(self.entries)):
            return
        prev = getattr(self, "_shown_key", None)
        entry = self.entries[row]
        if prev and prev != entry.key and prev in self.screens \
                and not self.screens[prev].can_leave():
            back = next(i for i, e in enumerate(self.entries) if e.key == prev)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(back)
            self.nav.blockSignals(False)
            return
        w = self.screen(entry.key)
        self.stack.setCurrentWidget(self.scrollers[entry.key])
        self._shown_key = entry.key
        self.screen_actions[entry.key].setChecked(True)
        self._update_title()
        self._rebuild_screen_menu()
        w.activated()

    def _rebuild_screen_menu(self) -> None:
        self.screen_menu.clear()
        scr = self.current_screen()
        actions = scr.menu_actions() if scr is not None and hasattr(scr, "menu_actions") else []
        self.screen_menu.setTitle(tr("操作(&O)"))
        for a in actions:
            if a is None:
                self.screen_menu.addSeparator()
            else:
                self.screen_menu.addAction(a)
        self.screen_menu.menuAction().setVisible(bool(actions))

    def _open_node(self, kind: str, node_id) -> None:
        scr = self.show_screen("property") if any(e.key == "property" for e in self.entries) else None
        if scr is not None:
            scr.jump_to(kind, node_id)

    def _open_screen(self, key: str) -> None:
        # a screen the operator may not see stays closed; leaving may be vetoed (unsaved edits)
        row = next((i for i, e in enumerate(self.entries) if e.key == key), None)
        if row is not None:
            self.nav.setCurrentRow(row)

    def _busy_changed(self, n: int) -> None:
        self.busy_label.setVisible(n > 0)

    # -- actions -------------------------------------------------------------------
    def _export_current(self) -> None:
        scr = self.current_screen()
        table = scr.current_table() if scr else None
        if table is None:
            show_info(self, tr("当前页面没有可导出的表格。"))
            return
        table.export_dialog()

    def switch_language(self, lang: str) -> None:
        if lang == current_language():
            return
        self.ctx.settings.language = lang
        set_language(lang)
        self.lang_actions[lang].setChecked(True)
        self.ctx.signals.language_changed.emit(lang)

    def logout(self) -> None:
        self.logout_requested = True
        if not self.close():
            self.logout_requested = False

    def _change_password(self) -> None:
        PasswordDialog(self.ctx, self).open()

    def _about(self) -> None:
        import propdesk

        QMessageBox.about(self, tr("关于 PropDesk"), tr(
            "PropDesk 物业管理系统 {version}\n\n前台、收费、工程与门禁发卡的桌面客户端。\n"
            "数据保存在本机数据库，联网时与中心数据库同步。").format(
                version=getattr(propdesk, "__version__", "")))

    def _show_shortcuts(self) -> None:
        ShortcutsDialog(self).open()

    def all_shortcut_actions(self) -> list[QAction]:
        out = [a for a in self.findChildren(QAction) if not a.shortcut().isEmpty()]
        for scr in self.screens.values():
            out += [a for a in scr.findChildren(QAction) if not a.shortcut().isEmpty()]
        seen, unique = set(), []
        for a in out:
            if id(a) not in seen and a.text():
                seen.add(id(a))
                unique.append(a)
        return unique

    def closeEvent(self, event) -> None:  # noqa: N802
        for scr in self.screens.values():
            if not scr.can_leave():
                event.ignore()
                return
        self.ctx.settings.set_geometry("main", self.saveGeometry())
        super().closeEvent(event)
        self.closed.emit()


class PasswordDialog(FormDialog):
    """修改密码 for the logged-in operator (old password required)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, min_width=380)
        self.setObjectName("passwordDialog")
        self.old, self.new, self.new2 = password_edit(), password_edit(), password_edit()
        self.labels = [self.add_row(w) for w in (self.old, self.new, self.new2)]
        self.finish()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("修改密码"))
        for lbl, t in zip(self.labels, (tr("原密码"), tr("新密码"), tr("确认新密码"))):
            lbl.setText(t)

    def submit(self) -> None:
        if self.new.text() != self.new2.text():
            self.error.show_error(tr("两次输入的新密码不一致"))
            return
        a = self.ctx.actor
        old, new = self.old.text(), self.new.text()
        self.run_write(lambda s: change_password(s, a, a.operator_id, new, old_password=old))

    def _written(self, value) -> None:
        super()._written(value)
        show_info(self.parentWidget(), tr("密码已修改。"))


class ShortcutsDialog(Retranslatable, QDialog):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.setMinimumSize(460, 420)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("键盘快捷键"))
        self.table.setHorizontalHeaderLabels([tr("快捷键"), tr("功能")])
        acts = self.win.all_shortcut_actions()
        fixed = [(tr("Tab / Shift+Tab"), tr("在输入框之间移动")),
                 (tr("↑ ↓ ← →"), tr("在房产树中移动、展开、收起")),
                 (tr("Enter"), tr("打开选中的搜索结果或表格行"))]
        rows = [(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                 a.text().replace("&", "").rstrip("…")) for a in acts] + fixed
        self.table.setRowCount(len(rows))
        for r, (k, t) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(k))
            self.table.setItem(r, 1, QTableWidgetItem(t))
        self.table.resizeColumnToContents(0)
