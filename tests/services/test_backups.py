"""Backups on real SQLite files: made with the backup API into the backups folder, checked,
rotated (a pure function), due once a day, before migrations and imports; restore keeps the
current file and refuses a damaged backup; permissions; read-only folder and locked file."""
from __future__ import annotations

import datetime as dt
import errno
import inspect
import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from db.migrate import alembic_config, backups_folder, parse_backup_name, upgrade
from desktop.i18n import set_language
from desktop.services import backups
from desktop.services.backups import (
    BackupError,
    RotationPolicy,
    backup_before,
    backup_if_due,
    backup_now,
    check_backup,
    list_backups,
    plan_rotation,
    prune,
    restore,
)
from desktop.services.checks import check_database
from desktop.services.installation import Database, connect
from desktop.services.permissions import OWNER, Actor, Permission, PermissionDenied, declared_permission
from tests.services.backup_support import add_marker, damage, integrity, markers

ADMIN = Actor("quantri", "administrator")
OFFICER = Actor("canbo", "officer")
NOON = dt.datetime(2026, 11, 22, 12, 0, 0)


def reasons(db_path: Path) -> list[str]:
    return [b.reason for b in list_backups(db_path)]


# --- making copies -------------------------------------------------------------------------------


def test_backup_goes_into_the_backups_folder_named_by_time_and_reason(database: Database, db_path: Path) -> None:
    add_marker(database, "trước sao lưu")
    copy = backup_before(database, "daily", when=dt.datetime(2026, 11, 22, 7, 49, 24))
    assert copy == db_path.parent / "backups" / "antq-2026-11-22T07-49-24-daily.sqlite3"
    assert integrity(copy) == "ok"
    assert "trước sao lưu" in markers(copy)
    # one self-contained file, in rollback-journal mode: nothing beside it, readable read-only
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    again = backup_before(database, "daily", when=dt.datetime(2026, 11, 22, 7, 49, 24))
    assert again is not None and again != copy and again.name.endswith("-daily-1.sqlite3")


def test_backup_sees_committed_data_only_while_another_connection_writes(database: Database,
                                                                        db_path: Path) -> None:
    add_marker(database, "đã lưu")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO organisation (uid, unit_id, kind, name, deleted) "
                   "SELECT 'abcdef0123456789abcdef0123456789', unit_id, 'police', 'chưa lưu', 0 FROM installation")
    copy = backup_before(db_path, "import")  # the writer holds the write lock: WAL lets the copy read
    writer.execute("COMMIT")
    writer.close()
    assert copy is not None
    assert markers(copy) == {"đã lưu"}
    assert {"đã lưu", "chưa lưu"} <= markers(db_path)


def test_a_copy_that_fails_integrity_check_is_deleted_and_reported(db_path: Path) -> None:
    damage(db_path)
    with pytest.raises(BackupError, match="kiểm tra toàn vẹn") as failure:
        backup_before(db_path, "daily")
    assert "antq check" in str(failure.value)
    assert list(backups_folder(db_path).iterdir()) == []  # neither the copy nor a .partial is left


def test_no_backup_of_a_missing_file_or_a_server_database(tmp_path: Path) -> None:
    assert backup_before(tmp_path / "none.sqlite3", "daily") is None
    assert backup_before("postgresql://u@localhost/antq", "import") is None
    assert not (tmp_path / "none.sqlite3").exists()
    with pytest.raises(ValueError):
        backup_before(tmp_path / "none.sqlite3", "manual")  # a user action: backup_now


def test_list_backups_newest_first_and_only_this_databases(database: Database, db_path: Path) -> None:
    backup_before(database, "daily", when=NOON - dt.timedelta(days=1))
    backup_before(database, "import", when=NOON)
    folder = backups_folder(db_path)
    (folder / "other-2026-11-22T12-00-00-daily.sqlite3").write_bytes(b"x")  # another database's
    (folder / "antq-2026-11-23T12-00-00-daily.sqlite3.partial").write_bytes(b"x")  # half-written
    (folder / "notes.txt").write_text("x")
    found = list_backups(db_path)
    assert [(b.when, b.reason) for b in found] == [(NOON, "import"), (NOON - dt.timedelta(days=1), "daily")]
    assert all(b.size == b.path.stat().st_size > 0 for b in found)
    assert list_backups(db_path.with_name("elsewhere.sqlite3")) == []


# --- rotation ------------------------------------------------------------------------------------


