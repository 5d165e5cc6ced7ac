"""User accounts of this installation: argon2id password hashes, the checks on a new account,
the first administrator made by the first-run wizard, the accounts an administrator adds,
disables and resets, a user's own password change, and signing in with a growing wait after
failed attempts. No Qt here.

Every function declares the permission it needs (`permissions.requires`); the ones an
administrator uses take the acting `Actor` and check it. Passwords and their hashes never go
into the audit trail.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from db.models import AdminUnit, UnitRollup, User, UserKey, utcnow
from db.textfold import nfc
from db.units import own_unit
from db.vocab import ORGANISATIONS, ROLES
from desktop.i18n import language, t
from desktop.services.audit import AuditWriter
from desktop.services.field_error import FieldError
from desktop.services.permissions import Actor, Permission, check, requires

ADMINISTRATOR = "administrator"  # a code of db.vocab.ROLES
USERNAME_MIN, USERNAME_MAX = 3, 64
FULL_NAME_MAX = 300  # db.models.base.Name
PASSWORD_MIN = 8
# ASCII only: a login name is typed at every start, often before any Vietnamese input method
# is on, and accented letters come in two Unicode forms.
_USERNAME_CHARS = re.compile(r"[a-z0-9._-]+")

UNION_CLERK = "union_clerk"

# argon2id with the RFC 9106 "low memory" profile (64 MiB, t=3, p=4), set here rather than
# taken from argon2-cffi's defaults so that a library update cannot lower them silently. OWASP's
# floor is m=19 MiB (19456 KiB), t=2, p=1; raising any of these makes `needs_rehash` true for the
# older hashes, and `authenticate` rehashes them at the next good sign-in.
ARGON2_MEMORY_KIB = 65536
ARGON2_TIME_COST = 3
ARGON2_PARALLELISM = 4
OWASP_FLOOR = {"memory_kib": 19456, "time_cost": 2, "parallelism": 1}
assert ARGON2_MEMORY_KIB >= OWASP_FLOOR["memory_kib"] and ARGON2_TIME_COST >= OWASP_FLOOR["time_cost"]
assert ARGON2_PARALLELISM >= OWASP_FLOOR["parallelism"]
_hasher = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM,
                         hash_len=32, salt_len=16, type=Type.ID)

# Failed sign-ins: the first FREE_ATTEMPTS cost nothing, then each one doubles the wait
# (2, 4, 8 … seconds), up to MAX_WAIT. The count lives in the database, so restarting the
# application does not clear it; a good sign-in does.
FREE_ATTEMPTS = 3
MAX_WAIT = dt.timedelta(minutes=15)


class AccountError(FieldError):
    """Input the user must correct; `field` is one of username, full_name, password, confirm."""


@dataclass(frozen=True)
class AccountInput:
    """An account's fields after the checks: user name folded to lower case, full name NFC."""

    username: str
    full_name: str
    password: str


@requires(None)
def hash_password(password: str) -> str:
    """An argon2id hash with its own random salt (`$argon2id$v=19$m=…`)."""
    return _hasher.hash(password)


@requires(None)
def verify_password(stored_hash: str, password: str) -> bool:
    """True when the password matches; False on a wrong password or an unreadable hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@requires(None)
def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (rehash after a login)."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@requires(None)
def normalise_username(username: str) -> str:
    return username.strip().casefold()


@requires(None)
def account_problems(username: str, full_name: str, password: str, confirm: str) -> list[AccountError]:
    """Every problem of a new account's fields, at most one per field, in form order."""
    problems: list[AccountError] = []
    name = normalise_username(username)
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX:
        problems.append(AccountError("username", t("account_username_length", min=USERNAME_MIN, max=USERNAME_MAX)))
    elif not _USERNAME_CHARS.fullmatch(name):
        problems.append(AccountError("username", t("account_username_chars")))
    person = nfc(full_name)
    if not person:
        problems.append(AccountError("full_name", t("account_full_name_required")))
    elif len(person) > FULL_NAME_MAX:
        problems.append(AccountError("full_name", t("too_long", limit=FULL_NAME_MAX, length=len(person))))
    elif any(unicodedata.category(c) in ("Cc", "Cf") for c in person):  # NUL, escapes, RTL override
        problems.append(AccountError("full_name", t("account_full_name_control")))
    if len(password) < PASSWORD_MIN:
        problems.append(AccountError("password", t("account_password_short", min=PASSWORD_MIN)))
    elif password != confirm:
        problems.append(AccountError("confirm", t("account_password_mismatch")))
    return problems


