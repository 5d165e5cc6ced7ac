"""Reading the audit trail for its viewer (no Qt): pages of entry ids under filters (user, action,
table, a range of local dates, text in the values), newest first, and the shown values of a block
of entries — local time, the record's people's reference, and the old → new values as a short,
readable list of changes.

The trail can hold an entry per record ever imported (a million rows): pages are read by
keyset (`id < after`), never with OFFSET, and nothing is counted.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from db.models import AdminUnit, Approval, AuditEntry
from desktop.services.approvals import Period
from desktop.services.permissions import Actor, Permission, check, requires
from desktop.services.records import RECORD_CLASSES

SHORT_VALUE = 40  # characters of one value in the short list of changes
SHORT_TEXT = 160  # characters of the whole short list

_KIND_OF_TABLE = {cls.__tablename__: kind for kind, cls in RECORD_CLASSES.items()}
ABSENT = "\x00absent"  # a side of a change the entry does not hold (a creation has no old values)


@dataclass(frozen=True)
class AuditQuery:
    """What the viewer shows; None or "" is no filter. Dates are local days, both inclusive."""

    username: str | None = None
    action: str | None = None
    table: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # local time
    username: str
    action: str
    table: str
    kind: str | None  # the record kind of desktop.services.listing, for a record's table
    record_uid: str | None
    ref: str | None  # the record's reference, an approval's period, else None
    reason: str | None
    changes: list[tuple[str, Any, Any]]  # (field, old, new); ABSENT for a side the entry lacks

    @property
    def short_changes(self) -> str:
        return changes_text(self.changes, short=True)

    @property
    def full_changes(self) -> str:
        return changes_text(self.changes, short=False)


def _utc(day: dt.date) -> dt.datetime:
    """Local midnight of a day as naive UTC (how `at` is stored)."""
    return dt.datetime.combine(day, dt.time()).astimezone(dt.UTC).replace(tzinfo=None)


def _conditions(session: Session, query: AuditQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.username:
        conditions.append(AuditEntry.username == query.username)
    if query.action:
        conditions.append(AuditEntry.action == query.action)
    if query.table:
        conditions.append(AuditEntry.table_name == query.table)
    if query.date_from is not None:
        conditions.append(AuditEntry.at >= _utc(query.date_from))
    if query.date_to is not None:
        conditions.append(AuditEntry.at < _utc(query.date_to + dt.timedelta(days=1)))
    text = query.text.strip()
    if text:
        found = [AuditEntry.old_values.contains(text, autoescape=True),
                 AuditEntry.new_values.contains(text, autoescape=True),
                 AuditEntry.reason.contains(text, autoescape=True),
                 AuditEntry.record_uid == text]
        uids = _uids_of_ref(session, text)
        if uids:
            found.append(AuditEntry.record_uid.in_(uids))
        conditions.append(or_(*found))
    return conditions


def _uids_of_ref(session: Session, text: str) -> list[str]:
    """The records whose reference is the text typed (an entry of an edit holds no ref)."""
    if not any(c.isdigit() for c in text) or "-" not in text:
        return []
    uids: list[str] = []
    for cls in RECORD_CLASSES.values():
        uids += [str(uid) for uid in session.scalars(select(cls.uid).where(cls.ref == text.upper()).limit(50))]
    return uids


@requires(Permission.VIEW_AUDIT)
def entry_page(session: Session, actor: Actor, query: AuditQuery, after: int | None = None,
               limit: int = 500) -> tuple[list[int], bool]:
    """The ids of up to `limit` entries matching the query, newest first, below id `after`
    (None: from the newest); and whether more follow."""
    check(actor, Permission.VIEW_AUDIT)
    statement = select(AuditEntry.id).where(*_conditions(session, query))
    if after is not None:
        statement = statement.where(AuditEntry.id < after)
    ids = list(session.scalars(statement.order_by(AuditEntry.id.desc()).limit(limit + 1)))
    return ids[:limit], len(ids) > limit


@requires(Permission.VIEW_AUDIT)
def filter_values(session: Session, actor: Actor) -> tuple[list[str], list[str]]:
    """The user names and the tables the trail holds, sorted (for the filter lists)."""
    check(actor, Permission.VIEW_AUDIT)
    users = list(session.scalars(select(AuditEntry.username).distinct().order_by(AuditEntry.username)))
    tables = list(session.scalars(select(AuditEntry.table_name).distinct().order_by(AuditEntry.table_name)))
    return users, tables


def _values(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return {"": text}
    return values if isinstance(values, dict) else {"": values}


def _changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    if old is None and new is None:
        return []
    if old is None or new is None:  # a creation, or an entry that kept only one side
        return [(k, ABSENT, v) for k, v in new.items()] if new else [(k, v, ABSENT) for k, v in (old or {}).items()]
    keys = list(dict.fromkeys([*old, *new]))
    return [(k, old.get(k, ABSENT), new.get(k, ABSENT)) for k in keys if old.get(k, ABSENT) != new.get(k, ABSENT)]


def _refs(session: Session, rows: Sequence[Any]) -> dict[tuple[str, str], str]:
    """(table, record_uid) → the reference shown for it."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        if row.record_uid:
            wanted.setdefault(row.table_name, set()).add(row.record_uid)
    refs: dict[tuple[str, str], str] = {}
    for table, uids in wanted.items():
        if table in _KIND_OF_TABLE:
            cls: Any = RECORD_CLASSES[_KIND_OF_TABLE[table]]
            keys = []
            for uid in uids:
                try:
                    keys.append(uuid.UUID(uid))
                except ValueError:
                    continue
            for uid, ref in session.execute(select(cls.uid, cls.ref).where(cls.uid.in_(keys))):
                refs[(table, str(uid))] = ref
        elif table == Approval.__tablename__:
            ids = [int(uid) for uid in uids if uid.isdigit()]
            for approval_id, starts_on, ends_on, code in session.execute(
                    select(Approval.id, Approval.starts_on, Approval.ends_on, AdminUnit.code)
                    .join(AdminUnit, AdminUnit.id == Approval.unit_id).where(Approval.id.in_(ids))):
                refs[(table, str(approval_id))] = f"{Period(starts_on, ends_on).label()} · {code}"
    return refs


