"""A record list page used as a clerk would: search without accents, filter by unit and period
(and get the figures `antq stats` gives), delete and undo."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import CommendationDecision, DisseminationSession
from db.textfold import fold
from desktop.services.editing import save_record
from desktop.services.installation import Database
from desktop.services.stats import compute_stats
from desktop.ui.context import AppContext
from desktop.ui.pages.records import RecordListPage


def make_page(qtbot: QtBot, database: Database, kind: str) -> RecordListPage:
    page = RecordListPage(AppContext(database, "admin"), kind)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def shown_names(page: RecordListPage, column: int) -> list[str]:
    return [page.model.index(row, column).data() for row in range(page.model.rowCount())]


def search(qtbot: QtBot, page: RecordListPage, text: str) -> None:
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, text)
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Return)
    assert page.model.query.search == text


def test_search_without_accents_finds_nguyen_and_dang(qtbot: QtBot, demo_database: Database) -> None:
    with demo_database.sessions() as session:
        number = session.scalars(select(CommendationDecision.number)).first()
    for name in ("Đặng Thị Thu", "Nguyễn Văn Đăng"):
        saved = save_record(demo_database, "recipients",
                            {"decision_number": number, "kind": "individual", "name": name}, "admin")
        assert saved.record_id is not None, saved.violations
    page = make_page(qtbot, demo_database, "recipients")
    everyone = page.model.total()
    search(qtbot, page, "nguyen")
    names = shown_names(page, 1)
    assert 0 < page.model.total() < everyone
    assert any("Nguyễn" in name for name in names)
    assert page.count_label.text() == f"Hiển thị {page.model.total()} bản ghi"
    search(qtbot, page, "dang")
    names = shown_names(page, 1)
    assert {"Đặng Thị Thu", "Nguyễn Văn Đăng"} <= set(names)
    assert all("dang" in fold(" ".join(str(page.model.index(row, col).data()) for col in range(8)))
               for row in range(page.model.rowCount()))


def test_unit_and_period_filters_count_what_antq_stats_counts(qtbot: QtBot, demo_database: Database) -> None:
    page = make_page(qtbot, demo_database, "sessions")
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    page.filters.set_period(start, end)
    whole = compute_stats(demo_database, None, start, end)  # the demo has Hà Tu's records only
    assert page.model.total() == whole["sessions"]["count"] > 0
    # In 2024 code 06652 was Phường Hà Phong, one of the two old wards merged into Hà Tu:
    # `antq stats --unit 06652 --to 31/12/2024` reads it in the old list, and so does the filter.
    old = compute_stats(demo_database, "06652", start, end)
    assert old["unit_name"] == "Phường Hà Phong"
    page.filters.unit.setCurrentIndex(page.filters.unit.findText("Phường Hà Phong (trước 01/7/2025)"))
    assert page.model.total() == old["sessions"]["count"]
    assert 0 < old["sessions"]["count"] < whole["sessions"]["count"]
    units = {page.model.index(row, 3).data() for row in range(page.model.rowCount())}
    assert units == {"Phường Hà Phong"}


def test_code_filter_narrows_to_one_kind(qtbot: QtBot, demo_database: Database) -> None:
    page = make_page(qtbot, demo_database, "sessions")
    page.filters.set_code("kind", "training")
    kinds = set(shown_names(page, 2))
    assert kinds == {"lớp tập huấn"}


def test_delete_asks_then_marks_deleted_and_ctrl_z_brings_it_back(qtbot: QtBot, demo_database: Database,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, demo_database, "sessions")
    before = page.model.total()
    page.table.selectRow(0)
    record_id = page.selected_id()
    monkeypatch.setattr(page, "confirm_delete", lambda ref: None)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.total() == before  # declined: nothing happened
    monkeypatch.setattr(page, "confirm_delete", lambda ref: "Nhập trùng")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.total() == before - 1
    with demo_database.sessions() as session:
        assert session.scalar(select(DisseminationSession.deleted).where(DisseminationSession.id == record_id))
    page.context.undo_stack.undo()
    assert page.model.total() == before
    with demo_database.sessions() as session:
        record = session.get_one(DisseminationSession, record_id)
        assert not record.deleted and record.revision == 3  # deleted, then restored: both audited
        from db.models import AuditEntry

        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).one()
        assert entry.reason == "Nhập trùng" and entry.record_uid == str(record.uid)


def test_deleting_a_record_of_an_approved_period_is_refused_plainly(qtbot: QtBot, demo_database: Database,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from db.engine import transaction
    from db.units import own_unit
    from desktop.services.approvals import Period, approve

    page = make_page(qtbot, demo_database, "sessions")
    page.table.selectRow(0)
    record_id = page.selected_id()
    with demo_database.sessions() as session:
        held_on = session.get_one(DisseminationSession, record_id).held_on
    period = Period.month(held_on.year, held_on.month)
    with transaction(demo_database.sessions) as session:
        approve(session, page.context.actor, own_unit(session).id, period.starts_on, period.ends_on)  # type: ignore[union-attr]
    monkeypatch.setattr(page, "confirm_delete", lambda ref: "Nhập trùng")
    before = page.model.total()
    assert page.delete_selected() is False
    box = next(w for w in page.findChildren(QMessageBox) if w.isVisible())
    assert "bỏ duyệt trước khi sửa" in box.text()
    assert page.model.total() == before and page.context.undo_stack.count() == 0
    with demo_database.sessions() as session:
        assert not session.get_one(DisseminationSession, record_id).deleted


def test_buttons_follow_the_role(qtbot: QtBot, demo_database: Database) -> None:
    from desktop.services.permissions import Actor

    admin = RecordListPage(AppContext(demo_database, "quan.tri", actor=Actor("quan.tri", "administrator")), "sessions")
    qtbot.addWidget(admin)
    admin.table.selectRow(0)
    assert not admin.new_button.isEnabled() and not admin.delete_button.isEnabled()  # users, keys, settings only
    assert admin.open_button.isEnabled()  # may still look
    officer = RecordListPage(AppContext(demo_database, "can.bo", actor=Actor("can.bo", "officer")), "sessions")
    qtbot.addWidget(officer)
    officer.table.selectRow(0)
    assert officer.new_button.isEnabled() and officer.delete_button.isEnabled()
