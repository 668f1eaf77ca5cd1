"""Build real .xlsx files for the import tests, cell values exactly as given."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

ESTATE_HEAD = ["小区编码", "小区名称", "地址", "占地面积", "建筑面积", "绿化面积", "电话"]
BUILDING_HEAD = ["小区", "楼栋", "楼宇类型", "结构", "层数"]
ROOM_HEAD = ["小区", "楼栋", "单元", "楼层", "房号", "建筑面积", "套内面积", "户型", "朝向", "用途", "状态", "权属类型"]
OWNER_HEAD = ["小区", "楼栋", "单元", "房号", "姓名", "性别", "证件类型", "证件号码", "手机", "身份", "入住日期",
              "工作单位", "紧急联系人", "紧急联系电话", "备注"]

# Valid 居民身份证 numbers, check characters worked out by hand (GB 11643): weights
# 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 on the first 17 digits, sum mod 11 indexes "10X98765432".
ID_ZHANG = "110101199003074514"   # sum 206, 206 % 11 = 8 -> '4'; 17th digit 1 (odd): male
ID_LI = "44030519851212002X"      # sum 222, 222 % 11 = 2 -> 'X'; 17th digit 2 (even): female
ID_WANG = "110101198001010010"    # sum 100, 100 % 11 = 1 -> '0'; 17th digit 1: male

def good_sheets() -> dict[str, list[list]]:
    """A small, valid sales-system export: 1 estate, 2 buildings, 4 rooms, 3 owner rows."""
    return {
        "小区": [ESTATE_HEAD,
                 ["JD", "锦都花园", "深圳市南山区锦都路8号", 52000, "186000.50", "18500", "0755-83338888"]],
        "楼栋": [BUILDING_HEAD,
                 ["JD", "01", "高层", "框架", 18],
                 ["锦都花园", "V1", "别墅", "砖混", "3"]],
        "房间": [ROOM_HEAD,
                 ["JD", "01", "1", 5, "0502", 89.37, "70.15", "两室两厅", "南北", "住宅", "", "商品房"],
                 ["JD", "01", "1", 18, "1801", "128.50", 101.2, "三室两厅", "南", "住宅", "已售未入住", ""],
                 ["JD", "01", "2", "5", "0501", "76.80", "", "", "", "", "", ""],
                 ["锦都花园", "V1", None, 1, "101", "300", "260", "别墅", "", "住宅", "装修", "商品房"]],
        "业主": [OWNER_HEAD,
                 ["JD", "01", "1", "0502", "张三", "", "居民身份证", ID_ZHANG, "13800138000", "业主",
                  "2024-03-01", "华兴科技", "李四", "13900139000", "VIP"],
                 ["JD", "01", "2", "0501", "李娜", "女", "身份证", ID_LI, "13700137000", "租户",
                  "2024/3/1", "", "", "", ""],
                 ["JD", "V1", "", "101", "张三", "男", "", ID_ZHANG, "13800138000", "业主",
                  "", "", "", "", ""]],
    }


def write_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path
