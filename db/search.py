"""Accent-insensitive quick search.

Every record keeps `search_text`, its folded (tone-free, đ → d) words, filled on every ORM write
and by the bulk writers through `db.models.base.search_text_for`. On SQLite an FTS5 index over
that column (external content, kept by triggers) answers prefix searches; on PostgreSQL the same
folded column is matched with LIKE. Protected fields (informant identities) are never listed.
"""
from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, column, literal_column, select, true
from sqlalchemy import table as sql_table

from db.models import RecordMixin
from db.textfold import fold

_WORD = re.compile(r"[0-9a-z]+")


def fts_table(table_name: str) -> str:
    return f"{table_name}_fts"


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
