"""`propdesk card …` end to end: the reader is the simulator's pty, the key store is in memory."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal as D

import keyring
from sqlalchemy import select

from drivers import mifare
from propdesk.cards import secrets as S
from propdesk.cards.parking import TempParkingRule
from propdesk.cli import main
from propdesk.db import Database
from propdesk.models import AuditLog
from propdesk.services.cards_parking import set_parking_rate
from tests.cards.conftest import MemoryKeyring
from tests.cards.helpers import put_back

PASS = "锦都花园 2025 门禁密钥"
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()


def run(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def as_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    return code, (json.loads(out) if out.strip() else json.loads(err))


def test_secrets_init_export_import(tmp_path, capsys, monkeypatch, keystore):
    db = str(tmp_path / "office.sqlite3")
    code, data = as_json(capsys, "--db", db, "card", "secrets", "init", "--sector", "2")
    assert code == 0 and data["sector"] == 2
    fingerprint = data["fingerprint"]
    code, data = as_json(capsys, "card", "secrets", "init")
    assert code == 5 and "已有门禁卡密钥" in data["error"]  # Conflict: never silently replaced
    out_file = tmp_path / "keys.pdkeys"
    code, _, err = run(capsys, "--db", db, "card", "secrets", "export", "--out", str(out_file),
                       "--passphrase-stdin", stdin=PASS + "\n", monkeypatch=monkeypatch)
    assert code == 0, err
    site = S.load()
    assert site.master_key not in out_file.read_bytes()

    keyring.set_keyring(MemoryKeyring())  # the second office's computer
    code, _, err = run(capsys, "card", "secrets", "import", str(out_file), "--passphrase-stdin",
                       stdin="wrong passphrase!!\n", monkeypatch=monkeypatch)
    assert code == 7 and "口令错误" in err
    code, _, _ = run(capsys, "card", "secrets", "import", str(out_file), "--passphrase-stdin",
                     stdin=PASS + "\n", monkeypatch=monkeypatch)
    assert code == 0 and S.load() == site
    code, data = as_json(capsys, "card", "secrets", "status")
    assert code == 0 and data["fingerprint"] == fingerprint
    with Database(db).session() as s:  # audited in the office database, without any key material
        rows = s.scalars(select(AuditLog).where(AuditLog.entity == "card_secrets")).all()
        assert sorted(r.action for r in rows) == ["create", "export"]
        assert all(site.master_key.hex() not in r.after and site.mac_key.hex() not in r.after for r in rows)


def test_issue_verify_lost_export_on_the_command_line(tmp_path, capsys, db, place, site, card_sim):
    url = db.url
    card = card_sim.place_card(bytes.fromhex("A1B2C3D4"))
    code, data = as_json(capsys, "--db", url, "card", "issue", "--room", "JD-01-1-0502", "--holder", "张三丰",
                         "--type", "resident", "--valid-until", NEXT_YEAR, "--deposit", "50", "--fee", "0",
                         "--port", card_sim.port)
    assert code == 0, data
    assert (data["uid"], data["holder"], data["place"], data["status"]) == ("A1B2C3D4", "张三丰", "JD-01-1-0502", "active")
    serial = data["serial"]

    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port)
    assert (code, data["verdict"], data["serial"]) == (0, "valid", serial)
    code, data = as_json(capsys, "card", "read", "--port", card_sim.port)
    assert data["credential"]["serial"] == serial and data["keys"] == "site"

    full = tmp_path / "gate-v1.json"
    code, data = as_json(capsys, "--db", url, "card", "export", "--out", str(full))
    assert (code, data["version"], data["kind"], data["white_count"]) == (0, 1, "full", 1)
    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port, "--list", str(full))
    assert (code, data["verdict"], data["place"], data["list_version"]) == (0, "valid", "JD-01-1-0502", 1)

    inc = tmp_path / "gate-v2.csv"
    code, out, err = run(capsys, "--db", url, "card", "lost", "A1B2C3D4", "--export-to", str(inc))
    assert code == 0, err
    assert "黑名单" in out and "版本 2" in out
    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port, "--list", str(full), "--list", str(inc))
    assert (code, data["verdict"], data["list_version"]) == (13, "blacklisted", 2)
    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port, "--list", str(inc))
    assert code == 10 and "版本" in data["error"]  # an increment alone cannot be applied

    code, data = as_json(capsys, "--db", url, "card", "export", "--out", str(tmp_path / "v.json"), "--since", "last")
    assert (data["version"], data["kind"], data["entries"]) == (2, "incremental", 0)
    code, data = as_json(capsys, "--db", url, "card", "history", "A1B2C3D4")
    assert [h["action"] for h in data] == ["issue", "lost"]
    code, data = as_json(capsys, "--db", url, "card", "list", "--room", "JD-01-1-0502")
    assert [(c["uid"], c["status"]) for c in data] == [("A1B2C3D4", "lost")]

    # the lost card comes back and is cancelled on the reader: wiped to transport keys
    put_back(card_sim, card)
    code, data = as_json(capsys, "--db", url, "card", "cancel", "A1B2C3D4", "--port", card_sim.port)
    assert code == 0 and data["wiped"] is True
    assert card_sim.block(mifare.trailer_block(1)) == mifare.blank_trailer()
    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port)
    assert (code, data["verdict"]) == (15, "unknown")


def test_cli_errors_say_what_to_do(tmp_path, capsys, db, place, site, card_sim):
    code, data = as_json(capsys, "--db", db.url, "card", "issue", "--room", "JD-01-1-0502", "--holder", "张三丰",
                         "--valid-until", NEXT_YEAR, "--port", card_sim.port)
    assert code == 8 and "没有卡片" in data["error"]
    code, data = as_json(capsys, "--db", db.url, "card", "lost", "FFFFFFFF")
    assert code == 4 and "找不到卡号" in data["error"]


def test_forged_card_exit_code(capsys, site, card_sim):
    memory = [bytes(b) for b in card_sim.place_card(bytes.fromhex("01020304")).memory]
    memory[4] = b"PD\x01\x01" + bytes(12)  # looks like ours, on transport keys: a copy
    card_sim.place_card(bytes.fromhex("01020304"), memory)
    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port)
    assert (code, data["verdict"]) == (14, "forged")


def test_verify_without_secrets(capsys, keystore, card_sim):
    card_sim.place_card(bytes.fromhex("01020304"))
    code, data = as_json(capsys, "card", "verify", "--port", card_sim.port)
    assert code == 7 and "secrets init" in data["error"]
    code, data = as_json(capsys, "card", "read", "--port", card_sim.port)
    assert (code, data["uid"], data["credential"]) == (0, "01020304", None)


def test_parking_fee(capsys, db, admin, place):
    with db.session() as s:
        set_parking_rate(s, admin, place["estate"], TempParkingRule(free_minutes=15, first_fee=D("5"),
                                                                    unit_fee=D("2"), daily_cap=D("30")))
    code, data = as_json(capsys, "--db", db.url, "card", "parking-fee", "--estate", "JD",
                         "--entered", "2025-03-01 08:00", "--left", "2025-03-01 09:31")
    assert (code, data["minutes"], data["amount"]) == (0, 91, "9.00")
