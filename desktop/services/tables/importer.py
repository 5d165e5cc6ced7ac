"""`antq import-table KIND FILE`: all rows or none. Every row goes through the one validation
layer; any error, and nothing is written, and every bad row is reported with its line."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.i18n import t
from desktop.services.backups import backup_before
from desktop.services.installation import Database
from desktop.services.lookups import SessionLookups
from desktop.services.permissions import OWNER, Actor, Permission, PermissionDenied, check, check_write, requires
from desktop.services.progress import Progress
from desktop.services.record_specs import SPECS
from desktop.services.records import RecordWriter
from desktop.services.tables.columns import ColumnError, column_map
from desktop.services.tables.sheets import SheetError, read_sheet
from desktop.services.validation import field_label, validate

KINDS = tuple(SPECS)


@dataclass
class RowError:
    line: int
    field: str
    message: str

    def describe(self) -> str:
        return t("row_error", line=self.line, field=self.field, message=self.message)


@dataclass
class ImportReport:
    kind: str
    path: Path
    rows: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    file_error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.file_error is None


class _Rollback(Exception):
    """Ends the transaction without writing (dry run, or errors found)."""


@requires(Permission.IMPORT)
def import_table(database: Database, kind: str, path: Path, *, username: str = "",
                 dry_run: bool = False, progress: Progress | None = None, actor: Actor = OWNER) -> ImportReport:
    """Validates every row, then writes them all in one transaction, or none of them.
    `progress` hears of every 500 rows checked and written; a cancel raises `Cancelled` from
    inside the transaction, so nothing is written. An `actor` without the IMPORT permission gets
    PermissionDenied; a row the actor may not write (another unit, permissions.check_write) is a
    row error like any other."""
    check(actor, Permission.IMPORT)
    report = ImportReport(kind, path)
    try:
        sheet = read_sheet(path)
        mapping = column_map(kind, sheet.header)
    except (SheetError, ColumnError) as error:
        report.file_error = str(error)
        return report
    report.rows = len(sheet.rows)
    if not sheet.rows:
        report.file_error = t("empty_file")
        return report
    try:
        with database.sessions() as session, session.begin():
            lookups = SessionLookups(session)
            writer = RecordWriter(session, username or "import", lookups.own_unit_id())
            cleaned: list[tuple[int, dict[str, Any]]] = []
            seen: dict[tuple[object, str], int] = {}
            steps = 2 * len(sheet.rows)
            for done, (line, cells) in enumerate(sheet.rows):
                _step(progress, done, steps)
                raw = {name: cells[pos] if pos < len(cells) else None for pos, name in mapping.items()}
                clean, violations = validate(kind, raw, lookups)
                for violation in violations:
                    label = field_label(SPECS[kind].field(violation.field))
                    report.errors.append(RowError(line, label, violation.message))
                for key_field, key in ([] if violations else _identities(kind, clean)):
                    if key in seen:
                        label = field_label(SPECS[kind].field(key_field))
                        message = t("duplicate_in_file", value=clean[key_field], line=seen[key])
                        report.errors.append(RowError(line, label, message))
                    seen.setdefault(key, line)
                if not violations and (denied := _out_of_scope(session, actor, kind, clean)) is not None:
                    report.errors.append(RowError(line, *denied))
                cleaned.append((line, clean))
            if report.errors:
                raise _Rollback
            if not dry_run:  # a copy of the file as it was, before the first row is written (issue 4)
                backup_before(database, "import")
            for _line, clean in cleaned:
                if clean.get("ref"):
                    writer.refs.reserve(kind, _scope(kind, clean), clean["ref"])
            for done, (line, clean) in enumerate(cleaned, start=len(cleaned)):
                _step(progress, done, steps)
                action, locked = _save_unless_locked(session, writer, kind, clean)
                if locked is not None:
                    report.errors.append(RowError(line, *locked))
                report.counts[action] += 1
            if report.errors:  # rows that would change records of an approved period
                report.counts.clear()
                raise _Rollback
            writer.finish()
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _save_unless_locked(session: Any, writer: RecordWriter, kind: str,
                        clean: dict[str, Any]) -> tuple[str, tuple[str, str] | None]:
    """Saves a row; (action, None), or (action, (column, message)) when the row changes a record
    that lies, as stored or as the row makes it, in a period a commander approved (issue 4: such
    records are locked; a row that changes nothing, as in re-importing an export, is no change).
    The caller rolls everything back on any such row."""
    from desktop.services.approvals import is_locked, locked_message

    existing = writer.find_existing(kind, clean)
    held = is_locked(session, kind, existing) if existing is not None else None
    outcome = writer.save(kind, clean)
    if outcome.action == "unchanged":
        return outcome.action, None
    approval = held or is_locked(session, kind, outcome.record)
    if approval is None:
        return outcome.action, None
    date_field = SPECS[kind].date_field
    label = field_label(SPECS[kind].field(date_field)) if date_field else ""
    return outcome.action, (label, locked_message(approval))


def _step(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and done % 500 == 0:
        progress.check()
        progress.report(done, total)


def _scope(kind: str, clean: dict[str, Any]) -> Any:
    return clean.get("decision_number") if kind == "recipients" else clean.get("unit_id")


def _identities(kind: str, clean: dict[str, Any]) -> list[tuple[str, tuple[object, str, str]]]:
    """What two rows of a file may not share: a decision's number in its unit, and the reference."""
    keys = [("number", (_scope(kind, clean), "number", clean["number"]))] if kind == "commendations" else []
    if clean.get("ref"):
        keys.append(("ref", (_scope(kind, clean), "ref", clean["ref"])))
    return keys


def _out_of_scope(session: Any, actor: Actor, kind: str, clean: dict[str, Any]) -> tuple[str, str] | None:
    """(field label, message) when the actor may not write this row's record, else None."""
    try:
        check_write(session, actor, kind, clean=clean)
    except PermissionDenied as denied:
        name = "decision_number" if kind == "recipients" else "unit_code"
        return field_label(SPECS[kind].field(name)), str(denied)
    return None
