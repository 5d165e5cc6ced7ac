"""desktop.ui.pages.overview (filters and charts) and desktop.ui.chart_view: the eight charts of the
Overview page follow the unit and period chosen, are computed off the main thread, redraw in
the other language without reading again, and save as PNG or SVG from their context menu."""
from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

import desktop.ui.pages.overview as overview_module
from desktop.i18n import set_language, t
from desktop.services.charts import CHARTS
from desktop.services.demo import make_demo
from desktop.services.figures import HEADLINE
from desktop.services.installation import Database, initialise
from desktop.services.stats import compute_stats, format_number
from desktop.ui.chart_view import ChartView
from desktop.ui.context import AppContext
from desktop.ui.pages.overview import OverviewPage
from tests.conftest import HA_TU, QUANG_NINH

TODAY = dt.date.today()


@pytest.fixture
def demo(database: Database) -> Database:
    make_demo(database, records=2000)
    return database


def headline_of(stats: dict[str, Any]) -> dict[str, Any]:
    """What the page's cards show of `compute_stats`' answer."""
    return {"unit": stats["unit"], "unit_name": stats["unit_name"],
            **{section: {key: stats[section][key] for key, _ in HEADLINE[section]} for section in HEADLINE}}


def settled_page(qtbot, context: AppContext) -> OverviewPage:
    page = OverviewPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitUntil(lambda: page.last_overview is not None and page.figures is not None and not page.computing,
                    timeout=20_000)
    return page


def choose(qtbot, page: OverviewPage, key: str, **dates: dt.date) -> None:
    """Picks a period and waits for both reads of the new filters."""
    page.set_period(key, **dates)
    assert page.computing
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)


def test_eight_charts_are_computed_off_the_main_thread(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                       demo: Database) -> None:
    threads: list[threading.Thread] = []
    real_overview = overview_module.overview

    def watched(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_overview(*args, **kwargs)

    monkeypatch.setattr(overview_module, "overview", watched)
    page = OverviewPage(AppContext(demo, "admin"))
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    # the result can only arrive through the event loop: the page says it is working meanwhile
    assert page.computing and page.last_overview is None
    assert page.status.text() == "Đang tính số liệu…"
    with qtbot.waitSignal(page.charts_ready, timeout=20_000) as ready:
        pass
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert ready.args[0] is page.last_overview
    assert not page.status.isVisible()

    canvases = page.findChildren(FigureCanvasQTAgg)
    assert len(canvases) == 8 and set(page.chart_views) == set(CHARTS)
    for name, view in page.chart_views.items():
        assert view.figures is getattr(page.last_overview, CHARTS[name].overview_field)
        assert view.title() == CHARTS[name].title_vi or name == "sessions-by-month"  # its title names the step
    assert "Số buổi tuyên truyền" in page.chart_views["sessions-by-month"].title()

    date_from, date_to = dt.date(TODAY.year, 1, 1), TODAY
    expected = compute_stats(demo, HA_TU, date_from, date_to)
    assert page.figures == headline_of(expected)
    assert page.last_overview.filters.date_from == date_from and page.last_overview.filters.date_to == date_to
    assert page.last_overview.sessions.sessions == expected["sessions"]["count"]
    assert page.last_overview.sessions.attendees == expected["sessions"]["attendees"]


def test_canvas_shows_the_whole_chart_at_its_width(qtbot, demo: Database) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    view = page.chart_views["sessions-by-topic"]
    view.grab()  # paints: draws and renders
    width, height = view.figure.get_size_inches()
    assert width == pytest.approx(10.0)  # the chart's own layout, scaled …
    assert view.get_width_height() == (view.width(), view.height())  # … to fill the canvas exactly
    assert abs(view.height() - view.width() * height / width) < 1
    assert view.width() >= 360


def test_changing_the_period_recomputes_cards_and_charts(qtbot, demo: Database) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    this_year = page.last_overview
    assert not page.date_from.isVisibleTo(page)

    choose(qtbot, page, "last_year")
    last = TODAY.year - 1
    expected = compute_stats(demo, HA_TU, dt.date(last, 1, 1), dt.date(last, 12, 31))
    assert page.last_overview is not this_year
    assert page.last_overview.filters.date_from == dt.date(last, 1, 1)
    assert page.last_overview.sessions.sessions == expected["sessions"]["count"]
    assert page.figures == headline_of(expected)
    assert expected["sessions"]["count"] != this_year.sessions.sessions
    assert page.heading.text() == f"Năm {last} — Phường Hà Tu"
    assert page.chart_views["year-on-year"].figures is page.last_overview.year_on_year

    choose(qtbot, page, "five_years")
    expected = compute_stats(demo, HA_TU, dt.date(TODAY.year - 4, 1, 1), TODAY)
    assert page.last_overview.sessions.sessions == expected["sessions"]["count"]
    assert page.heading.text() == f"Giai đoạn {TODAY.year - 4}–{TODAY.year} — Phường Hà Tu"

    choose(qtbot, page, "range", date_from=dt.date(last, 3, 1), date_to=dt.date(last, 8, 31))
    assert page.date_from.isVisibleTo(page) and page.date_to.isVisibleTo(page)
    expected = compute_stats(demo, HA_TU, dt.date(last, 3, 1), dt.date(last, 8, 31))
    assert page.figures == headline_of(expected)
    assert page.last_overview.sessions.attendees == expected["sessions"]["attendees"]
    assert page.period.text() == f"Từ 01/03/{last} đến 31/08/{last}, gồm cả các đơn vị trực thuộc và đơn vị cũ đã sáp nhập"


def test_a_period_before_the_reform_is_told_by_the_old_units_or_rolled_up(qtbot, demo: Database) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    assert not page.units_choice.isVisibleTo(page)  # this year: nothing to choose
    before = (dt.date(2023, 1, 1), dt.date(2024, 12, 31))
    choose(qtbot, page, "range", date_from=before[0], date_to=before[1])
    assert page.units_choice.isVisibleTo(page) and page.units_choice.currentData() == "then"
    # The own unit is today's Phường Hà Tu even for 2023–2024 (the code 06652 then meant Hà Phong)…
    rolled_up = compute_stats(demo, HA_TU, *before, unit_scheme="2025")
    assert page.figures == headline_of(rolled_up) and page.figures["unit_name"] == "Phường Hà Tu"
    assert page.last_overview.unit.scheme == "2025"
    assert compute_stats(demo, HA_TU, *before)["unit_name"] == "Phường Hà Phong"
    # … told by the old communes it took over, whose figures add up to its own.
    old = page.last_overview.units.units
    assert {row.name for row in old} >= {"Phường Hà Phong", "Phường Hà Tu"}
    assert sum(row.sessions for row in old) == rolled_up["sessions"]["count"] > 0
    page.units_choice.setCurrentIndex(page.units_choice.findData("now"))
    qtbot.waitUntil(lambda: page.last_overview.filters.units == "now" and not page.computing, timeout=20_000)
    assert page.last_overview.units.units == ()  # a commune of today has no unit under it
    assert page.figures == headline_of(rolled_up)


def test_a_newer_choice_supersedes_the_running_one(qtbot, demo: Database) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    shown: list[Any] = []
    page.charts_ready.connect(shown.append)
    page.set_period("last_year")
    page.set_period("five_years")  # before the first read has answered
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)
    assert [overview.filters.date_from for overview in shown] == [dt.date(TODAY.year - 4, 1, 1)]
    assert page.figures == headline_of(compute_stats(demo, HA_TU, dt.date(TODAY.year - 4, 1, 1), TODAY))


