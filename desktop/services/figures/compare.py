"""Comparisons: the units under the chosen one side by side (per 1,000 inhabitants where the
population is known), and the period against the same period a year earlier."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    DisseminationSession,
    InformationSource,
    SecurityModel,
    UncoveredCase,
    UnitRollup,
)
from db.units import own_unit
from desktop.services.figures.breakdowns import (
    ModelFigures,
    SessionBreakdown,
    SourceFigures,
    _model_conditions,
    _recognised,
    linked_to_a_source,
)
from desktop.services.figures.scope import Filters, Scope, UnitInfo, resolve, shift_years

MEASURES = ("sessions", "attendees", "sources", "cases", "individuals")


@dataclass(frozen=True)
class UnitRow:
    """One unit under the chosen one, with everything that rolls up into it (its own units
    and, for a 2025 commune, the old communes merged into it)."""

    code: str
    name: str
    population: int | None
    sessions: int
    attendees: int
    sources: int
    cases: int
    individuals: int

    def per_1000(self, measure: str) -> float | None:
        """A measure (one of MEASURES) per 1,000 inhabitants; None when the population is
        unknown (or zero)."""
        if not self.population:
            return None
        return getattr(self, measure) * 1000 / self.population


@dataclass(frozen=True)
class UnitsCompared:
    """The units directly under `parent` (a province's communes, an old district's communes),
    or, for a period before the reform told by the units of the time, the old units `parent`
    took over (`Filters.units`), in code order, each at zero if it has no record. Records entered at the parent itself, or
    at an old unit that rolled up into the parent but into none of them (an old district), are
    in the parent's figures and in none of these rows. A commune has no unit under it: no row."""

    parent: UnitInfo | None
    units: tuple[UnitRow, ...]

    @property
    def has_population(self) -> bool:
        return any(u.population for u in self.units)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(u, m) for u in self.units for m in MEASURES)


def units_compared(session: Session, filters: Filters, lang: str | None = None) -> UnitsCompared:
    """Sessions, attendees, sources, cases (linked to a non-deleted source, as in
    `compute_stats`) and their individuals for each unit directly under the chosen unit —
    without a unit code, under this installation's own unit. Each count is a GROUP BY on the
    record's unit over its covering index, rolled up to the units compared through the
    `unit_rollup` table in the same query."""
    scope = resolve(session, filters, lang)
    parent = scope.unit
    if parent is None:
        own = own_unit(session)
        if own is None:
            return UnitsCompared(None, ())
        parent = UnitInfo(own.id, own.code, own.name, own.scheme, own.level, own.population)
        scope = Scope(scope.date_from, scope.date_to, scope.approved_only, parent,
                      select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == parent.id))
    if filters.by_old_units and parent.scheme == "2025":
        children = _old_units_in(session, parent.id)
    else:
        children = _units_under(session, parent.id)
    if not children:
        return UnitsCompared(parent, ())
    child_ids = [c.id for c in children]

    S, Src, C = DisseminationSession, InformationSource, UncoveredCase
    linked = linked_to_a_source()
    sessions = _rolled_up(session, child_ids, S.unit_id, scope.conditions(S, S.held_on), S.attendees)
    sources = _rolled_up(session, child_ids, Src.unit_id, scope.conditions(Src, Src.received_on), None)
    cases = _rolled_up(session, child_ids, C.unit_id, [*scope.conditions(C, C.opened_on), linked], C.individuals)
    rows = tuple(
        UnitRow(c.code, c.name, c.population, *sessions.get(c.id, (0, 0)), sources.get(c.id, (0, 0))[0],
                *cases.get(c.id, (0, 0)))
        for c in children
    )
    return UnitsCompared(parent, rows)


def _units_under(session: Session, parent_id: int) -> list[Any]:
    A = AdminUnit
    return list(session.execute(
        select(A.id, A.code, A.name, A.population).where(A.parent_id == parent_id).order_by(A.code)))


def _old_units_in(session: Session, unit_id: int) -> list[Any]:
    """The units of the time that a current unit took over: the highest old units rolled up into
    it (the old provinces of a new province, the old communes of a new commune), and, where that
    is a single unit, the units under it (a province that merged with none: its old districts)."""
    A = AdminUnit
    rolled = select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == unit_id)
    top = list(session.execute(
        select(A.id, A.code, A.name, A.population)
        .where(A.id.in_(rolled), A.scheme == "pre2025", A.parent_id.is_(None) | A.parent_id.not_in(rolled))
        .order_by(A.code)))
    while len(top) == 1:
        under = _units_under(session, top[0].id)
        if not under:
            break
        top = under
    return top


