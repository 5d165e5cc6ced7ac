"""The choices of a record list's filter bar: the units a user can narrow to, and the codes of
each filter of `listing.FILTERS`, as (value, label) pairs in the current language."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AdminUnit, Topic, UnitRollup
from desktop.i18n import t
from desktop.services.listing import FILTERS


def unit_choices(session: Session, own_unit_id: int, lang: str = "vi") -> list[tuple[int, str]]:
    """The units under the own unit and the old units merged into it (not the own unit itself,
    which is the list's default), current units first, then by name."""
    rows = session.execute(
        select(AdminUnit.id, AdminUnit.name, AdminUnit.scheme)
        .join(UnitRollup, UnitRollup.unit_id == AdminUnit.id)
        .where(UnitRollup.ancestor_id == own_unit_id, AdminUnit.id != own_unit_id)
        .order_by(AdminUnit.scheme.desc(), AdminUnit.name)
    )
    return [(id_, name if scheme == "2025" else t("unit_former", lang, name=name)) for id_, name, scheme in rows]


def code_choices(session: Session, kind: str, name: str, lang: str = "vi") -> list[tuple[str, str]]:
    """The codes of filter `name` of list `kind` (the topic catalogue comes from the database)."""
    vocabulary = FILTERS[kind][name][0]
    if vocabulary is None:
        topics = session.scalars(select(Topic).order_by(Topic.sort_order, Topic.code))
        return [(topic.code, topic.label_en if lang == "en" else topic.label_vi) for topic in topics]
    return [(term.code, term.label(lang)) for term in vocabulary.terms]
