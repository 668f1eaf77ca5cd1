"""A realistic demo company: estates, buildings, rooms, owners, tenants, cars, parking.

Deterministic (seeded), and fast enough for 100,000 rooms: rows go in with
bulk Core inserts inside one transaction, with one audit record per batch.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.orm import Session

from propdesk.clock import utcnow
from propdesk.ids import uuid7
from propdesk.models import (
    Building, Company, Customer, Estate, FamilyMember, Occupancy, ParkingLot, ParkingSpace, Pet,
    Region, Room, Unit, Vehicle,
)
from propdesk.security import MASTER_EDIT, Actor, require
from propdesk.services import audit
from propdesk.services.customers import name_initials
from propdesk.validators import id_check_digit

ESTATES = [
    ("JD", "锦都花园", "深圳市南山区科技园北区锦都路8号"),
    ("CH", "翠湖苑", "深圳市福田区香蜜湖路12号"),
    ("MZ", "明珠大厦", "深圳市罗湖区深南东路2008号"),
    ("LY", "绿荫雅居", "深圳市宝安区新安街道创业二路66号"),
    ("HT", "海棠湾", "深圳市龙岗区布吉街道吉华路399号"),
    ("JX", "金秀家园", "深圳市龙华区民治大道188号"),
    ("YH", "银河公寓", "深圳市南山区蛇口工业八路3号"),
    ("XF", "幸福里", "深圳市福田区梅林路77号"),
    ("BS", "碧水蓝天", "深圳市坪山区坪山大道520号"),
    ("TJ", "天骄名苑", "深圳市光明区光明大街100号"),
    ("QS", "青山书院", "深圳市盐田区沙头角海景路9号"),
    ("FJ", "富景华庭", "深圳市宝安区西乡大道31号"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞斌宇浩凯俊峰晨欣怡婷雪琳慧佳颖晓东海波亮红梅志国庆春燕子轩梓涵一诺欣然浩然子豪"
BRANDS = [("比亚迪", "汉"), ("丰田", "凯美瑞"), ("大众", "帕萨特"), ("本田", "雅阁"), ("特斯拉", "Model 3"),
          ("宝马", "3系"), ("奔驰", "C级"), ("日产", "轩逸"), ("吉利", "星越L"), ("理想", "L7")]
COLORS = ["白色", "黑色", "银色", "灰色", "红色", "蓝色"]
LAYOUTS = {1: ("三室两厅", "128.50", "101.20"), 2: ("两室两厅", "89.37", "70.15"),
           3: ("两室一厅", "76.80", "60.44"), 4: ("三室两厅", "112.66", "90.02")}
DISTRICTS = ["440305", "440304", "440303", "440306", "440307", "440309", "440311", "430102", "420106"]
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 52))
    gender = rng.choice(("male", "female"))
    seq = rng.randrange(0, 500) * 2 + (1 if gender == "male" else 0)
    first17 = f"{rng.choice(DISTRICTS)}{born:%Y%m%d}{seq:03d}"
    id_no = first17 + id_check_digit(first17)
    phone = "1" + rng.choice("3456789") + f"{rng.randrange(0, 10**9):09d}"
    return name, gender, id_no, phone


def _plate(rng: random.Random, used: set[str]) -> str:
    while True:
        if rng.random() < 0.25:  # new-energy plate
            p = "粤" + rng.choice("BS") + rng.choice("DF") + "".join(rng.choice(PLATE_LETTERS + "0123456789") for _ in range(5))
        else:
            p = "粤" + rng.choice("BS") + "".join(rng.choice(PLATE_LETTERS[:8] + "0123456789") for _ in range(5))
        if p not in used:
            used.add(p)
            return p


def build_demo(session: Session, actor: Actor, rooms: int = 2000, seed: int = 7) -> dict[str, int]:
    """Create a demo company of about ``rooms`` rooms; returns counts per table."""
    require(actor, MASTER_EDIT)
    rng = random.Random(seed)
    now = utcnow()
    terminal = session.info.get("terminal", "")
    stamp = dict(created_at=now, updated_at=now, terminal=terminal, deleted_at=None)
    units_per_building, per_floor = 2, 4
    floors = 18 if rooms >= 500 else 6
    per_building = units_per_building * floors * per_floor
    n_buildings = max(1, math.ceil(rooms / per_building))
    n_estates = min(len(ESTATES), max(1, math.ceil(n_buildings / 20)))
    # Insertion order follows the foreign keys.
    tables: dict[type, list[dict]] = {t: [] for t in (
        Company, Region, Estate, ParkingLot, ParkingSpace, Building, Unit, Room, Customer,
        Occupancy, Vehicle, FamilyMember, Pet)}

    def add(table, /, **values):
        row = dict(id=uuid7(), **stamp) | values
        tables[table].append(row)
        return row["id"]

    company = add(Company, code="HX", name="华兴物业服务有限公司", address="深圳市福田区华强北路1号",
                  phone="0755-83338888", tax_id="91440300MA5DXXXX1X")
    region = add(Region, company_id=company, code="SZ", name="深圳区域")
    made, plates = 0, set()
    for e in range(n_estates):
        code, ename, addr = ESTATES[e]
        estate = add(Estate, region_id=region, code=code, name=ename, address=addr,
                     land_area=Decimal("52000.00") + e * 1000, building_area=None, green_area=None,
                     phone=f"0755-8{e:02d}66{e:03d}"[:13], note="")
        lot = add(ParkingLot, estate_id=estate, code="P1", name="地下停车场", kind="underground")
        space_no = 0
        b_in_estate = math.ceil(n_buildings / n_estates)
        for bi in range(1, b_in_estate + 1):
            if made >= rooms:
                break
            bcode = f"{bi:02d}"
            building = add(Building, estate_id=estate, code=bcode, name=f"{bi}栋",
                           building_type="high_rise" if floors > 7 else "multi_storey",
                           structure="frame", floors=floors, sort_key=bi)
            for ui in range(1, units_per_building + 1):
                unit = add(Unit, building_id=building, code=str(ui), name=f"{ui}单元", sort_key=ui)
                for fl in range(1, floors + 1):
                    for pos in range(1, per_floor + 1):
                        if made >= rooms:
                            break
                        made += 1
                        layout, ba, ia = LAYOUTS[pos]
                        number = f"{fl:02d}{pos:02d}"
                        r = rng.random()
                        status = ("occupied" if r < 0.70 else "rented" if r < 0.82 else
                                  "sold" if r < 0.90 else "decorating" if r < 0.94 else "vacant")
                        room = add(Room, estate_id=estate, building_id=building, unit_id=unit,
                                   code=f"{code}-{bcode}-{ui}-{number}", number=number, floor=fl,
                                   building_area=Decimal(ba), inner_area=Decimal(ia), layout=layout,
                                   orientation=rng.choice(("南北", "东南", "西南", "东西")),
                                   usage="residential", status=status, ownership_type="commodity", note="")
                        if status == "vacant":
                            continue
                        owner = _customer(add, rng)
                        since = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 3000))
                        add(Occupancy, customer_id=owner, room_id=room, space_id=None, role="owner",
                            start_date=since, end_date=None, end_reason="", note="")
                        if status == "rented":
                            tenant = _customer(add, rng)
                            add(Occupancy, customer_id=tenant, room_id=room, space_id=None, role="tenant",
                                start_date=since + dt.timedelta(days=200), end_date=None,
                                end_reason="", note="")
                        if rng.random() < 0.3:
                            name, gender, id_no, phone = _person(rng)
                            add(FamilyMember, customer_id=owner, name=name, relation=rng.choice(("配偶", "子女", "父母")),
                                gender=gender, id_number=id_no, phone=phone, birth_date=None)
                        if rng.random() < 0.08:
                            add(Pet, customer_id=owner, name=rng.choice(("豆豆", "旺财", "球球", "咪咪")),
                                species=rng.choice(("犬", "猫")), breed="", license_no="", vaccinated_on=None)
                        if rng.random() < 0.4:
                            space_no += 1
                            space = add(ParkingSpace, lot_id=lot, estate_id=estate,
                                        code=f"{code}-P1-{space_no:03d}", number=f"{space_no:03d}",
                                        kind="owned", area=Decimal("13.20"), status="occupied")
                            add(Occupancy, customer_id=owner, room_id=None, space_id=space, role="owner",
                                start_date=since, end_date=None, end_reason="", note="")
                            brand, model = rng.choice(BRANDS)
                            add(Vehicle, customer_id=owner, plate=_plate(rng, plates), brand=brand,
                                color=rng.choice(COLORS), model=model, space_id=space)
        for extra in range(1, 21):  # unsold rental spaces
            add(ParkingSpace, lot_id=lot, estate_id=estate, code=f"{code}-P1-{space_no + extra:03d}",
                number=f"{space_no + extra:03d}", kind="rented", area=Decimal("12.50"), status="vacant")
    for model, rows in tables.items():
        for i in range(0, len(rows), 5000):
            session.execute(insert(model), rows[i:i + 5000])
    counts = {model.__tablename__: len(rows) for model, rows in tables.items()}
    audit.record(session, actor, "demo", "company", company, after=counts,
                 summary=f"生成演示数据：{counts['room']} 间房")
    return counts


def _customer(add, rng: random.Random):
    name, gender, id_no, phone = _person(rng)
    return add(Customer, kind="person", name=name, gender=gender, id_type="resident_id",
               id_number=id_no, phone=phone, employer="", hukou="", emergency_contact="",
               emergency_phone="", note="", name_initials=name_initials(name), id_rev=id_no[::-1])
