"""Prefix indexes for quick search (SQLite FTS5 `prefix='2 3'`).

Quick search matches every typed word as the start of a word ("hoi phu" → Hội Liên hiệp Phụ
nữ). Without a prefix index FTS5 merges, at each search, the entries of every word starting with
each short typed word: 60 ms of the 100 ms that "hoi phu" took over 580,000 sessions. With the
first two and three letters of each word indexed too, it is 27 ms; the sessions' search index
grows from 66 to 165 MB on that million-record database (a few MB for a commune's own).

The full-text tables are rebuilt from their content tables; the triggers that keep them in
step name them and need no change.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen here, as in 0002 (which made these tables without prefixes).
SEARCHABLE_TABLES = [
    "dissemination_session",
    "security_model",
    "information_source",
    "uncovered_case",
    "commendation_decision",
    "commendation_recipient",
]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _rebuild(prefix: str | None) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL matches the folded column with LIKE (db.search)
    option = f", prefix='{prefix}'" if prefix else ""
    for table in SEARCHABLE_TABLES:
        fts = f"{table}_fts"
        op.execute(f"DROP TABLE {fts}")
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
            f"content_rowid='id', tokenize='{FTS_TOKENIZER}'{option})"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    _rebuild("2 3")


def downgrade() -> None:
    _rebuild(None)
