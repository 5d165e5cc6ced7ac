"""Times the figures, the charts, the Overview page and the review report on a big database
against the targets of issue 7 (speed).

    python -m bench.report [--records N] [--db PATH] [--unit CODE] [--runs N]

Without `--db` it uses (building it once, ~45 s for a million) the cached demo database of
`bench.ui`: province Quảng Ninh ("22") with `--records` records. Everything is measured warm
(one run first, then the median of `--runs`), on the whole province over the five whole years
2021–2025 unless said otherwise, and printed as one table:

1. each chart (goal < 300 ms): its figures read from the database, then drawn (matplotlib,
   rendered to pixels as the page shows it); beside it, the bare SQL: the very statements its
   figures sent, captured, then run alone in the same process on a raw DB-API cursor and
   fetched, with no ORM and no Python layout;
2. the Overview page (goal < 1 s): offscreen, a period chosen in its filter until its cards and
   its eight charts' figures are on the page and the charts in view are painted;
3. the review report (goal < 5 s): the whole `antq report … --out FILE.pdf` process (start-up,
   imports, figures, charts, tables, writing), and the same as an .xlsx workbook.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FROM, TO = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
CHART_GOAL, PAGE_GOAL, REPORT_GOAL = 0.3, 1.0, 5.0


def median_of(runs: int, action: Callable[[], Any]) -> float:
    """The median time of `runs` runs of `action`, after one run that is not counted (warm)."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextmanager
def captured_sql(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """The statements (with their parameters) sent to the database while inside."""
    from sqlalchemy import event

    sent: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def bare_sql_seconds(engine: Any, statements: list[tuple[str, Any]], runs: int) -> float:
    """The statements run alone on a raw DB-API cursor, each fetched in full."""
    connection = engine.raw_connection()
    try:
        def run() -> None:
            cursor = connection.cursor()
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()
            cursor.close()

        return median_of(runs, run)
    finally:
        connection.close()


def chart_rows(database: Any, filters: Any, runs: int) -> list[tuple[str, str, str]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from desktop.services.charts import CHARTS, draw_chart
    from desktop.services.charts.style import chart_style
    from desktop.services.figures import resolve

    rows = []
    with database.sessions() as session:
        unit = resolve(session, filters).unit
        for name, spec in CHARTS.items():
            with captured_sql(database.engine) as sent:
                figures = spec.compute(session, filters)
            read = median_of(runs, lambda spec=spec: spec.compute(session, filters))

            def draw(name: str = name, figures: Any = figures) -> None:
                canvas = FigureCanvasAgg(draw_chart(name, figures, "vi", filters=filters, unit=unit))
                with chart_style():  # as the window renders it
                    canvas.draw()

            drawn = median_of(runs, draw)
            bare = bare_sql_seconds(database.engine, sent, runs)
            total = read + drawn
            rows.append((f"chart {name}", f"{ms(total)} (figures {ms(read)} + drawing {ms(drawn)})",
                         f"bare SQL {ms(bare)} ({len(sent)} queries); goal < 300 ms {mark(total, CHART_GOAL)}"))
    return rows


def overview_rows(database: Any, runs: int) -> list[tuple[str, str, str]]:
    """The page offscreen: a period chosen, until cards and charts are on it and painted."""
    from PySide6.QtWidgets import QApplication

    from desktop.services import figures as F
    from desktop.ui.context import AppContext
    from desktop.ui.pages.overview import OverviewPage

    app = QApplication.instance() or QApplication([])
    page = OverviewPage(AppContext(database, "bench"))
    page.resize(1300, 900)
    page.show()

    def settle() -> None:
        while page.computing or page.last_overview is None or page.figures is None:
            app.processEvents()
            time.sleep(0.002)
        page.grab()  # paints what is in view, the charts at the top included

    settle()
    periods = [("five_years", {}), ("last_year", {}), ("range", {"date_from": FROM, "date_to": TO}),
               ("this_year", {})]
    rows = []
    for key, dates in periods:
        timings: list[float] = []
        for _ in range(runs + 1):  # the first one warms up
            page.set_period("this_year" if key != "this_year" else "last_year")
            settle()
            started = time.perf_counter()
            page.set_period(key, **dates)
            settle()
            timings.append(time.perf_counter() - started)
        seconds = statistics.median(timings[1:])
        filters = page.current_filters()
        alone = median_of(runs, lambda filters=filters: F.overview(database.sessions, filters))
        label = {"five_years": "5 năm gần đây", "last_year": "Năm trước", "range": "01/01/2021–31/12/2025",
                 "this_year": "Năm nay"}[key]
        rows.append((f"Overview page: period → {label}", f"{ms(seconds)}",
                     f"its charts' figures alone {ms(alone)}; goal < 1 s {mark(seconds, PAGE_GOAL)}"))
    page.close()
    return rows


def report_rows(path: Path, unit: str, runs: int) -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for suffix in ("pdf", "xlsx"):
            out = Path(scratch) / f"report.{suffix}"
            command = [sys.executable, "-m", "desktop.cli", "--db", str(path), "report", "--unit", unit,
                       "--from", f"{FROM:%d/%m/%Y}", "--to", f"{TO:%d/%m/%Y}", "--out", str(out)]
            seconds = median_of(runs, lambda command=command: subprocess.run(
                command, check=True, capture_output=True, cwd=ROOT))
            pages = ""
            if suffix == "pdf":
                info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True).stdout
                pages = next((f", {line.split()[-1]} pages" for line in info.splitlines()
                              if line.startswith("Pages:")), "")
            goal = f"goal < 5 s {mark(seconds, REPORT_GOAL)}" if suffix == "pdf" else ""
            rows.append((f"antq report --unit {unit} 2021–2025 → .{suffix} (whole process)",
                         f"{seconds:.2f} s{pages}", goal))
    return rows


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def mark(seconds: float, goal: float) -> str:
    return "✓" if seconds < goal else "✗"


def table(rows: list[tuple[str, str, str]]) -> str:
    header = ("measurement", "result", "beside it / goal")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench.ui import cache_folder, cached_database
    from desktop.services.figures import Filters
    from desktop.services.installation import open_database

    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="an existing database (default: the cached demo database)")
    parser.add_argument("--unit", default="22")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    path = args.db or cached_database(args.records, args.unit, cache_folder())
    database = open_database(path)
    filters = Filters(args.unit, FROM, TO)
    rows = chart_rows(database, filters, args.runs)
    rows += overview_rows(database, args.runs)
    database.dispose()
    rows += report_rows(path, args.unit, args.runs)
    print(f"{path.name}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {dt.date.today():%Y-%m-%d}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
