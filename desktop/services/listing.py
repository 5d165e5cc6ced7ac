"""The record lists: which records of a kind a list shows (unit, period, codes, quick search),
in which order, and their ids page by page (the values shown: desktop.services.list_rows).

Headless (no Qt): the table model of desktop.ui.record_table asks `page` for the first ids, the
count (`quick_count`, else `count` in the background), further pages as the view scrolls, and
`list_rows.rows` for the block it is painting. Filtering, sorting and paging are done by the
database (a WHERE, an ORDER BY with a tie-break on id, keyset pages), so a list of a million
records is never read as rows, only as ids. Sort keys and code filters are whitelisted per
kind: nothing the caller passes is put into SQL as text.

Speed over a million records (bench/ui.py): the default order of the big kinds is an index of
its own that carries the unit, the deleted flag and the filtered codes (migration 0004), so any
page in that order is read from the index alone; a unit filter covering every record is
dropped; a quick search is read by id when narrow and held as a set while walking the index in
order when broad.

Rules: a record is listed for a unit when its `unit_id` rolls up into that unit (the unit, what
is under it, and the old communes merged into it); a recipient belongs to its decision's unit
and date; deleted records (and recipients of deleted decisions) are left out unless asked for;
both dates are inclusive.
"""
from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    SecurityModel,
    Topic,
    UncoveredCase,
)
from db.models.activities import bit_set, organiser_bit
from db.search import fts_table, matches, query_words
from db.units import rolled_up_unit_ids
from db.vocab import (
    CATEGORIES,
    CHANNELS,
    COMMENDATION_FORMS,
    MODEL_STATUSES,
    MODEL_TYPES,
    ORGANISATIONS,
    RECIPIENT_KINDS,
    SESSION_KINDS,
    SOURCE_STATUSES,
    Vocabulary,
)

KINDS = ("sessions", "models", "sources", "cases", "commendations", "recipients")

CLASS_OF: dict[str, Any] = {
    "sessions": DisseminationSession,
    "models": SecurityModel,
    "sources": InformationSource,
    "cases": UncoveredCase,
    "commendations": CommendationDecision,
    "recipients": CommendationRecipient,
}

# The date a list's period filters on (a recipient's is its decision's).
DATE_OF: dict[str, Any] = {
    "sessions": DisseminationSession.held_on,
    "models": SecurityModel.launched_on,
    "sources": InformationSource.received_on,
    "cases": UncoveredCase.opened_on,
    "commendations": CommendationDecision.decided_on,
    "recipients": CommendationDecision.decided_on,
}

# The unit a list's unit filter reads (a recipient's is its decision's).
UNIT_OF: dict[str, Any] = {
    "sessions": DisseminationSession.unit_id,
    "models": SecurityModel.unit_id,
    "sources": InformationSource.unit_id,
    "cases": UncoveredCase.unit_id,
    "commendations": CommendationDecision.unit_id,
    "recipients": CommendationDecision.unit_id,
}

