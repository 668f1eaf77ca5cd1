"""Commands for Excel: import a sales-system workbook, write the template, export rooms/customers."""

from __future__ import annotations

import json
import sys

from propdesk.cli.common import actor, add, emit, open_db
from propdesk.errors import ValidationFailed


def register(sub, common) -> None:
    p = add(sub, common, "import", cmd_import,
            "导入销售系统的Excel资料：小区、楼栋、房间、业主；全部无误才写入 "
            "(import estates, buildings, rooms and owners from an .xlsx; all or nothing)")
    p.add_argument("file", help="Excel文件 (.xlsx)")
    p.add_argument("--check", action="store_true",
                   help="只检查不导入 (validate only, write nothing)")
    p.add_argument("--company", default="",
                   help="新库时建立的公司名称 (company created in an empty database)")
    p.add_argument("--region", default="",
                   help="新库时建立的区域名称 (region created in an empty database)")

    p = add(sub, common, "template", cmd_template,
            "生成空白导入模板（含说明工作表） (write the empty import template)")
    p.add_argument("--out", required=True, help="输出文件 (.xlsx)")

    p = add(sub, common, "export", cmd_export,
            "导出房间或客户到Excel (export rooms or customers to .xlsx)")
    p.add_argument("what", choices=["rooms", "customers"],
                   help="rooms=房间（可重新导入）, customers=客户及其房间")
    p.add_argument("--out", required=True, help="输出文件 (.xlsx)")
    p.add_argument("--estate", default=None, help="只导出该小区 (estate code, e.g. JD)")


def _fail(args, exc: ValidationFailed) -> int:
    """Every problem, one per line on stderr as `sheet 第N行 column: message`; nothing was written."""
    problems = [p.to_dict() if hasattr(p, "to_dict") else
                {"sheet": "", "row": None, "column": "", "where": p.where, "error": p.zh, "error_en": p.en}
                for p in exc.problems]
    if args.json:
        print(json.dumps({"ok": False, "error": exc.zh, "error_en": exc.en, "problems": problems},
                         ensure_ascii=False, indent=2), file=sys.stderr)
    else:
        for p in exc.problems:
            print(p.line() if hasattr(p, "line") else str(p), file=sys.stderr)
        print(f"{exc.zh} ({exc.en})", file=sys.stderr)
    return exc.exit_code


def cmd_import(args) -> int:
    from propdesk.excel.importer import import_workbook, preview_workbook

    db = open_db(args)
    options = dict(company_name=args.company, region_name=args.region)
    try:
        with db.session() as s:
            if args.check:
                report = preview_workbook(s, actor(args), args.file, **options)
                if not report.ok:
                    raise ValidationFailed(report.problems,
                                           f"{report.file} 有 {len(report.problems)} 处错误，请修改后再导入",
                                           f"{report.file}: {len(report.problems)} error(s)")
            else:
                report = import_workbook(s, actor(args), args.file, **options)
    except ValidationFailed as exc:
        return _fail(args, exc)
    head = (f"检查通过，可以导入 (check passed): {report.file}" if args.check
            else f"导入完成 (imported): {report.file}")
    lines = [head] + ["  " + sh.text() for sh in report.sheets]
    lines += ["  提示 (note): " + n.line() for n in report.notes]
    emit(args, {"ok": True, "written": report.written, "file": report.file, "counts": report.counts,
                "sheets": report.to_dict()["sheets"], "notes": [n.to_dict() for n in report.notes]},
         "\n".join(lines))
    return 0


def cmd_template(args) -> int:
    from propdesk.excel.template import write_template

    path = write_template(args.out)
    emit(args, {"ok": True, "file": str(path)}, f"已生成导入模板 (template written): {path}")
    return 0


def cmd_export(args) -> int:
    from propdesk.excel.export import export_customers, export_rooms

    db = open_db(args)
    fn = export_rooms if args.what == "rooms" else export_customers
    with db.session() as s:
        result = fn(s, actor(args), args.out, estate_code=args.estate)
    emit(args, {"ok": True, "file": str(result.path), "rows": result.rows}, result.text())
    return 0
