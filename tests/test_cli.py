"""The `antq` command end to end: init, demo, stats, and clear messages on bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def test_init_creates_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite3"
    assert main(["init", "--unit", "06652", "--db", str(path)]) == 0
    assert "Phường Hà Tu (06652)" in capsys.readouterr().out
    assert path.exists()


def test_init_with_unknown_unit_says_so_in_both_languages(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--unit", "99999", "--db", str(tmp_path / "x.sqlite3")]) == 1
    assert "Mã đơn vị «99999» không có trong danh mục hiện hành" in capsys.readouterr().err
    assert main(["--lang", "en", "init", "--unit", "99999", "--db", str(tmp_path / "y.sqlite3")]) == 1
    assert "Unit code «99999» is not in the current list" in capsys.readouterr().err


def test_commands_need_an_initialised_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert main(["stats", "--db", str(missing)]) == 1
    assert "antq init" in capsys.readouterr().err
    assert not missing.exists()


def test_global_options_before_or_after_the_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "--lang", "en", "stats", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["stats", "--json", "--db", str(db_path)]) == 0
    assert json.loads(capsys.readouterr().out) == before


def test_demo_then_stats(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--db", str(db_path), "--records", "2000", "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["stats", "--json", "--db", str(db_path)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["sessions"]["count"] > 0
    assert figures["sessions"]["attendees"] >= figures["sessions"]["member_attendees"]


@pytest.mark.parametrize("argv", [
    ["demo", "--units", "-3"],
    ["demo", "--years", "many"],
    ["stats", "--to", "2024-13-01"],
    ["frobnicate"],
])
def test_bad_arguments_exit_2_with_a_vietnamese_message(db_path: Path, argv: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--db", str(db_path)])
    assert exit_info.value.code == 2
    assert "lỗi:" in capsys.readouterr().err


def test_help_of_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("init", "demo", "import-table", "export-table", "stats"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert "--db" in capsys.readouterr().out
