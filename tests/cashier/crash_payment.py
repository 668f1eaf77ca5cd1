"""Run one payment in a separate process and SIGKILL it at a chosen step.

    python -m tests.cashier.crash_payment DB_PATH CUSTOMER_ID AS_OF STEP KEY [KEY ...]

STEP names the point after which the process kills itself: ``payment`` (the
payment row flushed), ``settle`` (billing's allocations and ledger written),
``topup``, ``receipt`` (number and code issued), ``audit`` (everything but
the commit), or ``none`` to let the payment commit.  Nothing here is
imported by the application: the hooks wrap the real functions from outside.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import uuid
from decimal import Decimal


def main(argv: list[str]) -> None:
    from propdesk.db import Database
    from propdesk.security import Actor
    from propdesk.services.cashier import billing_link, payments

    path, customer, as_of, step, *keys = argv
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)  # noqa: E731

    def after(module, name, label):
        real = getattr(module, name)

        def wrapper(*a, **kw):
            result = real(*a, **kw)
            if step == label:
                a[0].flush()   # every wrapped function takes the session first
                die()
            return result
        setattr(module, name, wrapper)

    after(billing_link, "settle", "settle")
    after(billing_link, "top_up", "topup")
    after(payments, "issue_receipt", "receipt")
    real_record = payments.audit.record

    class _Audit:
        @staticmethod
        def record(session, *a, **kw):
            row = real_record(session, *a, **kw)
            if step == "audit":
                session.flush()
                die()
            return row
    payments.audit = _Audit
    if step == "payment":
        from sqlalchemy.orm import Session

        real_add = Session.add

        def add(self, obj, *a, **kw):
            real_add(self, obj, *a, **kw)
            if type(obj).__name__ == "PaymentTender":
                self.flush()
                die()
        Session.add = add

    db = Database(path, terminal="T01")
    cashier = Actor.for_role("陈收费", "cashier")
    with db.session() as s:
        payments.collect(s, cashier, payments.PaymentRequest(
            uuid.UUID(customer), dt.date.fromisoformat(as_of), keys,
            [payments.Tender("cash", Decimal("611.37"))], topup=Decimal("100.00")))
    print("committed")


if __name__ == "__main__":
    main(sys.argv[1:])
