"""`antq import FILE… [--dry-run]`: packages checked, merged and logged, each all or nothing
(no Qt). Before anything is kept: the file must be a package, signed by an enrolled key that
is not revoked, made for this receiver, intact to its last byte, with a manifest whose
signature, hashes, counts and header agree. A copy of a package already imported changes
nothing and says so; another package with a number already accepted from that installation is
refused as forged or replayed. The summary (created, updated, unchanged, deleted, rejected with
reasons, conflicts) is the same for a dry run, which then rolls everything back."""
from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.models import AdminUnit, PackageLog, TrustedKey, UnitRollup
from db.units import unit_ids_by_code
from desktop.i18n import t
from desktop.services.audit import AuditWriter
from desktop.services.exchange import keys as exchange_keys
from desktop.services.exchange.deferred import BatchTriggers
from desktop.services.exchange.errors import PackageRefused
from desktop.services.exchange.merge import Counts, Merger, Rejection
from desktop.services.exchange.package import PackageReader, Part, _parse_lines, file_digest
from desktop.services.exchange.prepare import PrepareContext
from desktop.services.exchange.reference import apply_reference
from desktop.services.exchange.serialise import KINDS, parse_datetime
from desktop.services.exchange.worker import AHEAD, PrepareWorker
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, check, requires
from desktop.services.progress import Progress

MAX_FILE = 8 * 1024 * 1024 * 1024


@dataclass
class PackageSummary:
    file: str
    status: str = "refused"  # imported, checked (dry run), already, refused
    message: str = ""
    code: str = ""
    unit: str = ""
    sequence: int = 0
    counts: Counts = field(default_factory=Counts)

    def as_json(self) -> dict[str, Any]:
        c = self.counts
        return {"file": self.file, "status": self.status, "message": self.message, "unit": self.unit,
                "sequence": self.sequence, "created": c.created, "updated": c.updated, "unchanged": c.unchanged,
                "deleted": c.deleted, "rejected": len(c.rejected), "conflicts": c.conflicts,
                "approvals": c.approvals, "rejections": [asdict(r) for r in c.rejected]}


@dataclass
class ImportReport:
    packages: list[PackageSummary]
    missing: dict[str, list[int]]  # unit code (installation) → sequence numbers not received yet

    @property
    def refused(self) -> bool:
        return any(p.status == "refused" for p in self.packages)


class _RollBack(Exception):
    """Ends a dry run, or a copy found at the end: nothing of the transaction is kept."""


class _Keys:
    """Our receiving key, opened once per import (only if a package needs it), and the unit table."""

    def __init__(self, passphrase: str | None) -> None:
        self.passphrase = passphrase
        self.private: X25519PrivateKey | None = None
        self.fingerprint: str | None = None
        self._units: dict[tuple[str, str], int] | None = None

    def units(self, session: Session) -> dict[tuple[str, str], int]:
        """(scheme, code) → unit id, read once per import (reference data may add none)."""
        if self._units is None:
            self._units = unit_ids_by_code(session)
        return self._units

    def open(self, session: Session) -> tuple[X25519PrivateKey, str]:
        if self.private is None:
            if self.passphrase is None:
                raise PackageRefused("no_receiving_key")
            try:
                pair = exchange_keys.unlock(session, self.passphrase)
            except exchange_keys.ExchangeKeyError as problem:
                raise PackageRefused("key_locked", reason=problem.message) from None
            self.private, self.fingerprint = pair.receiving, pair.public.fingerprint
        assert self.fingerprint is not None
        return self.private, self.fingerprint


def _signer(session: Session, header: dict[str, Any]) -> TrustedKey:
    kind = header.get("kind")
    if kind not in ("records", "reference"):
        raise PackageRefused("damaged")
    role = "sender" if kind == "records" else "receiver"
    fingerprint = str(header.get("signer", ""))[:40]
    key = session.scalar(select(TrustedKey).where(TrustedKey.fingerprint == fingerprint, TrustedKey.role == role))
    if key is None:
        raise PackageRefused("unknown_signer", fingerprint=exchange_keys.show_fingerprint(fingerprint)
                             if fingerprint.isdigit() and len(fingerprint) == 30 else fingerprint[:40])
    if key.revoked_at is not None:
        raise PackageRefused("signer_revoked", fingerprint=exchange_keys.show_fingerprint(key.fingerprint),
                             day=key.revoked_at.strftime("%d/%m/%Y"))
    return key


@dataclass
class _Opened:
    """A package opened before its turn, and its first parts handed to the worker (`_Lookahead`)."""

    path: Path
    handle: BinaryIO
    reader: PackageReader | None  # None: it did not open well, and its turn opens it again
    parts: Iterator[Part]
    handed: list[tuple[str, bytes]]


