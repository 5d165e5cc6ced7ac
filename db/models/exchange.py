"""What the USB exchange keeps: this installation's own key pair (its private halves stored
only sealed under a passphrase), the keys it trusts (the receiver it sends to, the units that
send to it), and the log of every package sent or received."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IntPK, utcnow

TRUST_ROLES = ("receiver", "sender")
PACKAGE_DIRECTIONS = ("sent", "received")


class ExchangeKey(Base):
    """This installation's key pair (one row, id 1): Ed25519 to sign what it sends, X25519 to
    open what is sent to it. `sealed` = nonce + AES-GCM of both private halves under a key
    derived from the exchange passphrase (`kdf` names the argon2id parameters)."""

    __tablename__ = "exchange_key"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    signing_public: Mapped[bytes] = mapped_column(LargeBinary)
    receiving_public: Mapped[bytes] = mapped_column(LargeBinary)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    kdf: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TrustedKey(Base):
    """Another installation's public keys: the `receiver` this one sends its packages to (its
    province or district), or a `sender` enrolled here (a unit whose packages this one imports).
    A revoked key signs nothing that is accepted any more."""

    __tablename__ = "trusted_key"
    __table_args__ = (
        UniqueConstraint("role", "fingerprint"),
        CheckConstraint("role IN ('receiver', 'sender')", name="role_code"),
    )

    id: Mapped[IntPK]
    role: Mapped[str] = mapped_column(String(16))
    fingerprint: Mapped[str] = mapped_column(String(40))  # 30 digits, shown in groups of five
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"))
    installation_uid: Mapped[str] = mapped_column(String(36))
    signing_public: Mapped[bytes] = mapped_column(LargeBinary)
    receiving_public: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class PackageLog(Base):
    """One package written here or accepted here. (`direction`, `kind`, `installation_uid`,
    `sequence`) is unique: a second, different package with a number already accepted is a forgery or a
    replay. `digest` is the SHA-256 of the signed manifest (the same for the same content
    however often it is encrypted), `file_digest` that of the file (a copy is known at once); `watermark` (sent packages) holds the
    highest change number exported per kind, where the next export starts."""

    __tablename__ = "package_log"
    __table_args__ = (
        UniqueConstraint("direction", "kind", "installation_uid", "sequence"),
        CheckConstraint("direction IN ('sent', 'received')", name="direction_code"),
        CheckConstraint("sequence >= 1", name="sequence_positive"),
    )

    id: Mapped[IntPK]
    direction: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16), default="records")  # records, reference
    installation_uid: Mapped[str] = mapped_column(String(36))
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"))
    sequence: Mapped[int] = mapped_column()
    digest: Mapped[str] = mapped_column(String(64))
    file_digest: Mapped[str] = mapped_column(String(64), default="", index=True)  # SHA-256 of the file
    previous_digest: Mapped[str] = mapped_column(String(64), default="")
    file_name: Mapped[str] = mapped_column(String(255), default="")
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    logged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    watermark: Mapped[str] = mapped_column(Text, default="{}")  # JSON, sent packages only
