"""Start-up: the main window shows at once and its database opens behind it; a database file
that does not exist yet, or has no account yet, brings the first-run wizard, and cancelling it
creates nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.engine import transaction
from desktop.services.accounts import create_admin
from desktop.services.installation import connect
from desktop.ui import wizard
from desktop.ui.app import prepare_application, start_window
from desktop.ui.main_window import MainWindow


@pytest.fixture
def cancelled_wizards(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    shown: list[object] = []

    def cancel(self) -> int:  # type: ignore[no-untyped-def]
        shown.append(self)
        return 0

    monkeypatch.setattr(wizard.FirstRunWizard, "exec", cancel)
    return shown


def test_window_shows_first_then_its_database(qtbot: QtBot, db_path: Path) -> None:
    database = connect(db_path)
    with transaction(database.sessions) as session:
        create_admin(session, "chi.lan", "Nguyễn Thị Lan", "mat-khau-dai", "mat-khau-dai")
    database.dispose()
    prepare_application("vi")
    window = start_window(str(db_path))
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible() and window.context is None  # shown before the database is open
    assert window.database_label.text() == "Đang mở cơ sở dữ liệu…"
    with qtbot.waitSignal(window.sign_in_shown, timeout=20_000):
        pass  # checked, backed up for the day, opened: now who is there?
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible() and window.context is None
    qtbot.keyClicks(dialog.username, "chi.lan")
    qtbot.keyClicks(dialog.password, "mat-khau-dai")
    with qtbot.waitSignal(window.database_opened, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert window.unit_label.text() == "Đơn vị: Phường Hà Tu"
    assert window.user_label.text() == "Người dùng: chi.lan"
    assert window.context.actor.role == "administrator"  # type: ignore[union-attr]
    with qtbot.waitSignal(window.checked, timeout=30_000):
        pass  # the start-up check, then the day's first backup, in the background
    assert list((db_path.parent / "backups").glob("*-daily.sqlite3"))
    assert window.current_page_name() == "overview"
    window.close()


def test_database_without_an_account_brings_the_wizard(qtbot: QtBot, db_path: Path,
                                                       cancelled_wizards: list[object]) -> None:
    prepare_application("vi")
    window = start_window(str(db_path))
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(cancelled_wizards), timeout=20_000)
    qtbot.waitUntil(lambda: not window.isVisible())  # cancelled: the window closes, nothing opened
    assert window.context is None


def test_no_database_file_runs_the_wizard_and_cancelling_it_creates_nothing(
        qtbot: QtBot, data_dir: Path, cancelled_wizards: list[object]) -> None:
    prepare_application("vi")
    assert start_window(None) is None
    assert cancelled_wizards  # the wizard was offered
    assert not (data_dir / "antq.sqlite3").exists()


def test_a_damaged_file_found_at_start_brings_the_guided_restore(qtbot: QtBot, db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import checks
    from desktop.services.checks import CheckReport, CheckResult
    from desktop.ui.restore_dialog import RestoreDialog

    damaged = CheckReport([CheckResult("quick_check", ["*** in database main ***\nPage 7: btreeInitPage() returns 11"])])
    monkeypatch.setattr(checks, "startup_check", lambda path: damaged)
    database = connect(db_path)
    with transaction(database.sessions) as session:
        create_admin(session, "chi.lan", "Nguyễn Thị Lan", "mat-khau-dai", "mat-khau-dai")
    prepare_application("vi")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.set_database(database, "chi.lan")  # as after signing in
    qtbot.waitUntil(lambda: isinstance(getattr(window, "restore_dialog", None), RestoreDialog), timeout=20_000)
    assert window.restore_dialog.isVisible()
    assert not list((db_path.parent / "backups").glob("*-daily.sqlite3"))  # no backup of a damaged file
    window.restore_dialog.reject()
    window.close()
