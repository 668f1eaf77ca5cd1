"""``propdesk card …``: gate and parking cards at the counter, at the gate, and their keys.

Card commands that touch a card open the PN532 reader on ``--port`` (a serial
port such as COM3 or /dev/ttyUSB0, or ``socket://host:port``).  ``verify``
and ``read`` need no database: a gate PC holds only the site keys (imported
with ``card secrets import``) and the exported lists.

Exit codes of ``card verify``: 0 valid, 11 expired, 12 not yet valid,
13 blacklisted, 14 forged, 15 unknown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from propdesk.cards.credential import CARD_TYPES
from propdesk.cli.common import actor, add, add_group, emit, open_db
from propdesk.errors import Problem, ValidationFailed

VERDICT_EXIT = {"valid": 0, "expired": 11, "not_yet_valid": 12, "blacklisted": 13, "forged": 14, "unknown": 15}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text} (date must be YYYY-MM-DD)") from None


def _datetime(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.replace("T", " "))
    except ValueError:
        raise argparse.ArgumentTypeError(f"时间格式应为 'YYYY-MM-DD HH:MM'：{text}") from None


def _money(text: str) -> Decimal:
    from propdesk.money import to_decimal

    try:
        return to_decimal(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _card_type(text: str) -> str:
    value = text.strip()
    for code, label in CARD_TYPES.items():
        if value in (code, label, label[:-1]):
            return code
    raise argparse.ArgumentTypeError(
        f"卡类型应为 {'/'.join(CARD_TYPES)} 或 {'/'.join(CARD_TYPES.values())}：{text}")


def register(sub, common) -> None:
    card = add_group(sub, common, "card", "门禁卡与车卡 (gate and parking cards)")

    p = add(card, common, "issue", cmd_issue, "发卡：把空白卡放在读卡器上 (issue a card)")
    p.add_argument("--type", type=_card_type, default="resident",
                   help="resident 住户卡 | vehicle 车辆卡 | staff 员工卡 | temporary 临时卡")
    p.add_argument("--room", help="房间编码，如 JD-01-1-0502 (room code)")
    p.add_argument("--holder", default="", help="持卡人姓名 (holder name; for residents one of the room's occupants)")
    p.add_argument("--plate", default="", help="车牌 (vehicle cards)")
    p.add_argument("--space", default="", help="车位编码 (parking space code; default: the vehicle's space)")
    p.add_argument("--valid-from", type=_date, help="起始日 (default today)")
    p.add_argument("--valid-until", type=_date, help="截止日 YYYY-MM-DD")
    p.add_argument("--months", type=int, help="月卡月数 (monthly vehicle cards)")
    p.add_argument("--deposit", type=_money, help="押金 (default: the estate's card tariff)")
    p.add_argument("--fee", type=_money, help="工本费 (default: the tariff)")
    p.add_argument("--monthly-fee", type=_money, help="月租 (default: the tariff)")
    p.add_argument("--note", default="")
    p.add_argument("--overwrite", action="store_true",
                   help="覆盖卡上本数据库未知的有效凭证 (overwrite a valid credential unknown here)")
    p.add_argument("--port", required=True, help="读卡器串口 (reader port)")

    p = add(card, common, "renew", cmd_renew, "延期：把卡放在读卡器上 (renew a card)")
    p.add_argument("card_no", metavar="CARDNO", help="卡号 UID 或凭证号 (UID or serial)")
    p.add_argument("--valid-until", type=_date)
    p.add_argument("--months", type=int, help="月卡续期月数")
    p.add_argument("--port", required=True)

    p = add(card, common, "lost", cmd_lost, "挂失：立即列入黑名单 (report a card lost)")
    p.add_argument("card_no", metavar="CARDNO")
    p.add_argument("--note", default="")
    p.add_argument("--export-to", type=Path, help="同时导出增量名单到此文件 (also write an incremental list)")

    p = add(card, common, "replace", cmd_replace, "补卡：把新的空白卡放在读卡器上 (replace a card)")
    p.add_argument("card_no", metavar="CARDNO", help="原卡卡号 (the old card)")
    p.add_argument("--fee", type=_money, help="补卡费 (default: the tariff)")
    p.add_argument("--port", required=True)

    p = add(card, common, "cancel", cmd_cancel, "注销 (cancel a card)")
    p.add_argument("card_no", metavar="CARDNO")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--port", help="卡已收回：放在读卡器上清除并退押金 (card returned: wipe it)")
    how.add_argument("--not-returned", action="store_true", help="卡未收回：列入黑名单，不退押金")
    p.add_argument("--keep-deposit", action="store_true", help="不退押金 (do not refund the deposit)")
    p.add_argument("--note", default="")

    p = add(card, common, "verify", cmd_verify, "闸口核验（离线）(verify a card offline, as the gate does)")
    p.add_argument("--port", required=True)
    p.add_argument("--list", dest="lists", type=Path, action="append", default=[],
                   help="导出的名单文件：先完整名单，再按顺序的增量 (exported lists: full, then increments)")
    p.add_argument("--date", type=_date, help="按此日期判断 (judge as of this date; default today)")

    p = add(card, common, "read", cmd_read, "读卡：UID 与卡上凭证 (read a card)")
    p.add_argument("--port", required=True)

    p = add(card, common, "export", cmd_export, "导出门禁白名单/黑名单 (export gate lists)")
    p.add_argument("--out", type=Path, required=True, help="文件 .json 或 .csv")
    p.add_argument("--since", help="增量：自此版本起，或 last 表示自上次导出 (incremental since VERSION or 'last')")
    p.add_argument("--format", choices=("json", "csv"), help="default: from the file name")

    p = add(card, common, "list", cmd_list, "查询门禁卡 (list cards)")
    p.add_argument("text", nargs="?", default="", help="卡号、姓名、房间、车牌")
    p.add_argument("--room", help="房间编码")
    p.add_argument("--status", choices=("active", "lost", "cancelled", "expired"))

    p = add(card, common, "history", cmd_history, "门禁卡记录 (card history)")
    p.add_argument("card_no", metavar="CARDNO")

    p = add(card, common, "parking-fee", cmd_parking_fee, "临时停车费计算 (temporary parking fee)")
    p.add_argument("--estate", required=True, help="小区编码")
    p.add_argument("--entered", type=_datetime, required=True, help="入场 'YYYY-MM-DD HH:MM'")
    p.add_argument("--left", type=_datetime, help="出场 (default now)")

    secrets = add_group(card, common, "secrets", "门禁卡密钥 (site secrets, kept in the OS key store)")
    p = add(secrets, common, "init", cmd_secrets_init, "生成本小区密钥（首次）(create the site secrets)")
    p.add_argument("--sector", type=int, default=1, help="凭证扇区 1–15 (credential sector)")
    p.add_argument("--replace-existing", action="store_true",
                   help="替换已有密钥：已发的卡将全部无法读取！(replace existing secrets: issued cards become unreadable)")
    p = add(secrets, common, "export", cmd_secrets_export, "加密导出密钥 (encrypted export for another office)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--passphrase-stdin", action="store_true", help="从标准输入读取口令")
    p = add(secrets, common, "import", cmd_secrets_import, "导入密钥 (import an export)")
    p.add_argument("file", type=Path)
    p.add_argument("--passphrase-stdin", action="store_true")
    p.add_argument("--replace-existing", action="store_true")
    add(secrets, common, "status", cmd_secrets_status, "显示密钥指纹 (show the secrets' fingerprint)")


# --- plumbing ---------------------------------------------------------------------------------

@contextmanager
def reader(port: str):
    """A MIFARE card API on the PN532 at ``port`` (errors as the counter should read them)."""
    from drivers.errors import DeviceError
    from drivers.pn532 import PN532, MifareClassic
    from propdesk.cards.engine import device_failure

    try:
        pn532 = PN532.open(port)
    except DeviceError as exc:
        raise device_failure(exc, "detect") from exc
    try:
        try:
            pn532.begin()
        except DeviceError as exc:
            raise device_failure(exc, "detect") from exc
        yield MifareClassic(pn532)
    finally:
        pn532.close()


def _secrets():
    from propdesk.cards import secrets

    return secrets.load()


def _has_db(args) -> bool:
    return bool(args.db or os.environ.get("PROPDESK_DB"))


def _card(s, args):
    from propdesk.services.cards import find_card

    return find_card(s, actor(args), args.card_no)


def _result_text(verb: str, r) -> str:
    lines = [f"{verb}：{r.uid}（{CARD_TYPES[r.card_type]}）{r.holder_name} {r.place_code}".rstrip(),
             f"  凭证号 {r.serial}  有效期 {r.valid_from} 至 {r.valid_until}"]
    if r.recovered:
        lines.append("  此卡上次写入中断，本次已续写完成 (resumed an interrupted write)")
    labels = {"deposit": "押金（待收费员收取）", "deposit_refund": "退押金（待收费员办理）", "card_fee": "工本费",
              "replace_fee": "补卡费", "monthly": "月卡停车费"}
    for kind, amount, state in r.charges:
        where = "，已转收费台" if state == "posted" else ("，已作废" if state == "void" else "")
        lines.append(f"  {labels[kind]} {amount} 元{where}")
    return "\n".join(lines)


# --- card commands ------------------------------------------------------------------------------

def cmd_issue(args) -> int:
    from sqlalchemy import select

    from propdesk.models import ParkingSpace
    from propdesk.services import cards as svc
    from propdesk.services.property import room_by_code

    secrets = _secrets()
    db = open_db(args)
    with db.session() as s:
        room = room_by_code(s, actor(args), args.room) if args.room else None
        space_id = None
        if args.space:
            space_id = s.scalar(select(ParkingSpace.id).where(ParkingSpace.code == args.space.strip().upper()))
            if space_id is None:
                raise ValidationFailed([Problem("--space", f"找不到车位 {args.space}", f"no space {args.space}")])
        req = svc.IssueRequest(card_type=args.type, room_id=room.id if room else None, holder_name=args.holder,
                               plate=args.plate, space_id=space_id, valid_from=args.valid_from,
                               valid_until=args.valid_until, months=args.months, deposit=args.deposit,
                               card_fee=args.fee, monthly_fee=args.monthly_fee, note=args.note,
                               overwrite=args.overwrite)
        with reader(args.port) as io:
            result = svc.issue_card(s, actor(args), io, secrets, req)
    emit(args, {"ok": True} | result.as_dict(), _result_text("发卡成功", result))
    return 0


def cmd_renew(args) -> int:
    from propdesk.services import cards as svc

    secrets = _secrets()
    db = open_db(args)
    with db.session() as s:
        card = _card(s, args)
        with reader(args.port) as io:
            result = svc.renew_card(s, actor(args), io, secrets, card.id, valid_until=args.valid_until,
                                    months=args.months)
    emit(args, {"ok": True} | result.as_dict(), _result_text("延期成功", result))
    return 0


def _write_document(document: dict, out: Path, fmt: str | None) -> str:
    from propdesk.cards import lists

    fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "json")
    data = lists.to_csv(document) if fmt == "csv" else lists.to_json(document)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)  # a gate never picks up half a file
    return fmt


def cmd_lost(args) -> int:
    from propdesk.services import cards as svc
    from propdesk.services import cards_lists

    db = open_db(args)
    with db.session() as s:
        card = _card(s, args)
        since = cards_lists.latest_version(s)
        result = svc.report_lost(s, actor(args), card.id, note=args.note)
        document = None
        if args.export_to:
            document = cards_lists.export_document(s, actor(args), _secrets(), since=since)
            _write_document(document, args.export_to, None)
    text = _result_text("已挂失", result) + "\n  此卡已列入黑名单；" + (
        f"增量名单（版本 {document['version']}）已写入 {args.export_to}，请装入各闸口"
        if document else "请导出名单（propdesk card export）装入各闸口")
    emit(args, {"ok": True, "list_version": document["version"] if document else None} | result.as_dict(), text)
    return 0


def cmd_replace(args) -> int:
    from propdesk.services import cards as svc

    secrets = _secrets()
    db = open_db(args)
    with db.session() as s:
        card = _card(s, args)
        with reader(args.port) as io:
            result = svc.replace_card(s, actor(args), io, secrets, card.id, fee=args.fee)
    emit(args, {"ok": True} | result.as_dict(), _result_text("补卡成功", result) + "\n  原卡已列入黑名单")
    return 0


def cmd_cancel(args) -> int:
    from propdesk.services import cards as svc

    db = open_db(args)
    with db.session() as s:
        card = _card(s, args)
        if args.port:
            secrets = _secrets()
            with reader(args.port) as io:
                result = svc.cancel_card(s, actor(args), card.id, card_io=io, secrets=secrets,
                                         refund_deposit=not args.keep_deposit, note=args.note)
        else:
            result = svc.cancel_card(s, actor(args), card.id, note=args.note)
    tail = "\n  卡片已清除为出厂状态" if args.port else "\n  卡未收回，已列入黑名单"
    emit(args, {"ok": True, "wiped": bool(args.port)} | result.as_dict(), _result_text("已注销", result) + tail)
    return 0


def cmd_verify(args) -> int:
    from propdesk.cards import engine, lists
    from propdesk.cards.verify import decide

    secrets = _secrets()
    gate = None
    if args.lists:
        gate = lists.load_chain([p.read_bytes() for p in args.lists], mac_key=secrets.mac_key,
                                site=secrets.fingerprint)
    with reader(args.port) as io:
        state = engine.probe(io, secrets)
    verdict = decide(state, args.date or dt.date.today(), gate)
    data = verdict.as_dict() | {"list_version": gate.version if gate else None}
    c = verdict.credential
    text = f"{verdict.title_zh}：卡号 {verdict.uid}" + (
        f"（{CARD_TYPES[c.card_type]} {verdict.place} {verdict.holder}".rstrip() + f"，有效期至 {c.valid_until}）"
        if c else "") + f"\n  {verdict.reason_zh}"
    if gate is None:
        text += "\n  （未装入名单：只核验了密钥、校验码和有效期）"
    emit(args, data, text)
    return VERDICT_EXIT[verdict.code]


def cmd_read(args) -> int:
    from propdesk.cards import engine, secrets as site_secrets

    secrets = site_secrets.load(required=False)
    if secrets is None:
        from drivers.errors import DeviceError

        with reader(args.port) as io:
            try:
                uid = bytes(io.detect().uid).hex().upper()
            except DeviceError as exc:
                raise engine.device_failure(exc, "detect") from exc
        emit(args, {"uid": uid, "keys": None, "credential": None},
             f"卡号 UID：{uid}\n  本机未配置门禁卡密钥，无法解读卡上凭证")
        return 0
    with reader(args.port) as io:
        state = engine.probe(io, secrets)
    c = state.credential
    data = {"uid": state.uid_hex, "keys": state.keys, "credential": None}
    lines = [f"卡号 UID：{state.uid_hex}",
             {"site": "  本小区密钥", "transport": "  出厂密钥（空白卡）", "foreign": "  其他系统的密钥，无法读取"}[state.keys]]
    if c is not None:
        data["credential"] = {"serial": c.serial_hex, "type": c.card_type, "type_label": CARD_TYPES[c.card_type],
                              "valid_from": c.valid_from.isoformat(), "valid_until": c.valid_until.isoformat(),
                              "holder_ref": f"{c.holder_ref:016X}", "place_ref": f"{c.place_ref:016X}"}
        lines.append(f"  凭证号 {c.serial_hex} {CARD_TYPES[c.card_type]} 有效期 {c.valid_from} 至 {c.valid_until}")
    elif state.has_magic or state.keys == "site":
        lines.append("  凭证校验失败（数据被改动、复制或写入未完成）")
    if c is not None and _has_db(args):
        from propdesk.db import Database
        from propdesk.services.cards import holder_for_uid

        db = Database(args.db)
        with db.session() as s:
            info = holder_for_uid(s, actor(args), c.serial_hex)
        if info is not None:
            data["record"] = {"card_id": str(info.card_id), "status": info.status, "holder": info.holder_name,
                              "room": info.room_code, "space": info.space_code, "plate": info.plate}
            lines.append(f"  档案：{info.holder_name} {info.room_code or info.space_code} {info.status_label}")
    emit(args, data, "\n".join(lines))
    return 0


def cmd_export(args) -> int:
    from propdesk.services import cards_lists

    secrets = _secrets()
    db = open_db(args)
    with db.session() as s:
        since = None
        if args.since == "last":
            since = cards_lists.latest_version(s)
        elif args.since is not None:
            try:
                since = int(args.since)
            except ValueError:
                raise ValidationFailed([Problem("--since", "应为版本号或 last", "use a version number or 'last'")]) from None
        document = cards_lists.export_document(s, actor(args), secrets, since=since)
    fmt = _write_document(document, args.out, args.format)
    kind = "完整名单" if document["kind"] == "full" else f"自版本 {document['since']} 起的增量"
    emit(args, {k: document[k] for k in ("version", "kind", "since", "white_count", "black_count", "checksum",
                                         "state_checksum")} | {"file": str(args.out), "format": fmt,
                                                               "entries": len(document["entries"])},
         f"已导出门禁名单 版本 {document['version']}（{kind}，{len(document['entries'])} 条）到 {args.out}\n"
         f"  白名单 {document['white_count']}，黑名单 {document['black_count']}\n"
         f"  校验和 SHA-256 {document['checksum']}")
    return 0


def cmd_list(args) -> int:
    from propdesk.models.cards import CARD_STATUSES
    from propdesk.services import cards as svc
    from propdesk.services.property import room_by_code

    db = open_db(args)
    with db.session() as s:
        if args.room:
            rows = svc.cards_of_room(s, actor(args), room_by_code(s, actor(args), args.room).id)
            rows = [r for r in rows if not args.status or r.status == args.status]
        else:
            rows = svc.search_cards(s, actor(args), args.text, status=args.status)
    data = [{"uid": r.uid, "serial": r.serial, "type": r.card_type, "status": r.status, "holder": r.holder_name,
             "place": r.place_code, "plate": r.plate, "valid_until": r.valid_until.isoformat()} for r in rows]
    text = "\n".join(f"{r.uid:<14} {CARD_TYPES[r.card_type]} {CARD_STATUSES[r.status]:<3} {r.holder_name} "
                     f"{r.place_code or r.plate} 至 {r.valid_until}" for r in rows) or "没有符合条件的卡"
    emit(args, data, text)
    return 0


def cmd_history(args) -> int:
    from propdesk.models.cards import CARD_ACTIONS
    from propdesk.services import cards as svc

    db = open_db(args)
    with db.session() as s:
        rows = svc.card_history(s, actor(args), _card(s, args).id)
    data = [{"at": r.at.isoformat(), "action": r.action, "uid": r.uid, "to_status": r.to_status,
             "valid_until": r.valid_until_after.isoformat() if r.valid_until_after else None,
             "amount": str(r.amount), "note": r.note, "operator": r.operator_name} for r in rows]
    text = "\n".join(f"{r.at:%Y-%m-%d %H:%M} {CARD_ACTIONS[r.action]} {r.uid} {r.note} （{r.operator_name}）"
                     for r in rows)
    emit(args, data, text)
    return 0


def cmd_parking_fee(args) -> int:
    from propdesk.services.cards_parking import temp_parking_fee
    from propdesk.services.property import estate_by_code

    db = open_db(args)
    left = args.left or dt.datetime.now().replace(microsecond=0)
    with db.session() as s:
        fee = temp_parking_fee(s, actor(args), estate_id=estate_by_code(s, args.estate).id, entered=args.entered,
                               left=left)
    emit(args, {"minutes": fee.minutes, "amount": str(fee.amount),
                "lines": [{"label": ln.label, "minutes": ln.minutes, "amount": str(ln.amount), "formula": ln.formula}
                          for ln in fee.lines]},
         f"停车 {fee.duration_text}，应收 {fee.amount} 元\n" + "\n".join(f"  {ln.label}：{ln.formula}"
                                                                       for ln in fee.lines))
    return 0


# --- secrets ------------------------------------------------------------------------------------

def _audit_secrets(args, action: str, summary: str, fingerprint: str) -> None:
    """Secrets changes are audited in the office database when one is configured."""
    from propdesk.security import CARD_SECRETS, require

    require(actor(args), CARD_SECRETS)
    if not _has_db(args):
        return
    from propdesk.services import audit

    db = open_db(args)
    with db.session() as s:
        audit.record(s, actor(args), action, "card_secrets", fingerprint, after={"fingerprint": fingerprint},
                     summary=summary)


def _passphrase(args, confirm: bool) -> str:
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("口令 (passphrase): ")
    if confirm and getpass.getpass("再次输入口令 (again): ") != first:
        raise ValidationFailed([Problem("口令", "两次输入的口令不一致", "the passphrases differ")])
    return first


def cmd_secrets_init(args) -> int:
    from propdesk.cards import secrets
    from propdesk.security import CARD_SECRETS, require

    require(actor(args), CARD_SECRETS)
    site = secrets.initialise(args.sector, replace=args.replace_existing)
    _audit_secrets(args, "create", f"生成门禁卡密钥，指纹 {site.fingerprint}", site.fingerprint)
    emit(args, {"ok": True, "fingerprint": site.fingerprint, "sector": site.sector},
         f"已生成门禁卡密钥并存入系统密钥库：指纹 {site.fingerprint}，凭证扇区 {site.sector}\n"
         "  请用 propdesk card secrets export 做一份加密备份，妥善保管")
    return 0


def cmd_secrets_export(args) -> int:
    from propdesk.cards import secrets
    from propdesk.security import CARD_SECRETS, require

    require(actor(args), CARD_SECRETS)
    site = secrets.load()
    data = secrets.export_bytes(site, _passphrase(args, confirm=not args.passphrase_stdin))
    args.out.write_bytes(data)
    _audit_secrets(args, "export", f"导出门禁卡密钥（加密），指纹 {site.fingerprint}", site.fingerprint)
    emit(args, {"ok": True, "fingerprint": site.fingerprint, "file": str(args.out)},
         f"已加密导出门禁卡密钥到 {args.out}（指纹 {site.fingerprint}）：口令请另行告知，勿与文件放在一起")
    return 0


def cmd_secrets_import(args) -> int:
    from propdesk.cards import secrets
    from propdesk.security import CARD_SECRETS, require

    require(actor(args), CARD_SECRETS)
    site = secrets.import_bytes(args.file.read_bytes(), _passphrase(args, confirm=False))
    secrets.store(site, replace=args.replace_existing)
    _audit_secrets(args, "import", f"导入门禁卡密钥，指纹 {site.fingerprint}", site.fingerprint)
    emit(args, {"ok": True, "fingerprint": site.fingerprint, "sector": site.sector},
         f"已导入门禁卡密钥：指纹 {site.fingerprint}，凭证扇区 {site.sector}")
    return 0


def cmd_secrets_status(args) -> int:
    from propdesk.cards import secrets

    site = secrets.load(required=False)
    if site is None:
        emit(args, {"configured": False}, "本机尚未配置门禁卡密钥（propdesk card secrets init 或 import）")
        return 1
    emit(args, {"configured": True, "fingerprint": site.fingerprint, "sector": site.sector, "created": site.created},
         f"门禁卡密钥：指纹 {site.fingerprint}，凭证扇区 {site.sector}，创建于 {site.created}")
    return 0
