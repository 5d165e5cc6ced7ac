"""desktop.services.tables.preview: the rows and every error of a spreadsheet, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.i18n import set_language
from desktop.services.installation import Database
from desktop.services.progress import Cancelled, Progress
from desktop.services.tables.importer import import_table
from desktop.services.tables.preview import display, preview_table
from tests.services.tables_support import (
    GOOD,
    SESSION_HEADER,
    errors_of,
    session_row,
    table_counts,
    write_kind,
    write_table,
)


def test_errors_at_their_lines_and_nothing_written(database: Database, db_path: Path, tmp_path: Path) -> None:
    path = write_table(tmp_path / "bad.csv", SESSION_HEADER, [
        session_row(), session_row(date="31/02/2025"), session_row(organisers=""), session_row(attendees="12"),
    ])
    before = table_counts(db_path)
    preview = preview_table(database, "sessions", path)
    assert table_counts(db_path) == before
    assert not preview.ok
    assert errors_of(preview.report) == [
        (3, "ngày", "Ngày không hợp lệ: «31/02/2025» (nhập dd/mm/yyyy)."),
        (4, "đơn vị tổ chức", "Bắt buộc phải nhập."),
    ]
    assert preview.error_lines == {3, 4}
    assert dict(preview.report.counts) == {}
    assert preview.total_rows == 4
    assert [line for line, _cells in preview.rows] == [2, 3, 4, 5]
    assert preview.rows[1][1][1] == "31/02/2025"
    assert preview.column_labels()[:3] == ["số hiệu", "ngày", "mã đơn vị"]
    assert preview.column_labels("en")[:3] == ["ref", "date", "unit code"]
    # the same report as the command line's dry run
    assert errors_of(import_table(database, "sessions", path, dry_run=True)) == errors_of(preview.report)


def test_good_file_counts_what_would_be_created(database: Database, db_path: Path, tmp_path: Path) -> None:
    path = write_kind(tmp_path / "good.xlsx", "sessions", GOOD["sessions"], fmt="xlsx", headers="vi")
    before = table_counts(db_path)
    preview = preview_table(database, "sessions", path)
    assert table_counts(db_path) == before
    assert preview.ok and preview.report.file_error is None
    assert preview.report.counts["created"] == 2
    assert preview.fields[:2] == ["ref", "date"]
    first = dict(zip(preview.fields, preview.rows[0][1], strict=True))
    assert first["date"] == "18/07/2024"  # an Excel date cell, shown the Vietnamese way
    assert first["attendees"] == "1.234"


def test_existing_records_would_be_updated(database: Database, tmp_path: Path) -> None:
    rows = [dict(row, content="Nội dung mới") for row in GOOD["sources"]]
    assert import_table(database, "sources", write_kind(tmp_path / "first.csv", "sources", GOOD["sources"])).ok
    preview = preview_table(database, "sources", write_kind(tmp_path / "again.csv", "sources", rows))
    assert preview.ok
    assert preview.report.counts["updated"] == 3
    assert preview.report.counts["created"] == 0


def test_limit_keeps_the_first_rows(database: Database, tmp_path: Path) -> None:
    path = write_table(tmp_path / "many.csv", SESSION_HEADER, [session_row(attendees=str(10 + n)) for n in range(30)])
    preview = preview_table(database, "sessions", path, limit=10)
    assert len(preview.rows) == 10
    assert preview.total_rows == 30
    assert preview.report.counts["created"] == 30


def test_unknown_column_is_shown_under_its_own_title(database: Database, tmp_path: Path) -> None:
    path = write_table(tmp_path / "odd.csv", [*SESSION_HEADER, "cột lạ"], [[*session_row(), "x"]])
    preview = preview_table(database, "sessions", path)
    assert preview.report.file_error is not None and "cột lạ" in preview.report.file_error
    assert preview.column_labels()[-1] == "cột lạ"
    assert preview.fields[-1] is None
    assert preview.rows[0][1][-1] == "x"


def test_missing_file(database: Database, tmp_path: Path) -> None:
    preview = preview_table(database, "sessions", tmp_path / "none.csv")
    assert preview.report.file_error == f"Không tìm thấy tệp «{tmp_path / 'none.csv'}»."
    assert preview.rows == [] and preview.columns == []


def test_progress_and_cancel(database: Database, tmp_path: Path) -> None:
    path = write_table(tmp_path / "a.csv", SESSION_HEADER, [session_row(notes=str(n)) for n in range(1200)])
    reports: list[tuple[int, int]] = []
    preview_table(database, "sessions", path, progress=Progress(lambda d, t: reports.append((d, t))))
    assert reports == [(0, 2400), (500, 2400), (1000, 2400), (1500, 2400), (2000, 2400)]  # checked, then written
    stopped = Progress()
    stopped.cancel()
    with pytest.raises(Cancelled):
        preview_table(database, "sessions", path, progress=stopped)


def test_display_in_both_languages() -> None:
    import datetime as dt

    assert display(1234567) == "1.234.567"
    assert display(dt.date(2024, 7, 18)) == "18/07/2024"
    assert display(None) == ""
    set_language("en")
    assert display(1234567) == "1,234,567"