@requires(None)
def check_account(username: str, full_name: str, password: str, confirm: str) -> AccountInput:
    """The cleaned fields, or the first problem raised as an AccountError."""
    problems = account_problems(username, full_name, password, confirm)
    if problems:
        raise problems[0]
    return AccountInput(normalise_username(username), nfc(full_name), password)


@requires(None)
def has_users(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(User.id.is_not(None)))))


@requires(None)
def first_admin(session: Session) -> User | None:
    """The administrator created first (the one the wizard made)."""
    return session.scalar(select(User).where(User.role == ADMINISTRATOR).order_by(User.id).limit(1))


@requires(None)
def create_admin(session: Session, username: str, full_name: str, password: str, confirm: str) -> User:
    """Adds an administrator of the installation's own unit to the session (the caller commits)."""
    account = check_account(username, full_name, password, confirm)
    taken = session.scalar(select(func.count()).select_from(User).where(User.username == account.username))
    if taken:
        raise AccountError("username", t("account_username_taken", value=account.username))
    unit = own_unit(session)
    user = User(
        username=account.username,
        full_name=account.full_name,
        password_hash=hash_password(account.password),
        role=ADMINISTRATOR,
        unit_id=unit.id if unit is not None else None,
    )
    session.add(user)
    session.flush()
    return user


# ---------------------------------------------------------------------------------------------
# Accounts an administrator manages


@dataclass(frozen=True)
class UserInfo:
    """An account as the window keeps it (never the ORM object, never the hash)."""

    id: int
    username: str
    full_name: str
    role: str
    unit_id: int | None
    organisation_kind: str | None
    active: bool
    unit_name: str = ""

    @property
    def role_label(self) -> str:
        return ROLES.label(self.role, language())

    @property
    def organisation_label(self) -> str:
        return ORGANISATIONS.label(self.organisation_kind, language()) if self.organisation_kind else ""


def _info(user: User, unit_name: str = "") -> UserInfo:
    return UserInfo(user.id, user.username, user.full_name, user.role, user.unit_id, user.organisation_kind,
                    bool(user.active), unit_name)


def _public(user: User) -> dict[str, object]:
    """What the audit trail says of an account (no password, no hash)."""
    return {"username": user.username, "full_name": user.full_name, "role": user.role, "unit_id": user.unit_id,
            "organisation_kind": user.organisation_kind, "active": bool(user.active)}


def _user(session: Session, user: User | int) -> User:
    found = user if isinstance(user, User) else session.get(User, user)
    if found is None:
        raise AccountError("username", t("account_not_found"))
    return found


@requires(None)
def actor_for(user: User | UserInfo) -> Actor:
    """Who a signed-in user acts as."""
    return Actor(user.username, user.role, user.unit_id, user.organisation_kind)


@requires(None)  # no secret in it; who may act as that account is decided by signing in
def account_info(session: Session, username: str) -> UserInfo | None:
    """An account by its user name (as typed), e.g. the administrator the first-run wizard just
    made, who needs no second sign-in."""
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        return None
    unit = session.get(AdminUnit, user.unit_id) if user.unit_id is not None else None
    return _info(user, unit.name if unit else "")


@requires(Permission.MANAGE_USERS)
def list_users(session: Session, actor: Actor) -> list[UserInfo]:
    """Every account, by user name, with its unit's name."""
    check(actor, Permission.MANAGE_USERS)
    rows = session.execute(select(User, AdminUnit.name).outerjoin(AdminUnit, AdminUnit.id == User.unit_id)
                           .order_by(User.username)).all()
    return [_info(user, unit_name or "") for user, unit_name in rows]


@requires(Permission.MANAGE_USERS)
def user_unit_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """The units an account may belong to: the own unit and the current units under it."""
    check(actor, Permission.MANAGE_USERS)
    own = own_unit(session)
    if own is None:
        return []
    rows = session.execute(
        select(AdminUnit.id, AdminUnit.code, AdminUnit.name).join(UnitRollup, UnitRollup.unit_id == AdminUnit.id)
        .where(UnitRollup.ancestor_id == own.id, AdminUnit.scheme == own.scheme)
        .order_by(UnitRollup.depth, AdminUnit.name)).all()
    return [(unit_id, f"{code} {name}") for unit_id, code, name in rows]