def test_cards_and_charts_fill_in_as_their_figures_arrive(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                          demo: Database) -> None:
    """Each part is shown as soon as it is read, not when the last one is."""
    page = settled_page(qtbot, AppContext(demo, "admin"))
    release = threading.Event()
    real_overview = overview_module.overview

    def held_at_the_end(*args: Any, **kwargs: Any) -> Any:
        result = real_overview(*args, **kwargs)  # every part handed over …
        release.wait(20)  # … and the read not finished
        return result

    monkeypatch.setattr(overview_module, "overview", held_at_the_end)
    last = TODAY.year - 1
    expected = compute_stats(demo, HA_TU, dt.date(last, 1, 1), dt.date(last, 12, 31))
    assert expected["sessions"]["count"] != page.figures["sessions"]["count"]
    page.set_period("last_year")
    assert page.figure_text("sessions", "count") == "…"  # not this year's figure any more
    try:
        qtbot.waitUntil(lambda: page.figures == headline_of(expected), timeout=20_000)
        assert page.computing
        assert page.figure_text("sessions", "count") == format_number(expected["sessions"]["count"], "vi")
        topics = page.chart_views["sessions-by-topic"]
        assert topics.figures.sessions == expected["sessions"]["count"]
        assert topics.title() == CHARTS["sessions-by-topic"].title_vi  # drawn, its header …
        assert f"31/12/{last}" in topics.figure.texts[1].get_text()  # … about the period chosen
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)
    assert page.last_overview.filters.date_from == dt.date(last, 1, 1)


def test_a_reversed_range_is_said_plainly(qtbot, demo: Database) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    before = page.last_overview
    choose(qtbot, page, "range", date_from=dt.date(2024, 5, 1), date_to=dt.date(2024, 4, 1))
    assert page.status.isVisible()
    assert page.status.text().startswith("Không tính được số liệu:")
    assert "01/05/2024" in page.status.text()
    assert page.last_overview is before  # the charts shown stay those of the last good filters
    assert not page.findChildren(QMessageBox)  # not a bug report


