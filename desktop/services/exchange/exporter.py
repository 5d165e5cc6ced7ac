"""`antq export --out DIR [--full]`: one package of the records changed since the last package
(or all of them), deletions included, with the approvals they fall under; signed with this
installation's key and encrypted to its receiver's (no Qt).

The file is written to a hidden temporary name in the chosen folder, flushed to the device,
renamed to `<unitcode>-<yyyymmdd>-<seq>.antq` and read back; only then is the package logged
(its number and where the next one starts) and the export reported done. A stick pulled out
half-way leaves no file under a package's name, and nothing in the database changes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.models import (
    AdminUnit,
    Approval,
    AuditEntry,
    CommendationRecipient,
    Installation,
    PackageLog,
    UncoveredCase,
    case_source,
    utcnow,
)
from db.units import own_unit
from desktop.i18n import t
from desktop.services.audit import AuditWriter
from desktop.services.exchange import keys as exchange_keys
from desktop.services.exchange.package import PART_RECORDS, PackageWriter, file_digest
from desktop.services.exchange.serialise import KINDS, Names, approval_item, iso, record_items
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, check, requires
from desktop.services.progress import Progress
from desktop.services.records import RECORD_CLASSES


class ExportError(Exception):
    """The export cannot be made (no key, no receiver, the folder cannot be written); nothing
    is written and nothing changes. `message` is plain words in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    counts: dict[str, int]
    digest: str
    size: int


@dataclass(frozen=True)
class ExportState:
    """What the export page shows before writing: the keys, and the last package sent."""

    own_fingerprint: str | None
    receiver: str | None  # "Tỉnh Quảng Ninh (22)"
    receiver_fingerprint: str | None
    last_sequence: int | None
    last_file: str | None
    last_made_at: dt.datetime | None


@requires(Permission.VIEW)
def export_state(session: Session) -> ExportState:
    own = exchange_keys.own_public(session)
    receiver = exchange_keys.active_receiver(session)
    unit = session.get(AdminUnit, receiver.unit_id) if receiver is not None else None
    last = session.scalar(select(PackageLog).where(PackageLog.direction == "sent", PackageLog.kind == "records")
                          .order_by(PackageLog.sequence.desc()).limit(1))
    return ExportState(own.fingerprint if own else None, f"{unit.name} ({unit.code})" if unit else None,
                       receiver.fingerprint if receiver else None, last.sequence if last else None,
                       last.file_name if last else None, last.made_at if last else None)


@requires(None)
def package_name(unit_code: str, day: dt.date, sequence: int) -> str:
    """`06652-20261122-0003.antq`: digits, dashes and a dot only, safe on FAT32 and Windows."""
    safe_code = "".join(ch for ch in unit_code if ch.isascii() and ch.isalnum()) or "unit"
    return f"{safe_code}-{day:%Y%m%d}-{sequence:04d}.antq"


def _selection(session: Session, kind: str, watermark: dict[str, int]) -> Any:
    """The records of `kind` to send: changed since the last package, and the records a changed
    record links to (a case's sources, a recipient's decision), so every package stands alone."""
    cls = RECORD_CLASSES[kind]
    changed = cls.change_seq > watermark.get(kind, -1)
    if kind == "sources":
        linked = select(case_source.c.source_id).join(
            UncoveredCase, UncoveredCase.id == case_source.c.case_id).where(
            UncoveredCase.change_seq > watermark.get("cases", -1))
        changed = or_(changed, cls.id.in_(linked))
    elif kind == "commendations":
        linked = select(CommendationRecipient.decision_id).where(
            CommendationRecipient.change_seq > watermark.get("recipients", -1))
        changed = or_(changed, cls.id.in_(linked))
    return changed


