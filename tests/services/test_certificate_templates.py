"""Templates kept per issuing authority on a real SQLite file: saved and read back, a default
replaced and brought back, every bad value refused at its field with nothing written, the
emblem printed into the PDF, and the audit trail of every change."""
from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from db.models import AuditEntry, CertificateTemplate
from desktop.services.certificates.register import Signer, print_certificates
from desktop.services.certificates.templates import (
    TemplateError,
    TemplateFields,
    delete_template,
    list_templates,
    load_template,
    save_template,
)
from desktop.services.installation import Database
from desktop.services.permissions import Actor, PermissionDenied
from tests.services.test_certificates import decision, pdf_text


def emblem_png(size: int = 120) -> bytes:
    picture = Image.new("RGB", (size, size), (200, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def ward_template(**changes: object) -> TemplateFields:
    template = TemplateFields(name="giay_khen_ubnd_ha_tu", label="Giấy khen UBND phường Hà Tu", title="GIẤY KHEN",
                              authority_title="Chủ tịch Ủy ban nhân dân phường Hà Tu", signer_title="Chủ tịch",
                              signer_name="Cao Tường Huy", place="Hạ Long", achievement_prefix="Đã có thành tích ")
    return replace(template, **changes)


def templates_in_database(database: Database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(CertificateTemplate)) or 0


def test_saved_template_prints_with_its_signer_place_and_emblem(database: Database, tmp_path: Path) -> None:
    saved = save_template(database, ward_template(emblem=emblem_png(), title_color="#1f4e79"))
    assert saved.custom and saved.title_color == "#1F4E79"
    with database.sessions() as session:
        assert [t.name for t in list_templates(session)][:1] == ["giay_khen_ubnd_ha_tu"]
        assert load_template(session, "giay_khen_ubnd_ha_tu") == saved
    decision(database)
    out = tmp_path / "gk.pdf"
    print_certificates(database, "1234/QĐ-UBND", out, template_name="giay_khen_ubnd_ha_tu")
    text = pdf_text(out)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU" in text and "Cao Tường Huy" in text
    assert "Hạ Long, ngày 18 tháng 9 năm 2025" in text
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) - 2 == 3  # the emblem on each of the three pages …
    assert len({line.split()[3] for line in images.strip().splitlines()[2:]}) == 1  # … stored once


def test_a_default_replaced_then_brought_back(database: Database) -> None:
    with database.sessions() as session:
        default = load_template(session, "bang_khen")
    assert default is not None and not default.custom
    save_template(database, replace(default, signer_name="Cao Tường Huy", signer_title="Chủ tịch"))
    with database.sessions() as session:
        names = [t.name for t in list_templates(session)]
        assert names.count("bang_khen") == 1
        assert load_template(session, "bang_khen").signer_name == "Cao Tường Huy"  # type: ignore[union-attr]
    assert delete_template(database, "bang_khen") is True
    assert delete_template(database, "bang_khen") is False
    with database.sessions() as session:
        assert load_template(session, "bang_khen") == default
        actions = list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.table_name == "certificate_template").order_by(AuditEntry.id)))
    assert actions == ["create", "delete"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": "Giấy khen"}, "name"),
    ({"label": "   "}, "label"),
    ({"title": ""}, "title"),
    ({"signer_name": "Cao\nHuy"}, "signer_name"),
    ({"place": "x" * 101}, "place"),
    ({"border_color": "red"}, "border_color"),
    ({"text_color": "#12345"}, "text_color"),
    ({"emblem": b"GIF89a not a png"}, "emblem"),
    ({"emblem": emblem_png()[:40]}, "emblem"),
    ({"title": "GIẤY KHEN " * 10 + "X"}, "title"),  # 100 characters at most
])
def test_bad_values_are_refused_at_their_field(database: Database, changes: dict[str, object], field: str) -> None:
    with pytest.raises(TemplateError) as refused:
        save_template(database, ward_template(**changes))
    assert refused.value.field == field and refused.value.message
    assert templates_in_database(database) == 0


def test_a_signer_name_too_long_for_its_line_is_refused(database: Database) -> None:
    with pytest.raises(TemplateError) as refused:
        save_template(database, ward_template(signer_name="Nguyễn " * 28))
    assert refused.value.field == "signer_name" and "không vừa" in refused.value.message
    assert templates_in_database(database) == 0


