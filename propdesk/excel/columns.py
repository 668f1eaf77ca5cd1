"""The workbook layout shared by import, template and export.

One description per sheet and column: the header offices know (小区编码, 房号 …),
the field it fills, whether it is required, its format, an example and the
other spellings sales systems use for it.  The importer matches headers
against it, the template and its 说明 sheet are generated from it, and the
exporter writes the same headers, so the three cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from propdesk.models.enums import (
    BUILDING_TYPES, CUSTOMER_KINDS, GENDERS, ID_TYPES, OCCUPANT_ROLES, OWNERSHIP_TYPES,
    ROOM_STATUSES, ROOM_USAGES, STRUCTURES,
)

# Kinds of cell, each parsed by the function of the same name in cells.py.
TEXT, CODE, ROOM_CODE, REF, AREA, INT, DATE, CHOICE, ID_NO, MOBILE, PHONE = (
    "text", "code", "room_code", "ref", "area", "int", "date", "choice", "id_no", "mobile", "phone")

# Labels offices type that are not the canonical Chinese label of a code.
SYNONYMS: dict[str, dict[str, str]] = {
    "status": {"已售": "sold", "未入住": "sold", "已入住": "occupied", "自住": "occupied",
               "入伙": "occupied", "已出租": "rented", "未售": "vacant", "待售": "vacant",
               "装修中": "decorating"},
    "role": {"产权人": "owner", "房主": "owner", "房东": "owner", "租客": "tenant", "承租人": "tenant",
             "住客": "resident", "家属": "resident"},
    "id_type": {"身份证": "resident_id", "二代身份证": "resident_id", "营业执照": "business_license",
                "港澳通行证": "hk_macau_pass", "回乡证": "hk_macau_pass", "台胞证": "taiwan_pass"},
    "kind": {"单位": "company", "公司": "company", "个人客户": "person", "企业客户": "company"},
    "gender": {"男性": "male", "女性": "female"},
    "usage": {"住房": "residential", "公寓": "residential", "商业": "shop", "写字楼": "office",
              "车库": "parking"},
    "building_type": {"高层住宅": "high_rise", "多层住宅": "multi_storey", "商业楼": "commercial"},
    "structure": {"钢混": "frame", "框剪": "shear_wall", "框架剪力墙": "shear_wall"},
    "ownership_type": {"商品住宅": "commodity", "经适房": "affordable"},
}


@dataclass(frozen=True)
class Column:
    name: str                  # the header, as offices know it
    key: str                   # the field it fills
    kind: str = TEXT
    required: bool = False
    max_len: int = 0           # for text and codes; 0 = unlimited
    choices: dict[str, str] | None = None  # code -> Chinese label
    default: str = ""          # what a blank cell means (Chinese, for the 说明 sheet)
    aliases: tuple[str, ...] = ()
    example: str = ""
    note_zh: str = ""
    note_en: str = ""
    width: int = 12
    imported: bool = True      # False: written by the export for reference, ignored on import
    strip_suffixes: tuple[str, ...] = ()   # "1栋" -> "1", "2单元" -> "2"
    ascii_only: bool = False

    @property
    def format_zh(self) -> str:
        if self.kind == CHOICE and self.choices:
            return "可选：" + "/".join(self.choices.values())
        return _FORMATS[self.kind][0] + (f"，最多{self.max_len}字" if self.max_len and
                                         self.kind in (TEXT, CODE) else "")

    @property
    def format_en(self) -> str:
        if self.kind == CHOICE and self.choices:
            return "one of: " + "/".join(self.choices)
        return _FORMATS[self.kind][1] + (f", at most {self.max_len} characters"
                                         if self.max_len and self.kind in (TEXT, CODE) else "")


_FORMATS = {
    TEXT: ("文字", "text"),
    REF: ("小区编码或小区名称", "estate code or name"),
    ROOM_CODE: ("房间编码，如 JD-01-1-0502", "room code, e.g. JD-01-1-0502"),
    CODE: ("编码：字母、数字，不含空格和“-”，按文本填写", "code: letters and digits, no spaces or '-'; as text"),
    AREA: ("平方米，数字≥0，最多两位小数", "square metres, a number >= 0 with at most 2 decimals"),
    INT: ("整数", "whole number"),
    DATE: ("日期，如 2024-03-01 或 2024/3/1", "date, e.g. 2024-03-01 or 2024/3/1"),
    CHOICE: ("可选值", "one of the listed values"),
    ID_NO: ("证件号码；居民身份证为18位并校验末位", "ID number; resident IDs: 18 characters, check digit verified"),
    MOBILE: ("11位手机号码", "11-digit mobile number"),
    PHONE: ("手机或带区号的固定电话，如 0755-83338888", "mobile or landline with area code"),
}


@dataclass(frozen=True)
class Sheet:
    name: str
    key: str
    columns: tuple[Column, ...]
    purpose_zh: str
    purpose_en: str
    aliases: tuple[str, ...] = ()
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: dict[str, Column] = {}
        for c in self.columns:
            for n in (c.name, *c.aliases):
                if n in names:
                    raise ValueError(f"duplicate header {n!r} in sheet {self.name}")
                names[n] = c
        object.__setattr__(self, "by_name", names)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def importable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.imported)


_ESTATE_REF = Column("小区", "estate", REF, True, 128, aliases=("小区编码", "小区名称", "项目", "项目名称"),
                     example="JD", width=12,
                     note_zh="小区编码或小区名称；须在本文件的「小区」表或系统中",
                     note_en="estate code or name, from the 小区 sheet or the database")

ESTATES = Sheet("小区", "estate", (
    Column("小区编码", "code", CODE, True, 16, aliases=("编码", "项目编码"), example="JD", width=12,
           ascii_only=True,
           note_zh="房间编码的第一段，全库唯一，导入后不宜再改",
           note_en="first part of every room code; unique"),
    Column("小区名称", "name", TEXT, True, 128, aliases=("项目名称",), example="锦都花园", width=18,
           note_zh="全库唯一", note_en="unique"),
    Column("所属区域", "region", TEXT, False, 128, aliases=("区域",), example="深圳区域", width=14,
           default="系统中唯一的区域",
           note_zh="区域名称或编码；系统中只有一个区域时可留空；新库自动建立公司和区域",
           note_en="region name or code; may be blank when the database has one region"),
    Column("地址", "address", TEXT, False, 256, example="深圳市南山区锦都路8号", width=30),
    Column("占地面积", "land_area", AREA, example="52000.00", width=12),
    Column("建筑面积", "building_area", AREA, aliases=("总建筑面积",), example="186000.50", width=12),
    Column("绿化面积", "green_area", AREA, example="18500", width=12),
    Column("电话", "phone", PHONE, aliases=("管理处电话", "联系电话"), example="0755-83338888", width=15),
    Column("备注", "note", TEXT, example="", width=20),
), "小区（管理处）", "estates", aliases=("项目", "小区信息"))

BUILDINGS = Sheet("楼栋", "building", (
    _ESTATE_REF,
    Column("楼栋", "code", CODE, True, 16, aliases=("楼栋编码", "楼号", "栋号"), example="01", width=8,
           strip_suffixes=("号楼", "栋", "幢", "座"),
           note_zh="楼栋编码，房间编码的第二段；请设为文本以保留前导0",
           note_en="building code, second part of the room code; keep it as text"),
    Column("楼栋名称", "name", TEXT, False, 64, example="1栋", default="楼栋编码加“栋”", width=12),
    Column("楼宇类型", "building_type", CHOICE, choices=BUILDING_TYPES, default="高层",
           aliases=("类型", "楼栋类型"), example="高层", width=10),
    Column("结构", "structure", CHOICE, choices=STRUCTURES, default="框架", aliases=("建筑结构",),
           example="框架", width=10),
    Column("层数", "floors", INT, True, aliases=("总层数", "地上层数"), example="18", width=8,
           note_zh="地上层数，1–200；房间楼层不得超过它", note_en="floors above ground, 1-200"),
), "楼栋", "buildings", aliases=("楼宇", "楼栋信息"))

ROOMS = Sheet("房间", "room", (
    Column("房间编码", "room_code", ROOM_CODE, False, 48, aliases=("房屋编码", "房产编码"),
           example="JD-01-1-0502", width=16, default="按 小区-楼栋-单元-房号 生成",
           note_zh="可不填；填写时须与 小区编码-楼栋-单元-房号 一致（导出文件带有此列）",
           note_en="optional; when given it must equal estate-building-unit-number"),
    _ESTATE_REF,
    Column("楼栋", "building", CODE, True, 16, aliases=("楼栋编码", "楼号", "栋号"), example="01", width=8,
           strip_suffixes=("号楼", "栋", "幢", "座"),
           note_zh="须在「楼栋」表或系统中", note_en="from the 楼栋 sheet or the database"),
    Column("单元", "unit", CODE, False, 16, aliases=("单元号",), example="1", width=8, strip_suffixes=("单元",),
           default="无单元（别墅、商铺）", note_zh="单元编码，“1单元”按“1”处理",
           note_en="unit code; blank for villas and shops"),
    Column("楼层", "floor", INT, True, aliases=("所在楼层", "层"), example="5", width=8,
           note_zh="不超过楼栋层数；地下层用负数，如 -1", note_en="at most the building's floors; -1 for basement"),
    Column("房号", "number", CODE, True, 16, aliases=("房间号", "门牌号"), example="0502", width=8,
           note_zh="房间编码的最后一段；请设为文本以保留前导0",
           note_en="last part of the room code; keep it as text"),
    Column("建筑面积", "building_area", AREA, True, aliases=("产权面积",), example="89.37", width=10),
    Column("套内面积", "inner_area", AREA, aliases=("套内建筑面积",), example="70.15", default="0",
           width=10, note_zh="不大于建筑面积", note_en="not more than the building area"),
    Column("户型", "layout", TEXT, False, 32, example="两室两厅", width=10),
    Column("朝向", "orientation", TEXT, False, 16, example="南北", width=8),
    Column("用途", "usage", CHOICE, choices=ROOM_USAGES, default="住宅", aliases=("房屋用途",),
           example="住宅", width=8),
    Column("状态", "status", CHOICE, choices=ROOM_STATUSES, aliases=("房屋状态", "房态"),
           default="有业主则为入住，只有租户为出租，否则空置", example="入住", width=10),
    Column("权属类型", "ownership_type", CHOICE, choices=OWNERSHIP_TYPES, default="商品房",
           aliases=("产权类型", "产权性质"), example="商品房", width=10),
    Column("备注", "note", TEXT, example="", width=20),
    Column("业主姓名", "owner_name", TEXT, width=10, imported=False,
           note_zh="导出时附带，导入时忽略；业主请填在「业主」表", note_en="export only"),
    Column("业主手机", "owner_phone", TEXT, width=13, imported=False,
           note_zh="导出时附带，导入时忽略", note_en="export only"),
), "房间", "rooms", aliases=("房屋", "房产", "房间信息"))

OWNERS = Sheet("业主", "owner", (
    Column("房间编码", "room_code", ROOM_CODE, False, 48, aliases=("房屋编码", "房产编码"),
           example="JD-01-1-0502", width=16,
           note_zh="可代替 小区/楼栋/单元/房号 四列", note_en="may replace the four room columns"),
    Column("小区", "estate", REF, False, 128, aliases=("小区编码", "小区名称", "项目"), example="JD", width=12,
           note_zh="小区编码或名称；未填房间编码时必填", note_en="required unless 房间编码 is given"),
    Column("楼栋", "building", CODE, False, 16, aliases=("楼栋编码", "楼号", "栋号"), example="01", width=8,
           strip_suffixes=("号楼", "栋", "幢", "座"),
           note_zh="未填房间编码时必填", note_en="required unless 房间编码 is given"),
    Column("单元", "unit", CODE, False, 16, aliases=("单元号",), example="1", width=8, strip_suffixes=("单元",)),
    Column("房号", "number", CODE, False, 16, aliases=("房间号", "门牌号"), example="0502", width=8,
           note_zh="未填房间编码时必填；房间须在「房间」表或系统中",
           note_en="required unless 房间编码 is given; the room must exist"),
    Column("姓名", "name", TEXT, True, 128, aliases=("业主姓名", "客户姓名", "客户名称"), example="张三",
           width=10, note_zh="企业客户填单位全称", note_en="company name for companies"),
    Column("客户类别", "kind", CHOICE, choices=CUSTOMER_KINDS, default="个人", aliases=("类别",),
           example="个人", width=8),
    Column("性别", "gender", CHOICE, choices=GENDERS, example="男", width=6),
    Column("证件类型", "id_type", CHOICE, choices=ID_TYPES, default="居民身份证", example="居民身份证",
           width=12),
    Column("证件号码", "id_number", ID_NO, False, 32, aliases=("身份证号", "身份证号码", "证件号"),
           example="440305199001011234", width=21,
           note_zh="请设为文本格式：存成数字的18位号码末几位会被Excel改掉；同一证件号码的多行视为同一客户",
           note_en="keep as text; rows with the same ID number are one customer"),
    Column("手机", "phone", MOBILE, aliases=("手机号", "手机号码", "移动电话"), example="13800138000",
           width=13),
    Column("身份", "role", CHOICE, choices=OCCUPANT_ROLES, default="业主", aliases=("客户身份", "住户类型"),
           example="业主", width=8, note_zh="一间房只能有一位当前业主", note_en="one current owner per room"),
    Column("入住日期", "start_date", DATE, aliases=("入伙日期", "收楼日期"), example="2024-03-01",
           default="导入当天", width=12),
    Column("工作单位", "employer", TEXT, False, 128, example="", width=16),
    Column("户籍", "hukou", TEXT, False, 128, aliases=("户籍地址",), example="", width=16),
    Column("紧急联系人", "emergency_contact", TEXT, False, 64, example="李四", width=10),
    Column("紧急联系电话", "emergency_phone", PHONE, aliases=("紧急联系人电话",), example="13900139000",
           width=13),
    Column("备注", "note", TEXT, example="", width=20),
), "业主及租户", "owners and tenants", aliases=("客户", "住户", "业主信息"))

SHEETS: tuple[Sheet, ...] = (ESTATES, BUILDINGS, ROOMS, OWNERS)
INSTRUCTIONS_SHEET = "说明"


def sheet_for(title: str) -> Sheet | None:
    t = (title or "").strip()
    for s in SHEETS:
        if t == s.name or t in s.aliases:
            return s
    return None
