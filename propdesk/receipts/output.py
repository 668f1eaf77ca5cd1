"""Sending a receipt to a thermal printer: blocking serial I/O, never on a GUI thread."""

from __future__ import annotations

from drivers.escpos import PrinterStatus, ReceiptPrinter
from drivers.transport import SerialSettings


def send_escpos(port: str, job: bytes, *, baudrate: int = 9600,
                check_status: bool = True) -> PrinterStatus | None:
    """Write one print job to the printer on ``port``; raises drivers' errors
    (PaperOut, PrinterOffline, PortNotFound …) with Chinese messages."""
    settings = ReceiptPrinter.default_settings.with_changes(baudrate=baudrate)
    with ReceiptPrinter.open(port, settings, check_status=check_status) as printer:
        return printer.print(job)


__all__ = ["send_escpos", "SerialSettings"]
