"""Open a meter bus by protocol name, so the app can read any meter it is told about."""

from __future__ import annotations

from typing import Any, Final

from drivers.cjt188 import CJT188Bus
from drivers.dlt645 import DLT645Bus
from drivers.meter import MeterBus
from drivers.modbus_meter import ModbusMeterBus
from drivers.transport import FrameLog, SerialSettings

METER_PROTOCOLS: Final[dict[str, type[MeterBus]]] = {
    cls.protocol: cls for cls in (DLT645Bus, CJT188Bus, ModbusMeterBus)
}


def meter_protocols() -> list[str]:
    """Protocol names accepted by :func:`open_meter`."""
    return sorted(METER_PROTOCOLS)


def open_meter(
    protocol: str,
    port: str,
    *,
    settings: SerialSettings | None = None,
    log: FrameLog | None = None,
    **options: Any,
) -> MeterBus:
    """Open the meter bus of ``protocol`` (``"dlt645"``, ``"cjt188"``, ``"modbus"``) on ``port``.

    Keyword options named like :class:`SerialSettings` fields (``baudrate``,
    ``parity``, ``timeout`` …) change the protocol's default line settings (or
    ``settings`` if given); the other options go to the bus class, e.g.
    ``preset="hiking_dds238"`` for Modbus or ``meter_type=0x30`` for CJ/T 188::

        with open_meter("dlt645", "/dev/ttyUSB0", timeout=2.0) as bus:
            reading = bus.read_total("123456789012")
    """
    try:
        cls = METER_PROTOCOLS[protocol]
    except KeyError:
        raise ValueError(
            f"未知的表计协议 {protocol!r} (unknown meter protocol; known: {', '.join(meter_protocols())})"
        ) from None
    names = SerialSettings.field_names()
    line = {k: v for k, v in options.items() if k in names}
    bus_options = {k: v for k, v in options.items() if k not in names}
    chosen = (settings or cls.default_settings).with_changes(**line)
    return cls.open(port, chosen, log=log, **bus_options)
