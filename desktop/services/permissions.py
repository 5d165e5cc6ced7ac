"""Who may do what (issue 4): permissions, the roles that hold them (denied by default), the
actor a service action runs for, and the `requires` mark every service action carries.

A service action is a public function of a module listed in `ACTION_MODULES`; each declares
the permission it needs with `@requires(Permission.X)` (or `@requires(None)` for one that needs
none, said explicitly), and checks it with `check(actor, ...)` before doing anything. A test
walks those modules and fails on any action without a declaration.

The command line acts as the owner of the database file (`OWNER`): what a stolen file exposes is
protected by cryptography, not by roles; the actions that need a key ask for its passphrase.

Scoping (which records a role may write), checked by `check_record` / `check_write`:
- an officer or a commander writes the records of their unit and of the units under it (the
  unit rollup: for a commune, also the old communes merged into it); a user without a unit
  writes none (denied by default);
- a union clerk writes only sessions and commendations (decisions and recipients) of their
  organisation kind (`organisation_kind`), in their unit's scope, and may delete and restore
  them too (entering includes correcting one's own mistakes). A session is theirs when one of its
  organisers is of that kind; a recipient when its organisation is of that kind; a decision
  when one of its live recipients' organisations is, or while it has no recipient yet (a decision
  is entered before its recipients and carries no organisation of its own);
- an administrator writes no records: users, keys and settings.
"""
from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.i18n import t

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

F = TypeVar("F", bound=Callable[..., Any])


class Permission(enum.Enum):
    ENTER_RECORDS = "enter_records"  # create and edit records of the actor's unit
    ENTER_UNION_RECORDS = "enter_union_records"  # sessions and commendations of the actor's organisation
    DELETE_RECORDS = "delete_records"
    IMPORT = "import"
    EXPORT = "export"
    VIEW = "view"  # lists, figures
    APPROVE = "approve"  # approve and un-approve a unit's period
    REVEAL_IDENTITIES = "reveal_identities"
    SEAL_IDENTITIES = "seal_identities"  # record an identity (it cannot be read back)
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"
    MANAGE_SETTINGS = "manage_settings"  # settings, backups, restore
    VIEW_AUDIT = "view_audit"


P = Permission

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "officer": frozenset({P.VIEW, P.ENTER_RECORDS, P.DELETE_RECORDS, P.IMPORT, P.SEAL_IDENTITIES}),
    "union_clerk": frozenset({P.VIEW, P.ENTER_UNION_RECORDS}),
    "commander": frozenset({P.VIEW, P.ENTER_RECORDS, P.DELETE_RECORDS, P.IMPORT, P.EXPORT, P.APPROVE,
                            P.REVEAL_IDENTITIES, P.SEAL_IDENTITIES, P.VIEW_AUDIT}),
    "administrator": frozenset({P.VIEW, P.MANAGE_USERS, P.MANAGE_KEYS, P.MANAGE_SETTINGS, P.VIEW_AUDIT,
                                P.EXPORT}),
}

# The modules whose public functions are service actions (see the module docstring).
ACTION_MODULES: tuple[str, ...] = (
    "desktop.services.accounts",
    "desktop.services.editing",
    "desktop.services.tables.importer",
    "desktop.services.tables.exporter",
    "desktop.services.tables.preview",
    "desktop.services.backups",
    "desktop.services.identities",
    "desktop.services.key_grants",
    "desktop.services.approvals",
    "desktop.services.audit_view",
    "desktop.services.exchange.keys",
    "desktop.services.exchange.exporter",
    "desktop.services.exchange.importer",
    "desktop.services.exchange.reference",
    "desktop.services.certificates.register",
    "desktop.services.certificates.templates",
)


@dataclass(frozen=True)
class Actor:
    """Who an action runs for: a signed-in user, or the owner of the file (command line)."""

    username: str
    role: str  # a code of db.vocab.ROLES, or "owner"
    unit_id: int | None = None
    organisation_kind: str | None = None

    @property
    def permissions(self) -> frozenset[Permission]:
        if self.role == "owner":
            return frozenset(Permission)
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions


OWNER = Actor("owner", "owner")


class PermissionDenied(Exception):
    """The actor's role does not hold the permission (a plain message, in the user's language)."""

    def __init__(self, actor: Actor, permission: Permission) -> None:
        self.actor = actor
        self.permission = permission
        super().__init__(t("permission_denied", user=actor.username, permission=permission.value))


def check(actor: Actor, permission: Permission) -> None:
    """Raises PermissionDenied unless the actor holds the permission (denied by default)."""
    if not actor.may(permission):
        raise PermissionDenied(actor, permission)


def requires(*permissions: Permission | None) -> Callable[[F], F]:
    """Declares the permission a service action needs (None: none, said explicitly); with
    several, any one of them will do (`requires(P.ENTER_RECORDS, P.ENTER_UNION_RECORDS)`)."""
    if not permissions:
        raise TypeError("requires() needs a permission or None")
    declared: Permission | None | tuple[Permission, ...] = (
        permissions[0] if len(permissions) == 1 else tuple(p for p in permissions if p is not None))

    def mark(function: F) -> F:
        function.__permission__ = declared  # type: ignore[attr-defined]
        return function

    return mark


def declared_permission(function: Callable[..., Any]) -> Permission | tuple[Permission, ...] | None | bool:
    """The permission a function declared (a tuple: any of them), or False when it declared nothing."""
    return getattr(function, "__permission__", False)


