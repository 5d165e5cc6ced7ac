"""The USB exchange (issue 5): a change number on every record (what the next package holds),
a uid on approvals (they travel with the records), this installation's exchange key pair, the
keys it trusts, the log of packages sent and received, and the audit actions these bring.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RECORD_TABLES = ("dissemination_session", "security_model", "information_source", "uncovered_case",
                 "commendation_decision", "commendation_recipient")
# Frozen here: the audit actions before and after this migration.
OLD_ACTIONS = ("create", "update", "delete", "restore", "import", "demo", "init",
               "approve", "unapprove", "reveal", "seal", "sign_in", "sign_in_failed", "user",
               "password", "backup", "restore_backup")
NEW_ACTIONS = OLD_ACTIONS + ("export", "keys")


def _actions(actions: tuple[str, ...]) -> str:
    return "action IN (" + ", ".join(f"'{a}'" for a in actions) + ")"


def upgrade() -> None:
    # A plain ADD COLUMN (not a batch rebuild): the record tables carry full-text triggers.
    for table in RECORD_TABLES:
        op.add_column(table, sa.Column("change_seq", sa.BigInteger(), server_default="0", nullable=False))
        op.create_index(op.f(f"ix_{table}_change_seq"), table, ["change_seq"])
    op.add_column("approval", sa.Column("uid", sa.String(length=36), nullable=True))
    approval = sa.table("approval", sa.column("id", sa.Integer()), sa.column("uid", sa.String()))
    connection = op.get_bind()
    for (approval_id,) in connection.execute(sa.select(approval.c.id)).all():
        connection.execute(approval.update().where(approval.c.id == approval_id).values(uid=str(uuid.uuid4())))
    with op.batch_alter_table("approval") as batch:  # no full-text triggers here
        batch.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
        batch.create_unique_constraint(op.f("uq_approval_uid"), ["uid"])
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint(op.f("ck_audit_entry_action_code"), type_="check")
        batch.create_check_constraint("action_code", _actions(NEW_ACTIONS))
    op.create_table(
        "exchange_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signing_public", sa.LargeBinary(), nullable=False),
        sa.Column("receiving_public", sa.LargeBinary(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.Column("kdf", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_exchange_key_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_key")),
    )
    op.create_table(
        "trusted_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("installation_uid", sa.String(length=36), nullable=False),
        sa.Column("signing_public", sa.LargeBinary(), nullable=False),
        sa.Column("receiving_public", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("role IN ('receiver', 'sender')", name=op.f("ck_trusted_key_role_code")),
        sa.ForeignKeyConstraint(["unit_id"], ["admin_unit.id"], name=op.f("fk_trusted_key_unit_id_admin_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_key")),
        sa.UniqueConstraint("role", "fingerprint", name=op.f("uq_trusted_key_role_fingerprint")),
    )
    op.create_table(
        "package_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("installation_uid", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("file_digest", sa.String(length=64), nullable=False),
        sa.Column("previous_digest", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("watermark", sa.Text(), nullable=False),
        sa.CheckConstraint("direction IN ('sent', 'received')", name=op.f("ck_package_log_direction_code")),
        sa.CheckConstraint("sequence >= 1", name=op.f("ck_package_log_sequence_positive")),
        sa.ForeignKeyConstraint(["unit_id"], ["admin_unit.id"], name=op.f("fk_package_log_unit_id_admin_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_log")),
        sa.UniqueConstraint("direction", "kind", "installation_uid", "sequence",
                            name=op.f("uq_package_log_direction_kind_installation_uid_sequence")),
    )
    op.create_index(op.f("ix_package_log_file_digest"), "package_log", ["file_digest"])


def downgrade() -> None:
    op.drop_table("package_log")
    op.drop_table("trusted_key")
    op.drop_table("exchange_key")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint(op.f("ck_audit_entry_action_code"), type_="check")
        batch.create_check_constraint("action_code", _actions(OLD_ACTIONS))
    with op.batch_alter_table("approval") as batch:
        batch.drop_constraint(op.f("uq_approval_uid"), type_="unique")
        batch.drop_column("uid")
    for table in RECORD_TABLES:
        op.drop_index(op.f(f"ix_{table}_change_seq"), table_name=table)
        op.drop_column(table, "change_seq")
