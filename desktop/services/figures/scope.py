"""What a set of figures is about: the filters a user chose, and the unit and record conditions
they resolve to (the same rules as `desktop.services.stats.compute_stats`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlalchemy.orm import Session

from db.models import REFORM_DATE
from db.units import find_unit, rolled_up_unit_ids, scheme_on
from desktop.services.stats import InvalidPeriod, UnknownUnit, record_filter

UNITS = ("then", "now")  # a period before the 2025 reform: by the units of the time, or rolled up into today's


@dataclass(frozen=True)
class Filters:
    """The user's choice: a unit code (None: the whole database), a period (both dates
    inclusive, either may be None), whether only approved records count, and for a period that
    ends before the reform of 1 July 2025, which units it is told by (`units`):

    - "then", the units of the time: the code is read in the list in force on `date_to` (as
      `antq stats` reads it) and the units compared are the old ones;
    - "now", rolled up into today's units: the code is read in today's list, and every old
      unit's records count in the current unit the official mapping puts it in.

    For a period that reaches past the reform both give today's units. `unit_scheme` names the
    list the code is in when the caller knows it (the window offers units of today's list)."""

    unit_code: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    approved_only: bool = False
    units: str = "then"
    unit_scheme: str | None = None

    @property
    def before_reform(self) -> bool:
        """Whether the period ends before 1 July 2025, so that the units of the time differ."""
        return self.date_to is not None and self.date_to < REFORM_DATE

    @property
    def by_old_units(self) -> bool:
        return self.units == "then" and self.before_reform

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
    list it is read in (see `Filters`), `stats.InvalidPeriod` when `date_from > date_to`
    (messages in `lang`, or the current language)."""
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InvalidPeriod(filters.date_from, filters.date_to, lang)
    unit: UnitInfo | None = None
    unit_ids = None
    if filters.units not in UNITS:
        raise ValueError(f"units must be one of {UNITS}, not {filters.units!r}")
    if filters.unit_code is not None:
        scheme = filters.unit_scheme or (scheme_on(filters.date_to) if filters.units == "then" else "2025")
        found = find_unit(session, filters.unit_code, scheme=scheme)
        if found is None:
            raise UnknownUnit(filters.unit_code.strip(), filters.date_to if scheme == "pre2025" else None, lang)
        unit = UnitInfo(found.id, found.code, found.name, found.scheme, found.level, found.population)
        unit_ids = rolled_up_unit_ids(found.id)
    return Scope(filters.date_from, filters.date_to, filters.approved_only, unit, unit_ids)