class _Lookahead:
    """While the importer applies a package's last parts and logs it, the worker prepares the
    first parts of the next package, which would otherwise begin with the importer waiting for
    its first part. Only what the next package's own turn reads and checks again is kept: that
    turn takes the package as opened here; a package refused or already imported at its turn, or
    after a package not kept (whose organisations the worker was told of), drops what was handed."""

    PARTS = AHEAD + 1

    def __init__(self, worker: PrepareWorker) -> None:
        self.worker = worker
        self.opened: _Opened | None = None

    def open(self, session: Session, path: Path, keys: _Keys, context: PrepareContext) -> None:
        """Hands the worker the first parts of `path`, with `context` for its sender's area; a
        package that does not open (a bad one, say) is left for its turn to refuse."""
        handed: list[tuple[str, bytes]] = []
        try:
            handle = path.open("rb")
        except OSError:
            return
        self.opened = _Opened(path, handle, None, iter(()), handed)
        # Anything that goes wrong here is found again, and told, by the package's own turn.
        with suppress(Exception):
            reader = PackageReader(handle)
            header = reader.header
            signer = _signer(session, header)
            private, ours = keys.open(session)
            if header["kind"] != "records" or header.get("recipient") != ours:
                return
            parts = reader.parts(private, Ed25519PublicKey.from_public_bytes(signer.signing_public))
            area = set(session.scalars(select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == signer.unit_id)))
            self.worker.use(replace(context, area=area, learned=[]))
            for part in parts:
                if part.kind not in KINDS or part.reference:
                    parts = itertools.chain([part], parts)  # its turn applies it
                    break
                self.worker.submit(part.kind, part.data)
                handed.append((part.kind, part.data))
                if len(handed) == self.PARTS:
                    break
            self.opened.reader, self.opened.parts = reader, parts

    def take(self, path: Path) -> _Opened | None:
        """The package opened ahead if it is `path` and opened well; otherwise drops it."""
        opened, self.opened = self.opened, None
        if opened is not None and opened.path == path and opened.reader is not None:
            return opened
        if opened is not None:
            self._drop(opened)
        return None

    def drop(self) -> None:
        if self.opened is not None:
            opened, self.opened = self.opened, None
            self._drop(opened)

    def _drop(self, opened: _Opened) -> None:
        opened.handle.close()
        self.worker.discard()  # called between packages: only the parts handed ahead are still due


def _import_one(session: Session, path: Path, keys: _Keys, summary: PackageSummary, actor: Actor,
                progress: Progress | None, worker: PrepareWorker | None = None,
                ahead: _Lookahead | None = None, after: Path | None = None, *,
                refill: Callable[[int], None] | None = None) -> None:
    """Imports one package; with a worker, the parts of `after` (the next package) may be handed
    to it ahead (`ahead`)."""
    opened = ahead.take(path) if ahead is not None else None
    try:
        _import_checked(session, path, keys, summary, actor, progress, worker, opened, ahead, after, refill)
    except BaseException:
        # A refused or cancelled package leaves nothing due for the next, nor anything handed ahead
        # with what it made.
        if worker is not None:
            worker.discard()
        if ahead is not None:
            ahead.drop()
        raise
    finally:
        if opened is not None:
            opened.handle.close()