# The columns shown: (key of `list_rows.rows`' dicts, Vietnamese header, English header).
COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "sessions": [
        ("ref", "Số hiệu", "Reference"),
        ("held_on", "Ngày", "Date"),
        ("kind", "Hình thức", "Kind"),
        ("unit", "Đơn vị", "Unit"),
        ("organisers", "Cơ quan tổ chức", "Organisers"),
        ("attendees", "Số lượt người", "Attendees"),
        ("member_attendees", "Hội viên, đoàn viên", "Members"),
        ("place", "Địa điểm", "Place"),
    ],
    "models": [
        ("ref", "Số hiệu", "Reference"),
        ("name", "Tên mô hình", "Name"),
        ("type", "Loại", "Type"),
        ("status", "Tình trạng", "Status"),
        ("unit", "Đơn vị", "Unit"),
        ("launched_on", "Ngày ra mắt", "Launched"),
        ("members", "Số thành viên", "Members"),
        ("cameras", "Số camera", "Cameras"),
    ],
    "sources": [
        ("ref", "Số hiệu", "Reference"),
        ("received_on", "Ngày tiếp nhận", "Received"),
        ("category", "Lĩnh vực", "Category"),
        ("channel", "Hình thức cung cấp", "Channel"),
        ("status", "Tình trạng", "Status"),
        ("unit", "Đơn vị", "Unit"),
        ("content", "Nội dung", "Content"),
    ],
    "cases": [
        ("ref", "Số hiệu", "Reference"),
        ("opened_on", "Ngày phát hiện", "Opened"),
        ("category", "Lĩnh vực", "Category"),
        ("individuals", "Số đối tượng", "Individuals"),
        ("unit", "Đơn vị", "Unit"),
        ("summary", "Tóm tắt", "Summary"),
    ],
    "commendations": [
        ("ref", "Số hiệu", "Reference"),
        ("number", "Số quyết định", "Decision number"),
        ("decided_on", "Ngày quyết định", "Decided"),
        ("form", "Hình thức khen thưởng", "Form"),
        ("authority", "Cấp khen thưởng", "Authority"),
        ("unit", "Đơn vị", "Unit"),
        ("recipients", "Số tập thể, cá nhân", "Recipients"),
    ],
    "recipients": [
        ("ref", "Số hiệu", "Reference"),
        ("name", "Tên", "Name"),
        ("title", "Danh xưng", "Title"),
        ("kind", "Tập thể/cá nhân", "Collective/individual"),
        ("position", "Chức vụ", "Position"),
        ("decision_number", "Số quyết định", "Decision number"),
        ("decided_on", "Ngày quyết định", "Decided"),
        ("form", "Hình thức khen thưởng", "Form"),
    ],
}

# Sortable keys per kind and the expression each sorts by (the unit sorts by its name).
_UNIT_NAME = AdminUnit.name
SORTS: dict[str, dict[str, Any]] = {
    "sessions": {
        "ref": DisseminationSession.ref,
        "held_on": DisseminationSession.held_on,
        "kind": DisseminationSession.kind,
        "unit": _UNIT_NAME,
        "attendees": DisseminationSession.attendees,
        "member_attendees": DisseminationSession.member_attendees,
        "place": DisseminationSession.place,
    },
    "models": {
        "ref": SecurityModel.ref,
        "name": SecurityModel.name,
        "type": SecurityModel.type,
        "status": SecurityModel.status,
        "unit": _UNIT_NAME,
        "launched_on": SecurityModel.launched_on,
        "members": SecurityModel.members,
        "cameras": SecurityModel.cameras,
    },
    "sources": {
        "ref": InformationSource.ref,
        "received_on": InformationSource.received_on,
        "category": InformationSource.category,
        "channel": InformationSource.channel,
        "status": InformationSource.status,
        "unit": _UNIT_NAME,
    },
    "cases": {
        "ref": UncoveredCase.ref,
        "opened_on": UncoveredCase.opened_on,
        "category": UncoveredCase.category,
        "individuals": UncoveredCase.individuals,
        "unit": _UNIT_NAME,
    },
    "commendations": {
        "ref": CommendationDecision.ref,
        "number": CommendationDecision.number,
        "decided_on": CommendationDecision.decided_on,
        "form": CommendationDecision.form,
        "authority": CommendationDecision.authority,
        "unit": _UNIT_NAME,
    },
    "recipients": {
        "ref": CommendationRecipient.ref,
        "name": CommendationRecipient.name,
        "title": CommendationRecipient.title,
        "kind": CommendationRecipient.kind,
        "position": CommendationRecipient.position,
        "decision_number": CommendationDecision.number,
        "decided_on": CommendationDecision.decided_on,
        "form": CommendationDecision.form,
    },
}

# The default sort of each kind: newest first by its date (recipients: by decision date).
DEFAULT_SORT = {kind: DATE_OF[kind].key for kind in KINDS}

