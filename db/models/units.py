"""Administrative units of both lists (before and from 1 July 2025) and how old units roll up."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, IntPK, Name, code_check, new_uid
from db.vocab import UNIT_LEVELS, UNIT_SCHEMES

REFORM_DATE = dt.date(2025, 7, 1)


class AdminUnit(Base):
    """A province, district or commune of one list. A code alone is ambiguous: the 2025 reform
    reused 3,316 commune codes for different communes, so a unit is (scheme, code)."""

    __tablename__ = "admin_unit"
    __table_args__ = (
        UniqueConstraint("scheme", "code"),
        code_check("scheme", UNIT_SCHEMES),
        code_check("level", UNIT_LEVELS),
    )

    id: Mapped[IntPK]
    scheme: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(10))
    name: Mapped[Name]  # "Phường Hà Tu"
    short_name: Mapped[Name]  # "Hà Tu"
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("admin_unit.id"), index=True)
    # "phuong ha tu, quang ninh": what typing part of a name without accents matches.
    search_text: Mapped[str] = mapped_column(String(400))
    area_km2: Mapped[float | None] = mapped_column(Float)
    population: Mapped[int | None] = mapped_column()


class UnitSuccession(Base):
    """Where an old (pre-2025) commune went: one row per new commune that took part of it;
    `is_primary` marks the one the official mapping names as its default, where its records
    are counted."""

    __tablename__ = "unit_succession"

    old_unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), primary_key=True)
    new_unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), primary_key=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitRollup(Base):
    """Closure table: records entered against `unit_id` count in the figures of `ancestor_id`
    (itself, its parents in its own list and, for old units, the current units they merged into)."""

    __tablename__ = "unit_rollup"
    __table_args__ = (CheckConstraint("depth >= 0", name="depth_positive"),)

    ancestor_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"), primary_key=True, index=True)
    depth: Mapped[int] = mapped_column(default=0)


class Installation(Base):
    """This installation: its own unit and the identity its packages carry (one row)."""

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    uid: Mapped[str] = mapped_column(String(36), default=lambda: str(new_uid()))
    unit_id: Mapped[int] = mapped_column(ForeignKey("admin_unit.id"))
    reference_data: Mapped[str] = mapped_column(String(200), default="")
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
