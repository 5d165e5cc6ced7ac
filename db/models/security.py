"""What keeps the data trustworthy: the installation's key pair for informant identities (its
private half stored only wrapped, once per commander, by a key derived from that commander's
password) and the approvals that lock a unit's records for a period."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IntPK, UnitFK, date_check, new_uid, utcnow


class InstallationKey(Base):
    """The X25519 public key identities are sealed to (one row, id 1)."""

    __tablename__ = "installation_key"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class UserKey(Base):
    """The installation's private key wrapped (AES-GCM) by a key derived from one user's
    password (`kdf` names the derivation and its parameters, `salt` is its salt). Changing the
    password re-wraps this row; the sealed identities stay as they are."""

    __tablename__ = "user_key"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    kdf: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Approval(Base):
    """A commander's approval of a unit's records for a period (a month or a quarter): while it
    stands (`revoked_at` empty) those records are locked."""

    __tablename__ = "approval"
    __table_args__ = (
        date_check("starts_on"),
        date_check("ends_on"),
        CheckConstraint("starts_on <= ends_on", name="period_order"),
    )

    id: Mapped[IntPK]
    # Travels in packages: the province merges approvals by it (migration 0007).
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(new_uid()))
    unit_id: Mapped[UnitFK]
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
