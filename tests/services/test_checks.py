"""The database checks: SQLite's own (quick, integrity, foreign keys) on healthy, damaged and
broken files, the start-up check, the audit chain finding the exact entry edited, removed or
reordered, and the plain words for the machine's troubles."""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from desktop.i18n import set_language
from desktop.services.audit import entry_hash
from desktop.services.checks import (
    CheckResult,
    audit_chain_check,
    check_database,
    environment_message,
    foreign_key_check,
    integrity_check,
    quick_check,
    startup_check,
    verify_audit_chain,
)
from desktop.services.installation import Database
from tests.services.backup_support import add_audit_entries, damage


def raw(db_path: Path, *statements: str) -> None:
    """Tampering as someone with the file and a SQLite tool would: no foreign keys, no rules."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def chain(database: Database, known_head: str | None = None) -> CheckResult:
    with database.sessions() as session:
        return verify_audit_chain(session, known_head)


def hashes(db_path: Path) -> dict[int, str]:
    with sqlite3.connect(db_path) as connection:
        return dict(connection.execute("SELECT id, entry_hash FROM audit_entry"))


# --- SQLite's checks -----------------------------------------------------------------------------


def test_a_healthy_database_passes_every_check(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 3)
    report = check_database(db_path)
    assert report.ok and [r.name for r in report.results] == ["integrity_check", "foreign_key_check", "audit_chain"]
    assert report.lines() == ["Toàn vẹn tệp (integrity_check): đạt", "Khóa ngoại (foreign_key_check): đạt",
                              "Chuỗi nhật ký (3 mục): đạt"]
    assert startup_check(db_path).ok


def test_a_damaged_file_fails_quick_and_integrity_check(db_path: Path) -> None:
    damage(db_path)
    for result in (quick_check(db_path), integrity_check(db_path)):
        assert not result.ok and result.problems[0].startswith("Tệp dữ liệu bị hỏng")
    report = startup_check(db_path)
    assert not report.ok and report.result("quick_check") is not None


def test_a_file_too_damaged_for_a_full_check_still_names_its_damaged_pages(db_path: Path) -> None:
    """SQLite stops a check with "malformed" when it has more to say than it can walk past;
    asked for fewer messages it names the pages, and the check says the file is damaged."""
    damage(db_path)
    with sqlite3.connect(db_path) as connection, pytest.raises(sqlite3.DatabaseError, match="malformed"):
        connection.execute("PRAGMA quick_check(20)").fetchall()
    connection.close()
    result = quick_check(db_path)
    assert not result.ok and result.problems[0].startswith("Tệp dữ liệu bị hỏng") and "Page " in result.problems[0]


def test_a_file_that_is_no_database_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "antq.sqlite3"
    path.write_bytes(b"this is not a database" * 500)
    report = startup_check(path)
    assert not report.ok and "Không đọc được tệp dữ liệu" in report.problems[0]
    full = check_database(path)
    assert not full.ok and all(not result.ok for result in full.results)


def test_foreign_key_check_names_the_row(db_path: Path) -> None:
    raw(db_path, "PRAGMA foreign_keys = OFF",
        "INSERT INTO organisation (uid, unit_id, kind, name, deleted) "
        "VALUES ('0123456789abcdef0123456789abcdef', 999999, 'police', 'mồ côi', 0)")
    result = foreign_key_check(db_path)
    assert not result.ok
    assert "bảng organisation" in result.problems[0] and "admin_unit" in result.problems[0]
    assert not startup_check(db_path).ok and not check_database(db_path).ok


def test_a_missing_file_is_the_machines_trouble(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        quick_check(tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()


# --- the audit chain -----------------------------------------------------------------------------


def test_an_edited_entry_is_found(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 10)
    assert chain(database).ok and chain(database).count == 10
    raw(db_path, "UPDATE audit_entry SET new_values = '{\"name\": \"giả mạo\"}' WHERE id = 5")
    result = chain(database)
    assert (result.entry_id, result.kind) == (5, "edited")
    assert result.problems == ["Mục nhật ký số 5 đã bị sửa (nội dung không khớp với mã băm của nó)."]


def test_an_edited_and_rehashed_entry_is_found(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 10)
    from db.models import AuditEntry

    with database.sessions() as session:
        entry = session.get_one(AuditEntry, 5)
        values = {c: getattr(entry, c) for c in ("at", "username", "action", "table_name", "record_uid",
                                                 "old_values", "new_values", "reason")}
    values["username"] = "người khác"
    forged = entry_hash(entry.prev_hash, values)
    raw(db_path, f"UPDATE audit_entry SET username = 'người khác', entry_hash = '{forged}' WHERE id = 5")
    result = chain(database)
    assert (result.entry_id, result.kind) == (5, "edited") and "số 6" in result.problems[0]


def test_removed_entries_are_found(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 10)
    raw(db_path, "DELETE FROM audit_entry WHERE id IN (4, 5)")
    result = chain(database)
    assert (result.entry_id, result.kind) == (6, "removed")
    assert result.problems == ["Mục nhật ký số 4–5 đã bị xóa (chuỗi đứt ngay trước mục số 6)."]


def test_removed_first_entries_are_found(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 5)
    raw(db_path, "DELETE FROM audit_entry WHERE id = 1")
    result = chain(database)
    assert (result.entry_id, result.kind) == (2, "removed")


def test_removed_last_entries_show_against_a_known_head(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 10)
    head = hashes(db_path)[10]
    assert chain(database, known_head=head).ok
    raw(db_path, "DELETE FROM audit_entry WHERE id > 8")
    assert chain(database).ok  # the chain alone cannot tell
    result = chain(database, known_head=head)
    assert (result.entry_id, result.kind) == (8, "removed") and head[:12] in result.problems[0]


def test_reordered_entries_are_found(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 10)
    raw(db_path, "UPDATE audit_entry SET id = -3 WHERE id = 3", "UPDATE audit_entry SET id = 3 WHERE id = 6",
        "UPDATE audit_entry SET id = 6 WHERE id = -3")
    result = chain(database)
    assert (result.entry_id, result.kind) == (3, "reordered")
    set_language("en")
    assert chain(database).problems == ["Audit entry 3 was moved: in the chain it belongs after entry 5."]


def test_antq_check_report_names_the_entry(database: Database, db_path: Path) -> None:
    add_audit_entries(database, 4)
    raw(db_path, "UPDATE audit_entry SET reason = 'sửa lén' WHERE id = 2")
    report = check_database(db_path)
    assert not report.ok
    assert report.lines()[2] == ("Chuỗi nhật ký (2 mục): KHÔNG ĐẠT — Mục nhật ký số 2 đã bị sửa "
                                 "(nội dung không khớp với mã băm của nó).")


def test_an_unreadable_audit_table_is_a_problem_not_a_crash(database: Database, db_path: Path) -> None:
    raw(db_path, "ALTER TABLE audit_entry RENAME TO audit_entry_gone")
    result = audit_chain_check(database)
    assert not result.ok and "Không đọc được" in result.problems[0]


# --- the machine's troubles in plain words -------------------------------------------------------


@pytest.mark.parametrize(("problem", "words"), [
    (sqlite3.OperationalError("database or disk is full"), "Ổ đĩa đã đầy"),
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "Ổ đĩa đã đầy"),
    (sqlite3.OperationalError("database is locked"), "đang bị một chương trình khác khóa"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "chỉ cho đọc"),
    (PermissionError(errno.EACCES, "Permission denied", "/media/usb/backups"), "(/media/usb/backups)"),
    (sqlite3.OperationalError("unable to open database file"), "Không mở được tệp"),
])
def test_environment_messages(problem: Exception, words: str) -> None:
    assert words in environment_message(problem)


def test_environment_message_looks_inside_sqlalchemy_errors() -> None:
    wrapped = OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))
    set_language("en")
    assert environment_message(wrapped).startswith("The disk is full")
