"""The charts: every one draws and saves (PNG, SVG, PDF) with Vietnamese words and numbers, its
bars add up to `compute_stats`, a period without data says so, and pyplot is never imported."""
from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure
from PIL import Image

from desktop.services.charts import (
    CHARTS,
    ChartError,
    build_chart,
    chart_is_empty,
    chart_names,
    draw_chart,
    save_chart,
)
from desktop.services.figures import Filters, overview
from desktop.services.installation import Database
from desktop.services.stats import compute_stats
from tests.services.test_stats import build

D = dt.date
PROVINCE = Filters("22", D(2024, 1, 1), D(2025, 12, 31))
NOTHING = Filters("06706", D(2030, 1, 1), D(2030, 12, 31))  # Tuần Châu has no record at all
NO_DATA = "Không có số liệu trong khoảng thời gian này"


@pytest.fixture
def charts_db(database: Database) -> Iterator[Database]:
    with database.sessions() as session, session.begin():
        build(session)
    yield database


def chart(database: Database, name: str, filters: Filters = PROVINCE, lang: str = "vi") -> Figure:
    with database.sessions() as session:
        return build_chart(session, name, filters, lang)


def svg_text(figure: Figure, path: Path) -> str:
    """The words of a chart: saved as SVG with text kept as text (test-only setting)."""
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        save_chart(figure, path)
    return html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8"))))


def test_the_charts_are_named() -> None:
    assert chart_names() == ["sessions-by-month", "sessions-by-topic", "sessions-by-kind", "sessions-by-organisation",
                             "models-by-type", "sources-cases", "units-compared", "year-on-year"]
    assert CHARTS["sources-cases"].title("vi") == "Nguồn tin, vụ việc và đối tượng theo tổ chức cung cấp"
    assert CHARTS["sources-cases"].title("en") == "Sources, cases and individuals by providing organisation"


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_is_a_real_image(charts_db: Database, name: str, tmp_path: Path) -> None:
    figure = chart(charts_db, name)
    path = save_chart(figure, tmp_path / f"{name}.png")
    with Image.open(path) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert width == 1500 and height >= 630
        extrema = image.convert("RGB").getextrema()
        assert any(low != high for low, high in extrema)  # not one flat colour
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 20
    assert not chart_is_empty(draw_data(charts_db, name))


def draw_data(database: Database, name: str, filters: Filters = PROVINCE) -> object:
    with database.sessions() as session:
        return CHARTS[name].compute(session, filters)


def test_bars_add_up_to_the_stats(charts_db: Database) -> None:
    with charts_db.sessions() as session:
        stats = compute_stats(session, "22", PROVINCE.date_from, PROVINCE.date_to)
    sessions = stats["sessions"]

    sessions_axes, attendees_axes = chart(charts_db, "sessions-by-month").axes
    assert sum(p.get_height() for p in sessions_axes.patches) == sessions["count"] == 6
    assert sum(p.get_height() for p in attendees_axes.patches) == sessions["attendees"]

    for name, key in (("sessions-by-topic", "by_topic"), ("sessions-by-kind", "by_kind"),
                      ("sessions-by-organisation", "by_organisation")):
        left, right = chart(charts_db, name).axes
        assert sorted(p.get_width() for p in left.patches) == sorted(f["count"] for f in sessions[key].values())
        assert sorted(p.get_width() for p in right.patches) == sorted(f["attendees"] for f in sessions[key].values())

    totals = chart(charts_db, "sources-cases").axes[0]
    assert [p.get_width() for p in totals.patches] == [
        stats["sources"]["count"], stats["sources"]["cases"], stats["sources"]["individuals"]]

    models = chart(charts_db, "models-by-type").axes[0]
    assert sum(p.get_width() for p in models.patches) == stats["models"]["count"]
    hatched = sum(p.get_width() for p in models.patches if p.get_hatch())
    assert hatched == stats["models"]["typical"]

    units = chart(charts_db, "units-compared").axes[0]
    assert sum(p.get_width() for p in units.patches if p.get_visible()) == sessions["count"]


def test_words_and_numbers_are_vietnamese(charts_db: Database, tmp_path: Path) -> None:
    words = svg_text(chart(charts_db, "sessions-by-month"), tmp_path / "month.svg")
    assert "Tháng" in words and "Số buổi" in words and "Lượt người" in words and "03/2024" in words
    assert "Tỉnh Quảng Ninh · từ 01/01/2024 đến 31/12/2025" in words
    words = svg_text(chart(charts_db, "sessions-by-topic", Filters()), tmp_path / "topic.svg")
    assert "Phòng, chống ma túy" in words and "Buổi tuyên truyền, tập huấn theo nội dung" in words
    assert "1.650" in words  # drugs: s1, s2, s6 = 100 + 50 + 1,500 attendees, written at its bar
    words = svg_text(chart(charts_db, "models-by-type"), tmp_path / "models.svg")
    assert "Tổ tự quản về an ninh, trật tự" in words and "Đang hoạt động" in words and "điển hình" in words


def test_english_on_request(charts_db: Database, tmp_path: Path) -> None:
    words = svg_text(chart(charts_db, "sessions-by-topic", Filters(), "en"), tmp_path / "topic.svg")
    assert "Drug crime" in words and "1,650" in words and "1.650" not in words
    words = svg_text(chart(charts_db, "sessions-by-month", PROVINCE, "en"), tmp_path / "month.svg")
    assert "Month" in words and "Mar 2024" in words and "Tháng" not in words


