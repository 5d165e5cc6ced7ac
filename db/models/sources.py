"""Information sources given to the police, the protected informant identities, and the cases
the sources led to."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    Base,
    Code,
    LongText,
    RecordMixin,
    RecordUnitFK,
    code_check,
    date_check,
    record_checks,
    utcnow,
)
from db.vocab import CATEGORIES, CHANNELS, SOURCE_STATUSES

# `UncoveredCase.source_kinds`: linked to a live source (above every organisation kind's bit).
LINKED_BIT = 30


class InformationSource(RecordMixin, Base):
    """A tip given to the police. Who gave it is not here: see `InformantIdentity`."""

    __search_fields__ = ("ref", "content")
    __tablename__ = "information_source"
    __table_args__ = (
        UniqueConstraint("unit_id", "ref"),
        code_check("category", CATEGORIES),
        code_check("channel", CHANNELS),
        code_check("status", SOURCE_STATUSES),
        date_check("received_on"),
        # By unit and date, covering what the review figures read.
        Index("ix_information_source_figures", "unit_id", "received_on", "deleted", "organisation_id"),
        # The list's default order, carrying what it filters on (desktop.services.listing).
        Index("ix_information_source_list", "received_on", "id", "unit_id", "deleted", "category", "channel",
              "status"),
        *record_checks(),
    )

    unit_id: Mapped[RecordUnitFK]
    received_on: Mapped[dt.date] = mapped_column(Date)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    category: Mapped[Code]
    channel: Mapped[Code]
    content: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[Code] = mapped_column(default="received")


class InformantIdentity(Base):
    """Who gave a source: the most sensitive data of the application. Kept apart from the source
    so that no list, search index, export or package can reach it by accident; only sealed
    (encrypted) bytes are stored, never plain text."""

    __tablename__ = "informant_identity"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("information_source.id", ondelete="CASCADE"), primary_key=True
    )
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    sealed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


case_source = Table(
    "case_source",
    Base.metadata,
    Column("case_id", ForeignKey("uncovered_case.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("information_source.id"), primary_key=True, index=True),
)


class UncoveredCase(RecordMixin, Base):
    """A case (vụ việc) uncovered, with the number of individuals involved (đối tượng)."""

    __search_fields__ = ("ref", "summary")
    __tablename__ = "uncovered_case"
    __table_args__ = (
        UniqueConstraint("unit_id", "ref"),
        code_check("category", CATEGORIES),
        date_check("opened_on"),
        CheckConstraint("individuals >= 0", name="individuals_positive"),
        # By unit and date, covering what the review figures read.
        Index("ix_uncovered_case_figures", "unit_id", "opened_on", "deleted", "individuals", "source_kinds"),
        # The list's default order, carrying what it filters on (desktop.services.listing).
        Index("ix_uncovered_case_list", "opened_on", "id", "unit_id", "deleted", "category"),
        *record_checks(),
    )

    unit_id: Mapped[RecordUnitFK]
    opened_on: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[Code]
    individuals: Mapped[int] = mapped_column(default=0)
    summary: Mapped[LongText]
    # Derived from the case's links, for the review figures: `LINKED_BIT` when at least one of
    # its sources is not deleted, plus the `organiser_bit` of each kind of (non-deleted)
    # organisation that provided one. Reading it from the figures index replaces a join over
    # every link and source (sources-cases: 320 -> 76 ms over 100,000 cases). Kept by database
    # triggers (migration 0009), so that every writer (the forms, the package merger, the demo,
    # a source deleted or restored) keeps it right without knowing of it; never written here.
    source_kinds: Mapped[int] = mapped_column(server_default="0")

    sources: Mapped[list[InformationSource]] = relationship(secondary=case_source)