# Code filters per kind: name → (vocabulary or None for the topic catalogue, column).
FILTERS: dict[str, dict[str, tuple[Vocabulary | None, Any]]] = {
    "sessions": {
        "kind": (SESSION_KINDS, DisseminationSession.kind),
        "topic": (None, DisseminationSession.topic_mask),
        "organisation": (ORGANISATIONS, DisseminationSession.organiser_mask),
    },
    "models": {"type": (MODEL_TYPES, SecurityModel.type), "status": (MODEL_STATUSES, SecurityModel.status)},
    "sources": {
        "category": (CATEGORIES, InformationSource.category),
        "channel": (CHANNELS, InformationSource.channel),
        "status": (SOURCE_STATUSES, InformationSource.status),
    },
    "cases": {"category": (CATEGORIES, UncoveredCase.category)},
    "commendations": {"form": (COMMENDATION_FORMS, CommendationDecision.form)},
    "recipients": {
        "kind": (RECIPIENT_KINDS, CommendationRecipient.kind),
        "form": (COMMENDATION_FORMS, CommendationDecision.form),
    },
}


@dataclass(frozen=True)
class ListQuery:
    """What a list shows. `codes` maps a filter name of `FILTERS[kind]` to a code (for
    sessions: "kind", "topic", "organisation"); `sort` a key of `SORTS[kind]` (None: the
    kind's date, newest first unless `descending` says otherwise explicitly)."""

    kind: str
    unit_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    codes: Mapping[str, str] = field(default_factory=dict)
    search: str = ""
    include_deleted: bool = False
    sort: str | None = None
    descending: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown list kind: {self.kind!r}")
        if self.sort is not None and self.sort not in SORTS[self.kind]:
            raise ValueError(f"{self.kind} cannot be sorted by {self.sort!r}")
        for name, code in self.codes.items():
            if name not in FILTERS[self.kind]:
                raise ValueError(f"{self.kind} have no filter {name!r}")
            vocabulary = FILTERS[self.kind][name][0]
            if vocabulary is not None and code not in vocabulary:
                raise ValueError(f"{code!r} is not a code of {vocabulary.name}")


def sortable(kind: str, key: str) -> bool:
    return key in SORTS[kind]


# Kinds whose default order (by date, then id) is an index of its own (migration 0004), carrying
# the unit, the deleted flag and the filtered codes: a page in that order is read straight from
# the index, with no sort, whatever the filters; a period is a range of it.
INDEXED_ORDER = frozenset({"sessions", "models", "sources", "cases"})

# A quick search matching fewer records than this is read record by record through the search
# index (then sorted); a broader one is held as a set while the list's index is walked in order.
NARROW_SEARCH = 10_000
# A word shorter than this starts many words of the index, which FTS5 merges in full before the
# first match (30 to 120 ms over a million records): such a search is taken as broad unasked.
SHORT_WORD = 4


@dataclass(frozen=True)
class Page:
    """Ids of a list in its order, and where the next page starts (`after`; None: the list
    ends with this page)."""

    ids: array[int]
    after: tuple[Any, int] | None

    @property
    def complete(self) -> bool:
        return self.after is None


def in_index_order(query: ListQuery) -> bool:
    """Whether the list is read in order from an index: its pages then cost only what they read,
    and deep pages are as cheap as the first (else each page sorts what remains)."""
    return query.kind in INDEXED_ORDER and (query.sort or DEFAULT_SORT[query.kind]) == DEFAULT_SORT[query.kind]


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _unindexed(column: Any) -> ColumnElement[Any]:
    """`column + 0`: the same value, but the planner no longer looks for an index on it, so that
    it walks the list's own index in order instead of collecting the matches and sorting them."""
    return column + literal_column("0")


