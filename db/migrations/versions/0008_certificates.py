"""Certificates of merit (issue 6): templates set per issuing authority, the register of
certificates printed, and the audit action for printing.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

OLD_ACTIONS = ("create", "update", "delete", "restore", "import", "demo", "init",
               "approve", "unapprove", "reveal", "seal", "sign_in", "sign_in_failed", "user",
               "password", "backup", "restore_backup", "export", "keys")
NEW_ACTIONS = OLD_ACTIONS + ("print",)


def _actions(actions: tuple[str, ...]) -> str:
    return "action IN (" + ", ".join(f"'{a}'" for a in actions) + ")"


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint(op.f("ck_audit_entry_action_code"), type_="check")
        batch.create_check_constraint("action_code", _actions(NEW_ACTIONS))
    op.create_table(
        "certificate_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("verb", sa.String(length=40), nullable=False),
        sa.Column("authority_title", sa.String(length=300), nullable=False),
        sa.Column("signer_title", sa.String(length=200), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("achievement_prefix", sa.Text(), nullable=False),
        sa.Column("border_color", sa.String(length=9), nullable=False),
        sa.Column("title_color", sa.String(length=9), nullable=False),
        sa.Column("text_color", sa.String(length=9), nullable=False),
        sa.Column("emblem", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_template")),
        sa.UniqueConstraint("name", name=op.f("uq_certificate_template_name")),
    )
    op.create_table(
        "certificate_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("template_name", sa.String(length=64), nullable=False),
        sa.Column("copy", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["recipient_id"], ["commendation_recipient.id"],
                                name=op.f("fk_certificate_print_recipient_id_commendation_recipient")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_print")),
    )
    op.create_index(op.f("ix_certificate_print_serial"), "certificate_print", ["serial"])
    op.create_index(op.f("ix_certificate_print_recipient_id"), "certificate_print", ["recipient_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_certificate_print_recipient_id"), table_name="certificate_print")
    op.drop_index(op.f("ix_certificate_print_serial"), table_name="certificate_print")
    op.drop_table("certificate_print")
    op.drop_table("certificate_template")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint(op.f("ck_audit_entry_action_code"), type_="check")
        batch.create_check_constraint("action_code", _actions(OLD_ACTIONS))
