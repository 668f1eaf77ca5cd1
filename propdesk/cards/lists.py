"""Whitelist and blacklist documents for gate controllers (门禁白名单/黑名单).

A document is a full list or the changes since an earlier version.  Entries::

    {"list": "white" | "black" | "none", "serial": "0123456789ABCDEF", "uid": "A1B2C3D4",
     "type": "resident", "from": "2025-01-01", "until": "2025-12-31",
     "place": "JD-01-1-0502", "holder": "张*丰"}

``none`` appears only in incremental documents and removes the serial from
both lists.  Holder names are masked (张*丰): a gate needs to tell a guard
whose card it is, not to hold the residents' full names.

Integrity and authenticity:

* ``checksum`` — SHA-256 (hex) of the entries in this file: for JSON of their
  canonical JSON (UTF-8, sorted keys, no spaces); for CSV of the data lines
  exactly as they are in the file (header row included, LF line ends);
* ``state_checksum`` — SHA-256 of the canonical JSON of the FULL lists at this
  version (sorted by list, then serial), the same in a full and in an
  incremental document: a controller that applied an increment checks it
  arrived at exactly this state;
* ``signature`` — HMAC-SHA256 with a key derived from the site MAC key over
  the canonical JSON of the whole document without the signature (see
  :mod:`.crypto`): controllers that hold the site secrets refuse a list
  anyone else edited.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any, Final, Iterable

from propdesk.cards import crypto
from propdesk.cards.credential import parse_serial, serial_text
from propdesk.errors import PropDeskError

FORMAT: Final = "propdesk-gate-list"
FORMAT_VERSION: Final = 1
CSV_COLUMNS: Final = ("list", "serial", "uid", "type", "from", "until", "place", "holder")
LISTS: Final = ("white", "black")


class GateListError(PropDeskError):
    exit_code = 10


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mask_name(name: str) -> str:
    """张三丰 → 张*丰, 张三 → 张*, 王 → 王; Latin names keep their first letter."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def entry(list_kind: str, serial: int, uid: str, card_type: str = "", valid_from: dt.date | None = None,
          valid_until: dt.date | None = None, place: str = "", holder: str = "") -> dict[str, str]:
    """One list entry as it appears in documents (``none`` entries carry only serial and uid)."""
    if list_kind == "none":
        return {"list": "none", "serial": serial_text(serial), "uid": uid}
    return {"list": list_kind, "serial": serial_text(serial), "uid": uid, "type": card_type,
            "from": valid_from.isoformat() if valid_from else "",
            "until": valid_until.isoformat() if valid_until else "",
            "place": place, "holder": mask_name(holder)}


def sort_entries(entries: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    order = {"white": 0, "black": 1, "none": 2}
    return sorted(entries, key=lambda e: (order[e["list"]], e["serial"]))


def state_checksum(state: dict[str, dict[str, str]]) -> str:
    """Checksum of a full state given as serial → entry (white/black entries only)."""
    return sha256(canonical(sort_entries(state.values())))


@dataclass
class GateList:
    """The lists a gate holds: serial → entry, with the version they are at."""

    version: int = 0
    site: str = ""
    as_of: str = ""
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    def find(self, serial: int) -> dict[str, str] | None:
        return self.entries.get(serial_text(serial))

    def counts(self) -> tuple[int, int]:
        white = sum(1 for e in self.entries.values() if e["list"] == "white")
        return white, len(self.entries) - white

    @property
    def checksum(self) -> str:
        return state_checksum(self.entries)

    def apply(self, document: dict[str, Any]) -> None:
        """Apply a checked full or incremental document (see :func:`load`)."""
        if document["kind"] == "full":
            self.entries = {}
        elif document["since"] != self.version:
            raise GateListError(
                f"增量名单基于版本 {document['since']}，而当前名单是版本 {self.version}：请先导入中间的增量，或导入完整名单",
                f"this increment starts at version {document['since']} but the gate holds version {self.version}: "
                "load the increments in between, or a full list",
            )
        for e in document["entries"]:
            if e["list"] == "none":
                self.entries.pop(e["serial"], None)
            else:
                self.entries[e["serial"]] = e
        if self.checksum != document["state_checksum"]:
            raise GateListError("应用名单后校验和不符：名单不完整或顺序错误，请导入完整名单",
                                "state checksum mismatch after applying the list: load a full list")
        self.version, self.site, self.as_of = document["version"], document["site"], document["as_of"]


def build_document(*, site: str, version: int, kind: str, since: int | None, as_of: dt.date,
                   entries: list[dict[str, str]], state: dict[str, dict[str, str]],
                   mac_key: bytes | None) -> dict[str, Any]:
    entries = sort_entries(entries)
    white = sum(1 for e in state.values() if e["list"] == "white")
    document: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "site": site,
        "version": version, "kind": kind, "since": since, "as_of": as_of.isoformat(),
        "white_count": white, "black_count": len(state) - white,
        "entries": entries, "checksum": sha256(canonical(entries)),
        "state_checksum": state_checksum(state),
    }
    if mac_key is not None:
        document["signature"] = crypto.sign_document(mac_key, canonical(document))
    return document


