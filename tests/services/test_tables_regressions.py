"""Spreadsheet bugs found once, each kept by a test."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from db.models import (
    SecurityModel,
)
from desktop.services.installation import Database
from desktop.services.tables.exporter import export_table
from desktop.services.tables.importer import import_table
from tests.services.tables_support import (
    SESSION_HEADER,
    errors_of,
    refused,
    session_row,
    table_counts,
    write_table,
)

# --- bugs found by these tests, now fixed ---------------------------------------------------


def test_pre_reform_row_needs_the_old_unit_and_then_round_trips(database: Database, db_path: Path,
                                                                 tmp_path: Path) -> None:
    """A 2024 row belongs to a unit of the 2024 list. Phường Hà Tu (06652 today) took in two old
    communes, so a blank unit is ambiguous: refused, naming both; with the old code it is stored
    against the old commune and its export reads back the same."""
    counts = table_counts(db_path)
    blank = write_table(tmp_path / "blank.csv", SESSION_HEADER,
                        [["TT-2024-0050", "18/07/2024", "", "training", "police", "drugs", "40", "10", "", ""]])
    report = import_table(database, "sessions", blank)
    assert not report.ok
    assert "06652 Phường Hà Phong" in report.errors[0].message
    assert "06664 Phường Hà Tu" in report.errors[0].message
    assert table_counts(db_path) == counts
    old_code = write_table(tmp_path / "old.csv", SESSION_HEADER,
                           [["TT-2024-0050", "18/07/2024", "06664", "training", "police", "drugs", "40", "10", "", ""]])
    assert dict(import_table(database, "sessions", old_code).counts) == {"created": 1}
    exported = tmp_path / "out.csv"
    export_table(database, "sessions", exported)
    counts = table_counts(db_path)
    report = import_table(database, "sessions", exported)
    assert report.ok and dict(report.counts) == {"unchanged": 1}
    assert table_counts(db_path) == counts


def test_blank_ref_row_and_explicit_ref_row_stay_two_records(database: Database, db_path: Path,
                                                              tmp_path: Path) -> None:
    """BUG: line 2 (no ref) is given TT-2025-0001 while saving; line 3 names TT-2025-0001 itself
    and is then saved over line 2's new record: two rows in, one record out, 'updated' reported."""
    rows = [session_row(ref="", date="10/08/2025", attendees="30"),
            session_row(ref="TT-2025-0001", date="11/08/2025", attendees="50")]
    report = import_table(database, "sessions", write_table(tmp_path / "s.csv", SESSION_HEADER, rows))
    assert report.ok and dict(report.counts) == {"created": 2}
    assert table_counts(db_path)["dissemination_session"] == 2


def test_commendation_without_achievement_imports_again_unchanged(database: Database, tmp_path: Path) -> None:
    """BUG: a blank achievement becomes None; the insert takes the column default "", and the next
    import of the same row sets None on a NOT NULL column: IntegrityError out of import_table."""
    path = write_table(tmp_path / "c.csv", ["number", "date", "authority", "form", "achievement"],
                       [["7/QĐ-UBND", "01/09/2025", "UBND phường Hà Tu", "giấy khen", ""]])
    assert dict(import_table(database, "commendations", path).counts) == {"created": 1}
    report = import_table(database, "commendations", path)
    assert report.ok and dict(report.counts) == {"unchanged": 1}
    exported = tmp_path / "out.csv"
    export_table(database, "commendations", exported)
    assert dict(import_table(database, "commendations", exported).counts) == {"unchanged": 1}


