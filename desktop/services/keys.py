"""The installation's key pair for informant identities (no Qt).

Identities are sealed to one X25519 public key (`InstallationKey`, row 1). Its private half is
never stored as such: each commander holds it wrapped (AES-GCM) under a key-encryption key
derived from their own password with argon2id (`UserKey`: `wrapped` = nonce + ciphertext,
`salt`, `kdf` naming the parameters). The user id is bound in as associated data, so a wrapped
key copied to another user's row does not open. Changing a password re-wraps that one row
(`rewrap`); the sealed identities are not touched. Without a commander's password the file
holds nothing that opens an identity — which is what protects a lost laptop.

The command line acts as the file's owner and asks for the passphrase (`read_passphrase`).
"""
from __future__ import annotations

import getpass
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from db.models import InstallationKey, User, UserKey, utcnow
from desktop.i18n import t

NONCE_BYTES = 12
SALT_BYTES = 16
KEY_BYTES = 32


class KeyProblem(Exception):
    """A key cannot be used; `message` is plain words in the user's language (never a secret)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongPassphrase(KeyProblem):
    """The password does not open this user's wrapped key."""


class NoInstallationKey(KeyProblem):
    """No commander has set up the identity key yet."""


class NoUserKey(KeyProblem):
    """This user holds no wrapped copy of the key (not a commander, or not granted yet)."""


@dataclass(frozen=True)
class KdfParams:
    """argon2id parameters: memory in KiB, passes, lanes."""

    memory_kib: int = 65536
    time_cost: int = 3
    parallelism: int = 4

    def __str__(self) -> str:
        return f"argon2id$m={self.memory_kib},t={self.time_cost},p={self.parallelism}"

    @classmethod
    def parse(cls, text: str) -> KdfParams:
        match = _KDF_PATTERN.fullmatch(text)
        if match is None:
            raise ValueError(f"unknown key derivation {text!r}")
        return cls(int(match["m"]), int(match["t"]), int(match["p"]))


_KDF_PATTERN = re.compile(r"argon2id\$m=(?P<m>\d{1,8}),t=(?P<t>\d{1,3}),p=(?P<p>\d{1,3})")

# RFC 9106's second recommendation (64 MiB, 3 passes), well above OWASP's floor; new wraps use
# it, old rows keep the parameters they name.
KDF = KdfParams()


def derive_kek(password: str, salt: bytes, kdf: str) -> bytes:
    """The 32-byte key-encryption key of a password (NFC, so both Unicode forms of a Vietnamese
    password give the same key)."""
    params = KdfParams.parse(kdf)
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return hash_secret_raw(secret, salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
                           parallelism=params.parallelism, hash_len=KEY_BYTES, type=Type.ID)


def _aad(user_id: int) -> bytes:
    return b"user_key|wrapped|%d" % user_id


def _raw(private_key: X25519PrivateKey) -> bytes:
    return private_key.private_bytes_raw()


def _public_raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes_raw()


def _wrap_row(session: Session, private_key: X25519PrivateKey, user_id: int, password: str) -> UserKey:
    salt = os.urandom(SALT_BYTES)
    kdf = str(KDF)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = nonce + AESGCM(derive_kek(password, salt, kdf)).encrypt(nonce, _raw(private_key), _aad(user_id))
    row = session.get(UserKey, user_id)
    if row is None:
        row = UserKey(user_id=user_id, wrapped=wrapped, salt=salt, kdf=kdf, updated_at=utcnow())
        session.add(row)
    else:
        row.wrapped, row.salt, row.kdf, row.updated_at = wrapped, salt, kdf, utcnow()
    session.flush()
    return row


def _username(session: Session, user_id: int) -> str:
    user = session.get(User, user_id)
    return user.username if user is not None else str(user_id)


# ---------------------------------------------------------------------------------------------
# The installation key


def has_installation_key(session: Session) -> bool:
    return session.get(InstallationKey, 1) is not None


