"""The main window as a user meets it: navigation, status bar, remembered state, demo data,
language switching."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.services.demo.database import demo_database_path
from desktop.services.installation import Database
from desktop.ui.main_window import PAGES, MainWindow
from desktop.ui.pages.records import RecordListPage


def make_window(qtbot: QtBot, database: Database, username: str = "admin") -> MainWindow:
    window = MainWindow(database, username)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts reach the active window only
        window.show()
        window.activateWindow()
    return window


def test_navigation_names_every_page_and_builds_it_when_shown(qtbot: QtBot, database: Database) -> None:
    window = make_window(qtbot, database)
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names == ["Tổng quan", "Buổi tuyên truyền", "Mô hình", "Nguồn tin và vụ việc", "Khen thưởng",
                     "Trao đổi dữ liệu", "Cài đặt"]
    assert "sessions" not in window._built  # lists are built when first shown, not at start-up
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_name() == "sessions"
    assert isinstance(window.current_list(), RecordListPage)
    window.nav.setCurrentRow(PAGES.index("sources_cases"))
    assert window.current_list().kind == "sources"  # type: ignore[union-attr]


def test_status_bar_names_database_unit_and_user(qtbot: QtBot, database: Database, db_path: Path) -> None:
    window = make_window(qtbot, database, "chi.lan")
    assert window.database_label.text() == f"CSDL: {db_path.name}"
    assert str(db_path) in window.database_label.toolTip()
    assert window.unit_label.text() == "Đơn vị: Phường Hà Tu"
    assert window.user_label.text() == "Người dùng: chi.lan"


def test_window_size_page_and_columns_are_remembered(qtbot: QtBot, database: Database, db_path: Path) -> None:
    window = make_window(qtbot, database)
    window.resize(960, 500)  # the offscreen screen is 800×600: only the height is kept as is
    window.go_to("models")
    page = window.current_list()
    assert page is not None
    page.table.horizontalHeader().resizeSection(1, 333)
    size = window.size()
    window.close()
    from desktop.services.installation import connect

    again = make_window(qtbot, connect(db_path))
    assert again.size().height() == size.height() == 500
    assert again.current_page_name() == "models"
    assert again.current_list().table.horizontalHeader().sectionSize(1) == 333  # type: ignore[union-attr]
    again.close()
    again.context.database.dispose()


def test_demo_from_help_menu_opens_a_separate_database(qtbot: QtBot, database: Database, data_dir: Path) -> None:
    window = make_window(qtbot, database)
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: window.context.username == "demo", timeout=60_000)
    assert demo_database_path().exists()
    assert window.context.database.describe().endswith("antq-demo.sqlite3")
    window.go_to("sessions")
    assert window.current_list().model.total() > 0  # type: ignore[union-attr]
    with database.sessions() as session:  # the real database is untouched
        from sqlalchemy import func, select

        from db.models import DisseminationSession

        assert session.scalar(select(func.count()).select_from(DisseminationSession)) == 0
    window.close()
    window.context.database.dispose()


def test_switching_language_retranslates_without_losing_the_filters(qtbot: QtBot, demo_database: Database) -> None:
    window = make_window(qtbot, demo_database)
    sessions = window.go_to("sessions")
    assert isinstance(sessions, RecordListPage)
    qtbot.keyClicks(sessions.filters.search, "ma tuy")
    qtbot.waitUntil(lambda: sessions.model.query.search == "ma tuy")
    shown = sessions.model.total()
    settings_page = window.go_to("settings")
    settings_page.language.setCurrentIndex(settings_page.language.findData("en"))  # type: ignore[attr-defined]
    try:
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "Overview")  # LanguageChange events are posted
        assert window.windowTitle().startswith("ANTQ Ledger")
        assert window.user_label.text() == "User: admin"
        assert sessions.filters.search.text() == "ma tuy"  # what was typed is kept
        assert sessions.model.total() == shown
        kinds = {sessions.model.index(row, 2).data() for row in range(min(50, sessions.model.rowCount()))}
        assert kinds <= {"training class", "communication session", "law dissemination event",
                         "conference"}  # labels of the glossary in English
        from desktop.ui import settings

        assert settings.read(settings.LANGUAGE) == "en"
    finally:
        window.switch_language("vi")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Tổng quan")
    window.close()


def test_closing_the_window_asks_about_an_unsaved_form(qtbot: QtBot, database: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, database)
    page = window.go_to("sessions")
    form = page.new_record()  # type: ignore[attr-defined]
    qtbot.waitExposed(form)
    form.fields["place"].set_value("Nhà văn hóa khu 5")  # type: ignore[attr-defined]
    asked: list[bool] = []

    def stay(*_args: object) -> str:
        asked.append(True)
        return "cancel"

    monkeypatch.setattr(type(form), "ask_unsaved", stay)
    window.close()
    assert asked and window.isVisible() and form.isVisible()  # the user chose to stay: nothing lost
    monkeypatch.setattr(type(form), "ask_unsaved", lambda *_args: "discard")
    window.close()
    assert not window.isVisible()
    QApplication.processEvents()


def test_demo_database_has_its_demo_account(qtbot: QtBot, data_dir: Path) -> None:
    from desktop.services.accounts import first_admin, verify_password
    from desktop.services.demo.database import DEMO_PASSWORD, open_demo_database
    from desktop.services.progress import Progress

    database = open_demo_database(Progress())
    with database.sessions() as session:
        user = first_admin(session)
        assert user is not None and user.username == "demo"
        assert verify_password(user.password_hash, DEMO_PASSWORD)
    database.dispose()
    again = open_demo_database(Progress())  # opened again: filled once, one account
    with again.sessions() as session:
        from sqlalchemy import func, select

        from db.models import User

        assert session.scalar(select(func.count()).select_from(User)) == 1
    again.dispose()


def test_undo_and_redo_actions_speak_vietnamese(qtbot: QtBot, demo_database: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.app import prepare_application

    prepare_application("vi")
    window = make_window(qtbot, demo_database)
    assert window.undo_action.text() == "Hoàn tác" and window.redo_action.text() == "Làm lại"
    page = window.go_to("sessions")
    page.table.selectRow(0)  # type: ignore[attr-defined]
    monkeypatch.setattr(page, "confirm_delete", lambda ref: "Nhập trùng")
    ref = page.model.index(0, 0).data()  # type: ignore[attr-defined]
    page.delete_selected()  # type: ignore[attr-defined]
    assert window.undo_action.text() == f"Hoàn tác xóa {ref}"
