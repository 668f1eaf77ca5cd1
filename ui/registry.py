"""Lazily imported factories, shared by the screen and room-tab registries.

A registry entry names its widget class as ``"module:Class"`` so that the
main window imports a screen's module only when the screen is first shown
(start-up stays fast however many screens later issues add).
"""

from __future__ import annotations

import importlib
from typing import Any


def load(target: str) -> Any:
    module, _, name = target.partition(":")
    if not name:
        raise ValueError(f"factory must look like 'package.module:Class', got {target!r}")
    return getattr(importlib.import_module(module), name)
