"""Times the desktop application on a big database against the targets of issue 3 (speed).

    python -m bench.ui [--records N] [--db PATH] [--unit CODE] [--cache-dir DIR] [--runs N]

Without `--db` it builds (once: ~45 s for a million) a demo database like bench.run's, for
province Quảng Ninh ("22": the own unit covers every record, as a commune's own database
does), keeps it in the cache folder and reuses it on later runs, brought to the current schema.
Then, offscreen, it prints one table:

1. start-up: from a process's start to its window shown (`run_app(DB, bench_exit="shown")`)
   against a process showing a bare QMainWindow the same way (median of `--runs` each; target:
   within 2×); then to its database open and first page built (`bench_exit="ready"`); and
   whether matplotlib or reportlab were imported;
2. open the sessions list (default: own unit, newest first): model, QTableView, first paint;
3. quick searches and filter changes from the default list, to the first paint (median); the
   exact count of a broad search or a code filter arrives later, from the background (shown);
4. scroll to the end: `scrollToBottom()` and an event loop turn while the model can fetch
   more, then the last row painted;
5. peak memory (ru_maxrss, RUSAGE_CHILDREN) of a process doing 1, 2, 4 and 3 in turn.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("matplotlib", "reportlab")
SEARCHES = ("nguyen", "hoi phu")


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "antq-bench"


def cached_database(records: int, unit: str, folder: Path) -> Path:
    """The demo database of `records` records for `unit`, built once into `folder` (under a
    temporary name, renamed when complete) and brought to the current schema when reused."""
    from db.migrate import upgrade
    from desktop.services.demo import make_demo
    from desktop.services.installation import connect, initialise

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-ui-{unit}-{records}.sqlite3"
    if path.exists():
        database = connect(path)
        _before, _after, backup = upgrade(database.engine)
        _ensure_account(database)
        database.dispose()
        if backup is not None:
            backup.unlink()  # a cache, not the user's data
        return path
    partial = path.with_suffix(".partial")
    for old in folder.glob(partial.name + "*"):
        old.unlink()
    started = time.perf_counter()
    result = initialise(partial, unit)
    demo = make_demo(result.database, records=records)
    _ensure_account(result.database)
    result.database.dispose()
    partial.rename(path)
    print(f"built {path} ({demo.total:,} records) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _ensure_account(database: Any) -> None:
    """An administrator, so that the window opens on the database instead of the first-run wizard."""
    from db.engine import transaction
    from desktop.services.accounts import create_admin, has_users

    with transaction(database.sessions) as session:
        if not has_users(session):
            create_admin(session, "bench", "Bench", "bench-password", "bench-password")


def child_env(scratch: Path) -> dict[str, str]:
    """Offscreen, with the data and settings folders in a scratch folder (not the user's)."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANTQ_DATA_DIR": str(scratch / "data"),
            "XDG_CONFIG_HOME": str(scratch / "config")}


