"""The screens of the main window: one line each.

To add a screen (a later issue's 收费台, 账单, 工单 …), write a
:class:`ui.widgets.base.Screen` subclass taking ``(ctx, parent)`` and add one
``ScreenEntry`` line below.  ``title`` is Chinese source text wrapped in
``tr_noop`` (translated when shown); ``permission`` is a constant from
``propdesk.security``: operators without it never see the screen;
``shortcut`` appears in the 视图 menu; ``icon`` names an SVG in resources/icons.
"""

from __future__ import annotations

from dataclasses import dataclass

from propdesk.security import AUDIT_VIEW, MASTER_VIEW, USER_MANAGE
from ui.i18n import tr_noop


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    title: str
    permission: str
    factory: str          # "module:Class", imported on first show
    icon: str = ""
    shortcut: str = ""


SCREENS: list[ScreenEntry] = [
    ScreenEntry("property", tr_noop("房产资料"), MASTER_VIEW,
                "ui.screens.navigator:NavigatorScreen", "property", "Ctrl+1"),
    ScreenEntry("room_map", tr_noop("房态图"), MASTER_VIEW,
                "ui.screens.room_map:RoomMapScreen", "grid", "Ctrl+2"),
    ScreenEntry("cashier", tr_noop("收费台"), "pay.collect", "ui.screens.cashier:CashierScreen", "generate", "Ctrl+3"),
    ScreenEntry("bill_run", tr_noop("应收计算"), "bill.view", "ui.billing.bill_run:BillRunScreen", "generate"),
    ScreenEntry("readings", tr_noop("抄表"), "bill.view", "ui.billing.readings:ReadingsScreen", "grid"),
    ScreenEntry("meters", tr_noop("仪表"), "bill.view", "ui.billing.meter_list:MetersScreen", "grid"),
    ScreenEntry("fees", tr_noop("收费标准"), "bill.view", "ui.billing.fees:FeesScreen", "generate"),
    ScreenEntry("cards", tr_noop("门禁卡"), "master.view", "ui.screens.cards:CardsScreen", "car", "Ctrl+4"),
    ScreenEntry("workorders", tr_noop("工单"), "workorder.create", "ui.screens.workorders:WorkOrdersScreen", "wrench"),
    ScreenEntry("complaints", tr_noop("投诉"), "workorder.dispatch", "ui.service.complaints:ComplaintsScreen", "complaint"),
    ScreenEntry("equipment", tr_noop("设备与保养"), "equipment.manage", "ui.service.equipment:EquipmentScreen", "equipment"),
    ScreenEntry("stock", tr_noop("物料库存"), "stock.manage", "ui.service.stock:StockScreen", "stock"),
    ScreenEntry("sync_conflicts", tr_noop("冲突处理"), "conflict.review", "ui.screens.sync_conflicts:SyncConflictsScreen", "audit"),
    ScreenEntry("devices", tr_noop("终端设备"), "device.config", "ui.screens.devices:DevicesScreen", "devices", "Ctrl+7"),
    ScreenEntry("audit", tr_noop("审计日志"), AUDIT_VIEW,
                "ui.screens.audit_log:AuditLogScreen", "audit", "Ctrl+8"),
    ScreenEntry("operators", tr_noop("操作员管理"), USER_MANAGE,
                "ui.screens.operators:OperatorsScreen", "operators", "Ctrl+9"),
]


def screens_for(actor) -> list[ScreenEntry]:
    return [s for s in SCREENS if actor is not None and actor.can(s.permission)]
