"""`validation.Lookups` over a database session: units, organisations, sources, decisions.
Organisations named by a code or a label that a unit does not have yet are created on the way
(the whole import is one transaction, rolled back on any error)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CommendationDecision, InformationSource, Organisation
from db.models.units import AdminUnit
from db.textfold import fold
from db.units import own_unit, unit_ids_by_code
from db.vocab import ORGANISATIONS


def organisation_kind(value: str) -> str | None:
    """The organisation code a value names: a code, a label, or a name that begins with a label
    ("Hội Liên hiệp Phụ nữ xã Đông Ngạc" → womens_union)."""
    folded = fold(value)
    for term in ORGANISATIONS.terms:
        if folded.replace(" ", "_") == term.code or folded in (fold(term.vi), fold(term.en)):
            return term.code
    for term in sorted(ORGANISATIONS.terms, key=lambda t: -len(t.vi)):
        if term.code != "other" and folded.startswith(fold(term.vi) + " "):
            return term.code
    return None


class SessionLookups:
    def __init__(self, session: Session) -> None:
        self.session = session
        unit = own_unit(session)
        assert unit is not None, "installation without a unit"
        self._own = unit.id
        self._units = unit_ids_by_code(session)
        self._organisations: dict[tuple[int, str], int] = {}  # (unit, folded name) → id
        self._by_kind: dict[tuple[int, str], int] = {}  # (unit, kind) → first id
        for org in session.scalars(select(Organisation).where(Organisation.deleted.is_(False))):
            self._remember(org)
        self._unit_names: dict[int, str] = {}

    def _remember(self, org: Organisation) -> None:
        self._organisations[(org.unit_id, fold(org.name))] = org.id
        self._by_kind.setdefault((org.unit_id, org.kind), org.id)

    def own_unit_id(self) -> int:
        return self._own

    def unit(self, code: str, scheme: str) -> int | None:
        return self._units.get((scheme, code))

    def organisation(self, value: str, unit_id: int) -> int | None:
        found = self._organisations.get((unit_id, fold(value)))
        if found is not None:
            return found
        kind = organisation_kind(value)
        if kind is None:
            return None
        is_plain_label = fold(value).replace(" ", "_") == kind or fold(value) in (
            fold(ORGANISATIONS[kind].vi), fold(ORGANISATIONS[kind].en))
        if is_plain_label and (unit_id, kind) in self._by_kind:
            return self._by_kind[(unit_id, kind)]
        name = f"{ORGANISATIONS[kind].vi} {self._unit_name(unit_id)}" if is_plain_label else value.strip()
        org = Organisation(unit_id=unit_id, kind=kind, name=name)
        self.session.add(org)
        self.session.flush()
        self._remember(org)
        return org.id

    def _unit_name(self, unit_id: int) -> str:
        if unit_id not in self._unit_names:
            self._unit_names[unit_id] = self.session.get_one(AdminUnit, unit_id).name
        return self._unit_names[unit_id]

    def source(self, ref: str, unit_id: int) -> int | None:
        return self.session.scalar(
            select(InformationSource.id).where(
                InformationSource.unit_id == unit_id,
                InformationSource.ref == ref,
                InformationSource.deleted.is_(False),
            )
        )

    def decisions(self, number: str) -> list[int]:
        return list(
            self.session.scalars(
                select(CommendationDecision.id).where(
                    CommendationDecision.number == number, CommendationDecision.deleted.is_(False)
                )
            )
        )
