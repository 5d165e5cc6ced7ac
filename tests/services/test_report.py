"""The review report on a real SQLite file with demo records: its text (pdftotext) holds the
figures of `antq stats` written as sentences, in Vietnamese and English formats; every font is
embedded; the workbook's tables add up to the same figures; a period without data says so; bad
input writes nothing."""
from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.services.demo import make_demo
from desktop.services.figures import Filters
from desktop.services.installation import Database
from desktop.services.report import ReportError, make_report
from desktop.services.stats import compute_stats, format_number

FROM, TO = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(database: Database) -> Database:
    make_demo(database, records=3000, seed=7)
    return database


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFC", text).split())  # lines joined: sentences wrap


def test_the_pdf_writes_the_figures_as_sentences_in_both_languages(demo: Database, tmp_path: Path) -> None:
    stats = compute_stats(demo, "06652", FROM, TO)
    filters = Filters("06652", FROM, TO)
    make_report(demo, filters, tmp_path / "vi.pdf", "vi", today=TODAY)
    make_report(demo, filters, tmp_path / "en.pdf", "en", today=TODAY)
    vi, en = pdf_text(tmp_path / "vi.pdf"), pdf_text(tmp_path / "en.pdf")
    s, src = stats["sessions"], stats["sources"]
    assert stats["sessions"]["count"] > 1000  # the thousands separator is exercised
    assert f"Trong giai đoạn 2021–2025, Phường Hà Tu đã tổ chức {format_number(s['count'], 'vi')} lớp tập huấn" in vi
    assert f"{format_number(s['count'], 'vi')}".count(".") == 1
    assert f"held {format_number(s['count'], 'en')} training and dissemination sessions" in en
    assert f"cung cấp {format_number(src['count'], 'vi')} nguồn tin, giúp phát hiện, xử lý " \
           f"{format_number(src['cases'], 'vi')} vụ việc" in vi
    assert f"{format_number(stats['models']['typical'], 'vi')} mô hình được công nhận điển hình" in vi
    assert "Lập ngày 22 tháng 11 năm 2026" in vi and "Made on 22 November 2026" in en
    c = stats["commendations"]
    assert (f"{format_number(c['decisions'], 'vi')} quyết định khen thưởng {format_number(c['collectives'], 'vi')} "
            f"tập thể và {format_number(c['individuals'], 'vi')} cá nhân") in vi
    for path in (tmp_path / "vi.pdf", tmp_path / "en.pdf"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts
        assert "Helvetica" not in fonts


def test_the_charts_are_vector_drawings_with_searchable_vietnamese_text(demo: Database, tmp_path: Path) -> None:
    make_report(demo, Filters("22", FROM, TO), tmp_path / "r.pdf", "vi", today=TODAY)
    text = pdf_text(tmp_path / "r.pdf")
    for title in ("Mô hình theo loại và tình trạng", "Nguồn tin, vụ việc và đối tượng theo tổ chức cung cấp",
                  "So sánh với cùng kỳ năm trước"):
        assert title in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts  # the charts' own face, embedded with the rest


def test_a_period_before_the_reform_by_the_units_of_the_time_or_of_today(demo: Database, tmp_path: Path) -> None:
    before = Filters("22", dt.date(2023, 1, 1), dt.date(2024, 12, 31))
    make_report(demo, before, tmp_path / "then.pdf", "vi", today=TODAY)
    make_report(demo, replace(before, units="now"), tmp_path / "now.pdf", "vi", today=TODAY)
    then, now = pdf_text(tmp_path / "then.pdf"), pdf_text(tmp_path / "now.pdf")
    assert "Theo đơn vị (theo đơn vị hành chính thời điểm đó)" in then and "Thành phố Hạ Long" in then
    assert "Theo đơn vị (quy về đơn vị hành chính hiện nay)" in now and "Thành phố Hạ Long" not in now
    assert "Phường Hà Tu" in now
    make_report(demo, replace(before, units="now"), tmp_path / "now.xlsx", "vi", today=TODAY)
    units = list(load_workbook(tmp_path / "now.xlsx")["Theo đơn vị"].iter_rows(values_only=True))
    stats = compute_stats(demo, "22", before.date_from, before.date_to)
    assert sum(row[1] for row in units[1:]) == stats["sessions"]["count"] > 0


def test_a_long_list_of_decisions_is_cut_into_pages_without_losing_one(demo: Database, tmp_path: Path) -> None:
    from desktop.services.report.content import gather
    from desktop.services.report.pdf import write_pdf

    content = gather(demo.sessions, Filters(None, FROM, TO), "vi", TODAY)
    many = content.decisions * (400 // max(1, len(content.decisions)) + 1)
    numbered = tuple(replace(d, number=f"{i}/QĐ-TEST") for i, d in enumerate(many, start=1))
    write_pdf(replace(content, decisions=numbered), str(tmp_path / "long.pdf"))
    text = pdf_text(tmp_path / "long.pdf")
    assert all(f" {i}/QĐ-TEST " in f" {text} " for i in range(1, len(numbered) + 1))
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "long.pdf"), "-"], capture_output=True,
                           text=True).stdout.split("\f")
    listed = [page for page in pages if "/QĐ-TEST" in page]
    assert len(listed) > 5 and all("Quyết định" in page for page in listed)  # the header on every page


