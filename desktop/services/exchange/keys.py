"""The USB exchange's keys (no Qt): this installation's own pair, the key files people carry
between installations, and the keys it trusts.

Each installation holds one Ed25519 key (signs what it sends) and one X25519 key (opens what is
sent to it); both private halves are stored only sealed with AES-GCM under a key derived from the
exchange passphrase with argon2id (`desktop.services.keys.derive_kek`), the installation id bound
in as associated data. The province (or district) writes a *receiver key file* for its units
(`write_receiver_key_file`); a unit trusts it (`trust_receiver`) and answers with an *enrolment
file* (`write_enrolment_file`) that names the receiver it is meant for and is signed by the
unit's own key (proof that the unit holds it); the province checks and stores it (`enrol`).
People compare the 30-digit fingerprints by reading them aloud. A key file is small JSON, read
by one strict parser (`read_key_file`): every problem is an `ExchangeKeyError` in plain words.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AdminUnit, ExchangeKey, Installation, TrustedKey, UnitRollup, utcnow
from db.vocab import UNIT_SCHEMES
from desktop.i18n import t
from desktop.services import keys as identity_keys
from desktop.services.audit import AuditWriter
from desktop.services.keys import KeyProblem, derive_kek
from desktop.services.permissions import OWNER, Actor, Permission, check, requires

FORMAT = 1
RECEIVER_TYPE = "antq-receiver-key"
ENROLMENT_TYPE = "antq-enrolment"
KEY_FILE_TYPES = (RECEIVER_TYPE, ENROLMENT_TYPE)
SUFFIX = ".antqkey"
MAX_KEY_FILE = 64 * 1024
MIN_PASSPHRASE = 8
NONCE_BYTES = 12
SALT_BYTES = 16
KEY_BYTES = 32
SIGNATURE_BYTES = 64
_FINGERPRINT_DOMAIN = b"antq-key-v1"
_SIGNATURE_DOMAIN = b"antq-enrolment-v1\n"
_CODE = re.compile(r"[0-9A-Za-z]{1,8}")
_DIGITS = re.compile(r"[0-9]{30}")
_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


class ExchangeKeyError(KeyProblem):
    """An exchange key or key file cannot be used; `.message` is plain words in the user's language."""


@dataclass(frozen=True)
class PublicKeys:
    """The public half of an installation's keys, with the unit and installation it names."""

    signing_public: bytes
    receiving_public: bytes
    unit_scheme: str
    unit_code: str
    unit_name: str
    installation_uid: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_public, self.receiving_public)


@dataclass(frozen=True)
class KeyPair:
    """This installation's own keys, unlocked with the passphrase (never stored as such)."""

    signing: Ed25519PrivateKey
    receiving: X25519PrivateKey
    public: PublicKeys


@dataclass(frozen=True)
class KeyInfo:
    """One line of `list_keys`: role "own", "receiver" or "sender"."""

    role: str
    fingerprint: str
    unit_code: str
    unit_name: str
    installation_uid: str
    added_at: dt.datetime
    revoked_at: dt.datetime | None


# ---------------------------------------------------------------------------------------------
# Fingerprints


@requires(None)
def fingerprint(signing_public: bytes, receiving_public: bytes) -> str:
    """30 digits: six blocks of five bytes of SHA-256(domain + both public keys), each block
    taken modulo 100000 (so each group of five digits reads aloud on its own)."""
    digest = hashlib.sha256(_FINGERPRINT_DOMAIN + signing_public + receiving_public).digest()
    return "".join(f"{int.from_bytes(digest[i:i + 5], 'big') % 100000:05d}" for i in range(0, 30, 5))


@requires(None)
def show_fingerprint(fp: str) -> str:
    """'12345 67890 12345 67890 12345 67890'."""
    return " ".join(fp[i:i + 5] for i in range(0, len(fp), 5))


@requires(None)
def parse_fingerprint(text: str) -> str | None:
    """The 30 digits of a fingerprint as typed (spaces and dashes allowed), or None."""
    digits = _SEPARATORS.sub("", text or "")
    return digits if _DIGITS.fullmatch(digits) else None


# ---------------------------------------------------------------------------------------------
# This installation's own keys


def _installation(session: Session) -> Installation:
    installation = session.get(Installation, 1)
    if installation is None:
        raise ExchangeKeyError(t("no_installation"))
    return installation


def _aad(installation_uid: str) -> bytes:
    return b"exchange_key|sealed|" + installation_uid.encode("utf-8")


