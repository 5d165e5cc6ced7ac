"""Giving a commander a copy of the identity key again, at the administrator's desk (no Qt).

After an administrator resets a commander's password their wrapped copy is removed
(`accounts.reset_password` → `keys.revoke`): it opened only with the old password. A newly made
commander holds no copy either. The key is never stored unwrapped, so the administrator cannot
give it alone: a commander who holds it types their password (which opens it), and the receiving
commander types their own sign-in password (which it is wrapped under, and which is checked
against their account so that they can open it later). The audit says who gave the key to whom,
on whose watch — never a password.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import User, UserKey
from desktop.i18n import t
from desktop.services import keys
from desktop.services.accounts import AccountError, verify_password
from desktop.services.audit import AuditWriter
from desktop.services.permissions import Actor, Permission, check, requires

COMMANDER = "commander"  # a code of db.vocab.ROLES: the role that holds the key


@dataclass(frozen=True)
class KeyHolder:
    """An active commander who holds a copy of the key (what the granting combo lists)."""

    id: int
    username: str
    full_name: str


@requires(Permission.MANAGE_KEYS)
def key_copies(session: Session, actor: Actor) -> set[int]:
    """The ids of the accounts that hold a wrapped copy of the key."""
    check(actor, Permission.MANAGE_KEYS)
    return set(session.scalars(select(UserKey.user_id)))


@requires(Permission.MANAGE_KEYS)
def key_holders(session: Session, actor: Actor) -> list[KeyHolder]:
    """The active commanders holding a copy, by user name."""
    check(actor, Permission.MANAGE_KEYS)
    rows = session.scalars(select(User).join(UserKey, UserKey.user_id == User.id)
                           .where(User.role == COMMANDER, User.active.is_(True)).order_by(User.username))
    return [KeyHolder(user.id, user.username, user.full_name) for user in rows]


@requires(Permission.MANAGE_KEYS)
def may_receive_key(session: Session, actor: Actor, user_id: int) -> bool:
    """True when the key exists and this account is an active commander without a copy."""
    check(actor, Permission.MANAGE_KEYS)
    user = session.get(User, user_id)
    return (user is not None and user.role == COMMANDER and bool(user.active)
            and keys.has_installation_key(session) and not keys.has_user_key(session, user_id))


@requires(Permission.MANAGE_KEYS)
def grant_key(session: Session, actor: Actor, granter_id: int, granter_password: str, grantee_id: int,
              grantee_password: str) -> None:
    """Wraps the key for `grantee_id` under their sign-in password, opened with the password of
    `granter_id` (an active commander holding a copy). AccountError names the field to correct:
    grantee, granter, granter_password or grantee_password; nothing is written then. The caller
    commits."""
    check(actor, Permission.MANAGE_KEYS)
    if not keys.has_installation_key(session):
        raise AccountError("grantee", t("key_no_installation_key"))
    grantee = session.get(User, grantee_id)
    if grantee is None or grantee.role != COMMANDER or not grantee.active:
        raise AccountError("grantee", t("grant_not_commander"))
    if keys.has_user_key(session, grantee.id):
        raise AccountError("grantee", t("grant_already_holds", user=grantee.username))
    granter = session.get(User, granter_id)
    if granter is None or granter.id not in {h.id for h in key_holders(session, actor)}:
        raise AccountError("granter", t("grant_no_granter"))
    if not granter_password:
        raise AccountError("granter_password", t("grant_password_required"))
    if not grantee_password:
        raise AccountError("grantee_password", t("grant_password_required"))
    try:
        private_key = keys.unwrap(session, granter.id, granter_password)
    except keys.WrongPassphrase:
        raise AccountError("granter_password", t("grant_granter_password_wrong", user=granter.username)) from None
    if not verify_password(grantee.password_hash, grantee_password):
        raise AccountError("grantee_password", t("grant_grantee_password_wrong", user=grantee.username))
    keys.grant(session, private_key, grantee.id, grantee_password)
    audit = AuditWriter(session, actor.username)
    audit.add("user", UserKey.__tablename__, grantee.id,
              new={"key_granted_to": grantee.username, "key_granted_by": granter.username})
    audit.flush()


__all__ = ["KeyHolder", "grant_key", "key_copies", "key_holders", "may_receive_key"]
