"""The service desk's UI: work orders, complaints, equipment and maintenance, stock.

Screens are registered in :mod:`ui.screens` and the room's 工单 tab in
:mod:`ui.room_tabs`; everything here calls :mod:`propdesk.services.service_desk`
through ``ctx.tasks`` and never touches the database on the GUI thread.
"""
