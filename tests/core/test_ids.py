import uuid

from propdesk.ids import uuid7, uuid7_time_ms


def test_version_variant_and_time():
    u = uuid7(now_ms=1_790_000_000_123)
    assert u.version == 7
    assert u.variant == uuid.RFC_4122
    assert uuid7_time_ms(u) >= 1_790_000_000_123


def test_strictly_increasing_within_a_millisecond():
    ids = [uuid7(now_ms=1_800_000_000_000) for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_clock_going_backwards_keeps_order():
    a = uuid7(now_ms=1_900_000_000_000)
    b = uuid7(now_ms=1_899_999_999_000)  # the clock stepped back one second
    assert b > a