def daily(when: dt.datetime, reason: str = "daily") -> tuple[dt.datetime, Path]:
    return when, Path("/nowhere/backups") / f"antq-{when:%Y-%m-%dT%H-%M-%S}-{reason}.sqlite3"


def test_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    first = dt.datetime(2025, 6, 1, 8, 30)
    entries = [daily(first + dt.timedelta(days=n)) for n in range((dt.date(2026, 11, 22) - first.date()).days + 1)]
    assert entries[-1][0].date() == dt.date(2026, 11, 22) and entries[-1][0].isoweekday() == 7  # a Sunday
    doomed = set(plan_rotation(entries))
    kept = {when.date() for when, path in entries if path not in doomed}
    days = {dt.date(2026, 11, d) for d in range(16, 23)}
    weeks = {dt.date(2026, 11, 15), dt.date(2026, 11, 8), dt.date(2026, 11, 1)}  # and the 22nd
    months = {dt.date(2026, 10, 31), dt.date(2026, 9, 30), dt.date(2026, 8, 31), dt.date(2026, 7, 31),
              dt.date(2026, 6, 30), dt.date(2026, 5, 31), dt.date(2026, 4, 30), dt.date(2026, 3, 31),
              dt.date(2026, 2, 28), dt.date(2026, 1, 31), dt.date(2025, 12, 31)}
    assert kept == days | weeks | months
    assert len(doomed) == len(entries) - 21


def test_rotation_keeps_the_newest_copy_of_a_day_and_is_pure() -> None:
    entries = [daily(NOON.replace(hour=h)) for h in (7, 12, 18)] + [daily(NOON - dt.timedelta(days=1))]
    before = list(entries)
    assert plan_rotation(entries, RotationPolicy(daily=1, weekly=0, monthly=0)) == sorted(
        [entries[0][1], entries[1][1], entries[3][1]])
    assert plan_rotation(entries, RotationPolicy(daily=2, weekly=0, monthly=0)) == sorted(
        [entries[0][1], entries[1][1]])
    assert entries == before  # nothing changed, no file looked at (the paths do not exist)


def test_rotation_keeps_the_last_ten_of_each_other_reason_and_every_damaged_file() -> None:
    entries = []
    for reason in ("migration", "import", "manual", "before-restore", "damaged"):
        entries += [daily(NOON - dt.timedelta(hours=n), reason) for n in range(14)]
    entries.append((NOON, Path("/nowhere/backups/antq-copy-by-hand.sqlite3")))  # a name we did not make
    doomed = plan_rotation(entries)
    assert len(doomed) == 4 * 4
    for reason in ("migration", "import", "manual", "before-restore"):
        oldest = sorted((when, path) for when, path in entries if path.name.endswith(f"-{reason}.sqlite3"))[:4]
        assert {path for _when, path in oldest} <= set(doomed)
    assert not any("damaged" in path.name or "by-hand" in path.name for path in doomed)


def test_prune_deletes_what_the_rotation_lets_go(database: Database, db_path: Path) -> None:
    for n in range(12):
        backup_before(database, "import", when=NOON - dt.timedelta(minutes=n))
    assert reasons(db_path) == ["import"] * 10  # pruned after each copy
    assert min(b.when for b in list_backups(db_path)) == NOON - dt.timedelta(minutes=9)
    assert prune(db_path) == []


# --- daily, migration and import copies ----------------------------------------------------------


def test_backup_if_due_once_a_day(db_path: Path) -> None:
    first = backup_if_due(db_path, now=NOON)
    assert first is not None and parse_backup_name(first.name, "antq") == (NOON, "daily")
    assert backup_if_due(db_path, now=NOON + dt.timedelta(hours=6)) is None
    assert backup_if_due(db_path, now=NOON + dt.timedelta(days=1)) is not None
    assert reasons(db_path) == ["daily", "daily"]
    assert backup_if_due(db_path.with_name("missing.sqlite3"), now=NOON) is None


def test_migration_backs_up_into_the_backups_folder(tmp_path: Path) -> None:
    from desktop.services.installation import initialise

    path = tmp_path / "old.sqlite3"
    result = initialise(path, "06652")
    engine = result.database.engine
    command.downgrade(alembic_config(engine), "0005")
    _before, _after, copy = upgrade(engine)
    engine.dispose()
    assert copy is not None and copy.parent == tmp_path / "backups"
    assert parse_backup_name(copy.name, "old") is not None and copy.name.endswith("-migration.sqlite3")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)