def _import_checked(session: Session, path: Path, keys: _Keys, summary: PackageSummary, actor: Actor,
                    progress: Progress | None, worker: PrepareWorker | None, opened: _Opened | None,
                    ahead: _Lookahead | None, after: Path | None, refill: Callable[[int], None] | None) -> None:
    """`refill`: told how many records each part written held (`import_packages` fills the search
    index with them now and then)."""
    size = path.stat().st_size
    if size > MAX_FILE:
        raise PackageRefused("too_big")
    whole = file_digest(path)
    if session.scalar(select(PackageLog.id).where(PackageLog.direction == "received",
                                                 PackageLog.file_digest == whole)):
        summary.status = "already"
        if worker is not None:
            worker.discard()  # what was handed ahead of it
        return
    with contextlib.ExitStack() as closing:
        if opened is None:
            handle = closing.enter_context(path.open("rb"))
            reader = PackageReader(handle)
        else:
            assert opened.reader is not None
            handle, reader = opened.handle, opened.reader
        header = reader.header
        signer = _signer(session, header)
        summary.unit = str(header.get("unit", ""))[:20]
        summary.sequence = header["sequence"] if isinstance(header.get("sequence"), int) else 0
        private = None
        if header["kind"] == "records":
            private, ours = keys.open(session)
            if header.get("recipient") != ours:
                raise PackageRefused("another_receiver")
        if header.get("installation") != signer.installation_uid:
            raise PackageRefused("signer_mismatch")
        merger: Merger | None = None  # made once the first part has opened: a bad package costs little
        # The parts the worker is preparing, in order: their kind and lines.
        handed: list[tuple[str, bytes]] = opened.handed if opened is not None else []
        handing = worker is not None and header["kind"] == "records"
        parts = opened.parts if opened is not None else reader.parts(
            private, Ed25519PublicKey.from_public_bytes(signer.signing_public))
        if handed:
            assert worker is not None and opened is not None
            merger = Merger(session, signer.unit_id, keys.units(session))
            worker.use(merger.context)

        def settle(keep: int) -> None:
            """Applies the parts the worker has prepared, until only `keep` are still with it."""
            while len(handed) > keep:
                assert merger is not None and worker is not None
                kind, data = handed.pop(0)
                prepared = worker.result()
                merger.apply(kind, prepared, functools.partial(_parse_lines, data))
                if refill is not None:
                    refill(len(prepared[0]) + len(prepared[1]))
                worker.learn(merger.context.take_learned())

        try:
            for part in parts:
                if merger is None:
                    merger = Merger(session, signer.unit_id, keys.units(session))
                    if worker is not None:
                        worker.use(merger.context)
                if handing and part.kind in KINDS and not part.reference:
                    assert worker is not None
                    worker.submit(part.kind, part.data)
                    handed.append((part.kind, part.data))
                    settle(AHEAD)
                else:
                    settle(0)
                    if part.reference:
                        if header["kind"] != "reference":
                            raise PackageRefused("malformed")
                        apply_reference(session, part.kind, part.items, signer, merger.counts)
                    elif header["kind"] != "records":
                        raise PackageRefused("malformed")
                    elif part.kind == "approvals":
                        merger.merge_approvals(part.items)
                    elif part.kind in KINDS:
                        merger.merge(part.kind, part.items)
                        if refill is not None:
                            refill(len(part.items))
                if progress is not None:
                    progress.report(handle.tell(), size)
                    progress.check()
            if ahead is not None and after is not None and merger is not None and handing:
                ahead.open(session, after, keys, merger.context)  # prepared while this one ends
            settle(0)
        except (PackageRefused, OSError):
            settle(0)  # a part read before the fault may be refused first, as it is without the worker
            raise
        summary.counts = merger.counts if merger is not None else Counts()
        manifest = reader.manifest
    sequence = manifest.get("sequence")
    made_at = parse_datetime(manifest.get("made_at"))
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 1 <= sequence < 2**31 or made_at is None:
        raise PackageRefused("malformed")
    prior = session.scalar(select(PackageLog).where(
        PackageLog.direction == "received", PackageLog.kind == header["kind"],
        PackageLog.installation_uid == signer.installation_uid, PackageLog.sequence == sequence))
    if prior is not None:
        if prior.digest == reader.manifest_digest:
            summary.status = "already"
            raise _RollBack()
        raise PackageRefused("sequence_reused", sequence=sequence)
    counts = summary.as_json()
    session.add(PackageLog(direction="received", kind=header["kind"], installation_uid=signer.installation_uid,
                           unit_id=signer.unit_id, sequence=sequence, digest=reader.manifest_digest,
                           file_digest=whole, previous_digest=str(manifest.get("previous", ""))[:64],
                           file_name=path.name[:255], made_at=made_at,
                           counts=json.dumps({k: counts[k] for k in ("created", "updated", "unchanged", "deleted",
                                                                     "rejected", "conflicts")})))
    audit = AuditWriter(session, actor.username)
    audit.add("import", "package_log", None, new={"file": path.name[:255], "unit": summary.unit,
                                                  "sequence": sequence, **{k: counts[k] for k in (
                                                      "created", "updated", "unchanged", "deleted", "rejected",
                                                      "conflicts")}})
    audit.flush()
    session.flush()
    summary.status = "imported"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for one package. A package's records make millions
    of short-lived dicts, lists and tuples, all freed by reference counting; the collector, run
    every 700 of them, walked every live object again and again to find almost nothing (about 160
    objects in cycles per 10,000 records): a quarter of the import's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Packages are committed together until they hold about this many records. A commit writes every
# page its transaction changed to the write-ahead log, then copies them into the database; the
# index pages a package changes lie all over each table, so at a million records a commit per
# package cost up to 0.4 s, writing mostly the same pages as the commit before. Larger batches
# gained no more and grew the log file (100,000 records: about 230 MB).
BATCH_RECORDS = 100_000