@requires(None)
def own_public(session: Session) -> PublicKeys | None:
    """This installation's public keys, or None before they are made."""
    row = session.get(ExchangeKey, 1)
    installation = session.get(Installation, 1)
    if row is None or installation is None:
        return None
    unit = session.get_one(AdminUnit, installation.unit_id)
    return PublicKeys(row.signing_public, row.receiving_public, unit.scheme, unit.code, unit.name, installation.uid)


@requires(Permission.MANAGE_KEYS)
def ensure_own_keys(session: Session, passphrase: str, *, actor: Actor = OWNER) -> KeyPair:
    """Makes the key pair when there is none (the passphrase needs MIN_PASSPHRASE characters);
    when there is one, unlocks it. Audited on creation. The caller commits."""
    check(actor, Permission.MANAGE_KEYS)
    if session.get(ExchangeKey, 1) is not None:
        return unlock(session, passphrase)
    if len(unicodedata.normalize("NFC", passphrase or "")) < MIN_PASSPHRASE:
        raise ExchangeKeyError(t("xkey_passphrase_short", count=MIN_PASSPHRASE))
    installation = _installation(session)
    signing, receiving = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    salt, nonce, kdf = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES), str(identity_keys.KDF)
    secret = signing.private_bytes_raw() + receiving.private_bytes_raw()
    sealed = nonce + AESGCM(derive_kek(passphrase, salt, kdf)).encrypt(nonce, secret, _aad(installation.uid))
    row = ExchangeKey(id=1, signing_public=signing.public_key().public_bytes_raw(),
                      receiving_public=receiving.public_key().public_bytes_raw(), sealed=sealed, salt=salt, kdf=kdf,
                      created_at=utcnow())
    session.add(row)
    session.flush()
    public = own_public(session)
    assert public is not None
    audit = AuditWriter(session, actor.username)
    audit.add("keys", "exchange_key", public.fingerprint, new={"event": "created", "kdf": kdf})
    audit.flush()
    return KeyPair(signing, receiving, public)


@requires(None)
def unlock(session: Session, passphrase: str) -> KeyPair:
    """The own key pair opened with the passphrase (ExchangeKeyError: none yet, wrong passphrase)."""
    row = session.get(ExchangeKey, 1)
    public = own_public(session)
    if row is None or public is None:
        raise ExchangeKeyError(t("xkey_no_own_key"))
    try:
        kek = derive_kek(passphrase, row.salt, row.kdf)
        secret = AESGCM(kek).decrypt(row.sealed[:NONCE_BYTES], row.sealed[NONCE_BYTES:], _aad(public.installation_uid))
    except (InvalidTag, ValueError):
        raise ExchangeKeyError(t("xkey_wrong_passphrase")) from None
    signing = Ed25519PrivateKey.from_private_bytes(secret[:KEY_BYTES])
    receiving = X25519PrivateKey.from_private_bytes(secret[KEY_BYTES:])
    if (signing.public_key().public_bytes_raw(), receiving.public_key().public_bytes_raw()) != (
            row.signing_public, row.receiving_public):
        raise ExchangeKeyError(t("xkey_mismatch"))
    return KeyPair(signing, receiving, public)


# ---------------------------------------------------------------------------------------------
# Key files


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _document(public: PublicKeys, kind: str) -> dict[str, Any]:
    return {
        "format": FORMAT, "type": kind,
        "unit": {"scheme": public.unit_scheme, "code": public.unit_code, "name": public.unit_name},
        "installation": public.installation_uid,
        "signing_public": _b64(public.signing_public), "receiving_public": _b64(public.receiving_public),
        "fingerprint": show_fingerprint(public.fingerprint),
    }


def _signed_bytes(document: dict[str, Any]) -> bytes:
    body = {name: value for name, value in document.items() if name != "signature"}
    return _SIGNATURE_DOMAIN + json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _file_name(public: PublicKeys, what: str) -> str:
    # unit codes are digits; anything else is replaced so the name is safe on FAT32 and Windows
    code = re.sub(r"[^0-9A-Za-z]", "_", public.unit_code)[:8] or "unit"
    return f"{code}-{what}{SUFFIX}"


def _write_atomically(out_dir: Path, name: str, document: dict[str, Any]) -> Path:
    """Temporary file in the same folder, fsync, rename: a pulled stick leaves no half file."""
    from desktop.services.checks import environment_message

    folder = Path(out_dir).expanduser()
    if not folder.is_dir():
        raise ExchangeKeyError(t("xkey_no_folder", path=str(folder)))
    target = folder / name
    temporary = folder / f".{name}.{os.urandom(4).hex()}.tmp"
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as problem:
        temporary.unlink(missing_ok=True)
        raise ExchangeKeyError(t("xkey_write_failed", path=str(target), problem=environment_message(problem))) from None
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable where the system allows it
        try:
            descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        except OSError:
            pass
    return target