APP = """
import sys
from desktop.ui.app import run_app
run_app(sys.argv[1], bench_exit={until!r})
print("HEAVY " + ",".join(m for m in {heavy!r} if m in sys.modules))
"""
BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def leave():
    print(f"BENCH shown {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, leave)
app.exec()
"""
# Start-up, the list opened, scrolled to the end, then searched (counts awaited).
MEMORY = """
import resource, sys
from desktop.ui.app import run_app
run_app(sys.argv[1], bench_exit="ready")
from bench.ui import ListBench
bench = ListBench(sys.argv[1])
bench.open_list()
bench.scroll_to_end()
for typed in {searches!r}:
    bench.search(typed)
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_child(code: str, path: Path, env: dict[str, str]) -> tuple[float, str]:
    """Runs a child process; returns the seconds from its start to the moment it printed
    "BENCH <event> <time>" (or to its end, when it prints none) and its output. The moment is
    taken inside the child, so the time its exit takes (waiting for a worker still opening the
    database) is not counted as start-up."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True,
                          check=True, cwd=ROOT)
    ended = time.time()
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            ended = float(line.split()[2])
    return ended - started, done.stdout


def slowest_imports(path: Path, env: dict[str, str], count: int = 4) -> str:
    """The packages whose modules took longest to import at start-up (their own time, summed;
    from `-X importtime`)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", APP.format(heavy=HEAVY, until="shown"),
                            str(path)],
                          env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    totals: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.split("|")  # "import time: self [us] | cumulative | name"
        own = parts[0].removeprefix("import time:").strip()
        if len(parts) == 3 and own.isdigit():
            package = parts[2].strip().split(".")[0]
            totals[package] = totals.get(package, 0) + int(own)
    top = sorted(totals.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{name} {micros / 1000:.0f}" for name, micros in top) + " ms"


class ListBench:
    """The sessions list in a QTableView, driven as a user would, timed."""

    def __init__(self, path: str | Path) -> None:
        from PySide6.QtWidgets import QApplication
        from sqlalchemy import text

        from desktop.services.installation import open_database

        self.app = QApplication.instance() or QApplication([])
        self.database = open_database(path)
        with self.database.sessions() as session:
            self.own = int(session.execute(text("SELECT unit_id FROM installation")).scalar_one())
            # The commune with most records, for a list of part of the database.
            self.commune = int(session.execute(text(
                "SELECT unit_id FROM dissemination_session GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1"
            )).scalar_one())
        self.view: Any = None
        self.model: Any = None

    def query(self, **changes: Any) -> Any:
        from desktop.services.listing import ListQuery

        return ListQuery("sessions", **{"unit_id": self.own, **changes})

    def paint(self) -> None:
        """The pending layout and paint of the (offscreen, shown) view: what a user would see."""
        self.app.processEvents()

    def open_list(self, **changes: Any) -> float:
        """Seconds to build the model and the view and paint it for the first time."""
        from PySide6.QtWidgets import QTableView

        from desktop.ui.record_table import RecordTableModel

        self.close()
        started = time.perf_counter()
        self.model = RecordTableModel(self.database, self.query(**changes))
        self.view = QTableView()
        self.view.resize(1200, 800)
        self.view.setModel(self.model)
        self.view.show()
        self.paint()
        return time.perf_counter() - started

    def close(self) -> None:
        if self.view is not None:
            self.wait_for_count()
            self.view.close()
            self.view.deleteLater()
            self.model.deleteLater()
            self.app.processEvents()
            self.view = self.model = None

    def wait_for_count(self) -> None:
        """Until no count runs in the background, in an event loop (not a busy one)."""
        from PySide6.QtCore import QEventLoop, QTimer

        if self.model is None or not self.model.counting():
            return
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: None if self.model.counting() else loop.quit())
        timer.start(5)
        loop.exec()
        timer.stop()

    def change(self, **changes: Any) -> tuple[float, float]:
        """From the default list: seconds to the first paint of the changed list, and to its
        exact count."""
        self.wait_for_count()
        self.model.set_query(self.query())
        self.paint()
        self.wait_for_count()
        started = time.perf_counter()
        self.model.set_query(self.query(**changes))
        self.paint()
        shown = time.perf_counter() - started
        self.wait_for_count()
        return shown, time.perf_counter() - started

    def search(self, typed: str) -> tuple[float, float]:
        return self.change(search=typed)

    def scroll_to_end(self) -> float:
        """Seconds from the first page to the last row painted, as a QTableView fetches."""
        from PySide6.QtCore import QModelIndex

        started = time.perf_counter()
        while self.model.canFetchMore(QModelIndex()):
            self.view.scrollToBottom()
            self.app.processEvents()
        self.view.scrollToBottom()
        self.paint()
        return time.perf_counter() - started

    def sort_by(self, key: str) -> float:
        """Seconds to re-query in the order of a column (as a click on its header) and paint."""
        from PySide6.QtCore import Qt

        from desktop.services.listing import COLUMNS

        column = [k for k, _vi, _en in COLUMNS["sessions"]].index(key)
        started = time.perf_counter()
        self.model.sort(column, Qt.SortOrder.DescendingOrder)
        self.paint()
        return time.perf_counter() - started


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def repeat(runs: int, action: Callable[[], Any]) -> list[Any]:
    return [action() for _ in range(runs)]


