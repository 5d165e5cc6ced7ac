"""Demo data: years of realistic Vietnamese records for the installation's own unit, fast.

`make_demo` fills the database with what a commune (or a province's communes) would have logged:
organisations, dissemination sessions, security models, information sources and the cases they
led to, commendation decisions and their recipients. Records dated before 1 July 2025 are entered
against the pre-2025 communes that merged into a current commune (those that roll up into it),
later ones against the current commune, as an officer would have entered them.

It is built for volume (a million records in about half a minute on this project's 2-core test
machine): rows are plain tuples inserted with the driver's executemany in one transaction, in
date order, ids are assigned here (after the current maximum) so link rows need no round trip,
the folded search text is assembled from cached folded pieces, and on SQLite the full-text
index is filled once at the end rather than by a trigger per row. Everything is deterministic
for a seed (except the uids).

The package: `kinds` (the six record kinds, `plan_counts`, `DemoResult`), `content` (the
Vietnamese text), `units` (which communes), `references` (reference codes and decision
numbers), `generator` (one run), `sources`, `security_models`, `commendations` and `sessions`
(each kind's rows), `writer` (bulk inserts, ids, full-text index, sequences).
"""
from __future__ import annotations

import time
from collections.abc import Callable

from desktop.services.demo.commendations import add_demo_templates
from desktop.services.demo.generator import Demo
from desktop.services.demo.kinds import (
    CLASS_OF,
    KINDS,
    PREFIX,
    RECORDS_PER_UNIT_YEAR,
    TABLE_OF,
    DemoResult,
    plan_counts,
)
from desktop.services.demo.writer import Cancelled
from desktop.services.installation import Database

__all__ = ["CLASS_OF", "KINDS", "PREFIX", "RECORDS_PER_UNIT_YEAR", "TABLE_OF", "DemoResult",
           "make_demo", "plan_counts"]


def make_demo(
    database: Database,
    *,
    units: int = 5,
    years: int = 6,
    seed: int = 1,
    records: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoResult:
    """Fills the database with demo records for the own unit (a commune: itself and the old
    communes that merged into it; a province: up to `units` of its communes and theirs) over the
    last `years` years up to today. `records` is the number of records of the six kinds (sessions,
    models, sources, cases, decisions, recipients); by default 100 per commune and year.
    One transaction: `cancelled()` returning True (checked between batches) rolls everything
    back and the result says `cancelled`. `progress(done, total)` is called between batches."""
    if units < 1 or years < 1:
        raise ValueError("units and years must be at least 1")
    started = time.perf_counter()
    try:
        with database.engine.begin() as connection:
            demo = Demo(connection, units=units, years=years, seed=seed, records=records,
                        progress=progress, cancelled=cancelled)
            result = demo.run()
            add_demo_templates(connection)
    except Cancelled:
        return DemoResult(cancelled=True, seconds=time.perf_counter() - started)
    result.seconds = time.perf_counter() - started
    if progress is not None:
        progress(result.total, result.total)
    return result