class _HashingFile(io.RawIOBase):
    """Writes through to the file, hashing what goes out (to compare with the read-back)."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__()
        self.handle = handle
        self.hash = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # type: ignore[override]
        self.handle.write(data)
        self.hash.update(data)
        self.size += len(data)
        return len(data)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _chain_head(session: Session) -> dict[str, Any]:
    last = session.execute(select(AuditEntry.id, AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    count = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return {"entries": count, "last_id": last.id if last else 0, "hash": last.entry_hash if last else ""}


@requires(Permission.EXPORT)
def export_package(database: Database, out_dir: Path, passphrase: str, *, full: bool = False,
                   actor: Actor = OWNER, progress: Progress | None = None) -> ExportResult:
    """Writes the next package into `out_dir` and logs it. ExportError (nothing written) when
    this installation has no key, no receiver, the passphrase is wrong or the folder fails."""
    check(actor, Permission.EXPORT)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ExportError(t("export_no_folder", path=str(out_dir)))
    written_files: list[Path] = []
    try:
        return _export(database, out_dir, passphrase, full, actor, progress, written_files.append)
    except BaseException:
        for path in written_files:  # written but not logged: not sent, the next export makes it again
            path.unlink(missing_ok=True)
        raise


def _export(database: Database, out_dir: Path, passphrase: str, full: bool, actor: Actor,
            progress: Progress | None, wrote: Any) -> ExportResult:
    with transaction(database.sessions) as session:
        try:
            pair = exchange_keys.unlock(session, passphrase)
        except exchange_keys.ExchangeKeyError as problem:
            raise ExportError(problem.message) from None
        receiver = exchange_keys.active_receiver(session)
        if receiver is None:
            raise ExportError(t("export_no_receiver"))
        installation = session.get_one(Installation, 1)
        unit = own_unit(session)
        assert unit is not None
        last = session.scalar(select(PackageLog).where(PackageLog.direction == "sent", PackageLog.kind == "records")
                              .order_by(PackageLog.sequence.desc()).limit(1))
        sequence = last.sequence + 1 if last else 1
        watermark: dict[str, int] = {} if full or last is None else json.loads(last.watermark)
        # Read now, in the same snapshot as the records: a write after this sorts after it.
        new_watermark = {kind: int(session.scalar(select(func.coalesce(func.max(RECORD_CLASSES[kind].change_seq), 0))))
                         for kind in KINDS}
        total = sum(session.scalar(select(func.count()).select_from(RECORD_CLASSES[kind]).where(
            _selection(session, kind, watermark))) or 0 for kind in KINDS)
        made_at = utcnow()
        name = package_name(unit.code, dt.date.today(), sequence)
        final = out_dir / name
        temporary = out_dir / f".{name}.part"
        header = {"kind": "records", "installation": installation.uid, "sequence": sequence,
                  "signer": pair.public.fingerprint, "recipient": receiver.fingerprint,
                  "unit": unit.code, "scheme": unit.scheme, "made_at": iso(made_at)}
        try:
            with temporary.open("wb") as handle:
                hashing = _HashingFile(handle)
                writer = PackageWriter(hashing, header,  # type: ignore[arg-type]
                                       X25519PublicKey.from_public_bytes(receiver.receiving_public))
                done = 0
                for kind in KINDS:
                    for items in record_items(session, kind, _selection(session, kind, watermark), PART_RECORDS):
                        writer.add_part(kind, items)
                        done += len(items)
                        if progress is not None:
                            progress.report(done, total)
                            progress.check()
                approval_rows = list(session.scalars(select(Approval).order_by(Approval.id)))
                if approval_rows:
                    writer.add_part("approvals", [approval_item(a, Names(session)) for a in approval_rows])
                fields = {"origin": {"scheme": unit.scheme, "code": unit.code, "name": unit.name},
                          "previous": last.digest if last else "", "made_at": iso(made_at), "full": full or last is None,
                          "audit_chain_head": _chain_head(session), "approvals": len(approval_rows),
                          "format": 1}
                manifest, manifest_digest = writer.finish(fields, pair.signing)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
            wrote(final)
            _fsync_folder(out_dir)
            if file_digest(final) != hashing.hash.hexdigest():
                final.unlink(missing_ok=True)
                raise ExportError(t("export_read_back_failed", path=str(final)))
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise ExportError(t("export_write_failed", path=str(out_dir), error=error.strerror or str(error))) from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        counts = manifest["counts"]
        session.add(PackageLog(direction="sent", kind="records", installation_uid=installation.uid,
                               unit_id=unit.id, sequence=sequence, digest=manifest_digest,
                               file_digest=hashing.hash.hexdigest(), previous_digest=last.digest if last else "",
                               file_name=name, made_at=made_at, counts=json.dumps(counts),
                               watermark=json.dumps(new_watermark)))
        audit = AuditWriter(session, actor.username)
        audit.add("export", "package_log", None, new={"file": name, "sequence": sequence, "counts": counts})
        audit.flush()
    return ExportResult(final, sequence, counts, manifest_digest, hashing.size)


__all__ = ["ExportError", "ExportResult", "ExportState", "export_package", "export_state", "package_name"]
