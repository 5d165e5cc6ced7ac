"""`validation.Lookups` over a database session: units, organisations, sources, decisions.
Organisations named by a code or a label that a unit does not have yet are created on the way
(the whole import is one transaction, rolled back on any error)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CommendationDecision, InformationSource, Organisation
from db.models.units import AdminUnit, UnitRollup
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


def _is_plain_label(value: str, kind: str) -> bool:
    """Whether a value is the kind's code or label alone (not a name of its own)."""
    folded = fold(value)
    return folded.replace(" ", "_") == kind or folded in (fold(ORGANISATIONS[kind].vi), fold(ORGANISATIONS[kind].en))


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
        self._defaults: dict[str, list[tuple[int, str, str]]] = {}

    def _remember(self, org: Organisation) -> None:
        self._organisations[(org.unit_id, fold(org.name))] = org.id
        self._by_kind.setdefault((org.unit_id, org.kind), org.id)

    def own_unit_id(self) -> int:
        return self._own

    def default_unit(self, scheme: str) -> int | None:
        choices = self._predecessors(scheme)
        return choices[0][0] if len(choices) == 1 else None

    def default_unit_choices(self, scheme: str) -> list[str]:
        return [f"{code} {name}" for _, code, name in self._predecessors(scheme)]

    def _predecessors(self, scheme: str) -> list[tuple[int, str, str]]:
        """The own unit if it is of this list, else the units of this list that roll up into it
        at its own level (the old communes merged into a commune, the old provinces into a
        province)."""
        if scheme not in self._defaults:
            own = self.session.get_one(AdminUnit, self._own)
            if own.scheme == scheme:
                self._defaults[scheme] = [(own.id, own.code, own.name)]
            else:
                rows = self.session.execute(
                    select(AdminUnit.id, AdminUnit.code, AdminUnit.name)
                    .join(UnitRollup, UnitRollup.unit_id == AdminUnit.id)
                    .where(UnitRollup.ancestor_id == own.id, AdminUnit.scheme == scheme,
                           AdminUnit.level == own.level)
                    .order_by(AdminUnit.code)
                ).all()
                self._defaults[scheme] = [tuple(row) for row in rows]  # type: ignore[misc]
        return self._defaults[scheme]

    def unit(self, code: str, scheme: str) -> int | None:
        return self._units.get((scheme, code))

    def organisation(self, value: str, unit_id: int) -> int | None:
        found = self.known_organisation(value, unit_id)
        if found is not None:
            return found
        kind = organisation_kind(value)
        if kind is None:
            return None
        name = f"{ORGANISATIONS[kind].vi} {self._unit_name(unit_id)}" if _is_plain_label(value, kind) else value.strip()
        org = Organisation(unit_id=unit_id, kind=kind, name=name)
        self.session.add(org)
        self.session.flush()
        self._remember(org)
        return org.id

    def known_organisation(self, value: str, unit_id: int) -> int | None:
        """The organisation a value names among those the unit has, without creating one."""
        found = self._organisations.get((unit_id, fold(value)))
        if found is not None:
            return found
        kind = organisation_kind(value)
        if kind is not None and _is_plain_label(value, kind):
            return self._by_kind.get((unit_id, kind))
        return None

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
