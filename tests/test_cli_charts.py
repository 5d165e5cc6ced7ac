"""`antq chart` as an office script uses it: PNG, SVG and PDF written, `--list`, and one plain
line with exit 1 and no file for a bad chart name, file type, date or unit."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from desktop.cli import main
from desktop.services.charts import CHARTS
from desktop.services.installation import Database
from tests.services.test_stats import build


@pytest.fixture
def db(database: Database, db_path: Path) -> list[str]:
    with database.sessions() as session, session.begin():
        build(session)
    database.dispose()
    return ["--db", str(db_path)]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "charts"
    folder.mkdir()
    return folder


def test_list_names_every_chart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chart", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(CHARTS)
    assert lines[1].split(maxsplit=1)[1] == "Buổi tuyên truyền, tập huấn theo nội dung"
    assert main(["--lang", "en", "chart", "--list"]) == 0
    assert "Dissemination sessions by topic" in capsys.readouterr().out


def test_png_svg_and_pdf(db: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "chart", "sessions-by-topic", "--unit", "22", "--from", "01/01/2024", "--to", "31/12/2025",
                 "--out", str(out / "topics.png")]) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi biểu đồ vào {out / 'topics.png'}."
    with Image.open(out / "topics.png") as image:
        assert image.size == (1500, 840)
    assert main([*db, "chart", "year-on-year", "--from", "2025-01-01", "--to", "2025-12-31", "--approved-only",
                 "--out", str(out / "yoy.svg")]) == 0
    assert (out / "yoy.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert main([*db, "--lang", "en", "chart", "units-compared", "--unit", "22", "--out", str(out / "units.pdf")]) == 0
    assert "Chart written to" in capsys.readouterr().out
    assert (out / "units.pdf").read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in out.iterdir()) == ["topics.png", "units.pdf", "yoy.svg"]


@pytest.mark.parametrize(("arguments", "message"), [
    (["sessions-by-week", "--out", "c.png"], "Không có biểu đồ «sessions-by-week» (xem: antq chart --list)."),
    (["sessions-by-topic", "--out", "c.jpg"], "phải có đuôi .png, .svg hoặc .pdf."),
    (["sessions-by-topic", "--from", "31/02/2025", "--out", "c.png"],
     "Ngày không hợp lệ: «31/02/2025» (nhập dd/mm/yyyy)."),
    (["sessions-by-topic", "--unit", "99999", "--out", "c.png"], "Không có đơn vị mã «99999»"),
    (["sessions-by-topic", "--from", "02/01/2025", "--to", "01/01/2025", "--out", "c.png"], "02/01/2025"),
    (["sessions-by-topic", "--out", "missing/c.png"], "Không có thư mục"),
])
def test_bad_input_is_one_line_and_no_file(db: list[str], out: Path, capsys: pytest.CaptureFixture[str],
                                           arguments: list[str], message: str) -> None:
    arguments = [str(out / a) if a.startswith(("c.", "missing/")) else a for a in arguments]
    assert main([*db, "chart", *arguments]) == 1
    printed = capsys.readouterr()
    assert printed.out == ""
    assert len(printed.err.strip().splitlines()) == 1 and message in printed.err
    assert list(out.iterdir()) == []


def test_a_name_and_a_file_are_needed(db: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*db, "chart", "sessions-by-topic"]) == 2
    assert capsys.readouterr().err.strip() == "Cần tên biểu đồ và --out TỆP (xem: antq chart --list)."


def test_no_database_no_file(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "none.sqlite3"), "chart", "sessions-by-month", "--out", str(out / "c.png")]) == 1
    assert "antq init" in capsys.readouterr().err
    assert list(out.iterdir()) == [] and not (tmp_path / "none.sqlite3").exists()
