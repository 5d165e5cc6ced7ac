"""Informant identities: sealed so that an officer can record one but not read it back, and only
a commander, with their password, can open it (no Qt).

Sealing is an ECIES-style box to the installation's X25519 public key (desktop.services.keys):
an ephemeral key pair, the shared secret through HKDF-SHA256, AES-GCM with the table, column and
row id bound in as associated data — an identity copied to another source's row does not open.
`InformantIdentity.sealed` = ephemeral public key (32) + nonce (12) + ciphertext; the text is
padded to a multiple of 64 bytes first so the length of a name does not show.

The text never goes into logs, exceptions, the audit trail, search text, exports or temporary
files: the audit says who sealed or revealed which source, and when — never what.
"""
from __future__ import annotations

import os
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from db.models import InformantIdentity, InformationSource, User, utcnow
from desktop.i18n import t
from desktop.services import keys
from desktop.services.audit import AuditWriter
from desktop.services.permissions import Actor, Permission, PermissionDenied, check, requires

TABLE = "informant_identity"
MAX_LENGTH = 500  # characters: a name, an address, a telephone number
_PAD = 64
_INFO = b"antq-ledger informant identity v1"
_PUBLIC, _NONCE = 32, 12


class IdentityError(ValueError):
    """Plain words for the user; never contains the identity itself."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _aad(source_id: int) -> bytes:
    return b"informant_identity|sealed|%d" % source_id


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO + ephemeral + recipient).derive(shared)


def _pad(data: bytes) -> bytes:
    data += b"\x80"
    return data + b"\x00" * (-len(data) % _PAD)


def _unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise ValueError("bad padding")
    return end[:-1]


def _seal(public_key: X25519PublicKey, source_id: int, text: str) -> bytes:
    """The sealed bytes of `text` for the source row `source_id`."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes_raw()
    key = _box_key(ephemeral.exchange(public_key), ephemeral_raw, public_key.public_bytes_raw())
    nonce = os.urandom(_NONCE)
    return ephemeral_raw + nonce + AESGCM(key).encrypt(nonce, _pad(text.encode("utf-8")), _aad(source_id))


def _open(private_key: X25519PrivateKey, source_id: int, sealed: bytes) -> str:
    """The text back; IdentityError when it was sealed for another row, key or was altered."""
    try:
        ephemeral_raw, nonce, body = sealed[:_PUBLIC], sealed[_PUBLIC:_PUBLIC + _NONCE], sealed[_PUBLIC + _NONCE:]
        ephemeral = X25519PublicKey.from_public_bytes(ephemeral_raw)
        key = _box_key(private_key.exchange(ephemeral), ephemeral_raw, private_key.public_key().public_bytes_raw())
        return _unpad(AESGCM(key).decrypt(nonce, body, _aad(source_id))).decode("utf-8")
    except (InvalidTag, ValueError):
        raise IdentityError(t("identity_unreadable", id=source_id)) from None


def _clean(text: str) -> str:
    """NFC and trimmed; IdentityError when empty, too long or holding control characters."""
    value = unicodedata.normalize("NFC", text or "").strip()
    if not value:
        raise IdentityError(t("identity_empty"))
    if len(value) > MAX_LENGTH:
        raise IdentityError(t("identity_too_long", limit=MAX_LENGTH, length=len(value)))
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t" for ch in value):
        raise IdentityError(t("control_chars"))
    return value


def _source(session: Session, source_id: int) -> InformationSource:
    source = session.get(InformationSource, source_id)
    if source is None:
        raise IdentityError(t("identity_no_source", id=source_id))
    return source


# ---------------------------------------------------------------------------------------------
# Service actions


@requires(Permission.SEAL_IDENTITIES)
def seal_identity(session: Session, actor: Actor, source_id: int, text: str) -> None:
    """Records (or replaces) the identity behind a source, sealed; audited as `seal` without the
    text. Needs the installation key (NoInstallationKey before a commander set it up). The caller
    commits."""
    check(actor, Permission.SEAL_IDENTITIES)
    value = _clean(text)
    source = _source(session, source_id)
    sealed = _seal(keys.installation_public_key(session), source_id, value)
    row = session.get(InformantIdentity, source_id)
    replaced = row is not None
    if row is None:
        session.add(InformantIdentity(source_id=source_id, sealed=sealed, sealed_at=utcnow()))
    else:
        row.sealed, row.sealed_at = sealed, utcnow()
    session.flush()
    audit = AuditWriter(session, actor.username)
    audit.add("seal", TABLE, source.uid, old={"source": source.ref} if replaced else None,
              new={"source": source.ref})
    audit.flush()


@requires(Permission.VIEW)
def has_identity(session: Session, actor: Actor, source_id: int) -> bool:
    """Whether an identity was recorded for the source (says nothing of what it is)."""
    check(actor, Permission.VIEW)
    return bool(session.scalar(select(exists().where(InformantIdentity.source_id == source_id))))


@requires(Permission.REVEAL_IDENTITIES)
def reveal_identity(session: Session, actor: Actor, source_id: int, private_key: X25519PrivateKey) -> str:
    """The identity behind a source, opened with the installation's private key; audited as
    `reveal` (who, when, which source — never the text). The text is returned only once the
    audit entry is written; the caller commits, or the reveal leaves no trace and must not be
    shown."""
    check(actor, Permission.REVEAL_IDENTITIES)
    source = _source(session, source_id)
    row = session.get(InformantIdentity, source_id)
    if row is None:
        raise IdentityError(t("identity_none", ref=source.ref))
    text = _open(private_key, source_id, row.sealed)
    audit = AuditWriter(session, actor.username)
    audit.add("reveal", TABLE, source.uid, new={"source": source.ref})
    audit.flush()
    return text


@requires(Permission.REVEAL_IDENTITIES)
def reveal_with_password(session: Session, actor: Actor, user_id: int, password: str, source_id: int) -> str:
    """`reveal_identity` with the key opened by a commander's password (WrongPassphrase,
    NoUserKey). A signed-in actor may only use their own password; the command line (owner)
    names the commander whose password it was given."""
    check(actor, Permission.REVEAL_IDENTITIES)
    if actor.role != "owner":
        user = session.get(User, user_id)
        if user is None or user.username != actor.username:
            raise PermissionDenied(actor, Permission.REVEAL_IDENTITIES)
    private_key = keys.unwrap(session, user_id, password)
    return reveal_identity(session, actor, source_id, private_key)


@requires(Permission.REVEAL_IDENTITIES)
def erase_identity(session: Session, actor: Actor, source_id: int) -> bool:
    """Removes the sealed identity of a source for good (the file overwrites it: secure_delete);
    audited as `delete`. False when there was none. The caller commits."""
    check(actor, Permission.REVEAL_IDENTITIES)
    source = _source(session, source_id)
    gone = session.execute(delete(InformantIdentity).where(InformantIdentity.source_id == source_id)).rowcount
    if not gone:
        return False
    audit = AuditWriter(session, actor.username)
    audit.add("delete", TABLE, source.uid, old={"source": source.ref}, reason="erase_identity")
    audit.flush()
    return True


__all__ = [
    "IdentityError", "erase_identity", "has_identity", "reveal_identity", "reveal_with_password", "seal_identity",
]
