"""Approval of a unit's month or quarter by a commander, and the lock it puts on records (no Qt).

While an approval stands (not revoked), every record it covers is locked: saving, deleting or
restoring it is refused until a commander un-approves the period, with a reason (both audited).

A record is covered when its unit rolls up into the approved unit (`db.units.rolled_up_unit_ids`:
the unit, the units under it and, for a current unit, the old units merged into it) and its date
falls in the period. The date of a record is:

- sessions `held_on`, sources `received_on`, cases `opened_on`, decisions `decided_on`;
- recipients: their decision's unit and date (a recipient is part of its decision);
- models: their launch date and the dates of their recognitions as typical (the figures of a
  period count the models launched and recognised in it); a model with neither is never locked.

`approval_state` gives the approved periods of a unit and period for an export's manifest;
`covered_by_approval` is the same rule as an SQL condition, for the figures "approved only".
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from db.models import AdminUnit, Approval, CommendationDecision, UnitRollup, utcnow
from db.units import own_unit, rolled_up_unit_ids
from desktop.i18n import t
from desktop.services.audit import AuditWriter
from desktop.services.permissions import Actor, Permission, check, requires
from desktop.services.validation import Violation

REASON_LIMIT = 1000  # characters of an un-approval's reason
_DATE_OF = {"sessions": "held_on", "sources": "received_on", "cases": "opened_on", "commendations": "decided_on"}


# ---------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True)
class Period:
    """A whole calendar month or quarter (both dates inclusive)."""

    starts_on: dt.date
    ends_on: dt.date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(dt.date(year, first, 1), Period.month(year, first + 2).ends_on)

    @property
    def kind(self) -> str | None:
        """"month", "quarter", or None when the dates are neither."""
        start, end = self.starts_on, self.ends_on
        if start.day != 1:
            return None
        if end == Period.month(start.year, start.month).ends_on:
            return "month"
        if start.month % 3 == 1 and end == Period.quarter(start.year, start.month // 3 + 1).ends_on:
            return "quarter"
        return None

    def label(self, lang: str | None = None) -> str:
        """07/2025 for a month, "quý 3/2025" / "Q3 2025" for a quarter, else the two dates."""
        if self.kind == "month":
            return f"{self.starts_on:%m/%Y}"
        if self.kind == "quarter":
            return t("approval_quarter", lang, quarter=self.starts_on.month // 3 + 1, year=self.starts_on.year)
        return f"{self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"


@dataclass(frozen=True)
class ApprovalInfo:
    """An approval as the window shows it (no session needed once read)."""

    id: int
    unit_id: int
    unit_code: str
    unit_name: str
    starts_on: dt.date
    ends_on: dt.date
    approved_by: str
    approved_at: dt.datetime
    revoked_by: str | None
    revoked_at: dt.datetime | None
    revoke_reason: str | None

    @property
    def standing(self) -> bool:
        return self.revoked_at is None

    @property
    def period(self) -> Period:
        return Period(self.starts_on, self.ends_on)


class ApprovalError(ValueError):
    """An approval or un-approval the user can correct; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RecordLocked(Exception):
    """Deleting or restoring a record of an approved period (a plain message, nothing written)."""

    def __init__(self, approval: Approval) -> None:
        self.approval_id = approval.id
        self.period = Period(approval.starts_on, approval.ends_on)
        super().__init__(locked_message(approval))


# ---------------------------------------------------------------------------------------------
# Reading


def _info(approval: Approval, unit: AdminUnit) -> ApprovalInfo:
    return ApprovalInfo(approval.id, approval.unit_id, unit.code, unit.name, approval.starts_on, approval.ends_on,
                        approval.approved_by, approval.approved_at, approval.revoked_by, approval.revoked_at,
                        approval.revoke_reason)


@requires(None)
def list_approvals(session: Session, unit_id: int | None = None, *, standing_only: bool = False) -> list[ApprovalInfo]:
    """The approvals of a unit and the units under it (every unit when None), newest period first."""
    query = select(Approval, AdminUnit).join(AdminUnit, AdminUnit.id == Approval.unit_id)
    if unit_id is not None:
        query = query.where(Approval.unit_id.in_(rolled_up_unit_ids(unit_id)))
    if standing_only:
        query = query.where(Approval.revoked_at.is_(None))
    rows = session.execute(query.order_by(Approval.starts_on.desc(), AdminUnit.code, Approval.id.desc()))
    return [_info(approval, unit) for approval, unit in rows]


@requires(None)
def standing_approvals(session: Session, unit_id: int | None = None) -> list[ApprovalInfo]:
    """The approvals that stand (not revoked) of a unit and the units under it (all when None)."""
    return list_approvals(session, unit_id, standing_only=True)