def installation_public_key(session: Session) -> X25519PublicKey:
    """The key identities are sealed to; NoInstallationKey when no commander has set it up."""
    row = session.get(InstallationKey, 1)
    if row is None:
        raise NoInstallationKey(t("key_no_installation_key"))
    return X25519PublicKey.from_public_bytes(row.public_key)


def _check_matches(session: Session, private_key: X25519PrivateKey) -> None:
    if _public_raw(private_key.public_key()) != _public_raw(installation_public_key(session)):
        raise KeyProblem(t("key_mismatch"))


def ensure_installation_key(session: Session, user_id: int, password: str) -> X25519PrivateKey:
    """The first commander's key: makes the installation key pair when there is none and wraps
    its private half for `user_id`. When the key exists, opens this user's copy instead
    (WrongPassphrase, NoUserKey). The caller commits."""
    if has_installation_key(session):
        return unwrap(session, user_id, password)
    private_key = X25519PrivateKey.generate()
    session.add(InstallationKey(id=1, public_key=_public_raw(private_key.public_key()), created_at=utcnow()))
    session.flush()
    _wrap_row(session, private_key, user_id, password)
    return private_key


def has_user_key(session: Session, user_id: int) -> bool:
    return session.get(UserKey, user_id) is not None


def unwrap(session: Session, user_id: int, password: str) -> X25519PrivateKey:
    """The installation's private key, opened with this user's password."""
    row = session.get(UserKey, user_id)
    if row is None:
        raise NoUserKey(t("key_no_user_key", user=_username(session, user_id)))
    nonce, body = row.wrapped[:NONCE_BYTES], row.wrapped[NONCE_BYTES:]
    try:
        kek = derive_kek(password, row.salt, row.kdf)
        raw = AESGCM(kek).decrypt(nonce, body, _aad(user_id))
    except (InvalidTag, ValueError):
        raise WrongPassphrase(t("key_wrong_passphrase")) from None
    private_key = X25519PrivateKey.from_private_bytes(raw)
    _check_matches(session, private_key)
    return private_key


def grant(session: Session, granting_private_key: X25519PrivateKey, user_id: int, password: str) -> None:
    """Gives another commander a copy of the key, wrapped with their password (typed by them);
    the granter proves they hold the key by passing it opened. The caller commits."""
    _check_matches(session, granting_private_key)
    _wrap_row(session, granting_private_key, user_id, password)


def rewrap(session: Session, user_id: int, old_password: str, new_password: str) -> bool:
    """After a password change: the user's copy wrapped again under the new password (the
    sealed identities are not touched). False when the user holds no copy. WrongPassphrase
    when the old password does not open it. The caller commits."""
    if not has_user_key(session, user_id):
        return False
    _wrap_row(session, unwrap(session, user_id, old_password), user_id, new_password)
    return True


def revoke(session: Session, user_id: int) -> bool:
    """Removes a user's copy (no longer a commander, or a password reset by an administrator,
    which cannot re-wrap it). True when there was one. The caller commits."""
    row = session.get(UserKey, user_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


# ---------------------------------------------------------------------------------------------
# The command line


def read_passphrase(path: str | os.PathLike[str] | None, prompt: str | None = None) -> str:
    """`--passphrase-file FILE`: its first line without the line end; without a file, asks on
    the terminal (nothing echoed)."""
    if path is None:
        return getpass.getpass(prompt or t("passphrase_prompt"), stream=sys.stderr)
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            line = handle.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyProblem(t("passphrase_file_unreadable", path=os.fspath(path), error=exc.__class__.__name__)) from None
    passphrase = line.rstrip("\r\n")
    if not passphrase:
        raise KeyProblem(t("passphrase_file_empty", path=os.fspath(path)))
    return passphrase


__all__ = [
    "KDF", "KdfParams", "KeyProblem", "NoInstallationKey", "NoUserKey", "WrongPassphrase", "derive_kek",
    "ensure_installation_key", "grant", "has_installation_key", "has_user_key", "installation_public_key",
    "read_passphrase", "revoke", "rewrap", "unwrap",
]
