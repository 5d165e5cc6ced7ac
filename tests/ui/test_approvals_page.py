"""The Approvals page used as a commander would: pick a month or a quarter, approve after the
confirmation, see the approval in the list, un-approve it with a reason; an officer may only look."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Approval, AuditEntry
from db.units import own_unit
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui.context import AppContext
from desktop.ui.pages.approvals import ApprovalsPage


def make_page(qtbot: QtBot, database: Database, role: str = "commander") -> ApprovalsPage:
    context = AppContext(database, "chihuy")
    with database.sessions() as session:
        unit = own_unit(session)
        assert unit is not None
    context.actor = Actor("chihuy", role, unit.id)  # type: ignore[attr-defined]
    page = ApprovalsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def choose(qtbot: QtBot, page: ApprovalsPage, kind: str, number: int, year: int) -> None:
    """Picks the period with the keyboard: the kind, then the month or quarter, then the year."""
    page.kind.setFocus()
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.number.setCurrentIndex(page.number.findData(number))
    page.year.selectAll()
    qtbot.keyClicks(page.year, str(year))
    assert page.year.value() == year


def approvals(database: Database) -> list[tuple[dt.date, dt.date, str | None]]:
    with database.sessions() as session:
        return [(a.starts_on, a.ends_on, a.revoke_reason) for a in session.scalars(select(Approval).order_by(Approval.id))]


def cell(page: ApprovalsPage, row: int, column: int) -> str:
    item = page.table.item(row, column)
    return item.text() if item else ""


def test_approve_a_month_after_confirming(qtbot: QtBot, database: Database,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(qtbot, database)
    assert page.unit.count() == 1 and page.unit.currentText() == "06652 Phường Hà Tu"
    choose(qtbot, page, "month", 7, 2025)
    assert page.dates.text() == "01/07/2025 – 31/07/2025"
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(page, "confirm_approve", lambda unit, period: asked.append((unit, period)) or False)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert asked == [("06652 Phường Hà Tu", "07/2025")] and approvals(database) == []  # declined

    monkeypatch.setattr(page, "confirm_approve", lambda unit, period: True)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert approvals(database) == [(dt.date(2025, 7, 1), dt.date(2025, 7, 31), None)]
    assert page.message.text() == "Đã duyệt kỳ 07/2025 của Phường Hà Tu."
    assert page.table.rowCount() == 1
    assert [cell(page, 0, c) for c in (0, 1, 2, 3, 4, 6)] == [
        "06652 Phường Hà Tu", "07/2025", "01/07/2025", "31/07/2025", "chihuy", "Đang có hiệu lực"]

    choose(qtbot, page, "quarter", 3, 2025)  # overlaps July
    assert page.dates.text() == "01/07/2025 – 30/09/2025"
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert "trùng" in page.message.text() and page.message.isVisible()
    assert len(approvals(database)) == 1 and page.table.rowCount() == 1


def test_quarters_follow_the_month(qtbot: QtBot, database: Database) -> None:
    page = make_page(qtbot, database)
    choose(qtbot, page, "month", 11, 2025)
    page.kind.setCurrentIndex(page.kind.findData("quarter"))
    assert page.number.count() == 4 and page.number.currentText() == "Quý 4"
    assert page.dates.text() == "01/10/2025 – 31/12/2025"


def test_unapprove_asks_a_reason(qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(qtbot, database)
    monkeypatch.setattr(page, "confirm_approve", lambda unit, period: True)
    choose(qtbot, page, "quarter", 2, 2025)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1 and not page.unapprove_button.isEnabled()  # nothing selected
    page.table.selectRow(0)
    assert page.unapprove_button.isEnabled()

    monkeypatch.setattr(page, "ask_reason", lambda approval: None)  # cancelled
    qtbot.mouseClick(page.unapprove_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(page, "ask_reason", lambda approval: "   ")  # no reason
    qtbot.mouseClick(page.unapprove_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Hãy ghi lý do bỏ duyệt."
    assert approvals(database)[0][2] is None

    monkeypatch.setattr(page, "ask_reason", lambda approval: "Nhập thiếu số liệu tháng 5")
    qtbot.mouseClick(page.unapprove_button, Qt.MouseButton.LeftButton)
    assert approvals(database)[0][2] == "Nhập thiếu số liệu tháng 5"
    assert cell(page, 0, 6).startswith("Đã bỏ duyệt") and cell(page, 0, 6).endswith("Nhập thiếu số liệu tháng 5")
    assert not page.unapprove_button.isEnabled()  # no longer standing
    with database.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and (last.action, last.reason) == ("unapprove", "Nhập thiếu số liệu tháng 5")


def test_an_officer_may_only_look(qtbot: QtBot, database: Database) -> None:
    page = make_page(qtbot, database, role="officer")
    assert not page.approve_button.isEnabled() and not page.unapprove_button.isEnabled()
    assert "chỉ xem được" in page.note.text()
