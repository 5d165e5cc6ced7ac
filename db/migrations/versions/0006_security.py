"""Accounts, keys and approvals (issue 4): failed sign-ins on each user, the installation's key
pair for informant identities (its private half wrapped per commander), approvals that lock a
unit's records for a period, and the audit actions these bring.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen here: the audit actions before and after this migration.
OLD_ACTIONS = ("create", "update", "delete", "restore", "import", "demo", "init")
NEW_ACTIONS = OLD_ACTIONS + ("approve", "unapprove", "reveal", "seal", "sign_in", "sign_in_failed", "user",
                             "password", "backup", "restore_backup")


def _actions(actions: tuple[str, ...]) -> str:
    return "action IN (" + ", ".join(f"'{a}'" for a in actions) + ")"


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("last_failed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))
    # audit_entry has no full-text triggers: a batch rebuild may change its CHECK.
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint(op.f("ck_audit_entry_action_code"), type_="check")
        batch.create_check_constraint("action_code", _actions(NEW_ACTIONS))
    op.create_table(
        "installation_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation_key")),
    )
    op.create_table(
        "user_key",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.Column("kdf", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_user_key_user_id_app_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_key")),
    )
    op.create_table(
        "approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_by", sa.String(length=64), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("ends_on BETWEEN '1990-01-01' AND '2099-12-31'", name=op.f("ck_approval_ends_on_range")),
        sa.CheckConstraint("starts_on BETWEEN '1990-01-01' AND '2099-12-31'",
                           name=op.f("ck_approval_starts_on_range")),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_approval_period_order")),
        sa.ForeignKeyConstraint(["unit_id"], ["admin_unit.id"], name=op.f("fk_approval_unit_id_admin_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval")),
    )
    op.create_index(op.f("ix_approval_unit_id"), "approval", ["unit_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_approval_unit_id"), table_name="approval")
    op.drop_table("approval")
    op.drop_table("user_key")
    op.drop_table("installation_key")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint(op.f("ck_audit_entry_action_code"), type_="check")
        batch.create_check_constraint("action_code", _actions(OLD_ACTIONS))
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("password_changed_at")
        batch.drop_column("last_failed_at")
        batch.drop_column("failed_attempts")
