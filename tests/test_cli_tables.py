"""`antq import-table`, `antq export-table` and the date options of `antq stats`, through
desktop.cli.main with --db on a real SQLite file: exit statuses, stdout and stderr, vi and en."""
from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.cli import main

HEADER = ["ref", "date", "unit_code", "kind", "organisers", "topics", "attendees", "member_attendees", "place",
          "notes"]
GOOD_ROWS = [
    ["TT-2025-0100", "15/08/2025", "", "training", "police;womens_union", "drugs", "60", "45", "Nhà văn hóa", ""],
    ["", "18/07/2024", "06652", "hội nghị", "Công an", "ma túy", "1.234", "120", "", "=CMD()"],
]
BAD_ROWS = [
    GOOD_ROWS[0],  # line 2
    ["", "31/02/2024", "", "training", "police", "", "30", "5", "", ""],  # line 3
    ["", "01/09/2025", "", "training", "Câu lạc bộ dưỡng sinh", "", "30", "5", "", ""],  # line 4
    ["", "01/09/2025", "", "training", "police", "", "40", "50", "", ""],  # line 5
]


def run(argv: Sequence[str]) -> int:
    """The exit status of `antq ARGV`, whether main returns it or argparse exits with it."""
    try:
        return main(list(argv))
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1


def write_csv(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def sessions_in(db_path: Path) -> int:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT count(*) FROM dissemination_session").fetchone()[0]
    finally:
        connection.close()


def test_import_with_errors_exits_1_and_names_every_bad_line(db_path: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "bad.csv", BAD_ROWS)
    assert run(["--db", str(db_path), "import-table", "sessions", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "Dòng 3, cột «ngày»: Ngày không hợp lệ: «31/02/2024» (nhập dd/mm/yyyy).",
        "Dòng 4, cột «đơn vị tổ chức»: Không rõ tổ chức «Câu lạc bộ dưỡng sinh».",
        "Dòng 5, cột «trong đó hội viên»: Số hội viên (50) lớn hơn số người tham dự (40).",
        f"Không nhập gì: 3 lỗi trong tệp «{path}».",
    ]
    assert sessions_in(db_path) == 0


@pytest.mark.parametrize("where", ["before", "after"])
def test_import_errors_in_english(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  where: str) -> None:
    path = write_csv(tmp_path / "bad.csv", BAD_ROWS)
    command = ["import-table", "sessions", str(path)]
    argv = ["--lang", "en", "--db", str(db_path), *command] if where == "before" else [
        "--db", str(db_path), *command, "--lang", "en"]
    assert run(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "Line 3, column «date»: Invalid date: «31/02/2024» (use dd/mm/yyyy).",
        "Line 4, column «organisers»: Unknown organisation «Câu lạc bộ dưỡng sinh».",
        "Line 5, column «member attendees»: Members (50) exceed attendees (40).",
        f"Nothing imported: 3 errors in «{path}».",
    ]
    assert sessions_in(db_path) == 0


def test_import_of_a_bad_file_exits_1(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sessions.txt"
    path.write_text("date\n", encoding="utf-8")
    assert run(["--db", str(db_path), "import-table", "sessions", str(path)]) == 1
    assert capsys.readouterr().err.strip() == "Tệp «sessions.txt» phải là .csv hoặc .xlsx."
    missing = tmp_path / "nowhere.csv"
    assert run(["--db", str(db_path), "--lang", "en", "import-table", "sessions", str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"File «{missing}» not found."


def test_good_import_exits_0(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)
    assert run(["--db", str(db_path), "import-table", "sessions", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip() == "Đã nhập 2 bản ghi mới, cập nhật 0 bản ghi (sessions)."
    assert sessions_in(db_path) == 2
    # A row with a ref already in the unit is that record: nothing new.
    again = write_csv(tmp_path / "again.csv", GOOD_ROWS[:1])
    assert run(["--db", str(db_path), "--lang", "en", "import-table", "sessions", str(again)]) == 0
    assert capsys.readouterr().out.strip() == "Imported 0 new and 0 updated records (sessions)."
    assert sessions_in(db_path) == 2


def test_dry_run_writes_nothing(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)
    assert run(["--db", str(db_path), "import-table", "sessions", str(path), "--dry-run"]) == 0
    capsys.readouterr()
    assert sessions_in(db_path) == 0


def test_export_writes_the_file(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(db_path), "import-table", "sessions", str(write_csv(tmp_path / "in.csv", GOOD_ROWS))]) == 0
    capsys.readouterr()
    target = tmp_path / "out" / "sessions.csv"
    assert run(["--db", str(db_path), "export-table", "sessions", str(target)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip() == f"Đã xuất 2 bản ghi vào «{target}»."
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    assert len(rows) == 3
    assert "'=CMD()" in [row[HEADER.index("notes")] for row in rows]
    # The export imports back with nothing to do.
    assert run(["--db", str(db_path), "import-table", "sessions", str(target)]) == 0
    assert capsys.readouterr().out.strip() == "Đã nhập 0 bản ghi mới, cập nhật 0 bản ghi (sessions)."


def test_export_xlsx(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    assert run(["--db", str(db_path), "import-table", "sessions", str(write_csv(tmp_path / "in.csv", GOOD_ROWS))]) == 0
    target = tmp_path / "sessions.xlsx"
    assert run(["--db", str(db_path), "--lang", "en", "export-table", "sessions", str(target)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"Exported 2 records to «{target}».")
    workbook = load_workbook(target)
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER
    workbook.close()


def test_export_of_an_empty_table(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "models.csv"
    assert run(["--db", str(db_path), "export-table", "models", str(target)]) == 0
    assert target.read_bytes().decode("utf-8-sig").splitlines() == [
        "ref,unit_code,type,name,lead_organisation,launched_on,status,members,cameras,typical_on,"
        "typical_authority,typical_decision"]


@pytest.mark.parametrize("command", ["import-table", "export-table"])
def test_bad_kind_exits_2(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)
    assert run(["--db", str(db_path), command, "meetings", str(path)]) == 2
    err = capsys.readouterr().err
    assert "meetings" in err and "lựa chọn không hợp lệ" in err
    assert run(["--lang", "en", "--db", str(db_path), command, "meetings", str(path)]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert sessions_in(db_path) == 0


def test_stats_with_a_bad_date_exits_2(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(db_path), "stats", "--from", "31/02/2024"]) == 2
    err = capsys.readouterr().err
    assert "--from" in err
    assert "Ngày không hợp lệ: «31/02/2024» (nhập dd/mm/yyyy)." in err
    assert run(["--db", str(db_path), "--lang", "en", "stats", "--to", "hôm qua"]) == 2
    err = capsys.readouterr().err
    assert "--to" in err and "Invalid date: «hôm qua» (use dd/mm/yyyy)." in err


def test_import_into_a_database_not_set_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "good.csv", GOOD_ROWS)
    missing = tmp_path / "none.sqlite3"
    assert run(["--db", str(missing), "import-table", "sessions", str(path)]) == 1
    assert "antq init" in capsys.readouterr().err
    assert not missing.exists()


def test_export_to_a_txt_file_exits_1_with_a_message(db_path: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """BUG: cmd_export_table lets SheetError through: a traceback instead of one line and status 1."""
    target = tmp_path / "sessions.txt"
    assert run(["--db", str(db_path), "export-table", "sessions", str(target)]) == 1
    assert capsys.readouterr().err.strip() == "Tệp «sessions.txt» phải là .csv hoặc .xlsx."
    assert not target.exists()
