"""Sessions and attendees per month, quarter or year: one GROUP BY in the database on a text key
of the session's date ('2024-03', '2024-Q1', '2024'), then the empty buckets filled with zeros so
that a chart's time axis is continuous."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, case, func, literal_column, select
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


def _date_parts(column: Any, dialect: str) -> tuple[Any, Any]:
    """The year ('2024') and month ('03') of a date column as text. SQLite stores dates as ISO
    text, so a substring is all it takes (three times faster than strftime over a million
    rows); PostgreSQL formats them. Constants are literal SQL so that PostgreSQL sees the same
    expression in SELECT and GROUP BY."""
    one, four, six, two = (literal_column(str(n)) for n in (1, 4, 6, 2))
    if dialect == "sqlite":
        return func.substr(column, one, four, type_=String), func.substr(column, six, two, type_=String)
    return (func.to_char(column, literal_column("'YYYY'"), type_=String),
            func.to_char(column, literal_column("'MM'"), type_=String))


def bucket_key(column: Any, granularity: str, dialect: str) -> Any:
    """An SQL expression giving the bucket key of a date (see `Bucket.key`)."""
    year, month = _date_parts(column, dialect)
    if granularity == "month":
        return year.concat(literal_column("'-'")).concat(month)
    if granularity == "quarter":
        quarter = case(
            (month <= literal_column("'03'"), literal_column("'1'")),
            (month <= literal_column("'06'"), literal_column("'2'")),
            (month <= literal_column("'09'"), literal_column("'3'")),
            else_=literal_column("'4'"),
        )
        return year.concat(literal_column("'-Q'")).concat(quarter)
    return year


def _bucket_bounds(granularity: str, year: int, index: int) -> tuple[dt.date, dt.date]:
    if granularity == "month":
        first_month, months = index, 1
    elif granularity == "quarter":
        first_month, months = 3 * index - 2, 3
    else:
        first_month, months = 1, 12
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


def _layout(granularity: str, start: dt.date, end: dt.date, found: dict[str, tuple[int, int]]) -> tuple[Bucket, ...]:
    per_year = {"month": 12, "quarter": 4, "year": 1}[granularity]
    year, index = _position(granularity, start)
    last = _position(granularity, end)
    buckets = []
    while (year, index) <= last:
        first_day, last_day = _bucket_bounds(granularity, year, index)
        bucket = Bucket(granularity, year, index, max(first_day, start), min(last_day, end), 0, 0)
        sessions, attendees = found.get(bucket.key, (0, 0))
        buckets.append(Bucket(granularity, year, index, bucket.start, bucket.end, sessions, attendees))
        year, index = (year, index + 1) if index < per_year else (year + 1, 1)
    return tuple(buckets)


def period_series(session: Session, filters: Filters, granularity: str | None = None,
                  lang: str | None = None) -> PeriodSeries:
    """Sessions and attendees per month, quarter or year (`granularity`; None chooses: a month
    per bar up to 24 months, a quarter up to 8 years, a year beyond). Every bucket from the
    period's first day to its last is there, at zero when nothing happened. An open end of the
    period is taken from the data (the first or last session's date); with neither a bound nor
    any session the series has no bucket. The buckets' sums equal `compute_stats`'s
    `sessions.count` and `sessions.attendees` for the same filters."""
    return _series(session, resolve(session, filters, lang), granularity)


def _series(session: Session, scope: Scope, granularity: str | None) -> PeriodSeries:
    if granularity is not None and granularity not in GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}")
    S = DisseminationSession
    conditions = scope.conditions(S, S.held_on)
    start, end = scope.date_from, scope.date_to
    if start is None or end is None:
        # One pass over the covering index for the open end(s) of the period.
        first, last = session.execute(select(func.min(S.held_on), func.max(S.held_on)).where(*conditions)).one()
        if first is None:
            if start is None and end is None:
                return PeriodSeries(granularity or "month", ())
            first = last = start or end
        start = start or min(first, end or first)
        end = end or max(last, start)
    granularity = granularity or choose_granularity(start, end)
    key = bucket_key(S.held_on, granularity, session.get_bind().dialect.name).label("bucket")
    found = {
        bucket: (int(count), int(attendees or 0))
        for bucket, count, attendees in session.execute(
            select(key, func.count(), func.sum(S.attendees)).where(*conditions).group_by(key)
        )
    }
    return PeriodSeries(granularity, _layout(granularity, start, end, found))
