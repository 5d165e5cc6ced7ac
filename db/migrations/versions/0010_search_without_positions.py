"""Search indexes without word positions (SQLite FTS5 `detail=none`), with prefixes of 2 to 6 letters.

Quick search only asks whether every typed word starts a word of the record (`db.search`): no
phrase, no nearness, no ranking, so the positions FTS5 keeps by default are never read. Without
them the sessions' index of a million-record province holds 67 MB instead of 164 MB, and filling it
costs 4.9 s instead of 7.0 s (580,000 sessions in batches of 100,000; probe
`ftsdetail3.py`), which the import of a province's packages pays for every record it makes.

Without positions FTS5 merges the entries of every word a typed word begins more slowly, so the
prefix indexes now reach six letters (most Vietnamese syllables are shorter): measured on the
same sessions, every search of the tested ones is as quick or quicker than with positions and
prefixes of two and three letters ("tuyen truyen": first 1,000 matches in 0.1 ms against 11 ms).

The full-text tables are rebuilt from their content tables; the triggers that keep them in
step name them and need no change.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Frozen here, as in 0005.
SEARCHABLE_TABLES = [
    "dissemination_session",
    "security_model",
    "information_source",
    "uncovered_case",
    "commendation_decision",
    "commendation_recipient",
]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _rebuild(options: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL matches the folded column with LIKE (db.search)
    for table in SEARCHABLE_TABLES:
        fts = f"{table}_fts"
        op.execute(f"DROP TABLE {fts}")
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
            f"content_rowid='id', tokenize='{FTS_TOKENIZER}', {options})"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    _rebuild("prefix='2 3 4 5 6', detail=none")


def downgrade() -> None:
    _rebuild("prefix='2 3'")
