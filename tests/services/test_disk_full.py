"""Disk full, simulated with `PRAGMA max_page_count` on the connections: a clear error in plain
words, not one committed row lost, and work goes on once there is room again. Also a backup
onto a full drive."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from desktop.services.backups import BackupError, backup_now, backups_folder, list_backups
from desktop.services.checks import environment_message, foreign_key_check, integrity_check
from desktop.services.editing import save_record
from desktop.services.installation import Database
from desktop.services.permissions import OWNER
from desktop.services.progress import is_environment_error

NOTES = "Tuyên truyền phòng, chống ma túy cho hội viên và nhân dân trong khu dân cư. " * 25  # ~1,900 chars


def session_raw(n: int) -> dict[str, Any]:
    return {"date": dt.date(2025, 9, 1) + dt.timedelta(days=n % 60), "kind": "training",
            "organisers": ["police", "womens_union"], "topics": ["drugs", "online_fraud"], "attendees": 40 + n,
            "member_attendees": 12, "place": f"Nhà văn hóa khu {n}", "notes": NOTES}


def page_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as connection:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])


def cap_pages(database: Database) -> list[int]:
    """Every new connection of the database gets `PRAGMA max_page_count = limit[0]` (0: none)."""
    limit = [0]

    @event.listens_for(database.engine, "connect")
    def cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        if limit[0]:
            dbapi_connection.execute(f"PRAGMA max_page_count = {limit[0]}")

    return limit


def stored(db_path: Path) -> tuple[set[str], int, int]:
    """The refs of the sessions, their organiser links, and the audit entries about sessions."""
    with sqlite3.connect(db_path) as connection:
        refs = {row[0] for row in connection.execute("SELECT ref FROM dissemination_session")}
        links = connection.execute("SELECT count(*) FROM session_organiser").fetchone()[0]
        audit = connection.execute(
            "SELECT count(*) FROM audit_entry WHERE table_name = 'dissemination_session'").fetchone()[0]
    return refs, links, audit


def test_disk_full_says_so_loses_nothing_and_work_goes_on(database: Database, db_path: Path) -> None:
    limit = cap_pages(database)
    limit[0] = page_count(db_path) + 25
    database.engine.dispose()  # the pooled connections were opened without the cap
    saved: list[str] = []
    with pytest.raises(OperationalError) as full:
        for n in range(500):
            result = save_record(database, "sessions", session_raw(n), "tester")
            assert result.saved and result.ref is not None
            saved.append(result.ref)
    assert len(saved) >= 5  # some fitted before the disk was full
    assert is_environment_error(full.value)
    assert environment_message(full.value).startswith("Ổ đĩa đã đầy: không ghi được.")
    refs, links, audit = stored(db_path)
    assert refs == set(saved) and links == 2 * len(saved) and audit == len(saved)  # the failed one: nothing
    assert integrity_check(db_path).ok and foreign_key_check(db_path).ok
    limit[0] = 0  # room again
    database.engine.dispose()
    again = save_record(database, "sessions", session_raw(999), "tester")
    assert again.saved
    assert stored(db_path)[0] == set(saved) | {again.ref}


def test_disk_full_during_an_import_writes_no_row(database: Database, db_path: Path, tmp_path: Path) -> None:
    from desktop.services.tables.importer import import_table
    from tests.services.tables_support import SESSION_HEADER, session_row, write_table

    rows = [session_row(attendees=str(30 + n), notes=NOTES) for n in range(300)]
    sheet = write_table(tmp_path / "many.csv", SESSION_HEADER, rows)
    limit = cap_pages(database)
    limit[0] = page_count(db_path) + 40
    database.engine.dispose()
    with pytest.raises(OperationalError) as full:
        import_table(database, "sessions", sheet)
    assert is_environment_error(full.value)
    assert stored(db_path) == (set(), 0, 0)  # all rows or none
    assert [b.reason for b in list_backups(db_path)] == ["import"]  # the copy before writing was made
    limit[0] = 0
    database.engine.dispose()
    report = import_table(database, "sessions", sheet)
    assert report.ok and report.counts["created"] == 300


def test_backup_onto_a_full_drive_says_so_and_leaves_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import db.migrate

    real_connect = db.migrate._connect

    def full_drive(path: Path, mode: str, timeout_s: float) -> sqlite3.Connection:
        connection = real_connect(path, mode, timeout_s)
        if Path(path).name.endswith(".partial"):
            connection.execute("PRAGMA max_page_count = 50")  # the copy needs some 1,300 pages
        return connection

    monkeypatch.setattr(db.migrate, "_connect", full_drive)
    with pytest.raises(BackupError, match="Ổ đĩa đã đầy") as failure:
        backup_now(db_path, actor=OWNER)
    assert is_environment_error(failure.value)
    assert list(backups_folder(db_path).iterdir()) == []  # no half-written copy left behind
    assert integrity_check(db_path).ok
    monkeypatch.undo()
    assert backup_now(db_path, actor=OWNER).exists()
