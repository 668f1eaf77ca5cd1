"""Publishing and exporting the gate lists (白名单/黑名单) as versioned data.

The lists are derived from the card records:

* whitelist: active cards whose validity has not ended;
* blacklist: cards that may still carry a valid credential but must not open —
  lost, or cancelled/replaced without the card coming back to be wiped —
  until their validity ends (after that the gate refuses them anyway).

:func:`publish` compares that state with the last published version and, if
anything changed, writes version N+1: one :class:`CardListEntry` per changed
card and a :class:`CardListVersion` with the state checksum.  An export is a
full document of the latest version, or an incremental one with the entries
after the version the gate holds.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.cards import lists
from propdesk.cards.credential import serial_text
from propdesk.cards.lists import GateList
from propdesk.cards.secrets import SiteSecrets
from propdesk.clock import today as local_today
from propdesk.errors import Problem, ValidationFailed
from propdesk.models.cards import CardListEntry, CardListVersion, GateCard
from propdesk.security import CARD_ISSUE, MASTER_VIEW, Actor, require
from propdesk.services import audit


def _entry(card: GateCard, list_kind: str) -> dict[str, str]:
    return lists.entry(list_kind, card.serial, card.uid, card.card_type, card.valid_from, card.valid_until,
                       card.place_code or card.plate, card.holder_name)


def live_state(session: Session, today: dt.date) -> dict[str, dict[str, str]]:
    """The lists as the card records say now: serial → entry."""
    state: dict[str, dict[str, str]] = {}
    cards = session.scalars(select(GateCard).where(GateCard.deleted_at.is_(None), GateCard.valid_until >= today))
    for card in cards:
        if card.status == "active":
            state[serial_text(card.serial)] = _entry(card, "white")
        elif card.blacklisted:
            state[serial_text(card.serial)] = _entry(card, "black")
    return state


def latest_version(session: Session) -> int:
    return session.scalar(select(func.max(CardListVersion.version))) or 0


def _entries_between(session: Session, after: int, up_to: int) -> dict[str, dict[str, str]]:
    """Each serial's latest entry with ``after < version <= up_to``."""
    rows = session.scalars(select(CardListEntry).where(CardListEntry.version > after,
                                                      CardListEntry.version <= up_to)
                           .order_by(CardListEntry.version))
    return {serial_text(r.serial): json.loads(r.payload) for r in rows}


def published_state(session: Session, version: int | None = None) -> dict[str, dict[str, str]]:
    version = latest_version(session) if version is None else version
    return {k: v for k, v in _entries_between(session, 0, version).items() if v["list"] != "none"}


def publish(session: Session, actor: Actor, *, today: dt.date | None = None) -> int:
    """Publish the current lists as a new version if they changed; return the latest version."""
    require(actor, CARD_ISSUE)
    today = today or local_today()
    current = live_state(session, today)
    version = latest_version(session)
    before = published_state(session, version)
    changed = {k: v for k, v in current.items() if before.get(k) != v}
    removed = {k: lists.entry("none", int(k, 16), v["uid"]) for k, v in before.items() if k not in current}
    if version and not changed and not removed:
        return version
    version += 1
    for serial, e in sorted((changed | removed).items()):
        session.add(CardListEntry(version=version, serial=int(serial, 16), list_kind=e["list"],
                                  payload=json.dumps(e, ensure_ascii=False, sort_keys=True)))
    white = sum(1 for e in current.values() if e["list"] == "white")
    session.add(CardListVersion(version=version, white_count=white, black_count=len(current) - white,
                                change_count=len(changed) + len(removed),
                                state_checksum=lists.state_checksum(current), as_of=today,
                                operator_name=actor.label))
    session.flush()
    audit.record(session, actor, "publish", "card_list", version,
                 after={"version": version, "white": white, "black": len(current) - white,
                        "changes": len(changed) + len(removed)},
                 summary=f"门禁名单版本 {version}：白名单 {white}，黑名单 {len(current) - white}，"
                         f"变动 {len(changed) + len(removed)}")
    return version


def export_document(session: Session, actor: Actor, secrets: SiteSecrets, *, since: int | None = None,
                    today: dt.date | None = None) -> dict:
    """Publish, then the full lists (``since`` None) or the changes after version ``since``."""
    today = today or local_today()
    version = publish(session, actor, today=today)
    if since is not None and not 0 <= since <= version:
        raise ValidationFailed([Problem("--since", f"版本 {since} 不存在：当前最新版本为 {version}",
                                        f"version {since} does not exist; the latest is {version}")])
    state = published_state(session, version)
    row = session.scalar(select(CardListVersion).where(CardListVersion.version == version))
    if since is None:
        entries, kind = list(state.values()), "full"
    else:
        entries, kind = list(_entries_between(session, since, version).values()), "incremental"
    document = lists.build_document(site=secrets.fingerprint, version=version, kind=kind, since=since,
                                    as_of=row.as_of, entries=entries, state=state, mac_key=secrets.mac_key)
    audit.record(session, actor, "export", "card_list", version,
                 after={"version": version, "kind": kind, "since": since, "entries": len(entries),
                        "checksum": document["checksum"]},
                 summary=f"导出门禁名单 版本 {version}" + (f"（自版本 {since} 起的增量）" if since is not None else "（完整）"))
    return document


def current_gate_list(session: Session, today: dt.date, *, site: str = "") -> GateList:
    """The database's live lists as a gate would hold them (for checks at the front desk)."""
    return GateList(version=latest_version(session), site=site, as_of=today.isoformat(),
                    entries=live_state(session, today))


def versions(session: Session, actor: Actor, limit: int = 50) -> list[CardListVersion]:
    require(actor, MASTER_VIEW)
    return list(session.scalars(select(CardListVersion).order_by(CardListVersion.version.desc()).limit(limit)))
