"""The values a record list shows for a block of rows: a dict per record with "id" and the keys
of `listing.COLUMNS[kind]`, codes as their labels in the asked language, dates as dates, numbers as
numbers. Headless (no Qt): the table model of desktop.ui.record_table asks `rows` for the block it
is painting; the ids come from desktop.services.listing.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    Organisation,
    session_organiser,
)
from db.vocab import (
    CATEGORIES,
    CHANNELS,
    COMMENDATION_FORMS,
    HONORIFICS,
    MODEL_STATUSES,
    MODEL_TYPES,
    ORGANISATIONS,
    RECIPIENT_KINDS,
    SESSION_KINDS,
    SOURCE_STATUSES,
    Vocabulary,
)
from desktop.services.listing import CLASS_OF, COLUMNS, KINDS

_CHUNK = 500  # ids per IN (...) when reading rows


def _session_rows(session: Session, chunk: Sequence[int], lang: str) -> dict[int, dict[str, Any]]:
    s = DisseminationSession
    result: dict[int, dict[str, Any]] = {}
    statement = (
        select(s.id, s.ref, s.held_on, s.kind, AdminUnit.name, s.attendees, s.member_attendees, s.place)
        .outerjoin(AdminUnit, AdminUnit.id == s.unit_id)
        .where(s.id.in_(chunk))
    )
    for id_, ref, held_on, kind, unit, attendees, members, place in session.execute(statement):
        result[id_] = {"id": id_, "ref": ref, "held_on": held_on, "kind": SESSION_KINDS.label(kind, lang),
                       "unit": unit or "", "organisers": "", "attendees": attendees,
                       "member_attendees": members, "place": place or ""}
    organisers: dict[int, set[str]] = {}
    links = (
        select(session_organiser.c.session_id, Organisation.kind)
        .join(Organisation, Organisation.id == session_organiser.c.organisation_id)
        .where(session_organiser.c.session_id.in_(chunk), Organisation.deleted.is_(False))
    )
    for session_id, kind in session.execute(links):
        organisers.setdefault(session_id, set()).add(kind)
    for session_id, kinds in organisers.items():
        ordered = [k for k in ORGANISATIONS.codes if k in kinds]
        result[session_id]["organisers"] = ", ".join(ORGANISATIONS.label(k, lang) for k in ordered)
    return result


def _simple_rows(
    session: Session, chunk: Sequence[int], lang: str, kind: str
) -> dict[int, dict[str, Any]]:
    cls = CLASS_OF[kind]
    keys = [key for key, _vi, _en in COLUMNS[kind]]
    labels: dict[str, Vocabulary] = {}
    columns: list[Any] = []
    for key in keys:
        if key == "unit":
            columns.append(AdminUnit.name)
        elif key == "recipients":
            columns.append(
                select(func.count())
                .where(CommendationRecipient.decision_id == cls.id, CommendationRecipient.deleted.is_(False))
                .scalar_subquery()
            )
        elif key == "decision_number":
            columns.append(CommendationDecision.number)
        elif kind == "recipients" and key in ("decided_on", "form"):
            columns.append(getattr(CommendationDecision, key))
        else:
            columns.append(getattr(cls, key))
    for key, vocabulary in _VOCABULARIES[kind].items():
        labels[key] = vocabulary
    statement = select(cls.id, *columns).select_from(cls)
    if kind == "recipients":
        statement = statement.join(CommendationDecision, CommendationDecision.id == cls.decision_id)
    if "unit" in keys:
        statement = statement.outerjoin(AdminUnit, AdminUnit.id == cls.unit_id)
    result: dict[int, dict[str, Any]] = {}
    for id_, *values in session.execute(statement.where(cls.id.in_(chunk))):
        row: dict[str, Any] = {"id": id_}
        for key, value in zip(keys, values, strict=True):
            if key in labels:
                value = labels[key].label(value, lang) if value else ""
            elif value is None:
                value = None if key in _NUMBERS_AND_DATES else ""
            row[key] = value
        result[id_] = row
    return result


_VOCABULARIES: dict[str, dict[str, Vocabulary]] = {
    "sessions": {"kind": SESSION_KINDS},
    "models": {"type": MODEL_TYPES, "status": MODEL_STATUSES},
    "sources": {"category": CATEGORIES, "channel": CHANNELS, "status": SOURCE_STATUSES},
    "cases": {"category": CATEGORIES},
    "commendations": {"form": COMMENDATION_FORMS},
    "recipients": {"title": HONORIFICS, "kind": RECIPIENT_KINDS, "form": COMMENDATION_FORMS},
}
_NUMBERS_AND_DATES = {"launched_on", "members", "cameras", "decided_on"}


def rows(session: Session, kind: str, record_ids: Sequence[int], lang: str = "vi") -> list[dict[str, Any]]:
    """The display values of these records, in the order of `record_ids`: a dict per record
    with "id" and the keys of `COLUMNS[kind]`; codes as their labels, dates as dates, numbers
    as numbers (None where unknown). Ids no longer found are left out."""
    if kind not in KINDS:
        raise ValueError(f"unknown list kind: {kind!r}")
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(record_ids), _CHUNK):
        chunk = list(record_ids[start:start + _CHUNK])
        if kind == "sessions":
            found.update(_session_rows(session, chunk, lang))
        else:
            found.update(_simple_rows(session, chunk, lang, kind))
    return [found[i] for i in record_ids if i in found]