def _scope_unit(session: Session, actor: Actor) -> int | None:
    """The unit whose subtree the actor may approve: their own (a user without a unit approves
    nothing, denied by default); the owner of the file (command line) approves any unit and is
    offered the installation's."""
    if actor.role == "owner" and actor.unit_id is None:
        unit = own_unit(session)
        return unit.id if unit else None
    return actor.unit_id


@requires(None)
def approvable_units(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """The current units the actor may approve (their unit and below): (id, "code name")."""
    scope = _scope_unit(session, actor)
    if scope is None:
        return []
    query = (select(AdminUnit.id, AdminUnit.code, AdminUnit.name)
             .join(UnitRollup, UnitRollup.unit_id == AdminUnit.id)
             .where(AdminUnit.scheme == "2025", UnitRollup.ancestor_id == scope)
             .order_by(UnitRollup.depth, AdminUnit.name))
    return [(unit_id, f"{code} {name}") for unit_id, code, name in session.execute(query)]


def _covering(unit_id: int, days: list[dt.date]) -> Any:
    """The standing approvals of `unit_id`'s own unit or the units above it covering any of the days."""
    return (select(Approval).join(UnitRollup, UnitRollup.ancestor_id == Approval.unit_id)
            .where(UnitRollup.unit_id == unit_id, Approval.revoked_at.is_(None),
                   or_(*((Approval.starts_on <= day) & (Approval.ends_on >= day) for day in days)))
            .order_by(Approval.starts_on, Approval.id).limit(1))


def _unit_and_days(session: Session, kind: str, item: Any) -> tuple[int | None, list[dt.date]]:
    """The unit and the dates that decide whether a record (or a form's clean values) is locked."""
    values = item if isinstance(item, Mapping) else None

    def get(*names: str) -> Any:
        for name in names:
            value = values.get(name) if values is not None else getattr(item, name, None)
            if value is not None:
                return value
        return None

    if kind == "recipients":
        decision_id = get("decision_id", "decision_number")  # clean values carry the id as decision_number
        decision = session.get(CommendationDecision, decision_id) if isinstance(decision_id, int) else None
        return (decision.unit_id, [decision.decided_on]) if decision else (None, [])
    if kind == "models":
        days = [get("launched_on")]
        if values is not None:
            days.append(values.get("typical_on"))
        else:
            days += [r.recognised_on for r in getattr(item, "recognitions", [])]
    else:
        days = [get("date", _DATE_OF[kind])]
    return get("unit_id"), [day for day in dict.fromkeys(days) if isinstance(day, dt.date)]


@requires(None)
def is_locked(session: Session, kind: str, record_or_values: Any) -> Approval | None:
    """The standing approval that locks a record — a record of RECORD_CLASSES[kind], or a
    form's clean values (`validation.validate`) — or None when none does."""
    unit_id, days = _unit_and_days(session, kind, record_or_values)
    if unit_id is None or not days:
        return None
    return session.scalar(_covering(unit_id, days))


@requires(None)
def locked_message(approval: Approval, lang: str | None = None) -> str:
    return t("approval_locked", lang, period=Period(approval.starts_on, approval.ends_on).label(lang))


@requires(None)
def locked_violation(approval: Approval) -> Violation:
    """What `save_record` answers for a locked record (shown above the form)."""
    return Violation("approval", locked_message(approval))


@requires(None)
def covered_by_approval(unit_column: Any, date_column: Any) -> ColumnElement[bool]:
    """An SQL condition: a standing approval covers the row's unit (or a unit above it) and date."""
    return exists().where(UnitRollup.unit_id == unit_column, UnitRollup.ancestor_id == Approval.unit_id,
                          Approval.revoked_at.is_(None), Approval.starts_on <= date_column,
                          Approval.ends_on >= date_column)


@requires(None)
def approval_state(session: Session, unit_id: int | None, date_from: dt.date | None,
                   date_to: dt.date | None) -> list[dict[str, Any]]:
    """The standing approvals that cover records of an export (the unit and everything under
    it, over the period; either date may be None), JSON-able for a package manifest: those of
    the unit, of the units under it and of the units above it."""
    query = select(Approval, AdminUnit).join(AdminUnit, AdminUnit.id == Approval.unit_id).where(
        Approval.revoked_at.is_(None))
    if unit_id is not None:
        above = select(UnitRollup.ancestor_id).where(UnitRollup.unit_id == unit_id)
        query = query.where(or_(Approval.unit_id.in_(rolled_up_unit_ids(unit_id)), Approval.unit_id.in_(above)))
    if date_from is not None:
        query = query.where(Approval.ends_on >= date_from)
    if date_to is not None:
        query = query.where(Approval.starts_on <= date_to)
    rows = session.execute(query.order_by(Approval.starts_on, AdminUnit.code, Approval.id))
    return [{"unit": unit.code, "scheme": unit.scheme, "unit_name": unit.name,
             "starts_on": approval.starts_on.isoformat(), "ends_on": approval.ends_on.isoformat(),
             "period": Period(approval.starts_on, approval.ends_on).kind,
             "approved_by": approval.approved_by, "approved_at": approval.approved_at.isoformat()}
            for approval, unit in rows]


# ---------------------------------------------------------------------------------------------
# Approving and un-approving (the caller's transaction; nothing is committed here)


def _check_scope(session: Session, actor: Actor, unit_id: int) -> None:
    if actor.role == "owner":
        return
    scope = actor.unit_id
    if scope is None or session.scalar(
            select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == scope, UnitRollup.unit_id == unit_id)) is None:
        raise ApprovalError("unit", t("approval_unit_outside"))


