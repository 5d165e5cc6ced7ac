"""The Backups page and the restore dialog shown when the start-up check fails, driven as a user
would: back up now, restore after a confirmation (or not), a refusal in plain words, and the
guided restore from the newest good backup of a damaged file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services.backups import backup_before, list_backups
from desktop.services.checks import startup_check
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui.context import AppContext
from desktop.ui.pages.backups import BackupsPage, size_text
from desktop.ui.restore_dialog import RestoreDialog
from tests.services.backup_support import add_marker, damage, markers

ADMIN = Actor("quantri", "administrator")
MORNING = dt.datetime(2026, 11, 20, 7, 30, 5)


@pytest.fixture
def context(database: Database) -> AppContext:
    context = AppContext(database, "quantri")
    context.actor = ADMIN  # type: ignore[attr-defined]  # the signed-in user, as the window will set it
    return context


def open_page(qtbot, context: AppContext) -> BackupsPage:  # type: ignore[no-untyped-def]
    page = BackupsPage(context)
    qtbot.addWidget(page)
    page.show()
    return page


def rows(tree) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())] for r in range(tree.topLevelItemCount())]


def confirm(qtbot, owner, yes: bool) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: owner.confirm_box is not None and owner.confirm_box.isVisible())
    box: QMessageBox = owner.confirm_box
    button = owner.confirm_restore_button if yes else box.escapeButton()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_page_lists_backups_newest_first_with_reason_and_size(qtbot, context: AppContext, db_path: Path) -> None:
    backup_before(db_path, "daily", when=MORNING)
    backup_before(db_path, "import", when=MORNING + dt.timedelta(hours=2))
    page = open_page(qtbot, context)
    size = size_text(list_backups(db_path)[0].size)
    assert rows(page.table) == [["20/11/2026 09:30:05", "Trước khi nhập bảng tính", size],
                                ["20/11/2026 07:30:05", "Hằng ngày", size]]
    assert size.endswith(" MB") and "," in size  # 4,9 MB: Vietnamese decimals
    assert page.folder.text() == str(db_path.parent / "backups")
    assert page.backup_button.text() == "Sao lưu &ngay" and page.backup_button.isEnabled()
    assert not page.restore_button.isEnabled()  # nothing chosen yet


def test_back_up_now_in_the_background(qtbot, context: AppContext, db_path: Path) -> None:
    page = open_page(qtbot, context)
    assert rows(page.table) == []
    with qtbot.waitSignal(page.backed_up, timeout=10_000) as made:
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    copy: Path = made.args[0]
    assert copy.exists() and copy.name.endswith("-manual.sqlite3")
    assert [r[1] for r in rows(page.table)] == ["Sao lưu thủ công"]
    assert page.table.currentItem() is page.table.topLevelItem(0)
    assert page.status.text() == f"Đã sao lưu: {copy.name}"


def test_restore_only_after_confirmation(qtbot, context: AppContext, database: Database, db_path: Path) -> None:
    add_marker(database, "cũ")
    backup_before(db_path, "daily", when=MORNING)
    add_marker(database, "mới")
    page = open_page(qtbot, context)
    page.table.setCurrentItem(page.table.topLevelItem(0))
    assert page.restore_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "20/11/2026 07:30:05 (Hằng ngày)" in page.confirm_box.text()
    confirm(qtbot, page, yes=False)
    assert markers(db_path) == {"cũ", "mới"} and len(list_backups(db_path)) == 1
    changed: list[str] = []
    context.records_changed.connect(changed.append)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.restored, timeout=10_000) as done:
        confirm(qtbot, page, yes=True)
    assert markers(db_path) == {"cũ"}
    kept = done.args[0].previous
    assert markers(kept) == {"cũ", "mới"}
    assert f"Dữ liệu trước khi khôi phục được giữ tại {kept.name}." in page.status.text()
    assert "Trước khi khôi phục" in [r[1] for r in rows(page.table)]
    assert "sessions" in changed


def test_refusal_is_a_plain_message(qtbot, database: Database, db_path: Path) -> None:
    context = AppContext(database, "canbo")
    context.actor = Actor("canbo", "officer")  # type: ignore[attr-defined]
    page = open_page(qtbot, context)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is not None and page.task.is_finished, timeout=10_000)
    assert page.status.text().startswith("Tài khoản canbo không có quyền")
    assert list_backups(db_path) == [] and page.backup_button.isEnabled()


def test_page_retranslates_on_language_change(qtbot, context: AppContext) -> None:
    page = open_page(qtbot, context)
    page.restore_button.setText("")
    QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert page.restore_button.text() == "&Khôi phục…"


# --- the restore dialog at start-up ------------------------------------------------------------


def damaged_with_backups(database: Database, db_path: Path) -> tuple[Path, Path]:
    """Three backups (the newest one damaged too), then the file itself damaged."""
    add_marker(database, "thứ hai")
    older = backup_before(db_path, "daily", when=MORNING)
    add_marker(database, "thứ ba")
    newer = backup_before(db_path, "daily", when=MORNING + dt.timedelta(days=1))
    newest = backup_before(db_path, "import", when=MORNING + dt.timedelta(days=1, hours=3))
    assert older and newer and newest
    damage(newest, first_page=300)
    database.dispose()
    damage(db_path)
    return newer, newest


def open_dialog(qtbot, db_path: Path) -> RestoreDialog:  # type: ignore[no-untyped-def]
    report = startup_check(db_path)
    assert not report.ok
    dialog = RestoreDialog(db_path, report)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.problems is not None, timeout=10_000)
    return dialog


def test_dialog_offers_the_newest_good_backup_and_restores_it(qtbot, database: Database, db_path: Path) -> None:
    newer, _newest = damaged_with_backups(database, db_path)
    dialog = open_dialog(qtbot, db_path)
    assert dialog.problem_text.text().startswith("Tệp dữ liệu bị hỏng (có thể do mất điện")
    assert dialog.details.text().startswith("• Tệp dữ liệu bị hỏng: ")  # SQLite's own words, below
    assert [r[0] for r in rows(dialog.table)] == ["21/11/2026 07:30:05", "20/11/2026 07:30:05",
                                                 "21/11/2026 10:30:05"]
    assert [r[3] for r in rows(dialog.table)] == ["Tốt", "Tốt", "Hỏng"]
    assert dialog.selected() is not None and dialog.selected().path == newer
    assert dialog.status.text() == "Bản tốt gần nhất: 21/11/2026 07:30:05."
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.table.visualItemRect(dialog.table.topLevelItem(2)).center())
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()  # the damaged one: not offered
    dialog.table.setCurrentItem(dialog.table.topLevelItem(0))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        confirm(qtbot, dialog, yes=True)
    assert dialog.outcome == "restored" and dialog.result is not None
    assert startup_check(db_path).ok and markers(db_path) == {"thứ hai", "thứ ba"}
    assert dialog.result.previous_damaged and dialog.result.previous is not None
    assert dialog.result.previous.exists()  # the damaged file is kept, not lost


def test_dialog_cancel_restores_nothing_and_quit_says_quit(qtbot, database: Database, db_path: Path) -> None:
    damaged_with_backups(database, db_path)
    before = db_path.read_bytes()
    dialog = open_dialog(qtbot, db_path)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    confirm(qtbot, dialog, yes=False)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome == "quit" and db_path.read_bytes() == before


def test_dialog_without_backups_can_still_open_the_file(qtbot, db_path: Path) -> None:
    damage(db_path)
    dialog = open_dialog(qtbot, db_path)
    assert rows(dialog.table) == [] and not dialog.restore_button.isEnabled()
    assert dialog.advice.text().startswith("Không có bản sao lưu nào")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome == "continue"


def test_dialog_names_broken_references_plainly(qtbot, db_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO organisation (uid, unit_id, kind, name, deleted) "
                           "VALUES ('0123456789abcdef0123456789abcdef', 999999, 'police', 'mồ côi', 0)")
    dialog = open_dialog(qtbot, db_path)
    assert dialog.problem_text.text().startswith("Một số dòng dữ liệu trỏ tới dữ liệu không còn nữa")
    assert "bảng organisation" in dialog.details.text()
