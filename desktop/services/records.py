"""Writing records from clean values (the output of `validation.validate`): create or update,
revision and audit, people's references. Every entry path that writes records comes through here."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    Organisation,
    RecordMixin,
    SecurityModel,
    Topic,
    TypicalRecognition,
    UncoveredCase,
    utcnow,
)
from desktop.services.audit import AuditWriter
from desktop.services.record_specs import SPECS

RECORD_CLASSES: dict[str, type[RecordMixin]] = {
    "sessions": DisseminationSession,
    "models": SecurityModel,
    "sources": InformationSource,
    "cases": UncoveredCase,
    "commendations": CommendationDecision,
    "recipients": CommendationRecipient,
}

# Clean value name → model attribute, where they differ.
_ATTRIBUTE = {
    "sessions": {"date": "held_on"},
    "sources": {"date": "received_on", "organisation": "organisation_id"},
    "cases": {"date": "opened_on"},
    "models": {"lead_organisation": "lead_organisation_id"},
    "commendations": {"date": "decided_on"},
    "recipients": {"decision_number": "decision_id", "organisation": "organisation_id"},
}
_NOT_COLUMNS = {"ref", "unit_code", "organisers", "topics", "source_refs", "typical_on", "typical_authority",
                "typical_decision"}


@functools.cache
def _column_fields(kind: str) -> tuple[tuple[str, str], ...]:
    """(clean value name, model attribute) of a kind's fields that are columns of its table."""
    renames = _ATTRIBUTE.get(kind, {})
    return tuple((spec.name, renames.get(spec.name, spec.name)) for spec in SPECS[kind].fields
                 if spec.name not in _NOT_COLUMNS)


def record_year(kind: str, values: dict[str, Any]) -> int:
    day = values.get(SPECS[kind].date_field or "") if SPECS[kind].date_field else None
    return (day or dt.date.today()).year


class RefAllocator:
    """Hands out `TT-2024-0012`-style references, unique per unit, prefix and year."""

    _PATTERN = re.compile(r"^[A-Z]+-(\d{4})-(\d+)$")

    def __init__(self, session: Session) -> None:
        self.session = session
        self.next: dict[tuple[str, int | None, int], int] = {}
        self.taken: set[tuple[str, int | None, str]] = set()

    def reserve(self, kind: str, scope_id: int | None, ref: str) -> None:
        """A ref the same transaction will write itself: never hand it out."""
        self.taken.add((kind, scope_id, ref))

    def allocate(self, kind: str, scope_id: int | None, year: int) -> str:
        cls = RECORD_CLASSES[kind]
        prefix = SPECS[kind].ref_prefix
        key = (kind, scope_id, year)
        if key not in self.next:
            scope = cls.decision_id if kind == "recipients" else cls.unit_id  # type: ignore[attr-defined]
            refs = self.session.scalars(
                select(cls.ref).where(scope == scope_id, cls.ref.like(f"{prefix}-{year}-%"))
            )
            numbers = [int(m.group(2)) for r in refs if (m := self._PATTERN.match(r))]
            self.next[key] = max(numbers, default=0) + 1
        while True:
            number = self.next[key]
            self.next[key] += 1
            ref = f"{prefix}-{year}-{number:04d}"
            if (kind, scope_id, ref) not in self.taken:
                return ref


def snapshot(kind: str, record: Any) -> dict[str, Any]:
    """The record as comparable clean values (what an import or a form would produce)."""
    values: dict[str, Any] = {"ref": record.ref}
    for name, attribute in _column_fields(kind):
        values[name] = getattr(record, attribute)
    values["unit_id"] = record.unit_id
    if kind == "sessions":
        values["organisers"] = sorted(o.id for o in record.organisers)
        values["topics"] = sorted(t.code for t in record.topics)
    elif kind == "cases":
        values["source_refs"] = sorted(s.id for s in record.sources)
    elif kind == "models":
        latest = record.recognitions[-1] if record.recognitions else None
        values["typical_on"] = latest.recognised_on if latest else None
        values["typical_authority"] = latest.authority if latest else None
        values["typical_decision"] = latest.decision_number if latest else None
    return values