@requires(Permission.MANAGE_USERS)
def create_user(session: Session, actor: Actor, username: str, full_name: str, password: str, confirm: str,
                role: str, unit_id: int | None = None, organisation_kind: str | None = None) -> User:
    """Adds an account (the caller commits). The unit defaults to the own unit and must be it or
    a current unit under it; a union clerk needs an organisation kind, the other roles have none."""
    check(actor, Permission.MANAGE_USERS)
    account = check_account(username, full_name, password, confirm)
    if role not in ROLES:
        raise AccountError("role", t("account_role_unknown"))
    own = own_unit(session)
    unit_id = unit_id if unit_id is not None else (own.id if own else None)
    if unit_id is None or unit_id not in {i for i, _label in user_unit_choices(session, actor)}:
        raise AccountError("unit", t("account_unit_outside"))
    if role == UNION_CLERK:
        if organisation_kind not in ORGANISATIONS:
            raise AccountError("organisation_kind", t("account_organisation_required"))
    else:
        organisation_kind = None
    if session.scalar(select(func.count()).select_from(User).where(User.username == account.username)):
        raise AccountError("username", t("account_username_taken", value=account.username))
    user = User(username=account.username, full_name=account.full_name, password_hash=hash_password(account.password),
                role=role, unit_id=unit_id, organisation_kind=organisation_kind, active=True,
                password_changed_at=utcnow())
    session.add(user)
    session.flush()
    audit = AuditWriter(session, actor.username)
    audit.add("user", User.__tablename__, user.id, new=_public(user))
    audit.flush()
    return user


@requires(Permission.MANAGE_USERS)
def set_active(session: Session, actor: Actor, user: User | int, active: bool) -> bool:
    """Enables or disables an account; False when it already was. An administrator cannot
    disable their own account, nor the last active administrator."""
    check(actor, Permission.MANAGE_USERS)
    target = _user(session, user)
    if bool(target.active) == active:
        return False
    if not active and target.username == actor.username:
        raise AccountError("active", t("account_not_yourself"))
    if not active and target.role == ADMINISTRATOR:
        others = session.scalar(select(func.count()).select_from(User).where(
            User.role == ADMINISTRATOR, User.active.is_(True), User.id != target.id))
        if not others:
            raise AccountError("active", t("account_last_admin"))
    target.active = active
    audit = AuditWriter(session, actor.username)
    audit.add("user", User.__tablename__, target.id, old={"active": not active}, new={"active": active})
    audit.flush()
    return True


@requires(Permission.MANAGE_USERS)
def reset_password(session: Session, actor: Actor, user: User | int, password: str, confirm: str) -> None:
    """Sets a new password for someone who forgot theirs, and clears their failed attempts. A
    wrapped key of that user (UserKey) is removed: it opened only with the old password, which
    the administrator does not know (and which may be what leaked); a commander who holds the key
    grants it again (`desktop.services.key_grants.grant_key`)."""
    from desktop.services.keys import revoke

    check(actor, Permission.MANAGE_USERS)
    target = _user(session, user)
    _check_new_password(password, confirm)
    _set_password(target, password)
    target.failed_attempts, target.last_failed_at = 0, None
    audit = AuditWriter(session, actor.username)
    audit.add("password", User.__tablename__, target.id, new={"reset_by": actor.username,
                                                               "key_revoked": revoke(session, target.id)})
    audit.flush()


