"""Records as package items and back: an item carries what makes a record the same everywhere
(uid, revision, deletion, origin, who and when) and its values in the shape the one validation
layer reads (codes, ISO dates, unit codes, organisations by name), with links to other records
by uid, so that any installation can validate and merge it."""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    Approval,
    CommendationDecision,
    InformationSource,
    Organisation,
    TypicalRecognition,
    UnitRollup,
    case_source,
    session_organiser,
    session_topic,
)
from desktop.services.records import RECORD_CLASSES, _column_fields

# Kinds in the order a package holds them: what a record links to comes before it.
KINDS = ("sessions", "models", "sources", "cases", "commendations", "recipients")
_DATE_COLUMN = {"sessions": "held_on", "sources": "received_on", "cases": "opened_on", "commendations": "decided_on"}


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value  # a datetime is a date too


class Names:
    """Unit codes and organisation names for ids, read as they are met (a commune's package
    names a handful of the 14,000 units)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._units: dict[int, tuple[str, str]] = {}
        self.organisations = dict(session.execute(select(Organisation.id, Organisation.name)).all())

    def unit(self, unit_id: int) -> tuple[str, str]:
        if unit_id not in self._units:
            row = self.session.execute(select(AdminUnit.scheme, AdminUnit.code).where(AdminUnit.id == unit_id)).one()
            self._units[unit_id] = (row.scheme, row.code)
        return self._units[unit_id]


class Links:
    """What a batch of records links to, read in one query per link table (not per record)."""

    def __init__(self, session: Session, kind: str, rows: list[Any]) -> None:
        ids = [row.id for row in rows]
        self.organisers: dict[int, list[int]] = {}
        self.topics: dict[int, list[str]] = {}
        self.sources: dict[int, list[str]] = {}
        self.recognitions: dict[int, list[Any]] = {}
        self.decisions: dict[int, Any] = {}
        if kind == "sessions":
            for session_id, organisation_id in session.execute(select(
                    session_organiser.c.session_id, session_organiser.c.organisation_id).where(
                    session_organiser.c.session_id.in_(ids))):
                self.organisers.setdefault(session_id, []).append(organisation_id)
            for session_id, code in session.execute(select(session_topic.c.session_id, session_topic.c.topic_code)
                                                    .where(session_topic.c.session_id.in_(ids))):
                self.topics.setdefault(session_id, []).append(code)
        elif kind == "cases":
            for case_id, uid in session.execute(select(case_source.c.case_id, InformationSource.uid).join(
                    InformationSource, InformationSource.id == case_source.c.source_id).where(
                    case_source.c.case_id.in_(ids))):
                self.sources.setdefault(case_id, []).append(str(uid))
        elif kind == "models":
            for recognition in session.execute(select(TypicalRecognition.model_id, TypicalRecognition.recognised_on,
                                                      TypicalRecognition.authority, TypicalRecognition.decision_number)
                                               .where(TypicalRecognition.model_id.in_(ids))
                                               .order_by(TypicalRecognition.recognised_on, TypicalRecognition.id)):
                self.recognitions.setdefault(recognition.model_id, []).append(recognition)
        elif kind == "recipients":
            wanted = {row.decision_id for row in rows}
            self.decisions = {row.id: row for row in session.execute(select(
                CommendationDecision.id, CommendationDecision.uid, CommendationDecision.unit_id,
                CommendationDecision.decided_on).where(CommendationDecision.id.in_(wanted)))}


class ApprovalIndex:
    """The standing approvals, to say of each record whether one covers it (no query per record)."""

    def __init__(self, session: Session) -> None:
        self.spans: list[tuple[dt.date, dt.date, frozenset[int]]] = []
        for approval in session.scalars(select(Approval).where(Approval.revoked_at.is_(None))):
            units = frozenset(session.scalars(select(UnitRollup.unit_id).where(
                UnitRollup.ancestor_id == approval.unit_id)))
            self.spans.append((approval.starts_on, approval.ends_on, units))

    def covers(self, unit_id: int | None, days: list[dt.date]) -> bool:
        return any(unit_id in units and any(start <= day <= end for day in days)
                   for start, end, units in self.spans)

    def approved(self, kind: str, row: Any, links: Links) -> bool:
        if not self.spans:
            return False
        if kind == "recipients":
            decision = links.decisions[row.decision_id]
            return self.covers(decision.unit_id, [decision.decided_on])
        if kind == "models":
            days = [row.launched_on, *(r.recognised_on for r in links.recognitions.get(row.id, []))]
            return self.covers(row.unit_id, [d for d in days if d is not None])
        return self.covers(row.unit_id, [getattr(row, _DATE_COLUMN[kind])])


def record_item(kind: str, row: Any, names: Names, approvals: ApprovalIndex, links: Links) -> dict[str, Any]:
    """One record (a row of its table) as a package item."""
    values: dict[str, Any] = {"ref": row.ref}
    for name, column in _column_fields(kind):
        values[name] = getattr(row, column)
    if kind == "sessions":
        values["organisers"] = sorted(names.organisations[i] for i in links.organisers.get(row.id, []))
        values["topics"] = sorted(links.topics.get(row.id, []))
    elif kind == "cases":
        values["source_refs"] = sorted(links.sources.get(row.id, []))
    elif kind == "models":
        latest = links.recognitions.get(row.id, [None])[-1]
        values["typical_on"] = latest.recognised_on if latest else None
        values["typical_authority"] = latest.authority if latest else None
        values["typical_decision"] = latest.decision_number if latest else None
    elif kind == "recipients":
        values["decision_number"] = str(links.decisions[row.decision_id].uid)
    for name in ("organisation", "lead_organisation"):
        if values.get(name) is not None:
            values[name] = names.organisations[values[name]]
    unit = names.unit(row.unit_id) if row.unit_id is not None else None
    values["unit_code"] = unit[1] if unit else None
    scheme, code = names.unit(row.origin_unit_id)
    return {
        # The unit's list, said outright: a recipient has no date of its own to choose it by.
        "unit": {"scheme": unit[0], "code": unit[1]} if unit else None,
        "uid": str(row.uid),
        "revision": row.revision,
        "deleted": bool(row.deleted),
        "origin": {"scheme": scheme, "code": code},
        "created_at": iso(row.created_at),
        "created_by": row.created_by,
        "updated_at": iso(row.updated_at),
        "updated_by": row.updated_by,
        "approved": approvals.approved(kind, row, links),
        "values": {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()},  # `iso`, inline
    }


def record_items(session: Session, kind: str, where: Any = None, batch: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """The records of `kind` (those matching `where`) as package items, a batch at a time, in
    the order of their ids; plain rows, not ORM objects (export speed)."""
    cls = RECORD_CLASSES[kind]
    table = cls.__table__  # type: ignore[attr-defined]
    query = select(table)
    if where is not None:
        query = query.where(where)
    names, approvals = Names(session), ApprovalIndex(session)
    last_id = 0
    while rows := session.execute(query.where(table.c.id > last_id).order_by(table.c.id).limit(batch)).all():
        links = Links(session, kind, rows)
        yield [record_item(kind, row, names, approvals, links) for row in rows]
        last_id = rows[-1].id


def approval_item(approval: Approval, names: Names) -> dict[str, Any]:
    scheme, code = names.unit(approval.unit_id)
    return {
        "uid": approval.uid, "unit": {"scheme": scheme, "code": code},
        "starts_on": iso(approval.starts_on), "ends_on": iso(approval.ends_on),
        "approved_by": approval.approved_by, "approved_at": iso(approval.approved_at),
        "revoked_by": approval.revoked_by, "revoked_at": iso(approval.revoked_at),
        "revoke_reason": approval.revoke_reason,
    }


def parse_uid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def parse_datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else None  # naive, as stored; an offset is refused
