"""Topic and organiser bit masks on sessions, and indexes covering the review figures.

Over a million sessions the figures by topic and by organisation joined two million link rows
(2.8 s); with one bit per topic and per organisation kind on the session itself they are one
pass over one covering index (under 1 s). The masks are derived from the links, filled here for
existing rows.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen here: the organisation vocabulary's order when this migration was written.
ORGANISATION_BITS = ["police", "fatherland_front", "womens_union", "farmers_union", "veterans",
                     "youth_union", "other"]


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX: a batch rebuild of these tables on SQLite would drop the
    # full-text triggers of migration 0002 with the old table.
    op.add_column("topic", sa.Column("bit", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE topic SET bit = sort_order")
    op.create_index("uq_topic_bit", "topic", ["bit"], unique=True)

    for name in ("topic_mask", "organiser_mask"):
        op.add_column("dissemination_session",
                      sa.Column(name, sa.BigInteger(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE dissemination_session SET topic_mask = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << topic.bit)"
        " FROM session_topic JOIN topic ON topic.code = session_topic.topic_code"
        " WHERE session_topic.session_id = dissemination_session.id), 0)"
    )
    kind_bit = " ".join(f"WHEN '{code}' THEN {bit}" for bit, code in enumerate(ORGANISATION_BITS))
    op.execute(
        "UPDATE dissemination_session SET organiser_mask = COALESCE((SELECT SUM(DISTINCT"
        f" CAST(1 AS BIGINT) << (CASE organisation.kind {kind_bit} END))"
        " FROM session_organiser JOIN organisation ON organisation.id = session_organiser.organisation_id"
        " WHERE session_organiser.session_id = dissemination_session.id), 0)"
    )
    # One index in place of (held_on) and (unit_id, held_on): it serves both and covers the figures.
    op.drop_index("ix_dissemination_session_date", table_name="dissemination_session")
    op.drop_index("ix_dissemination_session_unit_date", table_name="dissemination_session")
    # Sources and cases likewise: by unit and date, covering the figures.
    for table, old, columns in (
        ("information_source", "ix_information_source_unit_date",
         ["unit_id", "received_on", "deleted", "organisation_id"]),
        ("uncovered_case", "ix_uncovered_case_unit_date", ["unit_id", "opened_on", "deleted", "individuals"]),
    ):
        op.drop_index(old, table_name=table)
        op.create_index(f"ix_{table}_figures", table, columns)
    op.create_index(
        "ix_dissemination_session_figures",
        "dissemination_session",
        ["unit_id", "held_on", "deleted", "kind", "attendees", "member_attendees", "topic_mask",
         "organiser_mask"],
    )


def downgrade() -> None:
    op.drop_index("ix_uncovered_case_figures", table_name="uncovered_case")
    op.create_index("ix_uncovered_case_unit_date", "uncovered_case", ["unit_id", "opened_on"])
    op.drop_index("ix_information_source_figures", table_name="information_source")
    op.create_index("ix_information_source_unit_date", "information_source", ["unit_id", "received_on"])
    op.drop_index("ix_dissemination_session_figures", table_name="dissemination_session")
    op.create_index("ix_dissemination_session_date", "dissemination_session", ["held_on"])
    op.create_index("ix_dissemination_session_unit_date", "dissemination_session", ["unit_id", "held_on"])
    op.drop_index("uq_topic_bit", table_name="topic")
    with op.batch_alter_table("dissemination_session") as batch:
        batch.drop_column("organiser_mask")
        batch.drop_column("topic_mask")
    with op.batch_alter_table("topic") as batch:
        batch.drop_column("bit")
