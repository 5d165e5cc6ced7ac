"""RecordTableModel over 3,000 demo records: the model checker, batches, Vietnamese display."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from sqlalchemy import text

from desktop.services import listing
from desktop.services.demo import make_demo
from desktop.services.installation import Database
from desktop.services.listing import ListQuery
from desktop.ui.record_table import BATCH, RecordTableModel


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


def test_fetch_more_loads_batches(demo: Database) -> None:
    model = RecordTableModel(demo, ListQuery("sessions"))
    total = model.total()
    assert total > 3 * BATCH
    assert model.rowCount() == BATCH
    while model.canFetchMore(QModelIndex()):
        before = model.rowCount()
        model.fetchMore(QModelIndex())
        assert model.rowCount() == min(before + BATCH, total)
    assert model.rowCount() == total
    assert len({model.record_id(r) for r in range(total)}) == total


def test_rows_inserted_with_inclusive_last_row(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    model = RecordTableModel(demo, ListQuery("sessions"))
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.fetchMore(QModelIndex())
    _parent, first, last = blocker.args
    assert (first, last) == (BATCH, 2 * BATCH - 1)


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