def _records(counts: Counts) -> int:
    return counts.created + counts.updated + counts.deleted + counts.unchanged + len(counts.rejected)


@requires(Permission.IMPORT)
def import_packages(database: Database, paths: Sequence[Path], passphrase: str | None, *, dry_run: bool = False,
                    actor: Actor = OWNER, progress: Progress | None = None,
                    worker: bool | None = None) -> ImportReport:
    """Imports each package all or nothing: in a savepoint of its own, or on SQLite without one,
    a package that fails after writing then having its batch rolled back and applied again
    (`_import_whole`); a dry run reports the same and keeps nothing. Packages applied are
    committed in batches (`BATCH_RECORDS`), and before any error or cancel leaves: a process
    killed in between loses only the batch it was writing, which the same packages import again. `worker`: whether a worker process prepares the parts
    (None: for an import of `WORKER_BYTES` or more into SQLite)."""
    check(actor, Permission.IMPORT)
    keys = _Keys(passphrase)
    summaries = []
    with (_worker_for(database, paths, worker) as helper, database.sessions() as session,
          _larger_cache(session, helper is not None)):
        pending = 0
        # New rows enter the search index in one statement per table after each package, not row
        # by row; new cases get their mask from the merge, not from a trigger per link (`deferred.py`).
        triggers = BatchTriggers.started(session.connection())
        ahead = _Lookahead(helper) if helper is not None and not dry_run else None
        unsaved = not dry_run and database.dialect == "sqlite"
        batch: list[int] = []  # the packages the batch holds
        unindexed = 0  # records written since the search index was last filled

        def refill(records: int) -> None:
            """A large package's rows enter the search index every `BATCH_RECORDS` records, while
            the worker prepares the next parts, not all at its end, when it has nothing to do.
            Only without a savepoint: one rolled back would take the fill, not the record of it."""
            nonlocal unindexed
            unindexed += records
            if unindexed >= BATCH_RECORDS:
                triggers.restart()
                unindexed = 0

        try:
            for index, path in enumerate(paths):
                summary = PackageSummary(file=Path(path).name)
                summaries.append(summary)
                after = Path(paths[index + 1]) if index + 1 < len(paths) else None
                try:
                    _import_whole(session, Path(path), keys, summary, actor, progress, dry_run, helper,
                                  ahead, after, savepoint=not unsaved, refill=refill if unsaved else None)
                except _Unsaved as failure:
                    # Nothing of the batch is kept: its packages are applied again, each in a
                    # savepoint, then this one, refused as it would have been in one.
                    session.rollback()
                    triggers = BatchTriggers.started(session.connection())
                    for earlier in batch:
                        summaries[earlier] = PackageSummary(file=Path(paths[earlier]).name)
                        _import_whole(session, Path(paths[earlier]), keys, summaries[earlier], actor, None,
                                      dry_run, helper)
                    if not isinstance(failure.__cause__, (PackageRefused, OSError, _RollBack)):
                        raise failure.__cause__ from None  # a cancel, or a fault of the database or program
                    _import_whole(session, Path(path), keys, summary, actor, progress, dry_run, helper)
                if summary.status == "imported":
                    pending += _records(summary.counts)
                    batch.append(index)
                    if not dry_run:
                        # Its new rows enter the search index now, while the worker prepares the
                        # next package's first parts (`_Lookahead`), not all at the batch's commit,
                        # when the worker soon has nothing to do (bench/README.md, ninth round).
                        triggers.restart()
                        unindexed = 0
                if pending >= BATCH_RECORDS:
                    _end_batch(session, dry_run, triggers)
                    triggers = BatchTriggers.started(session.connection())
                    pending = 0
                    batch = []
        except BaseException:
            # A cancel or an error: the packages finished before it are kept, unless the database
            # itself failed, in which case the error at hand is the one to report.
            with suppress(SQLAlchemyError):
                _end_batch(session, dry_run, triggers)
            raise
        finally:
            if ahead is not None:
                ahead.drop()
        _end_batch(session, dry_run, triggers)
        missing = missing_packages(session)
    return ImportReport(summaries, missing)


# From this many bytes of packages (about 30,000 records) their parts are prepared in a second
# process while this one writes: starting it costs about half a second.
WORKER_BYTES = 1_000_000


