"""Commands for synchronisation: ``propdesk sync`` and ``propdesk terminal register``.

Exit codes: 0 done; 5 the centre refused something (alarms, refused changes:
see ``propdesk sync status``); 7 the sync could not run (network, registration,
an older central schema); 8 this program is older than the central schema (money
documents were still pushed, nothing was pulled).
"""

from __future__ import annotations

import sys

from propdesk.cli.common import actor, add, add_group, emit, open_db
from propdesk.errors import Problem, ValidationFailed

EXIT_REFUSED = 5
EXIT_OLDER = 8


def register(sub, common) -> None:
    p = add(sub, common, "sync", cmd_sync,
            "与中心数据库同步：先上传本机变更，再接收其他终端的变更 "
            "(synchronise with the central database: push, then pull)")
    p.add_argument("--central", default=None, metavar="URL",
                   help="中心数据库 (PostgreSQL URL; 默认为注册时保存的地址; 密码取自系统密钥环或 PGPASSWORD)")
    p.add_argument("--batch", type=int, default=500, help="每批上传条数 (push batch size)")
    p.add_argument("--page", type=int, default=2000, help="每页接收条数 (pull page size)")
    p.add_argument("--timeout", type=int, default=10, help="连接超时秒数 (connect timeout)")
    ss = p.add_subparsers(dest="sync_command", metavar="SUBCOMMAND", required=False)
    add(ss, common, "status", cmd_status, "同步状态：待上传、被拒、上次同步 (pending, refused, last run)")
    q = add(ss, common, "conflicts", cmd_conflicts, "冲突记录 (the conflict log)")
    q.add_argument("--all", action="store_true", help="包括已处理的 (include resolved)")
    q = add(ss, common, "retry", cmd_retry,
            "把被中心拒收的变更重新放回待上传 (queue refused changes again)")

    t = add_group(sub, common, "terminal", "终端 (terminals)")
    p = add(t, common, "register", cmd_register,
            "在中心注册本终端（终端编号全公司唯一）(register this terminal with the centre)")
    p.add_argument("--central", required=True, metavar="URL", help="中心数据库 (PostgreSQL URL)")
    p.add_argument("--code", default=None,
                   help="终端编号，如 T01；不填则由中心分配下一个 (terminal code; default: issued by the centre)")
    p.add_argument("--estates", default="",
                   help="本终端服务的小区编码，逗号分隔；不填为全部 (estate codes served; empty: all)")
    p.add_argument("--name", default="", help="终端名称，如 锦都管理处收费台 (a name)")
    p.add_argument("--password-stdin", action="store_true",
                   help="从标准输入读取中心数据库密码并存入系统密钥环 (read the password from stdin)")
    p.add_argument("--force", action="store_true",
                   help="接管已注册的编号（原电脑已停用时）(take over a code from a retired PC)")


def _progress(args):
    if args.json or not sys.stderr.isatty():
        return None
    return lambda stage, n: print(f"\r{'上传' if stage == 'push' else '接收'} {n}", end="",
                                  file=sys.stderr, flush=True)


def cmd_sync(args) -> int:
    if getattr(args, "sync_command", None):
        return args.handler(args)
    from propdesk.sync.run import sync_now

    db = open_db(args)
    r = sync_now(db, actor(args), args.central, push_batch=args.batch, pull_page=args.page,
                 connect_timeout=args.timeout, progress=_progress(args))
    data = r.as_dict()
    data["ok"] = not (r.alarms or r.rejected or r.pull_refused)
    text = (f"同步完成 (sync done) 终端 {r.terminal}: 上传 pushed {r.pushed}，"
            f"接收 pulled {r.pulled}，冲突 conflicts {r.conflicts}"
            + (f"，重发已存在 repeated {r.repeated}" if r.repeated else "")
            + (f"，无法应用 skipped {r.skipped}" if r.skipped else ""))
    emit(args, data, text)
    if _progress(args):
        print(file=sys.stderr)
    if r.message:
        print(f"注意 (note): {r.message}\n  {r.message_en}", file=sys.stderr)
    for a in r.alarms:
        print(f"告警 (alarm): {a}", file=sys.stderr)
    if r.rejected:
        print(f"中心拒收 {r.rejected} 条变更，已保留在本机待处理（propdesk sync status）"
              f" ({r.rejected} change(s) refused by the centre, kept here for review)",
              file=sys.stderr)
    if r.pull_refused:
        return EXIT_OLDER
    return EXIT_REFUSED if (r.alarms or r.rejected) else 0


def cmd_status(args) -> int:
    from propdesk.sync.run import status

    db = open_db(args)
    st = status(db)
    text = (f"中心 (central): {st['central'] or '-'}\n"
            f"待上传 (pending): {st['pending']}（其中收费单据 documents {st['pending_documents']}）\n"
            f"被拒 (refused): {st['rejected']}  无法应用 (skipped): {st['skipped']}\n"
            f"上次成功 (last ok): {st['last_ok_at'] or '-'}"
            + (f"\n上次错误 (last error): {st['last_error']}" if st["last_error"] else ""))
    emit(args, st, text)
    return 0


def cmd_conflicts(args) -> int:
    from propdesk.sync.conflicts import list_conflicts

    db = open_db(args)
    with db.session() as s:
        rows = list_conflicts(s, actor(args), status="" if args.all else "open")
    data = [dict(id=str(v.id), table=v.table, row=v.row_label, column=v.column, kind=v.kind,
                 kept=v.kept, lost=v.lost, kept_terminal=v.kept_terminal,
                 lost_terminal=v.lost_terminal, status=v.status) for v in rows]
    lines = [f"{v.table_label} {v.row_label} {v.column_label}: 保留 {v.kept!r}（{v.kept_terminal}）"
             f" / 被覆盖 {v.lost!r}（{v.lost_terminal}） [{v.kind_label}, {v.status}]" for v in rows]
    emit(args, data, "\n".join(lines) or "没有待处理的冲突 (no open conflicts)")
    return 0


def cmd_retry(args) -> int:
    from propdesk.security import SYNC_RUN, require
    from propdesk.sync.push import retry_rejected

    require(actor(args), SYNC_RUN)
    db = open_db(args)
    n = retry_rejected(db)
    emit(args, {"requeued": n}, f"已重新排队 {n} 条 (requeued)")
    return 0


def cmd_register(args) -> int:
    from propdesk.sync.run import register_terminal

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ValidationFailed([Problem("密码", "密码为空", "empty password")])
    db = open_db(args)
    estates = tuple(e for e in args.estates.replace("，", ",").split(",") if e.strip())
    info = register_terminal(db, actor(args), args.central, args.code, estates=estates,
                             name=args.name, password=password, force=args.force)
    emit(args, info, f"终端 {info['code']} 已注册到 {info['central']}"
                     f"（服务小区 estates: {','.join(info['estates']) or '全部 all'}）"
                     + ("（重新注册 re-registered）" if info["reregistered"] else ""))
    return 0
