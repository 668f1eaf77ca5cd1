"""A realistic sales-system export (销售系统导出) of any size, for benchmarks, tests and training.

Deterministic for a seed.  The workbook has the four import sheets with the
small untidiness real exports have (areas as numbers and as text, dates as
dates and as "2024/3/1" strings); about 90 % of the rooms are sold and a
tenth of those let.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

from openpyxl import Workbook

from propdesk.demo import GIVEN, SURNAMES
from propdesk.excel.columns import BUILDINGS, ESTATES, OWNERS, ROOMS
from propdesk.validators import id_check_digit

_ESTATES = [("HY", "华苑新城", "深圳市龙岗区坂田街道华苑路1号"), ("LQ", "丽晴花园", "深圳市宝安区西乡街道丽晴路9号"),
            ("BC", "博城公馆", "深圳市南山区桃源街道博城路66号"), ("YJ", "逸景湾", "深圳市龙华区民治街道逸景路18号")]
_LAYOUTS = [("三室两厅", "128.50", "101.20", "南北"), ("两室两厅", "89.37", "70.15", "南"),
            ("两室一厅", "76.80", "60.44", "东南"), ("三室两厅", "112.66", "90.02", "西南")]
_DISTRICTS = ["440305", "440304", "440303", "440306", "440307", "430102", "420106", "510104"]


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 52))
    male = rng.random() < 0.5
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{rng.choice(_DISTRICTS)}{born:%Y%m%d}{seq:03d}"
    phone = "1" + rng.choice("3456789") + f"{rng.randrange(0, 10**9):09d}"
    return name, "男" if male else "女", first17 + id_check_digit(first17), phone


def write_sample(path: str | Path, rooms: int = 10_000, seed: int = 11) -> dict[str, int]:
    """Write a workbook of about ``rooms`` rooms with their owners; returns rows per sheet."""
    rng = random.Random(seed)
    floors, units, per_floor = 18, 2, 4
    per_building = floors * units * per_floor
    n_buildings = max(1, math.ceil(rooms / per_building))
    n_estates = min(len(_ESTATES), max(1, math.ceil(n_buildings / 25)))
    sheets = {s.name: [[c.name for c in s.importable]] for s in (ESTATES, BUILDINGS, ROOMS, OWNERS)}
    for code, name, address in _ESTATES[:n_estates]:
        sheets[ESTATES.name].append([code, name, "", address, "52000", "186000.5", "18500.00",
                                     "0755-8" + f"{rng.randrange(10**6, 10**7)}", ""])
    made = 0
    for b in range(n_buildings):
        estate = _ESTATES[b % n_estates]
        bcode = f"{b // n_estates + 1:02d}"
        sheets[BUILDINGS.name].append([estate[0], bcode, f"{int(bcode)}栋", "高层", "框架", floors])
        for u in range(1, units + 1):
            for fl in range(1, floors + 1):
                for pos in range(1, per_floor + 1):
                    if made >= rooms:
                        break
                    made += 1
                    layout, ba, ia, orient = _LAYOUTS[pos - 1]
                    number = f"{fl:02d}{pos:02d}"
                    sold = rng.random() < 0.9
                    let = sold and rng.random() < 0.1
                    # A third of the areas come as numbers, the rest as text, as exports do.
                    area = float(ba) if made % 3 == 0 else ba
                    sheets[ROOMS.name].append([
                        "", estate[0], bcode, str(u), fl, number, area, ia, layout, orient, "住宅",
                        "出租" if let else ("入住" if sold else "空置"), "商品房", ""])
                    if not sold:
                        continue
                    name, gender, id_no, phone = _person(rng)
                    since = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 3000))
                    when = since if made % 2 else f"{since.year}/{since.month}/{since.day}"
                    sheets[OWNERS.name].append([
                        "", estate[0], bcode, str(u), number, name, "个人", gender, "居民身份证", id_no, phone,
                        "业主", when, "", "", "", "", ""])
                    if let:
                        name, gender, id_no, phone = _person(rng)
                        sheets[OWNERS.name].append([
                            "", estate[0], bcode, str(u), number, name, "个人", gender, "居民身份证", id_no,
                            phone, "租户", since + dt.timedelta(days=200), "", "", "", "", ""])
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return {title: len(rows) - 1 for title, rows in sheets.items()}
