"""The status-bar sync indicator: 在线 / 离线 / 待同步 N / 上次同步 time, and 立即同步.

Colours: green in sync, amber changes waiting, red offline (the last attempt
could not reach the centre), grey standalone (no centre configured), blue
while a sync runs.  Open conflicts show as a link to the 冲突处理 screen; a
PC clock far from the server's shows a warning sign (and a message once).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMessageBox, QStyle, QToolButton, QWidget,
)

from ui.i18n import current_language, tr
from ui.icons import status_dot
from ui.sync.controller import SyncController, SyncStatus
from ui.tasks import show_error
from ui.widgets.base import Retranslatable

COLORS = {"ok": ("#2E8B57", "#1E6B40"), "pending": ("#E0A800", "#A07800"),
          "offline": ("#C0392B", "#8E2A20"), "idle": ("#B0B8C1", "#7A8594"),
          "running": ("#1F5FAF", "#174A88")}


def local_time_text(utc: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """``17:05`` today, ``11-22 17:05`` another day (local time)."""
    if utc is None:
        return ""
    local = utc.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)
    now = now or dt.datetime.now()
    return local.strftime("%H:%M") if local.date() == now.date() else local.strftime("%m-%d %H:%M")


def describe(st: SyncStatus) -> tuple[str, str]:
    """(colour key, text) for a status."""
    if not st.configured and st.last_ok_at is None:
        return "idle", tr("单机（未连接中心）")
    parts = []
    if st.running:
        key, parts = "running", [tr("正在同步…")]
    elif st.online is False:
        key, parts = "offline", [tr("离线")]
    elif st.pending:
        key = "pending"
    elif st.online:
        key, parts = "ok", [tr("在线")]
    else:
        key = "ok"
    if st.pending:
        parts.append(tr("待同步 {n}").format(n=st.pending))
    when = local_time_text(st.last_ok_at)
    parts.append(tr("上次同步 {time}").format(time=when) if when else tr("尚未同步"))
    return key, " · ".join(parts)


class SyncIndicator(Retranslatable, QWidget):
    open_conflicts = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.controller = controller
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.setSpacing(6)
        self.dot = QLabel()
        self.text = QLabel()
        self.text.setObjectName("syncText")
        self.clock = QLabel()
        self.clock.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(16, 16))
        self.clock.hide()
        self.conflicts = QLabel()
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.conflicts.linkActivated.connect(lambda _link: self.open_conflicts.emit())
        self.conflicts.hide()
        self.button = QToolButton()
        self.button.setObjectName("syncNowButton")
        self.button.setAutoRaise(True)
        self.button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.clicked.connect(self.controller.sync_now)
        for w in (self.dot, self.text, self.clock, self.conflicts, self.button):
            lay.addWidget(w)
        controller.status_changed.connect(self.show_status)
        controller.failed.connect(self._failed)
        controller.finished.connect(self._finished)
        controller.clock_warning.connect(self._clock_warning)
        self._box: QMessageBox | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(tr("立即同步"))
        self.button.setToolTip(tr("现在与中心数据库同步（先上传本机变更，再接收其他终端的变更）"))
        self.show_status(self.controller.status)

    def show_status(self, st: SyncStatus) -> None:
        key, text = describe(st)
        fill, border = COLORS[key]
        self.dot.setPixmap(status_dot(fill, border).pixmap(16, 16))
        self.text.setText(text)
        self.setProperty("syncState", key)
        self.button.setEnabled(not st.running and (st.configured or st.last_ok_at is not None))
        self.conflicts.setVisible(st.conflicts > 0)
        if st.conflicts:
            self.conflicts.setText('<a href="conflicts">{}</a>'.format(
                tr("冲突 {n}").format(n=st.conflicts)))
        self.clock.setVisible(bool(st.clock_message))
        self.clock.setToolTip(st.clock_message)
        tips = [text]
        if st.pending_documents:
            tips.append(tr("其中收费单据 {n} 条").format(n=st.pending_documents))
        if st.rejected:
            tips.append(tr("被中心拒收 {n} 条，请主管处理").format(n=st.rejected))
        if st.skipped:
            tips.append(tr("无法应用 {n} 条，将在下次同步时重试").format(n=st.skipped))
        if st.message:
            tips.append(st.message)
        if st.clock_message:
            tips.append(st.clock_message)
        if st.last_error:   # offline, or e.g. this terminal's database was busy
            tips.append(st.last_error)
        self.text.setToolTip("\n".join(tips))
        self.dot.setToolTip("\n".join(tips))

    # -- outcomes ---------------------------------------------------------------------
    def _window(self):
        return self.window()

    def _failed(self, exc: BaseException) -> None:
        if self.controller._manual:   # a background failure only turns the dot red
            show_error(self._window(), exc, tr("同步未完成"))

    def _finished(self, result) -> None:
        msg = tr("同步完成：上传 {pushed} 条，接收 {pulled} 条，冲突 {conflicts} 条").format(
            pushed=result.pushed, pulled=result.pulled, conflicts=result.conflicts)
        win = self._window()
        if hasattr(win, "statusBar"):
            win.statusBar().showMessage(msg, 10_000)
        if result.alarms or result.rejected:
            self._warn(tr("同步告警"), "\n".join(
                [tr("中心拒收了 {n} 条变更，已保留在本机，请主管在“冲突处理”中查看。").format(
                    n=result.rejected)] + list(result.alarms)))
        elif result.pull_refused and self.controller._manual:
            self._warn(tr("需要升级"),
                       result.message_en if current_language() == "en" else result.message)

    def _clock_warning(self, text: str) -> None:
        self._warn(tr("电脑时间不准"), text)

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(self._window())
        box.setObjectName("syncWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()
        self._box = box