@contextmanager
def _worker_for(database: Database, paths: Sequence[Path], wanted: bool | None) -> Iterator[PrepareWorker | None]:
    """A worker process for a large import into SQLite (on a server, the database works apart)."""
    total = 0
    for path in paths:
        with suppress(OSError):
            total += Path(path).stat().st_size
    if database.dialect != "sqlite" or wanted is False or (wanted is None and total < WORKER_BYTES):
        yield None
        return
    with PrepareWorker() as worker:
        yield worker


# SQLite's page cache for a large import. A batch changes more index pages than the usual 64 MiB
# hold; those written out before the commit are read back and written again (measured, a million
# records in 100 packages, runs taken in turn: 78.6 and 81.1 s against 89.8 and 85.0 s). The
# cache is memory of this process, which the system does not take back as it does its file cache.
IMPORT_CACHE_KIB = 128 * 1024


@contextmanager
def _larger_cache(session: Session, large: bool) -> Iterator[None]:
    """The import's connection with `IMPORT_CACHE_KIB` of page cache, given back after."""
    if not large:
        yield
        return
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(SQLAlchemyError):
            session.connection().exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _end_batch(session: Session, dry_run: bool, triggers: BatchTriggers) -> None:
    """Commits the batch, its new rows in the search index and its triggers put back first (a dry
    run: rolls it back)."""
    if not session.in_transaction():
        return
    if dry_run:
        session.rollback()  # the triggers come back with it
    else:
        triggers.finish()
        session.commit()


class _Unsaved(Exception):
    """A package applied without a savepoint failed: its writes are in the batch (`__cause__`: why)."""


def _import_whole(session: Session, path: Path, keys: _Keys, summary: PackageSummary, actor: Actor,
                  progress: Progress | None, dry_run: bool, worker: PrepareWorker | None,
                  ahead: _Lookahead | None = None, after: Path | None = None, *, savepoint: bool = True,
                  refill: Callable[[int], None] | None = None) -> None:
    """Imports one package, all or nothing. Without `savepoint` (SQLite), a package that fails
    raises `_Unsaved`, and the batch is rolled back and applied again (`import_packages`): for a
    savepoint, SQLite first copies every page the package changes into a journal of its own
    (146,000 writes to a temporary file for 10 packages of 10,000 records, about a tenth of the
    import's time), where only a package that fails, seldom, needs it."""
    try:
        if not savepoint:
            _import_unsaved(session, path, keys, summary, actor, progress, worker, ahead, after, refill)
            return
        with _collector_paused(), session.begin_nested():
            _import_one(session, path, keys, summary, actor, progress, worker, ahead, after)
            if dry_run and summary.status == "imported":
                summary.status = "checked"
                raise _RollBack()
    except _RollBack:
        pass
    except PackageRefused as refusal:
        summary.status, summary.code, summary.message = "refused", refusal.code, refusal.message
        summary.counts = Counts()
    except OSError as error:
        summary.status, summary.code = "refused", "unreadable"
        summary.message = t("pkg_unreadable", path=os.fspath(path), error=error.strerror or str(error))


def _import_unsaved(session: Session, path: Path, keys: _Keys, summary: PackageSummary, actor: Actor,
                    progress: Progress | None, worker: PrepareWorker | None, ahead: _Lookahead | None,
                    after: Path | None, refill: Callable[[int], None] | None) -> None:
    """A package imported without a savepoint; one that fails after writing raises `_Unsaved`
    (one refused before writing anything, for its signer say, is refused as in a savepoint)."""
    driver = session.connection().connection.driver_connection
    written = driver.total_changes  # type: ignore[union-attr]
    try:
        with _collector_paused():
            _import_one(session, path, keys, summary, actor, progress, worker, ahead, after, refill=refill)
    except BaseException as error:
        if driver.total_changes == written:  # type: ignore[union-attr]
            raise
        raise _Unsaved() from error


@requires(Permission.VIEW)
def missing_packages(session: Session) -> dict[str, list[int]]:
    """For each sending unit, the package numbers below its highest received that never came."""
    received: dict[tuple[str, int], set[int]] = {}
    for uid, unit_id, sequence in session.execute(select(
            PackageLog.installation_uid, PackageLog.unit_id, PackageLog.sequence).where(
            PackageLog.direction == "received", PackageLog.kind == "records")):
        received.setdefault((uid, unit_id), set()).add(sequence)
    missing = {}
    for (uid, unit_id), numbers in received.items():
        gaps = [n for n in range(1, max(numbers)) if n not in numbers]
        if gaps:
            code = session.get_one(AdminUnit, unit_id).code
            missing[f"{code} ({uid[:8]})"] = gaps
    return missing


__all__ = ["ImportReport", "PackageSummary", "Rejection", "import_packages", "missing_packages"]
