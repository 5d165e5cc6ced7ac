"""Times the demo data generator against the physical floor, then the stats over the result.

    python -m bench.run [--records N] [--out-dir DIR] [--unit CODE]

1. a fresh SQLite database, initialised for a unit (province Quảng Ninh "22" by default, so that
   the demo spreads over its communes);
2. `make_demo(records=N)`: N records in one transaction;
3. the floor: the very rows step 2 wrote (records, links, organisations), written again by plain
   `sqlite3.executemany` into tables with the same columns and no index, trigger or constraint,
   under the same PRAGMAs (WAL, synchronous=FULL), in one transaction;
4. `compute_stats` (best of three) over the whole database, over the unit for the last five
   whole years, and over one commune for this year; then the whole `antq stats --json` command
   over the whole database, process start-up and imports included.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.services.demo import make_demo
from desktop.services.installation import initialise


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


# What the demo writes: every record table and its link tables (not the unit lists).
WRITTEN_TABLES = ("dissemination_session", "session_organiser", "session_topic", "security_model",
                  "typical_recognition", "information_source", "uncovered_case", "case_source",
                  "commendation_decision", "commendation_recipient", "organisation")


def floor(path: Path, source: Path) -> tuple[float, int]:
    """Seconds for plain `executemany` of exactly the rows the demo wrote (read back from its
    database), into tables of the same columns with no index, trigger or constraint, under the
    same PRAGMAs (WAL, synchronous=FULL), in one transaction; and how many rows that was."""
    src = sqlite3.connect(source)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    seconds, count = 0.0, 0
    con.execute("BEGIN")
    for table in WRITTEN_TABLES:
        columns = [c[1] for c in src.execute(f"PRAGMA table_info({table})")]
        rows = src.execute(f"SELECT * FROM {table}").fetchall()
        con.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
        marks = ", ".join("?" * len(columns))
        started = time.perf_counter()
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        seconds += time.perf_counter() - started
        count += len(rows)
        del rows
    started = time.perf_counter()
    con.execute("COMMIT")
    seconds += time.perf_counter() - started
    src.close()
    con.close()
    return seconds, count


def stats_seconds(database: Any, unit: str | None, start: dt.date | None, end: dt.date | None) -> float:
    """The best of three runs of `compute_stats` (the first also warms the page cache)."""
    from desktop.services.stats import compute_stats

    best = float("inf")
    for _ in range(3):
        seconds, _ = timed(lambda: compute_stats(database, unit_code=unit, date_from=start, date_to=end))
        best = min(best, seconds)
    return best


def command_seconds(path: Path) -> float:
    """Best of three wall times of the whole `antq stats --json` process, start-up included."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), "stats", "--json"],
                       check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def rate(count: int, seconds: float) -> str:
    return f"{seconds:.1f} s ({count / seconds:,.0f} records/s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--out-dir", type=Path, help="keep the databases here (default: a temporary folder)")
    parser.add_argument("--unit", default="22", help="own unit of the demo database (default 22, Quảng Ninh)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="antq-bench-") as scratch:
        folder = args.out_dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "bench-demo.sqlite3"
        plain = folder / "bench-floor.sqlite3"
        for old in folder.glob("bench-*.sqlite3*"):
            old.unlink()

        init_s, result = timed(lambda: initialise(path, args.unit))
        database = result.database
        demo = make_demo(database, records=args.records)
        floor_s, floor_rows = floor(plain, path)
        today = dt.date.today()
        five_years = (dt.date(today.year - 5, 1, 1), dt.date(today.year - 1, 12, 31))
        stats_rows = [
            ("stats, whole database", stats_seconds(database, None, None, None)),
            (f"stats, unit {args.unit}, {five_years[0].year}–{five_years[1].year}",
             stats_seconds(database, args.unit, *five_years)),
            (f"stats, commune {demo.units[0]}, this year",
             stats_seconds(database, demo.units[0], dt.date(today.year, 1, 1), today)),
        ]
        database.dispose()
        stats_rows.append(("`antq stats --json`, whole process", command_seconds(path)))
        size_mb = sum(p.stat().st_size for p in folder.glob("bench-demo.sqlite3*")) / 1e6

        table = [
            ("measurement", "result", "baseline/goal"),
            (f"initialise ({args.unit})", f"{init_s:.1f} s", ""),
            (f"demo: {demo.total:,} records", rate(demo.total, demo.seconds), "goal < 60 s"),
            (f"  (+ {demo.links:,} link rows, {demo.organisations} organisations)", "", ""),
            (f"floor: plain executemany of the same {floor_rows:,} rows", f"{floor_s:.1f} s",
             f"{floor_rows / floor_s:,.0f} rows/s"),
            ("demo / floor", f"{demo.seconds / floor_s:.1f}×", ""),
            *((name, f"{seconds:.2f} s", "goal < 1 s") for name, seconds in stats_rows),
            ("database size", f"{size_mb:,.0f} MB", ""),
        ]
        widths = [max(len(row[i]) for row in table) for i in range(3)]
        lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table]
        lines.insert(1, "-+-".join("-" * w for w in widths))
        report = "\n".join(lines)
        print(report)
        if args.out_dir:
            (folder / "bench.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
