"""Checks of the database (no Qt): SQLite's `quick_check`, `integrity_check` and
`foreign_key_check`, and the audit chain (each entry's hash recomputed in id order, reporting
the first entry that was edited, removed or reordered). `antq check` runs `check_database`; the
window runs `startup_check` before it opens a file. Also the plain words for the machine's
troubles (disk full, read-only folder, locked file) that the command line and the backups say.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.engine import database_url, sqlite_path
from db.migrate import pragma_messages, sqlite_uri
from db.models import AuditEntry
from desktop.i18n import language, t
from desktop.services.audit import GENESIS, entry_hash
from desktop.services.progress import is_environment_error
from desktop.services.stats import format_number

MAX_MESSAGES = 20  # problems kept per check; the count says how many there were
_AUDIT_FIELDS = (AuditEntry.id, AuditEntry.at, AuditEntry.username, AuditEntry.action, AuditEntry.table_name,
                 AuditEntry.record_uid, AuditEntry.old_values, AuditEntry.new_values, AuditEntry.reason,
                 AuditEntry.prev_hash, AuditEntry.entry_hash)


@dataclass
class CheckResult:
    """One check: its name (quick_check, integrity_check, foreign_key_check, audit_chain), the
    problems found in plain words, and for the audit chain the first bad entry and what
    happened to it (edited, removed, reordered)."""

    name: str
    problems: list[str] = field(default_factory=list)
    count: int = 0  # rows looked at, where that means something (audit entries)
    skipped: bool = False  # not applicable to this database (PostgreSQL checks its own pages)
    entry_id: int | None = None
    kind: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        """One line for `antq check`: the check, and "ok" or its first problem."""
        label = t(f"check_{self.name}", count=format_number(self.count, language()))
        if self.skipped:
            return t("check_line_skipped", label=label)
        if self.ok:
            return t("check_line_ok", label=label)
        more = t("check_more", count=len(self.problems) - 1) if len(self.problems) > 1 else ""
        return t("check_line_failed", label=label, problem=self.problems[0], more=more)


@dataclass
class CheckReport:
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def problems(self) -> list[str]:
        return [problem for result in self.results for problem in result.problems]

    def result(self, name: str) -> CheckResult | None:
        return next((result for result in self.results if result.name == name), None)

    def lines(self) -> list[str]:
        return [result.line() for result in self.results]


# --- SQLite's own checks ---------------------------------------------------------------------


@contextmanager
def _opened(target: Path | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A connection to check: the one given, or the file opened read-write without creating it
    (read-write so that a file in WAL mode can be read whatever its -shm holds)."""
    if isinstance(target, sqlite3.Connection):
        yield target
        return
    path = Path(target)
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    mode = "rw" if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else "ro"
    connection = sqlite3.connect(sqlite_uri(path, mode), uri=True, timeout=5)
    try:
        yield connection
    finally:
        connection.close()


def _pragma_check(name: str, target: Path | sqlite3.Connection) -> CheckResult:
    result = CheckResult(name)
    rows: list[Any] = []
    failure: sqlite3.DatabaseError | None = None
    # SQLite may stop with "malformed" once it has more to say about a damaged file than it can
    # walk past; asked for fewer messages, it then still says which pages are damaged.
    for limit in (MAX_MESSAGES, 10, 1):
        try:
            with _opened(target) as connection:
                rows = connection.execute(f"PRAGMA {name}({limit})").fetchall()
            break
        except sqlite3.DatabaseError as problem:
            if is_environment_error(problem):
                raise
            failure = failure or problem
            if problem.sqlite_errorcode & 0xFF != sqlite3.SQLITE_CORRUPT:
                break
    if not rows:
        result.problems.append(t("check_unreadable", message=failure))
        return result
    messages = pragma_messages(rows)
    if messages != ["ok"]:
        result.problems.extend(t("check_page_problem", message=message) for message in messages)
    return result


def quick_check(target: Path | sqlite3.Connection) -> CheckResult:
    """`PRAGMA quick_check`: the pages and records are well formed (fast: no index contents)."""
    return _pragma_check("quick_check", target)


def integrity_check(target: Path | sqlite3.Connection) -> CheckResult:
    """`PRAGMA integrity_check`: quick_check plus every index agreeing with its table."""
    return _pragma_check("integrity_check", target)


def foreign_key_check(target: Path | sqlite3.Connection) -> CheckResult:
    """`PRAGMA foreign_key_check`: every reference points at a row that exists."""
    result = CheckResult("foreign_key_check")
    try:
        with _opened(target) as connection:
            rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as problem:
        if is_environment_error(problem):
            raise
        result.problems.append(t("check_unreadable", message=problem))
        return result
    for table, rowid, parent, _fk in rows[:MAX_MESSAGES]:
        result.problems.append(t("check_fk_problem", table=table, rowid=rowid, parent=parent))
    if len(rows) > MAX_MESSAGES:
        result.problems.append(t("check_fk_more", count=len(rows) - MAX_MESSAGES))
    return result


