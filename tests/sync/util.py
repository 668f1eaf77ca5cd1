"""Helpers for the sync tests: build data with the real services, compare databases."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from sqlalchemy import create_engine, text

from propdesk.db import Database
from propdesk.security import system_actor
from propdesk.services import property as P
from propdesk.sync import codec as C
from propdesk.sync import tables as T
from propdesk.sync.central import fetch_rows
from propdesk.sync.run import register_terminal, sync_now

ADMIN = system_actor()


def register(db: Database, url: str, code: str, estates=()) -> dict:
    return register_terminal(db, ADMIN, url, code, estates=tuple(estates))


def sync(db: Database, url: str | None = None, **kw):
    return sync_now(db, ADMIN, url, **kw)


def company(db: Database, estate: str = "JD", *, floors: int = 2, units=("1",),
            make_company: bool = True) -> dict:
    """A company, region and estate with one building; returns ids."""
    with db.session() as s:
        if make_company:
            co = P.create_company(s, ADMIN, code="HX", name="华兴物业")
            rg = P.create_region(s, ADMIN, co, code="SZ", name="深圳区域")
        else:
            from propdesk.models import Region
            rg = s.query(Region).one()
        es = P.create_estate(s, ADMIN, rg, code=estate, name=f"{estate}花园")
        b = P.create_building(s, ADMIN, es, code="01", floors=floors)
        P.generate_rooms(s, ADMIN, P.RoomPlan(b.id, list(units), (1, floors), 2,
                                              areas={1: (Decimal("100.00"), Decimal("80.00")),
                                                     2: (Decimal("90.50"), Decimal("70.25"))}))
        return {"region": rg.id, "estate": es.id, "building": b.id}


def sqlite_rows(db: Database, table: str) -> dict[str, dict]:
    st = T.get(table)
    cdc = C.codec(st.table)
    with db.engine.connect() as c:
        res = c.execute(text(f'SELECT * FROM "{table}"'))
        names = list(res.keys())
        rows = [cdc.wire_from_sqlite(dict(zip(names, r))) for r in res.fetchall()]
    return {r["id"]: r for r in rows}


def central_rows(url: str, table: str) -> dict[str, dict]:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            cur = conn.connection.driver_connection.cursor()
            cur.execute(f'SELECT id FROM "{table}"')
            ids = [r[0].hex for r in cur.fetchall()]
            return fetch_rows(cur, T.get(table), ids)
    finally:
        eng.dispose()


def _seeded(rows: dict[str, dict]) -> dict[str, dict]:
    """Rows a migration seeded in every database (terminal '') carry each database's own
    creation time; they are the same rows, so compare them without their stamps."""
    return {k: ({c: v for c, v in r.items() if c not in ("created_at", "updated_at")}
                if r.get("terminal") == "" else r) for k, r in rows.items()}


def snapshot_sqlite(db: Database) -> dict[str, dict[str, dict]]:
    return {t: _seeded(sqlite_rows(db, t)) for t in T.sync_tables()}


def snapshot_central(url: str) -> dict[str, dict[str, dict]]:
    return {t: _seeded(central_rows(url, t)) for t in T.sync_tables()}


def outbox_count(db: Database) -> int:
    with db.engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()


def central_scalar(url: str, sql: str, **params):
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        eng.dispose()


def central_all(url: str, sql: str, **params) -> list:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params).fetchall()]
    finally:
        eng.dispose()


def hexid(u: uuid.UUID) -> str:
    return u.hex


def loads(value: str):
    return json.loads(value)


CASHIER = None


def cashier():
    from propdesk.security import Actor

    return Actor.for_role("shouyin", "cashier", display_name="陈收费")


def pay(db: Database, customer_id, amount: str):
    """A real cashier payment (a prepayment top-up): payment, tender, receipt, ledger, audit."""
    import datetime as dt

    from propdesk.services.cashier import payments as Pay

    value = Decimal(amount)
    with db.session() as s:
        return Pay.collect(s, cashier(), Pay.PaymentRequest(
            customer_id, dt.date.today(), [], [Pay.Tender("cash", value)], topup=value))


def customer(db: Database, name: str, **kw):
    from propdesk.services import customers as Cu

    with db.session() as s:
        return Cu.create_customer(s, ADMIN, name=name, **kw).id


def money_by_terminal(rows: dict[str, dict]) -> dict[str, int]:
    """Total fen of cashier payments per terminal."""
    out: dict[str, int] = {}
    for r in rows.values():
        out[r["terminal"]] = out.get(r["terminal"], 0) + r["total"]
    return out


def same_document_two_contents(t1: Database, t2: Database) -> uuid.UUID:
    """One append-only document id written on two terminals with different content
    (收费 100 元 on the first, 收费 999 元 on the second): the centre must refuse the second."""
    from sqlalchemy import insert

    from propdesk.clock import utcnow
    from propdesk.models import AuditLog

    doc_id = uuid.uuid4()
    for t, summary in ((t1, "收费 100 元"), (t2, "收费 999 元")):
        with t.session() as s:
            s.execute(insert(AuditLog).values(
                id=doc_id, created_at=utcnow(), terminal=t.terminal, operator_name="x",
                action="collect", entity="cashier_payment", entity_id="p1", summary=summary,
                before="", after=""))
    return doc_id
