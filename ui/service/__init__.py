"""The service desk's UI: work orders, complaints, equipment and maintenance, stock.

Screens are registered in :mod:`ui.screens` and the room's 工单 tab in
:mod:`ui.room_tabs`; everything here calls :mod:`propdesk.services.service_desk`
through ``ctx.tasks`` and never touches the database on the GUI thread.
"""

from ui.i18n import tr_noop

# The titles this area registers in ui.screens and ui.room_tabs, so that the service
# catalogue (resources/i18n/service_en.ts) carries their English too.
REGISTERED_TITLES = (tr_noop("工单"), tr_noop("投诉"), tr_noop("设备与保养"), tr_noop("物料库存"))
