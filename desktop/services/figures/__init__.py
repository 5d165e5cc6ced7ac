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
- `commendation_figures` decisions and their recipients (`CommendationFigures`);
- `overview`          all of the above in one call (`Overview`), for a background job: given
                      a session factory, the queries run on two connections at once (the
                      database works while Python waits), each part handed to `on_part` as
                      soon as it is ready so that its chart (or figure card) can be shown
                      meanwhile; `headline` gives a part's figures as `compute_stats` does.

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
    CommendationFigures,
    ModelCell,
    ModelFigures,
    SessionBreakdown,
    SourceFigures,
    SourceRow,
    added,
    commendation_figures,
    model_figures,
    session_breakdown,
    session_breakdown_of,
    source_figures,
)
from desktop.services.figures.compare import (
    MEASURES,
    Totals,
    UnitRow,
    UnitsCompared,
    YearOnYear,
    current_totals,
    previous_year,
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
    commendations: CommendationFigures


# The parts of an Overview, in the order they are asked for on two connections: first the two
# the top of the page draws (the month series, quick; the sessions' breakdowns, the slowest), so
# that their charts are drawn while the other queries still run; then the slowest first.
PARTS: dict[str, Callable[..., Any]] = {
    "series": lambda session, filters, lang, today: period_series(session, filters, lang=lang),
    "sessions": lambda session, filters, lang, today: session_breakdown(session, filters, lang),
    "sources": lambda session, filters, lang, today: source_figures(session, filters, lang),
    "year_on_year": year_on_year,
    "units": lambda session, filters, lang, today: units_compared(session, filters, lang),
    "models": lambda session, filters, lang, today: model_figures(session, filters, lang),
    "commendations": lambda session, filters, lang, today: commendation_figures(session, filters, lang),
}
# For a period with both dates the year-on-year part is made from the period's own breakdowns
# and the year before alone (`previous_year`), which spares a second count of the period.
_CURRENT_FROM = ("sessions", "sources", "models")
_PREVIOUS = "previous_year"
# On two connections a period of more than a year has its sessions' breakdowns, the longest read
# (a pivot of twenty conditions over every session), counted in two halves at once and added up.
_HALVES = ("sessions_first_half", "sessions_second_half")
SPLIT_DAYS = 366


def overview(source: Session | sessionmaker[Session], filters: Filters, lang: str | None = None,
             today: dt.date | None = None, *, on_part: Callable[[str, Any], None] | None = None,
             connections: int = 2) -> Overview:
    """All the figures at once. `source` is an open session (the queries run one after another
    in it) or a session factory (`Database.sessions`): then they run on `connections` connections
    at once, each in its own short session. `on_part(field, figures)` is called in the calling
    thread first with `("unit", UnitInfo | None)`, then with each part (`PARTS`) as soon as it is
    ready. An unknown unit or a reversed period raises before any query runs."""
    parts: dict[str, Any] = {}
    derived = filters.date_from is not None and filters.date_to is not None
    jobs = dict((_PREVIOUS, previous_year) if field == "year_on_year" and derived else (field, compute)
                for field, compute in PARTS.items())
    if connections > 1 and not isinstance(source, Session) and derived \
            and (filters.date_to - filters.date_from).days > SPLIT_DAYS:  # type: ignore[operator]
        jobs = {"series": jobs.pop("series"), **_halves(filters), **jobs}
        del jobs["sessions"]

    def done(field: str, figures: Any) -> None:
        parts[field] = figures
        if field in _HALVES:
            if all(half in parts for half in _HALVES):
                done("sessions", added(*(parts.pop(half) for half in _HALVES)))
            return
        if field != _PREVIOUS and on_part is not None:
            on_part(field, figures)
        if derived and "year_on_year" not in parts and all(f in parts for f in (*_CURRENT_FROM, _PREVIOUS)):
            current = current_totals(filters, parts["sessions"], parts["sources"], parts["models"])
            done("year_on_year", YearOnYear(current, parts[_PREVIOUS]))

    if isinstance(source, Session):
        unit = resolve(source, filters, lang).unit
        if on_part is not None:
            on_part("unit", unit)
        for field, compute in jobs.items():
            done(field, compute(source, filters, lang, today))
    else:
        with source() as session:
            unit = resolve(session, filters, lang).unit
        if on_part is not None:
            on_part("unit", unit)

        def job(compute: Callable[..., Any]) -> Any:
            with source() as session:
                return compute(session, filters, lang, today)

        with ThreadPoolExecutor(connections, thread_name_prefix="figures") as pool:
            futures = {pool.submit(job, compute): field for field, compute in jobs.items()}
            for future in as_completed(futures):
                done(futures[future], future.result())
    parts.pop(_PREVIOUS, None)
    return Overview(filters, unit, **parts)


def _halves(filters: Filters) -> dict[str, Callable[..., SessionBreakdown]]:
    """The sessions' breakdowns of the period's first and second halves (the unit as the whole
    period resolves it: a half before the 2025 reform must not read its code in the old list)."""
    assert filters.date_from is not None and filters.date_to is not None
    middle = filters.date_from + dt.timedelta(days=(filters.date_to - filters.date_from).days // 2)
    periods = ((filters.date_from, middle), (middle + dt.timedelta(days=1), filters.date_to))

    def half(start: dt.date, end: dt.date) -> Callable[..., SessionBreakdown]:
        return lambda session, filters, lang, today: session_breakdown_of(
            session, resolve(session, filters, lang).with_period(start, end))

    return {name: half(*period) for name, period in zip(_HALVES, periods, strict=True)}


# The figure cards' part of `compute_stats`' answer, per part of an Overview.
HEADLINE: dict[str, tuple[tuple[str, str], ...]] = {
    "sessions": (("count", "sessions"), ("attendees", "attendees"), ("member_attendees", "member_attendees")),
    "models": (("count", "models"), ("typical", "typical")),
    "sources": (("count", "sources"), ("cases", "cases"), ("individuals", "individuals")),
    "commendations": (("decisions", "decisions"), ("collectives", "collectives"), ("individuals", "individuals")),
}


def headline(field: str, figures: Any) -> dict[str, int]:
    """The headline figures of one part of an Overview (a field of HEADLINE) under the keys of
    `compute_stats(...)[field]`, e.g. `{"count": 331, "attendees": 42600, …}` for "sessions"."""
    return {key: getattr(figures, attribute) for key, attribute in HEADLINE[field]}


__all__ = [
    "GRANULARITIES",
    "HEADLINE",
    "MEASURES",
    "PARTS",
    "Bucket",
    "Category",
    "CommendationFigures",
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
    "commendation_figures",
    "current_totals",
    "headline",
    "model_figures",
    "overview",
    "period_series",
    "previous_year",
    "resolve",
    "session_breakdown",
    "shift_years",
    "source_figures",
    "units_compared",
    "year_on_year",
]
