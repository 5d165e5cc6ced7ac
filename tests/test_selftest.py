"""`antq selftest` from the source tree (every step passes, a failing step gives a non-zero exit
and says which, the user's data folder is not touched, the temporary folder is removed) and
`antq --version` (the schema revision of the build and of the user's database, read without
changing it)."""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from db.migrate import head_revision
from desktop import __version__
from desktop.cli import main
from desktop.services import selftest
from desktop.services.selftest import STEPS, run_selftest
from tests.services.exchange_setup import fast_keys

STEP_KEYS = [key for key, _step in STEPS]


@pytest.fixture(autouse=True)
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The self-test's temporary folders go here (so a test can see they are removed), and its
    exchange keys use cheap key derivation."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    fast_keys(monkeypatch)
    return folder


def test_every_step_passes_and_leaves_nothing(data_dir: Path, scratch: Path) -> None:
    seen: list[str] = []
    results = run_selftest(lambda result: seen.append(result.key))
    assert [(r.key, r.ok, r.detail) for r in results] == [(key, True, "") for key in STEP_KEYS]
    assert seen == STEP_KEYS  # each reported as soon as done
    assert list(scratch.iterdir()) == []  # the temporary folder is gone
    assert not data_dir.exists()  # nothing in the user's data folder
    assert os.environ["ANTQ_DATA_DIR"] == str(data_dir)  # and it points there again


def test_command_prints_one_line_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["selftest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Tự kiểm tra ANTQ Ledger {__version__}"
    assert lines[1:7] == [f"✓ {name}" for name in (
        "Tệp đi kèm (phông chữ, bản dịch, mẫu giấy khen, danh mục đơn vị, nâng cấp CSDL)", "Tạo cơ sở dữ liệu",
        "Ghi và đọc lại một bản ghi", "Vẽ giấy khen (PDF)", "Vẽ biểu đồ (PNG, SVG)", "Xuất và nhập gói dữ liệu")]
    assert lines[7].startswith("Đạt cả 6 bước (") and lines[7].endswith(" giây).")


def test_command_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["selftest", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "✓ Write and read back a record\n" in out and "✓ Export and import a package\n" in out
    assert "All 6 steps passed (" in out


def test_a_failing_step_fails_the_command(monkeypatch: pytest.MonkeyPatch, scratch: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.services import charts

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(charts, "save_chart", disk_full)
    assert main(["selftest"]) == 1
    captured = capsys.readouterr()
    assert "✗ Vẽ biểu đồ (PNG, SVG): OSError: [Errno 28] No space left on device\n" in captured.out
    assert "✓ Xuất và nhập gói dữ liệu\n" in captured.out  # the other steps still run
    assert "Đạt cả" not in captured.out
    assert captured.err == "1/6 bước không đạt.\n"
    assert list(scratch.iterdir()) == []  # cleaned up after a failure too


def test_no_database_means_the_steps_needing_one_do_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import installation

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise installation.SetupError("ổ đĩa chỉ đọc")

    monkeypatch.setattr(installation, "initialise", refuse)
    results = {r.key: r for r in run_selftest()}
    assert results["resources"].ok
    assert not results["database"].ok and results["database"].detail == "SetupError: ổ đĩa chỉ đọc"
    for key in ("record", "certificate", "chart", "exchange"):
        assert (results[key].ok, results[key].detail) == (False, "không chạy vì chưa tạo được cơ sở dữ liệu")


def test_a_check_that_does_not_hold_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(run: selftest._Run) -> None:
        selftest._check(False, "record read back differs")

    results = run_selftest(steps=(("record", broken),))
    assert [(r.key, r.ok, r.detail) for r in results] == [("record", False, "không chạy vì chưa tạo được cơ sở dữ liệu")]
    results = run_selftest(steps=(STEPS[1], ("record", broken)))
    assert (results[1].ok, results[1].detail) == (False, "record read back differs")


# ---------------------------------------------------------------------------------------------
# antq --version


def version_of(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main([*argv, "--version"]) == 0
    return capsys.readouterr().out.splitlines()


def test_version_without_a_database(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert version_of(capsys) == [f"antq {__version__}", f"Lược đồ cơ sở dữ liệu của bản này: {head_revision()}",
                                  f"Chưa có cơ sở dữ liệu tại {data_dir / 'antq.sqlite3'}"]
    assert not data_dir.exists()  # and it made none


def test_version_of_the_default_database(data_dir: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir()
    db_path.rename(data_dir / "antq.sqlite3")
    assert version_of(capsys, "--lang", "en")[1:] == [
        f"Database schema of this build: {head_revision()}",
        f"Database {data_dir / 'antq.sqlite3'}: schema {head_revision()}"]


def _stamp(path: Path, revision: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()


def test_version_of_an_older_database_changes_nothing(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _stamp(db_path, "0005")
    before = db_path.read_bytes()
    assert version_of(capsys, "--db", str(db_path))[2] == (
        f"Cơ sở dữ liệu {db_path}: lược đồ 0005 (sẽ được sao lưu rồi nâng cấp lên {head_revision()} khi mở)")
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def test_version_of_a_database_from_a_newer_build(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _stamp(db_path, "0999")
    assert version_of(capsys, "--lang", "en", "--db", str(db_path))[2] == (
        f"Database {db_path}: schema 0999, unknown to this build (made by a newer one?)")


def test_version_of_files_that_are_not_databases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert version_of(capsys, "--db", str(empty))[2] == f"Cơ sở dữ liệu {empty}: chưa khởi tạo"
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    line = version_of(capsys, "--lang", "en", "--db", str(garbage))[2]
    assert line == f"Cannot read the database {garbage}: file is not a database"