def _rolled_up(session: Session, child_ids: list[int], unit_column: Any, conditions: list[Any],
               value: Any | None) -> dict[int, tuple[int, int]]:
    """{child id: (count, sum of value)}: grouped by the record's unit first (in index order, no
    sorting of the records), then the few group rows joined to the roll-up table."""
    total = func.sum(value) if value is not None else func.count()
    per_unit = (
        select(unit_column.label("unit_id"), func.count().label("n"), total.label("v"))
        .where(*conditions).group_by(unit_column)
    ).subquery()
    rows = session.execute(
        select(UnitRollup.ancestor_id, func.sum(per_unit.c.n), func.sum(per_unit.c.v))
        .join(UnitRollup, UnitRollup.unit_id == per_unit.c.unit_id)
        .where(UnitRollup.ancestor_id.in_(child_ids))
        .group_by(UnitRollup.ancestor_id)
    )
    return {child: (int(n), int(v or 0)) for child, n, v in rows}


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """The headline figures of one period (the rules of `compute_stats`)."""

    date_from: dt.date | None
    date_to: dt.date | None
    sessions: int
    attendees: int
    sources: int
    cases: int
    individuals: int
    models: int
    typical: int

    @property
    def has_data(self) -> bool:
        return any((self.sessions, self.sources, self.cases, self.models))


@dataclass(frozen=True)
class YearOnYear:
    """The period and the same period a year earlier, for the same unit."""

    current: Totals
    previous: Totals


def year_on_year(session: Session, filters: Filters, lang: str | None = None,
                 today: dt.date | None = None) -> YearOnYear:
    """The figures of the period and of the same period one year earlier (both dates moved back
    a year), for the same unit (resolved once, on the current period's end date). A period
    open at the end ends `today`; one open at the start covers the twelve months up to its end.
    Each figure is a plain COUNT/SUM over one date range of its covering index (two such
    queries are faster than one scan of both ranges with FILTER columns)."""
    current, earlier = _periods(resolve(session, filters, lang), today)
    # Models are a stock: those in existence at each end date (the rules of compute_stats), in
    # one pass over the models in existence at the later one.
    M = SecurityModel
    in_force_then = case((M.launched_on.is_(None) | (M.launched_on <= earlier.date_to), 1), else_=0)
    models = session.execute(select(
        func.count(), func.sum(case((_recognised(current), 1), else_=0)),
        func.sum(in_force_then), func.sum(case((_recognised(earlier), in_force_then), else_=0)),
    ).where(*_model_conditions(current))).one()
    return YearOnYear(_totals(session, current, models[0], models[1]), _totals(session, earlier, models[2], models[3]))


def previous_year(session: Session, filters: Filters, lang: str | None = None,
                  today: dt.date | None = None) -> Totals:
    """`year_on_year(...).previous` alone: for a caller that already has the period's own
    figures (`current_totals`), so that the period is not counted twice."""
    _current, earlier = _periods(resolve(session, filters, lang), today)
    models, typical = session.execute(select(func.count(), func.sum(case((_recognised(earlier), 1), else_=0)))
                                      .where(*_model_conditions(earlier))).one()
    return _totals(session, earlier, models, typical)


def current_totals(filters: Filters, sessions: SessionBreakdown, sources: SourceFigures,
                   models: ModelFigures) -> Totals:
    """`year_on_year(...).current` from the period's breakdowns, for a period with both dates
    (an open one is closed by `year_on_year` itself). The counting rules are the same."""
    assert filters.date_from is not None and filters.date_to is not None
    return Totals(filters.date_from, filters.date_to, sessions.sessions, sessions.attendees, sources.sources,
                  sources.cases, sources.individuals, models.models, models.typical)


def _periods(scope: Scope, today: dt.date | None) -> tuple[Scope, Scope]:
    """The period (an open end closed at `today`, an open start twelve months before its end)
    and the same period one year earlier."""
    end = scope.date_to or today or dt.date.today()
    start = scope.date_from or shift_years(end, -1) + dt.timedelta(days=1)  # type: ignore[operator]
    return scope.with_period(start, end), scope.with_period(shift_years(start, -1), shift_years(end, -1))


def _totals(session: Session, scope: Scope, models: int | None, typical: int | None) -> Totals:
    S, Src, C = DisseminationSession, InformationSource, UncoveredCase
    sessions, attendees = session.execute(
        select(func.count(), func.sum(S.attendees)).where(*scope.conditions(S, S.held_on))).one()
    sources = session.scalar(select(func.count()).select_from(Src).where(*scope.conditions(Src, Src.received_on)))
    linked = linked_to_a_source()
    cases, individuals = session.execute(
        select(func.count(), func.sum(C.individuals)).where(*scope.conditions(C, C.opened_on), linked)).one()
    return Totals(scope.date_from, scope.date_to, int(sessions), int(attendees or 0), int(sources or 0),
                  int(cases), int(individuals or 0), int(models or 0), int(typical or 0))