def test_import_backs_up_first_but_not_a_dry_run_or_a_refused_file(database: Database, db_path: Path,
                                                                   tmp_path: Path) -> None:
    from desktop.services.tables.importer import import_table
    from tests.services.tables_support import GOOD, SESSION_HEADER, session_row, write_kind, write_table

    good = write_kind(tmp_path / "sessions.csv", "sessions", GOOD["sessions"])
    assert import_table(database, "sessions", good, dry_run=True).ok
    bad = write_table(tmp_path / "bad.csv", SESSION_HEADER, [session_row(attendees="nhiều")])
    assert not import_table(database, "sessions", bad).ok
    assert reasons(db_path) == []
    report = import_table(database, "sessions", good)
    assert report.ok and report.counts["created"] == 2
    [copy] = list_backups(db_path)
    assert copy.reason == "import"
    with sqlite3.connect(copy.path) as connection:  # the file as it was: none of the rows yet
        assert connection.execute("SELECT count(*) FROM dissemination_session").fetchone() == (0,)


# --- restore -------------------------------------------------------------------------------------


def test_restore_brings_the_copy_back_and_keeps_the_current_file(database: Database, db_path: Path) -> None:
    add_marker(database, "cũ")
    copy = backup_now(db_path, actor=ADMIN)
    add_marker(database, "mới")
    result = restore(db_path, copy, actor=ADMIN)
    assert markers(db_path) == {"cũ"}  # read through a new connection ...
    with database.sessions() as session:  # ... and through the connections left open
        from sqlalchemy import select

        from db.models import Organisation

        assert set(session.scalars(select(Organisation.name))) == {"cũ"}
    assert result.restored_from == copy and not result.previous_damaged and result.audited
    assert result.previous is not None and result.previous.name.endswith("-before-restore.sqlite3")
    assert markers(result.previous) == {"cũ", "mới"}
    assert integrity(db_path) == "ok"
    report = check_database(db_path)
    assert report.ok, report.lines()
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT action, username, new_values FROM audit_entry ORDER BY id").fetchall()
    assert rows[-1][:2] == ("restore_backup", "quantri") and copy.name in rows[-1][2]


def test_restore_of_a_backup_with_other_pages_than_the_database(database: Database, db_path: Path) -> None:
    """A backup made by an earlier version (4 KiB pages) restored over a database made now
    (`NEW_PAGE_SIZE`): SQLite's backup API cannot copy between page sizes into a WAL file, so the
    file is replaced whole, and everything reads back."""
    from db.engine import NEW_PAGE_SIZE

    add_marker(database, "cũ")
    copy = backup_now(db_path, actor=ADMIN)
    with sqlite3.connect(copy) as old:
        old.execute("PRAGMA page_size = 4096")
        old.execute("VACUUM")
    old.close()
    add_marker(database, "mới")
    with sqlite3.connect(db_path) as live:
        assert live.execute("PRAGMA page_size").fetchone()[0] == NEW_PAGE_SIZE != 4096
    live.close()
    restore(db_path, copy, actor=ADMIN)
    assert markers(db_path) == {"cũ"}
    assert integrity(db_path) == "ok"
    assert check_database(db_path).ok


def test_restore_refuses_a_damaged_backup_and_changes_nothing(database: Database, db_path: Path) -> None:
    add_marker(database, "hiện tại")
    copy = backup_now(db_path, actor=OWNER)
    damage(copy, first_page=300, pages=40)
    assert check_backup(copy) != []
    with pytest.raises(BackupError, match="bị hỏng"):
        restore(db_path, copy, actor=OWNER)
    assert reasons(db_path) == ["manual"]  # no before-restore copy either
    assert markers(db_path) == {"hiện tại"} and integrity(db_path) == "ok"


def test_restore_over_a_damaged_file_keeps_the_damaged_file(database: Database, db_path: Path) -> None:
    add_marker(database, "tốt")
    copy = backup_now(db_path, actor=OWNER)
    database.dispose()
    damage(db_path)
    result = restore(db_path, copy, actor=OWNER)
    assert result.previous_damaged and result.previous is not None
    assert result.previous.name.endswith("-damaged.sqlite3") and result.previous.stat().st_size > 0
    assert integrity(db_path) == "ok" and markers(db_path) == {"tốt"}
    assert result.previous in [b.path for b in list_backups(db_path)]
    assert result.previous not in plan_rotation((b.when, b.path) for b in list_backups(db_path))


