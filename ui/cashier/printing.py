"""Getting receipts and reports onto paper.

Thermal receipts go to this terminal's 收据打印机 as set up under 终端设备
(``propdesk.devices.load(db, "printer")``: port, line settings, paper width,
encoding, status check), rendered and written on that port's worker thread
(:mod:`ui.devices.worker`, shared with the device panel's test page), so
blocking I/O never runs on the GUI thread and two screens never fight over
the port; after the bytes went out the first print is recorded as the
original.  A4/A5 documents: the PDF is rendered and rasterised (pypdfium2) on
a worker, then Qt's print preview (QPrintPreviewDialog) shows the pages and
prints them on any installed printer, so what is printed is exactly the PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from propdesk import devices
from propdesk.devices import DeviceConfig
from propdesk.receipts import escpos, pdf as pdf_render
from propdesk.receipts.data import ReceiptData
from propdesk.receipts.layout import PdfLayout, ThermalLayout
from propdesk.services.cashier import corrections, layouts
from propdesk.services.cashier.layouts import PrinterSettings
from ui.devices.worker import DeviceHub
from ui.i18n import tr
from ui.tasks import show_error

RASTER_DPI = 200


def pdf_images(data: bytes, dpi: int = RASTER_DPI) -> list[QImage]:
    """Every page of a PDF as an image (runs on a worker: QImage is thread-safe)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
            raw = pil.tobytes()
            img = QImage(raw, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888).copy()
            img.setDotsPerMeterX(int(dpi / 0.0254))
            img.setDotsPerMeterY(int(dpi / 0.0254))
            out.append(img)
            page.close()
    finally:
        doc.close()
    return out


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Draw each page image on its own printer page, scaled to the full paper."""
    painter = QPainter(printer)
    try:
        for i, img in enumerate(images):
            if i:
                printer.newPage()
            rect = printer.pageLayout().fullRectPixels(printer.resolution())
            target = QRectF(0, 0, rect.width(), rect.height())
            painter.drawImage(target, img)
    finally:
        painter.end()


class PdfPreview(QPrintPreviewDialog):
    """Print preview of a finished PDF; 打印 prints it on the chosen printer."""

    def __init__(self, images: list[QImage], title: str, paper: str = "A4", landscape: bool = False,
                 parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        from PySide6.QtCore import QMarginsF

        printer.setPageLayout(QPageLayout(
            QPageSize(QPageSize.PageSizeId.A5 if paper == "A5" else QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0)))
        super().__init__(printer, parent)
        self._printer = printer
        self.images = images
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.paintRequested.connect(lambda p: paint_pages(p, self.images))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)


def archive_path(directory: str, data: ReceiptData) -> Path | None:
    """Where the electronic stub (电子存根) of an original goes: DIR/YYYY/NUMBER.pdf."""
    return Path(directory) / f"{data.issued_at:%Y}" / f"{data.number}.pdf" if directory else None


def write_archive(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pdf)
    tmp.replace(path)


@dataclass
class OutputConfig:
    printer: PrinterSettings      # the cashier's choices (output, layouts, stub folder)
    device: DeviceConfig          # the terminal's receipt printer (终端设备)
    thermal: ThermalLayout
    pdf: PdfLayout

    @property
    def thermal_target(self) -> bool:
        """Receipts go to the thermal printer (else: the A4/A5 PDF preview)."""
        return self.printer.output == "thermal" and self.device.configured


def load_config(session) -> OutputConfig:
    ps = layouts.printer_settings(session)
    return OutputConfig(ps, devices.load_in(session, "printer"),
                        layouts.layout_for(session, "thermal", ps.thermal_layout),
                        layouts.layout_for(session, "pdf", ps.pdf_layout))


class ReceiptOutput(QObject):
    """Sends receipts where this terminal prints them; one instance per cashier screen."""

    printed = Signal(str, str)       # receipt number, "escpos" | "pdf"
    failed = Signal(str, object)     # receipt number, the exception
    preview_opened = Signal(object)  # the PdfPreview (tests and screenshots)

    def __init__(self, ctx, parent: QWidget, *, hub: DeviceHub | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.hub = hub
        self.config: OutputConfig | None = None

    def reload(self):
        return self.ctx.tasks.read(load_config, parent=self.parent_widget) \
            .success(lambda c: setattr(self, "config", c)).run()

    # -- entry points --------------------------------------------------------------
    def print_original(self, data: ReceiptData) -> None:
        """The receipt of a payment just taken; recorded as printed once it went out."""
        self.output(data, record=True)

    def output(self, data: ReceiptData, *, record: bool) -> None:
        cfg = self.config
        if cfg is None:
            return
        now = dt.datetime.now().replace(second=0, microsecond=0)
        archive = archive_path(cfg.printer.archive_dir, data) if record else None
        if cfg.thermal_target:
            self._thermal(cfg, data, record, now, archive)
        else:
            layout = cfg.pdf

            def render():
                pdf = pdf_render.render(data, layout, printed_at=now)
                if archive is not None:
                    write_archive(archive, pdf)
                return pdf_images(pdf)
            self.ctx.tasks.background(render, parent=self.parent_widget) \
                .success(lambda imgs: self._preview(imgs, data, layout, record)) \
                .failure(lambda e: self._failed(data.number, e)).run()

    def _thermal(self, cfg: OutputConfig, data: ReceiptData, record: bool, now: dt.datetime,
                 archive: Path | None) -> None:
        """Print on the port's worker; the PDF stub is written afterwards, off the port's thread."""
        layout, pdf_layout = cfg.thermal, cfg.pdf
        hub = self.hub or DeviceHub.instance()

        def printed(_status) -> None:
            if archive is not None:
                self.ctx.tasks.background(lambda: write_archive(archive, pdf_render.render(data, pdf_layout)),
                                          parent=self.parent_widget) \
                    .failure(lambda e: show_error(self.parent_widget, e, tr("电子存根未能保存"))).run()
            self._done(data.number, "escpos", record)

        hub.worker(cfg.device.port).submit(
            cfg.device, lambda printer: escpos.print_receipt(printer, data, layout, printed_at=now),
            parent=self.parent_widget, label=f"receipt {data.number}") \
            .success(printed) \
            .failure(lambda e: self._failed(data.number, e))

    def _preview(self, images, data: ReceiptData, layout: PdfLayout, record: bool) -> None:
        title = tr("收款收据 {number}").format(number=data.number)
        dlg = PdfPreview(images, title, layout.paper, layout.orientation == "landscape", self.parent_widget)
        dlg.open()
        self.preview_opened.emit(dlg)
        self._done(data.number, "pdf", record)

    def _done(self, number: str, target: str, record: bool) -> None:
        if record:
            actor = self.ctx.actor
            self.ctx.tasks.write(lambda s: corrections.record_print(s, actor, number, target),
                                 parent=self.parent_widget) \
                .success(lambda _d: self.printed.emit(number, target)).run()
        else:
            self.printed.emit(number, target)

    def _failed(self, number: str, exc: BaseException) -> None:
        show_error(self.parent_widget, exc, tr("收据 {number} 未能打印").format(number=number))
        self.failed.emit(number, exc)


def preview_pdf(ctx, parent: QWidget, make_pdf, title: str, *, paper: str = "A4",
                landscape: bool = False):
    """Render ``make_pdf()`` and rasterise it on a worker, then open the preview."""
    holder = {}

    def done(images):
        dlg = PdfPreview(images, title, paper, landscape, parent)
        dlg.open()
        holder["dialog"] = dlg

    op = ctx.tasks.background(lambda: pdf_images(make_pdf()), parent=parent).success(done).run()
    return op, holder
