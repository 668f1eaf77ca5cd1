"""How fast the desktop UI is on a 100,000-room company.

    python bench/bench_ui.py [--rooms 100000] [--rounds 7]

Builds the demo database once into bench/out/ (reused afterwards), then prints:

* launch: process start -> logged-in main window shown and idle (a fresh
  interpreter, as an operator starts it), next to a bare PySide6 window
  started the same way (the floor no PropDesk code can go under);
* tree: expanding a building and a unit in the navigator (model + view),
  next to the bare ``property.children`` query it wraps;
* search: the navigator search, answered and shown, for each kind of query,
  next to the bare ``search.search`` service call;
* peak memory (ru_maxrss) of the launched window and of this process.

Targets on the 2-core office PC: window < 2 s, expand and search < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = ROOT / "bench" / "out"
PASSWORD = "bench-pw1"


def db_path(rooms: int) -> Path:
    return OUT / f"ui_{rooms}.sqlite3"


def peak_rss_mb() -> float:
    """This process's peak resident memory.  VmHWM is per address space, so unlike
    ru_maxrss it does not inherit the parent's peak across fork+exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def ensure_db(rooms: int) -> Path:
    path = db_path(rooms)
    if path.exists():
        return path
    from propdesk.db import Database
    from propdesk.demo import build_demo
    from propdesk.security import system_actor
    from propdesk.services.operators import add_operator

    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    print(f"building the {rooms}-room demo database (once) …", flush=True)
    t = time.perf_counter()
    db = Database(str(tmp), terminal="T01")
    db.upgrade()
    with db.session() as s:
        build_demo(s, system_actor(), rooms=rooms)
        add_operator(s, system_actor(), "bench", role="frontdesk", password=PASSWORD,
                     display_name="测试前台")
    db.dispose()
    tmp.rename(path)
    print(f"  built in {time.perf_counter() - t:.1f} s", flush=True)
    return path


# --- child processes: one launch each -------------------------------------------

