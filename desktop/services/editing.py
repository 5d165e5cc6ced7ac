"""Editing one record at a time, for the record forms (no Qt): the values a form is filled with,
saving what was typed through the one validation layer (all or nothing, in one transaction),
the likely-duplicate check, deleting and restoring, and the lists a form picks values from.

Values go in and out in the shape `validation.validate` accepts (field names of
`record_specs.SPECS[kind]`, dates as `datetime.date`, codes, lists for organisers, topics and
sources, organisations by name, units by code), so a form filled by `form_values` and saved
unchanged writes nothing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import (
    AdminUnit,
    CommendationDecision,
    InformationSource,
    Organisation,
    Topic,
    UnitRollup,
    utcnow,
)
from db.textfold import fold
from db.units import find_unit, own_unit, rolled_up_unit_ids, scheme_on
from db.vocab import CATEGORIES, ORGANISATIONS, TOPICS
from desktop.i18n import language, t
from desktop.services import approvals
from desktop.services.audit import AuditWriter
from desktop.services.installation import Database
from desktop.services.lookups import SessionLookups, organisation_kind
from desktop.services.permissions import OWNER, Actor, Permission, check_kind, check_write, requires
from desktop.services.record_specs import SPECS
from desktop.services.records import RECORD_CLASSES, RecordWriter
from desktop.services.validation import Violation, validate

Choices = list[tuple[str, str]]  # (value the form sends, label shown)

# Clean value name → model attribute, where they differ (as in records.py).
_DATE_ATTRIBUTE = {"sessions": "held_on", "sources": "received_on", "cases": "opened_on",
                   "commendations": "decided_on"}


@dataclass
class SaveResult:
    violations: list[Violation] = field(default_factory=list)
    record_id: int | None = None
    ref: str | None = None
    action: str = "invalid"  # created, updated, unchanged, invalid, duplicate (not saved: ask first)
    duplicates: list[str] = field(default_factory=list)  # refs of likely duplicates

    @property
    def saved(self) -> bool:
        return self.action in ("created", "updated", "unchanged")


class _Rollback(Exception):
    """Ends the transaction without writing anything (violations, or a duplicate to confirm)."""


# ---------------------------------------------------------------------------------------------
# Reading a record back as form values


def _unit_code(session: Session, unit_id: int | None) -> str | None:
    return session.get_one(AdminUnit, unit_id).code if unit_id is not None else None


def _organisation_name(session: Session, organisation_id: int | None) -> str | None:
    return session.get_one(Organisation, organisation_id).name if organisation_id is not None else None


@requires(Permission.VIEW)
def form_values(session: Session, kind: str, record_id: int) -> dict[str, Any]:
    """The raw values of an existing record, ready to fill a form and to be saved back."""
    record: Any = session.get_one(RECORD_CLASSES[kind], record_id)
    values: dict[str, Any] = {}
    for spec in SPECS[kind].fields:
        name = spec.name
        if name == "unit_code":
            values[name] = _unit_code(session, record.unit_id)
        elif name == "date":
            values[name] = getattr(record, _DATE_ATTRIBUTE[kind])
        elif name == "organisers":
            values[name] = [o.name for o in sorted(record.organisers, key=lambda o: o.id)]
        elif name == "topics":
            order = TOPICS.codes
            values[name] = sorted((tp.code for tp in record.topics),
                                  key=lambda c: order.index(c) if c in order else len(order))
        elif name == "source_refs":
            values[name] = [s.ref for s in sorted(record.sources, key=lambda s: s.id)]
        elif name in ("organisation", "lead_organisation"):
            values[name] = _organisation_name(session, getattr(record, f"{name}_id"))
        elif name == "decision_number":
            values[name] = record.decision.number
        elif name.startswith("typical_"):
            latest = record.recognitions[-1] if record.recognitions else None
            attribute = {"typical_on": "recognised_on", "typical_authority": "authority",
                         "typical_decision": "decision_number"}[name]
            values[name] = getattr(latest, attribute) if latest else None
        else:
            values[name] = getattr(record, name)
    return values


def _own_scope(session: Session) -> Any:
    unit = own_unit(session)
    assert unit is not None, "installation without a unit"
    return rolled_up_unit_ids(unit.id)


@requires(Permission.VIEW)
def previous_values(session: Session, kind: str) -> dict[str, Any] | None:
    """The values of the most recently created record of the kind in the own unit (and the units
    under it), without its ref, to copy into a new form; None when there is none. A decision's
    number is left out too: it must be new."""
    cls: Any = RECORD_CLASSES[kind]
    query = select(cls.id).where(cls.deleted.is_(False))
    if kind == "recipients":
        query = query.join(CommendationDecision, CommendationDecision.id == cls.decision_id).where(
            CommendationDecision.deleted.is_(False), CommendationDecision.unit_id.in_(_own_scope(session)))
    else:
        query = query.where(cls.unit_id.in_(_own_scope(session)))
    record_id = session.scalar(query.order_by(cls.created_at.desc(), cls.id.desc()).limit(1))
    if record_id is None:
        return None
    values = form_values(session, kind, record_id)
    values["ref"] = None
    if kind == "commendations":
        values["number"] = None
    return values


# ---------------------------------------------------------------------------------------------
# Duplicates and uniqueness


@requires(Permission.VIEW)
def likely_duplicates(session: Session, kind: str, clean: Mapping[str, Any],
                      exclude_id: int | None = None) -> list[str]:
    """Refs of non-deleted records that look like the same event as `clean` (validated values):
    sessions: same unit, date, kind and organisers; models: same unit and name; sources: same
    unit, date, category, channel and content; cases: same unit, date, category and number of
    individuals; recipients: same decision and name. Decisions: none (their number is unique)."""
    cls: Any = RECORD_CLASSES[kind]
    query = select(cls).where(cls.deleted.is_(False))
    if exclude_id is not None:
        query = query.where(cls.id != exclude_id)
    same_name: str | None = None
    if kind == "sessions":
        query = query.where(cls.unit_id == clean["unit_id"], cls.held_on == clean["date"],
                            cls.kind == clean["kind"])
    elif kind == "models":
        query = query.where(cls.unit_id == clean["unit_id"])
        same_name = fold(clean["name"])
    elif kind == "sources":
        query = query.where(cls.unit_id == clean["unit_id"], cls.received_on == clean["date"],
                            cls.category == clean["category"], cls.channel == clean["channel"])
    elif kind == "cases":
        query = query.where(cls.unit_id == clean["unit_id"], cls.opened_on == clean["date"],
                            cls.category == clean["category"], cls.individuals == clean["individuals"])
    elif kind == "recipients":
        query = query.where(cls.decision_id == clean["decision_number"])
        same_name = fold(clean["name"])
    else:
        return []
    found = []
    for record in session.scalars(query.order_by(cls.id)):
        if kind == "sessions" and {o.id for o in record.organisers} != set(clean["organisers"]):
            continue
        if kind == "sources" and fold(record.content or "") != fold(clean.get("content") or ""):
            continue
        if same_name is not None and fold(record.name) != same_name:
            continue
        found.append(record.ref)
    return found


def _taken(session: Session, kind: str, clean: Mapping[str, Any], ref: str | None,
           record_id: int | None) -> list[Violation]:
    """What the database would refuse as a second one: a ref in its unit (or decision), a
    decision's number in its unit. The writer would otherwise update that other record."""
    cls: Any = RECORD_CLASSES[kind]
    scope = (cls.decision_id == clean["decision_number"]) if kind == "recipients" else (
        cls.unit_id == clean["unit_id"])
    others = select(cls.id).where(scope)
    if record_id is not None:
        others = others.where(cls.id != record_id)
    violations = []
    if ref and session.scalar(others.where(cls.ref == ref).limit(1)) is not None:
        violations.append(Violation("ref", t("duplicate_ref", value=ref), ref))
    if kind == "commendations" and session.scalar(others.where(cls.number == clean["number"]).limit(1)):
        violations.append(Violation("number", t("duplicate_number", value=clean["number"]), clean["number"]))
    return violations


