"""Times the demo data generator against the physical floor, then the stats over the result.

    python -m bench.run [--records N] [--out-dir DIR] [--unit CODE]

1. a fresh SQLite database, initialised for a unit (province Quảng Ninh "22" by default, so that
   the demo spreads over its communes);
2. `make_demo(records=N)`: N records in one transaction;
3. the floor: N rows of the same shape (sessions copied from step 2) written by plain
   `sqlite3.executemany` into a table with the same columns and no index, trigger or constraint,
   under the same PRAGMAs (WAL, synchronous=FULL), in one transaction;
4. `compute_stats` over the whole database (no unit, no period).
"""
from __future__ import annotations

import argparse
import itertools
import sqlite3
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


def floor(path: Path, source: Path, rows: int) -> float:
    """Seconds for plain executemany of `rows` session-shaped rows, commit included."""
    src = sqlite3.connect(source)
    columns = [c[1] for c in src.execute("PRAGMA table_info(dissemination_session)")]
    sample = src.execute("SELECT * FROM dissemination_session LIMIT 10000").fetchall()
    src.close()
    data = [(i, *row[1:]) for i, row in zip(range(1, rows + 1), itertools.cycle(sample))]
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute(f"CREATE TABLE plain ({', '.join(columns)})")
    marks = ", ".join("?" * len(columns))
    started = time.perf_counter()
    con.execute("BEGIN")
    con.executemany(f"INSERT INTO plain VALUES ({marks})", data)
    con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def stats_seconds(database: Any) -> float | None:
    try:
        from desktop.services.stats import compute_stats
    except ImportError:
        return None
    with database.sessions() as session:
        seconds, _ = timed(lambda: compute_stats(session, unit_code=None, date_from=None, date_to=None))
    return seconds


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
        floor_s = floor(plain, path, demo.total)
        stats_s = stats_seconds(database)
        database.dispose()
        size_mb = sum(p.stat().st_size for p in folder.glob("bench-demo.sqlite3*")) / 1e6

        table = [
            ("measurement", "result", "baseline/goal"),
            (f"initialise ({args.unit})", f"{init_s:.1f} s", ""),
            (f"demo: {demo.total:,} records", rate(demo.total, demo.seconds), "goal < 60 s"),
            (f"  + {demo.links:,} link rows, {demo.organisations} organisations", "", ""),
            (f"floor: plain executemany, {demo.total:,} rows", rate(demo.total, floor_s), "baseline"),
            ("demo / floor", f"{demo.seconds / floor_s:.1f}×", ""),
            ("stats, whole database", "n/a" if stats_s is None else f"{stats_s:.2f} s", ""),
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