def test_units_directly_under_a_province_can_be_chosen(qtbot, db_path: Path, tmp_path: Path) -> None:
    database = initialise(db_path, QUANG_NINH).database  # the same file, now a province office
    try:
        make_demo(database, units=2, years=2, records=600)
        page = settled_page(qtbot, AppContext(database, "admin"))
        children = page.last_overview.units.units
        assert len(children) > 10
        assert page.unit.count() == 1 + len(children)
        assert page.unit.itemText(0) == "Tỉnh Quảng Ninh và các đơn vị trực thuộc"
        busiest = max(children, key=lambda row: row.sessions)
        assert busiest.sessions > 0
        page.unit.setCurrentIndex(page.unit.findData(busiest.code))
        assert page.computing
        qtbot.waitUntil(lambda: not page.computing, timeout=20_000)
        assert page.last_overview.unit.code == busiest.code
        expected = compute_stats(database, busiest.code, dt.date(TODAY.year, 1, 1), TODAY)
        assert page.figures == headline_of(expected)
        assert page.last_overview.sessions.sessions == expected["sessions"]["count"]
        assert page.heading.text() == f"Năm {TODAY.year} — {busiest.name}"
        assert page.unit.count() == 1 + len(children)  # the choices stay those under the own unit
    finally:
        database.dispose()


def test_language_change_redraws_from_the_figures_already_read(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                               demo: Database) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    figures = page.last_overview
    for view in page.chart_views.values():
        view.ensure_drawn()

    def no_query(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a language change must not read the figures again")

    monkeypatch.setattr(overview_module, "overview", no_query)
    set_language("en")
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert not page.computing
    assert page.last_overview is figures
    for name, view in page.chart_views.items():
        assert view.figures is getattr(figures, CHARTS[name].overview_field) and view.lang == "en"
        if name != "sessions-by-month":
            assert view.title() == CHARTS[name].title_en
    assert "Dissemination sessions" in page.chart_views["sessions-by-month"].title()
    axes_titles = {axes.get_title(loc="left") for axes in page.chart_views["sessions-by-topic"].figure.axes}
    assert "Attendees" in axes_titles


def test_charts_without_data_say_so(qtbot, database: Database) -> None:
    page = settled_page(qtbot, AppContext(database, "admin"))
    view = page.chart_views["sessions-by-topic"]
    view.grab()
    assert t("chart_no_data", "vi") in [text.get_text() for text in view.figure.texts]
    assert page.stack.currentIndex() == 1  # the cards give way to the empty state


def test_context_menu_saves_png_and_svg(qtbot, monkeypatch: pytest.MonkeyPatch, demo: Database,
                                        tmp_path: Path) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    view: ChartView = page.chart_views["sources-cases"]
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [action.text() for action in view.actions()] == ["Lưu biểu đồ…"]
    answers = [(str(tmp_path / "nguon-tin.png"), "Ảnh PNG (*.png)"),
               (str(tmp_path / "nguon-tin"), "Hình vẽ SVG (*.svg)"),  # no suffix typed: the type chosen
               ("", "")]  # cancelled
    asked: list[str] = []

    def answer(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    view.actions()[0].trigger()
    png = tmp_path / "nguon-tin.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert asked[0].endswith("sources-cases.png")
    view.actions()[0].trigger()
    svg = (tmp_path / "nguon-tin.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert asked[1].startswith(str(tmp_path))  # the folder last saved to is offered again
    assert view.save_as() is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("nguon")) == ["nguon-tin.png",
                                                                                        "nguon-tin.svg"]


def test_a_file_type_that_cannot_be_written_is_refused(qtbot, monkeypatch: pytest.MonkeyPatch, demo: Database,
                                                       tmp_path: Path) -> None:
    page = settled_page(qtbot, AppContext(demo, "admin"))
    view = page.chart_views["models-by-type"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "m.gif"), ""))
    assert view.save_as() is None
    boxes = view.findChildren(QMessageBox)
    assert len(boxes) == 1 and "m.gif" in boxes[0].text()
    boxes[0].close()
    assert not (tmp_path / "m.gif").exists()


def test_the_report_button_opens_the_report_dialog_on_the_page_filters(qtbot, demo: Database) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.report_dialog import ReportDialog

    page = settled_page(qtbot, AppContext(demo, "admin"))
    choose(qtbot, page, "range", date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    page.units_choice.setCurrentIndex(page.units_choice.findData("now"))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.date_from.date().toPython() == dt.date(2024, 1, 1)
    assert dialog.date_to.date().toPython() == dt.date(2024, 12, 31)
    assert dialog.units_now.isChecked() and dialog.units_now.isEnabled()
    dialog.close()