def to_json(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _csv_data(entries: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([e.get(c, "") for c in CSV_COLUMNS])
    return buf.getvalue().encode("utf-8")


_CSV_META: Final = ("site", "version", "kind", "since", "as_of", "white_count", "black_count",
                    "checksum", "state_checksum", "signature")


def to_csv(document: dict[str, Any]) -> bytes:
    """The same document as CSV: ``# key=value`` lines, then the data lines.

    ``checksum`` here is the SHA-256 of the data lines (from the header row on)
    as written; the signature is the JSON document's (same content).
    """
    data = _csv_data(document["entries"])
    meta = dict(document, checksum=sha256(data))
    head = [f"# {FORMAT} {FORMAT_VERSION}"] + [
        f"# {k}={'' if meta.get(k) is None else meta.get(k)}" for k in _CSV_META if k in meta]
    return ("\n".join(head) + "\n").encode("utf-8") + data


def _bad(zh: str, en: str) -> GateListError:
    return GateListError(f"名单文件无效：{zh}", f"invalid gate list file: {en}")


def _parse_csv(data: bytes) -> dict[str, Any]:
    text = data.decode("utf-8")
    lines = text.split("\n")
    meta: dict[str, str] = {}
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        key, sep, value = lines[n][1:].strip().partition("=")
        if sep:
            meta[key] = value
        n += 1
    body = "\n".join(lines[n:]).encode("utf-8")
    if sha256(body) != meta.get("checksum"):
        raise _bad("数据校验和不符（文件被改动或不完整）", "checksum mismatch (altered or truncated)")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    entries = [{k: v for k, v in row.items() if not (row["list"] == "none" and k not in ("list", "serial", "uid"))}
               for row in rows]
    document: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "site": meta.get("site", ""),
        "version": int(meta["version"]), "kind": meta["kind"],
        "since": int(meta["since"]) if meta.get("since") else None, "as_of": meta["as_of"],
        "white_count": int(meta["white_count"]), "black_count": int(meta["black_count"]),
        "entries": entries, "checksum": sha256(canonical(entries)), "state_checksum": meta["state_checksum"],
    }
    if meta.get("signature"):
        document["signature"] = meta["signature"]
    return document


def load(data: bytes, *, mac_key: bytes | None = None, site: str | None = None) -> dict[str, Any]:
    """Parse and check a JSON or CSV document; with ``mac_key`` the signature is required."""
    try:
        if data.lstrip().startswith(b"{"):
            document = json.loads(data.decode("utf-8"))
            if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
                raise _bad("格式不是 PropDesk 门禁名单", "not a PropDesk gate list")
            if sha256(canonical(document["entries"])) != document["checksum"]:
                raise _bad("数据校验和不符（文件被改动或不完整）", "checksum mismatch (altered or truncated)")
        else:
            document = _parse_csv(data)
        for e in document["entries"]:
            if e["list"] not in ("white", "black", "none"):
                raise _bad(f"未知名单类型 {e['list']}", f"unknown list {e['list']}")
            parse_serial(e["serial"])
    except GateListError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _bad(f"无法解析（{type(exc).__name__}）", f"cannot parse it ({type(exc).__name__})") from None
    if site is not None and document["site"] != site:
        raise _bad(f"名单属于另一套密钥（指纹 {document['site']}，本机 {site}）",
                   f"the list belongs to other site secrets ({document['site']}, here {site})")
    if mac_key is not None:
        signature = document.get("signature", "")
        unsigned = {k: v for k, v in document.items() if k != "signature"}
        if not signature or not crypto.signature_ok(mac_key, canonical(unsigned), signature):
            raise _bad("签名不符：名单不是本小区系统导出的，或已被改动",
                       "bad signature: not exported by this site, or altered")
    return document


def load_chain(files: list[bytes], **checks: Any) -> GateList:
    """A full list followed by increments, applied in order."""
    gate = GateList()
    for data in files:
        gate.apply(load(data, **checks))
    return gate
