"""Breakdowns of the figures: sessions by kind, topic and organisation; security models by type
and status; sources, cases and individuals by the kind of organisation that provided the
sources. Each is one or two queries whose counts the database makes (FILTER pivots, GROUP BY)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from db.models import (
    DisseminationSession,
    InformationSource,
    Organisation,
    SecurityModel,
    Topic,
    TypicalRecognition,
    UncoveredCase,
)
from db.models.activities import bit_set, organiser_bit
from db.models.sources import LINKED_BIT
from db.vocab import MODEL_STATUSES, MODEL_TYPES, ORGANISATIONS, SESSION_KINDS, TOPICS, Vocabulary
from desktop.services.approvals import covered_by_approval
from desktop.services.figures.scope import Filters, Scope, resolve
from desktop.services.pivot import pivot
from desktop.services.stats import commendation_counts, in_order


@dataclass(frozen=True)
class Category:
    """One bar of a breakdown: a code, its labels and its figures."""

    code: str
    label_vi: str
    label_en: str
    sessions: int
    attendees: int

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class SessionBreakdown:
    """Sessions and attendees in total and by kind, topic and kind of organising organisation,
    every code in vocabulary order even at zero. A session counts once in the total and once
    under each of its topics and organiser kinds, so those breakdowns add up to more than the
    total (as in `compute_stats`)."""

    sessions: int
    attendees: int
    member_attendees: int
    by_kind: tuple[Category, ...]
    by_topic: tuple[Category, ...]
    by_organisation: tuple[Category, ...]


DIMENSIONS = ("kind", "topic", "organisation")


def _labels(vocabulary: Vocabulary) -> dict[str, tuple[str, str]]:
    return {term.code: (term.vi, term.en) for term in vocabulary.terms}


def session_breakdown(session: Session, filters: Filters, lang: str | None = None,
                      dimensions: Sequence[str] = DIMENSIONS) -> SessionBreakdown:
    """The figures of `compute_stats(...)["sessions"]`: one pass over the sessions' covering
    index with a `count(*) FILTER` / `sum FILTER` pair per category, topics and organisers
    read from the sessions' bit masks. Only the breakdowns named in `dimensions` are computed
    (the others are empty): one costs about a third of three over a million sessions."""
    return session_breakdown_of(session, resolve(session, filters, lang), dimensions)


def added(first: SessionBreakdown, second: SessionBreakdown) -> SessionBreakdown:
    """The breakdowns of two disjoint sets of sessions (two halves of a period) added up."""
    def categories(mine: tuple[Category, ...], theirs: tuple[Category, ...]) -> tuple[Category, ...]:
        assert [c.code for c in mine] == [c.code for c in theirs]
        return tuple(replace(a, sessions=a.sessions + b.sessions, attendees=a.attendees + b.attendees)
                     for a, b in zip(mine, theirs, strict=True))

    return SessionBreakdown(first.sessions + second.sessions, first.attendees + second.attendees,
                            first.member_attendees + second.member_attendees,
                            categories(first.by_kind, second.by_kind), categories(first.by_topic, second.by_topic),
                            categories(first.by_organisation, second.by_organisation))


def session_breakdown_of(session: Session, scope: Scope, dimensions: Sequence[str] = DIMENSIONS) -> SessionBreakdown:
    """`session_breakdown` of a scope already resolved."""
    S = DisseminationSession

    groups: dict[str, tuple[list[str], list[ColumnElement[bool]], dict[str, tuple[str, str]]]] = {}
    if "kind" in dimensions:
        kinds = list(SESSION_KINDS.codes)  # the column's CHECK constraint allows no other
        groups["kind"] = (kinds, [S.kind == k for k in kinds], _labels(SESSION_KINDS))
    if "topic" in dimensions:
        catalogue = {code: (bit, vi, en) for code, bit, vi, en in session.execute(
            select(Topic.code, Topic.bit, Topic.label_vi, Topic.label_en))}
        topics = in_order(TOPICS, catalogue)  # topics added to the catalogue come last
        labels = {code: (vi, en) for code, (_bit, vi, en) in catalogue.items()} | _labels(TOPICS)
        groups["topic"] = (topics, [bit_set(S.topic_mask, catalogue[code][0]) for code in topics], labels)
    if "organisation" in dimensions:
        organisations = list(ORGANISATIONS.codes)
        groups["organisation"] = (organisations, [bit_set(S.organiser_mask, organiser_bit(o)) for o in organisations],
                                  _labels(ORGANISATIONS))
    conditions = [c for _codes, group, _labels_ in groups.values() for c in group]
    (count, attendees, members), pairs = pivot(
        session, [func.count(), func.sum(S.attendees), func.sum(S.member_attendees)], conditions, S.attendees,
        scope.conditions(S, S.held_on))
    found: dict[str, tuple[Category, ...]] = {}
    position = 0
    for name, (codes, _conditions, labels) in groups.items():
        found[name] = tuple(Category(code, *labels.get(code, (code, code)), *pairs[position + i])
                            for i, code in enumerate(codes))
        position += len(codes)
    return SessionBreakdown(int(count), int(attendees or 0), int(members or 0),
                            found.get("kind", ()), found.get("topic", ()), found.get("organisation", ()))


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelCell:
    """The models of one type in one status; `typical` of them recognised as typical."""

    type: str
    status: str
    models: int
    typical: int


@dataclass(frozen=True)
class ModelFigures:
    """Security models in existence at the end of the period (the rules of `compute_stats`:
    launched on or before `date_to` or without a launch date; typical when recognised on or
    before `date_to`), by type × status: every pair in vocabulary order, even at zero."""

    models: int
    typical: int
    cells: tuple[ModelCell, ...]

    def of_type(self, model_type: str) -> tuple[int, int]:
        """(models, typical) of one type, whatever the status."""
        cells = [c for c in self.cells if c.type == model_type]
        return sum(c.models for c in cells), sum(c.typical for c in cells)


def model_figures(session: Session, filters: Filters, lang: str | None = None) -> ModelFigures:
    return _model_figures(session, resolve(session, filters, lang))


def _model_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    M = SecurityModel
    conditions: list[ColumnElement[bool]] = [M.deleted.is_(False)]
    if scope.unit_ids is not None:
        conditions.append(M.unit_id.in_(scope.unit_ids))
    if scope.approved_only:  # a model counts by its launch: one without a launch date is never approved
        conditions.append(covered_by_approval(M.unit_id, M.launched_on))
    if scope.date_to is not None:
        conditions.append(or_(M.launched_on.is_(None), M.launched_on <= scope.date_to))
    return conditions


def _recognised(scope: Scope) -> ColumnElement[bool]:
    recognised = exists().where(TypicalRecognition.model_id == SecurityModel.id)
    if scope.date_to is not None:
        recognised = recognised.where(TypicalRecognition.recognised_on <= scope.date_to)
    return recognised


def _model_figures(session: Session, scope: Scope) -> ModelFigures:
    M = SecurityModel
    found = {
        (model_type, status): (int(count), int(typical or 0))
        for model_type, status, count, typical in session.execute(
            select(M.type, M.status, func.count(), func.sum(case((_recognised(scope), 1), else_=0)))
            .where(*_model_conditions(scope))
            .group_by(M.type, M.status)
        )
    }
    types = in_order(MODEL_TYPES, {t for t, _ in found})
    statuses = in_order(MODEL_STATUSES, {s for _, s in found})
    cells = tuple(ModelCell(t, s, *found.get((t, s), (0, 0))) for t in types for s in statuses)
    return ModelFigures(sum(c.models for c in cells), sum(c.typical for c in cells), cells)


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """What members of one kind of organisation gave: sources received, and the cases (with
    their individuals) that at least one of those sources led to."""

    code: str
    label_vi: str
    label_en: str
    sources: int
    cases: int
    individuals: int

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class SourceFigures:
    """`sources`, `cases`, `individuals` are `compute_stats(...)["sources"]`'s count, cases and
    individuals. By organisation: a source under the kind of its (non-deleted) organisation, a
    case under each kind of organisation among its non-deleted sources (a case from a police
    source and a Women's Union source counts under both); sources and cases with no
    organisation count only in the totals."""

    sources: int
    cases: int
    individuals: int
    by_organisation: tuple[SourceRow, ...]


def linked_to_a_source() -> ColumnElement[bool]:
    """An SQL condition on `UncoveredCase`: linked to at least one non-deleted source (what
    `compute_stats` counts as a case uncovered from sources, from the links themselves), read
    from the case's own mask in its figures index."""
    return bit_set(UncoveredCase.source_kinds, LINKED_BIT)


def source_figures(session: Session, filters: Filters, lang: str | None = None) -> SourceFigures:
    return _source_figures(session, resolve(session, filters, lang))


def _source_figures(session: Session, scope: Scope) -> SourceFigures:
    Src, C, O = InformationSource, UncoveredCase, Organisation
    kinds = ORGANISATIONS.codes
    live_organisation = and_(O.id == Src.organisation_id, O.deleted.is_(False))
    sources = session.execute(
        select(func.count(), *(func.count().filter(O.kind == k) for k in kinds))
        .select_from(Src).outerjoin(O, live_organisation)
        .where(*scope.conditions(Src, Src.received_on))
    ).one()

    # Cases read from their figures index alone: each case's mask of the kinds of organisation
    # among its live sources (`UncoveredCase.source_kinds`), not a join over its links.
    kind_of = [bit_set(C.source_kinds, organiser_bit(k)) for k in kinds]
    (cases, individuals), by_kind = pivot(session, [func.count(), func.sum(C.individuals)], kind_of, C.individuals,
                                          [*scope.conditions(C, C.opened_on), linked_to_a_source()])

    labels = _labels(ORGANISATIONS)
    rows = tuple(
        SourceRow(k, *labels[k], int(sources[1 + i]), *by_kind[i]) for i, k in enumerate(kinds)
    )
    return SourceFigures(int(sources[0]), int(cases), int(individuals or 0), rows)


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommendationFigures:
    """`compute_stats(...)["commendations"]`: the decisions taken in the unit and period and
    their (non-deleted) collective and individual recipients."""

    decisions: int
    collectives: int
    individuals: int


def commendation_figures(session: Session, filters: Filters, lang: str | None = None) -> CommendationFigures:
    scope = resolve(session, filters, lang)
    counts = commendation_counts(session, scope.unit_ids, scope.date_from, scope.date_to, scope.approved_only)
    return CommendationFigures(counts["decisions"], counts["collectives"], counts["individuals"])