# ---------------------------------------------------------------------------------------------
# Saving, deleting, restoring


class _FormWriter(RecordWriter):
    """A RecordWriter that writes the one record the form shows (or a new one), never another
    record found by its ref; an edit may change the ref itself."""

    def __init__(self, session: Session, username: str, origin_unit_id: int, target: Any | None) -> None:
        super().__init__(session, username, origin_unit_id)
        self.target = target

    def find_existing(self, kind: str, clean: dict[str, Any]) -> Any | None:
        return self.target

    def _apply(self, kind: str, record: Any, clean: dict[str, Any]) -> None:
        super()._apply(kind, record, clean)
        if record is self.target and clean.get("ref") and record.ref != clean["ref"]:
            record.ref = clean["ref"]


@requires(Permission.ENTER_RECORDS, Permission.ENTER_UNION_RECORDS)
def save_record(database: Database, kind: str, raw: Mapping[str, Any], username: str,
                record_id: int | None = None, *, allow_duplicates: bool = True,
                today: dt.date | None = None, actor: Actor = OWNER) -> SaveResult:
    """Validates `raw` and creates a record (record_id None) or updates record `record_id`, in one
    transaction; with any violation nothing is written. With `allow_duplicates=False` a record
    that looks like an existing one is not written either: the result says `duplicate` and names
    them, so the caller can ask and call again. `actor` must be allowed to write the record as
    it is and as it will be (permissions.check_write), else PermissionDenied and nothing written."""
    check_kind(actor, kind)
    result = SaveResult()
    try:
        with transaction(database.sessions) as session:
            lookups = SessionLookups(session)
            clean, violations = validate(kind, raw, lookups, today=today)
            target: Any = session.get_one(RECORD_CLASSES[kind], record_id) if record_id is not None else None
            # An approved period locks its records: neither the stored values nor the new ones
            # may fall in one (desktop.services.approvals).
            locked = approvals.is_locked(session, kind, target) if target is not None else None
            if locked is None and not violations:
                locked = approvals.is_locked(session, kind, clean)
            if locked is not None:
                violations = [approvals.locked_violation(locked)]
            if not violations:
                ref = clean.get("ref") or (target.ref if target is not None else None)
                violations = _taken(session, kind, clean, ref, record_id)
            if violations:
                result.violations = violations
                raise _Rollback
            check_write(session, actor, kind, clean=clean, record=target)
            if not allow_duplicates:
                result.duplicates = likely_duplicates(session, kind, clean, exclude_id=record_id)
                if result.duplicates:
                    result.action = "duplicate"
                    raise _Rollback
            writer = _FormWriter(session, username, lookups.own_unit_id(), target)
            outcome = writer.save(kind, clean)
            writer.finish()
            result.action, result.record_id, result.ref = outcome.action, outcome.record.id, outcome.record.ref
    except _Rollback:
        pass
    return result


