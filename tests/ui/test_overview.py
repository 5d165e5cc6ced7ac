"""desktop.ui.pages.overview: the figures of `antq stats` for the own unit and this year."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desktop.i18n import set_language
from desktop.services.demo import make_demo
from desktop.services.installation import Database
from desktop.services.stats import compute_stats, format_number
from desktop.services.tables.importer import import_table
from desktop.ui.context import AppContext
from desktop.ui.pages.overview import OverviewPage
from tests.services.tables_support import SESSION_HEADER, session_row, write_table
from tests.ui.test_overview_charts import headline_of

TODAY = dt.date.today().strftime("%d/%m/%Y")


@pytest.fixture
def context(database: Database) -> AppContext:
    return AppContext(database, "admin")


def shown_page(qtbot, context: AppContext) -> OverviewPage:
    page = OverviewPage(context)
    qtbot.addWidget(page)
    assert page.task is None  # nothing is computed before the page is shown
    with qtbot.waitSignal(page.figures_ready, timeout=10_000):
        page.show()
    qtbot.waitUntil(lambda: not page.computing, timeout=10_000)  # the charts' figures too
    return page


def add_sessions(database: Database, folder: Path, *rows: list[str]) -> None:
    path = write_table(folder / f"sessions-{len(list(folder.iterdir()))}.csv", SESSION_HEADER, list(rows))
    report = import_table(database, "sessions", path)
    assert report.ok, report.errors


def test_same_numbers_as_compute_stats(qtbot, context: AppContext, database: Database) -> None:
    make_demo(database, units=1, years=2, records=400)
    page = shown_page(qtbot, context)
    date_from, date_to = page.period_dates()
    expected = compute_stats(database, "06652", date_from, date_to)
    assert page.figures == headline_of(expected)
    for section, name in page.cards:
        assert page.figure_text(section, name) == format_number(expected[section][name], "vi")
    assert page.heading.text() == f"Năm {dt.date.today().year} — Phường Hà Tu"
    figures_there = any(page.value(key) for key in page.cards)
    assert page.stack.currentIndex() == (0 if figures_there else 1)


def test_empty_database_shows_the_empty_state(qtbot, context: AppContext) -> None:
    page = shown_page(qtbot, context)
    assert page.is_empty()
    assert page.stack.currentIndex() == 1
    assert page.empty_title.text() == "Chưa có số liệu năm nay"
    assert "Trợ giúp" in page.empty_hint.text()


def test_refreshes_when_records_change_and_formats_numbers(qtbot, context: AppContext, database: Database,
                                                           tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    old = session_row(date="15/06/2019", attendees="50")  # another year: not counted
    old[2] = "06652"  # Phường Hà Phong then, which merged into Hà Tu
    add_sessions(database, folder, session_row(date=TODAY, attendees="1234", members="120"), old)
    page = shown_page(qtbot, context)
    assert page.stack.currentIndex() == 0
    assert page.figure_text("sessions", "count") == "1"
    assert page.figure_text("sessions", "attendees") == "1.234"
    assert page.figure_text("sessions", "member_attendees") == "120"
    add_sessions(database, folder, session_row(date=TODAY, attendees="1000", members="0"))
    with qtbot.waitSignal(page.figures_ready, timeout=10_000):
        context.records_changed.emit("sessions")
    assert page.figure_text("sessions", "count") == "2"
    assert page.figure_text("sessions", "attendees") == "2.234"
    set_language("en")
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert page.figure_text("sessions", "attendees") == "2,234"


def test_hidden_page_waits_until_shown(qtbot, context: AppContext, database: Database, tmp_path: Path) -> None:
    page = shown_page(qtbot, context)
    page.hide()
    add_sessions(database, tmp_path, session_row(date=TODAY))
    context.records_changed.emit("sessions")
    assert page.task is not None and page.task.is_finished  # no read for a page nobody sees
    assert page.figure_text("sessions", "count") == "0"
    with qtbot.waitSignal(page.figures_ready, timeout=10_000):
        page.show()
    assert page.figure_text("sessions", "count") == "1"


def test_collections_wait_while_the_page_reads_and_resume_after(qtbot, context: AppContext, database: Database,
                                                               monkeypatch) -> None:
    import gc

    from desktop.ui import heap

    make_demo(database, units=1, years=1, records=100)
    monkeypatch.setattr(heap, "_frozen", False)
    gc.unfreeze()
    page = shown_page(qtbot, context)
    assert gc.get_freeze_count() > 10_000  # the libraries loaded by then are out of the collector's way
    assert gc.isenabled()
    page.set_period("last_year")
    assert page.computing and not gc.isenabled()  # paused while the figures are read and drawn
    qtbot.waitUntil(lambda: not page.computing, timeout=10_000)
    assert gc.isenabled()
    page.set_period("this_year")
    assert not gc.isenabled()
    page.hide()  # left before the answer came: nothing waits for it on screen
    assert gc.isenabled()
    qtbot.waitUntil(lambda: not page.computing, timeout=10_000)
