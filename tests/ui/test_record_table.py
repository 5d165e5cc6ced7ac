"""RecordTableModel over 3,000 demo records: the model checker, batches, Vietnamese display."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from sqlalchemy import text

from desktop.services import listing
from desktop.services.demo import make_demo
from desktop.services.installation import Database
from desktop.services.listing import ListQuery
from desktop.ui import record_table
from desktop.ui.record_table import BATCH, GROWTH, RecordTableModel


@pytest.fixture
def demo(database: Database) -> Database:
    make_demo(database, records=3000)
    return database


def _column(model: RecordTableModel, key: str) -> int:
    return [k for k, _vi, _en in listing.COLUMNS[model.query.kind]].index(key)


@pytest.mark.parametrize("kind", listing.KINDS)
def test_model_checker(qtmodeltester, demo: Database, kind: str) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery(kind))
    qtmodeltester.check(model)


@pytest.mark.parametrize("growth", [2, GROWTH])
def test_fetch_more_loads_growing_pages(demo: Database, monkeypatch: pytest.MonkeyPatch, growth: int) -> None:
    monkeypatch.setattr(record_table, "GROWTH", growth)
    model = RecordTableModel(demo, ListQuery("sessions"))
    total = model.total()
    assert model.total_known() and total > 3 * BATCH
    assert model.rowCount() == BATCH
    while model.canFetchMore(QModelIndex()):
        before = model.rowCount()
        model.fetchMore(QModelIndex())
        assert model.rowCount() == min(before * growth, total)
    assert model.rowCount() == total == model.total()
    with demo.sessions() as session:
        assert [model.record_id(r) for r in range(total)] == listing.ids(session, model.query)


def test_other_orders_fetch_all_the_rest_at_once(demo: Database) -> None:
    model = RecordTableModel(demo, ListQuery("sessions", sort="place", descending=False))
    assert model.rowCount() == BATCH and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == model.total() and not model.canFetchMore(QModelIndex())


def test_rows_inserted_with_inclusive_last_row(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("sessions"))
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.fetchMore(QModelIndex())
    _parent, first, last = blocker.args
    assert (first, last) == (BATCH, min(GROWTH * BATCH, model.total()) - 1)
    assert model.rowCount() == last + 1


def test_vietnamese_numbers_and_dates(demo: Database) -> None:
    with demo.sessions() as session:
        session.execute(text("UPDATE dissemination_session SET attendees = 1234, held_on = '2024-07-18' "
                             "WHERE id = (SELECT max(id) FROM dissemination_session)"))
        session.commit()
    model = RecordTableModel(demo, ListQuery("sessions", sort="attendees"))
    assert model.data(model.index(0, _column(model, "attendees"))) == "1.234"
    assert model.data(model.index(0, _column(model, "held_on"))) == "18/07/2024"
    assert model.data(model.index(0, _column(model, "attendees")), Qt.ItemDataRole.UserRole) == 1234
    for row in range(0, model.rowCount(), 97):
        shown = model.data(model.index(row, _column(model, "held_on")))
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", shown)
    assert model.data(model.index(0, _column(model, "kind"))) in {
        "lớp tập huấn", "buổi tuyên truyền", "buổi phổ biến, giáo dục pháp luật", "hội nghị"}
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Số hiệu"
    english = RecordTableModel(demo, ListQuery("sessions", sort="attendees"), lang="en")
    assert english.headerData(0, Qt.Orientation.Horizontal) == "Reference"
    assert english.data(english.index(0, _column(english, "attendees"))) == "1,234"


def test_set_query_with_a_search_resets(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("recipients"))
    query = ListQuery("recipients", search="nguyen")
    with demo.sessions() as session:
        expected = listing.count(session, query)
    assert 0 < expected < model.total()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_query(query)
    assert model.total() == expected == model.rowCount()
    names = {model.data(model.index(r, _column(model, "name"))) for r in range(model.rowCount())}
    assert all(names)


def test_sort(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("cases"))
    column = _column(model, "individuals")
    with qtbot.waitSignal(model.modelReset):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    values = [model.data(model.index(r, column), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    model.sort(column, Qt.SortOrder.AscendingOrder)
    values = [model.data(model.index(r, column), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    assert values == sorted(values)
    ids = [model.record_id(r) for r in range(model.rowCount())]
    model.sort(_column(model, "summary"), Qt.SortOrder.DescendingOrder)  # not sortable: nothing
    assert [model.record_id(r) for r in range(model.rowCount())] == ids


def test_in_a_view(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    view = QTableView()
    qtbot.addWidget(view)
    model = RecordTableModel(demo, ListQuery("sessions"))
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(_column(model, "attendees"), Qt.SortOrder.AscendingOrder)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > BATCH)
    assert model.query.sort == "attendees"


def test_set_language_keeps_the_rows(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("sessions", sort="attendees"))
    model.fetchMore(QModelIndex())
    ids = [model.record_id(r) for r in range(model.rowCount())]
    kind = _column(model, "kind")
    assert model.data(model.index(0, kind)) in {"lớp tập huấn", "buổi tuyên truyền",
                                                "buổi phổ biến, giáo dục pháp luật", "hội nghị"}
    with qtbot.waitSignals([model.headerDataChanged, model.dataChanged]):
        model.set_language("en")
    assert [model.record_id(r) for r in range(model.rowCount())] == ids
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Reference"
    assert model.data(model.index(0, kind)) in {"training class", "communication session",
                                                "law dissemination event", "conference"}
    assert model.headerData(1233, Qt.Orientation.Vertical) == "1,234"
    model.set_language("vi")
    assert model.headerData(1233, Qt.Orientation.Vertical) == "1.234"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Số hiệu"


def test_row_of_a_loaded_record(demo: Database) -> None:
    model = RecordTableModel(demo, ListQuery("sessions"))
    wanted = model.record_id(321)
    assert model.row_of(wanted) == 321
    with demo.sessions() as session:
        last = listing.ids(session, model.query)[-1]
    assert model.row_of(last) is None  # not loaded yet
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.row_of(last) == model.rowCount() - 1
    assert model.row_of(-5) is None


@pytest.fixture
def broad(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every search counts as broad, so that its count runs in the background."""
    monkeypatch.setattr(listing, "NARROW_SEARCH", 5)


