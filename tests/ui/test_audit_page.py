"""The audit trail viewer: every entry with its readable changes, the filters (user, action,
kind, dates, text), pages of a long trail, the model checker, and the hash chain check."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from db.engine import transaction
from db.models import AuditEntry
from db.units import own_unit
from desktop.services import approvals, audit_view
from desktop.services.approvals import Period
from desktop.services.audit import AuditWriter
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, PermissionDenied
from desktop.ui.context import AppContext
from desktop.ui.pages import audit as audit_page
from desktop.ui.pages.audit import AuditPage, AuditTableModel
from tests.services.test_approvals import save, unapprove
from tests.services.test_editing import valid

COMMANDER = Actor("chihuy", "commander", None)


@pytest.fixture
def trail(database: Database) -> dict[str, Any]:
    """Two sessions (one edited), an approval of July 2025 un-approved with a reason."""
    first = save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 1)))
    second = save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 2), place="Chợ Hà Tu"))
    edited = save(database, "sessions", valid("sessions", date=dt.date(2025, 8, 1), attendees=41,
                                              place="Nhà văn hóa khu 5"), first.record_id)
    assert first.saved and second.saved and edited.action == "updated"
    with database.sessions() as session:
        unit = own_unit(session)
        assert unit is not None
    july = Period.month(2025, 7)
    with transaction(database.sessions) as session:
        info = approvals.approve(session, Actor("chihuy", "commander", unit.id), unit.id, july.starts_on, july.ends_on)
    unapprove(database, Actor("chihuy", "commander", unit.id), info.id, "Thiếu buổi tuyên truyền ngày 15")
    return {"refs": (first.ref, second.ref), "unit_id": unit.id}


def make_page(qtbot: QtBot, database: Database, actor: Actor = COMMANDER) -> AuditPage:
    context = AppContext(database, actor.username)
    context.actor = actor  # type: ignore[attr-defined]
    page = AuditPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    return page


def column(page: AuditPage, name: str) -> list[str]:
    index = audit_page.COLUMNS.index(name)
    return [page.model.index(row, index).data() for row in range(page.model.rowCount())]


def pick(combo: Any, value: str | None) -> None:
    found = combo.findData(value)
    assert found >= 0, value
    combo.setCurrentIndex(found)


def test_entries_newest_first_with_readable_changes(qtbot: QtBot, database: Database, trail: dict[str, Any]) -> None:
    page = make_page(qtbot, database)
    assert column(page, "action") == ["Bỏ duyệt", "Duyệt kỳ", "Sửa", "Tạo mới", "Tạo mới"]
    assert column(page, "kind") == ["Kỳ duyệt"] * 2 + ["Buổi tuyên truyền, tập huấn"] * 3
    first_ref, second_ref = trail["refs"]
    assert column(page, "record") == ["07/2025 · 06652", "07/2025 · 06652", first_ref, second_ref, first_ref]
    assert column(page, "reason")[0] == "Thiếu buổi tuyên truyền ngày 15"
    assert column(page, "user")[:2] == ["chihuy", "chihuy"]
    changes = column(page, "changes")
    assert "attendees: 40 → 41" in changes[2] and "place: Nhà văn hóa khu 3 → Nhà văn hóa khu 5" in changes[2]
    assert "date: 02/08/2025" in changes[3]  # a creation: its values, dates as the tables write them
    assert "revoked_by: ∅ → chihuy" in changes[0] and "ends_on" not in changes[0]  # only what changed
    revoked_at = changes[0].split("revoked_at: ∅ → ")[1].split(";")[0]
    assert dt.datetime.strptime(revoked_at, "%d/%m/%Y %H:%M")  # a time, local
    tooltip = page.model.index(2, audit_page.COLUMNS.index("changes")).data(Qt.ItemDataRole.ToolTipRole)
    assert "\n" in tooltip and "attendees: 40 → 41" in tooltip
    at = dt.datetime.strptime(column(page, "at")[0], "%d/%m/%Y %H:%M")
    assert abs((at - dt.datetime.now()).total_seconds()) < 120  # local time, not UTC
    assert page.count_label.text() == "5 mục"


def test_filters(qtbot: QtBot, database: Database, trail: dict[str, Any]) -> None:
    page = make_page(qtbot, database)
    pick(page.action, "update")
    assert column(page, "action") == ["Sửa"]
    pick(page.action, None)
    pick(page.kind, "approval")
    assert column(page, "action") == ["Bỏ duyệt", "Duyệt kỳ"]
    pick(page.kind, None)
    pick(page.user, "chihuy")
    assert len(column(page, "user")) == 2 and set(column(page, "user")) == {"chihuy"}
    pick(page.user, None)

    qtbot.keyClicks(page.text, "khu 5")  # text in the values, after a pause in typing
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert column(page, "action") == ["Sửa"]
    page.text.clear()
    qtbot.keyClicks(page.text, trail["refs"][0])  # a record's reference: all its entries
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    assert column(page, "action") == ["Sửa", "Tạo mới"]
    page.text.clear()
    page.text.setText("tuyên truyền ngày")  # the reason (typed through an input method: all at once)
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    assert column(page, "action") == ["Bỏ duyệt"]
    page.text.clear()
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    assert page.model.rowCount() == 5

    qtbot.mouseClick(page.use_dates, Qt.MouseButton.LeftButton)
    assert page.use_dates.isChecked() and page.model.rowCount() == 5  # the last 30 days, to today
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page.date_to.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    page.apply_filters()
    assert page.model.rowCount() == 0 and page.count_label.text() == "0 mục"


def test_filter_lists_and_language(qtbot: QtBot, database: Database, trail: dict[str, Any]) -> None:
    from desktop.i18n import set_language

    page = make_page(qtbot, database)
    assert page.user.itemText(0) == "Tất cả" and page.user.findData("chihuy") > 0
    assert page.kind.findData("dissemination_session") > 0 and page.kind.findData("approval") > 0
    assert page.action.count() == 1 + len(audit_page.AUDIT_ACTIONS)
    pick(page.kind, "approval")
    set_language("en")
    page.retranslate_ui()  # English words come from the .ts; the kinds from the record specs
    assert page.kind.currentData() == "approval" and page.model.rowCount() == 2
    pick(page.kind, "dissemination_session")
    assert page.kind.currentText() == "Dissemination sessions"
    assert set(column(page, "kind")) == {"Dissemination sessions"} and page.model.rowCount() == 3


def test_a_long_trail_comes_in_pages(qtmodeltester: Any, database: Database) -> None:
    with transaction(database.sessions) as session:
        writer = AuditWriter(session, "nhap")
        for number in range(1, 1201):
            writer.add("import", "dissemination_session", None, new={"n": number})
        writer.flush()
    model = AuditTableModel(database, OWNER)
    assert model.rowCount() == audit_page.PAGE and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1200
    assert model.index(1199, audit_page.COLUMNS.index("changes")).data() == "n: 1"
    assert model.index(0, audit_page.COLUMNS.index("changes")).data() == "n: 1200"
    model.set_query(audit_view.AuditQuery(text="n\": 7"))
    qtmodeltester.check(model)
    assert model.rowCount() > 0


def test_only_who_may_view_the_audit(database: Database) -> None:
    with pytest.raises(PermissionDenied):
        AuditTableModel(database, Actor("canbo", "officer", None))


def test_the_chain_check(qtbot: QtBot, database: Database, trail: dict[str, Any]) -> None:
    page = make_page(qtbot, database)
    assert page.check_button.isVisible()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_button.isEnabled() and "toàn vẹn" in page.chain_label.text())
    assert page.chain_label.text() == "Chuỗi nhật ký toàn vẹn (5 mục)."

    with transaction(database.sessions) as session:
        edited = session.scalars(select(AuditEntry.id).order_by(AuditEntry.id).offset(2)).first()
        session.execute(update(AuditEntry).where(AuditEntry.id == edited).values(username="ke_gian"))
    page.refresh()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_button.isEnabled() and "phá vỡ" in page.chain_label.text())
    selected = page.table.selectionModel().selectedRows()
    assert [page.model.entry_id(index.row()) for index in selected] == [edited]