@requires(Permission.APPROVE)
def approve(session: Session, actor: Actor, unit_id: int, starts_on: dt.date, ends_on: dt.date, *,
            today: dt.date | None = None) -> ApprovalInfo:
    """Approves a unit's whole calendar month or quarter (not one still to come), locking its
    records and those of the units under it. Refused when a standing approval of the same unit
    overlaps the period. Audited as `approve`."""
    check(actor, Permission.APPROVE)
    unit = session.get(AdminUnit, unit_id)
    if unit is None:
        raise ApprovalError("unit", t("approval_unknown_unit"))
    _check_scope(session, actor, unit_id)
    period = Period(starts_on, ends_on)
    if period.kind is None:
        raise ApprovalError("period", t("approval_bad_period"))
    if starts_on > (today or dt.date.today()):
        raise ApprovalError("period", t("approval_future", period=period.label()))
    overlapping = session.scalar(
        select(Approval).where(Approval.unit_id == unit_id, Approval.revoked_at.is_(None),
                               Approval.starts_on <= ends_on, Approval.ends_on >= starts_on).limit(1))
    if overlapping is not None:
        raise ApprovalError("period", t("approval_overlap", unit=unit.name,
                                        period=Period(overlapping.starts_on, overlapping.ends_on).label()))
    approval = Approval(unit_id=unit_id, starts_on=starts_on, ends_on=ends_on, approved_by=actor.username,
                        approved_at=utcnow())
    session.add(approval)
    session.flush()
    audit = AuditWriter(session, actor.username)
    audit.add("approve", Approval.__tablename__, approval.id,
              new={"unit": unit.code, "scheme": unit.scheme, "starts_on": starts_on, "ends_on": ends_on})
    audit.flush()
    return _info(approval, unit)


@requires(Permission.APPROVE)
def unapprove(session: Session, actor: Actor, approval_id: int, reason: str) -> ApprovalInfo:
    """Revokes a standing approval (its records can be edited again); the reason is required
    and goes into the audit entry (`unapprove`)."""
    check(actor, Permission.APPROVE)
    reason = (reason or "").strip()
    if not reason:
        raise ApprovalError("reason", t("approval_reason_required"))
    if len(reason) > REASON_LIMIT:
        raise ApprovalError("reason", t("too_long", limit=REASON_LIMIT, length=len(reason)))
    if any(ord(c) < 32 and c not in "\n\t" for c in reason):
        raise ApprovalError("reason", t("control_chars"))
    approval = session.get(Approval, approval_id)
    if approval is None:
        raise ApprovalError("approval", t("approval_not_found"))
    _check_scope(session, actor, approval.unit_id)
    period = Period(approval.starts_on, approval.ends_on)
    if approval.revoked_at is not None:
        raise ApprovalError("approval", t("approval_already_revoked", period=period.label()))
    approval.revoked_by = actor.username
    approval.revoked_at = utcnow()
    approval.revoke_reason = reason
    session.flush()
    unit = session.get_one(AdminUnit, approval.unit_id)
    audit = AuditWriter(session, actor.username)
    period_values = {"unit": unit.code, "starts_on": approval.starts_on, "ends_on": approval.ends_on}
    audit.add("unapprove", Approval.__tablename__, approval.id,
              old={**period_values, "revoked_by": None, "revoked_at": None},
              new={**period_values, "revoked_by": actor.username, "revoked_at": approval.revoked_at}, reason=reason)
    audit.flush()
    return _info(approval, unit)


__all__ = [
    "ApprovalError", "ApprovalInfo", "Period", "RecordLocked", "approvable_units", "approval_state", "approve",
    "covered_by_approval", "is_locked", "list_approvals", "locked_message", "locked_violation",
    "standing_approvals", "unapprove",
]
