"""Coded values of the service desk, with their Chinese labels.

As in :mod:`propdesk.models.enums`, the database holds short ASCII codes; the
UI shows the Chinese label (translated through the i18n catalogue), and the
CLI and imports accept either the code or the label (:func:`parse_code`).
"""

from __future__ import annotations

import datetime as dt

from propdesk.errors import Problem
from propdesk.models.enums import code_for

WORK_ORDER_KINDS = {"repair": "报修", "public": "公区", "maintenance": "保养"}
# Number prefixes per kind: 报修 BX, 公区 GQ, 保养 BY.
NUMBER_PREFIX = {"repair": "BX", "public": "GQ", "maintenance": "BY"}

CATEGORIES = {
    "water_electric": "水电",
    "civil": "土建",
    "lift": "电梯",
    "door_window": "门窗",
    "facility": "公共设施",
    "fire": "消防",
    "other": "其他",
}
SOURCES = {
    "front_desk": "前台",
    "phone": "电话",
    "wechat": "微信",
    "staff": "员工上报",
    "plan": "保养计划",
}
URGENCIES = {"emergency": "特急", "urgent": "紧急", "normal": "一般", "planned": "计划"}

STATES = {
    "pending": "待派工",
    "dispatched": "已派工",
    "in_progress": "处理中",
    "to_visit": "待回访",
    "done": "已完成",
    "suspended": "挂起",
    "cancelled": "取消",
}
OPEN_STATES = ("pending", "dispatched", "in_progress", "suspended")
ACTIONS = {
    "create": "受理",
    "dispatch": "派工",
    "start": "开始处理",
    "finish": "完工",
    "visit": "回访",
    "rework": "返修",
    "suspend": "挂起",
    "resume": "恢复",
    "cancel": "取消",
    "materials": "领料",
    "return": "退料",
    "labour": "工时",
}
SATISFACTION = {"satisfied": "满意", "fair": "基本满意", "unsatisfied": "不满意"}
CHARGE_STATES = {"": "无", "pending": "待入账", "posted": "已入账"}

# Complaints (投诉处理受理单)
IDENTITIES = {"owner": "业主", "resident": "住户", "tenant": "租客", "visitor": "访客", "other": "其他"}
REPLY_METHODS = {"phone": "电话", "letter": "信件/传真", "email": "电邮", "in_person": "亲临",
                 "other": "其他"}
DEPARTMENTS = {
    "service": "客服部",
    "engineering": "工程部",
    "security": "秩序维护部",
    "cleaning": "环境部",
    "finance": "财务部",
    "office": "管理处",
}
COMPLAINT_STATES = {"received": "已受理", "routed": "处理中", "replied": "已回复",
                    "closed": "已完成"}

# Equipment ledger (设备台账)
EQUIPMENT_KINDS = {
    "lift": "电梯",
    "pump": "水泵",
    "power": "供配电",
    "fire": "消防系统",
    "cctv": "监控",
    "access": "门禁",
    "generator": "发电机",
    "hvac": "空调通风",
    "other": "其他",
}
EQUIPMENT_STATUSES = {
    "running": "正常",
    "fault": "故障",
    "repairing": "维修中",
    "stopped": "停用",
    "scrapped": "报废",
}
RECORD_KINDS = {"maintenance": "保养", "repair": "维修", "inspection": "巡检"}
FREQUENCIES = {"week": "周", "month": "月", "quarter": "季", "year": "年"}

# Stock (物料)
MOVEMENT_KINDS = {
    "in": "入库",
    "out": "领料",
    "return": "返库",
    "adjust": "盘点调整",
    "reversal": "冲销",
}
MOVEMENT_PREFIX = {"in": "RK", "out": "LL", "return": "FK", "adjust": "PD", "reversal": "CX"}


def parse_code(mapping: dict[str, str], value: str | None, where: str,
               problems: list[Problem], *, required: bool = True) -> str:
    """The code for ``value`` (a code or its Chinese label); a Problem when unknown."""
    if not (value or "").strip():
        if required:
            problems.append(Problem(where, f"{where}不能为空，可选：{'、'.join(mapping.values())}",
                                    f"{where} is required: {', '.join(mapping)}"))
        return ""
    code = code_for(mapping, value or "")
    if code is None:
        problems.append(Problem(where, f"未知的{where}：{value}，可选：{'、'.join(mapping.values())}",
                                f"unknown value {value!r}; one of {', '.join(mapping)}"))
        return ""
    return code


def local_now() -> dt.datetime:
    """The office's wall-clock time, to the second (work-order times are local)."""
    return dt.datetime.now().replace(microsecond=0)


def length_problems(model, values: dict, labels: dict[str, str]) -> list[Problem]:
    """Text longer than its column (``labels``: field -> Chinese name), as Problems.

    SQLite stores any length; PostgreSQL refuses the whole transaction, so the
    limit is checked here, where the message can say which field to shorten.
    """
    out = []
    for key, where in labels.items():
        value = values.get(key)
        limit = getattr(model.__table__.c[key].type, "length", None)
        if isinstance(value, str) and limit and len(value) > limit:
            out.append(Problem(where, f"{where}太长：最多 {limit} 个字，现有 {len(value)} 个字",
                               f"{key} is too long: at most {limit} characters, got {len(value)}"))
    return out
