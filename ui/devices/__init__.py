"""Serial devices in the UI: the per-port worker threads (:mod:`ui.devices.worker`) and
the widgets of the 设备 screen (:mod:`ui.devices.widgets`)."""