def test_a_period_without_data_says_so(charts_db: Database, tmp_path: Path) -> None:
    for name in CHARTS:
        data = draw_data(charts_db, name, NOTHING)
        assert chart_is_empty(data), name
        figure = chart(charts_db, name, NOTHING)
        texts = " ".join(t.get_text() for t in figure.texts)
        expected = "Đơn vị này không có đơn vị trực thuộc để so sánh" if name == "units-compared" else NO_DATA
        assert expected in texts, name
        assert figure.axes == [], name
        with Image.open(save_chart(figure, tmp_path / f"{name}.png")) as image:
            assert image.size[0] == 1500
    # A province in an empty year: its communes are there, but nothing to draw.
    figure = chart(charts_db, "units-compared", Filters("22", D(2030, 1, 1), D(2030, 12, 31)))
    assert NO_DATA in " ".join(t.get_text() for t in figure.texts)


def test_drawn_from_an_overview_into_a_given_figure(charts_db: Database) -> None:
    with charts_db.sessions() as session:
        figures = overview(session, PROVINCE)
    for name in CHARTS:
        target = Figure()
        drawn = draw_chart(name, figures, "vi", figure=target)
        assert drawn is target
        alone = chart(charts_db, name)
        assert [p.get_width() for a in drawn.axes for p in a.patches] == [
            p.get_width() for a in alone.axes for p in a.patches], name
        assert [t.get_text() for t in drawn.texts] == [t.get_text() for t in alone.texts], name


def test_a_saved_chart_is_rendered_in_the_chart_style(charts_db: Database, tmp_path: Path, monkeypatch) -> None:
    figure = chart(charts_db, "sessions-by-kind")
    seen: list[tuple[str, object]] = []
    render = figure.savefig

    def spy(*args, **kwargs) -> None:
        seen.append((kwargs["format"], matplotlib.rcParams["text.hinting"], matplotlib.rcParams["pdf.fonttype"]))
        render(*args, **kwargs)

    monkeypatch.setattr(figure, "savefig", spy)
    save_chart(figure, tmp_path / "c.png")
    save_chart(figure, tmp_path / "c.pdf")
    assert seen == [("png", "no_hinting", matplotlib.rcParams["pdf.fonttype"]), ("pdf", "no_hinting", 42)]
    assert matplotlib.rcParams["text.hinting"] != "no_hinting"  # the process-wide settings are left as they were


def test_png_svg_pdf_and_nothing_else(charts_db: Database, tmp_path: Path) -> None:
    figure = chart(charts_db, "year-on-year")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    assert save_chart(figure, tmp_path / "c.PNG").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in save_chart(figure, tmp_path / "c.svg").read_bytes()[:600]
    assert save_chart(figure, tmp_path / "c.pdf").read_bytes()[:5] == b"%PDF-"
    with pytest.raises(ChartError) as caught:
        save_chart(figure, tmp_path / "c.jpg")
    assert caught.value.message("vi") == f"Tệp «{tmp_path / 'c.jpg'}» phải có đuôi .png, .svg hoặc .pdf."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.PNG", "c.pdf", "c.svg"]  # no partial file left
    with pytest.raises(ChartError, match="sessions-by-week"):
        chart(charts_db, "sessions-by-week")


def test_units_per_thousand_inhabitants(charts_db: Database, tmp_path: Path) -> None:
    from sqlalchemy import select, update

    from db.models import AdminUnit

    province = select(AdminUnit.id).where(AdminUnit.scheme == "2025", AdminUnit.code == "22").scalar_subquery()
    with charts_db.sessions() as session, session.begin():
        session.execute(update(AdminUnit).where(AdminUnit.scheme == "2025", AdminUnit.code == "06652")
                        .values(population=20_000))
    # One commune of 54 with a population: ranked by plain counts.
    figure = chart(charts_db, "units-compared", Filters("22"))
    words = svg_text(figure, tmp_path / "counts.svg")
    assert "/ 1.000 dân" not in words and "10 đơn vị cao nhất và 10 đơn vị thấp nhất trong số 54" in words
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()[:3]] == [
        "Phường Hà Tu", "Phường Cao Xanh", "Phường Việt Hưng"]  # 200 (s1-s3, s8), 200 (s5): by code; 70

    with charts_db.sessions() as session, session.begin():
        session.execute(update(AdminUnit).where(AdminUnit.parent_id == province, AdminUnit.code != "06652")
                        .values(population=10_000))
    figure = chart(charts_db, "units-compared", Filters("22"))
    words = svg_text(figure, tmp_path / "units.svg")
    assert "Lượt người / 1.000 dân" in words and "Nguồn tin / 1.000 dân" in words
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()[:3]] == [
        "Phường Cao Xanh", "Phường Hà Tu", "Phường Việt Hưng"]  # 20,0 / 10,0 / 7,0 per 1,000
    assert "20,0" in words and "10,0" in words and "7,0" in words


def test_pyplot_is_never_imported(tmp_path: Path) -> None:
    code = ("import sys, desktop.cli, desktop.cli_charts, desktop.services.charts as c\n"
            "from desktop.services.figures import PeriodSeries, Filters\n"
            "f = c.draw_chart('sessions-by-month', PeriodSeries('month', ()), 'vi', filters=Filters())\n"
            f"c.save_chart(f, {str(tmp_path / 'x.png')!r})\n"
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.png").stat().st_size > 1000
