"""Who may do what (issue 4): permissions, the roles that hold them (denied by default), the
actor a service action runs for, and the `requires` mark every service action carries.

A service action is a public function of a module listed in `ACTION_MODULES`; each declares
the permission it needs with `@requires(Permission.X)` (or `@requires(None)` for one that needs
none, said explicitly), and checks it with `check(actor, ...)` before doing anything. A test
walks those modules and fails on any action without a declaration.

The command line acts as the owner of the database file (`OWNER`): what a stolen file exposes is
protected by cryptography, not by roles; the actions that need a key ask for its passphrase.
"""
from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from desktop.i18n import t

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
    "desktop.services.editing",
    "desktop.services.tables.importer",
    "desktop.services.tables.exporter",
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


def requires(permission: Permission | None) -> Callable[[F], F]:
    """Declares the permission a service action needs (None: none, said explicitly)."""

    def mark(function: F) -> F:
        function.__permission__ = permission  # type: ignore[attr-defined]
        return function

    return mark


def declared_permission(function: Callable[..., Any]) -> Permission | None | bool:
    """The permission a function declared, or False when it declared nothing."""
    return getattr(function, "__permission__", False)
