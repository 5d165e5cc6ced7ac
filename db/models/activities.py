"""Organisations and the dissemination sessions they organise."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Column,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    Base,
    Code,
    IntPK,
    LongText,
    Name,
    RecordMixin,
    UnitFK,
    code_check,
    date_check,
    new_uid,
    record_checks,
)
from db.vocab import ORGANISATIONS, SESSION_KINDS


class Organisation(Base):
    """The police or a mass organisation at one unit ("Hội Liên hiệp Phụ nữ xã Đông Ngạc")."""

    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("unit_id", "kind", "name"), code_check("kind", ORGANISATIONS))

    id: Mapped[IntPK]
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=new_uid)
    unit_id: Mapped[UnitFK]
    kind: Mapped[Code]
    name: Mapped[Name]
    deleted: Mapped[bool] = mapped_column(default=False)


class Topic(Base):
    """The catalogue of dissemination topics (seeded from the vocabulary, extendable)."""

    __tablename__ = "topic"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label_vi: Mapped[Name]
    label_en: Mapped[Name]
    sort_order: Mapped[int] = mapped_column(default=0)


session_organiser = Table(
    "session_organiser",
    Base.metadata,
    Column("session_id", ForeignKey("dissemination_session.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id"), primary_key=True, index=True),
)

session_topic = Table(
    "session_topic",
    Base.metadata,
    Column("session_id", ForeignKey("dissemination_session.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_code", ForeignKey("topic.code"), primary_key=True, index=True),
)


class DisseminationSession(RecordMixin, Base):
    """A training class, communication session, law-dissemination event or conference."""

    __search_fields__ = ("ref", "place", "notes")
    __tablename__ = "dissemination_session"
    __table_args__ = (
        UniqueConstraint("unit_id", "ref"),
        code_check("kind", SESSION_KINDS),
        date_check("held_on"),
        CheckConstraint("attendees >= 0", name="attendees_positive"),
        CheckConstraint(
            "member_attendees >= 0 AND member_attendees <= attendees", name="members_within_attendees"
        ),
        Index("ix_dissemination_session_unit_date", "unit_id", "held_on"),
        Index("ix_dissemination_session_date", "held_on"),
        *record_checks(),
    )

    unit_id: Mapped[UnitFK]
    held_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[Code]
    attendees: Mapped[int] = mapped_column(default=0)
    member_attendees: Mapped[int] = mapped_column(default=0)
    place: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[LongText]

    organisers: Mapped[list[Organisation]] = relationship(secondary=session_organiser)
    topics: Mapped[list[Topic]] = relationship(secondary=session_topic)
