"""Organisations and the dissemination sessions they organise."""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ColumnElement,
    Connection,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    event,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    Base,
    Code,
    IntPK,
    LongText,
    Name,
    RecordMixin,
    RecordUnitFK,
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


MAX_TOPICS = 62  # bits of a signed 64-bit mask


def organiser_bit(kind: str) -> int:
    """An organisation kind's bit in `DisseminationSession.organiser_mask` and
    `UncoveredCase.source_kinds`."""
    return ORGANISATIONS.codes.index(kind)


def mask(bits: Iterable[int]) -> int:
    value = 0
    for bit in bits:
        value |= 1 << bit
    return value


def bit_set(mask_column: Any, bit: int) -> ColumnElement[bool]:
    """An SQL condition: `bit` is set in the mask column (a BIGINT literal, so that PostgreSQL
    accepts bits above 31)."""
    return mask_column.op("&")(literal(1 << bit, BigInteger)) != 0


class Topic(Base):
    """The catalogue of dissemination topics (seeded from the vocabulary, extendable)."""

    __tablename__ = "topic"
    __table_args__ = (Index("uq_topic_bit", "bit", unique=True),)

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label_vi: Mapped[Name]
    label_en: Mapped[Name]
    sort_order: Mapped[int] = mapped_column(default=0)
    # The topic's bit in `DisseminationSession.topic_mask` (0 to MAX_TOPICS - 1).
    bit: Mapped[int] = mapped_column()


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
        # Finds a unit's sessions by date and covers every column the review figures read, so
        # they read this index, not the rows.
        Index(
            "ix_dissemination_session_figures",
            "unit_id", "held_on", "deleted", "kind", "attendees", "member_attendees",
            "topic_mask", "organiser_mask",
        ),
        # The list's default order (newest first), carrying what the list filters on, so that
        # any page of it is read in order from this index alone (desktop.services.listing).
        Index(
            "ix_dissemination_session_list",
            "held_on", "id", "unit_id", "deleted", "kind", "topic_mask", "organiser_mask",
        ),
        *record_checks(),
    )

    unit_id: Mapped[RecordUnitFK]
    held_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[Code]
    attendees: Mapped[int] = mapped_column(default=0)
    member_attendees: Mapped[int] = mapped_column(default=0)
    place: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[LongText]
    # Derived from the organiser and topic links (one bit per organisation kind and per topic),
    # so that the figures by topic and by organisation are one pass over one index instead of
    # joins over millions of link rows. Kept by `_fill_masks` on every ORM write; bulk writers
    # use `mask` themselves.
    topic_mask: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    organiser_mask: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    organisers: Mapped[list[Organisation]] = relationship(secondary=session_organiser)
    topics: Mapped[list[Topic]] = relationship(secondary=session_topic)


@event.listens_for(DisseminationSession, "before_insert")
@event.listens_for(DisseminationSession, "before_update")
def _fill_masks(_mapper: object, _connection: object, target: DisseminationSession) -> None:
    target.topic_mask = mask(t.bit for t in target.topics)
    # An organisation marked deleted (entered by mistake) no longer counts as an organiser.
    target.organiser_mask = mask(organiser_bit(o.kind) for o in target.organisers if not o.deleted)


@event.listens_for(Topic, "before_insert")
def _next_free_bit(_mapper: object, connection: Connection, target: Topic) -> None:
    if target.bit is None:
        target.bit = connection.scalar(select(func.coalesce(func.max(Topic.bit), -1) + 1))
    if not 0 <= target.bit < MAX_TOPICS:
        raise ValueError(f"the topic catalogue is full ({MAX_TOPICS} topics)")
