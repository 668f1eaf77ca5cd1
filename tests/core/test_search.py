import datetime as dt

import pytest

from propdesk.services import customers as C
from propdesk.services.search import search


@pytest.fixture
def world(db, admin, owner):
    with db.session() as s:
        C.add_vehicle(s, admin, owner["customer"], plate="粤B12345")
    return owner


@pytest.mark.parametrize("query, matched", [
    ("JD-01-1-050", "房间编码"),
    ("jd-01-1-0502", "房间编码"),
    ("张三", "姓名"),
    ("zsf", "拼音"),
    ("ZS", "拼音"),
    ("138001", "手机"),
    ("002X", "证件号码"),
    ("1002x", "证件号码"),
    ("粤B123", "车牌"),
    ("B12345", "车牌"),
])
def test_each_kind_of_query_finds_the_room(db, admin, world, query, matched):
    with db.session() as s:
        hits = search(s, admin, query)
    assert any(h.code == "JD-01-1-0502" and h.matched == matched for h in hits), hits


def test_no_false_hits(db, admin, world):
    with db.session() as s:
        assert search(s, admin, "王") == []
        assert search(s, admin, "139") == []
        assert search(s, admin, "  ") == []
