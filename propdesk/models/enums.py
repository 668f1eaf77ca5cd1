"""Coded values stored in the database, with their Chinese labels.

Codes are short ASCII words so data is language-neutral; the UI shows the
Chinese label (translated to English through the i18n catalogue), and imports
accept either the code or the Chinese label.
"""

from __future__ import annotations

BUILDING_TYPES = {"high_rise": "高层", "multi_storey": "多层", "villa": "别墅", "commercial": "商业"}
STRUCTURES = {"brick_concrete": "砖混", "frame": "框架", "shear_wall": "剪力墙", "steel": "钢结构"}
ROOM_USAGES = {"residential": "住宅", "shop": "商铺", "office": "办公", "parking": "车位", "other": "其他"}
ROOM_STATUSES = {
    "vacant": "空置",
    "sold": "已售未入住",
    "occupied": "入住",
    "decorating": "装修",
    "rented": "出租",
}
OWNERSHIP_TYPES = {
    "commodity": "商品房",
    "reform": "房改房",
    "affordable": "经济适用房",
    "public_rental": "公租房",
    "self_held": "自持",
}
CUSTOMER_KINDS = {"person": "个人", "company": "企业"}
GENDERS = {"male": "男", "female": "女"}
ID_TYPES = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macau_pass": "港澳居民来往内地通行证",
    "taiwan_pass": "台湾居民来往大陆通行证",
    "business_license": "统一社会信用代码",
    "other": "其他",
}
OCCUPANT_ROLES = {"owner": "业主", "tenant": "租户", "resident": "住户"}
END_REASONS = {"move_out": "迁出", "transfer": "过户"}
SPACE_KINDS = {"owned": "产权", "rented": "租赁", "civil_defence": "人防", "temporary": "临时"}
SPACE_STATUSES = {"vacant": "空置", "sold": "已售", "rented": "已租", "occupied": "使用中"}
LOT_KINDS = {"ground": "地面", "underground": "地下", "garage": "车库"}


def code_for(mapping: dict[str, str], value: str) -> str | None:
    """Accept a code or its Chinese label; return the code, or None."""
    v = (value or "").strip()
    if v in mapping:
        return v
    for code, label in mapping.items():
        if label == v:
            return code
    return None
