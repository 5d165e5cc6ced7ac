"""The main window: a navigation pane (Overview, Sessions, Models, Sources & cases,
Commendations, Exchange, Settings) beside the pages, a toolbar, menus, and a status bar naming
the database, the own unit and the signed-in user. Window geometry, the last page and column
layouts are remembered.

Start-up is quick on any database: this module imports nothing of SQLAlchemy, the window can be
shown before its database is open (`open_target` opens it on a worker), and pages are built the
first time they are shown."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QWidget,
)

from desktop import __version__
from desktop.ui import settings
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import run_in_background, show_error

if TYPE_CHECKING:
    from desktop.services.installation import Database
    from desktop.services.permissions import Actor
    from desktop.ui.context import AppContext
    from desktop.ui.pages.records import RecordListPage
    from desktop.ui.sign_in import IdleLock, SignInDialog

PAGES = ("overview", "sessions", "models", "sources_cases", "commendations", "exchange", "settings")

# The record lists of each page (a page with two lists shows them as tabs).
PAGE_KINDS: dict[str, tuple[str, ...]] = {
    "sessions": ("sessions",),
    "models": ("models",),
    "sources_cases": ("sources", "cases"),
    "commendations": ("commendations", "recipients"),
}


class ListTabs(Retranslating, QTabWidget):
    """Two record lists of one page (sources and cases; decisions and recipients)."""

    def __init__(self, context: AppContext, kinds: tuple[str, ...], parent: QWidget | None = None) -> None:
        from desktop.ui.pages.records import RecordListPage

        super().__init__(parent)
        self.lists = [RecordListPage(context, kind) for kind in kinds]
        for page in self.lists:
            self.addTab(page, "")
        self.retranslate_ui()

    def current_list(self) -> RecordListPage:
        return self.lists[self.currentIndex()]


    def retranslate_ui(self) -> None:
        names = {"sources": self.tr("Nguồn tin"), "cases": self.tr("Vụ việc"),
                 "commendations": self.tr("Quyết định khen thưởng"),
                 "recipients": self.tr("Tập thể, cá nhân được khen")}
        for index, page in enumerate(self.lists):
            self.setTabText(index, names.get(page.kind, page.kind))


class MainWindow(Retranslating, QMainWindow):
    database_opened = Signal()  # a database is shown (at start-up, or another one opened)
    sign_in_shown = Signal()  # a database is open; the sign-in dialog asks who is there
    checked = Signal()  # the shown file passed its start-up check (and the day's backup was made)

    def __init__(self, database: Database | None = None, username: str = "",
                 parent: QWidget | None = None, actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.context: AppContext | None = None
        self.idle_lock: IdleLock | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.undo_group = QUndoGroup(self)
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(260)
        self.stack = QStackedWidget()
        self._built: dict[str, QWidget] = {}
        for name in PAGES:
            QListWidgetItem(self._icon(name), "", self.nav)
            self.stack.addWidget(QWidget())  # a placeholder until the page is first shown
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.database_label = QLabel()
        self.unit_label = QLabel()
        self.user_label = QLabel()
        for label in (self.database_label, self.unit_label, self.user_label):
            self.statusBar().addPermanentWidget(label)
        self._make_actions()
        self.nav.currentRowChanged.connect(self.show_page)
        self.retranslate_ui()
        self._restore_state()
        if database is not None:  # (made by the first-run wizard just now, or by a test: nothing to check)
            self.set_database(database, username, actor, check=False)
        else:
            self._show_context()

    # -- building -------------------------------------------------------------------------------

    def _icon(self, name: str):  # type: ignore[no-untyped-def]
        pixmap = {
            "overview": QStyle.StandardPixmap.SP_ComputerIcon,
            "sessions": QStyle.StandardPixmap.SP_FileDialogDetailedView,
            "models": QStyle.StandardPixmap.SP_DirHomeIcon,
            "sources_cases": QStyle.StandardPixmap.SP_MessageBoxInformation,
            "commendations": QStyle.StandardPixmap.SP_DialogApplyButton,
            "exchange": QStyle.StandardPixmap.SP_DriveFDIcon,
            "settings": QStyle.StandardPixmap.SP_FileDialogContentsView,
        }[name]
        return self.style().standardIcon(pixmap)

    def _action(self, slot: Callable[[], object], shortcut: QKeySequence | str | None = None,
                pixmap: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if pixmap is not None:
            action.setIcon(self.style().standardIcon(pixmap))
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.new_action = self._action(self.new_record, QKeySequence.StandardKey.New, sp.SP_FileIcon)
        self.find_action = self._action(self.focus_search, QKeySequence.StandardKey.Find,
                                        sp.SP_FileDialogContentsView)
        self.import_action = self._action(self.import_table, "Ctrl+I", sp.SP_ArrowDown)
        self.export_action = self._action(self.export_table, "Ctrl+E", sp.SP_ArrowUp)
        self.refresh_action = self._action(self.refresh, QKeySequence.StandardKey.Refresh, sp.SP_BrowserReload)
        self.open_action = self._action(self.choose_database, QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton)
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.guide_action = self._action(self.show_guide, "F1", sp.SP_DialogHelpButton)
        self.demo_action = self._action(self.open_demo)
        self.about_action = self._action(self.about)
        # From the group: each database's undo stack joins it and becomes the active one.
        self.undo_action = self.undo_group.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(self.style().standardIcon(sp.SP_ArrowBack))
        self.redo_action = self.undo_group.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.page_actions = []
        for index in range(len(PAGES)):
            action = self._action(lambda _checked=False, index=index: self.nav.setCurrentRow(index), f"Ctrl+{index + 1}")
            self.addAction(action)
            self.page_actions.append(action)

        self.file_menu = self.menuBar().addMenu("")
        for action in (self.open_action, None, self.import_action, self.export_action, None, self.quit_action):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)
        self.edit_menu = self.menuBar().addMenu("")
        for action in (self.new_action, self.find_action, None, self.undo_action, self.redo_action, None,
                       self.refresh_action):
            self.edit_menu.addSeparator() if action is None else self.edit_menu.addAction(action)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.demo_action)
        self.help_menu.addAction(self.about_action)

        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.find_action, None, self.import_action, self.export_action, None,
                       self.undo_action, self.refresh_action):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)

    def _build_page(self, name: str) -> QWidget:
        from desktop.ui.pages.records import RecordListPage

        context = self.context
        assert context is not None
        if name == "overview":
            from desktop.ui.pages.overview import OverviewPage

            return OverviewPage(context)
        if name in PAGE_KINDS:
            kinds = PAGE_KINDS[name]
            if len(kinds) == 1:
                page: QWidget = RecordListPage(context, kinds[0])
                page.status_message.connect(self.show_message)  # type: ignore[attr-defined]
                return page
            tabs = ListTabs(context, kinds)
            for lst in tabs.lists:
                lst.status_message.connect(self.show_message)
            return tabs
        if name == "exchange":
            from desktop.ui.pages.exchange import ExchangePage

            return ExchangePage(context, self)
        from desktop.ui.pages.settings_page import SettingsPage

        page = SettingsPage(context)
        page.language_chosen.connect(self.switch_language)
        page.database_restored.connect(self.reopen)
        page.idle_minutes_chosen.connect(lambda minutes: self.idle_lock and self.idle_lock.set_minutes(minutes))
        if "users" in page.tabs:
            page.tabs["users"].status_message.connect(self.show_message)  # type: ignore[attr-defined]
        return page

    # -- pages ----------------------------------------------------------------------------------

    def page(self, name: str) -> QWidget:
        """The page, built now if it has not been shown yet."""
        if name not in self._built:
            index = PAGES.index(name)
            placeholder = self.stack.widget(index)
            built = self._build_page(name)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[name] = built
        return self._built[name]

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(PAGES):
            return
        if self.context is None:  # the database is still opening: the page comes with it
            return
        page = self.page(PAGES[index])
        self.stack.setCurrentWidget(page)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        self._enable_actions()

    def go_to(self, name: str) -> QWidget:
        self.show_page(PAGES.index(name))
        return self._built[name]

    def current_page_name(self) -> str:
        return PAGES[max(0, self.nav.currentRow())]

    def current_list(self) -> RecordListPage | None:
        from desktop.ui.pages.records import RecordListPage

        page = self._built.get(self.current_page_name())
        if isinstance(page, RecordListPage):
            return page
        if isinstance(page, ListTabs):
            return page.current_list()
        return None

    def lists(self) -> list[RecordListPage]:
        if not self._built:
            return []  # (and no list module to import when quitting before any page was shown)
        from desktop.ui.pages.records import RecordListPage

        found: list[RecordListPage] = []
        for page in self._built.values():
            if isinstance(page, RecordListPage):
                found.append(page)
            elif isinstance(page, ListTabs):
                found.extend(page.lists)
        return found

    # -- actions --------------------------------------------------------------------------------

    def new_record(self) -> None:
        page = self.current_list()
        if page is not None:
            page.new_record()

    def focus_search(self) -> None:
        page = self.current_list()
        if page is None:
            self.go_to("sessions")
            page = self.current_list()
        assert page is not None
        page.focus_search()

    def refresh(self) -> None:
        if self.context is None:
            return
        for kinds in PAGE_KINDS.values():
            for kind in kinds:
                self.context.records_changed.emit(kind)

    def import_table(self) -> QDialog | None:
        from desktop.ui.import_export import ImportDialog

        if self.context is None:
            return None
        page = self.current_list()
        dialog = ImportDialog(self.context, page.kind if page else None, self)
        dialog.open()
        return dialog

    def export_table(self) -> QDialog | None:
        from desktop.ui.import_export import ExportDialog

        if self.context is None:
            return None
        page = self.current_list()
        dialog = ExportDialog(self.context, page.kind if page else None, self)
        dialog.open()
        return dialog

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def switch_language(self, lang: str) -> None:
        """Swaps the translators; every widget retranslates on its LanguageChange event, and
        lists re-read their labels. Open forms keep what was typed."""
        from desktop.ui.translations import TranslationError, switch_language

        try:
            switch_language(QApplication.instance(), lang)  # type: ignore[arg-type]
        except TranslationError as problem:
            show_error(self, OSError(str(problem)))
            return
        settings.write(settings.LANGUAGE, lang)
        QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Vietnamese))
        if self.context is not None:
            self.context.language_changed.emit(lang)
        self._show_context()

    # -- databases ------------------------------------------------------------------------------

    def close_dialogs(self) -> bool:
        """Closes the open forms and dialogs, each asking about unsaved work; False when the
        user chose to stay."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not dialog.close():
                return False
        return True

    def set_database(self, database: Database, username: str, actor: Actor | None = None, *,
                     check: bool = True) -> bool:
        """Shows a database, for `actor` (the signed-in user; None: the file's owner): at
        start-up, the demo data, or one opened from the File menu."""
        from desktop.ui.context import AppContext

        if not self.close_dialogs():
            database.dispose()
            return False
        self._save_state()
        old = self.context
        self.context = AppContext(database, username, self, actor)
        self.undo_group.addStack(self.context.undo_stack)
        self.undo_group.setActiveStack(self.context.undo_stack)
        self.context.undo_stack.setUndoLimit(100)
        for name, page in list(self._built.items()):
            index = self.stack.indexOf(page)
            self.stack.insertWidget(index, QWidget())
            self.stack.removeWidget(page)
            page.deleteLater()
            del self._built[name]
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.database.dispose()
            old.deleteLater()
        self._show_context()
        self._enable_actions()
        self.show_page(max(0, self.nav.currentRow()))
        if self.idle_lock is None:
            from desktop.ui.sign_in import IdleLock

            self.idle_lock = IdleLock(self, settings.read(settings.IDLE_MINUTES))
        self.database_opened.emit()
        if check:
            self.check_in_background()
        return True

    def _enable_actions(self) -> None:
        """Actions follow the actor's permissions (the services check them again)."""
        from desktop.services.permissions import Permission

        context = self.context
        may = context.may if context is not None else (lambda _permission: False)
        self.find_action.setEnabled(context is not None)
        self.refresh_action.setEnabled(context is not None)
        self.new_action.setEnabled((may(Permission.ENTER_RECORDS) or may(Permission.ENTER_UNION_RECORDS))
                                   and self.current_list() is not None)
        self.import_action.setEnabled(may(Permission.IMPORT))
        self.export_action.setEnabled(may(Permission.EXPORT))

    def reopen(self) -> None:
        """Opens the shown database again (after a backup was restored into it)."""
        from desktop.services.installation import open_database

        if self.context is None:
            return
        context = self.context
        database = open_database(context.database.engine.url.render_as_string(hide_password=False))
        self.set_database(database, context.username, context.actor, check=False)

    def open_target(self, target: str | None, on_missing: Callable[[], None]) -> None:
        """Opens `target` on a worker while the window is already shown, then asks who signs
        in; `on_missing()` runs when there is no installation or no account yet (a first run:
        the wizard's turn)."""
        from desktop.ui.startup import open_installation

        def opened(found: object) -> None:
            if found is None:
                on_missing()
            else:
                self.sign_in(found.database, on_refused=self.close)  # type: ignore[attr-defined]

        run_in_background(self, self.tr("Đang mở cơ sở dữ liệu…"), lambda _progress: open_installation(target),
                          opened, cancellable=False)

    def check_in_background(self) -> None:
        """The start-up check and the day's backup of the shown SQLite file, off the main
        thread; a damaged file brings the guided restore."""
        from db.engine import sqlite_path
        from desktop.ui.startup import check_and_back_up

        context = self.context
        path = sqlite_path(context.database.engine.url.render_as_string(hide_password=False)) if context else None
        if path is None or not path.exists():
            return

        def checked(result: Any) -> None:
            if self.context is not context:
                return  # another database is shown by now
            if not result.report.ok:
                self._offer_restore(path, result.report)
            elif result.backup_problem:
                self.show_message(result.backup_problem)
            self.checked.emit()

        run_in_background(self, self.tr("Đang kiểm tra tệp dữ liệu…"), lambda _progress: check_and_back_up(path),
                          checked, cancellable=False, show_after_ms=None)

    def _offer_restore(self, path: Path, report: Any) -> None:
        """The start-up check failed: restore from a backup, keep working on the file, or quit."""
        from desktop.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(path, report, self)
        self.restore_dialog = dialog

        def finished() -> None:
            if dialog.outcome == "restored":
                self.reopen()
            elif dialog.outcome == "quit":
                self.close()

        dialog.finished.connect(finished)
        dialog.open()

    def sign_in(self, database: Database, on_refused: Callable[[], object] | None = None) -> SignInDialog:
        """Asks who signs in to `database`, then shows it for them; a cancelled sign-in closes
        the database (and calls `on_refused`)."""
        from desktop.ui.sign_in import SignInDialog

        dialog = SignInDialog(database, self)
        self.sign_in_dialog = dialog

        def accepted() -> None:
            assert dialog.actor is not None
            self.set_database(database, dialog.actor.username, dialog.actor)

        def rejected() -> None:
            database.dispose()
            if on_refused is not None:
                on_refused()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.open()
        self.sign_in_shown.emit()
        return dialog

    def choose_database(self) -> None:
        start = str(Path(self.context.database.describe()).parent) if self.context else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Mở cơ sở dữ liệu"), start,
            self.tr("Cơ sở dữ liệu ANTQ (*.sqlite3 *.db);;Mọi tệp (*)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        from desktop.services.installation import SetupError, open_database

        try:
            database = open_database(path)
        except SetupError as problem:
            show_error(self, OSError(str(problem)))
            return False
        self.sign_in(database)
        return True

    def open_demo(self) -> None:
        """Loads demo data into a database of its own (never the real one), off the main thread."""
        from desktop.services.demo.database import DEMO_USER, open_demo_database
        from desktop.services.permissions import Actor

        def done(database: Database) -> None:
            # The demo data is the newcomer's own to try everything with: no sign-in, no roles.
            if self.set_database(database, DEMO_USER, Actor(DEMO_USER, "owner")):
                self.show_message(self.tr("Đang dùng dữ liệu mẫu: %1").replace("%1", database.describe()))

        run_in_background(self, self.tr("Đang mở dữ liệu mẫu…"), open_demo_database, done)

    def show_guide(self) -> QDialog:
        from desktop.ui.guide_dialog import show_guide

        return show_guide(self)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("Giới thiệu"), self.tr(
            "<b>ANTQ Ledger %1</b><br>Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc.").replace(
            "%1", __version__))

    # -- state ----------------------------------------------------------------------------------

    def _show_context(self) -> None:
        context = self.context
        if context is None:
            self.database_label.setText(self.tr("Đang mở cơ sở dữ liệu…"))
            self.unit_label.clear()
            self.user_label.clear()
            self._enable_actions()
            return
        path = context.database.describe()
        self.database_label.setText(self.tr("CSDL: %1").replace("%1", Path(path).name if "sqlite" in path
                                                                   else path))
        self.database_label.setToolTip(path)
        unit = context.own_unit
        self.unit_label.setText(self.tr("Đơn vị: %1").replace("%1", unit.name if unit else "—"))
        self.user_label.setText(self.tr("Người dùng: %1").replace("%1", context.username))

    def _restore_state(self) -> None:
        geometry = settings.read_state("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        state = settings.read_state("window/state")
        if state is not None:
            self.restoreState(state)
        self.nav.setCurrentRow(min(max(settings.read(settings.PAGE), 0), len(PAGES) - 1))

    def _save_state(self) -> None:
        settings.write_state("window/geometry", self.saveGeometry())
        settings.write_state("window/state", self.saveState())
        settings.write(settings.PAGE, max(0, self.nav.currentRow()))
        for page in self.lists():
            page.save_columns()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_dialogs():
            event.ignore()
            return
        self._save_state()
        event.accept()


    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc"))
        names = [self.tr("Tổng quan"), self.tr("Buổi tuyên truyền"), self.tr("Mô hình"),
                 self.tr("Nguồn tin và vụ việc"), self.tr("Khen thưởng"), self.tr("Trao đổi dữ liệu"),
                 self.tr("Cài đặt")]
        for index, name in enumerate(names):
            self.nav.item(index).setText(name)
            self.page_actions[index].setText(name)
        self.file_menu.setTitle(self.tr("&Tệp"))
        self.edit_menu.setTitle(self.tr("&Sửa"))
        self.help_menu.setTitle(self.tr("Trợ &giúp"))
        self.toolbar.setWindowTitle(self.tr("Thanh công cụ"))
        self.new_action.setText(self.tr("Thêm mới"))
        self.find_action.setText(self.tr("Tìm"))
        self.import_action.setText(self.tr("Nhập bảng tính…"))
        self.export_action.setText(self.tr("Xuất bảng tính…"))
        self.refresh_action.setText(self.tr("Làm mới"))
        self.open_action.setText(self.tr("Mở cơ sở dữ liệu…"))
        self.quit_action.setText(self.tr("Thoát"))
        self.guide_action.setText(self.tr("&Hướng dẫn sử dụng"))
        self.demo_action.setText(self.tr("Mở dữ liệu &mẫu"))
        self.about_action.setText(self.tr("Giới thiệu"))
        self._show_context()
