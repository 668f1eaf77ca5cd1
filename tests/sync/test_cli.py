"""The sync commands, through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.sync.util import customer, pay

pytestmark = pytest.mark.pg


def run_cli(*args, stdin: str = "", env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "propdesk.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env=env or dict(os.environ))


def test_register_sync_status_and_conflicts(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    p1, p2 = (t.url.replace("sqlite:///", "") for t in (t1, t2))
    r = run_cli("terminal", "register", "--central", central_url, "--code", "t01", "--db", p1,
                "--name", "锦都收费台", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["code"] == "T01"
    r = run_cli("--db", p2, "terminal", "register", "--central", central_url, "--code", "T02")
    assert r.returncode == 0 and "终端 T02 已注册" in r.stdout

    cid = customer(t1, "张三")
    pay(t1, cid, "12.34")
    r = run_cli("sync", "--db", p1, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["ok"] and out["pushed"] > 5 and out["conflicts"] == 0 and out["terminal"] == "T01"

    r = run_cli("sync", "--db", p2)
    assert r.returncode == 0, r.stderr
    assert "上传 pushed 0" in r.stdout and "冲突 conflicts 0" in r.stdout

    r = run_cli("sync", "status", "--db", p2, "--json")
    st = json.loads(r.stdout)
    assert st["pending"] == 0 and st["last_ok_at"] and "T01" not in st["central"]
    r = run_cli("sync", "conflicts", "--db", p2)
    assert r.returncode == 0 and "没有待处理的冲突" in r.stdout


def test_code_taken_by_another_pc_and_bad_code(make_terminal, central_url):
    t1, t2 = make_terminal("T01"), make_terminal("T01", name="other")
    p1, p2 = (t.url.replace("sqlite:///", "") for t in (t1, t2))
    assert run_cli("terminal", "register", "--central", central_url, "--code", "T01",
                   "--db", p1).returncode == 0
    r = run_cli("terminal", "register", "--central", central_url, "--code", "T01", "--db", p2)
    assert r.returncode == 5 and "已被另一台电脑注册" in r.stderr
    r = run_cli("terminal", "register", "--central", central_url, "--code", "收费台",
                "--db", p2)
    assert r.returncode == 2 and "终端编号" in r.stderr


def test_unreachable_centre_exit_code_and_message(make_terminal):
    t1 = make_terminal("T01")
    p1 = t1.url.replace("sqlite:///", "")
    r = run_cli("sync", "--db", p1, "--central", "postgresql://u@127.0.0.1:1/x", "--timeout", "2")
    assert r.returncode == 7
    assert "无法连接中心数据库" in r.stderr and "本机照常工作" in r.stderr
