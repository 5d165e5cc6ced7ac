"""Review periods, user accounts and the audit trail."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IntPK, Name, code_check, date_check, new_uid, utcnow
from db.vocab import ORGANISATIONS, ROLES

# What an audit entry may record (a CHECK constraint; migration 0006 widened it for issue 4).
AUDIT_ACTIONS = (
    "create", "update", "delete", "restore", "import", "demo", "init",
    "approve", "unapprove", "reveal", "seal", "sign_in", "sign_in_failed", "user", "password",
    "backup", "restore_backup", "export", "keys", "print",
)


class ReviewPeriod(Base):
    """A campaign reports are made for ("Sơ kết 5 năm 2019–2024")."""

    __tablename__ = "review_period"
    __table_args__ = (
        date_check("starts_on"),
        date_check("ends_on"),
        CheckConstraint("starts_on <= ends_on", name="period_order"),
    )

    id: Mapped[IntPK]
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=new_uid)
    name: Mapped[Name]
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)


class User(Base):
    """An offline account of this installation."""

    __tablename__ = "app_user"
    __table_args__ = (
        code_check("role", ROLES),
        CheckConstraint(
            "organisation_kind IS NULL OR organisation_kind IN ("
            + ", ".join(f"'{c}'" for c in ORGANISATIONS.codes)
            + ")",
            name="organisation_kind_code",
        ),
    )

    id: Mapped[IntPK]
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[Name]
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"))
    organisation_kind: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Failed sign-ins since the last good one, and when the last one failed: each failure
    # lengthens the wait before the next attempt.
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """One change: who, when, what, old and new values. `entry_hash` chains each entry to the
    one before it so that an edited, removed or reordered entry can be found."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint(
            "action IN (" + ", ".join(f"'{a}'" for a in AUDIT_ACTIONS) + ")",
            name="action_code",
        ),
    )

    id: Mapped[IntPK]
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64))
    record_uid: Mapped[str | None] = mapped_column(String(36), index=True)
    old_values: Mapped[str | None] = mapped_column(Text)
    new_values: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
