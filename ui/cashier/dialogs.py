"""补打 / 作废 / 退款 with 主管授权 on the cashier's screen, and 交班."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from propdesk.models.cashier import PAY_METHODS, REFUND_METHODS
from propdesk.money import fmt
from propdesk.security import PAY_SUPERVISE
from propdesk.services.cashier import corrections, shifts
from propdesk.services.operators import authorize
from ui.i18n import error_text, label, tr, tr_noop, translated
from ui.widgets.base import Retranslatable
from ui.widgets.fields import DecimalEdit, ErrorLabel

KINDS = {"reprint": tr_noop("补打收据"), "void": tr_noop("作废收据"), "refund": tr_noop("退款"),
         "deposit": tr_noop("退押金")}


class CorrectionDialog(Retranslatable, QDialog):
    """One dialog for the supervisor actions: 补打, 作废, 退款, and 退押金 of a cancelled
    card (``deposit``: the DepositDue waiting at the cashier).  ``done_ok`` carries the
    service's result."""

    done_ok = Signal(object)

    def __init__(self, ctx, kind: str, number: str = "", parent: QWidget | None = None, *,
                 target: str = "escpos", deposit=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.target = target
        self.deposit = deposit
        self.setObjectName(f"correction_{kind}")
        self.setMinimumWidth(420)
        self.number = QLineEdit(number)
        self.number.setObjectName("receiptNumber")
        self.amount = DecimalEdit(2, allow_empty=True)
        self.amount.setObjectName("refundAmount")
        self.method = QComboBox()
        for code in REFUND_METHODS:
            self.method.addItem(label(REFUND_METHODS, code), code)
        self.method.insertItem(0, tr("原收款方式"), "")
        self.method.setCurrentIndex(0)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.sup_user = QLineEdit()
        self.sup_user.setObjectName("supervisorUser")
        self.sup_password = QLineEdit()
        self.sup_password.setObjectName("supervisorPassword")
        self.sup_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        self.form = QFormLayout()
        self.labels = {k: QLabel() for k in ("number", "amount", "method", "reason", "user", "password")}
        self.form.addRow(self.labels["number"], self.number)
        if kind == "deposit":
            self.number.setText(deposit.uid)
            self.number.setReadOnly(True)
            self.amount.set_value(-deposit.amount)
            self.amount.setReadOnly(True)
        if kind in ("refund", "deposit"):
            self.form.addRow(self.labels["amount"], self.amount)
            self.form.addRow(self.labels["method"], self.method)
        self.form.addRow(self.labels["reason"], self.reason)
        self.needs_supervisor = not ctx.can(PAY_SUPERVISE)
        if self.needs_supervisor:
            self.form.addRow(self.labels["user"], self.sup_user)
            self.form.addRow(self.labels["password"], self.sup_password)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.hint)
        box.addLayout(self.form)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.retranslate()
        (self.reason if number or deposit else self.number).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(translated(KINDS[self.kind]))
        self.labels["number"].setText(tr("卡号") if self.kind == "deposit" else tr("收据号"))
        self.labels["amount"].setText(tr("退款金额"))
        self.amount.setPlaceholderText(tr("不填则退全部可退金额"))
        self.labels["method"].setText(tr("退款方式"))
        self.labels["reason"].setText(tr("原因"))
        self.labels["user"].setText(tr("主管账号"))
        self.labels["password"].setText(tr("主管密码"))
        hints = {"reprint": tr("补打的收据标注“副本”，需主管授权并写明原因。"),
                 "void": tr("作废仅限本班次未交班的收据；欠费将恢复为未缴。需主管授权。"),
                 "refund": tr("退款可部分退；退回的金额恢复为欠费。需主管授权。"),
                 "deposit": tr("卡片已注销并收回，退还其押金（记为收取押金那张收据的退款）。需主管授权。")}
        self.hint.setText(hints[self.kind])

    def submit(self) -> None:
        number = self.number.text().strip()
        reason = self.reason.text().strip()
        if not number or len(reason) < 2 or (self.needs_supervisor and not self.sup_user.text().strip()):
            self.error.show_error(tr("请填写收据号、原因和主管账号"))
            return
        user, password = self.sup_user.text().strip(), self.sup_password.text()
        actor, kind, target = self.ctx.actor, self.kind, self.target
        amount: Decimal | None = self.amount.value()
        method = self.method.currentData() or None
        charge_id = self.deposit.charge_id if self.deposit is not None else None

        def work(s):
            sup = authorize(s, user, password, PAY_SUPERVISE) if user else None
            if kind == "deposit":
                return corrections.refund_deposit(s, actor, charge_id, reason, method=method, supervisor=sup)
            if kind == "void":
                return corrections.void(s, actor, number, reason, supervisor=sup)
            if kind == "refund":
                return corrections.refund(s, actor, number, reason, amount=amount, method=method,
                                          supervisor=sup)
            return corrections.record_print(s, actor, number, target, supervisor=sup, reason=reason)

        self.buttons.setEnabled(False)
        self.ctx.tasks.write(work, parent=self) \
            .success(self._ok) \
            .failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _ok(self, result) -> None:
        self.done_ok.emit(result)
        self.accept()