def test_a_template_at_every_limit_still_fits_its_page(database: Database, tmp_path: Path) -> None:
    from desktop.services.certificates.layout import INNER, PAGE

    longest = ward_template(title="GIẤY KHEN " * 10, verb="TẶNG " * 8, authority_title="ỦY BAN NHÂN DÂN " * 18,
                            signer_title="CHỦ TỊCH " * 22, signer_name="Nguyễn " * 12, place="Quảng Ninh " * 9,
                            achievement_prefix="Đã có thành tích xuất sắc " * 19, emblem=emblem_png())
    save_template(database, longest)
    decision(database)
    out = tmp_path / "longest.pdf"
    print_certificates(database, "1234/QĐ-UBND", out, template_name=longest.name)
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(out), "-"], capture_output=True,
                           text=True, check=True).stdout
    words = [line for line in boxes.splitlines() if line.strip().startswith("<word ")]
    assert len(words) > 300
    for word in words:
        x_min, y_min, x_max, y_max = (float(word.split(f'{k}="')[1].split('"')[0])
                                      for k in ("xMin", "yMin", "xMax", "yMax"))
        assert INNER - 1 <= x_min and x_max <= PAGE[0] - INNER + 1 and INNER - 1 <= y_min and y_max <= PAGE[1] - INNER + 1


def test_who_may_edit_templates(database: Database) -> None:
    with pytest.raises(PermissionDenied):
        save_template(database, ward_template(), actor=Actor("xem", "viewer"))
    save_template(database, ward_template(), actor=Actor("hoiphunu", "union_clerk", 1, "womens_union"))
    with database.sessions() as session:
        assert session.scalar(select(AuditEntry.username).order_by(AuditEntry.id.desc())) == "hoiphunu"


def test_a_signer_typed_for_one_printing_wins_over_the_template(database: Database, tmp_path: Path) -> None:
    save_template(database, ward_template())
    decision(database)
    print_certificates(database, "1234/QĐ-UBND", tmp_path / "a.pdf", template_name="giay_khen_ubnd_ha_tu",
                       signer=Signer(name="Phạm Thị Lan"))
    text = pdf_text(tmp_path / "a.pdf")
    assert "Phạm Thị Lan" in text and "Cao Tường Huy" not in text


def test_a_decision_prints_with_its_authoritys_own_template(database: Database, tmp_path: Path) -> None:
    from desktop.services.certificates.register import CertificateError
    from desktop.services.editing import save_record

    decision(database)  # a giấy khen of "Chủ tịch UBND phường Hà Tu"
    save_template(database, ward_template(name="bang_khen_rieng", title="BẰNG KHEN",
                                          authority_title="Chủ tịch UBND phường Hà Tu", signer_name="Người Khác"))
    save_template(database, ward_template(name="gk_cong_an", authority_title="Trưởng Công an phường Hà Tu",
                                          signer_name="Người Khác"))
    save_template(database, ward_template(authority_title="CHỦ TỊCH UBND PHƯỜNG HÀ TU"))  # the same, in capitals
    print_certificates(database, "1234/QĐ-UBND", tmp_path / "gk.pdf")  # no template, no signer given
    text = pdf_text(tmp_path / "gk.pdf")
    assert "GIẤY KHEN" in text and "Cao Tường Huy" in text and "Hạ Long, ngày 18 tháng 9 năm 2025" in text
    assert "Người Khác" not in text
    # Another authority's decision has no template of its own: the default, which names no signer.
    assert save_record(database, "commendations", {
        "number": "5/QĐ-HPN", "date": dt.date(2025, 9, 18), "authority": "Chủ tịch Hội Liên hiệp Phụ nữ phường Hà Tu",
        "form": "certificate_of_merit", "achievement": "Thành tích"}, "officer").saved
    assert save_record(database, "recipients", {"decision_number": "5/QĐ-HPN", "kind": "individual",
                                                "name": "Lê Thị Hoa", "title": "ms"}, "officer").saved
    with pytest.raises(CertificateError) as default:
        print_certificates(database, "5/QĐ-HPN", tmp_path / "hpn.pdf")
    assert default.value.field == "signer_title" and "«giay_khen»" in default.value.message