def _fact(session: Session, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """A fact about the database worked out once per session (one user action)."""
    facts = session.info.setdefault("antq.listing", {})
    if key not in facts:
        facts[key] = compute()
    return facts[key]


def _units_present(session: Session, kind: str) -> set[int]:
    """The distinct units the kind's records are entered for, one index seek per unit (a loose
    index scan, as a recursive query) rather than one pass over all records."""
    column = UNIT_OF[kind]
    units = select(func.min(column).label("unit")).cte("units_present", recursive=True)
    following = select(func.min(column)).where(column > units.c.unit).scalar_subquery()
    units = units.union_all(select(following).where(units.c.unit.is_not(None)))
    return set(session.scalars(select(units.c.unit).where(units.c.unit.is_not(None))))


def _covers_every_record(session: Session, kind: str, unit_id: int) -> bool:
    """Whether every record of the kind rolls up into the unit (a commune user's whole database):
    the unit filter then leaves nothing out and is dropped."""
    def compute() -> bool:
        present = _units_present(session, kind)
        return not present or present <= set(session.scalars(rolled_up_unit_ids(unit_id)))

    return bool(_fact(session, ("covers", kind, unit_id), compute))


def _fts_rowids(cls: Any, words: list[str]) -> Select[Any]:
    """The record ids the SQLite full-text index matches, as `db.search.matches` asks for them."""
    expression = " ".join(f'"{w}"*' for w in words)
    index = sql_table(fts_table(cls.__table__.name), column("rowid"))
    return select(index.c.rowid).where(literal_column(index.name).op("MATCH")(expression))


def _search_is_broad(session: Session, kind: str, typed: str) -> bool:
    """Whether the search matches at least NARROW_SEARCH records (SQLite only), counted in the
    full-text index alone and stopped there; a search with a short word is taken as broad."""
    words = query_words(typed)
    if not words or _dialect(session) != "sqlite":
        return False
    if min(len(word) for word in words) < SHORT_WORD:
        return True

    def compute() -> bool:
        first = _fts_rowids(CLASS_OF[kind], words).limit(NARROW_SEARCH).subquery()
        return (session.scalar(select(func.count()).select_from(first)) or 0) >= NARROW_SEARCH

    return bool(_fact(session, ("broad", kind, tuple(words)), compute))


def _conditions(session: Session, query: ListQuery, walk: bool) -> list[ColumnElement[bool]]:
    """The WHERE of a list. `walk`: the list is read in its index's order, so the unit and a
    broad search are tested on each index entry rather than used to find rows."""
    kind = query.kind
    cls = CLASS_OF[kind]
    where: list[ColumnElement[bool]] = []
    if not query.include_deleted:
        where.append(cls.deleted.is_(False))
        if kind == "recipients":
            where.append(CommendationDecision.deleted.is_(False))
    if query.unit_id is not None and not _covers_every_record(session, kind, query.unit_id):
        unit = _unindexed(UNIT_OF[kind]) if walk else UNIT_OF[kind]
        where.append(unit.in_(rolled_up_unit_ids(query.unit_id)))
    if query.date_from is not None:
        where.append(DATE_OF[kind] >= query.date_from)
    if query.date_to is not None:
        where.append(DATE_OF[kind] <= query.date_to)
    for name, code in query.codes.items():
        column_ = FILTERS[kind][name][1]
        if kind == "sessions" and name == "topic":
            bit = session.scalar(select(Topic.bit).where(Topic.code == code))
            where.append(false() if bit is None else bit_set(column_, bit))
        elif kind == "sessions" and name == "organisation":
            where.append(bit_set(column_, organiser_bit(code)))
        else:
            where.append(column_ == code)
    if query.search.strip():
        if _search_is_broad(session, kind, query.search):
            where.append(_unindexed(cls.id).in_(_fts_rowids(cls, query_words(query.search))))
        else:
            where.append(matches(cls, query.search, _dialect(session)))
    return where


def _select(session: Session, query: ListQuery, *columns: Any, walk: bool = False) -> Select[Any]:
    cls = CLASS_OF[query.kind]
    statement = select(*columns).select_from(cls)
    if query.kind == "recipients":
        statement = statement.join(CommendationDecision, CommendationRecipient.decision_id == CommendationDecision.id)
    return statement.where(*_conditions(session, query, walk))


def count(session: Session, query: ListQuery) -> int:
    """How many records the list shows."""
    return session.scalar(_select(session, query, func.count())) or 0


def quick_count(session: Session, query: ListQuery) -> int | None:
    """The count when it is quick to get, else None (count it in the background): a code
    filter tests every record of the unit and period (40-60 ms over 580,000), and a broad
    search joins every match (0.1-0.3 s); a narrow search, a unit and a period are ranges."""
    if query.codes or (query.search.strip() and _search_is_broad(session, query.kind, query.search)):
        return None
    return count(session, query)


def _order(query: ListQuery) -> tuple[Any, bool]:
    """The sort expression, and whether it may be NULL (NULLs go last either way)."""
    expression = SORTS[query.kind][query.sort or DEFAULT_SORT[query.kind]]
    if expression is _UNIT_NAME:
        return expression, True  # through an outer join
    return expression, bool(getattr(expression.expression, "nullable", True))


def _ordered(session: Session, query: ListQuery, *columns: Any) -> Select[Any]:
    """The list's statement for `columns`, in the list's order (ties broken by id, in the same
    direction, so that pages never overlap)."""
    cls = CLASS_OF[query.kind]
    expression, nullable = _order(query)
    statement = _select(session, query, *columns, walk=in_index_order(query))
    if expression is _UNIT_NAME:
        statement = statement.outerjoin(AdminUnit, AdminUnit.id == UNIT_OF[query.kind])
    first = expression.desc() if query.descending else expression.asc()
    if nullable:
        first = first.nulls_last()
    return statement.order_by(first, cls.id.desc() if query.descending else cls.id.asc())


def _after(query: ListQuery, key: tuple[Any, int]) -> ColumnElement[bool]:
    """The rows that come after `key` (the sort value and id of a row) in the list's order."""
    cls = CLASS_OF[query.kind]
    expression, nullable = _order(query)
    value, last_id = key
    later_id = cls.id < last_id if query.descending else cls.id > last_id
    if value is None:  # among the NULLs, which come last
        return and_(expression.is_(None), later_id)
    later = expression < value if query.descending else expression > value
    parts = [later, and_(expression == value, later_id)]
    if nullable:
        parts.append(expression.is_(None))
    return or_(*parts)


def _id_column(session: Session, statement: Select[Any]) -> array[int]:
    """The ids a statement selects, read straight from the SQLite driver (SQLAlchemy's result
    rows would more than double the time for half a million ids); parameters are converted by
    their SQLAlchemy types as usual."""
    dialect = session.get_bind().dialect
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    if dialect.name != "sqlite" or not compiled.positional or compiled.positiontup is None:
        return array("q", session.scalars(statement))
    params = compiled.construct_params()
    values = []
    for name in compiled.positiontup:
        process = compiled.binds[name].type.bind_processor(dialect)
        values.append(process(params[name]) if process else params[name])
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return array("q", chain.from_iterable(cursor.execute(str(compiled), values)))
    finally:
        cursor.close()


def page(session: Session, query: ListQuery, after: tuple[Any, int] | None = None,
         limit: int | None = None) -> Page:
    """The ids of the list after the row `after` (None: from the start), at most `limit` (None:
    all the rest). Keyset paging: each page starts where the last one ended, by value, so a
    page deep in the list costs what a first page costs, and rows of equal dates are never
    skipped or repeated."""
    cls = CLASS_OF[query.kind]
    statement = _ordered(session, query, cls.id)
    if after is not None:
        statement = statement.where(_after(query, after))
    if limit is not None:
        statement = statement.limit(limit)
    found = _id_column(session, statement)
    if limit is None or len(found) < limit:
        return Page(found, None)
    expression, _nullable = _order(query)
    last = select(expression).select_from(cls)
    if query.kind == "recipients":
        last = last.join(CommendationDecision, CommendationRecipient.decision_id == CommendationDecision.id)
    if expression is _UNIT_NAME:
        last = last.outerjoin(AdminUnit, AdminUnit.id == UNIT_OF[query.kind])
    return Page(found, (session.scalar(last.where(cls.id == found[-1])), found[-1]))


def ids(session: Session, query: ListQuery, offset: int = 0, limit: int | None = None) -> list[int]:
    """The ids of the list's records from `offset`, in the list's order (ties broken by id, in
    the same direction, so that pages never overlap). `page` reads deep pages faster."""
    statement = _ordered(session, query, CLASS_OF[query.kind].id).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))
