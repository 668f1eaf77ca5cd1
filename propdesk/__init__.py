"""PropDesk domain core: models, services, billing, sync. Never imports Qt."""

__version__ = "0.1.0"
