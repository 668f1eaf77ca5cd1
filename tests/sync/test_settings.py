"""Central connection settings, the keyring, versions and clocks."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text

from propdesk.db import read_setting
from propdesk.sync import settings, versions
from propdesk.sync.central import SyncError
from propdesk.sync.run import clock_message

from tests.sync.util import customer, register, sync


def test_the_password_goes_to_the_keyring_not_the_database(make_terminal, memory_keyring):
    t1 = make_terminal("T01")
    settings.save_central(t1, "postgresql://propdesk:s3cret@db.example.cn:5433/company")
    stored = read_setting(t1, settings.CENTRAL_URL)
    assert "s3cret" not in stored
    assert stored == "postgresql+psycopg://propdesk@db.example.cn:5433/company"
    assert memory_keyring.store == {
        (settings.KEYRING_SERVICE, "propdesk@db.example.cn:5433/company"): "s3cret"}
    assert settings.connect_url(stored).password == "s3cret"
    assert settings.redact(settings.connect_url(stored)) == \
        "postgresql+psycopg://propdesk:***@db.example.cn:5433/company"


def test_without_a_keyring_entry_libpq_sources_apply(make_terminal, memory_keyring):
    url = settings.connect_url("postgresql://propdesk@db.example.cn/company")
    assert url.password is None     # psycopg/libpq then read PGPASSWORD or .pgpass


def test_only_postgresql_can_be_the_centre():
    with pytest.raises(Exception, match="PostgreSQL"):
        settings.normalise("sqlite:///x.db")


def test_versions_compare():
    assert versions.compare(["0005"], ["0005"]).can_pull
    newer = versions.compare(["0005"], ["0005", "9999"])
    assert (newer.can_pull, newer.can_push_rows, newer.can_push_docs) == (False, False, True)
    older = versions.compare(["0005"], ["0001"])
    assert not older.can_push_docs and "中心数据库结构较旧" in older.zh
    assert "0005" in older.zh


def test_clock_message_says_which_way():
    zh, en = clock_message(-7200)
    assert "快约 120 分钟" in zh and "ahead" in en
    zh, _ = clock_message(600)
    assert "慢约 10 分钟" in zh


@pytest.mark.pg
def test_an_older_centre_must_be_upgraded_first(make_terminal, central_url):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    customer(t1, "客户")
    eng = create_engine(central_url)
    with eng.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    eng.dispose()
    with pytest.raises(SyncError, match="请先升级中心数据库"):
        sync(t1)


@pytest.mark.pg
def test_a_pc_clock_far_from_the_server_is_reported(make_terminal, central_url, monkeypatch):
    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    real = time.time
    monkeypatch.setattr("propdesk.sync.run.time.time", lambda: real() + 3 * 3600)
    r = sync(t1)
    assert r.clock_warning and "本机时钟比中心服务器快约 180 分钟" in r.message
    monkeypatch.setattr("propdesk.sync.run.time.time", real)
    assert not sync(t1).clock_warning


@pytest.mark.pg
def test_a_slow_pc_clock_is_pulled_forward_by_the_server(make_terminal, central_url):
    """A terminal whose clock is behind stamps its next change after the server's time."""
    from propdesk.sync import hlc

    t1 = make_terminal("T01")
    register(t1, central_url, "T01")
    with t1.engine.connect() as c:
        before = hlc.read_local(c)
    sync(t1)
    with t1.engine.connect() as c:
        after = hlc.read_local(c)
    assert after > before and after >= hlc.physical_now() - (60_000 << 16)
