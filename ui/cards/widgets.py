"""Small widgets shared by the card dialogs and panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from propdesk.models.cards import CARD_STATUSES, CARD_TYPES
from ui.cards.station import BUSY, CARD, NO_CARD, NO_PORT, OFFLINE, CardStation, ReaderStatus
from ui.i18n import current_language, label, tr
from ui.widgets.base import Retranslatable

TONES = {"ok": "#2E8B57", "info": "#2F6FB2", "warn": "#B7791F", "error": "#C0392B", "busy": "#6B46C1"}
STATUS_COLORS = {"active": "#2E8B57", "lost": "#C0392B", "cancelled": "#7F8C8D", "expired": "#B7791F"}


def card_type_label(code: str) -> str:
    return label(CARD_TYPES, code)


def card_status_label(code: str) -> str:
    return label(CARD_STATUSES, code)


def reader_text(status: ReaderStatus, port: str, prompt: str) -> tuple[str, str]:
    """(text, tone) for a reader status; ``prompt`` is what to ask for when no card is there."""
    detail = status.detail_en if current_language() == "en" else status.detail_zh
    if status.state == NO_PORT:
        return tr("未设置发卡器串口：请在“终端设备”中设置发卡器的端口"), "warn"
    if status.state == OFFLINE:
        return tr("读卡器未连接（{port}）：{detail}").format(port=port, detail=detail), "error"
    if status.state == NO_CARD:
        return prompt, "info"
    if status.state == CARD:
        return tr("检测到卡片 {uid}").format(uid=status.uid), "ok"
    if status.state == BUSY:
        return tr("正在读写卡片，请勿移动卡片…"), "busy"
    return "", "info"


class ReaderBar(Retranslatable, QFrame):
    """Live reader status with a coloured dot, and the port it uses (set under 终端设备)."""

    def __init__(self, station: CardStation, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.prompt = prompt
        self.setObjectName("readerBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        self.dot = QLabel("●")
        self.dot.setObjectName("readerDot")
        self.text = QLabel()
        self.text.setObjectName("readerText")
        self.text.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.text)
        lay.addWidget(self.dot)
        lay.addLayout(texts, 1)
        self.port = QLabel()
        self.port.setObjectName("readerPort")
        self.port.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.port)
        station.status_changed.connect(self.show_status)
        self.retranslate()

    def set_prompt(self, prompt: str) -> None:
        self.prompt = prompt
        self.show_status(self.station.status)

    def retranslate(self) -> None:
        self.port.setText(tr("串口 {port}").format(port=self.station.port) if self.station.port else "")
        self.port.setToolTip(tr("发卡器的端口在“终端设备”中设置"))
        self.show_status(self.station.status)

    def show_status(self, status: ReaderStatus) -> None:
        text, tone = reader_text(status, self.station.port, self.prompt)
        self.show_message(text, tone)

    def show_message(self, text: str, tone: str) -> None:
        self.text.setText(text)
        self.dot.setStyleSheet(f"color:{TONES[tone]}; font-size:18px;")
        self.text.setProperty("tone", tone)