def child_window(db: str, t_spawn: float) -> None:
    """Launch as the app does, log in programmatically, show the main window."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.app import make_app, open_context
    from ui.context import Settings
    from ui.i18n import set_language

    app = make_app()
    t_app = time.time()
    set_language("zh")
    settings = Settings(QSettings(str(OUT / "bench_settings.ini"), QSettings.Format.IniFormat))
    ctx = open_context(db, settings)
    from propdesk.services.operators import login
    from ui.main_window import MainWindow

    with ctx.db.session() as s:
        ctx.actor = login(s, "bench", PASSWORD)
    win = MainWindow(ctx)
    win.resize(1366, 768)
    win.show()
    while not ctx.tasks.is_idle():
        app.processEvents()
    app.processEvents()
    nav = win.current_screen()
    done = time.time()
    assert nav is not None and nav.model.loaded["room"] == 0
    print(json.dumps({"from_spawn": done - t_spawn, "from_qapplication": done - t_app,
                      "cpu": cpu_seconds(), "peak_mb": peak_rss_mb()}))
    ctx.tasks.shutdown()
    QApplication.instance().quit()


def child_bare(t_spawn: float) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    w = QMainWindow()
    w.setCentralWidget(QLabel("PropDesk"))
    w.resize(1366, 768)
    w.show()
    app.processEvents()
    print(json.dumps({"from_spawn": time.time() - t_spawn, "cpu": cpu_seconds(),
                      "peak_mb": peak_rss_mb()}))


def run_child(args: list[str]) -> dict:
    t = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", *args, "--spawn", repr(t)],
                         capture_output=True, text=True, check=True, cwd=ROOT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- in-process measurements --------------------------------------------------------

def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def bench_inprocess(db_file: Path, rounds: int) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from propdesk.db import Database
    from propdesk.models import Building, Customer, Estate, Occupancy, Room, Vehicle
    from propdesk.security import Actor
    from propdesk.services import property as P
    from propdesk.services.search import search
    from ui.app import make_app
    from ui.context import AppContext, Settings
    from ui.screens.navigator import NavigatorScreen
    from ui.tasks import TaskRunner

    app = make_app()
    db = Database(str(db_file))
    ctx = AppContext(db=db, tasks=TaskRunner(db),
                     settings=Settings(QSettings(str(OUT / "bench_settings.ini"),
                                                 QSettings.Format.IniFormat)),
                     actor=Actor.for_role("bench", "frontdesk"))
    nav = NavigatorScreen(ctx)
    nav.resize(1366, 768)
    nav.show()
    app.processEvents()
    m, tree = nav.model, nav.tree

    # pick buildings spread over the estates; each is expanded once (cold)
    with db.session() as s:
        estates = list(s.execute(select(Estate.id, Estate.name, Estate.code).order_by(Estate.code)))
        buildings = list(s.execute(select(Building.id, Building.estate_id, Building.name)
                                   .order_by(Building.estate_id, Building.sort_key)))
    picks = [buildings[i * len(buildings) // rounds] for i in range(rounds)]

    def index_of(kind, node_id):
        with db.session() as s:
            return m.index_for_path(P.path_to(s, kind, node_id))

    building_ui, unit_ui, building_raw, unit_raw, rooms_per_unit = [], [], [], [], []
    for bid, eid, bname in picks:
        idx = index_of("estate", eid)
        tree.expand(idx)
        b = m.find_loaded("building", bid)
        t = time.perf_counter()
        tree.expand(b)           # the view asks the model: canFetchMore -> fetchMore
        app.processEvents()
        building_ui.append(time.perf_counter() - t)
        u = m.index(0, 0, b)
        t = time.perf_counter()
        tree.expand(u)
        app.processEvents()
        unit_ui.append(time.perf_counter() - t)
        rooms_per_unit.append(m.rowCount(u))
        uid = u.data(Qt.ItemDataRole.UserRole + 11)
        with db.session() as s:
            t = time.perf_counter()
            P.children(s, "building", bid)
            building_raw.append(time.perf_counter() - t)
            t = time.perf_counter()
            P.children(s, "unit", uid)
            unit_raw.append(time.perf_counter() - t)
    print("\ntree (median of", rounds, "cold expansions; raw = the bare children() query)")
    for name, ui, raw in (("expand a building", building_ui, building_raw),
                          ("expand a unit", unit_ui, unit_raw)):
        med_ui, med_raw = statistics.median(ui), statistics.median(raw)
        print(f"  {name:18s} {ms(med_ui)}  (max {ms(max(ui))})   raw {ms(med_raw)}"
              f"   ratio {med_ui / med_raw:5.1f}x")
    print(f"  rooms per unit expanded: {sorted(set(rooms_per_unit))}; rooms loaded in all: "
          f"{m.loaded['room']}")

    # search: several kinds of query, each answered by the service and shown by the UI
    with db.session() as s:
        code = s.scalar(select(Room.code).order_by(Room.code).offset(77_777).limit(1))
        name, phone, id_no = s.execute(
            select(Customer.name, Customer.phone, Customer.id_number)
            .join(Occupancy, Occupancy.customer_id == Customer.id)
            .order_by(Customer.phone).offset(4321).limit(1)).one()
        plate = s.scalar(select(Vehicle.plate).order_by(Vehicle.plate).offset(999).limit(1))
        from propdesk.services.customers import name_initials
    queries = [("room code", code), ("code prefix", code[:7]), ("name", name),
               ("pinyin initials", name_initials(name)), ("phone", phone),
               ("ID last 6", id_no[-6:]), ("plate", plate), ("plate w/o province", plate[1:])]
    print("\nsearch (median of", rounds, "; service = search.search alone; UI = query typed, "
          "worker answer shown in the list)")
    for label, q in queries:
        svc, ui = [], []
        hits = 0
        for _ in range(rounds):
            with db.session() as s:
                t = time.perf_counter()
                hits = len(search(s, ctx.actor, q))
                svc.append(time.perf_counter() - t)
            nav.results.clear()
            nav.search_box.blockSignals(True)
            nav.search_box.setText(q)
            nav.search_box.blockSignals(False)
            t = time.perf_counter()
            nav.run_search()
            while not ctx.tasks.is_idle():
                app.processEvents()
            ui.append(time.perf_counter() - t)
        print(f"  {label:19s} {q!r:22s} {hits:3d} hits   service {ms(statistics.median(svc))}"
              f"   UI {ms(statistics.median(ui))}  (max {ms(max(ui))})")

    # jump: search result -> path expanded, room selected and its detail requested
    with db.session() as s:
        far = s.scalar(select(Room.id).order_by(Room.code.desc()).limit(1))
    t = time.perf_counter()
    nav.jump_to("room", far)
    app.processEvents()
    print(f"\njump to a room in an unopened estate (path + select): {ms(time.perf_counter() - t)}")
    while not ctx.tasks.is_idle():
        app.processEvents()
    ctx.tasks.shutdown()
    print(f"peak memory of this process: {peak_rss_mb():.0f} MB")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--rooms", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--child", choices=["window", "bare", "inprocess"])
    p.add_argument("--db")
    p.add_argument("--spawn", type=float)
    args = p.parse_args()
    if args.child == "window":
        child_window(args.db, args.spawn)
        return 0
    if args.child == "bare":
        child_bare(args.spawn)
        return 0
    if args.child == "inprocess":
        bench_inprocess(Path(args.db), args.rounds)
        return 0
    db_file = ensure_db(args.rooms)
    print(f"database: {db_file} ({db_file.stat().st_size / 1e6:.0f} MB, {args.rooms} rooms)")
    launches = [run_child(["window", "--db", str(db_file)]) for _ in range(3)]
    bares = [run_child(["bare"]) for _ in range(3)]
    med = lambda rows, k: statistics.median(x[k] for x in rows)  # noqa: E731
    w, wq, wc = med(launches, "from_spawn"), med(launches, "from_qapplication"), med(launches, "cpu")
    b, bc = med(bares, "from_spawn"), med(bares, "cpu")
    print(f"\nmachine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall times stretch when the cores are shared; CPU time does not)")
    print("launch (median of 3 fresh processes)")
    print(f"  PropDesk: process start -> logged-in main window  {w:6.2f} s wall, {wc:5.2f} s CPU"
          f"   (from QApplication {wq:5.2f} s)")
    print(f"  bare PySide6 window, same way                     {b:6.2f} s wall, {bc:5.2f} s CPU"
          f"   ratio {w / b:4.1f}x wall, {wc / bc:4.1f}x CPU")
    print(f"  peak memory: PropDesk window {med(launches, 'peak_mb'):.0f} MB, "
          f"bare window {med(bares, 'peak_mb'):.0f} MB")
    out = subprocess.run([sys.executable, __file__, "--child", "inprocess", "--db", str(db_file),
                          "--rounds", str(args.rounds)], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    print(out.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