@requires(Permission.VIEW_AUDIT)
def entry_rows(session: Session, actor: Actor, ids: Sequence[int]) -> list[AuditRow]:
    """The shown values of these entries (in no particular order)."""
    check(actor, Permission.VIEW_AUDIT)
    if not ids:
        return []
    rows = session.execute(
        select(AuditEntry.id, AuditEntry.at, AuditEntry.username, AuditEntry.action, AuditEntry.table_name,
               AuditEntry.record_uid, AuditEntry.old_values, AuditEntry.new_values, AuditEntry.reason)
        .where(AuditEntry.id.in_(list(ids)))).all()
    refs = _refs(session, rows)
    return [AuditRow(row.id, row.at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None), row.username,
                     row.action, row.table_name, _KIND_OF_TABLE.get(row.table_name), row.record_uid,
                     refs.get((row.table_name, row.record_uid or "")), row.reason,
                     _changes(_values(row.old_values), _values(row.new_values)))
            for row in rows]


def _shown(value: Any, short: bool) -> str:
    if value is None:
        return "∅"
    if isinstance(value, list):
        text = ", ".join(_shown(v, short) for v in value)
    elif isinstance(value, bool):
        text = "✓" if value else "✗"
    elif isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" == value[7:8]:
        text = _date_text(value)
    else:
        text = str(value)
    text = " ".join(text.split()) if short else text
    return text[:SHORT_VALUE - 1] + "…" if short and len(text) > SHORT_VALUE else text


def _date_text(value: str) -> str:
    """An ISO date as dd/mm/yyyy, an ISO time (stored in UTC) as local dd/mm/yyyy HH:MM."""
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


@requires(None)
def changes_text(changes: list[tuple[str, Any, Any]], short: bool = True) -> str:
    """"attendees: 40 → 41; place: ∅ → Nhà văn hóa" (a creation: "attendees: 40"); short cuts
    long values and the whole text, the long one puts a change on each line."""
    parts = []
    for name, old, new in changes:
        label = f"{name}: " if name else ""
        if old == ABSENT:
            parts.append(f"{label}{_shown(new, short)}")
        elif new == ABSENT:
            parts.append(f"{label}{_shown(old, short)} → ∅")
        else:
            parts.append(f"{label}{_shown(old, short)} → {_shown(new, short)}")
    if not short:
        return "\n".join(parts)
    text = "; ".join(parts)
    return text[:SHORT_TEXT - 1] + "…" if len(text) > SHORT_TEXT else text


__all__ = ["ABSENT", "AuditQuery", "AuditRow", "changes_text", "entry_page", "entry_rows", "filter_values"]
