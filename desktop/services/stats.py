"""The figures a review conference quotes, for a unit (and everything under it) and a period.

`compute_stats` answers with a JSON-able dict; `format_stats` prints the same figures as a plain
text table in Vietnamese or English. Every count and sum is made by the database (COUNT, SUM,
aggregate FILTER clauses and GROUP BY, as SQLAlchemy Core expressions that read the same on SQLite
and PostgreSQL); Python only lays the few result rows out in vocabulary order.

Rules (also in `compute_stats`'s docstring):

- a record counts in a unit's figures when its `unit_id` rolls up into that unit (the
  `unit_rollup` closure table: the unit itself, everything under it and, for a current 2025
  unit, the pre-2025 units whose primary successor it is — see docs/units.md);
- deleted records never count, nor do links to deleted records (a case linked only to deleted
  sources, a session organiser that is a deleted organisation, a deleted recipient);
- both dates are inclusive and either may be absent.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    Organisation,
    SecurityModel,
    Topic,
    TypicalRecognition,
    UncoveredCase,
    case_source,
)
from db.models.activities import bit_set, organiser_bit
from db.units import find_unit, rolled_up_unit_ids, scheme_on
from db.vocab import (
    MODEL_TYPES,
    ORGANISATIONS,
    SESSION_KINDS,
    TOPICS,
    UNIT_SCHEMES,
    Vocabulary,
)
from desktop.i18n import t
from desktop.services.approvals import covered_by_approval
from desktop.services.installation import Database
from desktop.services.pivot import pivot

# ---------------------------------------------------------------------------------------------
# Errors and labels (their words are the "stats_" messages of desktop.i18n)


def _text(key: str, lang: str, **values: object) -> str:
    return t(f"stats_{key}", lang, **values)


def _current_language() -> str:
    from desktop.i18n import language

    return language()


class StatsError(ValueError):
    """A request for figures the user can correct (unknown unit code, reversed period)."""

    def message(self, lang: str | None = None) -> str:  # pragma: no cover - overridden
        return str(self)


class UnknownUnit(StatsError):
    """No unit has this code in the unit list in force on the requested date."""

    def __init__(self, code: str, day: dt.date | None, lang: str | None = None) -> None:
        self.code = code
        self.day = day or dt.date.today()
        self.scheme = scheme_on(self.day)
        super().__init__(self.message(lang))

    def message(self, lang: str | None = None) -> str:
        lang = lang or _current_language()
        return _text(
            "unknown_unit",
            lang,
            code=self.code,
            scheme=UNIT_SCHEMES.label(self.scheme, lang),
            day=format_date(self.day, lang),
        )


class InvalidPeriod(StatsError):
    """`date_from` is after `date_to`."""

    def __init__(self, date_from: dt.date, date_to: dt.date, lang: str | None = None) -> None:
        self.date_from = date_from
        self.date_to = date_to
        super().__init__(self.message(lang))

    def message(self, lang: str | None = None) -> str:
        lang = lang or _current_language()
        return _text(
            "bad_period", lang, start=format_date(self.date_from, lang), end=format_date(self.date_to, lang)
        )


# ---------------------------------------------------------------------------------------------
# Numbers and dates the way each language writes them


def format_number(n: float, lang: str) -> str:
    """1.234.567 in Vietnamese, 1,234,567 in English (decimals: 12,5 / 12.5)."""
    text = f"{n:,}"  # 1,234,567.5
    if lang == "en":
        return text
    return text.translate(str.maketrans({",": ".", ".": ","}))


def format_date(day: dt.date | None, lang: str) -> str:
    """18/07/2024 in both languages (the application's table format)."""
    del lang
    return day.strftime("%d/%m/%Y") if day else ""


# ---------------------------------------------------------------------------------------------
# The figures


def _not_deleted(model: Any) -> ColumnElement[bool]:
    return model.deleted.is_(False)


def record_filter(
    model: Any,
    date_column: Any,
    unit_ids: Any | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    approved: bool = False,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_not_deleted(model)]
    if unit_ids is not None:
        conditions.append(model.unit_id.in_(unit_ids))
    if approved:  # only what a standing approval covers (desktop.services.approvals)
        conditions.append(covered_by_approval(model.unit_id, date_column))
    if date_from is not None:
        conditions.append(date_column >= date_from)
    if date_to is not None:
        conditions.append(date_column <= date_to)
    return conditions


def in_order(vocabulary: Vocabulary, found: Iterable[str]) -> list[str]:
    """The vocabulary's codes in its order, then any other code found (e.g. a topic added to the
    catalogue), sorted."""
    extra = sorted(set(found) - set(vocabulary.codes))
    return [*vocabulary.codes, *extra]


def _session_figures(session: Session, filters: list[ColumnElement[bool]]) -> dict[str, Any]:
    """One pass over the sessions' covering index: totals, and the count and attendees per kind,
    per topic and per organisation kind (`desktop.services.pivot`). Topics and organisers are read from the
    bit masks each session keeps of its links, so a session organised by the police and the
    Women's Union counts once in the total and once under each (two police organisers count
    once under police)."""
    S = DisseminationSession
    kinds = list(SESSION_KINDS.codes)  # the column's CHECK constraint allows no other
    bits = dict(session.execute(select(Topic.code, Topic.bit)).all())
    topics = in_order(TOPICS, bits)
    organisations = list(ORGANISATIONS.codes)

    conditions = [
        *(S.kind == k for k in kinds),
        *(bit_set(S.topic_mask, bits[t]) for t in topics),
        *(bit_set(S.organiser_mask, organiser_bit(o)) for o in organisations),
    ]
    (count, attendees, members), pairs = pivot(
        session, [func.count(), func.sum(S.attendees), func.sum(S.member_attendees)], conditions, S.attendees, filters)
    k, t = len(kinds), len(topics)

    def by_code(codes: Sequence[str], found: Sequence[tuple[int, int]]) -> dict[str, dict[str, int]]:
        return {code: {"count": n, "attendees": total} for code, (n, total) in zip(codes, found, strict=True)}

    return {
        "count": int(count),
        "attendees": int(attendees or 0),
        "member_attendees": int(members or 0),
        "by_kind": by_code(kinds, pairs[:k]),
        "by_topic": by_code(topics, pairs[k:k + t]),
        "by_organisation": by_code(organisations, pairs[k + t:]),
    }


def _model_figures(
    session: Session, unit_ids: Any | None, date_from: dt.date | None, date_to: dt.date | None,
    approved: bool = False,
) -> dict[str, Any]:
    M = SecurityModel
    conditions: list[ColumnElement[bool]] = [_not_deleted(M)]
    if unit_ids is not None:
        conditions.append(M.unit_id.in_(unit_ids))
    if approved:  # a model counts by its launch: one without a launch date is never approved
        conditions.append(covered_by_approval(M.unit_id, M.launched_on))
    if date_to is not None:
        conditions.append(or_(M.launched_on.is_(None), M.launched_on <= date_to))

    recognised = exists().where(TypicalRecognition.model_id == M.id)
    if date_to is not None:
        recognised = recognised.where(TypicalRecognition.recognised_on <= date_to)

    if date_from is None and date_to is None:
        launched_in_period: ColumnElement[bool] | None = None  # every model counted
    else:
        bounds = [M.launched_on.is_not(None)]
        if date_from is not None:
            bounds.append(M.launched_on >= date_from)
        if date_to is not None:
            bounds.append(M.launched_on <= date_to)
        launched_in_period = and_(*bounds)

    launched_column = (
        func.count() if launched_in_period is None else func.sum(case((launched_in_period, 1), else_=0))
    )
    rows = {
        model_type: (int(count), int(typical or 0), int(launched or 0))
        for model_type, count, typical, launched in session.execute(
            select(M.type, func.count(), func.sum(case((recognised, 1), else_=0)), launched_column)
            .where(*conditions)
            .group_by(M.type)
        )
    }
    return {
        "count": sum(r[0] for r in rows.values()),
        "typical": sum(r[1] for r in rows.values()),
        "launched": sum(r[2] for r in rows.values()),
        "by_type": {
            code: {
                "count": rows.get(code, (0, 0, 0))[0],
                "typical": rows.get(code, (0, 0, 0))[1],
                "launched": rows.get(code, (0, 0, 0))[2],
            }
            for code in in_order(MODEL_TYPES, rows)
        },
    }


def _source_figures(
    session: Session, unit_ids: Any | None, date_from: dt.date | None, date_to: dt.date | None,
    approved: bool = False,
) -> dict[str, Any]:
    Src = InformationSource
    C = UncoveredCase

    organisations = list(ORGANISATIONS.codes)
    row = session.execute(
        select(
            func.count(),
            *(func.count().filter(Organisation.kind == code) for code in organisations),
        )
        .select_from(Src)
        .outerjoin(Organisation, and_(Organisation.id == Src.organisation_id, _not_deleted(Organisation)))
        .where(*record_filter(Src, Src.received_on, unit_ids, date_from, date_to, approved))
    ).one()

    # From the links themselves, not from the cases' `source_kinds` mask that the review figures
    # read: `compute_stats` is what the figures are tested against, so those tests also check
    # the triggers that keep the mask.
    linked = exists().where(
        case_source.c.case_id == C.id,
        case_source.c.source_id == Src.id,
        _not_deleted(Src),
    )
    cases, individuals = session.execute(
        select(func.count(), func.sum(C.individuals)).where(
            *record_filter(C, C.opened_on, unit_ids, date_from, date_to, approved), linked
        )
    ).one()

    return {
        "count": int(row[0]),
        "cases": int(cases),
        "individuals": int(individuals or 0),
        "by_organisation": {code: {"count": int(row[1 + i])} for i, code in enumerate(organisations)},
    }


def commendation_counts(
    session: Session, unit_ids: Any | None, date_from: dt.date | None, date_to: dt.date | None,
    approved: bool = False,
) -> dict[str, Any]:
    """Decisions in the unit and period, and their recipients of each kind (shared with
    `figures.commendation_figures`)."""
    D = CommendationDecision
    R = CommendationRecipient
    filters = record_filter(D, D.decided_on, unit_ids, date_from, date_to, approved)
    decisions = session.scalar(select(func.count()).select_from(D).where(*filters))
    recipients = {
        kind: int(count)
        for kind, count in session.execute(
            select(R.kind, func.count())
            .join(D, D.id == R.decision_id)
            .where(*filters, _not_deleted(R))
            .group_by(R.kind)
        )
    }
    return {
        "decisions": int(decisions or 0),
        "collectives": recipients.get("collective", 0),
        "individuals": recipients.get("individual", 0),
    }


def compute_stats(
    source: Session | Database,
    unit_code: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    *,
    lang: str | None = None,
    approved_only: bool = False,
    unit_scheme: str | None = None,
) -> dict[str, Any]:
    """The movement's figures for a unit and everything under it, over a period.

    Unit: `unit_code` is read in the unit list in force on `date_to` (today's list when there is
    no `date_to`): "06652" is Phường Hà Tu with a 2025 end date and Phường Hà Phong with an end
    date before 1 July 2025; `unit_scheme` ("pre2025" or "2025") names the list instead, for a
    caller that offered units of one list. The figures cover the unit, every unit under it and, for a current
    (2025) unit, the pre-2025 units whose primary successor it is (`db.units.rolled_up_unit_ids`).
    Without `unit_code` the figures cover the WHOLE DATABASE (every unit; for a province office
    that is everything imported), and "unit" is null. An unknown code raises `UnknownUnit`
    (message in `lang`, or the current language).

    Period: both dates inclusive, either may be None (no bound); `date_from > date_to` raises
    `InvalidPeriod`. Sessions are dated by `held_on`, sources by `received_on`, cases by
    `opened_on`, commendation decisions by `decided_on`.

    Security models are a stock, not a flow: `models.count` is the models in existence at the
    end of the period — launched on or before `date_to`, or with no launch date — whatever their
    status and whatever `date_from`; `models.typical` is those among them with at least one
    recognition as typical dated on or before `date_to`. With no `date_to` every model (and every
    recognition) counts. The flow is in the extra key `models.launched`: models launched between
    the two dates (a model without a launch date is counted there only when no date is given).

    Counting: a session counts once in `sessions.count` and once under each of its topics and
    each kind of organisation organising it (`by_topic`, `by_organisation`: so those add up to
    more than the total); deleted organisations are ignored there. `sources.count` is the sources
    received; `sources.by_organisation` splits them by the kind of organisation whose member
    gave them (sources with no organisation count only in the total). `sources.cases` is the
    cases opened in the unit and period that are linked to at least one non-deleted source, and
    `sources.individuals` the sum of their `individuals`. `commendations.decisions` is the
    decisions taken in the unit and period, `collectives` / `individuals` their non-deleted
    recipients of each kind. Deleted records never count.

    Every code of SESSION_KINDS, TOPICS, ORGANISATIONS and MODEL_TYPES is a key of its `by_*`
    dict, in vocabulary order, even at zero (`by_topic` then lists any topic added to the
    catalogue since). The extra keys `unit_name`, `unit_scheme`, `unit_level`, `models.launched`
    and `models.by_type[*].launched` may be ignored.

    With `approved_only`, only records covered by a standing approval count (the province's
    figures of approved data, see desktop.services.approvals: a session, source, case or
    decision by its unit and date, a recipient with its decision, a model by its launch date);
    the result then says `"approved_only": true`.

    Given a `Database` rather than a session, the session figures (the one big scan) run on a
    second connection in a worker thread while the rest are read, each with its own session:
    on two cores that takes the time of the longest query instead of the sum. Given a session,
    everything is read in it (and sees what it has not committed yet).
    """
    if isinstance(source, Database):
        with source.sessions() as session, ThreadPoolExecutor(max_workers=1) as pool:
            return _compute(session, unit_code, date_from, date_to, lang,
                            lambda filters: pool.submit(_session_figures_alone, source, filters).result,
                            approved_only, unit_scheme)
    return _compute(source, unit_code, date_from, date_to, lang,
                    lambda filters: partial(_session_figures, source, filters), approved_only, unit_scheme)


def _session_figures_alone(database: Database, filters: list[ColumnElement[bool]]) -> dict[str, Any]:
    with database.sessions() as own:
        return _session_figures(own, filters)


def _compute(
    session: Session,
    unit_code: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    lang: str | None,
    start_sessions: Callable[[list[ColumnElement[bool]]], Callable[[], dict[str, Any]]],
    approved_only: bool = False,
    unit_scheme: str | None = None,
) -> dict[str, Any]:
    """`start_sessions(filters)` starts the session figures and returns how to get them."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise InvalidPeriod(date_from, date_to, lang)

    unit: AdminUnit | None = None
    unit_ids = None
    if unit_code is not None:
        unit = find_unit(session, unit_code, date_to, unit_scheme)
        if unit is None:
            raise UnknownUnit(unit_code.strip(), date_to if (unit_scheme or "pre2025") == "pre2025" else None, lang)
        unit_ids = rolled_up_unit_ids(unit.id)

    session_filters = record_filter(
        DisseminationSession, DisseminationSession.held_on, unit_ids, date_from, date_to, approved_only
    )
    sessions = start_sessions(session_filters)
    models = _model_figures(session, unit_ids, date_from, date_to, approved_only)
    sources = _source_figures(session, unit_ids, date_from, date_to, approved_only)
    commendations = commendation_counts(session, unit_ids, date_from, date_to, approved_only)
    figures = {
        "unit": unit.code if unit else None,
        "unit_name": unit.name if unit else None,
        "unit_scheme": unit.scheme if unit else None,
        "unit_level": unit.level if unit else None,
        "from": date_from.isoformat() if date_from else None,
        "to": date_to.isoformat() if date_to else None,
        "sessions": sessions(),
        "models": models,
        "sources": sources,
        "commendations": commendations,
    }
    if approved_only:
        figures["approved_only"] = True
    return figures


# ---------------------------------------------------------------------------------------------
# The plain-text table


def period_text(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """"từ 01/01/2024 đến 31/12/2024", "từ …", "đến …" or "toàn bộ thời gian" (shared with the charts)."""
    if start and end:
        return _text("from_to", lang, start=format_date(start, lang), end=format_date(end, lang))
    if start:
        return _text("from_only", lang, start=format_date(start, lang))
    if end:
        return _text("to_only", lang, end=format_date(end, lang))
    return _text("all_time", lang)


def _period_text(stats: dict[str, Any], lang: str) -> str:
    start = dt.date.fromisoformat(stats["from"]) if stats.get("from") else None
    end = dt.date.fromisoformat(stats["to"]) if stats.get("to") else None
    return period_text(start, end, lang)


def _unit_text(stats: dict[str, Any], lang: str) -> str:
    if not stats.get("unit"):
        return _text("whole_database", lang)
    name = stats.get("unit_name") or stats["unit"]
    scheme = stats.get("unit_scheme")
    detail = f"{_text('code', lang)} {stats['unit']}"
    if scheme:
        detail += f", {UNIT_SCHEMES.label(scheme, lang)}"
    return f"{name} — {detail}"


class _Table:
    """Rows of a label and up to two numbers, laid out in aligned columns."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rows: list[tuple[str, ...] | None] = []

    def heading(self, label: str, *columns: str) -> None:
        self.rows.append((label, *columns))

    def row(self, label: str, *numbers: int | None, indent: int = 1) -> None:
        cells = tuple("" if n is None else format_number(n, self.lang) for n in numbers)
        self.rows.append(("  " * indent + label, *cells))

    def blank(self) -> None:
        self.rows.append(None)

    def render(self) -> list[str]:
        present = [r for r in self.rows if r is not None]
        label_width = max(len(r[0]) for r in present)
        columns = max(len(r) for r in present) - 1
        widths = [max((len(r[i + 1]) for r in present if len(r) > i + 1), default=0) for i in range(columns)]
        lines = []
        for r in self.rows:
            if r is None:
                lines.append("")
                continue
            cells = [r[0].ljust(label_width)]
            cells += [(r[i + 1] if len(r) > i + 1 else "").rjust(widths[i]) for i in range(columns)]
            lines.append("  ".join(cells).rstrip())
        return lines


def format_stats(stats: dict[str, Any], lang: str) -> str:
    """The figures of `compute_stats` as a plain-text table, in Vietnamese ("vi", numbers
    1.234.567) or English ("en", numbers 1,234,567), labelled with the vocabulary's words."""
    out = [
        _text("title", lang),
        f"{_text('unit', lang)}: {_unit_text(stats, lang)}",
        f"{_text('period', lang)}: {_period_text(stats, lang)}",
        *([_text("approved_only", lang)] if stats.get("approved_only") else []),
        "",
    ]
    table = _Table(lang)

    sessions = stats["sessions"]
    table.heading(_text("sessions", lang), _text("sessions_count", lang), _text("attendees", lang))
    table.row(_text("total", lang), sessions["count"], sessions["attendees"])
    table.row(_text("of_whom_members", lang), None, sessions["member_attendees"], indent=2)
    for key, vocabulary in (("by_kind", SESSION_KINDS), ("by_topic", TOPICS), ("by_organisation", ORGANISATIONS)):
        table.row(_text(key, lang))
        for code, figures in sessions[key].items():
            table.row(vocabulary.label(code, lang), figures["count"], figures["attendees"], indent=2)
    table.blank()

    models = stats["models"]
    table.heading(_text("models", lang), _text("models_count", lang), _text("typical", lang))
    table.row(_text("total", lang), models["count"], models["typical"])
    if "launched" in models:
        table.row(_text("launched", lang), models["launched"], None, indent=2)
    table.row(_text("by_type", lang))
    for code, figures in models["by_type"].items():
        table.row(MODEL_TYPES.label(code, lang), figures["count"], figures["typical"], indent=2)
    table.blank()

    sources = stats["sources"]
    table.heading(_text("sources", lang), _text("number", lang))
    table.row(_text("sources_count", lang), sources["count"])
    table.row(_text("by_organisation", lang), indent=2)
    for code, figures in sources["by_organisation"].items():
        table.row(ORGANISATIONS.label(code, lang), figures["count"], indent=3)
    table.row(_text("cases", lang), sources["cases"])
    table.row(_text("individuals", lang), sources["individuals"])
    table.blank()

    commendations = stats["commendations"]
    table.heading(_text("commendations", lang), _text("number", lang))
    table.row(_text("decisions", lang), commendations["decisions"])
    table.row(_text("collectives", lang), commendations["collectives"])
    table.row(_text("individuals_commended", lang), commendations["individuals"])

    out += table.render()
    return "\n".join(out) + "\n"
