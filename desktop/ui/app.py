"""Starting the interface: the application object, fonts and translations; then, on a first
run, the wizard that creates the database, or else the main window at once, its database
opening on a worker meanwhile (so the window shows as fast on a million records as on none)."""
from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.resources import resource
from desktop.ui import settings

if TYPE_CHECKING:
    from desktop.services.installation import Database
    from desktop.services.permissions import Actor
    from desktop.ui.main_window import MainWindow


def prepare_application(lang: str | None = None) -> QApplication:
    """The QApplication with the bundled fonts and the translators of `lang` (default: the
    language chosen in Settings)."""
    from desktop.i18n import set_language
    from desktop.ui.fonts import apply_default_font
    from desktop.ui.translations import TranslationError, install_translators

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setDesktopFileName("antq-ledger")  # matches packaging/linux's .desktop file: the taskbar finds the icon
    app.setWindowIcon(QIcon(str(resource("icons", "antq.png"))))
    settings.upgrade_settings()
    lang = lang or settings.read(settings.LANGUAGE)
    set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Vietnamese))
    apply_default_font(app)  # bundled fonts: Vietnamese renders on a machine with none installed
    try:
        install_translators(app, lang)
    except TranslationError as problem:  # the window still works, in its Vietnamese source words
        print(problem, file=sys.stderr)
    return app


def run_wizard(target: str | None) -> tuple[Database, str, Actor] | None:
    """The first-run wizard: the database it set up and its administrator, who needs no second
    sign-in (None: cancelled)."""
    from desktop.services.accounts import account_info, actor_for
    from desktop.services.permissions import Actor
    from desktop.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(target)
    if not wizard.exec() or wizard.database is None:
        return None
    with wizard.database.sessions() as session:
        info = account_info(session, wizard.username)
    actor = actor_for(info) if info is not None else Actor(wizard.username, "administrator")
    return wizard.database, wizard.username, actor


def start_window(target: str | None) -> MainWindow | None:
    """The window the user sees first: the wizard when there is no database file yet; else
    the main window, shown at once, its database opened in the background (and the wizard
    after all if that database has no installation or account yet)."""
    from db.paths import local_file_of
    from desktop.ui.main_window import MainWindow

    local = local_file_of(target)
    if local is not None and not local.exists():
        found = run_wizard(target)
        if found is None:
            return None
        database, username, actor = found
        window = MainWindow(database, username, actor=actor)
        window.show()
        return window
    window = MainWindow()

    def first_run() -> None:
        window.hide()
        found = run_wizard(target)
        if found is None:
            window.close()
            return
        window.set_database(*found)
        window.show()

    window.show()
    window.open_target(target, first_run)
    return window


def run_app(target: str | None, *, lang: str | None = None, bench_exit: str | None = None) -> int:
    """Opens the window on `target` (the default database when None) and runs the event loop.
    For bench/: `bench_exit="shown"` prints the wall-clock time once the window is shown and
    painted, `"ready"` once its database is open and its first page built, then quits."""
    app = prepare_application(lang)
    window = start_window(target)
    if window is None:
        return 0
    if bench_exit is not None:
        def leave() -> None:
            print(f"BENCH {bench_exit} {time.time():.6f}", flush=True)
            app.quit()

        if bench_exit == "shown" or window.context is not None:
            QTimer.singleShot(0, leave)
        else:
            window.database_opened.connect(lambda: QTimer.singleShot(0, leave))
            window.sign_in_shown.connect(lambda: QTimer.singleShot(0, leave))
    return app.exec()