def test_the_workbook_holds_the_same_tables(demo: Database, tmp_path: Path) -> None:
    stats = compute_stats(demo, "06652", FROM, TO)
    make_report(demo, Filters("06652", FROM, TO), tmp_path / "r.xlsx", "vi", today=TODAY)
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == "Tổng hợp"
    organisations = list(book["Theo tổ chức"].iter_rows(values_only=True))
    assert organisations[0][:3] == ("Tổ chức", "Buổi tuyên truyền", "Lượt người")
    by_label = {row[0]: row for row in organisations[1:]}
    assert by_label["Công an"][1] == stats["sessions"]["by_organisation"]["police"]["count"]
    assert sum(row[3] for row in organisations[1:]) == sum(
        v["count"] for v in stats["sources"]["by_organisation"].values())
    decisions = list(book["Khen thưởng"].iter_rows(values_only=True))
    assert len(decisions) - 1 == stats["commendations"]["decisions"]
    assert sum(row[4] for row in decisions[1:]) == stats["commendations"]["collectives"]


def test_a_period_without_data_says_so(demo: Database, tmp_path: Path) -> None:
    make_report(demo, Filters("06652", dt.date(2001, 1, 1), dt.date(2001, 12, 31)), tmp_path / "r.pdf", "vi")
    # Code 06652 read in the list in force in 2001: Phường Hà Phong, which Hà Tu took over in 2025.
    assert "Không có số liệu nào của Phường Hà Phong trong năm 2001." in pdf_text(tmp_path / "r.pdf")
    make_report(demo, Filters("06652", dt.date(2001, 1, 1), dt.date(2001, 12, 31)), tmp_path / "r.pdf", "en")
    assert "No records for Phường Hà Phong in 2001." in pdf_text(tmp_path / "r.pdf")


def test_bad_input_writes_nothing(demo: Database, db_path: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ReportError):
        make_report(demo, Filters("06652", FROM, TO), tmp_path / "r.docx", "vi")
    demo.dispose()
    db = ["--db", str(db_path)]
    assert main([*db, "report", "--from", "01/01/2025", "--to", "31/12/2024", "--out", str(tmp_path / "a.pdf")]) == 1
    assert "sau ngày kết thúc" in capsys.readouterr().err
    assert main([*db, "report", "--unit", "99999", "--from", "01/01/2025", "--to", "31/12/2025", "--out",
                 str(tmp_path / "b.pdf")]) == 1
    assert main([*db, "report", "--from", "1/1/2025", "--to", "31/12/2025", "--out", str(tmp_path / "c.odt")]) == 1
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.part")) == []
    assert main([*db, "report", "--unit", "06652", "--from", "01/01/2021", "--to", "31/12/2025", "--out",
                 str(tmp_path / "ok.pdf")]) == 0
    assert (tmp_path / "ok.pdf").is_file()
