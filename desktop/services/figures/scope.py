"""What a set of figures is about: the filters a user chose, and the unit and record conditions
they resolve to (the same rules as `desktop.services.stats.compute_stats`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlalchemy.orm import Session

from db.units import find_unit, rolled_up_unit_ids
from desktop.services.stats import InvalidPeriod, UnknownUnit, record_filter


@dataclass(frozen=True)
class Filters:
    """The user's choice: a unit code (None: the whole database), a period (both dates
    inclusive, either may be None) and whether only approved records count. The unit code is
    read in the unit list in force on `date_to` (today's list without `date_to`), as `antq stats`
    reads it."""

    unit_code: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    approved_only: bool = False

    def shifted(self, years: int) -> Filters:
        """The same filters with both dates moved by whole years (29 February → 28 February)."""
        return replace(self, date_from=shift_years(self.date_from, years), date_to=shift_years(self.date_to, years))


def shift_years(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class UnitInfo:
    """A unit as the figures name it."""

    id: int
    code: str
    name: str
    scheme: str
    level: str
    population: int | None


@dataclass(frozen=True)
class Scope:
    """Filters resolved against the database: the unit (None: whole database) and the SQL
    conditions a record must meet. `with_period` keeps the unit and changes only the dates, so
    that a comparison with an earlier period counts the same unit even if its code meant
    another unit in the list in force then."""

    date_from: dt.date | None
    date_to: dt.date | None
    approved_only: bool
    unit: UnitInfo | None
    unit_ids: Select[tuple[int]] | None

    def conditions(self, model: Any, date_column: Any) -> list[ColumnElement[bool]]:
        """Not deleted, in the unit (rolled up), in the period, approved if asked."""
        return record_filter(model, date_column, self.unit_ids, self.date_from, self.date_to, self.approved_only)

    def with_period(self, date_from: dt.date | None, date_to: dt.date | None) -> Scope:
        return replace(self, date_from=date_from, date_to=date_to)


def resolve(session: Session, filters: Filters, lang: str | None = None) -> Scope:
    """The scope of `filters`; raises `stats.UnknownUnit` for a code that names no unit in the
    list in force on `date_to`, `stats.InvalidPeriod` when `date_from > date_to` (messages in
    `lang`, or the current language)."""
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InvalidPeriod(filters.date_from, filters.date_to, lang)
    unit: UnitInfo | None = None
    unit_ids = None
    if filters.unit_code is not None:
        found = find_unit(session, filters.unit_code, filters.date_to)
        if found is None:
            raise UnknownUnit(filters.unit_code.strip(), filters.date_to, lang)
        unit = UnitInfo(found.id, found.code, found.name, found.scheme, found.level, found.population)
        unit_ids = rolled_up_unit_ids(found.id)
    return Scope(filters.date_from, filters.date_to, filters.approved_only, unit, unit_ids)
