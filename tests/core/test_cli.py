import json
import os
import subprocess
import sys

from sqlalchemy import func, select

from propdesk.cli import main
from propdesk.db import Database
from propdesk.models import Operator, Room


def run_cli(*args, stdin="", env=None):
    return subprocess.run([sys.executable, "-m", "propdesk.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env or dict(os.environ), timeout=120)


def test_db_before_or_after_subcommand_and_json(tmp_path, capsys):
    path = str(tmp_path / "a.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["db", "status", "--db", path, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["up_to_date"] is True and out["current"] == out["heads"]


def test_demo_and_user_add_through_a_real_process(tmp_path):
    env = dict(os.environ, PROPDESK_DB=str(tmp_path / "env.sqlite3"))
    r = run_cli("demo", "--rooms", "150", "--json", env=env)
    assert r.returncode == 0, r.stderr
    counts = json.loads(r.stdout)
    # 150 rooms requested: 6 floors x 2 units x 4 per floor = 48 per building -> 4 buildings,
    # the last one partly filled; exactly 150 rooms.
    assert counts["room"] == 150 and counts["building"] == 4 and counts["operator"] == 6
    r = run_cli("user", "add", "newbie", "--role", "frontdesk", "--password-stdin", "--json",
                stdin="hunter22\n", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["role"] == "frontdesk"
    r = run_cli("user", "add", "newbie", "--role", "frontdesk", "--password-stdin",
                stdin="hunter22\n", env=env)
    assert r.returncode == 5 and "已存在" in r.stderr
    r = run_cli("user", "add", "shorty", "--role", "cashier", "--password-stdin", "--json",
                stdin="123\n", env=env)
    assert r.returncode == 2
    assert json.loads(r.stderr)["problems"][0]["where"] == "密码"
    db = Database(env["PROPDESK_DB"])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Room)) == 150
        assert s.scalar(select(func.count()).select_from(Operator)) == 7


def test_user_role_disable_enable_list(tmp_path, capsys):
    from propdesk.security import system_actor
    from propdesk.services.operators import add_operator

    path = str(tmp_path / "u.sqlite3")
    db = Database(path)
    db.upgrade()
    with db.session() as s:
        add_operator(s, system_actor(), "boss", role="admin", password="abc12345")
        add_operator(s, system_actor(), "chen", role="cashier", password="abc12345",
                     display_name="陈收费")
    assert main(["--db", path, "user", "role", "CHEN", "--role", "supervisor", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["role"] == "supervisor"
    assert main(["--db", path, "user", "disable", "chen"]) == 0
    assert "已停用" in capsys.readouterr().out
    assert main(["--db", path, "user", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["username"], r["role"], r["active"]) for r in rows] == \
        [("boss", "admin", True), ("chen", "supervisor", False)]
    assert main(["--db", path, "user", "enable", "chen"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "陈收费" in out and "停用" not in out
    # the last active administrator stays one; an unknown name is reported
    assert main(["--db", path, "user", "disable", "boss"]) == 5
    assert "最后一位" in capsys.readouterr().err
    assert main(["--db", path, "user", "role", "nobody", "--role", "cashier"]) == 4
