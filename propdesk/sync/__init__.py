"""Offline-first synchronisation of terminals with a central PostgreSQL (issue #7).

Every terminal works on its own SQLite database and never waits on the
network.  When the centre is reachable, ``sync`` pushes the terminal's
captured changes and then pulls what the others did.  No payment may be lost
or counted twice, and no two receipts may share a number.

Design
======

Capture (terminal, :mod:`~propdesk.sync.capture`)
    SQLite triggers on every Synced/AppendOnly table (discovered from the ORM,
    :mod:`~propdesk.sync.tables`) append each insert/update, as the whole new
    row in JSON, to ``sync_outbox`` in the same transaction as the change --
    bulk statements included.  The same trigger ticks the terminal's hybrid
    logical clock (HLC, :mod:`~propdesk.sync.hlc`) kept in ``sync_state``, so
    stamps are persisted with the data and never run backwards.  While a
    pulled page is applied, ``sync_state.applying`` is set and the triggers
    stay silent.  Money documents refuse UPDATE/DELETE in the database itself.

Push (terminal → centre, :mod:`~propdesk.sync.push`, :mod:`~propdesk.sync.central`)
    Outbox entries go in batches, oldest first.  Each entry carries a random
    ``change_id``; the centre stores it with the feed entry it produces
    (unique), so a batch repeated after a crash or a dropped connection
    changes nothing.  The terminal deletes entries only after the central
    transaction committed (at-least-once delivery, idempotent apply).

Merge (centre, :mod:`~propdesk.sync.merge`)
    Documents (AppendOnly) are inserted once; an edit or delete of one is
    refused, and the same id with a different content raises an alarm
    (``sync_alarm``) -- never an overwrite.  Master data (Synced) merges field
    by field: each field keeps a version (HLC, terminal, feed seq) in
    ``sync_version``; the later (HLC, terminal code) wins, a change that had
    seen the current value (its ``base`` cursor is past the value's seq) wins
    causally.  Every concurrent value that is overwritten goes to the conflict
    log ``sync_conflict`` for a 主管 to accept or re-apply
    (:mod:`~propdesk.sync.conflicts`).  Rules in :mod:`~propdesk.sync.rules`
    hold some changes for review instead (owner occupancy, card assignment):
    the first value stays until a 主管 decides.  A new row that clashes with
    a live row on a unique key (two owners of one room) is stored tombstoned
    and logged as a ``duplicate`` for review.

Feed and pull (centre → terminal, :mod:`~propdesk.sync.pull`)
    Every accepted change appends the row's merged state to ``sync_change``
    with a sequence number assigned under a transaction-scoped advisory lock
    that is held until commit: feed writers are serialised, so entries become
    visible strictly in seq order and a pull cursor (``seq > cursor``) can
    never skip a slower transaction that commits later -- the classic gap of
    PostgreSQL sequences, where nextval order is not commit order.  A page of
    entries and the new cursor are applied in one local transaction.  Fields
    with local changes still in the outbox keep their local value (the push
    will merge them).  Pulled HLCs advance the local clock (HLC receive rule),
    so a later local edit always outranks what this terminal has seen, and
    clocks hours apart still converge.  Each terminal pulls the rows of the
    estates it serves (``estate_id`` derived through foreign keys) plus
    company-wide rows.

Series (:mod:`~propdesk.sync.series`)
    Document numbers are per terminal series (``T01-2026-000123``); each sync
    exchanges the highest number of each series, the centre keeps the maximum
    and the terminal never issues at or below it, so a terminal restored from
    an old backup cannot reuse a number the centre has seen.

Versions (:mod:`~propdesk.sync.central` ``hello``)
    Every sync states the schema revisions and app version.  A terminal whose
    schema is older than the centre's refuses to pull (and to push master
    data) and says so, but still pushes money documents; a centre older than
    the terminal must be upgraded first.

One sync at a time (:mod:`~propdesk.sync.lock`)
    A sync holds an OS lock on ``<database>.sync-lock`` for its whole run; a
    second one on the same terminal (the GUI's background sync and a
    scheduled ``propdesk sync``) is skipped with a SyncError.  The page's
    cursor check stays as the last guard (a CursorMoved SyncError).  Which
    database failed decides the message: a busy or locked local SQLite (a
    bill run holding the write lock) is "本机数据库正忙", never the network.

Entry points: :func:`propdesk.sync.run.sync_now` (CLI ``propdesk sync``,
the UI's 立即同步 and background sync), :func:`propdesk.sync.central.register_terminal`
(``propdesk terminal register``), :func:`propdesk.sync.series.next_number`.
"""