@dataclass
class WriteOutcome:
    action: str  # created, updated, unchanged
    record: Any


class RecordWriter:
    """Creates or updates records of one transaction, bumping revisions and auditing each change."""

    def __init__(self, session: Session, username: str, origin_unit_id: int) -> None:
        self.session = session
        self.username = username
        self.origin_unit_id = origin_unit_id
        self.refs = RefAllocator(session)
        self.audit = AuditWriter(session, username)
        self._topics: dict[str, Topic] = {}

    def find_existing(self, kind: str, clean: dict[str, Any]) -> Any | None:
        cls = RECORD_CLASSES[kind]
        query = select(cls)
        if kind == "commendations":
            query = query.where(cls.unit_id == clean["unit_id"], cls.number == clean["number"])  # type: ignore[attr-defined]
        elif not clean.get("ref"):
            return None
        elif kind == "recipients":
            query = query.where(cls.decision_id == clean["decision_number"], cls.ref == clean["ref"])  # type: ignore[attr-defined]
        else:
            query = query.where(cls.unit_id == clean["unit_id"], cls.ref == clean["ref"])  # type: ignore[attr-defined]
        return self.session.scalar(query)

    def save(self, kind: str, clean: dict[str, Any]) -> WriteOutcome:
        existing = self.find_existing(kind, clean)
        if existing is None:
            record = RECORD_CLASSES[kind](origin_unit_id=self.origin_unit_id, created_by=self.username,
                                          updated_by=self.username)
            self._apply(kind, record, clean)
            scope = clean["decision_number"] if kind == "recipients" else clean["unit_id"]
            record.ref = clean.get("ref") or self.refs.allocate(kind, scope, record_year(kind, clean))
            self.session.add(record)
            self.session.flush()
            self.audit.add("create", record.__tablename__, record.uid, new=snapshot(kind, record))
            return WriteOutcome("created", record)
        before = snapshot(kind, existing)
        if existing.deleted:
            existing.deleted = False
        self._apply(kind, existing, clean)
        after = snapshot(kind, existing)
        if before == after and not self.session.is_modified(existing):
            return WriteOutcome("unchanged", existing)
        existing.revision += 1
        existing.updated_by = self.username
        existing.updated_at = utcnow()
        self.session.flush()
        self.audit.add("update", existing.__tablename__, existing.uid, old=before, new=after)
        return WriteOutcome("updated", existing)

    def _apply(self, kind: str, record: Any, clean: dict[str, Any]) -> None:
        for name, attribute in _column_fields(kind):
            value = clean.get(name)
            if getattr(record, attribute, None) != value:
                setattr(record, attribute, value)
        if (clean.get("unit_id") is not None or kind == "recipients") and record.unit_id != clean.get("unit_id"):
            record.unit_id = clean.get("unit_id")
        if kind == "sessions":
            organisers = [self.session.get_one(Organisation, i) for i in clean["organisers"]]
            if sorted(o.id for o in record.organisers) != sorted(o.id for o in organisers):
                record.organisers = organisers
            topics = [self._topic(code) for code in clean["topics"]]
            if sorted(t.code for t in record.topics) != sorted(t.code for t in topics):
                record.topics = topics
        elif kind == "cases":
            sources = [self.session.get_one(InformationSource, i) for i in clean["source_refs"]]
            if sorted(s.id for s in record.sources) != sorted(s.id for s in sources):
                record.sources = sources
        elif kind == "models" and clean.get("typical_on"):
            same = next((r for r in record.recognitions if r.recognised_on == clean["typical_on"]), None)
            if same is None:
                record.recognitions.append(TypicalRecognition(
                    recognised_on=clean["typical_on"], authority=clean.get("typical_authority"),
                    decision_number=clean.get("typical_decision")))
            else:
                if same.authority != clean.get("typical_authority"):
                    same.authority = clean.get("typical_authority")
                if same.decision_number != clean.get("typical_decision"):
                    same.decision_number = clean.get("typical_decision")

    def _topic(self, code: str) -> Topic:
        if code not in self._topics:
            self._topics[code] = self.session.get_one(Topic, code)
        return self._topics[code]

    def finish(self) -> None:
        self.audit.flush()