class ShiftCloseDialog(Retranslatable, QDialog):
    """交班: the shift's takings by method and fee item, expected cash, the count."""

    closed = Signal(object)     # the ShiftSummary after closing

    def __init__(self, ctx, summary: shifts.ShiftSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary = summary
        self.setObjectName("shiftClose")
        self.setMinimumWidth(380)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.counted = DecimalEdit(2)
        self.counted.setObjectName("countedCash")
        self.counted.set_value(summary.expected_cash)
        self.note = QLineEdit()
        self.error = ErrorLabel()
        self.form = QFormLayout()
        self.counted_label, self.note_label = QLabel(), QLabel()
        self.form.addRow(self.counted_label, self.counted)
        self.form.addRow(self.note_label, self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.info)
        box.addLayout(self.form)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.retranslate()
        self.counted.setFocus()
        self.counted.selectAll()

    def retranslate(self) -> None:
        s = self.summary
        self.setWindowTitle(tr("交班 {number}").format(number=s.shift.number))
        rows = "".join(f"<tr><td>{label(PAY_METHODS, k)}</td><td align='right'>{fmt(v)}</td></tr>"
                       for k, v in s.by_method.items())
        items = "".join(f"<tr><td>{k}</td><td align='right'>{fmt(v)}</td></tr>"
                        for k, v in s.by_fee_item.items())
        self.info.setText(
            f"<p>{tr('收款 {n} 笔，作废 {v} 笔，退款 {r} 笔').format(n=s.payments, v=s.voids, r=s.refunds)}</p>"
            f"<table cellspacing='6'><tr><th align='left'>{tr('收款方式')}</th><th>{tr('金额')}</th></tr>{rows}"
            f"<tr><td><b>{tr('实收合计')}</b></td><td align='right'><b>{fmt(s.takings)}</b></td></tr></table>"
            f"<table cellspacing='6'><tr><th align='left'>{tr('收费项目')}</th><th>{tr('金额')}</th></tr>{items}</table>"
            f"<p>{tr('备用金')} {fmt(s.shift.opening_float)}　{tr('应有现金')} <b>{fmt(s.expected_cash)}</b></p>")
        self.counted_label.setText(tr("实点现金"))
        self.note_label.setText(tr("备注"))

    def submit(self) -> None:
        counted = self.counted.value()
        if counted is None:
            self.error.show_error(tr("请输入清点的现金"))
            return
        actor, sid, note = self.ctx.actor, self.summary.shift.id, self.note.text().strip()

        def work(s):
            shifts.close_shift(s, actor, sid, counted, note)
            return shifts.summarize(s, actor, sid)

        self.buttons.setEnabled(False)
        self.ctx.tasks.write(work, parent=self) \
            .success(self._ok) \
            .failure(lambda e: self.error.show_error(error_text(e))) \
            .finally_(lambda: self.buttons.setEnabled(True)).run()

    def _ok(self, summary) -> None:
        self.closed.emit(summary)
        self.accept()


def printer_text(cfg) -> str:
    """The terminal's receipt printer in one line: port, line, paper, encoding, status check."""
    from propdesk import devices

    if not cfg.configured:
        return tr("未设置：收据按 A4/A5 格式打印预览")
    paper = translated(devices.PAPER_WIDTHS.get(cfg.columns, str(cfg.columns)))
    check = tr("打印前检查状态") if cfg.check_status else tr("不检查状态")
    return f"{cfg.port}  {cfg.line()}  {paper}  {cfg.encoding.upper()}  {check}"


class PrinterSettingsDialog(Retranslatable, QDialog):
    """What this terminal prints after a payment: output, layouts, the PDF stub folder.

    The printer itself is the terminal's 收据打印机 (终端设备): shown here, set
    there, so there is one printer configuration for the cashier, the test
    page and everything else that prints."""

    def __init__(self, ctx, settings, device, layout_names: dict[str, list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout, QPushButton

        from propdesk.security import DEVICE_CONFIG

        self.ctx = ctx
        self.device = device
        self.setObjectName("printerSettings")
        self.setMinimumWidth(480)
        self.printer = QLabel()
        self.printer.setObjectName("printerDevice")
        self.printer.setWordWrap(True)
        self.devices_button = QPushButton()
        self.devices_button.setObjectName("openDevices")
        self.devices_button.setVisible(ctx.can(DEVICE_CONFIG))
        self.devices_button.clicked.connect(self.open_devices)
        printer_row = QHBoxLayout()
        printer_row.setContentsMargins(0, 0, 0, 0)
        printer_row.addWidget(self.printer, 1)
        printer_row.addWidget(self.devices_button)
        self.output = QComboBox()
        self.output.addItem("", "thermal")
        self.output.addItem("", "pdf")
        self.output.setCurrentIndex(0 if settings.output == "thermal" else 1)
        self.thermal = QComboBox()
        self.pdf = QComboBox()
        for combo, kind, current in ((self.thermal, "thermal", settings.thermal_layout),
                                     (self.pdf, "pdf", settings.pdf_layout)):
            combo.addItem("", "")
            for name in layout_names.get(kind, []):
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.archive = QLineEdit(settings.archive_dir)
        self.error = ErrorLabel()
        self.form = QFormLayout()
        self.captions = [QLabel() for _ in range(5)]
        for cap, w in zip(self.captions, (printer_row, self.output, self.thermal, self.pdf, self.archive)):
            self.form.addRow(cap, w)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("收费打印设置"))
        for cap, text in zip(self.captions, (tr("收据打印机"), tr("确认收款后打印"), tr("热敏收据格式"),
                                             tr("A4/A5 收据格式"), tr("电子存根目录"))):
            cap.setText(text)
        self.printer.setText(printer_text(self.device))
        self.devices_button.setText(tr("终端设备…"))
        self.devices_button.setToolTip(tr("打印机的端口、通信参数、纸宽和编码在“终端设备”中设置"))
        self.output.setItemText(0, tr("热敏小票"))
        self.output.setItemText(1, tr("A4/A5 单据（打印预览）"))
        self.thermal.setItemText(0, tr("（默认）"))
        self.pdf.setItemText(0, tr("（默认）"))
        self.archive.setPlaceholderText(tr("每张收据另存PDF的文件夹（可不填）"))

    def open_devices(self) -> None:
        """Close this dialog and show the 终端设备 screen, where the printer is set up."""
        self.reject()
        self.ctx.open_screen("devices")

    def submit(self) -> None:
        from propdesk.services.cashier.layouts import PrinterSettings, save_printer_settings

        ps = PrinterSettings(output=self.output.currentData(), thermal_layout=self.thermal.currentData() or "",
                             pdf_layout=self.pdf.currentData() or "", archive_dir=self.archive.text().strip())
        actor = self.ctx.actor
        self.ctx.tasks.write(lambda s: save_printer_settings(s, actor, ps), parent=self) \
            .success(lambda _r: self.accept()) \
            .failure(lambda e: self.error.show_error(error_text(e))).run()


class DunningDialog(Retranslatable, QDialog):
    """催缴通知单: an estate (or one building), arrears as of a date → PDF preview per building."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.widgets.fields import DateField

        self.ctx = ctx
        self.setObjectName("dunningDialog")
        self.estate = QLineEdit()
        self.building = QLineEdit()
        self.as_of = DateField()
        self.error = ErrorLabel()
        self.captions = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for cap, w in zip(self.captions, (self.estate, self.building, self.as_of)):
            form.addRow(cap, w)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("催缴通知单"))
        for cap, text in zip(self.captions, (tr("小区编码"), tr("楼栋编码（不填为全部）"), tr("欠费截至"))):
            cap.setText(text)

    def submit(self) -> None:
        from propdesk.receipts.documents import notices_pdf
        from propdesk.services.cashier import dunning
        from ui.cashier.printing import pdf_images, PdfPreview

        estate, building = self.estate.text().strip(), self.building.text().strip() or None
        as_of, actor = self.as_of.date_value(), self.ctx.actor
        if not estate:
            self.error.show_error(tr("请填写小区编码"))
            return

        def work(s):
            batches = dunning.for_buildings(s, actor, as_of, estate_code=estate, building_code=building)
            notices = [n for b in batches for n in b.notices]
            return pdf_images(notices_pdf(notices)), len(notices)

        def show(result):
            images, count = result
            dlg = PdfPreview(images, tr("催缴通知单（{n} 户）").format(n=count), "A4", False, self.parentWidget())
            dlg.open()
            self.accept()
        self.ctx.tasks.write(work, parent=self).success(show) \
            .failure(lambda e: self.error.show_error(error_text(e))).run()
