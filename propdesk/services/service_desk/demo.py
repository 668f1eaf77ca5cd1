"""Service-desk demo data on top of the demo company: a materials catalogue with stock,
each estate's equipment ledger and maintenance plans, and a day's worth of repair orders
and complaints in every state, so every screen has something real to show.

Deterministic (seeded) and built through the services, so every row is validated and
audited like an office's own.  Runs once: a database that already has stock items is
left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.models import Building, Estate, Occupancy, Operator, Room
from propdesk.models.service import StockItem
from propdesk.security import Actor
from propdesk.services.service_desk import (
    complaints as cp, equipment as eq, maintenance as mt, stock, workorders as wo,
)
from propdesk.services.service_desk.codes import local_now

MATERIALS = [  # code, name, spec, unit, category, minimum, price, opening stock
    ("SD-001", "PPR水管", "20mm", "米", "水电", "20", "12.50", "60"),
    ("SD-002", "PPR水管", "25mm", "米", "水电", "10", "16.00", "30"),
    ("SD-003", "角阀", "DN15", "个", "水电", "10", "25.00", "24"),
    ("SD-004", "水龙头", "单冷", "个", "水电", "5", "38.00", "8"),
    ("SD-005", "不锈钢编织软管", "50cm", "根", "水电", "10", "15.00", "6"),
    ("SD-006", "生料带", "", "卷", "水电", "20", "2.00", "50"),
    ("DQ-001", "LED灯泡", "9W", "个", "电气", "30", "8.00", "80"),
    ("DQ-002", "LED灯管", "18W", "根", "电气", "20", "22.00", "15"),
    ("DQ-003", "空气开关", "1P 16A", "个", "电气", "5", "35.00", "12"),
    ("DQ-004", "空气开关", "2P 32A", "个", "电气", "4", "68.00", "6"),
    ("DQ-005", "五孔插座面板", "86型", "个", "电气", "10", "18.00", "25"),
    ("DQ-006", "BV电线", "2.5平方", "米", "电气", "100", "3.20", "300"),
    ("TJ-001", "防水涂料", "JS 5kg", "桶", "土建", "2", "168.00", "3"),
    ("TJ-002", "玻璃胶", "中性", "支", "土建", "10", "15.00", "20"),
    ("MC-001", "门锁锁芯", "C级", "个", "门窗", "5", "85.00", "4"),
    ("MC-002", "闭门器", "65kg", "个", "门窗", "2", "120.00", "3"),
    ("XF-001", "干粉灭火器", "4kg", "具", "消防", "10", "95.00", "16"),
]

REPAIRS = [  # category, description, urgency, chargeable
    ("水电", "厨房水龙头漏水，关不紧", "normal", True),
    ("水电", "卫生间角阀渗水，地面有积水", "urgent", True),
    ("水电", "卧室插座没电，空开跳闸", "urgent", False),
    ("门窗", "入户门锁芯损坏，无法反锁", "urgent", True),
    ("门窗", "阳台推拉窗滑轮脱落", "normal", False),
    ("土建", "卫生间天花板渗水，疑似楼上防水层破损", "normal", False),
    ("土建", "外墙窗边渗水", "normal", False),
    ("电梯", "电梯按钮失灵，7楼按键无反应", "urgent", False),
    ("水电", "客厅灯不亮", "normal", True),
    ("其他", "阳台晾衣架脱落", "normal", True),
    ("水电", "下水道堵塞，返味", "emergency", False),
    ("公共设施", "楼道感应灯不亮", "normal", False),
]

COMPLAINTS = [  # identity, content, department
    ("tenant", "楼上装修噪音，晚上十点后仍在施工", "security"),
    ("owner", "地下车库照明不足，B区多盏灯不亮", "engineering"),
    ("owner", "垃圾清运不及时，单元门口有异味", "cleaning"),
    ("resident", "快递堆放在大堂影响通行", "service"),
]


def build_demo(session: Session, actor: Actor, *, seed: int = 7,
               now: dt.datetime | None = None) -> dict[str, int]:
    """Create the demo data (once); returns counts by kind."""
    if session.scalar(select(func.count()).select_from(StockItem)):
        return {}
    rnd = random.Random(seed)
    now = now or local_now()
    today = now.date()
    counts = {"stock_item": 0, "equipment": 0, "maintenance_plan": 0, "work_order": 0,
              "complaint": 0}
    items = {}
    for code, name, spec, unit, cat, minimum, price, opening in MATERIALS:
        items[code] = stock.create_item(session, actor, code=code, name=name, spec=spec,
                                        unit=unit, category=cat, min_qty=Decimal(minimum),
                                        price=Decimal(price))
    counts["stock_item"] = len(items)
    stock.stock_in(session, actor, [stock.StockLine(items[c].id, Decimal(m[7]), None)
                                    for c, m in zip(items, MATERIALS)],
                   supplier="南山五金机电批发部", note="期初入库", on=today - dt.timedelta(days=30))

    engineers = list(session.scalars(select(Operator).where(
        Operator.role == "engineer", Operator.active.is_(True), Operator.deleted_at.is_(None))
        .order_by(Operator.username)))
    lead = engineers[0].id if engineers else None
    for estate in session.scalars(select(Estate).where(Estate.deleted_at.is_(None))
                                  .order_by(Estate.code)):
        made, plans = _estate_equipment(session, actor, estate, today, lead)
        counts["equipment"] += made
        counts["maintenance_plan"] += plans
    mt.generate_due(session, actor, today - dt.timedelta(days=1), now=now)

    rooms = list(session.scalars(
        select(Room).join(Occupancy, Occupancy.room_id == Room.id)
        .where(Occupancy.role == "owner", Occupancy.end_date.is_(None),
               Occupancy.deleted_at.is_(None), Room.deleted_at.is_(None))
        .order_by(Room.code).limit(200)))
    if rooms:
        counts["work_order"] = _repairs(session, actor, rnd, rooms, engineers, items, now)
        for i, (identity, content, dept) in enumerate(COMPLAINTS):
            c = cp.create_complaint(session, actor, complainant=_owner_name(session, rooms[i]),
                                    identity=identity, phone="", room_id=rooms[i].id,
                                    content=content, now=now - dt.timedelta(hours=30 - 8 * i))
            if i < 3:
                cp.route(session, actor, c.id, department=dept, now=c.received_at)
            if i < 2:
                cp.reply(session, actor, c.id, method="phone", reply="已电话告知处理安排",
                         handling="已安排责任部门处理", now=c.received_at + dt.timedelta(hours=5))
            if i == 0:
                cp.close(session, actor, c.id, satisfaction="fair",
                         now=c.received_at + dt.timedelta(hours=6))
        counts["complaint"] = len(COMPLAINTS)
    return counts


def _estate_equipment(session: Session, actor: Actor, estate: Estate, today: dt.date,
                      lead) -> tuple[int, int]:
    buildings = list(session.scalars(select(Building).where(
        Building.estate_id == estate.id, Building.deleted_at.is_(None)).order_by(Building.code)))
    made = plans = 0
    start = today - dt.timedelta(days=20)

    def add(code, name, kind, location, **kw):
        nonlocal made
        made += 1
        return eq.create_equipment(session, actor, code=f"{estate.code}-{code}", name=name,
                                   kind=kind, location=location, estate_id=estate.id, **kw)

    def plan(e, title, frequency, every, content, post, first, who=None):
        nonlocal plans
        plans += 1
        mt.create_plan(session, actor, e.id, title=title, frequency=frequency, every=every,
                       start_date=first, content=content, post=post, assignee_id=who)

    for b in buildings[:6]:
        for n in (1, 2):
            lift = add(f"DT{b.code}{n}", f"{b.name}{n}号电梯", "lift", f"{b.name}电梯井",
                       model="GeN2-MRL 1000kg", manufacturer="奥的斯", supplier="奥的斯电梯（中国）",
                       supplier_phone="0755-83001234", install_date=dt.date(2018, 6, 1),
                       warranty_until=dt.date(2020, 6, 1))
            plan(lift, f"{lift.name}半月保养", "week", 2,
                 "曳引机、制动器、门机、安全钳、轿厢照明与通话检查（TSG T5002 半月项目）",
                 "电梯维保单位", start - dt.timedelta(days=n))
    pumps = [add(f"SB{n}", f"生活水泵{n}#", "pump", "地下一层水泵房", model="CR15-5",
                 manufacturer="格兰富", supplier="深圳水泵设备公司", install_date=dt.date(2018, 5, 1),
                 warranty_until=dt.date(2021, 5, 1)) for n in (1, 2)]
    for p in pumps:
        plan(p, f"{p.name}月度保养", "month", 1, "运行声音、轴承温度、压力表、密封渗漏、电机绝缘",
             "水工", start, lead)
    fire_pump = add("XFB1", "消防水泵", "pump", "地下一层消防泵房", model="XBD8/30")
    plan(fire_pump, "消防水泵每周试运行", "week", 1, "手动启泵运行5分钟，记录压力", "消防值班", start)
    fire = add("XF01", "火灾报警控制器", "fire", "消防控制室", model="JB-QB-GST200",
               manufacturer="海湾")
    plan(fire, "消防系统季度检测", "quarter", 1, "烟感抽检、手报按钮、声光报警、联动测试",
         "消防维保单位", start)
    power = add("PD01", "10kV变压器", "power", "配电房", model="SCB11-800kVA")
    plan(power, "配电房年度预防性试验", "year", 1, "绝缘电阻、耐压试验、接地电阻测试", "电工",
         today + dt.timedelta(days=45))
    gen = add("FD01", "柴油发电机组", "generator", "地下一层发电机房", model="KTA19-G3 500kW",
              manufacturer="康明斯")
    plan(gen, "发电机月度空载试运行", "month", 1, "空载运行15分钟，检查油位、水温、电瓶电压",
         "电工", start, lead)
    add("JK01", "监控硬盘录像机", "cctv", "监控中心", model="DS-9664N")
    add("MJ01", "小区门禁主机", "access", "东门岗亭", status="fault",
        note="东门人脸识别终端间歇性离线")
    return made, plans


def _owner_name(session: Session, room: Room) -> str:
    from propdesk.services.customers import room_owner

    owner = room_owner(session, room.id)
    return owner.name if owner else "业主"


def _repairs(session: Session, actor: Actor, rnd: random.Random, rooms, engineers, items,
             now: dt.datetime) -> int:
    n = 0
    picks = rnd.sample(rooms, min(len(REPAIRS), len(rooms)))
    for i, ((cat, text, urgency, paid), room) in enumerate(zip(REPAIRS, picks)):
        reported = now - dt.timedelta(hours=2 + 3 * i)
        o = wo.create_order(session, actor, room_id=room.id, category=cat, description=text,
                            urgency=urgency, chargeable=paid, now=reported,
                            source=rnd.choice(["front_desk", "phone", "wechat"]))
        n += 1
        if not engineers or i % 6 == 5:
            continue  # some wait for dispatch
        eng = engineers[i % len(engineers)]
        wo.dispatch(session, actor, o.id, eng.id, now=reported + dt.timedelta(minutes=10))
        if i % 6 == 4:
            continue
        wo.start(session, actor, o.id, now=reported + dt.timedelta(minutes=40))
        if i % 6 == 3:
            wo.suspend(session, actor, o.id, reason="业主不在家，约明天上门",
                       now=reported + dt.timedelta(hours=1))
            continue
        if i % 6 == 2:
            continue  # still being worked on
        if cat == "水电" and paid:
            wo.issue_materials(session, actor, o.id,
                               [stock.StockLine(items["SD-003"].id, Decimal("1")),
                                stock.StockLine(items["SD-006"].id, Decimal("1"))])
        wo.finish(session, actor, o.id, result="已修复，试用正常", now=reported + dt.timedelta(hours=1),
                  labour_fee=Decimal("30.00") if paid else None)
        if i % 6 == 0:
            wo.visit(session, actor, o.id, satisfaction="satisfied", comment="师傅很专业",
                     now=reported + dt.timedelta(hours=2))
    return n
