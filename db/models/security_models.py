"""Grassroots security models and their recognitions as typical models."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    Base,
    Code,
    IntPK,
    Name,
    RecordMixin,
    RecordUnitFK,
    code_check,
    date_check,
    record_checks,
)
from db.vocab import MODEL_STATUSES, MODEL_TYPES


class SecurityModel(RecordMixin, Base):
    """A "security self-management" group, a "security camera" system or another model."""

    __search_fields__ = ("ref", "name")
    __tablename__ = "security_model"
    __table_args__ = (
        UniqueConstraint("unit_id", "ref"),
        code_check("type", MODEL_TYPES),
        code_check("status", MODEL_STATUSES),
        date_check("launched_on", nullable=True),
        CheckConstraint("members IS NULL OR members >= 0", name="members_positive"),
        CheckConstraint("cameras IS NULL OR cameras >= 0", name="cameras_positive"),
        Index("ix_security_model_unit_launched", "unit_id", "launched_on"),
        # The list's default order, carrying what it filters on (desktop.services.listing).
        Index("ix_security_model_list", "launched_on", "id", "unit_id", "deleted", "type", "status"),
        *record_checks(),
    )

    unit_id: Mapped[RecordUnitFK]
    type: Mapped[Code]
    name: Mapped[Name]
    lead_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    launched_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[Code] = mapped_column(default="active")
    members: Mapped[int | None] = mapped_column()
    cameras: Mapped[int | None] = mapped_column()

    recognitions: Mapped[list[TypicalRecognition]] = relationship(
        back_populates="model", cascade="all, delete-orphan", order_by="TypicalRecognition.recognised_on"
    )


class TypicalRecognition(Base):
    """Recognition of a model as typical (mô hình điển hình): when, by whom, which decision.
    Part of its model: it travels and is revised with it."""

    __tablename__ = "typical_recognition"
    __table_args__ = (date_check("recognised_on"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("security_model.id", ondelete="CASCADE"), index=True)
    recognised_on: Mapped[dt.date] = mapped_column(Date)
    authority: Mapped[str | None] = mapped_column(String(300))
    decision_number: Mapped[str | None] = mapped_column(String(60))

    model: Mapped[SecurityModel] = relationship(back_populates="recognitions")
