"""Printing a decision's certificates from the register on a real SQLite file: the text of the
PDF, serial numbers recorded with who and when, reprints said so, one file per recipient with
safe names, and bad input (no recipients, a missing template field, a name of only spaces)
refused with a clear message and no file."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from db.models import AuditEntry, CertificatePrint
from desktop.services.certificates.register import CertificateError, Signer, print_certificates, safe_file_name
from desktop.services.editing import save_record
from desktop.services.installation import Database

DAY = dt.date(2025, 9, 18)
SIGNER = Signer(title="Chủ tịch", name="Cao Tường Huy", authority_title="Chủ tịch Ủy ban nhân dân phường Hà Tu")
PEOPLE = [("individual", "Nguyễn Thị Hường", "ms", "Chủ tịch Hội Liên hiệp Phụ nữ khu 3", "womens_union"),
          ("individual", "Trần Văn Nam", "comrade", "Công an viên", "police"),
          ("collective", "Tổ tự quản an ninh trật tự khu 5", None, None, None)]


def decision(database: Database, number: str = "1234/QĐ-UBND", people: list = PEOPLE) -> None:
    saved = save_record(database, "commendations", {
        "number": number, "date": DAY, "authority": "Chủ tịch UBND phường Hà Tu", "form": "certificate_of_merit",
        "achievement": "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2025"},
        "officer")
    assert saved.saved, saved.violations
    for kind, name, title, position, organisation in people:
        # Typed decomposed (NFD), as some keyboards do: stored and printed composed.
        result = save_record(database, "recipients", {
            "decision_number": number, "kind": kind, "name": unicodedata.normalize("NFD", name), "title": title,
            "position": position, "organisation": organisation}, "officer")
        assert result.saved, result.violations


def refs(database: Database) -> list[str]:
    with database.sessions() as session:
        return list(session.scalars(text("SELECT ref FROM commendation_recipient ORDER BY id")))


def pdf_text(path: Path) -> str:
    return unicodedata.normalize("NFC", subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                                       text=True, check=True).stdout)


def test_one_pdf_in_register_order_with_serials_recorded(database: Database, tmp_path: Path) -> None:
    decision(database)
    out = tmp_path / "giay-khen.pdf"
    result = print_certificates(database, "1234/QĐ-UBND", out, signer=SIGNER, actor=_user(database, "officer"))
    assert result.paths == [out] and result.reprints == []
    assert result.serials == ["GK-2025-0001", "GK-2025-0002", "GK-2025-0003"]
    pages = pdf_text(out).split("\f")
    assert "Bà Nguyễn Thị Hường" in pages[0] and "Đồng chí Trần Văn Nam" in pages[1]
    assert "Tổ tự quản an ninh trật tự khu 5" in pages[2]
    for page in pages[:3]:
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU" in page
        assert "Quảng Ninh, ngày 18 tháng 9 năm 2025" in page
        assert "Quyết định số 1234/QĐ-UBND ngày 18/09/2025" in page
    with database.sessions() as session:
        rows = session.execute(select(CertificatePrint.serial, CertificatePrint.copy, CertificatePrint.printed_by)
                               .order_by(CertificatePrint.id)).all()
        assert rows == [("GK-2025-0001", 1, "canbo"), ("GK-2025-0002", 1, "canbo"), ("GK-2025-0003", 1, "canbo")]
        assert session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "print"


def test_a_reprint_keeps_its_serial_and_says_so(database: Database, tmp_path: Path) -> None:
    decision(database)
    print_certificates(database, "1234/QĐ-UBND", tmp_path / "a.pdf", signer=SIGNER)
    again = print_certificates(database, "1234/QĐ-UBND", tmp_path / "b.pdf", recipient_refs=[refs(database)[1]],
                               signer=SIGNER)
    assert again.serials == ["GK-2025-0002"] and again.reprints == ["GK-2025-0002"]
    with database.sessions() as session:
        assert session.scalar(select(CertificatePrint.copy).order_by(CertificatePrint.id.desc())) == 2


def test_one_file_per_recipient_with_safe_names(database: Database, tmp_path: Path) -> None:
    decision(database)
    folder = tmp_path / "usb"
    folder.mkdir()
    result = print_certificates(database, "1234/QĐ-UBND", folder, signer=SIGNER)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["GK-2025-0001-nguyen-thi-huong.pdf", "GK-2025-0002-tran-van-nam.pdf",
                     "GK-2025-0003-to-tu-quan-an-ninh-trat-tu-khu-5.pdf"]
    assert len(result.paths) == 3
    long_name = safe_file_name("GK-2025-0004", "Đội " * 40 + "CON:?*<>|\"")
    assert len(long_name) <= 64 and re.fullmatch(r"[0-9A-Za-z-]+\.pdf", long_name)


def test_bad_input_is_refused_with_no_file(database: Database, tmp_path: Path) -> None:
    decision(database, "99/QĐ-UBND", people=[])
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "x.pdf"
    with pytest.raises(CertificateError) as empty:
        print_certificates(database, "99/QĐ-UBND", out, signer=SIGNER)
    assert empty.value.field == "decision" and "chưa có người" in empty.value.message
    decision(database)
    with pytest.raises(CertificateError) as unsigned:
        print_certificates(database, "1234/QĐ-UBND", out)  # the default template names no signer
    assert unsigned.value.field == "signer_title"
    second = refs(database)[1]
    with database.sessions() as session, session.begin():  # an old row, from before validation
        session.execute(text("UPDATE commendation_recipient SET name = '   ' WHERE ref = :ref"), {"ref": second})
    with pytest.raises(CertificateError) as blank:
        print_certificates(database, "1234/QĐ-UBND", out, signer=SIGNER)
    assert blank.value.field == "recipient" and second in blank.value.message
    with pytest.raises(CertificateError):
        print_certificates(database, "không có", out, signer=SIGNER)
    assert list(usb.iterdir()) == []  # not even a temporary file
    with database.sessions() as session:
        assert session.scalar(select(CertificatePrint.id)) is None


def _user(database: Database, role: str, organisation: str | None = None):  # type: ignore[no-untyped-def]
    from db.units import own_unit
    from desktop.services.permissions import Actor

    with database.sessions() as session:
        unit = own_unit(session)
        assert unit is not None
        return Actor("hoiphunu" if organisation else "canbo", role, unit.id, organisation)


def test_a_union_clerk_prints_only_their_organisations_members(database: Database, tmp_path: Path) -> None:
    decision(database)
    clerk = _user(database, "union_clerk", "womens_union")
    result = print_certificates(database, "1234/QĐ-UBND", tmp_path / "hoi.pdf", signer=SIGNER, actor=clerk)
    assert result.serials == ["GK-2025-0001"]
    assert "Bà Nguyễn Thị Hường" in pdf_text(tmp_path / "hoi.pdf") and "Trần Văn Nam" not in pdf_text(
        tmp_path / "hoi.pdf")
    with pytest.raises(CertificateError) as named:  # asking for another organisation's member by name
        print_certificates(database, "1234/QĐ-UBND", tmp_path / "x.pdf", recipient_refs=[refs(database)[1]],
                           signer=SIGNER, actor=clerk)
    assert named.value.field == "recipient" and refs(database)[1] in named.value.message
    veterans = _user(database, "union_clerk", "veterans")
    with pytest.raises(CertificateError) as none:
        print_certificates(database, "1234/QĐ-UBND", tmp_path / "y.pdf", signer=SIGNER, actor=veterans)
    assert none.value.field == "decision" and "tổ chức của bạn" in none.value.message
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["hoi.pdf"]
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CertificatePrint)) == 1


def test_a_cancelled_batch_records_nothing_and_leaves_no_file(database: Database, tmp_path: Path) -> None:
    from desktop.services.progress import Cancelled, Progress

    decision(database)
    seen: list[tuple[int, int]] = []
    progress = Progress(lambda done, total: (seen.append((done, total)), progress.cancel()))
    for out in (tmp_path / "one.pdf", tmp_path):
        seen.clear()
        with pytest.raises(Cancelled):
            print_certificates(database, "1234/QĐ-UBND", out, signer=SIGNER, progress=progress)
        assert seen == [(1, 3)]  # told after the first page, stopped there
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.part")) == []
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CertificatePrint)) == 0


def test_a_signer_too_long_for_the_page_is_refused_at_its_field_before_anything(database: Database,
                                                                                tmp_path: Path) -> None:
    from desktop.services.certificates.register import preview

    decision(database)
    long_signer = Signer(title="Chủ tịch", name="Cao Tường Huy " * 20, authority_title=SIGNER.authority_title)
    with database.sessions() as session, pytest.raises(CertificateError) as previewed:
        preview(session, "1234/QĐ-UBND", signer=long_signer)  # the window's preview says it, paints nothing
    assert previewed.value.field == "signer_name" and "quá dài" in previewed.value.message
    with pytest.raises(CertificateError) as printed:
        print_certificates(database, "1234/QĐ-UBND", tmp_path / "x.pdf", signer=long_signer)
    assert printed.value.field == "signer_name"
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*")) == []
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CertificatePrint)) == 0
