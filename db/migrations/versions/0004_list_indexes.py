"""Indexes the record lists walk in their default order (newest first).

A list is shown a page at a time, newest first, for a unit, a period, code filters and a quick
search. Over 580,000 sessions the first page sorted every matching row (0.1 s) and a page deep
in the list re-read everything before it (0.4 s per page). Ordered by (date, id) and carrying
the unit, the deleted flag and the codes the lists filter on, each of these indexes gives any
page in order by reading just that page (or the rows it skips for a filter), without touching
the table; a period is a range of it.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen here: (table, index, columns) as this migration made them.
LIST_INDEXES = [
    ("dissemination_session", "ix_dissemination_session_list",
     ["held_on", "id", "unit_id", "deleted", "kind", "topic_mask", "organiser_mask"]),
    ("security_model", "ix_security_model_list", ["launched_on", "id", "unit_id", "deleted", "type", "status"]),
    ("information_source", "ix_information_source_list",
     ["received_on", "id", "unit_id", "deleted", "category", "channel", "status"]),
    ("uncovered_case", "ix_uncovered_case_list", ["opened_on", "id", "unit_id", "deleted", "category"]),
]


def upgrade() -> None:
    # Plain CREATE INDEX: a batch rebuild of these tables on SQLite would drop the full-text
    # triggers of migration 0002.
    for table, name, columns in LIST_INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for table, name, _columns in LIST_INDEXES:
        op.drop_index(name, table_name=table)