def measure(path: Path, runs: int) -> list[tuple[str, str, str, str]]:
    """The table's rows: (measure, result, target, pass/fail or "")."""
    def verdict(ok: bool) -> str:
        return "pass" if ok else "FAIL"

    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="antq-bench-ui-") as scratch:
        env = child_env(Path(scratch))
        # First child: RUSAGE_CHILDREN is then its own peak.
        _seconds, out = run_child(MEMORY.format(searches=SEARCHES), path, env)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        own_mb = int(out.split("MAXRSS")[1]) / 1024
        bare = [run_child(BARE, path, env)[0] for _ in range(runs)]
        app: list[float] = []
        heavy = ""
        for _ in range(runs):
            seconds, out = run_child(APP.format(heavy=HEAVY, until="shown"), path, env)
            app.append(seconds)
            heavy = out.split("HEAVY", 1)[1].strip()
        ready = [run_child(APP.format(heavy=HEAVY, until="ready"), path, env)[0] for _ in range(runs)]
        imports = slowest_imports(path, env)
    rows.append(("start-up to window shown (median)", f"{median_ms(app):,.0f} ms",
                 f"≤ 2 × bare {median_ms(bare):,.0f} ms = {2 * median_ms(bare):,.0f} ms",
                 verdict(median_ms(app) <= 2 * median_ms(bare))))
    rows.append(("  then database open, sign-in asked (median)", f"{median_ms(ready):,.0f} ms", "", ""))
    rows.append(("  matplotlib / reportlab imported", heavy or "neither", "neither", verdict(not heavy)))
    rows.append(("  slowest imports", imports, "", ""))

    bench = ListBench(path)
    opened = repeat(runs, bench.open_list)
    rows.append(("open sessions list (first / median)", f"{opened[0] * 1000:,.0f} / {median_ms(opened):,.0f} ms",
                 "< 300 ms", verdict(median_ms(opened) < 300)))
    total = bench.model.total()
    counts: list[str] = []
    for typed in SEARCHES:
        shown, counted = zip(*repeat(runs, lambda typed=typed: bench.search(typed)), strict=True)
        rows.append((f'quick search "{typed}" ({bench.model.total():,} of {total:,})',
                     f"{median_ms(list(shown)):,.0f} ms", "< 100 ms", verdict(median_ms(list(shown)) < 100)))
        counts.append(f"{median_ms(list(counted)):,.0f}")
    year = dt.date.today().replace(month=1, day=1)
    for label, changes in (("kind = training", {"codes": {"kind": "training"}}),
                           ("topic = drugs", {"codes": {"topic": "drugs"}}),
                           (f"period from {year:%d/%m/%Y}", {"date_from": year})):
        shown, counted = zip(*repeat(runs, lambda changes=changes: bench.change(**changes)), strict=True)
        rows.append((f"filter {label} ({bench.model.total():,})", f"{median_ms(list(shown)):,.0f} ms", "< 100 ms",
                     verdict(median_ms(list(shown)) < 100)))
        counts.append(f"{median_ms(list(counted)):,.0f}")
    rows.append(("  exact count shown after (same order)", " / ".join(counts) + " ms", "", ""))
    scrolled = []
    for _ in range(max(3, runs // 2)):
        bench.open_list()
        scrolled.append(bench.scroll_to_end())
    rows.append((f"scroll to the end ({bench.model.rowCount():,} rows)", f"{median_ms(scrolled):,.0f} ms",
                 "< 500 ms", verdict(median_ms(scrolled) < 500)))
    rows.append(("peak memory: start-up, list, scroll, searches", f"{peak_mb:,.0f} MB (self {own_mb:,.0f})",
                 "< 400 MB", verdict(peak_mb < 400)))
    commune = repeat(runs, lambda: bench.open_list(unit_id=bench.commune))
    rows.append((f"  open one commune's list ({bench.model.total():,})", f"{median_ms(commune):,.0f} ms", "", ""))
    bench.open_list()
    sorted_ = [bench.sort_by("attendees") for _ in range(3)]
    rows.append(("  sort by attendees (column click)", f"{median_ms(sorted_):,.0f} ms", "", ""))
    bench.close()
    bench.database.dispose()
    return rows


def table(rows: list[tuple[str, str, str, str]]) -> str:
    rows = [("measure", "result", "target / baseline", "pass?"), *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ui", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="an existing database (default: the cached demo database)")
    parser.add_argument("--unit", default="22", help="own unit of a demo database built here (default 22)")
    parser.add_argument("--cache-dir", type=Path, default=cache_folder())
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (the median is shown)")
    args = parser.parse_args(argv)
    path = args.db or cached_database(args.records, args.unit, args.cache_dir)
    report = table(measure(path, args.runs))
    print(f"{path.name}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {dt.date.today():%Y-%m-%d}")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
