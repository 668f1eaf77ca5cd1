"""The gate's decision, offline: only the site secrets and (optionally) an exported list.

Order of the checks, first match wins:

1. **forged** (伪造) — the credential sector does not open with this card's
   derived keys, or it opens but the tag is wrong (an edited byte, or data
   copied from another UID), or transport keys guard a PropDesk credential
   (a copy onto a blank card);
2. **unknown** (未登记) — a blank card (transport keys, no credential);
3. **blacklisted** (黑名单) — the list marks this serial as lost or cancelled;
4. **not_yet_valid** / **expired** (未生效 / 已过期) — by the validity the tag protects;
5. **unknown** — a list is loaded and the card is on neither list (issued after
   the export: load the newer list);
6. **valid** (有效).

A card that is both lost and expired reports *blacklisted*: the guard learns more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from propdesk.cards.credential import CARD_TYPES, Credential
from propdesk.cards.engine import CardState
from propdesk.cards.lists import GateList

VERDICTS: Final = {
    "valid": ("有效，准予通行", "valid: let through"),
    "expired": ("已过期", "expired"),
    "not_yet_valid": ("尚未生效", "not valid yet"),
    "blacklisted": ("黑名单（已挂失或注销）", "blacklisted (lost or cancelled)"),
    "forged": ("伪造或被篡改的卡", "forged or tampered card"),
    "unknown": ("未登记的卡", "unknown card"),
}


@dataclass(frozen=True)
class Verdict:
    code: str
    uid: str
    reason_zh: str
    reason_en: str
    credential: Credential | None = None
    place: str = ""
    holder: str = ""

    @property
    def accepted(self) -> bool:
        return self.code == "valid"

    @property
    def title_zh(self) -> str:
        return VERDICTS[self.code][0]

    @property
    def title_en(self) -> str:
        return VERDICTS[self.code][1]

    def as_dict(self) -> dict:
        c = self.credential
        return {
            "verdict": self.code, "accepted": self.accepted, "uid": self.uid,
            "title": self.title_zh, "title_en": self.title_en,
            "reason": self.reason_zh, "reason_en": self.reason_en,
            "serial": c.serial_hex if c else None, "type": c.card_type if c else None,
            "type_label": CARD_TYPES[c.card_type] if c else None,
            "valid_from": c.valid_from.isoformat() if c else None,
            "valid_until": c.valid_until.isoformat() if c else None,
            "place": self.place, "holder": self.holder,
        }


def decide(state: CardState, today: dt.date, gate_list: GateList | None = None) -> Verdict:
    uid = state.uid_hex
    if state.keys == "foreign":
        return Verdict("forged", uid, "凭证扇区的密钥不是本小区为此卡生成的密钥：外来卡或复制卡",
                       "the credential sector does not open with this card's site keys: foreign or copied card")
    if state.keys == "transport":
        if state.has_magic:
            return Verdict("forged", uid, "卡上有本系统格式的凭证，却没有本小区的密钥：复制卡",
                           "a PropDesk credential guarded by transport keys: a copied card")
        return Verdict("unknown", uid, "空白卡或未发行的卡", "a blank or unissued card")
    credential = state.credential
    if credential is None:
        return Verdict("forged", uid, "凭证校验码不符：数据被改动，或从另一张卡复制而来",
                       "the credential's tag does not match: edited, or copied from another card")
    entry = gate_list.find(credential.serial) if gate_list is not None else None
    place, holder = (entry.get("place", ""), entry.get("holder", "")) if entry else ("", "")
    if entry is not None and entry["uid"] != uid:
        return Verdict("forged", uid, "名单中此凭证属于另一张卡", "the list gives this serial to another card",
                       credential)
    if entry is not None and entry["list"] == "black":
        return Verdict("blacklisted", uid, "此卡已挂失或注销，请收回并联系管理处",
                       "this card was reported lost or cancelled: keep it and call the office",
                       credential, place, holder)
    if today < credential.valid_from:
        return Verdict("not_yet_valid", uid, f"有效期自 {credential.valid_from} 起",
                       f"valid from {credential.valid_from}", credential, place, holder)
    if today > credential.valid_until:
        return Verdict("expired", uid, f"有效期至 {credential.valid_until}，请到管理处续期",
                       f"valid until {credential.valid_until}: renew at the office", credential, place, holder)
    if gate_list is not None and entry is None:
        return Verdict("unknown", uid, f"名单（版本 {gate_list.version}）中没有此卡：请导入最新名单",
                       f"not on the list (version {gate_list.version}): load the latest list", credential)
    return Verdict("valid", uid, f"有效期至 {credential.valid_until}", f"valid until {credential.valid_until}",
                   credential, place, holder)
