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
- `overview`          all of the above in one call (`Overview`), for a background job.

A unit or a period without records gives zero or empty series, never an error; an unknown unit
code raises `stats.UnknownUnit` and a reversed period `stats.InvalidPeriod` (both `StatsError`,
with a message in the user's language).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

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


def overview(session: Session, filters: Filters, lang: str | None = None, today: dt.date | None = None) -> Overview:
    """All the figures at once (one resolution of the unit, then each query in turn)."""
    scope = resolve(session, filters, lang)
    return Overview(
        filters,
        scope.unit,
        period_series(session, filters, lang=lang),
        session_breakdown(session, filters, lang),
        model_figures(session, filters, lang),
        source_figures(session, filters, lang),
        units_compared(session, filters, lang),
        year_on_year(session, filters, lang, today),
    )


__all__ = [
    "GRANULARITIES", "MEASURES", "Bucket", "Category", "Filters", "ModelCell", "ModelFigures", "Overview",
    "PeriodSeries", "Scope", "SessionBreakdown", "SourceFigures", "SourceRow", "Totals", "UnitInfo", "UnitRow",
    "UnitsCompared", "YearOnYear", "choose_granularity", "model_figures", "overview", "period_series", "resolve",
    "session_breakdown", "shift_years", "source_figures", "units_compared", "year_on_year",
]
