"""Random edits, payments and partial syncs of two terminals (hypothesis state machine).

The oracle for master data: after everything has synced, each customer field
holds the value of the write with the greatest (HLC, terminal code) -- the
merge rule -- whatever the order of pushes and pulls.  For money: every
payment taken exists exactly once at the centre and on both terminals.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, \
    run_state_machine_as_test
from sqlalchemy import text

from propdesk.services import customers as Cu

from tests.sync.util import (
    ADMIN, central_rows, central_scalar, customer, pay, register, snapshot_central,
    snapshot_sqlite, sync,
)

pytestmark = [pytest.mark.pg, pytest.mark.slow]

CODES = ("T01", "T02")
FIELDS = ("note", "employer", "hukou")
VALUES = st.sampled_from(["甲", "乙", "丙", "丁", ""])


def _last_stamp(db, row_id: str) -> tuple[int, int] | None:
    with db.engine.connect() as c:
        row = c.execute(text("SELECT seq, hlc FROM sync_outbox WHERE table_name = 'customer' "
                             "AND row_id = :r ORDER BY seq DESC LIMIT 1"), {"r": row_id}).first()
    return (row[0], row[1]) if row else None


def test_random_edits_and_partial_syncs_converge(make_terminal, make_central):
    class Machine(RuleBasedStateMachine):
        @initialize()
        def setup(self):
            self.url = make_central()
            self.ts = {c: make_terminal(c, name=f"{c}_{id(self)}") for c in CODES}
            for c, t in self.ts.items():
                register(t, self.url, c)
            self.customers = [customer(self.ts["T01"], f"客户{i}") for i in range(2)]
            first = pay(self.ts["T01"], self.customers[0], "1.00")
            self.payments = {first.payment_id.hex}
            sync(self.ts["T01"])
            sync(self.ts["T02"])
            # (hlc, terminal, value) of every captured write, per (customer, field)
            self.writes: dict[tuple[str, str], list[tuple[int, str, str]]] = {}

        @rule(code=st.sampled_from(CODES), who=st.integers(0, 1), field=st.sampled_from(FIELDS),
              value=VALUES)
        def edit(self, code, who, field, value):
            db, cid = self.ts[code], self.customers[who]
            before = _last_stamp(db, cid.hex)
            with db.session() as s:
                Cu.update_customer(s, ADMIN, cid, **{field: value})
            after = _last_stamp(db, cid.hex)
            if after and after != before:   # captured (the value really changed here)
                self.writes.setdefault((cid.hex, field), []).append((after[1], code, value))

        @rule(code=st.sampled_from(CODES), fen=st.integers(1, 99_999))
        def take_payment(self, code, fen):
            res = pay(self.ts[code], self.customers[fen % 2], str(Decimal(fen) / 100))
            self.payments.add(res.payment_id.hex)

        @rule(code=st.sampled_from(CODES), batches=st.integers(1, 3))
        def push_some(self, code, batches):
            sync(self.ts[code], push_batch=3, max_push_batches=batches, max_pull_pages=0)

        @rule(code=st.sampled_from(CODES), pages=st.integers(1, 3))
        def pull_some(self, code, pages):
            sync(self.ts[code], pull_page=4, max_push_batches=0, max_pull_pages=pages)

        @rule(code=st.sampled_from(CODES))
        def full_sync(self, code):
            sync(self.ts[code], push_batch=5, pull_page=7)

        @invariant()
        def money_never_invented_or_doubled(self):
            if not hasattr(self, "url"):
                return
            central = central_rows(self.url, "cashier_payment")
            assert set(central) <= self.payments
            assert central_scalar(self.url, "SELECT count(*) FROM sync_alarm") == 0

        def teardown(self):
            if not hasattr(self, "url"):
                return
            for _ in range(3):
                for c in CODES:
                    sync(self.ts[c])
            central = snapshot_central(self.url)
            for c in CODES:
                assert snapshot_sqlite(self.ts[c]) == central
            assert set(central["cashier_payment"]) == self.payments
            rows = central["customer"]
            for (cid, field), writes in self.writes.items():
                stamp, code, value = max(writes)
                assert rows[cid][field] == value, (field, writes)
            for t in self.ts.values():
                t.dispose()

    run_state_machine_as_test(Machine, settings=settings(
        max_examples=6, stateful_step_count=16, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