@pytest.mark.usefixtures("broad")
def test_broad_search_is_counted_in_the_background(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    query = ListQuery("sessions", search="tt")  # every session's reference: TT-…
    with demo.sessions() as session:
        expected = listing.count(session, query)
    assert expected > BATCH
    model = RecordTableModel(demo, ListQuery("sessions", search="nguyen"))
    with qtbot.waitSignal(model.total_changed, timeout=10_000):
        model.set_query(query)
        assert not model.total_known() and model.total() == BATCH == model.rowCount()
    assert model.total_known() and model.total() == expected


@pytest.mark.usefixtures("broad")
def test_only_the_latest_list_is_counted(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    model = RecordTableModel(demo, ListQuery("sessions", search="tt"))
    middle = ListQuery("sessions", search="tt", date_to=today.replace(year=today.year - 2))
    latest = ListQuery("sessions", search="tt", date_from=today.replace(year=today.year - 4, day=1))
    expected = listing_count(demo, latest)
    assert BATCH < expected < listing_count(demo, model.query)
    assert BATCH < listing_count(demo, middle) != expected
    model.set_query(middle)
    model.set_query(latest)
    qtbot.waitUntil(model.total_known, timeout=10_000)
    assert model.total() == expected
    qtbot.waitUntil(lambda: not model.counting(), timeout=10_000)  # no stale count still to come
    assert model.total() == expected


@pytest.mark.usefixtures("broad")
def test_count_becomes_exact_when_everything_is_loaded(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("sessions", search="tt"))
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.total_known() and model.total() == model.rowCount()
    qtbot.waitUntil(lambda: not model.counting(), timeout=10_000)
    assert model.total() == model.rowCount()


@pytest.mark.usefixtures("broad")
def test_model_checker_while_counting(qtmodeltester, qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("sessions", search="tt"))
    qtmodeltester.check(model)
    qtbot.waitUntil(model.total_known, timeout=10_000)
    qtmodeltester.check(model)


def listing_count(database: Database, query: ListQuery) -> int:
    with database.sessions() as session:
        return listing.count(session, query)


@pytest.mark.usefixtures("broad")
def test_a_failed_count_is_reported_and_the_list_stays(qtbot, demo: Database,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui import tasks

    reported: list[BaseException] = []
    monkeypatch.setattr(tasks, "show_error", lambda _parent, error: reported.append(error))

    def locked(_session: object, _query: ListQuery) -> int:
        raise OSError("database is locked")

    monkeypatch.setattr(listing, "count", locked)
    model = RecordTableModel(demo, ListQuery("sessions", search="tt"))
    qtbot.waitUntil(lambda: not model.counting(), timeout=10_000)
    assert [str(e) for e in reported] == ["database is locked"]
    assert not model.total_known() and model.rowCount() == BATCH == model.total()