def _set_deleted(database: Database, kind: str, record_id: int, username: str, deleted: bool,
                 actor: Actor = OWNER, reason: str | None = None) -> str | None:
    check_kind(actor, kind, Permission.DELETE_RECORDS)
    with transaction(database.sessions) as session:
        record: Any = session.get_one(RECORD_CLASSES[kind], record_id)
        check_write(session, actor, kind, record=record, permission=Permission.DELETE_RECORDS)
        if record.deleted == deleted:
            return None
        if (locked := approvals.is_locked(session, kind, record)) is not None:
            raise approvals.RecordLocked(locked)  # an approved period: nothing written
        before = {"deleted": record.deleted, "revision": record.revision}
        record.deleted = deleted
        record.revision += 1
        record.updated_at = utcnow()
        record.updated_by = username
        session.flush()
        audit = AuditWriter(session, username)
        audit.add("delete" if deleted else "restore", record.__tablename__, record.uid, old=before,
                  new={"deleted": deleted, "revision": record.revision}, reason=reason)
        audit.flush()
        return str(record.ref)


@requires(Permission.DELETE_RECORDS, Permission.ENTER_UNION_RECORDS)
def delete_record(database: Database, kind: str, record_id: int, username: str, *,
                  actor: Actor = OWNER, reason: str | None = None) -> str | None:
    """Marks a record deleted (a new revision, audited with the `reason` given). Returns its
    ref, or None when it was deleted already. A deleted decision keeps its recipients; the
    lists hide them with it."""
    return _set_deleted(database, kind, record_id, username, True, actor, reason)


@requires(Permission.DELETE_RECORDS, Permission.ENTER_UNION_RECORDS)
def restore_record(database: Database, kind: str, record_id: int, username: str, *,
                   actor: Actor = OWNER) -> str | None:
    """Undoes `delete_record`. Returns the ref, or None when the record was not deleted."""
    return _set_deleted(database, kind, record_id, username, False, actor)


# ---------------------------------------------------------------------------------------------
# What a form picks from


@requires(Permission.VIEW)
def unit_id_for(session: Session, unit_code: str | None, on: dt.date | None = None) -> int | None:
    """The unit a record with this unit code (or none) and date belongs to, as validation reads it."""
    if unit_code:
        unit = find_unit(session, unit_code, on)
        return unit.id if unit else None
    return SessionLookups(session).default_unit(scheme_on(on))