def test_changed_typical_authority_updates_the_model(database: Database, tmp_path: Path) -> None:
    """BUG: a recognition whose date is already known is left as it was: a corrected authority or
    decision number is dropped and the row reported 'unchanged'."""
    header = ["ref", "type", "name", "launched_on", "typical_on", "typical_authority", "typical_decision"]
    first = write_table(tmp_path / "m1.csv", header, [["MH-2025-0009", "camera an ninh", "Camera khu 3",
                                                       "01/08/2025", "01/09/2025", "UBND phường", "1/QĐ"]])
    assert dict(import_table(database, "models", first).counts) == {"created": 1}
    second = write_table(tmp_path / "m2.csv", header, [["MH-2025-0009", "camera an ninh", "Camera khu 3",
                                                        "01/08/2025", "01/09/2025", "UBND tỉnh", "2/QĐ"]])
    report = import_table(database, "models", second)
    assert report.ok and dict(report.counts) == {"updated": 1}
    with database.sessions() as s:
        model = s.scalars(select(SecurityModel)).one()
        assert [(r.authority, r.decision_number) for r in model.recognitions] == [("UBND tỉnh", "2/QĐ")]


def test_decision_number_with_a_formula_start_round_trips(database: Database, tmp_path: Path) -> None:
    """BUG: the export writes "'+12/QĐ-UBND" for a recipient's decision number; the import looks
    the number up with the apostrophe (only clean_text removes it) and finds no decision."""
    decisions = write_table(tmp_path / "c.csv", ["number", "date", "authority", "form", "achievement"],
                            [["+12/QĐ-UBND", "01/09/2025", "UBND phường", "giấy khen", "x"]])
    assert import_table(database, "commendations", decisions).ok
    recipients = write_table(tmp_path / "r.csv", ["decision_number", "kind", "name"],
                             [["+12/QĐ-UBND", "cá nhân", "Nguyễn Thị Hường"]])
    assert import_table(database, "recipients", recipients).ok
    for suffix in (".csv", ".xlsx"):
        exported = tmp_path / f"out{suffix}"
        export_table(database, "recipients", exported)
        report = import_table(database, "recipients", exported)
        assert report.errors == [] and dict(report.counts) == {"unchanged": 1}, suffix


def test_duplicate_column_is_refused(database: Database, db_path: Path, tmp_path: Path) -> None:
    """BUG: "date" and "ngày" both map to the date field; the first column is silently ignored
    (the import takes 02/08/2025 and drops 01/08/2025)."""
    path = write_table(tmp_path / "s.csv", ["date", "ngày", "kind", "organisers", "attendees"],
                       [["01/08/2025", "02/08/2025", "training", "police", "5"]])
    report = refused(database, db_path, "sessions", path)
    assert report.file_error is not None and "ngày" in report.file_error


def test_two_decisions_with_the_same_ref_are_refused(database: Database, db_path: Path, tmp_path: Path) -> None:
    """BUG: for commendations the file is checked for repeated numbers only; two numbers with the
    same ref reach the database and break UNIQUE(unit_id, ref): IntegrityError, no report."""
    path = write_table(tmp_path / "c.csv", ["number", "date", "authority", "form", "ref"],
                       [["1/QĐ", "01/08/2025", "UBND phường", "giấy khen", "KT-2025-0001"],
                        ["2/QĐ", "01/08/2025", "UBND phường", "giấy khen", "KT-2025-0001"]])
    report = refused(database, db_path, "commendations", path)
    assert errors_of(report) == [(3, "số hiệu", "Số hiệu «KT-2025-0001» lặp lại ở dòng 2.")]


def test_imported_records_are_searchable(db_path: Path, tmp_path: Path) -> None:
    """BUG: nothing in the application imports db.search, whose ORM listeners fill search_text;
    an `antq import-table` run leaves search_text empty, so quick search finds no imported record.
    (Run in a fresh process: another test importing db.search would hide it in this one.)"""
    path = write_table(tmp_path / "s.csv", SESSION_HEADER,
                       [["TT-2025-0800", "01/09/2025", "", "training", "police", "drugs", "30", "5",
                         "Nhà văn hóa khu 5", "Tập huấn phòng chống ma túy"]])
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(db_path), "import-table", "sessions",
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    connection = sqlite3.connect(db_path)
    try:
        [(text,)] = connection.execute("SELECT search_text FROM dissemination_session").fetchall()
        found = connection.execute(
            "SELECT rowid FROM dissemination_session_fts WHERE dissemination_session_fts MATCH '\"nha\"* \"van\"*'"
        ).fetchall()
    finally:
        connection.close()
    assert "nha van hoa" in text
    assert len(found) == 1
