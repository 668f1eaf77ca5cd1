"""Widgets of the device panel: a status light, a port field, the live frame log."""

from __future__ import annotations

import datetime as dt
import html
from collections import deque

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ui.i18n import tr
from ui.icons import status_dot
from ui.widgets.base import Retranslatable

UNKNOWN, OK, ERROR, BUSY = "unknown", "ok", "error", "busy"
LIGHT_COLORS: dict[str, tuple[str, str]] = {      # fill, ring
    UNKNOWN: ("#D5DBE3", "#9AA5B4"),
    OK: ("#3FB26B", "#2E8B57"),
    ERROR: ("#E05A4B", "#B03A2E"),
    BUSY: ("#F3B041", "#C98A1B"),
}
TX_COLOR, RX_COLOR, NOTE_COLOR, ERROR_COLOR = "#1F5FAF", "#1E7F4F", "#52606D", "#C0392B"


class StatusLight(QLabel):
    """A round light: grey 未测试, green 设备正常, red 出错, amber 通信中."""

    def __init__(self, parent: QWidget | None = None, size: int = 16) -> None:
        super().__init__(parent)
        self.state = UNKNOWN
        self._size = size
        self.setFixedSize(QSize(size, size))
        self.set_state(UNKNOWN)

    def set_state(self, state: str) -> None:
        self.state = state
        fill, ring = LIGHT_COLORS[state]
        self.setPixmap(status_dot(fill, ring, self._size).pixmap(self._size, self._size))
        self.setProperty("lightState", state)


def state_text(state: str) -> str:
    return {UNKNOWN: tr("未测试"), OK: tr("设备正常"), ERROR: tr("出错"), BUSY: tr("通信中…")}[state]


class PortCombo(QComboBox):
    """An editable port field: the discovered ports to pick from, or any typed name or URL
    (``COM7``, ``/dev/ttyUSB1``, ``socket://192.168.1.50:4001``, ``rfc2217://…``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(3)
        self.setMinimumWidth(140)

    def port(self) -> str:
        return self.currentText().strip()

    def set_port(self, port: str) -> None:
        self.setEditText(port)

    def set_choices(self, ports: list[tuple[str, str]]) -> None:
        """``(port, description)`` pairs; the typed text is kept."""
        typed = self.currentText()
        self.blockSignals(True)
        self.clear()
        for port, description in ports:
            self.addItem(port, port)
            if description:
                self.setItemData(self.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
        self.setEditText(typed)
        self.blockSignals(False)


class FrameLogView(Retranslatable, QWidget):
    """The live hex log of frames on every port this screen uses.

    Newest at the bottom; at most :attr:`limit` entries are kept (older ones
    scroll away) and a long frame shows its first :attr:`shown_bytes` bytes
    and its length.  暂停 stops recording (frames are counted, not shown),
    复制 copies the whole log as text.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, limit: int = 1000, shown_bytes: int = 64) -> None:
        super().__init__(parent)
        self.limit = limit
        self.shown_bytes = shown_bytes
        self.entries: deque[tuple[str, str, str, str, str]] = deque(maxlen=limit)  # time, device, port, dir, text
        self.dropped = 0
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("pauseLog")
        self.pause_button.setCheckable(True)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearLog")
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyLog")
        self.text = QPlainTextEdit()
        self.text.setObjectName("frameLog")
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(limit)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumHeight(72)    # four lines: the screen still fits a 768-pixel window

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(8)
        head.addWidget(self.count_label)
        head.addStretch(1)
        for b in (self.pause_button, self.clear_button, self.copy_button):
            head.addWidget(b)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(head)
        box.addWidget(self.text, 1)

        self.pause_button.toggled.connect(lambda _on: self.retranslate())
        self.clear_button.clicked.connect(self.clear)
        self.copy_button.clicked.connect(self.copy)
        self.retranslate()

    def sizeHint(self) -> QSize:  # noqa: N802
        # As tall as its minimum: the screen (in a scroll area that sizes it by its
        # preferred height) then fits a 768-pixel window; the splitter gives the log
        # whatever height is left over.
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def retranslate(self) -> None:
        self.title.setText(tr("通信日志"))
        self.pause_button.setText(tr("继续") if self.pause_button.isChecked() else tr("暂停"))
        self.pause_button.setToolTip(tr("暂停时不记录新的报文"))
        self.clear_button.setText(tr("清空"))
        self.copy_button.setText(tr("复制"))
        self.copy_button.setToolTip(tr("把全部日志复制到剪贴板"))
        self._update_count()

    @property
    def paused(self) -> bool:
        return self.pause_button.isChecked()

    def add_frame(self, device: str, port: str, direction: str, data: bytes, when: float) -> None:
        if self.paused:
            self.dropped += 1
            self._update_count()
            return
        shown = data[: self.shown_bytes].hex(" ").upper()
        if len(data) > self.shown_bytes:
            shown += " " + tr("…（共 {n} 字节）").format(n=len(data))
        self._append(when, device, port, direction.upper(), shown,
                     TX_COLOR if direction == "tx" else RX_COLOR)

    def add_note(self, device: str, port: str, text: str, *, error: bool = False,
                 when: float | None = None) -> None:
        if self.paused:
            return
        when = dt.datetime.now().timestamp() if when is None else when
        self._append(when, device, port, "!!" if error else "--", text, ERROR_COLOR if error else NOTE_COLOR)

    def _append(self, when: float, device: str, port: str, direction: str, text: str, color: str) -> None:
        stamp = dt.datetime.fromtimestamp(when).strftime("%H:%M:%S.%f")[:-3]
        self.entries.append((stamp, device, port, direction, text))
        bar = self.text.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self.text.appendHtml(
            f'<span style="color:#7B8794">{stamp}</span>&nbsp;&nbsp;'
            f'<span style="color:#334E68">{html.escape(device)}&nbsp;{html.escape(port)}</span>&nbsp;&nbsp;'
            f'<b style="color:{color}">{direction}</b>&nbsp;&nbsp;'
            f'<span style="color:{color}">{html.escape(text)}</span>')
        if at_end:
            bar.setValue(bar.maximum())
        self._update_count()
        self.changed.emit()

    def plain_text(self) -> str:
        return "\n".join("  ".join(e) for e in self.entries)

    def clear(self) -> None:
        self.entries.clear()
        self.dropped = 0
        self.text.clear()
        self._update_count()
        self.changed.emit()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    def _update_count(self) -> None:
        text = tr("{n} 条，最多保留 {limit} 条").format(n=len(self.entries), limit=self.limit)
        if self.dropped:
            text += tr("；暂停期间略过 {n} 条").format(n=self.dropped)
        self.count_label.setText(text)
