"""Queries on administrative units: which list a date falls in, finding a unit by code, roll-up."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.models import REFORM_DATE, AdminUnit, Installation, UnitRollup


def scheme_on(day: dt.date | None) -> str:
    """The unit list in force on a date (today's when no date is given)."""
    return "pre2025" if (day or dt.date.today()) < REFORM_DATE else "2025"


def find_unit(session: Session, code: str, on: dt.date | None = None, scheme: str | None = None) -> AdminUnit | None:
    """The unit a code means in `scheme`, or else in the list in force on a date: codes were
    reused by the 2025 reform."""
    return session.scalar(
        select(AdminUnit).where(AdminUnit.scheme == (scheme or scheme_on(on)), AdminUnit.code == code.strip())
    )


def unit_ids_by_code(session: Session) -> dict[tuple[str, str], int]:
    return {(s, c): i for i, s, c in session.execute(select(AdminUnit.id, AdminUnit.scheme, AdminUnit.code))}


def rolled_up_unit_ids(unit_id: int) -> Select[tuple[int]]:
    """The ids of the unit, everything under it and, for a current unit, the old units that
    merged into it: a subquery for `unit_id IN (...)`."""
    return select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == unit_id)


def own_unit(session: Session) -> AdminUnit | None:
    installation = session.get(Installation, 1)
    return session.get(AdminUnit, installation.unit_id) if installation else None


def search_units(session: Session, typed: str, scheme: str = "2025", limit: int = 20) -> list[AdminUnit]:
    """Units whose name contains every typed word, without regard to accents ('phuong cua nam')."""
    from db.textfold import fold

    query = select(AdminUnit).where(AdminUnit.scheme == scheme)
    for word in fold(typed).split():
        query = query.where(AdminUnit.search_text.contains(word, autoescape=True))
    return list(session.scalars(query.order_by(AdminUnit.level.desc(), AdminUnit.name).limit(limit)))
