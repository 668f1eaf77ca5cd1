"""Register maps of Modbus RTU energy meters, kept as plain data.

Each preset says which function reads the registers (``"input"`` = 04,
``"holding"`` = 03), which quantity is the billed total, and for every
quantity its first register, data type, unit and decimals:

* ``float32`` (two registers, IEEE-754 big-endian): the value is rounded to
  ``decimals`` places: the float is only the wire format;
* ``uint16``/``int16``/``uint32``/``int32``: the integer on the wire is the
  value times 10^decimals (``uint32`` with decimals 2 = 0.01 kWh steps).

More presets can be loaded from a JSON file of the same shape with
:func:`drivers.modbus_meter.load_presets`, so a new meter model needs no code.

Sources: Eastron SDM120/SDM230/SDM630 Modbus protocol sheets (input registers,
float32); Hiking DDS238-2 ZN/S register table as published with Tasmota's
energy-driver documentation and meter users' notes (holding registers,
scaled integers).
"""

from __future__ import annotations

from typing import Any, Final

PRESETS: Final[dict[str, dict[str, Any]]] = {
    "eastron_sdm": {
        "name": "Eastron SDM120/SDM230/SDM630 导轨电能表",
        "function": "input",
        "word_order": "big",
        "total": "total_energy",
        "registers": {
            "voltage": {"address": 0x0000, "type": "float32", "unit": "V", "decimals": 1},
            "current": {"address": 0x0006, "type": "float32", "unit": "A", "decimals": 3},
            "power": {"address": 0x000C, "type": "float32", "unit": "W", "decimals": 1},
            "frequency": {"address": 0x0046, "type": "float32", "unit": "Hz", "decimals": 2},
            "import_energy": {"address": 0x0048, "type": "float32", "unit": "kWh", "decimals": 2},
            "export_energy": {"address": 0x004A, "type": "float32", "unit": "kWh", "decimals": 2},
            "total_energy": {"address": 0x0156, "type": "float32", "unit": "kWh", "decimals": 2},
        },
    },
    "hiking_dds238": {
        "name": "Hiking DDS238-2 ZN/S 单相导轨电能表",
        "function": "holding",
        "word_order": "big",
        "total": "total_energy",
        "registers": {
            "total_energy": {"address": 0x0000, "type": "uint32", "unit": "kWh", "decimals": 2},
            "export_energy": {"address": 0x0008, "type": "uint32", "unit": "kWh", "decimals": 2},
            "import_energy": {"address": 0x000A, "type": "uint32", "unit": "kWh", "decimals": 2},
            "voltage": {"address": 0x000C, "type": "uint16", "unit": "V", "decimals": 1},
            "current": {"address": 0x000D, "type": "uint16", "unit": "A", "decimals": 2},
            "power": {"address": 0x000E, "type": "int16", "unit": "W", "decimals": 0},
            "reactive_power": {"address": 0x000F, "type": "uint16", "unit": "var", "decimals": 0},
            "power_factor": {"address": 0x0010, "type": "uint16", "unit": "", "decimals": 3},
            "frequency": {"address": 0x0011, "type": "uint16", "unit": "Hz", "decimals": 2},
        },
    },
}