def test_restore_over_a_file_that_is_no_database_any_more(db_path: Path) -> None:
    copy = backup_now(db_path, actor=OWNER)
    db_path.write_bytes(b"\x00garbage" * 2000)
    result = restore(db_path, copy, actor=OWNER)
    assert result.previous_damaged and result.previous is not None
    assert result.previous.read_bytes().startswith(b"\x00garbage")  # kept exactly as it was
    assert integrity(db_path) == "ok"


def test_restore_makes_a_lost_database_file_again(db_path: Path) -> None:
    copy = backup_now(db_path, actor=OWNER)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    result = restore(db_path, copy, actor=OWNER)
    assert result.previous is None and integrity(db_path) == "ok"


def test_restore_refuses_a_missing_backup_or_the_database_itself(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="Không có tệp sao lưu"):
        restore(db_path, tmp_path / "missing.sqlite3", actor=OWNER)
    with pytest.raises(BackupError):
        restore(db_path, db_path, actor=OWNER)
    assert list_backups(db_path) == []


# --- permissions ---------------------------------------------------------------------------------


def test_backup_and_restore_need_manage_settings(db_path: Path) -> None:
    copy = backup_now(db_path, actor=ADMIN)
    with pytest.raises(PermissionDenied):
        backup_now(db_path, actor=OFFICER)
    with pytest.raises(PermissionDenied):
        restore(db_path, copy, actor=OFFICER)
    assert reasons(db_path) == ["manual"]


def test_every_public_function_declares_its_permission() -> None:
    functions = {name: f for name, f in inspect.getmembers(backups, inspect.isfunction)
                 if not name.startswith("_") and f.__module__ == backups.__name__}
    assert {name: declared_permission(f) for name, f in functions.items() if declared_permission(f) is False} == {}
    assert declared_permission(backups.backup_now) == Permission.MANAGE_SETTINGS
    assert declared_permission(backups.restore) == Permission.MANAGE_SETTINGS
    assert declared_permission(backups.backup_if_due) is None
    from desktop.services.permissions import ACTION_MODULES

    assert "desktop.services.backups" in ACTION_MODULES


# --- the machine's troubles ----------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_backup_into_a_read_only_folder_says_so(database: Database, db_path: Path) -> None:
    folder = backups_folder(db_path)
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(BackupError, match="chỉ cho đọc"):
            backup_now(db_path, actor=OWNER)
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_backup_into_a_read_only_drive_says_so_and_loses_nothing(database: Database, db_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The same on any machine (root writes into chmod'ed folders): the drive refuses the file."""
    import db.migrate

    add_marker(database, "giữ nguyên")
    real_connect = db.migrate._connect

    def read_only_drive(path: Path, mode: str, timeout_s: float) -> sqlite3.Connection:
        if "backups" in Path(path).parts and mode != "ro":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_connect(path, mode, timeout_s)

    monkeypatch.setattr(db.migrate, "_connect", read_only_drive)
    set_language("en")
    with pytest.raises(BackupError, match="read-only"):
        backup_now(db_path, actor=OWNER)
    monkeypatch.undo()
    assert list(backups_folder(db_path).iterdir()) == []
    assert markers(db_path) == {"giữ nguyên"} and integrity(db_path) == "ok"
    assert backup_now(db_path, actor=OWNER).exists()  # works again once the drive is writable


def test_locked_file_backup_still_works_restore_waits_then_says_so(database: Database, db_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import db.engine

    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 300)
    add_marker(database, "trước")
    copy = backup_now(db_path, actor=OWNER)
    add_marker(database, "sau")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        assert backup_before(db_path, "daily") is not None  # reading is not blocked (WAL)
        with pytest.raises(BackupError, match="đang bị một chương trình khác khóa"):
            restore(db_path, copy, actor=OWNER)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert markers(db_path) == {"trước", "sau"}  # nothing changed
    restore(db_path, copy, actor=OWNER)  # and once the lock is gone, it works
    assert markers(db_path) == {"trước"}


def test_database_opened_again_after_restore(db_path: Path) -> None:
    copy = backup_now(db_path, actor=OWNER)
    restore(db_path, copy, actor=OWNER)
    database = connect(db_path)
    add_marker(database, "sau khi khôi phục")
    database.dispose()
    assert markers(db_path) == {"sau khi khôi phục"}
