"""The navigator reads on the GUI thread without the write lock, so a long write
elsewhere (a bill run, a sync page) never freezes the tree."""

from __future__ import annotations

import threading

from propdesk.services import property as P
from ui.screens.navigator import NavigatorScreen


def test_expand_and_jump_while_another_connection_holds_the_write_lock(qtbot, ctx, demo, db, admin):
    with db.session(write=False) as s:
        room = P.room_by_code(s, admin, "JD-01-1-0502")
    nav = NavigatorScreen(ctx)
    qtbot.addWidget(nav)
    locked, release = threading.Event(), threading.Event()

    def long_writer():  # e.g. a bill run: the write lock held for a while
        with db.session() as s:
            P.update_room(s, admin, room.id, note="账单计算中")
            locked.set()
            release.wait(30)

    t = threading.Thread(target=long_writer)
    t.start()
    try:
        assert locked.wait(10)
        # Path query + lazy loads of each level.  Were these write sessions they would
        # wait out busy_timeout and then fail with "database is locked".
        assert nav.jump_to("room", room.id)
        assert nav.tree.currentIndex().data().startswith("0502")
        assert t.is_alive() and not release.is_set()   # the writer still holds the lock
    finally:
        release.set()
        t.join(10)
