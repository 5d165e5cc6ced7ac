"""One certificate page, checked the way a reader would: its text (pdftotext) with diacritics
intact from NFC and NFD input, every font embedded (pdffonts), A4 landscape (pdfinfo), and every
word of a 300-character achievement inside the border (pdftotext -bbox)."""
from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from desktop.services.certificates.layout import BORDER, PAGE, Certificate, Template, TextDoesNotFit, render_pdf

ACHIEVEMENT = ("Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2019–2024, "
               "tích cực tham gia tuyên truyền, vận động nhân dân phòng, chống tội phạm ma túy, mua bán người, "
               "tham gia mô hình tổ tự quản an ninh trật tự khu phố, cung cấp nhiều nguồn tin có giá trị cho "
               "Công an phường Hà Tu và các xã lân cận trong toàn tỉnh")[:300]
GIAY_KHEN = Template("giay_khen", "GIẤY KHEN")


def certificate(form: str = "NFC", achievement: str = ACHIEVEMENT) -> Certificate:
    def text(value: str) -> str:
        return unicodedata.normalize(form, value)

    return Certificate(text("Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"), text("Bà Nguyễn Thị Hường"),
                       text("Chủ tịch Hội Liên hiệp Phụ nữ phường Hà Tu"), text(achievement),
                       text("Quyết định số 1234/QĐ-UBND ngày 18/7/2024"), text("Quảng Ninh, ngày 18 tháng 7 năm 2024"),
                       text("Chủ tịch"), text("Cao Tường Huy"), "Số vào sổ: GK-2024-0001")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_the_words_print_whole_from_either_unicode_form(tmp_path: Path, form: str) -> None:
    pdf = tmp_path / "giay-khen.pdf"
    assert render_pdf(pdf, [certificate(form)], GIAY_KHEN, "Giấy khen") == 1
    text = unicodedata.normalize("NFC", run("pdftotext", "-layout", str(pdf), "-"))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", "GIẤY KHEN", "Bà Nguyễn Thị Hường",
                     "Quảng Ninh, ngày 18 tháng 7 năm 2024", "Quyết định số 1234/QĐ-UBND ngày 18/7/2024",
                     "Cao Tường Huy"):
        assert expected in text, expected
    assert "\u0300" not in run("pdftotext", str(pdf), "-")  # no loose combining accent


def test_every_font_is_embedded_and_the_page_is_a4_landscape(tmp_path: Path) -> None:
    pdf = tmp_path / "giay-khen.pdf"
    render_pdf(pdf, [certificate(), certificate()], GIAY_KHEN, "Giấy khen")
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert len(fonts) >= 3
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    assert not any("Helvetica" in line for line in fonts)
    info = run("pdfinfo", str(pdf))
    assert re.search(r"Pages:\s+2\b", info)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None and float(size[1]) == pytest.approx(841.89, abs=0.1)
    assert float(size[2]) == pytest.approx(595.28, abs=0.1)


def test_a_300_character_achievement_stays_inside_the_border(tmp_path: Path) -> None:
    assert len(ACHIEVEMENT) == 300
    pdf = tmp_path / "long.pdf"
    render_pdf(pdf, [certificate()], GIAY_KHEN, "Giấy khen")
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                       run("pdftotext", "-bbox", str(pdf), "-"))
    assert len(boxes) > 60
    inner = BORDER + 7  # the inner frame
    width, height = PAGE
    for x0, y0, x1, y1, word in boxes:
        assert inner < float(x0) and float(x1) < width - inner, word
        assert inner < float(y0) and float(y1) < height - inner, word
    words = {unicodedata.normalize("NFC", w) for *_, w in boxes}
    assert set(ACHIEVEMENT.split()[-4:]) <= words  # the achievement's last words are printed


def test_a_text_too_long_for_any_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TextDoesNotFit):
        render_pdf(tmp_path / "x.pdf", [certificate(achievement="rất dài " * 3000)], GIAY_KHEN, "Giấy khen")
