"""Backups of the SQLite database file (no Qt), always made with SQLite's backup API (never a
file copy of a live database), into the `backups` folder beside the file, one file per copy
named by date, time and reason (`antq-2026-11-22T07-49-24-daily.sqlite3`; see db/migrate.py,
which also makes the copies before a migration). Each copy is checked with `PRAGMA
integrity_check`; a bad one is deleted and reported.

Automatic copies (`@requires(None)`): `backup_if_due` at the first start of each day,
`backup_before(..., "import")` before every import. User actions (`Permission.MANAGE_SETTINGS`):
`backup_now`, `restore`. Old copies go by `plan_rotation` (7 daily, 4 weekly, 12 monthly, and
the last 10 of every other reason; a damaged file kept at a restore is never deleted).

Restoring copies the backup INTO the database file with the backup API, after keeping a copy
of the file as it was. That is safe while no other connection writes to the file: the backup
API takes the write lock for the whole copy, so a writer that comes in the middle waits (and
one that holds the lock makes the restore fail with "locked" after the busy timeout, with
nothing changed); connections left open see the restored content at their next read, but
whatever the window keeps in memory is stale: reopen the database after a restore.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from db.engine import make_engine, make_session_factory, sqlite_path, transaction
from db.migrate import (
    SCHEMA_HEAD,
    BackupFailed,
    backup_name,
    backup_to,
    backups_folder,
    copy_database,
    current_revision,
    integrity_problems,
    parse_backup_name,
    sqlite_uri,
)
from desktop.i18n import t
from desktop.services.audit import AuditWriter
from desktop.services.checks import environment_message, quick_check
from desktop.services.permissions import Actor, Permission, check, requires
from desktop.services.progress import is_environment_error

AUTOMATIC_REASONS = ("daily", "migration", "import")


class BackupError(Exception):
    """A backup or restore that could not be done, in plain words (the machine's trouble is
    its `__cause__`). Nothing was changed."""


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = 7  # the newest copy of each of the last 7 days that have one
    weekly: int = 4  # ... of each of the last 4 ISO weeks
    monthly: int = 12  # ... of each of the last 12 months
    keep_last: int = 10  # of each other reason (migration, import, manual, before-restore)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime  # local time, from the name
    reason: str  # a code of db.migrate.BACKUP_REASONS
    size: int  # bytes


@dataclass
class RestoreResult:
    database: Path
    restored_from: Path
    previous: Path | None  # the copy of the file as it was (None: there was no file)
    previous_damaged: bool  # that copy failed integrity_check: kept as "damaged", never rotated away
    audited: bool  # a restore_backup entry was written into the restored file (needs the current schema)


@contextmanager
def _plainly() -> Iterator[None]:
    """The machine's troubles (disk full, read-only folder, locked file) and damaged files
    become a BackupError in plain words; anything else is a bug and goes up as it is."""
    try:
        yield
    except BackupFailed as failed:
        raise BackupError(t("backup_bad_copy", problem=failed.problem)) from failed
    except (OSError, sqlite3.Error) as problem:
        if is_environment_error(problem):
            raise BackupError(environment_message(problem)) from problem
        if isinstance(problem, sqlite3.DatabaseError):
            raise BackupError(t("backup_source_damaged", message=problem)) from problem
        raise


@requires(None)
def database_file(target: object) -> Path | None:
    """The SQLite file of a `Database`, path or URL; None for a server database."""
    engine = getattr(target, "engine", None)
    if engine is not None:
        return sqlite_path(engine.url.render_as_string(hide_password=False))
    text = os.fspath(target)  # type: ignore[call-overload]
    return sqlite_path(text) if "://" in text else Path(text)


# --- making copies -----------------------------------------------------------------------------


@requires(None)
def backup_before(target: object, reason: str, *, when: dt.datetime | None = None) -> Path | None:
    """An automatic copy (daily, migration, import) of a `Database` or database file, then
    the rotation; None for a server database or a file that does not exist yet."""
    if reason not in AUTOMATIC_REASONS:
        raise ValueError(f"not an automatic backup reason: {reason!r}")
    path = database_file(target)
    if path is None or not path.exists():
        return None
    with _plainly():
        copy = backup_to(path, backups_folder(path), reason, when=when)
    prune(path)
    return copy


@requires(None)
def backup_if_due(database_path: Path, now: dt.datetime | None = None) -> Path | None:
    """The first start of each day makes a daily copy; later starts make none (None)."""
    now = now or dt.datetime.now()
    if any(b.reason == "daily" and b.when.date() == now.date() for b in list_backups(database_path)):
        return None
    return backup_before(database_path, "daily", when=now)


@requires(Permission.MANAGE_SETTINGS)
def backup_now(database_path: Path, *, actor: Actor) -> Path:
    """A manual copy ("Sao lưu ngay", `antq backup`), audited, then the rotation."""
    check(actor, Permission.MANAGE_SETTINGS)
    database_path = Path(database_path)
    if not database_path.exists():
        raise BackupError(t("backup_no_database", path=database_path))
    with _plainly():
        copy = backup_to(database_path, backups_folder(database_path), "manual")
    _audit(database_path, actor, "backup", new={"file": copy.name})
    prune(database_path)
    return copy


# --- listing and rotation --------------------------------------------------------------------


@requires(None)
def list_backups(database_path: Path) -> list[BackupInfo]:
    """The copies of this database in its backups folder, newest first."""
    folder = backups_folder(Path(database_path))
    found = []
    stem = Path(database_path).stem
    for path in folder.glob(f"{stem}-*.sqlite3") if folder.is_dir() else ():
        parsed = parse_backup_name(path.name, stem)
        if parsed is not None:
            try:
                size = path.stat().st_size
            except OSError:  # deleted meanwhile
                continue
            found.append(BackupInfo(path, parsed[0], parsed[1], size))
    return sorted(found, key=lambda b: (b.when, b.path.name), reverse=True)


@requires(None)
def check_backup(path: Path) -> list[str]:
    """The problems `PRAGMA integrity_check` finds in a backup file ([]: good)."""
    with _plainly():
        return integrity_problems(Path(path))


@requires(None)
def plan_rotation(entries: Iterable[tuple[dt.datetime, Path]], policy: RotationPolicy = RotationPolicy()) -> list[Path]:
    """The copies to delete, from (time, path) pairs (the reason is read from the name): a pure
    function. Daily copies are kept by calendar (the newest of each of the last `daily` days,
    `weekly` ISO weeks and `monthly` months that have one, each rule on its own); copies of
    other reasons the newest `keep_last` of each; damaged files and unknown names are kept."""
    by_reason: dict[str, list[tuple[dt.datetime, Path]]] = {}
    for when, path in entries:
        parsed = parse_backup_name(Path(path).name)
        if parsed is not None and parsed[1] != "damaged":
            by_reason.setdefault(parsed[1], []).append((when, Path(path)))
    delete: list[Path] = []
    for reason, items in by_reason.items():
        items.sort(key=lambda item: (item[0], item[1].name), reverse=True)  # newest first
        if reason == "daily":
            keep = set()
            for count, bucket in ((policy.daily, lambda d: d.date()), (policy.weekly, lambda d: d.isocalendar()[:2]),
                                  (policy.monthly, lambda d: (d.year, d.month))):
                seen: list[object] = []
                for when, path in items:
                    if bucket(when) not in seen:
                        if len(seen) == count:
                            break
                        seen.append(bucket(when))
                        keep.add(path)
        else:
            keep = {path for _when, path in items[:policy.keep_last]}
        delete += [path for _when, path in items if path not in keep]
    return sorted(delete)


@requires(None)
def prune(database_path: Path, policy: RotationPolicy = RotationPolicy()) -> list[Path]:
    """Deletes the copies `plan_rotation` lets go (and half-written ones older than a day)."""
    backups = list_backups(database_path)
    doomed = plan_rotation(((b.when, b.path) for b in backups), policy)
    folder = backups_folder(Path(database_path))
    a_day_ago = dt.datetime.now().timestamp() - 86_400
    if folder.is_dir():
        doomed += [p for p in folder.glob("*.partial") if p.stat().st_mtime < a_day_ago]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


# --- restoring ---------------------------------------------------------------------------------


@requires(Permission.MANAGE_SETTINGS)
def restore(database_path: Path, backup_path: Path, *, actor: Actor) -> RestoreResult:
    """Puts `backup_path` in place of the database: refuses a backup that fails
    integrity_check, keeps a copy of the current file ("before-restore"; "damaged" if it fails
    its own check), then copies the backup INTO the file with the backup API (see the module
    docstring on other connections). Returns what it did."""
    check(actor, Permission.MANAGE_SETTINGS)
    database_path, backup_path = Path(database_path), Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(t("restore_no_backup", path=backup_path))
    if database_path.exists() and database_path.resolve() == backup_path.resolve():
        raise BackupError(t("restore_same_file"))
    problems = check_backup(backup_path)
    if problems:
        raise BackupError(t("restore_bad_backup", path=backup_path.name, problem=problems[0]))
    previous, damaged = _keep_current(database_path) if database_path.exists() else (None, False)
    with _plainly():
        _copy_into(backup_path, database_path)
    after = quick_check(database_path)
    if not after.ok:  # not expected: the backup passed its check a moment ago
        raise BackupError(t("restore_failed_check", problem=after.problems[0]))
    audited = _audit(database_path, actor, "restore_backup", new={"file": backup_path.name},
                     old={"file": previous.name} if previous else None)
    return RestoreResult(database_path, backup_path, previous, damaged, audited)


def _keep_current(database_path: Path) -> tuple[Path, bool]:
    """The copy of the file as it is before a restore: made with the backup API; a copy that
    fails integrity_check is kept as "damaged" (it may still hold something worth saving), and
    a file the backup API cannot read at all is copied as it is, with its -wal (nothing opens
    it: it is not a database any more)."""
    folder = backups_folder(database_path)
    try:
        with _plainly():
            copy = backup_to(database_path, folder, "before-restore", verify=False)
    except BackupError as problem:
        if isinstance(problem.__cause__, sqlite3.DatabaseError) and not is_environment_error(problem.__cause__):
            return _raw_copy(database_path, folder), True
        raise
    if not check_backup(copy):
        return copy, False
    parsed = parse_backup_name(copy.name)
    assert parsed is not None
    damaged = copy.with_name(backup_name(database_path.stem, parsed[0], "damaged"))
    os.replace(copy, damaged)
    return damaged, True


def _raw_copy(database_path: Path, folder: Path) -> Path:
    target = folder / backup_name(database_path.stem, dt.datetime.now(), "damaged")
    with _plainly():
        shutil.copyfile(database_path, target)
        wal = database_path.with_name(database_path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target


def _copy_into(backup_path: Path, database_path: Path) -> None:
    """The backup API into the database file; a file too damaged to be written that way is
    replaced whole (its old -wal and -shm removed, or SQLite would replay them into it)."""
    if database_path.exists():
        try:
            with _with_pages_of(database_path, backup_path) as source:
                copy_database(source, database_path, source_mode="ro", target_mode="rw")
            return
        except sqlite3.DatabaseError as problem:
            if is_environment_error(problem):
                raise
    fresh = database_path.with_name(database_path.name + ".restoring")
    fresh.unlink(missing_ok=True)
    try:
        copy_database(backup_path, fresh, source_mode="ro")
        for suffix in ("-wal", "-shm"):
            database_path.with_name(database_path.name + suffix).unlink(missing_ok=True)
        os.replace(fresh, database_path)
    finally:
        fresh.unlink(missing_ok=True)


@contextmanager
def _with_pages_of(database_path: Path, backup_path: Path) -> Iterator[Path]:
    """The backup, or a copy of it with the database's page size: the backup API cannot change
    the page size of a file in WAL mode (a copy made by an earlier version, with 4 KiB pages,
    restored over a database made since with `NEW_PAGE_SIZE`)."""
    wanted = _page_size(database_path)
    if wanted is None or wanted == _page_size(backup_path):
        yield backup_path
        return
    copy = database_path.with_name(database_path.name + ".restoring-pages")
    copy.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(sqlite_uri(backup_path, "ro"), uri=True)
        try:
            connection.execute(f"PRAGMA page_size = {int(wanted)}")
            connection.execute("VACUUM INTO ?", (os.fspath(copy),))
        finally:
            connection.close()
        yield copy
    finally:
        copy.unlink(missing_ok=True)


def _page_size(path: Path) -> int | None:
    """A database file's page size, or None when it cannot be read."""
    try:
        connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
        try:
            return int(connection.execute("PRAGMA page_size").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _audit(database_path: Path, actor: Actor, action: str, *, new: dict[str, str],
           old: dict[str, str] | None = None) -> bool:
    """An audit entry in the file (False when its schema is older than the one that knows the
    action, or the machine refuses the write: the copy is made all the same)."""
    engine = make_engine(database_path)
    try:
        if current_revision(engine) != SCHEMA_HEAD:
            return False
        with transaction(make_session_factory(engine)) as session:
            writer = AuditWriter(session, actor.username)
            writer.add(action, "database", None, old=old, new=new)
            writer.flush()
        return True
    except Exception as problem:  # only the machine's troubles are let pass
        if is_environment_error(problem):
            return False
        raise
    finally:
        engine.dispose()
