"""Alembic, run in-process from the migrations shipped inside `db/` (never as a subprocess, so it
works the same when frozen). An existing SQLite file is backed up before it is upgraded, into the
`backups` folder beside it (the naming rule and the backup-API copy live here so that `db/` needs
nothing from `desktop/`)."""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from db.engine import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration, so that opening an up-to-date database need not load Alembic (a third
# of the start-up time of a command); tests check it against Alembic's own head.
SCHEMA_HEAD = "0011"


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate compares our tables only: the FTS5 index and its shadow tables are made by
    hand in migration 0002."""
    return not (type_ == "table" and name is not None and "_fts" in name)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None for an empty database), read without Alembic."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            return None


# Backups live in a `backups` folder beside the database file, one file per copy, named
# `<stem>-<local date and time>-<reason>.sqlite3` (e.g. antq-2026-11-22T07-49-24-daily.sqlite3);
# desktop.services.backups lists, rotates and restores them with the same rule.
BACKUPS_FOLDER = "backups"
BACKUP_REASONS = ("daily", "migration", "import", "manual", "before-restore", "damaged")
_STAMP = "%Y-%m-%dT%H-%M-%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-(?P<reason>"
                   + "|".join(BACKUP_REASONS) + r")(?:-(?P<n>\d+))?\.sqlite3$")
_BUSY, _LOCKED = 5, 6  # SQLite result codes a backup step reports while it waits for a lock


class BackupFailed(Exception):
    """A copy was written but failed `PRAGMA integrity_check` (it has been deleted)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.path = path
        self.problem = problem


def backups_folder(database_path: Path) -> Path:
    return Path(database_path).parent / BACKUPS_FOLDER


def backup_name(stem: str, when: dt.datetime, reason: str, n: int = 0) -> str:
    suffix = f"-{n}" if n else ""
    return f"{stem}-{when.strftime(_STAMP)}-{reason}{suffix}.sqlite3"


def parse_backup_name(name: str, stem: str | None = None) -> tuple[dt.datetime, str] | None:
    """(when, reason) of a backup file name of database `stem` (any stem when None), else None."""
    match = _NAME.match(name)
    if match is None or (stem is not None and match["stem"] != stem):
        return None
    return dt.datetime.strptime(match["stamp"], _STAMP), match["reason"]


def sqlite_uri(path: Path, mode: str) -> str:
    """A URI that opens `path` read-only ("ro") or read-write ("rw", never creating the file)."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def _connect(path: Path, mode: str, timeout_s: float) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_uri(path, mode), uri=True, timeout=timeout_s)


def copy_database(source: Path, target: Path, *, source_mode: str = "rw", target_mode: str = "rwc",
                  timeout_s: float | None = None) -> None:
    """Copies `source` into `target` page by page with SQLite's backup API: a consistent
    snapshot even while another connection writes to the source. Waits for a lock at most
    `timeout_s` (the busy timeout), then raises "database is locked" (Python's own loop would
    retry for ever)."""
    from db.engine import BUSY_TIMEOUT_MS

    timeout_s = BUSY_TIMEOUT_MS / 1000 if timeout_s is None else timeout_s
    deadline = time.monotonic() + timeout_s

    def give_up_when_late(status: int, _remaining: int, _total: int) -> None:
        if status in (_BUSY, _LOCKED) and time.monotonic() >= deadline:
            raise sqlite3.OperationalError("database is locked")

    src = _connect(source, source_mode, timeout_s)
    try:
        dst = _connect(target, target_mode, timeout_s)
        try:
            src.backup(dst, progress=give_up_when_late)
        finally:
            dst.close()
    finally:
        src.close()


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """`PRAGMA integrity_check` of a database file opened read-only: [] when it holds."""
    try:
        connection = _connect(path, "ro", 1.0)
        try:
            rows = connection.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as problem:  # not a database, or damaged past reading
        if isinstance(problem, sqlite3.OperationalError) and "malformed" not in str(problem):
            raise  # locked, missing, unreadable: the machine's trouble, not the file's
        return [str(problem)]
    messages = pragma_messages(rows)
    return [] if messages == ["ok"] else messages


def pragma_messages(rows: list[tuple[object, ...]]) -> list[str]:
    """The lines of an integrity_check/quick_check answer, one problem each (SQLite puts
    several in one row under a "*** in database main ***" heading)."""
    return [line.strip() for row in rows for line in str(row[0]).splitlines()
            if line.strip() and not line.startswith("*** in database")]


def backup_to(source: Path, folder: Path, reason: str, *, when: dt.datetime | None = None,
              verify: bool = True) -> Path:
    """Backs the database file `source` up into `folder` (made if missing) under a new name
    for `reason`, as one self-contained file (rollback journal, no -wal). Written under a
    `.partial` name and renamed when complete and, with `verify`, checked with `PRAGMA
    integrity_check`: a bad copy is deleted and `BackupFailed` raised."""
    if reason not in BACKUP_REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    when = when or dt.datetime.now()  # local time: people read these names
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(source).stem
    n = 0
    while (folder / backup_name(stem, when, reason, n)).exists():
        n += 1
    target = folder / backup_name(stem, when, reason, n)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        copy_database(Path(source), partial)
        connection = _connect(partial, "rw", 1.0)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")  # one file, readable from a read-only stick
        finally:
            connection.close()
        problems = integrity_problems(partial) if verify else []
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupFailed(target, problems[0])
    os.replace(partial, target)
    return target


def backup_sqlite(engine: Engine, reason: str = "migration") -> Path | None:
    """A consistent, checked copy of the engine's SQLite file in its backups folder (never a
    file copy of a live database); None for other databases or a file not made yet."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or not path.exists():
        return None
    return backup_to(path, backups_folder(path), reason)


def upgrade(engine: Engine) -> tuple[str | None, str, Path | None]:
    """Brings the database to the newest schema. Returns (from, to, backup file or None)."""
    before = current_revision(engine)
    if before == SCHEMA_HEAD:
        return before, before, None
    from alembic import command

    head = head_revision()
    backup = None
    if before != head:
        has_tables = bool(inspect(engine).get_table_names())
        if has_tables:
            backup = backup_sqlite(engine, "migration")
        command.upgrade(alembic_config(engine), "head")
    return before, head, backup
