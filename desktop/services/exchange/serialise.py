"""Records as package items and back: an item carries what makes a record the same everywhere
(uid, revision, deletion, origin, who and when) and its values in the shape the one validation
layer reads (codes, ISO dates, unit codes, organisations by name), with links to other records
by uid, so that any installation can validate and merge it."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AdminUnit, Approval, Organisation, UnitRollup
from desktop.services.records import snapshot

# Kinds in the order a package holds them: what a record links to comes before it.
KINDS = ("sessions", "models", "sources", "cases", "commendations", "recipients")
_DATE_COLUMN = {"sessions": "held_on", "sources": "received_on", "cases": "opened_on", "commendations": "decided_on"}


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


class Names:
    """Unit codes and organisation names for ids, read once."""

    def __init__(self, session: Session) -> None:
        self.units = {row.id: (row.scheme, row.code) for row in session.execute(
            select(AdminUnit.id, AdminUnit.scheme, AdminUnit.code))}
        self.organisations = dict(session.execute(select(Organisation.id, Organisation.name)).all())


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

    def approved(self, kind: str, record: Any) -> bool:
        if not self.spans:
            return False
        if kind == "recipients":
            return self.covers(record.decision.unit_id, [record.decision.decided_on])
        if kind == "models":
            days = [record.launched_on, *(r.recognised_on for r in record.recognitions)]
            return self.covers(record.unit_id, [d for d in days if d is not None])
        return self.covers(record.unit_id, [getattr(record, _DATE_COLUMN[kind])])


def record_item(kind: str, record: Any, names: Names, approvals: ApprovalIndex) -> dict[str, Any]:
    values = snapshot(kind, record)
    unit_id = values.pop("unit_id")
    values["unit_code"] = names.units[unit_id][1] if unit_id is not None else None
    if kind == "sessions":
        values["organisers"] = sorted(names.organisations[i] for i in values["organisers"])
    elif kind == "cases":
        values["source_refs"] = sorted(str(s.uid) for s in record.sources)
    elif kind == "recipients":
        values["decision_number"] = str(record.decision.uid)
    for name in ("organisation", "lead_organisation"):
        if values.get(name) is not None:
            values[name] = names.organisations[values[name]]
    scheme, code = names.units[record.origin_unit_id]
    # The unit's list, said outright: a recipient has no date of its own to choose it by.
    unit = {"scheme": names.units[unit_id][0], "code": names.units[unit_id][1]} if unit_id is not None else None
    return {
        "unit": unit,
        "uid": str(record.uid),
        "revision": record.revision,
        "deleted": bool(record.deleted),
        "origin": {"scheme": scheme, "code": code},
        "created_at": iso(record.created_at),
        "created_by": record.created_by,
        "updated_at": iso(record.updated_at),
        "updated_by": record.updated_by,
        "approved": approvals.approved(kind, record),
        "values": {k: iso(v) for k, v in values.items()},
    }


def approval_item(approval: Approval, names: Names) -> dict[str, Any]:
    scheme, code = names.units[approval.unit_id]
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
    return parsed.replace(tzinfo=None) if parsed.tzinfo is None else None
