"""The figures behind the charts and the review report, as plain frozen dataclasses.

No Qt, no matplotlib: the Overview page, `antq chart` and the report all read these. Each
function takes an open SQLAlchemy session and a `Filters` (unit code, period, approved only) and
asks the database for the aggregates (GROUP BY, `count(*) FILTER (WHERE …)` pivots over the
covering indexes); Python only lays out the few result rows. The counting rules are those of
`desktop.services.stats.compute_stats`, whose totals every function here reproduces:

- `period_series`     sessions and attendees per month / quarter / year (`PeriodSeries`);
- `session_breakdown` sessions and attendees by kind, topic, organisation (`SessionBreakdown`);
- `model_figures`     security models by type × status, with typical ones (`ModelFigures`);
- `source_figures`    sources → cases → individuals by providing organisation (`SourceFigures`);
- `units_compared`    the units under the chosen one, per 1,000 inhabitants (`UnitsCompared`);
- `year_on_year`      the period and the same period a year earlier (`YearOnYear`);
- `overview`          all of the above in one call (`Overview`), for a background job: given
                      a session factory, the queries run on two connections at once (the
                      database works while Python waits), each part handed to `on_part` as
                      soon as it is ready so that its chart can be drawn meanwhile.

A unit or a period without records gives zero or empty series, never an error; an unknown unit
code raises `stats.UnknownUnit` and a reversed period `stats.InvalidPeriod` (both `StatsError`,
with a message in the user's language).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from desktop.services.figures.breakdowns import (
    Category,
    ModelCell,
    ModelFigures,
    SessionBreakdown,
    SourceFigures,
    SourceRow,
    model_figures,
    session_breakdown,
    source_figures,
)
from desktop.services.figures.compare import (
    MEASURES,
    Totals,
    UnitRow,
    UnitsCompared,
    YearOnYear,
    units_compared,
    year_on_year,
)
from desktop.services.figures.scope import Filters, Scope, UnitInfo, resolve, shift_years
from desktop.services.figures.series import (
    GRANULARITIES,
    Bucket,
    PeriodSeries,
    choose_granularity,
    period_series,
)


@dataclass(frozen=True)
class Overview:
    """Every figure of the Overview page for one set of filters."""

    filters: Filters
    unit: UnitInfo | None
    series: PeriodSeries
    sessions: SessionBreakdown
    models: ModelFigures
    sources: SourceFigures
    units: UnitsCompared
    year_on_year: YearOnYear


# The parts of an Overview, slowest first: with two connections the longest queries start at once.
PARTS: dict[str, Callable[..., Any]] = {
    "sessions": lambda session, filters, lang, today: session_breakdown(session, filters, lang),
    "sources": lambda session, filters, lang, today: source_figures(session, filters, lang),
    "year_on_year": year_on_year,
    "series": lambda session, filters, lang, today: period_series(session, filters, lang=lang),
    "units": lambda session, filters, lang, today: units_compared(session, filters, lang),
    "models": lambda session, filters, lang, today: model_figures(session, filters, lang),
}


def overview(source: Session | sessionmaker[Session], filters: Filters, lang: str | None = None,
             today: dt.date | None = None, *, on_part: Callable[[str, Any], None] | None = None,
             connections: int = 2) -> Overview:
    """All the figures at once. `source` is an open session (the queries run one after another
    in it) or a session factory (`Database.sessions`): then they run on `connections` connections
    at once, each in its own short session. `on_part(field, figures)` is called in the calling
    thread with each part (`PARTS`) as soon as it is ready. An unknown unit or a reversed period
    raises before any query runs."""
    parts: dict[str, Any] = {}

    def done(field: str, figures: Any) -> None:
        parts[field] = figures
        if on_part is not None:
            on_part(field, figures)

    if isinstance(source, Session):
        unit = resolve(source, filters, lang).unit
        for field, compute in PARTS.items():
            done(field, compute(source, filters, lang, today))
    else:
        with source() as session:
            unit = resolve(session, filters, lang).unit

        def job(compute: Callable[..., Any]) -> Any:
            with source() as session:
                return compute(session, filters, lang, today)

        with ThreadPoolExecutor(connections, thread_name_prefix="figures") as pool:
            futures = {pool.submit(job, compute): field for field, compute in PARTS.items()}
            for future in as_completed(futures):
                done(futures[future], future.result())
    return Overview(filters, unit, **parts)


__all__ = [
    "GRANULARITIES",
    "MEASURES",
    "PARTS",
    "Bucket",
    "Category",
    "Filters",
    "ModelCell",
    "ModelFigures",
    "Overview",
    "PeriodSeries",
    "Scope",
    "SessionBreakdown",
    "SourceFigures",
    "SourceRow",
    "Totals",
    "UnitInfo",
    "UnitRow",
    "UnitsCompared",
    "YearOnYear",
    "choose_granularity",
    "model_figures",
    "overview",
    "period_series",
    "resolve",
    "session_breakdown",
    "shift_years",
    "source_figures",
    "units_compared",
    "year_on_year",
]
