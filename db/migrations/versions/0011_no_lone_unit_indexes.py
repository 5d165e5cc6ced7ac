"""No index of a record's unit alone, nor of a recipient's decision alone.

Each of those columns is the first of a unique pair (unit and reference; decision and reference),
whose index serves every search by unit or decision as well: the lone index only cost each write.
A province importing a million records paid for five of them on every record it made (bench/README.md,
eighth round).

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Frozen here: (table, column) of each lone index, named by the schema's naming convention.
LONE_INDEXES = [
    ("dissemination_session", "unit_id"),
    ("security_model", "unit_id"),
    ("information_source", "unit_id"),
    ("uncovered_case", "unit_id"),
    ("commendation_decision", "unit_id"),
    ("commendation_recipient", "decision_id"),
]


def upgrade() -> None:
    for table, column in LONE_INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)


def downgrade() -> None:
    for table, column in LONE_INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])
