"""User accounts of this installation: argon2id password hashes, the checks on a new account, and
the first administrator made by the first-run wizard. No Qt here.

Roles and permissions beyond "the first user is an administrator" come with the security issue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from db.models import User
from db.textfold import nfc
from db.units import own_unit
from desktop.i18n import t

ADMINISTRATOR = "administrator"  # a code of db.vocab.ROLES
USERNAME_MIN, USERNAME_MAX = 3, 64
FULL_NAME_MAX = 300  # db.models.base.Name
PASSWORD_MIN = 8
# ASCII only: a login name is typed at every start, often before any Vietnamese input method
# is on, and accented letters come in two Unicode forms.
_USERNAME_CHARS = re.compile(r"[a-z0-9._-]+")

# argon2-cffi's defaults are argon2id with the RFC 9106 "low memory" parameters (64 MiB, t=3).
_hasher = PasswordHasher()


class AccountError(ValueError):
    """Input the user must correct; `field` is one of username, full_name, password, confirm."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class AccountInput:
    """An account's fields after the checks: user name folded to lower case, full name NFC."""

    username: str
    full_name: str
    password: str


def hash_password(password: str) -> str:
    """An argon2id hash with its own random salt (`$argon2id$v=19$m=…`)."""
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when the password matches; False on a wrong password or an unreadable hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (rehash after a login)."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def normalise_username(username: str) -> str:
    return username.strip().casefold()


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
    if len(password) < PASSWORD_MIN:
        problems.append(AccountError("password", t("account_password_short", min=PASSWORD_MIN)))
    elif password != confirm:
        problems.append(AccountError("confirm", t("account_password_mismatch")))
    return problems


def check_account(username: str, full_name: str, password: str, confirm: str) -> AccountInput:
    """The cleaned fields, or the first problem raised as an AccountError."""
    problems = account_problems(username, full_name, password, confirm)
    if problems:
        raise problems[0]
    return AccountInput(normalise_username(username), nfc(full_name), password)


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(User.id.is_not(None)))))


def first_admin(session: Session) -> User | None:
    """The administrator created first (the one the wizard made)."""
    return session.scalar(select(User).where(User.role == ADMINISTRATOR).order_by(User.id).limit(1))


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
