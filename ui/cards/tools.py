"""读卡核验 and 导出名单: the two dialogs of the 门禁卡 screen's toolbar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from propdesk.cards import lists
from propdesk.cards import secrets as site_secrets
from propdesk.services import cards as svc
from propdesk.services import cards_lists
from ui.cards.station import CARD, CardStation, reader_config
from ui.cards.widgets import TONES, ReaderBar, card_status_label, card_type_label
from ui.i18n import current_language, error_text, tr
from ui.signals import emit
from ui.widgets.base import Retranslatable

VERDICT_TONES = {"valid": "ok", "expired": "warn", "not_yet_valid": "warn", "blacklisted": "error",
                 "forged": "error", "unknown": "warn"}


class InspectDialog(Retranslatable, QDialog):
    """读卡核验: each card placed on the reader is read and judged against the current lists."""

    show_card = Signal(object)   # card id, to select it in the list

    def __init__(self, ctx, *, station: CardStation | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection: svc.Inspection | None = None
        self.setObjectName("inspectCardDialog")
        self.setMinimumWidth(520)
        self._own_station = station is None
        self.station = station or CardStation(reader_config(ctx), parent=self)
        self._last_uid = ""
        lay = QVBoxLayout(self)
        self.reader = ReaderBar(self.station, "", self)
        lay.addWidget(self.reader)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(56)
        lay.addWidget(self.verdict)
        self.details = QLabel()
        self.details.setObjectName("verdictDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox()
        self.read_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.read_button.setObjectName("readAgain")
        self.show_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.setObjectName("showInList")
        self.show_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.read_button.clicked.connect(self.read)
        self.show_button.clicked.connect(self._show_in_list)
        self.station.status_changed.connect(self._status)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("读卡核验"))
        self.reader.set_prompt(tr("请把要核验的卡放在读卡器上"))
        self.read_button.setText(tr("重新读卡"))
        self.show_button.setText(tr("在列表中显示"))
        if self.inspection is not None:
            self._render(self.inspection)

    def _status(self, status) -> None:
        if status.state == CARD and status.uid != self._last_uid and not self.station.busy:
            self._last_uid = status.uid
            self.read()
        elif status.state not in (CARD, "busy"):
            self._last_uid = ""
        self.read_button.setEnabled(status.state == CARD and not self.station.busy)

    def read(self) -> None:
        try:
            secrets = site_secrets.load()
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            self._error(exc)
            return
        actor, db = self.ctx.actor, self.ctx.db

        def job(card_io):
            with db.session() as s:
                return svc.inspect_card(s, actor, card_io, secrets)
        self.station.submit(job, self._render, self._error)

    def _render(self, inspection: svc.Inspection) -> None:
        self.inspection = inspection
        v = inspection.verdict
        en = current_language() == "en"
        tone = VERDICT_TONES[v.code]
        self.verdict.setText(v.title_en if en else v.title_zh)
        self.verdict.setStyleSheet(f"color:{TONES[tone]}; font-size:22px; font-weight:600;")
        lines = [tr("卡号 {uid}").format(uid=v.uid), v.reason_en if en else v.reason_zh]
        c = v.credential
        if c is not None:
            lines.append(tr("凭证号 {serial}，{type}，有效期 {start} 至 {until}").format(
                serial=c.serial_hex, type=card_type_label(c.card_type), start=c.valid_from.isoformat(),
                until=c.valid_until.isoformat()))
        row = inspection.card
        if row is not None:
            lines.append(tr("档案：{holder} {place}，{status}").format(
                holder=row.holder_name, place=row.place_code or row.plate, status=card_status_label(row.status)))
        self.details.setText("\n".join(lines))
        self.show_button.setEnabled(row is not None)

    def _error(self, exc: BaseException) -> None:
        self.inspection = None
        self.verdict.setText(tr("读卡失败"))
        self.verdict.setStyleSheet(f"color:{TONES['error']}; font-size:22px; font-weight:600;")
        self.details.setText(error_text(exc))
        self.show_button.setEnabled(False)

    def _show_in_list(self) -> None:
        if self.inspection and self.inspection.card:
            emit(self.show_card, self.inspection.card.card_id)

    def done(self, code: int) -> None:  # noqa: D401 - QDialog.done
        if self._own_station:
            self.station.close()
        super().done(code)


class ExportDialog(Retranslatable, QDialog):
    """导出名单: the full lists or the changes since a version, as JSON or CSV."""

    exported = Signal(object)   # the document

    def __init__(self, ctx, latest: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.document = None
        self.setObjectName("exportListsDialog")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.full = QRadioButton()
        self.full.setObjectName("exportFull")
        self.incremental = QRadioButton()
        self.incremental.setObjectName("exportIncremental")
        group = QButtonGroup(self)
        group.addButton(self.full)
        group.addButton(self.incremental)
        self.full.setChecked(True)
        self.since = QSpinBox()
        self.since.setObjectName("sinceVersion")
        self.since.setRange(0, max(latest, 0))
        self.since.setValue(latest)
        self.since.setEnabled(False)
        inc_row = QHBoxLayout()
        inc_row.addWidget(self.incremental)
        inc_row.addWidget(self.since)
        inc_row.addStretch(1)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.addItem("JSON", "json")
        self.format.addItem("CSV", "csv")
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.browse = QPushButton()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        self.labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self.labels[0], self.full)
        form.addRow("", inc_row)
        form.addRow(self.labels[1], self.format)
        form.addRow(self.labels[2], path_row)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.incremental.toggled.connect(self.since.setEnabled)
        self.browse.clicked.connect(self._browse)
        self.format.currentIndexChanged.connect(self._suffix)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("导出门禁名单"))
        self.labels[0].setText(tr("内容"))
        self.labels[1].setText(tr("格式"))
        self.labels[2].setText(tr("文件"))
        self.full.setText(tr("完整名单（白名单和黑名单）"))
        self.incremental.setText(tr("增量：闸口当前的名单版本"))
        self.browse.setText(tr("浏览…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("导出(&E)"))

    def _suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix("." + self.format.currentData())))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, tr("导出门禁名单"), f"gate-list.{fmt}", f"{fmt.upper()} (*.{fmt})")
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.message.setText(tr("请选择保存的文件"))
            return
        try:
            secrets = site_secrets.load()
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            self.message.setText(error_text(exc))
            return
        actor, fmt = self.ctx.actor, self.format.currentData()
        since = self.since.value() if self.incremental.isChecked() else None
        self.buttons.setEnabled(False)
        self.ctx.tasks.write(lambda s: cards_lists.export_document(s, actor, secrets, since=since), parent=self) \
            .success(lambda doc: self._write(doc, path, fmt)) \
            .failure(lambda exc: (self.message.setText(error_text(exc)), self.buttons.setEnabled(True))).run()

    def _write(self, document: dict, path: Path, fmt: str) -> None:
        def write():
            data = lists.to_csv(document) if fmt == "csv" else lists.to_json(document)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            return document
        self.ctx.tasks.background(write, parent=self).success(self._written) \
            .failure(lambda exc: self.message.setText(error_text(exc))) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _written(self, document: dict) -> None:
        self.document = document
        kind = tr("完整名单") if document["kind"] == "full" else tr("自版本 {v} 起的增量").format(v=document["since"])
        self.message.setText(tr("已导出名单版本 {version}（{kind}，{n} 条；白名单 {white}，黑名单 {black}）。"
                                "请装入各闸口控制器。").format(
            version=document["version"], kind=kind, n=len(document["entries"]),
            white=document["white_count"], black=document["black_count"]))
        emit(self.exported, document)


def latest_version(session) -> int:
    return cards_lists.latest_version(session)


__all__ = ["ExportDialog", "InspectDialog", "latest_version"]
