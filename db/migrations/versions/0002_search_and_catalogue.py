"""Full-text search (SQLite FTS5 over the folded search text) and the topic catalogue.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.vocab import TOPICS

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen here (db.search names the same tables); a change comes with a migration of its own.
SEARCHABLE_TABLES = [
    "dissemination_session",
    "security_model",
    "information_source",
    "uncovered_case",
    "commendation_decision",
    "commendation_recipient",
]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def fts_table(table: str) -> str:
    return f"{table}_fts"


def upgrade() -> None:
    topic = sa.table(
        "topic",
        sa.column("code", sa.String),
        sa.column("label_vi", sa.String),
        sa.column("label_en", sa.String),
        sa.column("sort_order", sa.Integer),
    )
    op.bulk_insert(
        topic,
        [
            {"code": t.code, "label_vi": t.vi, "label_en": t.en, "sort_order": i}
            for i, t in enumerate(TOPICS.terms)
        ],
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL matches the folded column with LIKE (db.search)
    for table in SEARCHABLE_TABLES:
        fts = fts_table(table)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
            f"content_rowid='id', tokenize='{FTS_TOKENIZER}')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF search_text ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in SEARCHABLE_TABLES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts_table(table)}")
    op.execute("DELETE FROM topic")
