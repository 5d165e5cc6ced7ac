"""Accent-insensitive quick search.

Every searchable record keeps `search_text`, its folded (tone-free, đ → d) words, filled here on
every ORM write and by the bulk writers through `search_text_for`. On SQLite an FTS5 index over
that column (external content, kept by triggers) answers prefix searches; on PostgreSQL the same
folded column is matched with LIKE. Protected fields (informant identities) are never listed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, column, event, literal_column, select, true
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Mapper

from db.models import (
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    RecordMixin,
    SecurityModel,
    UncoveredCase,
)
from db.textfold import fold, search_text

SEARCH_FIELDS: dict[type[RecordMixin], tuple[str, ...]] = {
    DisseminationSession: ("ref", "place", "notes"),
    SecurityModel: ("ref", "name"),
    InformationSource: ("ref", "content"),
    UncoveredCase: ("ref", "summary"),
    CommendationDecision: ("ref", "number", "authority", "achievement"),
    CommendationRecipient: ("ref", "name", "position"),
}

_WORD = re.compile(r"[0-9a-z]+")


def fts_table(table_name: str) -> str:
    return f"{table_name}_fts"


def search_text_for(cls: type[RecordMixin], values: Mapping[str, Any]) -> str:
    return search_text(*(str(values[f]) for f in SEARCH_FIELDS[cls] if values.get(f) is not None))


def _fill_search_text(_mapper: Mapper[Any], _connection: Any, target: RecordMixin) -> None:
    cls = type(target)
    target.search_text = search_text_for(cls, {f: getattr(target, f) for f in SEARCH_FIELDS[cls]})


for _cls in SEARCH_FIELDS:
    event.listen(_cls, "before_insert", _fill_search_text)
    event.listen(_cls, "before_update", _fill_search_text)


def query_words(typed: str) -> list[str]:
    """The folded words of what was typed ('Nguyễn  Đặng' → ['nguyen', 'dang'])."""
    return _WORD.findall(fold(typed))


def matches(cls: type[RecordMixin], typed: str, dialect: str) -> ColumnElement[bool]:
    """A WHERE clause: every typed word starts a word of the record (prefix match)."""
    words = query_words(typed)
    if not words:
        return true()
    table = cls.__table__.name  # type: ignore[attr-defined]
    if dialect == "sqlite":
        expression = " ".join(f'"{w}"*' for w in words)
        index = sql_table(fts_table(table), column("rowid"))
        rowids = select(index.c.rowid).where(literal_column(index.name).op("MATCH")(expression))
        return cls.id.in_(rowids)
    folded = cls.search_text
    return and_(*[(folded.like(f"{w}%") | folded.like(f"% {w}%")) for w in words])