def _check_new_password(password: str, confirm: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise AccountError("password", t("account_password_short", min=PASSWORD_MIN))
    if password != confirm:
        raise AccountError("confirm", t("account_password_mismatch"))


def _set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()


def _has_key(session: Session, user_id: int) -> bool:
    return session.get(UserKey, user_id) is not None


@requires(None)  # the user themself: the old password is the proof
def change_password(session: Session, user: User | int, old: str, new: str, confirm: str) -> None:
    """A user's own password change. Their wrapped key, if any, is re-wrapped for the new
    password by `desktop.services.keys.rewrap` (the sealed identities are not touched)."""
    target = _user(session, user)
    if not verify_password(target.password_hash, old):
        raise AccountError("old_password", t("account_old_password_wrong"))
    _check_new_password(new, confirm)
    if new == old:
        raise AccountError("password", t("account_password_same"))
    if _has_key(session, target.id):
        try:
            from desktop.services.keys import rewrap  # type: ignore[attr-defined]
        except ImportError:  # no key module: no key can have been wrapped
            rewrap = None
        if rewrap is not None:
            rewrap(session, target.id, old, new)
    _set_password(target, new)
    audit = AuditWriter(session, target.username)
    audit.add("password", User.__tablename__, target.id, new={"changed_by": target.username})
    audit.flush()


# ---------------------------------------------------------------------------------------------
# Signing in


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt: `ok` with the account and its actor, or a message to show
    and the seconds to wait before the next attempt is even looked at."""

    ok: bool
    message: str = ""
    wait: int = 0
    user: UserInfo | None = None
    actor: Actor | None = None


@requires(None)
def wait_after(failures: int) -> dt.timedelta:
    """How long to wait after this many failures in a row: none for the first FREE_ATTEMPTS,
    then 2, 4, 8 … seconds, at most MAX_WAIT."""
    if failures <= FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** min(failures - FREE_ATTEMPTS, 20)), MAX_WAIT)


def _remaining(user: User, now: dt.datetime) -> int:
    if not user.failed_attempts or user.last_failed_at is None:
        return 0
    wait = wait_after(user.failed_attempts)
    elapsed = max(now - user.last_failed_at, dt.timedelta(0))  # a clock set back waits the full time
    return max(0, math.ceil((wait - elapsed).total_seconds()))


@requires(None)
def duration_text(seconds: int) -> str:
    """"45 giây", "2 phút 8 giây" (in the current language)."""
    minutes, rest = divmod(max(0, seconds), 60)
    if not minutes:
        return t("duration_seconds", seconds=rest)
    return t("duration_minutes", minutes=minutes, seconds=rest) if rest else t("duration_whole_minutes",
                                                                                minutes=minutes)


_dummy_hash: str | None = None


def _burn_time(password: str) -> None:
    """Verifies against a throw-away hash, so an unknown name takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password("not a password of anyone")
    verify_password(_dummy_hash, password)


@requires(None)
def authenticate(session: Session, username: str, password: str, now: dt.datetime | None = None) -> SignIn:
    """Checks a sign-in (the caller commits: failures are counted and audited). While a wait is
    running even the right password is refused, with the time left; a good sign-in clears the
    count and rehashes a password whose hash was made with weaker parameters."""
    now = now or utcnow()
    name = normalise_username(username)
    if not name or not password:
        return SignIn(False, t("sign_in_empty"))
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        _burn_time(password)
        audit = AuditWriter(session, "-")  # not the typed name: it is sometimes a password
        audit.add("sign_in_failed", User.__tablename__, None, new={"known": False})
        audit.flush()
        return SignIn(False, t("sign_in_wrong"))
    audit = AuditWriter(session, user.username)
    left = _remaining(user, now)
    if left:
        audit.add("sign_in_failed", User.__tablename__, user.id, new={"waiting": left})
        audit.flush()
        return SignIn(False, t("sign_in_wait", count=user.failed_attempts, wait=duration_text(left)), wait=left)
    if not verify_password(user.password_hash, password):
        user.failed_attempts = (user.failed_attempts or 0) + 1
        user.last_failed_at = now
        audit.add("sign_in_failed", User.__tablename__, user.id, new={"failed_attempts": user.failed_attempts})
        audit.flush()
        wait = int(wait_after(user.failed_attempts).total_seconds())
        message = t("sign_in_wrong")
        if wait:
            message += " " + t("sign_in_wait", count=user.failed_attempts, wait=duration_text(wait))
        return SignIn(False, message, wait=wait)
    if not user.active:
        audit.add("sign_in_failed", User.__tablename__, user.id, new={"active": False})
        audit.flush()
        return SignIn(False, t("sign_in_inactive"))
    rehashed = needs_rehash(user.password_hash)
    if rehashed:
        user.password_hash = hash_password(password)
    user.failed_attempts, user.last_failed_at = 0, None
    audit.add("sign_in", User.__tablename__, user.id, new={"rehashed": rehashed} if rehashed else None)
    audit.flush()
    session.flush()
    return SignIn(True, user=account_info(session, user.username), actor=actor_for(user))
