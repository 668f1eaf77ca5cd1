"""One synchronisation run: check in, push everything, then pull everything.

Push before pull, so the centre merges this terminal's changes before it hands
back the result.  Each push batch and each pull page is its own transaction on
each side; a run can be killed at any point and the next run continues where
it stopped without losing or repeating anything.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Engine

from propdesk import __version__
from propdesk.clock import utcnow
from propdesk.db import Database, current_revisions
from propdesk.errors import PropDeskError
from propdesk.security import SYNC_RUN, Actor, require
from propdesk.sync import central, hlc, pull, push, series, settings, versions
from propdesk.sync import lock as sync_lock
from propdesk.sync.central import SyncError

log = logging.getLogger("propdesk.sync")

CLOCK_WARN_SECONDS = 300
Progress = Callable[[str, int], None]


@dataclass
class SyncResult:
    terminal: str = ""
    pushed: int = 0           # changes the centre took in this run
    repeated: int = 0         # sent again after an interrupted run; already there
    pulled: int = 0           # feed entries applied here
    conflicts: int = 0        # conflict-log entries this run's push created
    alarms: list[str] = field(default_factory=list)
    rejected: int = 0
    deferred: int = 0
    skipped: int = 0
    pull_refused: bool = False
    message: str = ""         # Chinese, for the user (version or clock problems)
    message_en: str = ""
    clock_note: str = ""      # the PC clock is far from the server's ('' when fine)
    clock_note_en: str = ""
    clock_skew_seconds: float = 0.0
    cursor: int = 0
    feed_head: int = 0
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None

    @property
    def clock_warning(self) -> bool:
        return abs(self.clock_skew_seconds) > CLOCK_WARN_SECONDS

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("started_at", "finished_at"):
            d[k] = d[k].isoformat(sep=" ", timespec="seconds") if d[k] else None
        d["clock_warning"] = self.clock_warning
        return d


def central_engine(url: str | URL, *, connect_timeout: int = 10, terminal: str = "") -> Engine:
    u = settings.connect_url(url)
    return create_engine(u, pool_pre_ping=True, connect_args={
        "connect_timeout": connect_timeout,
        "application_name": f"propdesk-sync {terminal}".strip()})


def clock_message(skew: float) -> tuple[str, str]:
    minutes = abs(skew) / 60
    ahead = "快" if skew < 0 else "慢"
    return (f"本机时钟比中心服务器{ahead}约 {minutes:.0f} 分钟，请校准电脑时间（同步仍可进行）",
            f"this PC's clock is about {minutes:.0f} min {'ahead of' if skew < 0 else 'behind'} "
            "the server; please correct it (sync still works)")


def _network_error(exc: Exception, url) -> SyncError:
    return SyncError(
        f"无法连接中心数据库 {settings.redact(url)}（连接失败或中断）：{getattr(exc, 'orig', exc)}。"
        "本机照常工作，网络恢复后会自动同步。",
        f"cannot reach the central database {settings.redact(url)}: "
        f"{getattr(exc, 'orig', exc)}. This terminal keeps working; it syncs when the "
        "network is back.")


def _local_busy(orig: sqlite3.OperationalError) -> bool:
    code = getattr(orig, "sqlite_errorcode", None)   # extended code: the low byte is the kind
    if code is not None:
        return (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(orig) or "busy" in str(orig)


def _local_error(orig: sqlite3.OperationalError) -> SyncError:
    if _local_busy(orig):
        return SyncError(
            "本机数据库正忙（可能正在计费或导入），稍后会自动重试，数据不会丢失。",
            "the local database is busy (a bill run or an import may be writing); the sync "
            "will try again later, nothing is lost.")
    return SyncError(f"本机数据库出错，同步未完成：{orig}",
                     f"the local database failed, the sync did not finish: {orig}")


def _classify(exc: Exception, url) -> SyncError:
    """The SyncError the user sees for a database error: which database raised decides.

    The terminal's own database is SQLite and the centre is PostgreSQL, so the
    driver's exception says which one failed.  A local "database is locked" (a
    bill run holding the write lock) is not the network: the terminal stays online.
    """
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.OperationalError):
        return _local_error(orig)
    if isinstance(exc, (sa_exc.OperationalError, psycopg.OperationalError)):
        # (the central side works on the driver's connection, so its errors can come
        # unwrapped by SQLAlchemy)
        return _network_error(exc, url)
    return SyncError(f"同步失败：{orig}", f"sync failed: {orig}")


def _record_error(db: Database, err: PropDeskError) -> None:
    """Keep the error for the status bar and ``sync status``.  When the local database is
    still busy this write fails too; the error is then only raised (and logged)."""
    try:
        settings.write(db, {settings.LAST_ERROR: str(err)})
    except (sa_exc.OperationalError, sqlite3.OperationalError) as exc:
        log.warning("sync error not recorded (%s): %s", getattr(exc, "orig", exc), err)


def sync_now(db: Database, actor: Actor, central_url: str | None = None, *,
             push_batch: int = 500, pull_page: int = 2000, connect_timeout: int = 10,
             progress: Progress | None = None, max_push_batches: int | None = None,
             max_pull_pages: int | None = None) -> SyncResult:
    """Synchronise this terminal with the centre; returns what happened.

    ``max_push_batches``/``max_pull_pages`` stop early (a partial sync, as when
    the network goes away half-way; tests use them).
    """
    require(actor, SYNC_RUN)
    url = central_url or settings.central_url(db)
    if not url:
        raise SyncError("尚未设置中心数据库，请先运行 propdesk terminal register --central URL",
                        "no central database configured; run propdesk terminal register first")
    terminal = db.terminal
    result = SyncResult(terminal=terminal, started_at=utcnow())
    report = progress or (lambda stage, n: None)
    engine = central_engine(url, connect_timeout=connect_timeout, terminal=terminal)
    try:
        with sync_lock.hold(db):   # a second sync on this terminal is skipped
            _run(db, engine, terminal, result, push_batch, pull_page, report,
                 max_push_batches, max_pull_pages)
            result.finished_at = utcnow()
            settings.write(db, {settings.LAST_OK: result.finished_at.isoformat(sep=" "),
                                settings.LAST_RESULT: result.as_dict(),
                                settings.LAST_ERROR: ""})
    except (sa_exc.DBAPIError, psycopg.Error, sqlite3.Error) as exc:
        err = _classify(exc, url)
        _record_error(db, err)
        raise err from None
    except PropDeskError as exc:
        _record_error(db, exc)
        raise
    finally:
        engine.dispose()
    return result


def _run(db: Database, engine: Engine, terminal: str, result: SyncResult, push_batch: int,
         pull_page: int, report: Progress, max_push_batches: int | None,
         max_pull_pages: int | None) -> None:
    install = settings.install_id(db)
    local_revs = sorted(current_revisions(db.engine))
    with db.engine.connect() as c:
        highs = series.local_highs(c)

    t0 = time.time()
    with engine.begin() as conn:
        hi = central.hello(conn, terminal, install, app_version=__version__,
                           revisions=local_revs, series=highs)
    t1 = time.time()
    local_mid = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=(t0 + t1) / 2)
    result.clock_skew_seconds = round((hi.server_time - local_mid).total_seconds(), 1)
    result.feed_head = hi.feed_head
    with db.writer.begin() as c:
        series.raise_floors(c, hi.series)
        # A PC clock that is behind the server's is pulled forward (HLC receive rule).
        hlc.observe_local(c, hlc.from_datetime(hi.server_time))
    if result.clock_warning:
        result.clock_note, result.clock_note_en = clock_message(result.clock_skew_seconds)
        result.message, result.message_en = result.clock_note, result.clock_note_en

    compat = versions.compare(local_revs, hi.revisions, __version__)
    if not compat.can_push_docs:
        raise SyncError(compat.zh, compat.en)
    if not compat.can_pull:
        result.pull_refused = True
        result.message = "；".join(m for m in (compat.zh, result.message) if m)
        result.message_en = "; ".join(m for m in (compat.en, result.message_en) if m)

    # push: oldest first, batch by batch
    after = 0
    batches = 0
    while max_push_batches is None or batches < max_push_batches:
        batches += 1
        changes = push.read_outbox(db, terminal, after=after, limit=push_batch,
                                   docs_only=not compat.can_push_rows)
        if not changes:
            break
        with engine.begin() as conn:
            out = central.apply_batch(conn, terminal, changes, docs_only=not compat.can_push_rows)
        push.acknowledge(db, out.accepted, out.rejected)
        result.pushed += len(out.accepted) - out.repeated
        result.repeated += out.repeated
        result.rejected += len(out.rejected)
        result.deferred += len(out.deferred)
        result.conflicts += out.conflicts
        result.alarms.extend(out.alarms)
        after = changes[-1].seq
        report("push", result.pushed)
    if not compat.can_pull:
        return

    # pull: page by page, each page with its cursor
    pull.retry_skipped(db)
    codes = ",".join(hi.estate_codes)
    if settings.read(db, settings.SERVED_ESTATES) != codes:
        # The estates served changed: fetch the whole feed again for the new scope
        # (applying an entry twice is harmless).
        with db.writer.begin() as c:
            c.execute(text("UPDATE sync_state SET pull_cursor = 0 WHERE id = 1"))
        settings.write(db, {settings.SERVED_ESTATES: codes})
    pages = 0
    while max_pull_pages is None or pages < max_pull_pages:
        pages += 1
        with db.engine.connect() as c:
            cursor = c.execute(text("SELECT pull_cursor FROM sync_state WHERE id = 1")).scalar_one()
        with engine.connect() as conn:
            entries = central.read_page(conn, cursor, hi.estates, pull_page)
            conn.rollback()
        if not entries:
            break
        page = pull.apply_page(db, entries, expect_cursor=cursor, new_cursor=entries[-1].seq)
        result.pulled += page.applied
        result.skipped += page.skipped
        result.cursor = entries[-1].seq
        report("pull", result.pulled)
        if len(entries) < pull_page:
            break
    if result.skipped:
        # an entry of an earlier page may be unblocked by a later page
        applied, result.skipped = pull.retry_skipped(db)
        result.pulled += applied
    with db.engine.connect() as c:
        result.cursor = c.execute(text("SELECT pull_cursor FROM sync_state")).scalar_one()


def status(db: Database) -> dict:
    """What the status bar shows: pending changes, last success, last error."""
    st = push.stats(db)
    return {
        "pending": st.pending, "pending_documents": st.documents, "rejected": st.rejected,
        "skipped": st.skipped, "central": settings.redact(settings.central_url(db) or "") if
        settings.central_url(db) else "",
        "last_ok_at": settings.read(db, settings.LAST_OK),
        "last_error": settings.read(db, settings.LAST_ERROR),
        "last_result": settings.read_json(db, settings.LAST_RESULT),
    }


def register_terminal(db: Database, actor: Actor, central_url: str, code: str | None = None, *,
                      estates: tuple[str, ...] = (), name: str = "", password: str | None = None,
                      force: bool = False, connect_timeout: int = 10) -> dict:
    """Register this installation with the centre under ``code`` and remember the centre.

    The code is unique company-wide; receipt numbers and conflict tie-breaks rely
    on it.  Without ``code`` the centre issues the next free one (T01, T02 …).  ``estates`` are the codes of the estates this terminal serves (empty:
    all); the first sync then pulls just those, plus company-wide data.
    """
    from propdesk.db import write_setting
    from propdesk.security import DEVICE_CONFIG

    require(actor, DEVICE_CONFIG)
    url = settings.normalise(central_url)
    if password:
        url = url.set(password=password)
    install = settings.install_id(db)
    engine = central_engine(url, connect_timeout=connect_timeout)
    try:
        with engine.begin() as conn:
            info = central.register_terminal(conn, code, install, name=name, estates=estates,
                                             force=force)
    except sa_exc.ProgrammingError as exc:
        raise SyncError(
            "中心数据库尚未建立结构，请先运行：propdesk db upgrade --db <中心数据库URL>",
            f"the central database has no PropDesk schema; run propdesk db upgrade --db "
            f"<central URL> first ({getattr(exc, 'orig', exc)})") from None
    except sa_exc.OperationalError as exc:
        raise _network_error(exc, url) from None
    finally:
        engine.dispose()
    saved = settings.save_central(db, url.render_as_string(hide_password=False))
    with db.session() as s:
        write_setting(s, "terminal_code", info["code"])
    db._terminal = info["code"]
    info["central"] = saved.render_as_string(hide_password=True)
    return info


def background_actor(terminal: str) -> Actor:
    """Who a scheduled sync runs as: the terminal itself, allowed to sync and nothing else
    (a sync must run whoever is logged in, e.g. an engineer without SYNC_RUN)."""
    return Actor(f"sync:{terminal}", "system", display_name=f"自动同步 {terminal}",
                 permissions=frozenset({SYNC_RUN}))