# --- the audit chain -------------------------------------------------------------------------


def verify_audit_chain(session: Session, known_head: str | None = None) -> CheckResult:
    """Walks audit_entry in id order recomputing each entry's hash, and stops at the first
    break: an entry whose content no longer matches its hash (edited), or whose `prev_hash` is
    not the hash of the entry before it: the hash of an entry found elsewhere (reordered) or of
    none (removed; with no gap in the ids, the entry before it was edited and rehashed).
    `known_head`, the chain head recorded elsewhere (an export manifest), shows entries removed
    from the end, which the chain alone cannot."""
    result = CheckResult("audit_chain")
    previous_id: int | None = None
    expected = GENESIS
    rows = session.execute(select(*_AUDIT_FIELDS).order_by(AuditEntry.id)).yield_per(2000)
    for row in rows:
        entry = row._mapping
        result.count += 1
        if entry_hash(entry["prev_hash"], dict(entry)) != entry["entry_hash"]:
            _broken(result, entry["id"], "edited", t("audit_edited", id=entry["id"]))
            return result
        if entry["prev_hash"] != expected:
            _chain_gap(session, result, entry["id"], entry["prev_hash"], previous_id)
            return result
        previous_id, expected = entry["id"], entry["entry_hash"]
    if known_head is not None and known_head != expected and known_head != GENESIS:
        found = session.scalar(select(AuditEntry.id).where(AuditEntry.entry_hash == known_head))
        if found is None:
            _broken(result, previous_id, "removed", t("audit_tail_removed", id=previous_id or 0, head=known_head[:12]))
    return result


def _broken(result: CheckResult, entry_id: int | None, kind: str, message: str) -> None:
    result.entry_id, result.kind = entry_id, kind
    result.problems.append(message)


def _chain_gap(session: Session, result: CheckResult, entry_id: int, prev_hash: str,
               previous_id: int | None) -> None:
    other = session.scalar(select(AuditEntry.id).where(AuditEntry.entry_hash == prev_hash))
    if other is not None:
        _broken(result, entry_id, "reordered", t("audit_reordered", id=entry_id, other=other))
    elif previous_id is None:
        _broken(result, entry_id, "removed", t("audit_removed_start", id=entry_id))
    elif previous_id + 1 < entry_id:
        _broken(result, entry_id, "removed",
                t("audit_removed", id=entry_id, first=previous_id + 1, last=entry_id - 1))
    else:
        _broken(result, previous_id, "edited", t("audit_rehashed", id=previous_id, next=entry_id))


def audit_chain_check(database: object, known_head: str | None = None) -> CheckResult:
    """`verify_audit_chain` in a session of its own; a database that cannot be read says so."""
    try:
        with database.sessions() as session:  # type: ignore[attr-defined]
            return verify_audit_chain(session, known_head)
    except SQLAlchemyError as problem:
        if is_environment_error(problem):
            raise
        return CheckResult("audit_chain", [t("check_unreadable", message=getattr(problem, "orig", problem))])


# --- the checks together ---------------------------------------------------------------------


def startup_check(database_path: Path) -> CheckReport:
    """What the window checks before opening a file: quick_check and foreign_key_check (a
    fraction of a second on a big file). On failure, show `desktop.ui.restore_dialog`."""
    report = CheckReport([quick_check(database_path)])
    if report.ok:  # a damaged file may not even list its foreign keys
        report.results.append(foreign_key_check(database_path))
    return report


def check_database(target: str | os.PathLike[str] | None) -> CheckReport:
    """`antq check`: integrity_check, foreign_key_check and the audit chain. On PostgreSQL the
    first two are the server's own business and are reported as not applicable."""
    from desktop.services.installation import connect

    path = sqlite_path(database_url(target))
    report = CheckReport()
    if path is not None:
        report.results.append(integrity_check(path))
        report.results.append(foreign_key_check(path))
    else:
        report.results += [CheckResult("integrity_check", skipped=True), CheckResult("foreign_key_check", skipped=True)]
    database = connect(target)
    try:
        report.results.append(audit_chain_check(database))
    finally:
        database.dispose()
    return report


# --- the machine's troubles in plain words ---------------------------------------------------


def environment_message(exc: BaseException) -> str:
    """A plain sentence for an environment error (see `progress.is_environment_error`): disk
    full, read-only or forbidden folder, file locked by another program, file missing."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        words = str(current).lower()
        number = getattr(current, "errno", None)
        if number in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in words or getattr(current, "winerror", 0) == 112:
            return t("env_disk_full")
        if "locked" in words or number == errno.EBUSY or getattr(current, "winerror", 0) in (32, 33):
            return t("env_locked")
        if number in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in words or "read-only" in words:
            return t("env_read_only", where=_where(current))
        if number == errno.ENOENT or "unable to open" in words:
            return t("env_cannot_open", where=_where(current))
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) and orig is not current else current.__cause__
    return t("env_other", message=exc)


def _where(exc: BaseException) -> str:
    filename = getattr(exc, "filename", None)
    return f" ({filename})" if filename else ""