# ---------------------------------------------------------------------------------------------
# Which records: the scope of a role (see the module docstring)

UNION_KINDS = frozenset({"sessions", "commendations", "recipients"})
_UNION_WRITES = frozenset({Permission.ENTER_RECORDS, Permission.DELETE_RECORDS})


class OutOfScope(PermissionDenied):
    """The role may write this kind of record, but not this one (another unit or organisation)."""

    def __init__(self, actor: Actor, permission: Permission) -> None:
        Exception.__init__(self, t("permission_out_of_scope", user=actor.username))
        self.actor = actor
        self.permission = permission


def _union_clerk_for(actor: Actor, kind: str, permission: Permission) -> bool:
    """True when the actor writes this kind only as a union clerk (not with `permission` itself)."""
    return (not actor.may(permission) and kind in UNION_KINDS and permission in _UNION_WRITES
            and actor.may(Permission.ENTER_UNION_RECORDS))


def check_kind(actor: Actor, kind: str, permission: Permission = Permission.ENTER_RECORDS) -> None:
    """Raises PermissionDenied unless the actor may write some records of `kind` (before looking
    at any record: refuses an administrator, or a union clerk on models, at once)."""
    if actor.may(permission) or _union_clerk_for(actor, kind, permission):
        return
    raise PermissionDenied(actor, permission)


def _unit_in_scope(actor: Actor, unit_id: int | None, session: Session | None) -> bool:
    if actor.unit_id is None or unit_id is None:
        return False
    if unit_id == actor.unit_id:
        return True
    if session is None:
        return False
    from sqlalchemy import select

    from db.models import UnitRollup

    found = session.scalar(select(UnitRollup.unit_id).where(
        UnitRollup.ancestor_id == actor.unit_id, UnitRollup.unit_id == unit_id).limit(1))
    return found is not None


def check_record(actor: Actor, kind: str, *, unit_id: int | None, organisation_kinds: Iterable[str] | None = (),
                 permission: Permission = Permission.ENTER_RECORDS, session: Session | None = None) -> None:
    """Raises PermissionDenied unless the actor may write (`permission`: ENTER_RECORDS to create or
    edit, DELETE_RECORDS to delete or restore) a record of `kind` entered against `unit_id`
    whose organisations are of `organisation_kinds` (None: tied to no organisation yet, as a
    decision without recipients). `session` lets units under the actor's unit count too."""
    if actor.role == OWNER.role:
        return
    check_kind(actor, kind, permission)
    if not _unit_in_scope(actor, unit_id, session):
        raise OutOfScope(actor, permission)
    if _union_clerk_for(actor, kind, permission):
        if actor.organisation_kind is None:
            raise OutOfScope(actor, permission)
        if organisation_kinds is not None and actor.organisation_kind not in set(organisation_kinds):
            raise OutOfScope(actor, permission)


def record_scope(session: Session, kind: str, *, clean: dict[str, Any] | None = None,
                 record: Any = None) -> tuple[int | None, frozenset[str] | None]:
    """The unit a record is kept by and the kinds of its organisations (see `check_record`),
    read from a saved record or from validated values (`validation.validate`'s clean dict)."""
    from db.models import CommendationDecision, Organisation

    def kind_of(organisation_id: int | None) -> set[str]:
        org = session.get(Organisation, organisation_id) if organisation_id is not None else None
        return {org.kind} if org is not None else set()

    if record is not None:
        if kind == "sessions":
            return record.unit_id, frozenset(o.kind for o in record.organisers)
        if kind == "recipients":
            return record.decision.unit_id, frozenset(kind_of(record.organisation_id))
        if kind == "commendations":
            kinds = set().union(*(kind_of(r.organisation_id) for r in record.recipients if not r.deleted))
            live = [r for r in record.recipients if not r.deleted]
            return record.unit_id, (frozenset(kinds) if live else None)
        return record.unit_id, frozenset()
    assert clean is not None, "record_scope needs a record or clean values"
    if kind == "sessions":
        return clean.get("unit_id"), frozenset().union(*(kind_of(i) for i in clean.get("organisers") or []))
    if kind == "recipients":
        decision = session.get(CommendationDecision, clean.get("decision_number") or -1)
        return (decision.unit_id if decision else None), frozenset(kind_of(clean.get("organisation")))
    if kind == "commendations":
        return clean.get("unit_id"), None
    return clean.get("unit_id"), frozenset()


def check_write(session: Session, actor: Actor, kind: str, *, clean: dict[str, Any] | None = None,
                record: Any = None, permission: Permission = Permission.ENTER_RECORDS) -> None:
    """`check_record` for a saved record as it is (`record`) and as it will be (`clean`): an
    edit may neither take a record out of another unit or organisation nor give one away."""
    if actor.role == OWNER.role:
        return
    check_kind(actor, kind, permission)
    for found in ({"record": record}, {"clean": clean}):
        if next(iter(found.values())) is None:
            continue
        unit_id, kinds = record_scope(session, kind, **found)
        if kind == "commendations" and "clean" in found and record is not None:
            kinds = record_scope(session, kind, record=record)[1]  # a decision's organisations are its recipients'
        check_record(actor, kind, unit_id=unit_id, organisation_kinds=kinds, permission=permission, session=session)
