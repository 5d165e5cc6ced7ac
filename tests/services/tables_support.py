"""Helpers of the spreadsheet tests: writing files as a clerk's spreadsheet program does, the
good data of every kind, and reading the database back."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from db.models import (
    AdminUnit,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    Organisation,
    SecurityModel,
    UncoveredCase,
)
from desktop.services.installation import Database
from desktop.services.record_specs import SPECS
from desktop.services.tables.importer import ImportReport, import_table

HA_TU = "06652"
KINDS = ("sessions", "models", "sources", "cases", "commendations", "recipients")  # in dependency order
TABLES = (
    "dissemination_session", "session_organiser", "session_topic", "security_model", "typical_recognition",
    "information_source", "uncovered_case", "case_source", "commendation_decision", "commendation_recipient",
    "organisation", "audit_entry",
)


class V(NamedTuple):
    """A coded value: the code, or a label as a clerk types it."""

    code: str
    label: str


GOOD: dict[str, list[dict[str, Any]]] = {
    "sessions": [
        {"ref": "", "date": "18/07/2024", "unit_code": HA_TU, "kind": V("training", "Lớp tập huấn"),
         "organisers": V("police;womens_union", "Công an;Hội Liên hiệp Phụ nữ"),
         "topics": V("drugs;human_trafficking", "Phòng, chống ma túy; MUA BÁN NGƯỜI"),
         "attendees": "1.234", "member_attendees": "120", "place": "Nhà văn hóa khu 5",
         "notes": "Lớp tập huấn cho hội viên"},
        {"ref": "TT-2025-0100", "date": "2025-08-15", "unit_code": "", "kind": V("communication", "buổi tuyên truyền"),
         "organisers": V("farmers_union", "Hội Nông dân"), "topics": V("drugs;online_fraud", "ma túy;Online fraud"),
         "attendees": "60", "member_attendees": "45", "place": "", "notes": ""},
    ],
    "models": [
        {"ref": "MH-2025-0001", "unit_code": "", "type": V("security_camera", "Camera an ninh"),
         "name": "Camera an ninh khu 3", "lead_organisation": V("police", "Công an"), "launched_on": "01/08/2025",
         "status": V("active", "Đang hoạt động"), "members": "", "cameras": "12", "typical_on": "15/09/2025",
         "typical_authority": "UBND phường Hà Tu", "typical_decision": "45/QĐ-UBND"},
        {"ref": "", "unit_code": HA_TU, "type": V("self_management", "Tổ tự quản về an ninh, trật tự"),
         "name": "Tổ tự quản khu 5", "lead_organisation": V("veterans", "Hội Cựu chiến binh"),
         "launched_on": "2020-03-10", "status": V("suspended", "tạm ngừng"), "members": "15", "cameras": "",
         "typical_on": "", "typical_authority": "", "typical_decision": ""},
    ],
    "sources": [
        {"ref": "NT-2025-0001", "date": "20/08/2025", "unit_code": "",
         "organisation": V("womens_union", "Hội Liên hiệp Phụ nữ"), "category": V("drugs", "Ma túy"),
         "channel": V("hotline", "Đường dây nóng"), "content": "Tin báo tụ tập sử dụng ma túy tại khu 5",
         "status": V("led_to_case", "Đã phát hiện vụ việc")},
        {"ref": "NT-2025-0002", "date": "21/08/2025", "unit_code": "", "organisation": "",
         "category": V("gambling", "cờ bạc"), "channel": V("phone", "điện thoại"),
         "content": "Đánh bạc tại quán nước", "status": ""},
        {"ref": "NT-2024-0007", "date": "05/03/2024", "unit_code": HA_TU,
         "organisation": V("veterans", "Hội Cựu chiến binh"), "category": V("theft", "Trộm cắp tài sản"),
         "channel": V("in_person", "trực tiếp"), "content": "", "status": V("verified", "đã xác minh")},
    ],
    "cases": [
        {"ref": "VV-2025-0001", "date": "25/08/2025", "unit_code": "", "category": V("drugs", "ma túy"),
         "individuals": "3", "source_refs": "NT-2025-0001;NT-2025-0002", "summary": "Bắt quả tang 3 đối tượng"},
        {"ref": "VV-2024-0003", "date": "10/03/2024", "unit_code": HA_TU, "category": V("theft", "trộm cắp tài sản"),
         "individuals": "1", "source_refs": "NT-2024-0007", "summary": ""},
    ],
    "commendations": [
        {"number": "1234/QĐ-UBND", "date": "20/10/2025", "authority": "Chủ tịch UBND tỉnh Quảng Ninh",
         "form": V("merit_diploma", "Bằng khen"), "period_from": "01/01/2019", "period_to": "31/12/2024",
         "achievement": "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc "
                        "giai đoạn 2019–2024", "unit_code": "", "ref": ""},
        {"number": "56/QĐ-CAT", "date": "2024-07-18", "authority": "Giám đốc Công an tỉnh Quảng Ninh",
         "form": V("certificate_of_merit", "giấy khen"), "period_from": "", "period_to": "",
         "achievement": "Có thành tích trong phong trào năm 2024", "unit_code": HA_TU, "ref": "KT-2024-0001"},
    ],
    "recipients": [
        {"decision_number": "1234/QĐ-UBND", "kind": V("individual", "Cá nhân"), "name": "Nguyễn Thị Hường",
         "title": V("ms", "Bà"), "position": "Chi hội trưởng Chi hội Phụ nữ khu 5", "unit_code": "",
         "organisation": "", "ref": ""},
        {"decision_number": "56/QĐ-CAT", "kind": V("collective", "Tập thể"), "name": "Hội Liên hiệp Phụ nữ phường Hà Tu",
         "title": "", "position": "", "unit_code": HA_TU, "organisation": V("womens_union", "Hội Liên hiệp Phụ nữ"),
         "ref": "NK-2024-0001"},
    ],
}

OLD = ("pre2025", HA_TU)  # Phường Hà Phong in the old list
NEW = ("2025", HA_TU)  # Phường Hà Tu in the 2025 list
D = dt.date
# What the good files must leave in the database, whatever their format, headers or values.
EXPECTED: dict[str, list[tuple[Any, ...]]] = {
    "sessions": sorted([
        (OLD, "TT-2024-0001", D(2024, 7, 18), "training",
         ["Công an Phường Hà Phong", "Hội Liên hiệp Phụ nữ Phường Hà Phong"], ["drugs", "human_trafficking"],
         1234, 120, "Nhà văn hóa khu 5", "Lớp tập huấn cho hội viên"),
        (NEW, "TT-2025-0100", D(2025, 8, 15), "communication", ["Hội Nông dân Phường Hà Tu"],
         ["drugs", "online_fraud"], 60, 45, None, None),
    ]),
    "models": sorted([
        (NEW, "MH-2025-0001", "security_camera", "Camera an ninh khu 3", "Công an Phường Hà Tu", D(2025, 8, 1),
         "active", None, 12, [(D(2025, 9, 15), "UBND phường Hà Tu", "45/QĐ-UBND")]),
        (OLD, "MH-2020-0001", "self_management", "Tổ tự quản khu 5", "Hội Cựu chiến binh Phường Hà Phong",
         D(2020, 3, 10), "suspended", 15, None, []),
    ]),
    "sources": sorted([
        (NEW, "NT-2025-0001", D(2025, 8, 20), "Hội Liên hiệp Phụ nữ Phường Hà Tu", "drugs", "hotline",
         "Tin báo tụ tập sử dụng ma túy tại khu 5", "led_to_case"),
        (NEW, "NT-2025-0002", D(2025, 8, 21), None, "gambling", "phone", "Đánh bạc tại quán nước", "received"),
        (OLD, "NT-2024-0007", D(2024, 3, 5), "Hội Cựu chiến binh Phường Hà Phong", "theft", "in_person", None,
         "verified"),
    ]),
    "cases": sorted([
        (NEW, "VV-2025-0001", D(2025, 8, 25), "drugs", 3, ["NT-2025-0001", "NT-2025-0002"],
         "Bắt quả tang 3 đối tượng"),
        (OLD, "VV-2024-0003", D(2024, 3, 10), "theft", 1, ["NT-2024-0007"], None),
    ]),
    "commendations": sorted([
        (NEW, "KT-2025-0001", "1234/QĐ-UBND", D(2025, 10, 20), "Chủ tịch UBND tỉnh Quảng Ninh", "merit_diploma",
         D(2019, 1, 1), D(2024, 12, 31),
         "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2019–2024"),
        (OLD, "KT-2024-0001", "56/QĐ-CAT", D(2024, 7, 18), "Giám đốc Công an tỉnh Quảng Ninh",
         "certificate_of_merit", None, None, "Có thành tích trong phong trào năm 2024"),
    ]),
    "recipients": sorted([
        ("1234/QĐ-UBND", f"NK-{dt.date.today().year}-0001", "individual", "Nguyễn Thị Hường", "ms",
         "Chi hội trưởng Chi hội Phụ nữ khu 5", None, None),
        ("56/QĐ-CAT", "NK-2024-0001", "collective", "Hội Liên hiệp Phụ nữ phường Hà Tu", None, None, NEW,
         "Hội Liên hiệp Phụ nữ Phường Hà Tu"),
    ], key=repr),
}


# --- writing files as a clerk's spreadsheet program does ------------------------------------------

FORMATS = ("csv-bom", "csv", "csv-semicolon", "xlsx")


def _as_typed(kind: str, name: str, value: object) -> object:
    """What an .xlsx cell holds once Excel has read the typed text: numbers and dates, not text."""
    if value == "":
        return None
    kind_of = SPECS[kind].field(name).type
    if kind_of == "int" and isinstance(value, str):
        return int(value.replace(".", ""))
    if kind_of == "date" and isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        day, month, year = (int(p) for p in value.split("/"))
        return dt.date(year, month, day)
    return value


def write_table(path: Path, header: Sequence[object], rows: Sequence[Sequence[object]], fmt: str = "csv-bom",
                encoding: str | None = None) -> Path:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        workbook.save(path)
        return path
    delimiter = ";" if fmt == "csv-semicolon" else ","
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding or ("utf-8-sig" if fmt == "csv-bom" else "utf-8")))
    return path


def write_kind(path: Path, kind: str, rows: list[dict[str, Any]], *, fmt: str = "csv-bom", headers: str = "en",
               values: str = "codes") -> Path:
    names = [spec.name for spec in SPECS[kind].fields]
    header = [SPECS[kind].field(n).vi if headers == "vi" else n for n in names]
    table = []
    for row in rows:
        cells: list[object] = []
        for name in names:
            value = row.get(name, "")
            if isinstance(value, V):
                value = value.code if values == "codes" else value.label
            cells.append(_as_typed(kind, name, value) if fmt == "xlsx" else value)
        table.append(cells)
    return write_table(path, header, table, fmt)


def suffix_of(fmt: str) -> str:
    return ".xlsx" if fmt == "xlsx" else ".csv"


def import_good(database: Database, folder: Path, *, fmt: str = "csv-bom", headers: str = "en",
                values: str = "codes") -> dict[str, ImportReport]:
    reports = {}
    for kind in KINDS:
        path = write_kind(folder / f"good-{kind}-{fmt}-{headers}-{values}{suffix_of(fmt)}", kind, GOOD[kind],
                          fmt=fmt, headers=headers, values=values)
        report = import_table(database, kind, path)
        assert report.ok, (kind, report.file_error, report.errors)
        reports[kind] = report
    return reports


# --- reading the database back --------------------------------------------------------------------


def table_counts(db_path: Path) -> dict[str, int]:
    connection = sqlite3.connect(db_path)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        connection.close()


def view(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every record as comparable values, without ids."""
    with database.sessions() as s:
        def unit(unit_id: int | None) -> tuple[str, str] | None:
            if unit_id is None:
                return None
            found = s.get_one(AdminUnit, unit_id)
            return (found.scheme, found.code)

        def org(org_id: int | None) -> str | None:
            return s.get_one(Organisation, org_id).name if org_id else None

        return {
            "sessions": sorted(
                (unit(r.unit_id), r.ref, r.held_on, r.kind, sorted(o.name for o in r.organisers),
                 sorted(t.code for t in r.topics), r.attendees, r.member_attendees, r.place, r.notes)
                for r in s.scalars(select(DisseminationSession))),
            "models": sorted(
                (unit(r.unit_id), r.ref, r.type, r.name, org(r.lead_organisation_id), r.launched_on, r.status,
                 r.members, r.cameras,
                 [(x.recognised_on, x.authority, x.decision_number) for x in r.recognitions])
                for r in s.scalars(select(SecurityModel))),
            "sources": sorted(
                (unit(r.unit_id), r.ref, r.received_on, org(r.organisation_id), r.category, r.channel, r.content,
                 r.status)
                for r in s.scalars(select(InformationSource))),
            "cases": sorted(
                (unit(r.unit_id), r.ref, r.opened_on, r.category, r.individuals, sorted(x.ref for x in r.sources),
                 r.summary)
                for r in s.scalars(select(UncoveredCase))),
            "commendations": sorted(
                (unit(r.unit_id), r.ref, r.number, r.decided_on, r.authority, r.form, r.period_from, r.period_to,
                 r.achievement)
                for r in s.scalars(select(CommendationDecision))),
            "recipients": sorted((
                (r.decision.number, r.ref, r.kind, r.name, r.title, r.position, unit(r.unit_id),
                 org(r.organisation_id))
                for r in s.scalars(select(CommendationRecipient))), key=repr),
        }


def sheet_rows(path: Path) -> list[list[object]]:
    """The cells of an exported file, as a spreadsheet program reads them."""
    if path.suffix == ".xlsx":
        workbook = load_workbook(path)
        try:
            return [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
        finally:
            workbook.close()
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def errors_of(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(e.line, e.field, e.message) for e in report.errors]


def refused(database: Database, db_path: Path, kind: str, path: Path) -> ImportReport:
    before = table_counts(db_path)
    report = import_table(database, kind, path)
    assert not report.ok
    assert dict(report.counts) == {}
    assert table_counts(db_path) == before
    return report


SESSION_HEADER = ["ref", "date", "unit_code", "kind", "organisers", "topics", "attendees", "member_attendees",
                  "place", "notes"]


def session_row(ref: str = "", date: str = "01/09/2025", organisers: str = "youth_union", attendees: str = "30",
                members: str = "5", notes: str = "") -> list[str]:
    return [ref, date, "", "training", organisers, "drugs", attendees, members, "", notes]
