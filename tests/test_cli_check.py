"""`antq check`, `antq backup` and `antq restore` end to end: exit statuses, one line per check,
the confirmation asked on stdin (in Vietnamese or English), and plain one-line refusals."""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.backups import list_backups
from desktop.services.installation import Database
from tests.services.backup_support import add_audit_entries, add_marker, damage, markers


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_check_passes_with_one_line_per_check(database: Database, db_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    add_audit_entries(database, 2)
    assert main(["check", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Toàn vẹn tệp (integrity_check): đạt", "Khóa ngoại (foreign_key_check): đạt", "Chuỗi nhật ký (2 mục): đạt"]


def test_check_fails_on_a_tampered_audit_log(database: Database, db_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    add_audit_entries(database, 5)
    with sqlite3.connect(db_path) as connection:
        connection.execute("DELETE FROM audit_entry WHERE id = 3")
    assert main(["--lang", "en", "check", "--db", str(db_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["File integrity (integrity_check): ok", "Foreign keys (foreign_key_check): ok"]
    assert lines[2] == ("Audit chain (3 entries): FAILED — Audit entries 3–3 were removed "
                        "(the chain breaks just before entry 4).")


def test_check_fails_on_a_damaged_file(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damage(db_path)
    assert main(["check", "--db", str(db_path)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Toàn vẹn tệp (integrity_check): KHÔNG ĐẠT — Tệp dữ liệu bị hỏng")


def test_check_of_a_missing_file_makes_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert main(["check", "--db", str(missing)]) == 1
    assert "antq init" in capsys.readouterr().err
    assert not missing.exists()


def test_backup_then_list(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(db_path)]) == 0
    [made] = list_backups(db_path)
    assert capsys.readouterr().out == f"Đã sao lưu vào {made.path}\n"
    assert made.reason == "manual"
    assert main(["backup", "--list", "--db", str(db_path)]) == 0
    assert made.path.name in capsys.readouterr().out


def test_backup_of_a_server_database_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", "postgresql://nobody@localhost/antq"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_restore_asks_first_and_no_changes_nothing(database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    add_marker(database, "cũ")
    main(["backup", "--db", str(db_path)])
    add_marker(database, "mới")
    [copy] = list_backups(db_path)
    capsys.readouterr()
    answer(monkeypatch, "k\n")
    assert main(["restore", str(copy.path), "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    assert "Gõ «c» để đồng ý [c/K]" in captured.out and "Đã hủy" in captured.err
    answer(monkeypatch, "")  # end of input is no
    assert main(["restore", str(copy.path), "--db", str(db_path)]) == 1
    assert markers(db_path) == {"cũ", "mới"} and len(list_backups(db_path)) == 1


def test_restore_after_yes_keeps_the_current_file(database: Database, db_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    add_marker(database, "cũ")
    main(["backup", "--db", str(db_path)])
    add_marker(database, "mới")
    [copy] = list_backups(db_path)
    database.dispose()
    answer(monkeypatch, "y\n")
    assert main(["--lang", "en", "restore", str(copy.path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Type «y» to go ahead [y/N]" in out and "The data as it was before the restore is kept in" in out
    assert markers(db_path) == {"cũ"}
    kept = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert len(kept) == 1 and markers(kept[0].path) == {"cũ", "mới"}


def test_restore_yes_asks_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    main(["backup", "--db", str(db_path)])
    [copy] = list_backups(db_path)
    answer(monkeypatch, "")
    assert main(["restore", str(copy.path), "--yes", "--db", str(db_path)]) == 0
    assert "[c/K]" not in capsys.readouterr().out


def test_restore_refuses_a_damaged_or_missing_backup(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    main(["backup", "--db", str(db_path)])
    [copy] = list_backups(db_path)
    damage(copy.path, first_page=300)
    answer(monkeypatch, "c\n")
    assert main(["restore", str(copy.path), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "bản sao lưu này bị hỏng" in err and len(err.splitlines()) == 1
    assert main(["restore", str(tmp_path / "none.sqlite3"), "--yes", "--db", str(db_path)]) == 1
    assert "Không có tệp sao lưu" in capsys.readouterr().err


def test_restore_needs_a_file_argument(db_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["restore", "--db", str(db_path)])
    assert exit_info.value.code == 2
