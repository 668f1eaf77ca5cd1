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
    p = add(user, common, "role", cmd_user_role, "修改操作员角色 (change an operator's role)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=sorted(ROLES),
                   help="角色 (role): " + ", ".join(f"{k}={v}" for k, v in ROLES.items()))
    p = add(user, common, "disable", cmd_user_disable, "停用操作员 (disable an operator)")
    p.add_argument("name")
    p = add(user, common, "enable", cmd_user_enable, "启用操作员 (enable an operator)")
    p.add_argument("name")
    add(user, common, "list", cmd_user_list, "列出操作员 (list operators)")


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


def _operator_out(op) -> dict:
    return {"id": str(op.id), "username": op.username, "display_name": op.display_name,
            "role": op.role, "active": op.active}


def cmd_user_role(args) -> int:
    from propdesk.services.operators import operator_by_name, set_role

    db = open_db(args)
    with db.session() as s:
        op = operator_by_name(s, actor(args), args.name)
        out = _operator_out(set_role(s, actor(args), op.id, args.role))
    emit(args, out, f"{out['username']} 的角色 (role): {ROLES[out['role']]} ({out['role']})")
    return 0


def _set_active(args, active: bool) -> int:
    from propdesk.services.operators import operator_by_name, set_active

    db = open_db(args)
    with db.session() as s:
        op = operator_by_name(s, actor(args), args.name)
        out = _operator_out(set_active(s, actor(args), op.id, active))
    emit(args, out, (f"已启用 (enabled): {out['username']}" if active
                     else f"已停用 (disabled): {out['username']}"))
    return 0


def cmd_user_disable(args) -> int:
    return _set_active(args, False)


def cmd_user_enable(args) -> int:
    return _set_active(args, True)


def cmd_user_list(args) -> int:
    from propdesk.services.operators import list_operators

    db = open_db(args)
    with db.session() as s:
        rows = list_operators(s, actor(args))
    data = [{"id": str(r.id), "username": r.username, "display_name": r.display_name,
             "role": r.role, "active": r.active, "failed_attempts": r.failed_attempts,
             "locked_until": r.locked_until.isoformat() if r.locked_until else None}
            for r in rows]
    lines = [f"{'用户名':<12}{'姓名':<10}{'角色':<8}状态 (status)"]
    for r in rows:
        state = "正常 active" if r.active else "停用 disabled"
        if r.locked_until is not None:
            state += f"，锁定至 locked until {r.locked_until:%Y-%m-%d %H:%M} UTC"
        lines.append(f"{r.username:<15}{r.display_name:<12}{ROLES.get(r.role, r.role):<10}{state}")
    emit(args, data, "\n".join(lines))
    return 0