@requires(Permission.VIEW)
def unit_choices(session: Session, on: dt.date | None = None) -> Choices:
    """The own unit and the units under it or merged into it, of the list in force on `on`
    (a record dated before 1 July 2025 takes a unit of the old list): (code, "code name, parent")."""
    own = own_unit(session)
    assert own is not None, "installation without a unit"
    parent = AdminUnit.__table__.alias("parent")
    rows = session.execute(
        select(AdminUnit.code, AdminUnit.name, parent.c.name)
        .join(UnitRollup, UnitRollup.unit_id == AdminUnit.id)
        .outerjoin(parent, parent.c.id == AdminUnit.parent_id)
        .where(UnitRollup.ancestor_id == own.id, AdminUnit.scheme == scheme_on(on))
        .order_by(UnitRollup.depth, AdminUnit.name, AdminUnit.code)
    ).all()
    return [(code, f"{code} {name}" + (f", {parent_name}" if parent_name else "")) for code, name, parent_name in rows]


@requires(Permission.VIEW)
def organisation_choices(session: Session, unit_code: str | None = None, on: dt.date | None = None) -> Choices:
    """The organisations of a record's unit (the own unit by default), in the order of the
    organisation list: each kind's organisations by name, or the kind itself (by code) where the
    unit has none yet (saving creates it, named with the unit)."""
    unit_id = unit_id_for(session, unit_code, on)
    lang = language()
    by_kind: dict[str, list[str]] = {}
    if unit_id is not None:
        organisations = session.scalars(
            select(Organisation).where(Organisation.unit_id == unit_id, Organisation.deleted.is_(False)))
        for org in sorted(organisations, key=lambda o: fold(o.name)):
            by_kind.setdefault(org.kind, []).append(org.name)
    choices: Choices = []
    for term in ORGANISATIONS.terms:
        names = by_kind.get(term.code)
        choices += [(name, name) for name in names] if names else [(term.code, term.label(lang))]
    return choices


@requires(None)  # maps values between two lists: reads nothing
def same_organisations(values: object, choices: Choices) -> object:
    """Organisations chosen in one unit's list (`organisation_choices`), mapped to the same kinds
    in another unit's list, so that changing a record's unit keeps "the police" chosen."""
    offered = [value for value, _label in choices]
    by_kind: dict[str, str] = {}
    for value in offered:
        if (kind := organisation_kind(value)) is not None:
            by_kind.setdefault(kind, value)

    def mapped(value: str) -> str:
        if value in offered:
            return value
        kind = organisation_kind(value)
        return by_kind.get(kind, value) if kind else value

    if isinstance(values, list):
        return list(dict.fromkeys(mapped(v) for v in values))
    return mapped(values) if isinstance(values, str) else values


@requires(Permission.VIEW)
def topic_choices(session: Session) -> Choices:
    """The topics of the catalogue that validation accepts, in catalogue order."""
    lang = language()
    topics = session.scalars(select(Topic).where(Topic.code.in_(TOPICS.codes)).order_by(Topic.sort_order, Topic.bit))
    choices = [(tp.code, tp.label_en if lang == "en" else tp.label_vi) for tp in topics]
    return choices or [(term.code, term.label(lang)) for term in TOPICS.terms]


@requires(Permission.VIEW)
def decision_choices(session: Session) -> Choices:
    """The decisions of the own unit and the units under it, newest first: (number, label)."""
    rows = session.execute(
        select(CommendationDecision.number, CommendationDecision.decided_on, CommendationDecision.authority)
        .where(CommendationDecision.deleted.is_(False), CommendationDecision.unit_id.in_(_own_scope(session)))
        .order_by(CommendationDecision.decided_on.desc(), CommendationDecision.id.desc())
    ).all()
    return [(number, f"{number} — {day:%d/%m/%Y} — {authority}") for number, day, authority in rows]


@requires(Permission.VIEW)
def source_choices(session: Session, unit_code: str | None = None, on: dt.date | None = None,
                   limit: int = 1000) -> Choices:
    """The latest information sources of a record's unit (the own unit by default): (ref, label)."""
    unit_id = unit_id_for(session, unit_code, on)
    if unit_id is None:
        return []
    lang = language()
    rows = session.execute(
        select(InformationSource.ref, InformationSource.received_on, InformationSource.category)
        .where(InformationSource.unit_id == unit_id, InformationSource.deleted.is_(False))
        .order_by(InformationSource.received_on.desc(), InformationSource.id.desc())
        .limit(limit)
    ).all()
    return [(ref, f"{ref} — {day:%d/%m/%Y} — {CATEGORIES.label(category, lang)}") for ref, day, category in rows]


__all__ = [
    "Choices", "SaveResult", "decision_choices", "delete_record", "form_values", "likely_duplicates",
    "organisation_choices", "previous_values", "restore_record", "same_organisations", "save_record",
    "source_choices",
    "topic_choices", "unit_choices", "unit_id_for",
]
