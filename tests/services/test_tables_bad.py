"""Bad spreadsheets: refused with every bad line named, and nothing written."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.i18n import set_language
from desktop.services.installation import Database
from tests.services.tables_support import (
    SESSION_HEADER,
    errors_of,
    refused,
    session_row,
    suffix_of,
    write_table,
)


def test_missing_column(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    header = [h for h in SESSION_HEADER if h != "attendees"]
    path = write_table(tmp_path / "s.csv", header, [[c for h, c in zip(SESSION_HEADER, session_row())
                                                     if h != "attendees"]])
    report = refused(database, db_path, "sessions", path)
    assert report.file_error == "Thiếu cột: attendees."
    assert report.errors == []


def test_missing_columns_in_english(loaded: dict[str, int], database: Database, db_path: Path,
                                    tmp_path: Path) -> None:
    set_language("en")
    try:
        path = write_table(tmp_path / "s.csv", ["ref", "notes"], [["TT-1", "x"]])
        report = refused(database, db_path, "sessions", path)
        assert report.file_error == "Missing columns: date, kind, organisers, attendees."
    finally:
        set_language("vi")


def test_unknown_column(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    path = write_table(tmp_path / "s.csv", [*SESSION_HEADER, "màu sắc"], [[*session_row(), "đỏ"]])
    report = refused(database, db_path, "sessions", path)
    assert report.file_error == "Cột không xác định: màu sắc."


def test_bad_dates_every_line_named(loaded: dict[str, int], database: Database, db_path: Path,
                                    tmp_path: Path) -> None:
    rows = [session_row(), session_row(date="31/02/2024"), session_row(), session_row(date="hôm qua"),
            session_row(date="2024-13-01"), session_row(date="31/12/1989")]
    report = refused(database, db_path, "sessions", write_table(tmp_path / "s.csv", SESSION_HEADER, rows))
    assert errors_of(report) == [
        (3, "ngày", "Ngày không hợp lệ: «31/02/2024» (nhập dd/mm/yyyy)."),
        (5, "ngày", "Ngày không hợp lệ: «hôm qua» (nhập dd/mm/yyyy)."),
        (6, "ngày", "Ngày không hợp lệ: «2024-13-01» (nhập dd/mm/yyyy)."),
        (7, "ngày", "Ngày 31/12/1989 trước năm 1990."),
    ]


def test_unknown_organisation(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    # Line 2 names a new organisation (youth union): it must not survive the refused import either.
    rows = [session_row(organisers="youth_union"), session_row(organisers="Câu lạc bộ dưỡng sinh"),
            session_row(organisers="police;CLB bóng đá")]
    report = refused(database, db_path, "sessions", write_table(tmp_path / "s.csv", SESSION_HEADER, rows))
    assert errors_of(report) == [
        (3, "đơn vị tổ chức", "Không rõ tổ chức «Câu lạc bộ dưỡng sinh»."),
        (4, "đơn vị tổ chức", "Không rõ tổ chức «CLB bóng đá»."),
    ]


def test_negative_count(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    rows = [session_row(), session_row(attendees="-5", members="0"), session_row(attendees="abc")]
    report = refused(database, db_path, "sessions", write_table(tmp_path / "s.csv", SESSION_HEADER, rows))
    assert errors_of(report) == [
        (3, "số lượt người tham dự", "Không được là số âm (-5)."),
        (4, "số lượt người tham dự", "Không phải số nguyên: «abc»."),
    ]


def test_members_over_attendees(loaded: dict[str, int], database: Database, db_path: Path,
                                tmp_path: Path) -> None:
    rows = [session_row(attendees="40", members="50"), session_row(attendees="40", members="40")]
    report = refused(database, db_path, "sessions", write_table(tmp_path / "s.csv", SESSION_HEADER, rows))
    assert errors_of(report) == [
        (2, "trong đó hội viên", "Số hội viên (50) lớn hơn số người tham dự (40)."),
    ]


def test_ten_thousand_character_name(loaded: dict[str, int], database: Database, db_path: Path,
                                     tmp_path: Path) -> None:
    rows = [["", "self_management", "Tổ tự quản khu 1"], ["", "self_management", "x" * 10_000]]
    report = refused(database, db_path, "models", write_table(tmp_path / "m.csv", ["ref", "type", "name"], rows))
    assert errors_of(report) == [(3, "tên mô hình", "Dài quá 300 ký tự (10000).")]


def test_duplicate_ref_inside_the_file(loaded: dict[str, int], database: Database, db_path: Path,
                                       tmp_path: Path) -> None:
    rows = [session_row(ref="TT-2025-0500"), session_row(ref="TT-2025-0501"), session_row(ref="TT-2025-0500")]
    report = refused(database, db_path, "sessions", write_table(tmp_path / "s.csv", SESSION_HEADER, rows))
    assert errors_of(report) == [(4, "số hiệu", "Số hiệu «TT-2025-0500» lặp lại ở dòng 2.")]


def test_duplicate_decision_number_inside_the_file(loaded: dict[str, int], database: Database, db_path: Path,
                                                   tmp_path: Path) -> None:
    header = ["number", "date", "authority", "form"]
    rows = [["9/QĐ-UBND", "01/09/2025", "UBND phường", "giấy khen"],
            ["9/QĐ-UBND", "02/09/2025", "UBND phường", "giấy khen"]]
    report = refused(database, db_path, "commendations", write_table(tmp_path / "c.csv", header, rows))
    assert errors_of(report) == [(3, "số quyết định", "Số hiệu «9/QĐ-UBND» lặp lại ở dòng 2.")]


@pytest.mark.parametrize("fmt", ["csv-bom", "csv-semicolon", "xlsx"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_bad_row_with_its_line(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path,
                                     fmt: str, lang: str) -> None:
    rows = [
        session_row(ref="TT-2025-0600"),  # 2: good
        session_row(date="31/02/2024"),  # 3
        session_row(organisers="Câu lạc bộ dưỡng sinh"),  # 4
        session_row(attendees="-5", members="0"),  # 5
        session_row(attendees="40", members="50"),  # 6
        session_row(),  # 7: good
        session_row(ref="TT-2025-0600"),  # 8: repeats line 2
        session_row(notes="x" * 10_000),  # 9
    ]
    set_language(lang)
    try:
        path = write_table(tmp_path / f"s{suffix_of(fmt)}", SESSION_HEADER, rows, fmt)
        report = refused(database, db_path, "sessions", path)
    finally:
        set_language("vi")
    if lang == "vi":
        assert errors_of(report) == [
            (3, "ngày", "Ngày không hợp lệ: «31/02/2024» (nhập dd/mm/yyyy)."),
            (4, "đơn vị tổ chức", "Không rõ tổ chức «Câu lạc bộ dưỡng sinh»."),
            (5, "số lượt người tham dự", "Không được là số âm (-5)."),
            (6, "trong đó hội viên", "Số hội viên (50) lớn hơn số người tham dự (40)."),
            (8, "số hiệu", "Số hiệu «TT-2025-0600» lặp lại ở dòng 2."),
            (9, "ghi chú", "Dài quá 2000 ký tự (10000)."),
        ]
    else:
        assert errors_of(report) == [
            (3, "date", "Invalid date: «31/02/2024» (use dd/mm/yyyy)."),
            (4, "organisers", "Unknown organisation «Câu lạc bộ dưỡng sinh»."),
            (5, "attendees", "Must not be negative (-5)."),
            (6, "member attendees", "Members (50) exceed attendees (40)."),
            (8, "ref", "Reference «TT-2025-0600» repeats line 2."),
            (9, "notes", "Longer than 2000 characters (10000)."),
        ]


@pytest.mark.parametrize(("encoding", "text"), [("cp1258", "Nhà văn hóa khu 5"), ("latin-1", "Café Hà Tu")])
def test_csv_not_in_utf8(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path,
                         encoding: str, text: str) -> None:
    rows = [[*session_row()[:8], text, ""]]
    path = write_table(tmp_path / "s.csv", SESSION_HEADER, rows, "csv", encoding=encoding)
    report = refused(database, db_path, "sessions", path)
    assert report.file_error == "Tệp CSV không phải UTF-8 (hãy lưu lại bằng «CSV UTF-8»)."


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", "date,kind,organisers,attendees\r\n".encode()])
def test_empty_file(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path,
                    content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert refused(database, db_path, "sessions", path).file_error == "Tệp không có dòng dữ liệu nào."


def test_empty_xlsx(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    assert refused(database, db_path, "sessions", path).file_error == "Tệp không có dòng dữ liệu nào."


def test_txt_file(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "sessions.txt"
    path.write_text("date,kind,organisers,attendees\n01/09/2025,training,police,30\n", encoding="utf-8")
    report = refused(database, db_path, "sessions", path)
    assert report.file_error == "Tệp «sessions.txt» phải là .csv hoặc .xlsx."


def test_file_that_does_not_exist(loaded: dict[str, int], database: Database, db_path: Path,
                                  tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    report = refused(database, db_path, "sessions", path)
    assert report.file_error == f"Không tìm thấy tệp «{path}»."
    set_language("en")
    try:
        assert refused(database, db_path, "sessions", path).file_error == f"File «{path}» not found."
    finally:
        set_language("vi")


def test_corrupt_xlsx(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(random.Random(7).randbytes(4096))
    report = refused(database, db_path, "sessions", path)
    assert report.file_error is not None
    assert report.file_error.startswith("Không đọc được tệp «bad.xlsx»: ")


def test_csv_renamed_to_xlsx(loaded: dict[str, int], database: Database, db_path: Path, tmp_path: Path) -> None:
    path = write_table(tmp_path / "s.xlsx", SESSION_HEADER, [session_row()], "csv")
    assert refused(database, db_path, "sessions", path).file_error.startswith("Không đọc được tệp «s.xlsx»: ")
