"""The sync parts of the UI: a controller that syncs off the GUI thread, the
status-bar indicator, and (in :mod:`ui.screens.sync_conflicts`) the 冲突处理 screen.

The main window calls :func:`install` once; it adds the indicator to the
status bar and starts background sync.
"""

from __future__ import annotations


def install(window) -> "SyncController":  # noqa: F821 - imported lazily below
    """Put the sync indicator into ``window``'s status bar and start background sync."""
    from ui.sync.controller import SyncController
    from ui.sync.indicator import SyncIndicator

    controller = SyncController(window.ctx, window)
    indicator = SyncIndicator(controller, window)
    window.statusBar().addPermanentWidget(indicator)
    window.sync_controller = controller
    window.sync_indicator = indicator
    indicator.open_conflicts.connect(
        lambda: window.show_screen("sync_conflicts")
        if any(e.key == "sync_conflicts" for e in window.entries) else None)
    controller.start()
    return controller
