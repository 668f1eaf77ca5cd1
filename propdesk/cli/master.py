"""Commands for the database, demo data and operators."""

from __future__ import annotations

import getpass
import sys

from propdesk.cli.common import actor, add, add_group, emit, open_db
from propdesk.db import current_revisions, head_revisions
from propdesk.errors import Problem, ValidationFailed
from propdesk.security import ROLES


# Demo operators, all with the password DEMO_PASSWORD (README lists them).
DEMO_PASSWORD = "demo1234"
DEMO_USERS = [
    ("admin", "admin", "系统管理员"),
    ("zhuguan", "supervisor", "王主管"),
    ("qiantai", "frontdesk", "李前台"),
    ("shouyin", "cashier", "陈收费"),
    ("caiwu", "finance", "赵财务"),
    ("gongcheng", "engineer", "刘工程"),
]


def register(sub, common) -> None:
    db = add_group(sub, common, "db", "数据库 (database)")
    add(db, common, "upgrade", cmd_db_upgrade, "升级数据库结构到最新版本 (upgrade the schema)")
    add(db, common, "status", cmd_db_status, "显示数据库结构版本 (show schema revision)")

    p = add(sub, common, "demo", cmd_demo, "生成演示公司数据 (create a demo company)")
    p.add_argument("--rooms", type=int, default=2000, help="房间数 (about N rooms)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-users", action="store_true",
                   help="不创建演示操作员 (do not create the demo operators)")

    user = add_group(sub, common, "user", "操作员 (operators)")
    p = add(user, common, "add", cmd_user_add, "新增操作员 (add an operator)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=sorted(ROLES),
                   help="角色 (role): " + ", ".join(f"{k}={v}" for k, v in ROLES.items()))
    p.add_argument("--display-name", default="")
    p.add_argument("--password-stdin", action="store_true",
                   help="从标准输入读取密码 (read the password from stdin)")


def cmd_db_upgrade(args) -> int:
    db = open_db(args)
    revs = sorted(current_revisions(db.engine))
    emit(args, {"ok": True, "revisions": revs, "url": db.engine.url.render_as_string()},
         f"数据库已是最新版本 (schema up to date): {', '.join(revs)}")
    return 0


def cmd_db_status(args) -> int:
    db = open_db(args, upgrade=False)
    cur, heads = sorted(current_revisions(db.engine)), sorted(head_revisions())
    emit(args, {"current": cur, "heads": heads, "up_to_date": cur == heads},
         f"当前 (current): {', '.join(cur) or '-'}\n最新 (heads): {', '.join(heads)}")
    return 0 if cur == heads else 1


def cmd_demo(args) -> int:
    from propdesk.demo import build_demo

    from propdesk.services.operators import add_operator, count_operators

    db = open_db(args)
    with db.session() as s:
        counts = build_demo(s, actor(args), rooms=args.rooms, seed=args.seed)
        if not args.no_users and count_operators(s) == 0:
            for username, role, name in DEMO_USERS:
                add_operator(s, actor(args), username, role=role, password=DEMO_PASSWORD,
                             display_name=name)
            counts["operator"] = len(DEMO_USERS)
    emit(args, counts, "演示数据已生成 (demo data created): " +
         ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def cmd_user_add(args) -> int:
    from propdesk.services.operators import add_operator

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("密码 (password): ")
        if getpass.getpass("再次输入 (again): ") != password:
            raise ValidationFailed([Problem("密码", "两次输入的密码不一致", "passwords do not match")])
    db = open_db(args)
    with db.session() as s:
        op = add_operator(s, actor(args), args.name, role=args.role, password=password,
                          display_name=args.display_name)
        out = {"id": str(op.id), "username": op.username, "role": op.role}
    emit(args, out, f"已创建操作员 (operator created): {out['username']} ({ROLES[out['role']]})")
    return 0
