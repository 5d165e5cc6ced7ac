"""Sessions and attendees per month, quarter or year.

A period with both dates has its buckets known before any query: the database counts each one
as a range of the sessions' covering index (unit, day), all in one statement (a UNION ALL of one
count per bucket), with no grouping at all: 118 -> 75 ms for the 60 months of five years of a
province (480,000 sessions). An open-ended period is grouped by month instead (the sessions by
unit and day in the order of that index, then the days by month), which also tells where its
data begins and ends; a quarter or a year is then the sum of its month rows. The records are
never looped over in Python. Empty buckets are at zero, so that a time axis is continuous."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import String, func, literal, literal_column, select, union_all
from sqlalchemy.orm import Session

from db.models import DisseminationSession
from desktop.services.figures.scope import Filters, Scope, resolve

GRANULARITIES = ("month", "quarter", "year")
# The automatic choice: a month per bar up to two years (24 bars), a quarter up to eight years
# (32 bars), then a year: a chart never has more than about 32 bars on its time axis.
MONTHS_BY_MONTH = 24
MONTHS_BY_QUARTER = 96

_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Bucket:
    """One month, quarter or year. `start`/`end` are its first and last days, cut to the period
    asked for (a period from 15/03 starts its first month bucket on 15/03)."""

    granularity: str
    year: int
    index: int  # month 1-12, quarter 1-4, or 1 for a year
    start: dt.date
    end: dt.date
    sessions: int
    attendees: int

    @property
    def key(self) -> str:
        """'2024-03', '2024-Q1' or '2024'."""
        if self.granularity == "month":
            return f"{self.year}-{self.index:02d}"
        if self.granularity == "quarter":
            return f"{self.year}-Q{self.index}"
        return str(self.year)

    def label(self, lang: str) -> str:
        """What an axis shows: '03/2024', 'I/2024', '2024' (English: 'Mar 2024', 'Q1 2024')."""
        if self.granularity == "month":
            return f"{_MONTHS_EN[self.index - 1]} {self.year}" if lang == "en" else f"{self.index:02d}/{self.year}"
        if self.granularity == "quarter":
            return f"Q{self.index} {self.year}" if lang == "en" else f"{_ROMAN[self.index - 1]}/{self.year}"
        return str(self.year)


@dataclass(frozen=True)
class PeriodSeries:
    granularity: str
    buckets: tuple[Bucket, ...]

    @property
    def sessions(self) -> int:
        return sum(b.sessions for b in self.buckets)

    @property
    def attendees(self) -> int:
        return sum(b.attendees for b in self.buckets)

    @property
    def is_empty(self) -> bool:
        return not any(b.sessions for b in self.buckets)


def choose_granularity(date_from: dt.date, date_to: dt.date) -> str:
    """'month' for up to 24 months, 'quarter' for up to 8 years, 'year' beyond."""
    months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
    if months <= MONTHS_BY_MONTH:
        return "month"
    return "quarter" if months <= MONTHS_BY_QUARTER else "year"


def month_key(column: Any, dialect: str) -> Any:
    """An SQL expression: the month of a date column as text, '2024-03'. SQLite stores dates as
    ISO text, so a substring is all it takes (a third faster than strftime over a million rows);
    PostgreSQL formats the date. The constants are literal SQL so that PostgreSQL sees the same
    expression in SELECT and GROUP BY."""
    if dialect == "sqlite":
        return func.substr(column, literal_column("1"), literal_column("7"), type_=String)
    return func.to_char(column, literal_column("'YYYY-MM'"), type_=String)


def _bounds(granularity: str, year: int, index: int) -> tuple[dt.date, dt.date]:
    """The first and last days of a bucket."""
    first_month, months = {"month": (index, 1), "quarter": (3 * index - 2, 3), "year": (1, 12)}[granularity]
    start = dt.date(year, first_month, 1)
    last_month = first_month + months - 1
    end = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return start, end - dt.timedelta(days=1)


def _position(granularity: str, day: dt.date) -> tuple[int, int]:
    if granularity == "month":
        return day.year, day.month
    if granularity == "quarter":
        return day.year, (day.month + 2) // 3
    return day.year, 1


def _layout(granularity: str, start: dt.date, end: dt.date, months: dict[str, tuple[int, int]]) -> tuple[Bucket, ...]:
    """Every bucket from `start` to `end`, each with the figures of its (at most 12) months."""
    per_year = {"month": 12, "quarter": 4, "year": 1}[granularity]
    year, index = _position(granularity, start)
    last = _position(granularity, end)
    buckets = []
    while (year, index) <= last:
        first_day, last_day = _bounds(granularity, year, index)
        inside = [months.get(f"{year}-{m:02d}", (0, 0)) for m in range(first_day.month, last_day.month + 1)]
        buckets.append(Bucket(granularity, year, index, max(first_day, start), min(last_day, end),
                              sum(n for n, _ in inside), sum(a for _, a in inside)))
        year, index = (year, index + 1) if index < per_year else (year + 1, 1)
    return tuple(buckets)


def _counted(session: Session, scope: Scope, buckets: tuple[Bucket, ...]) -> tuple[Bucket, ...]:
    """The buckets with their figures: one range count per bucket, in one statement."""
    S = DisseminationSession
    counts = union_all(*(
        select(literal(position).label("position"), func.count().label("n"), func.sum(S.attendees).label("a"))
        .where(*scope.with_period(bucket.start, bucket.end).conditions(S, S.held_on))
        for position, bucket in enumerate(buckets)))
    found = {int(position): (int(n), int(a or 0)) for position, n, a in session.execute(counts)}
    return tuple(replace(bucket, sessions=found[i][0], attendees=found[i][1]) for i, bucket in enumerate(buckets))


def period_series(session: Session, filters: Filters, granularity: str | None = None,
                  lang: str | None = None) -> PeriodSeries:
    """Sessions and attendees per month, quarter or year (`granularity`; None chooses: a month
    per bar up to 24 months, a quarter up to 8 years, a year beyond). Every bucket from the
    period's first day to its last is there, at zero when nothing happened. An open end of the
    period is taken from the data (the first or last month with a session); with neither a bound nor
    any session the series has no bucket. The buckets' sums equal `compute_stats`'s
    `sessions.count` and `sessions.attendees` for the same filters."""
    return _series(session, resolve(session, filters, lang), granularity)


def _series(session: Session, scope: Scope, granularity: str | None) -> PeriodSeries:
    if granularity is not None and granularity not in GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}")
    if scope.date_from is not None and scope.date_to is not None:
        granularity = granularity or choose_granularity(scope.date_from, scope.date_to)
        return PeriodSeries(granularity, _counted(session, scope, _layout(granularity, scope.date_from,
                                                                           scope.date_to, {})))
    S = DisseminationSession
    # Days first, grouped in the order of the covering index (unit, day: no sorting), then the
    # few thousand days by month: twice as fast in SQLite as grouping every session by month.
    days = (select(S.held_on.label("day"), func.count().label("n"), func.sum(S.attendees).label("a"))
            .where(*scope.conditions(S, S.held_on)).group_by(S.unit_id, S.held_on).subquery())
    key = month_key(days.c.day, session.get_bind().dialect.name).label("month")
    months = {
        month: (int(count), int(attendees or 0))
        for month, count, attendees in session.execute(
            select(key, func.sum(days.c.n), func.sum(days.c.a)).group_by(key))
    }
    start, end = scope.date_from, scope.date_to
    if months:  # an open end of the period is where the data begins or ends
        first, last = (dt.date(int(m[:4]), int(m[5:7]), 1) for m in (min(months), max(months)))
        start = start or min(first, end or first)
        end = end or max(_bounds("month", last.year, last.month)[1], start)
    elif start is None or end is None:
        if start is None and end is None:
            return PeriodSeries(granularity or "month", ())
        start = end = start or end
    assert start is not None and end is not None
    granularity = granularity or choose_granularity(start, end)
    return PeriodSeries(granularity, _layout(granularity, start, end, months))
