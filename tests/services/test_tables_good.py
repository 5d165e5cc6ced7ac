"""Spreadsheet import and export over a real SQLite file with real .csv and .xlsx files: every
kind and format, English and Vietnamese headers, formula neutralisation, lossless round trips,
updates."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import (
    AuditEntry,
    DisseminationSession,
    Organisation,
)
from desktop.services.installation import Database
from desktop.services.record_specs import SPECS
from desktop.services.tables.exporter import export_table
from desktop.services.tables.importer import import_table
from tests.services.tables_support import (
    EXPECTED,
    FORMATS,
    GOOD,
    HA_TU,
    KINDS,
    SESSION_HEADER,
    errors_of,
    import_good,
    refused,
    session_row,
    sheet_rows,
    table_counts,
    view,
    write_kind,
    write_table,
)

# --- good files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("values", ["codes", "labels"])
@pytest.mark.parametrize("headers", ["en", "vi"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_good_files_of_every_kind(database: Database, db_path: Path, tmp_path: Path, fmt: str, headers: str,
                                  values: str) -> None:
    reports = import_good(database, tmp_path, fmt=fmt, headers=headers, values=values)
    for kind, report in reports.items():
        assert dict(report.counts) == {"created": len(GOOD[kind])}, kind
        assert report.rows == len(GOOD[kind])
    assert view(database) == EXPECTED
    counts = table_counts(db_path)
    assert counts["organisation"] == 6  # made on the way, once each, in the unit of the row
    assert counts["audit_entry"] == sum(len(rows) for rows in GOOD.values())


def test_good_files_make_the_expected_organisations(database: Database, tmp_path: Path) -> None:
    import_good(database, tmp_path)
    with database.sessions() as s:
        names = sorted((o.name, o.kind) for o in s.scalars(select(Organisation)))
    assert names == sorted([
        ("Công an Phường Hà Phong", "police"), ("Hội Liên hiệp Phụ nữ Phường Hà Phong", "womens_union"),
        ("Hội Nông dân Phường Hà Tu", "farmers_union"), ("Công an Phường Hà Tu", "police"),
        ("Hội Cựu chiến binh Phường Hà Phong", "veterans"), ("Hội Liên hiệp Phụ nữ Phường Hà Tu", "womens_union"),
    ])


def test_headers_without_accents_and_in_any_case(database: Database, tmp_path: Path) -> None:
    header = ["SO HIEU", "Ngày", "hinh thuc", "Đơn Vị Tổ Chức", "số lượt người tham dự", "Trong đó hội viên",
              "GHI CHU"]
    path = write_table(tmp_path / "s.csv", header,
                       [["TT-2025-0200", "01/09/2025", "hội nghị", "Công an", "30", "5", ""]])
    report = import_table(database, "sessions", path)
    assert report.ok, (report.file_error, report.errors)
    assert dict(report.counts) == {"created": 1}


def test_columns_in_any_order_and_optional_ones_left_out(database: Database, tmp_path: Path) -> None:
    path = write_table(tmp_path / "s.csv", ["attendees", "organisers", "kind", "date"],
                       [["25", "police", "training", "02/09/2025"]])
    report = import_table(database, "sessions", path)
    assert report.ok and dict(report.counts) == {"created": 1}
    with database.sessions() as s:
        record = s.scalars(select(DisseminationSession)).one()
        assert (record.attendees, record.member_attendees, record.ref) == (25, 0, "TT-2025-0001")


def test_blank_lines_are_skipped_and_lines_still_counted(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("date,kind,organisers,attendees\r\n02/09/2025,training,police,25\r\n\r\n,,,\r\n"
                    "31/02/2025,training,police,25\r\n", encoding="utf-8-sig")
    report = import_table(database, "sessions", path)
    assert errors_of(report) == [(5, "ngày", "Ngày không hợp lệ: «31/02/2025» (nhập dd/mm/yyyy).")]



# --- formula injection ----------------------------------------------------------------------------

FORMULAS = ["=CMD()", "+1+1", "-2+3", "@SUM(A1:A9)", "=HYPERLINK(\"http://x\",\"bấm\")"]


def test_formula_cells_import_as_text_and_export_neutralised(database: Database, db_path: Path,
                                                              tmp_path: Path) -> None:
    rows = [session_row(ref=f"TT-2025-07{i:02d}", notes=formula) for i, formula in enumerate(FORMULAS)]
    report = import_table(database, "sessions", write_table(tmp_path / "in.csv", SESSION_HEADER, rows))
    assert report.ok and dict(report.counts) == {"created": len(FORMULAS)}

    def stored() -> list[str]:
        with database.sessions() as s:
            return [r.notes for r in s.scalars(select(DisseminationSession).order_by(DisseminationSession.ref))]

    assert stored() == FORMULAS

    csv_path = tmp_path / "out.csv"
    export_table(database, "sessions", csv_path)
    raw = csv_path.read_bytes().decode("utf-8-sig")
    exported = sheet_rows(csv_path)
    notes = exported[0].index("notes")
    assert [row[notes] for row in exported[1:]] == ["'" + f for f in FORMULAS]
    assert ",'=CMD()" in raw and ",=CMD()" not in raw

    xlsx_path = tmp_path / "out.xlsx"
    export_table(database, "sessions", xlsx_path)
    workbook = load_workbook(xlsx_path)
    sheet = workbook.worksheets[0]
    column = [c.value for c in sheet[1]].index("notes") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, 2 + len(FORMULAS))]
    workbook.close()
    assert all(cell.data_type != "f" for cell in cells)
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == ["'" + f for f in FORMULAS]

    before = table_counts(db_path)
    for path in (csv_path, xlsx_path):
        again = import_table(database, "sessions", path)
        assert again.ok and dict(again.counts) == {"unchanged": len(FORMULAS)}
    assert stored() == FORMULAS
    assert table_counts(db_path) == before


# --- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_every_kind(database: Database, db_path: Path, tmp_path: Path, suffix: str) -> None:
    import_good(database, tmp_path)
    counts, records = table_counts(db_path), view(database)
    for kind in KINDS:
        first = tmp_path / f"first-{kind}{suffix}"
        assert export_table(database, kind, first) == len(GOOD[kind])
        report = import_table(database, kind, first)
        assert report.ok, (kind, report.file_error, report.errors)
        assert dict(report.counts) == {"unchanged": len(GOOD[kind])}, kind
        second = tmp_path / f"second-{kind}{suffix}"
        export_table(database, kind, second)
        if suffix == ".csv":
            assert first.read_bytes() == second.read_bytes(), kind
        else:
            assert sheet_rows(first) == sheet_rows(second), kind
    assert table_counts(db_path) == counts
    assert view(database) == records


def test_export_format(database: Database, tmp_path: Path) -> None:
    import_good(database, tmp_path)
    path = tmp_path / "sessions.csv"
    export_table(database, "sessions", path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    rows = sheet_rows(path)
    assert rows[0] == SESSION_HEADER
    by_ref = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert by_ref["TT-2025-0100"] == {
        "ref": "TT-2025-0100", "date": "15/08/2025", "unit_code": HA_TU, "kind": "communication",
        "organisers": "Hội Nông dân Phường Hà Tu", "topics": "drugs;online_fraud", "attendees": "60",
        "member_attendees": "45", "place": "", "notes": ""}
    assert by_ref["TT-2024-0001"]["organisers"] == "Công an Phường Hà Phong;Hội Liên hiệp Phụ nữ Phường Hà Phong"


def test_export_xlsx_types(database: Database, tmp_path: Path) -> None:
    import_good(database, tmp_path)
    path = tmp_path / "sessions.xlsx"
    export_table(database, "sessions", path)
    rows = sheet_rows(path)
    header = rows[0]
    row = dict(zip(header, next(r for r in rows[1:] if r[0] == "TT-2025-0100")))
    assert row["date"] == dt.datetime(2025, 8, 15)  # a real date cell
    assert row["attendees"] == 60 and row["unit_code"] == HA_TU  # a number, and a code that keeps its 0


def test_re_saved_with_vietnamese_headers_and_semicolons(database: Database, db_path: Path,
                                                         tmp_path: Path) -> None:
    """A clerk opens the export, and saves it again with Vietnamese headers and ';'."""
    import_good(database, tmp_path)
    counts = table_counts(db_path)
    for kind in KINDS:
        exported = tmp_path / f"{kind}.csv"
        export_table(database, kind, exported)
        rows = sheet_rows(exported)
        header = [SPECS[kind].field(name).vi for name in rows[0]]
        path = write_table(tmp_path / f"{kind}-vi.csv", header, rows[1:], "csv-semicolon")
        report = import_table(database, kind, path)
        assert report.ok and dict(report.counts) == {"unchanged": len(GOOD[kind])}, kind
    assert table_counts(db_path) == counts


# --- updates --------------------------------------------------------------------------------------


def _edit_attendees(path: Path, ref: str, attendees: int) -> None:
    if path.suffix == ".xlsx":
        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            if row[header.index("ref")].value == ref:
                row[header.index("attendees")].value = attendees
        workbook.save(path)
        return
    rows = sheet_rows(path)
    for row in rows[1:]:
        if row[0] == ref:
            row[rows[0].index("attendees")] = str(attendees)
    write_table(path, rows[0], rows[1:])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_changed_row_updates_its_record(database: Database, db_path: Path, tmp_path: Path, suffix: str) -> None:
    import_good(database, tmp_path)
    path = tmp_path / f"sessions{suffix}"
    export_table(database, "sessions", path)
    _edit_attendees(path, "TT-2025-0100", 75)
    counts = table_counts(db_path)

    dry = import_table(database, "sessions", path, dry_run=True)
    assert dry.ok and dict(dry.counts) == {"updated": 1, "unchanged": 1}
    assert table_counts(db_path) == counts

    report = import_table(database, "sessions", path, username="clerk")
    assert report.ok and dict(report.counts) == {"updated": 1, "unchanged": 1}
    with database.sessions() as s:
        record = s.scalars(select(DisseminationSession).where(DisseminationSession.ref == "TT-2025-0100")).one()
        other = s.scalars(select(DisseminationSession).where(DisseminationSession.ref == "TT-2024-0001")).one()
        assert (record.attendees, record.revision, record.updated_by) == (75, 2, "clerk")
        assert other.revision == 1
        updates = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "update")))
        assert len(updates) == 1
        entry = updates[0]
        assert (entry.table_name, entry.record_uid, entry.username) == (
            "dissemination_session", str(record.uid), "clerk")
        assert json.loads(entry.old_values)["attendees"] == 60
        assert json.loads(entry.new_values)["attendees"] == 75
    after = table_counts(db_path)
    assert after["audit_entry"] == counts["audit_entry"] + 1
    assert {t: n for t, n in after.items() if t != "audit_entry"} == {
        t: n for t, n in counts.items() if t != "audit_entry"}


def test_dry_run_writes_nothing(database: Database, db_path: Path, tmp_path: Path) -> None:
    counts = table_counts(db_path)
    for kind in ("sessions", "models", "sources", "commendations"):
        path = write_kind(tmp_path / f"{kind}.csv", kind, GOOD[kind])
        report = import_table(database, kind, path, dry_run=True)
        assert report.ok and dict(report.counts) == {"created": len(GOOD[kind])}, kind
        assert table_counts(db_path) == counts


def test_a_refused_import_keeps_earlier_imports(loaded: dict[str, int], database: Database, db_path: Path,
                                                tmp_path: Path) -> None:
    records = view(database)
    refused(database, db_path, "sessions",
            write_table(tmp_path / "s.csv", SESSION_HEADER, [session_row(date="31/02/2024")]))
    assert view(database) == records
