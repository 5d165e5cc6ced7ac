"""Commendation decisions (giấy khen, bằng khen, cờ thi đua) and their recipients."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    Base,
    Code,
    Name,
    RecordMixin,
    RecordUnitFK,
    code_check,
    date_check,
    record_checks,
)
from db.vocab import COMMENDATION_FORMS, HONORIFICS, RECIPIENT_KINDS


class CommendationDecision(RecordMixin, Base):
    """A decision ("Quyết định số 1234/QĐ-UBND ngày 18/7/2024") kept in a unit's register."""

    __search_fields__ = ("ref", "number", "authority", "achievement")
    __tablename__ = "commendation_decision"
    __table_args__ = (
        UniqueConstraint("unit_id", "ref"),
        UniqueConstraint("unit_id", "number"),
        code_check("form", COMMENDATION_FORMS),
        date_check("decided_on"),
        date_check("period_from", nullable=True),
        date_check("period_to", nullable=True),
        CheckConstraint(
            "period_from IS NULL OR period_to IS NULL OR period_from <= period_to", name="period_order"
        ),
        Index("ix_commendation_decision_unit_date", "unit_id", "decided_on"),
        *record_checks(),
    )

    unit_id: Mapped[RecordUnitFK]
    number: Mapped[str] = mapped_column(String(60))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    authority: Mapped[Name]
    form: Mapped[Code]
    period_from: Mapped[dt.date | None] = mapped_column(Date)
    period_to: Mapped[dt.date | None] = mapped_column(Date)
    achievement: Mapped[str] = mapped_column(Text, default="")

    recipients: Mapped[list[CommendationRecipient]] = relationship(
        back_populates="decision", order_by="CommendationRecipient.id"
    )


class CommendationRecipient(RecordMixin, Base):
    """A collective or an individual commended by a decision."""

    __search_fields__ = ("ref", "name", "position")
    __tablename__ = "commendation_recipient"
    __table_args__ = (
        UniqueConstraint("decision_id", "ref"),
        code_check("kind", RECIPIENT_KINDS),
        CheckConstraint(
            "title IS NULL OR title IN (" + ", ".join(f"'{c}'" for c in HONORIFICS.codes) + ")",
            name="title_code",
        ),
        *record_checks(),
    )

    decision_id: Mapped[int] = mapped_column(ForeignKey("commendation_decision.id"))  # first of a unique pair
    kind: Mapped[Code]
    name: Mapped[Name]
    title: Mapped[str | None] = mapped_column(String(16))
    position: Mapped[str | None] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))

    decision: Mapped[CommendationDecision] = relationship(back_populates="recipients")
