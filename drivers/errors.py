"""Exceptions raised by the device drivers.

Every message is written for the person at the counter: Chinese first, then the
same sentence in English in parentheses, naming the device and where it is
(port, address) so that the message alone says what to check.

The hierarchy lets callers be as coarse or as fine as they need::

    DeviceError
    ├── DeviceTimeout            the device did not answer in time
    ├── BadFrame                 an answer arrived but could not be understood
    │   └── BadChecksum          ... because its checksum was wrong
    ├── DeviceRejected           the device answered with its own error code
    ├── PortNotFound / PortBusy  the port itself could not be opened
    ├── CardError
    │   ├── NoCard               no card on the reader
    │   ├── AuthError            the key was refused (wrong key)
    │   └── CardRemoved          the card left the field during an operation
    └── PrinterError
        ├── PaperOut
        └── PrinterOffline
"""

from __future__ import annotations


class DeviceError(Exception):
    """Base class of every driver error.

    ``zh`` and ``en`` hold the two halves of the message separately so that a
    UI can show only the Chinese one; ``str(error)`` gives both.
    """

    def __init__(
        self,
        zh: str,
        en: str,
        *,
        port: str | None = None,
        address: str | None = None,
    ) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en
        self.port = port
        self.address = address


class DeviceTimeout(DeviceError):
    """The device did not answer within the timeout (it may be off, unplugged,
    on another address, or it ignored a corrupted request)."""


class BadFrame(DeviceError):
    """Bytes arrived that do not form a valid answer of the protocol."""


class BadChecksum(BadFrame):
    """A complete frame arrived but its checksum does not match."""


class DeviceRejected(DeviceError):
    """The device understood the request and refused it with its own error code.

    ``code`` is the raw code as the device sent it (for example the DL/T 645
    error byte, a Modbus exception code or a PN532 status byte).
    """

    def __init__(
        self,
        zh: str,
        en: str,
        *,
        code: int,
        port: str | None = None,
        address: str | None = None,
    ) -> None:
        super().__init__(zh, en, port=port, address=address)
        self.code = code


#: Second name for :class:`DeviceRejected`, for callers that think of a device's
#: refusal as a protocol-level error.
ProtocolError = DeviceRejected


class PortNotFound(DeviceError):
    """The port does not exist (unplugged adapter, wrong name, nothing listening)."""


class PortBusy(DeviceError):
    """The port exists but another program (or another PropDesk window) holds it."""


class CardError(DeviceError):
    """Base class of contactless-card errors."""


class NoCard(CardError):
    """No card is on the reader."""


class AuthError(CardError):
    """The card refused the key (MIFARE authentication error, PN532 status 0x14)."""


class CardRemoved(CardError):
    """The card left the field during an operation, or was swapped for another."""


class PrinterError(DeviceError):
    """Base class of receipt-printer errors."""


class PaperOut(PrinterError):
    """The paper roll is empty."""


class PrinterOffline(PrinterError):
    """The printer cannot print now (cover open, error, or it does not answer)."""