def _printable(value: object, limit: int) -> bool:
    return (isinstance(value, str) and 0 < len(value) <= limit and value == value.strip()
            and not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in value))


def _key_bytes(document: dict[str, Any], field: str, name: str) -> bytes:
    value = document.get(field)
    try:
        raw = base64.b64decode(value, validate=True) if isinstance(value, str) and len(value) < 200 else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field=field))
    return raw


@requires(None)
def read_key_file(path: Path, expected_type: str) -> tuple[PublicKeys, dict[str, Any]]:
    """A key file's public keys and its whole JSON object, checked strictly (size, encoding,
    format, type, keys, unit fields). The fingerprint written in it is ignored: recompute it."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE + 1)
    except FileNotFoundError:
        raise ExchangeKeyError(t("xkey_file_missing", path=str(path))) from None
    except (OSError, ValueError) as problem:
        raise ExchangeKeyError(t("xkey_file_unreadable", path=str(path), error=problem.__class__.__name__)) from None
    if len(data) > MAX_KEY_FILE:
        raise ExchangeKeyError(t("xkey_file_too_big", name=name, limit=MAX_KEY_FILE // 1024))
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExchangeKeyError(t("xkey_not_json", name=name)) from None
    except (ValueError, RecursionError):
        raise ExchangeKeyError(t("xkey_not_json", name=name)) from None
    if not isinstance(document, dict):
        raise ExchangeKeyError(t("xkey_not_json", name=name))
    version = document.get("format")
    if type(version) is not int or version < 1:
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field="format"))
    if version > FORMAT:
        raise ExchangeKeyError(t("xkey_newer_format", name=name, version=version))
    kind = document.get("type")
    if kind != expected_type:
        if kind in KEY_FILE_TYPES:
            raise ExchangeKeyError(t(f"xkey_is_{'receiver' if kind == RECEIVER_TYPE else 'enrolment'}", name=name))
        raise ExchangeKeyError(t("xkey_wrong_type", name=name))
    unit = document.get("unit")
    if not isinstance(unit, dict):
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field="unit"))
    if unit.get("scheme") not in UNIT_SCHEMES.codes or not isinstance(unit.get("code"), str) \
            or not _CODE.fullmatch(unit["code"]) or not _printable(unit.get("name"), 200):
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field="unit"))
    installation = document.get("installation")
    if not isinstance(installation, str) or not _UID.fullmatch(installation):
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field="installation"))
    public = PublicKeys(_key_bytes(document, "signing_public", name), _key_bytes(document, "receiving_public", name),
                        unit["scheme"], unit["code"], unit["name"], str(installation))
    return public, document


# ---------------------------------------------------------------------------------------------
# Trusting other installations' keys


def _unit_of(session: Session, public: PublicKeys, name: str) -> AdminUnit:
    unit = session.scalar(select(AdminUnit).where(AdminUnit.scheme == public.unit_scheme,
                                                  AdminUnit.code == public.unit_code))
    if unit is None:
        raise ExchangeKeyError(t("xkey_unknown_unit", name=name, code=public.unit_code, unit=public.unit_name))
    return unit


def _not_ours(session: Session, public: PublicKeys, name: str) -> None:
    if public.installation_uid == _installation(session).uid:
        raise ExchangeKeyError(t("xkey_own_file", name=name))


def _record(session: Session, actor: Actor, row: TrustedKey, event: str) -> None:
    audit = AuditWriter(session, actor.username)
    audit.add("keys", "trusted_key", row.fingerprint, new={
        "event": event, "role": row.role, "unit_id": row.unit_id, "installation": row.installation_uid})
    audit.flush()


def _revoke_rows(session: Session, actor: Actor, rows: list[TrustedKey]) -> None:
    for row in rows:
        row.revoked_at = utcnow()
        _record(session, actor, row, "revoked")
    session.flush()


@requires(Permission.MANAGE_KEYS)
def write_receiver_key_file(session: Session, out_dir: Path, *, actor: Actor = OWNER) -> Path:
    """`<unitcode>-receiver.antqkey`: this installation's public keys, for the units that send
    to it (needs the own keys)."""
    check(actor, Permission.MANAGE_KEYS)
    public = own_public(session)
    if public is None:
        raise ExchangeKeyError(t("xkey_no_own_key"))
    return _write_atomically(out_dir, _file_name(public, "receiver"), _document(public, RECEIVER_TYPE))


@requires(Permission.MANAGE_KEYS)
def trust_receiver(session: Session, path: Path, *, actor: Actor = OWNER) -> TrustedKey:
    """Stores a receiver key file as the one receiver this installation sends to (an earlier
    one is revoked; a receiver revoked by mistake is trusted again). Audited. Caller commits."""
    check(actor, Permission.MANAGE_KEYS)
    public, _ = read_key_file(path, RECEIVER_TYPE)
    name = Path(path).name
    _not_ours(session, public, name)
    unit = _unit_of(session, public, name)
    fp = public.fingerprint
    row = session.scalar(select(TrustedKey).where(TrustedKey.role == "receiver", TrustedKey.fingerprint == fp))
    if row is not None and row.revoked_at is None:
        return row
    others = session.scalars(select(TrustedKey).where(
        TrustedKey.role == "receiver", TrustedKey.revoked_at.is_(None), TrustedKey.fingerprint != fp)).all()
    _revoke_rows(session, actor, list(others))
    if row is None:
        row = TrustedKey(role="receiver", fingerprint=fp, unit_id=unit.id, installation_uid=public.installation_uid,
                         signing_public=public.signing_public, receiving_public=public.receiving_public,
                         added_at=utcnow())
        session.add(row)
    else:
        row.revoked_at, row.added_at = None, utcnow()
    session.flush()
    _record(session, actor, row, "trusted")
    return row


@requires(Permission.MANAGE_KEYS)
def write_enrolment_file(session: Session, keys: KeyPair, out_dir: Path, *, actor: Actor = OWNER) -> Path:
    """`<unitcode>-enrol.antqkey`: our public keys, the receiver they are meant for, signed by
    our own signing key. Needs a trusted receiver."""
    check(actor, Permission.MANAGE_KEYS)
    receiver = active_receiver(session)
    if receiver is None:
        raise ExchangeKeyError(t("xkey_no_receiver"))
    public = own_public(session)
    if public is None or public.signing_public != keys.signing.public_key().public_bytes_raw():
        raise ExchangeKeyError(t("xkey_mismatch"))
    document = _document(public, ENROLMENT_TYPE)
    document["receiver_fingerprint"] = show_fingerprint(receiver.fingerprint)
    document["signature"] = _b64(keys.signing.sign(_signed_bytes(document)))
    return _write_atomically(out_dir, _file_name(public, "enrol"), document)


def _check_enrolment(public: PublicKeys, document: dict[str, Any], name: str) -> str:
    """Verifies the self-signature; returns the receiver fingerprint the file is meant for."""
    value = document.get("signature")
    try:
        signature = base64.b64decode(value, validate=True) if isinstance(value, str) and len(value) < 200 else b""
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != SIGNATURE_BYTES:
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field="signature"))
    try:
        Ed25519PublicKey.from_public_bytes(public.signing_public).verify(signature, _signed_bytes(document))
    except (InvalidSignature, ValueError):
        raise ExchangeKeyError(t("xkey_bad_signature", name=name)) from None
    receiver = document.get("receiver_fingerprint")
    parsed = parse_fingerprint(receiver) if isinstance(receiver, str) and len(receiver) < 100 else None
    if parsed is None:
        raise ExchangeKeyError(t("xkey_bad_field", name=name, field="receiver_fingerprint"))
    return parsed


@requires(Permission.MANAGE_KEYS)
def enrol(session: Session, path: Path, *, actor: Actor = OWNER) -> TrustedKey:
    """At the receiver: trusts a unit's enrolment file (made for our key, signed by the key it
    holds, for a unit under ours) as a sender. The same key again is a no-op; a new key of the
    same installation revokes its older one; a revoked key is never trusted again. Audited."""
    check(actor, Permission.MANAGE_KEYS)
    public, document = read_key_file(path, ENROLMENT_TYPE)
    name = Path(path).name
    meant_for = _check_enrolment(public, document, name)
    own = own_public(session)
    if own is None:
        raise ExchangeKeyError(t("xkey_no_own_key"))
    if meant_for != own.fingerprint:
        raise ExchangeKeyError(t("xkey_other_receiver", name=name, fingerprint=show_fingerprint(meant_for)))
    _not_ours(session, public, name)
    unit = _unit_of(session, public, name)
    own_unit_id = _installation(session).unit_id
    under = session.scalar(select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == own_unit_id,
                                                            UnitRollup.unit_id == unit.id).limit(1))
    if under is None:
        raise ExchangeKeyError(t("xkey_outside", name=name, unit=f"{unit.name} ({unit.code})"))
    fp = public.fingerprint
    row = session.scalar(select(TrustedKey).where(TrustedKey.role == "sender", TrustedKey.fingerprint == fp))
    if row is not None:
        if row.revoked_at is not None:
            raise ExchangeKeyError(t("xkey_was_revoked", name=name, date=f"{row.revoked_at:%d/%m/%Y}"))
        return row
    older = session.scalars(select(TrustedKey).where(
        TrustedKey.role == "sender", TrustedKey.revoked_at.is_(None),
        TrustedKey.installation_uid == public.installation_uid)).all()
    _revoke_rows(session, actor, list(older))
    row = TrustedKey(role="sender", fingerprint=fp, unit_id=unit.id, installation_uid=public.installation_uid,
                     signing_public=public.signing_public, receiving_public=public.receiving_public, added_at=utcnow())
    session.add(row)
    session.flush()
    _record(session, actor, row, "enrolled")
    return row


# ---------------------------------------------------------------------------------------------
# Listing, revoking, looking up


def _info(session: Session, row: TrustedKey) -> KeyInfo:
    unit = session.get_one(AdminUnit, row.unit_id)
    return KeyInfo(row.role, row.fingerprint, unit.code, unit.name, row.installation_uid, row.added_at, row.revoked_at)


@requires(Permission.VIEW)
def list_keys(session: Session, *, actor: Actor = OWNER) -> list[KeyInfo]:
    """The own key (role "own") first, then the trusted ones, receivers before senders."""
    check(actor, Permission.VIEW)
    found: list[KeyInfo] = []
    own, row = own_public(session), session.get(ExchangeKey, 1)
    if own is not None and row is not None:
        found.append(KeyInfo("own", own.fingerprint, own.unit_code, own.unit_name, own.installation_uid,
                             row.created_at, None))
    rows = session.scalars(select(TrustedKey).order_by(TrustedKey.role, TrustedKey.added_at, TrustedKey.id))
    return found + [_info(session, trusted) for trusted in rows]


@requires(Permission.MANAGE_KEYS)
def revoke(session: Session, fingerprint_text: str, *, actor: Actor = OWNER) -> KeyInfo:
    """Revokes a trusted key by its fingerprint (typed with or without spaces); one already
    revoked is left as it is. Audited. The caller commits."""
    check(actor, Permission.MANAGE_KEYS)
    fp = parse_fingerprint(fingerprint_text)
    if fp is None:
        raise ExchangeKeyError(t("xkey_bad_fingerprint", text=fingerprint_text))
    own = own_public(session)
    if own is not None and own.fingerprint == fp:
        raise ExchangeKeyError(t("xkey_revoke_own"))
    rows = list(session.scalars(select(TrustedKey).where(TrustedKey.fingerprint == fp).order_by(TrustedKey.id)))
    if not rows:
        raise ExchangeKeyError(t("xkey_unknown_fingerprint", fingerprint=show_fingerprint(fp)))
    _revoke_rows(session, actor, [row for row in rows if row.revoked_at is None])
    return _info(session, rows[0])


@requires(None)
def active_receiver(session: Session) -> TrustedKey | None:
    """The receiver this installation sends to (at most one is not revoked)."""
    return session.scalar(select(TrustedKey).where(TrustedKey.role == "receiver", TrustedKey.revoked_at.is_(None))
                          .order_by(TrustedKey.added_at.desc(), TrustedKey.id.desc()).limit(1))


@requires(None)
def trusted_sender(session: Session, signing_public: bytes) -> TrustedKey | None:
    """The trusted key with this signing key, of any role, revoked or not (the caller checks
    `revoked_at`); an active row is preferred."""
    return session.scalar(select(TrustedKey).where(TrustedKey.signing_public == signing_public)
                          .order_by(TrustedKey.revoked_at.is_not(None), TrustedKey.id.desc()).limit(1))


__all__ = [
    "ENROLMENT_TYPE", "FORMAT", "MAX_KEY_FILE", "MIN_PASSPHRASE", "RECEIVER_TYPE", "ExchangeKeyError", "KeyInfo",
    "KeyPair", "PublicKeys", "active_receiver", "enrol", "ensure_own_keys", "fingerprint", "list_keys", "own_public",
    "parse_fingerprint", "read_key_file", "revoke", "show_fingerprint", "trust_receiver", "trusted_sender", "unlock",
    "write_enrolment_file", "write_receiver_key_file",
]
