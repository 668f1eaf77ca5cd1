"""PropDesk device drivers: receipt printers, card readers and utility meters.

Qt-free and PropDesk-free: only the standard library, pyserial and pymodbus.
Each protocol module keeps pure encode/decode functions apart from its device
class; :mod:`drivers.simulators` speaks the same bytes for tests and demos.

Entry points most callers need::

    from drivers import open_meter, ReceiptPrinter, PN532, MifareClassic
"""

from drivers.cjt188 import CJT188Bus
from drivers.dlt645 import DLT645Bus
from drivers.errors import (
    AuthError,
    BadChecksum,
    BadFrame,
    CardError,
    CardRemoved,
    DeviceError,
    DeviceRejected,
    DeviceTimeout,
    NoCard,
    PaperOut,
    PortBusy,
    PortNotFound,
    PrinterError,
    PrinterOffline,
    ProtocolError,
)
from drivers.escpos import EscPos, PrinterStatus, ReceiptPrinter
from drivers.meter import MeterBus, Reading
from drivers.mifare import AccessConditions, SectorTrailer
from drivers.modbus_meter import ModbusMeterBus
from drivers.pn532 import PN532, MifareClassic
from drivers.registry import meter_protocols, open_meter
from drivers.transport import (
    RX,
    TX,
    FrameLog,
    SerialSettings,
    SerialTransport,
    hex_bytes,
)

__all__ = [
    "PN532",
    "RX",
    "TX",
    "AccessConditions",
    "AuthError",
    "BadChecksum",
    "BadFrame",
    "CJT188Bus",
    "CardError",
    "CardRemoved",
    "DLT645Bus",
    "DeviceError",
    "DeviceRejected",
    "DeviceTimeout",
    "EscPos",
    "FrameLog",
    "MeterBus",
    "MifareClassic",
    "ModbusMeterBus",
    "NoCard",
    "PaperOut",
    "PortBusy",
    "PortNotFound",
    "PrinterError",
    "PrinterOffline",
    "PrinterStatus",
    "ProtocolError",
    "Reading",
    "ReceiptPrinter",
    "SectorTrailer",
    "SerialSettings",
    "SerialTransport",
    "hex_bytes",
    "meter_protocols",
    "open_meter",
]
