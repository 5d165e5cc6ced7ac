"""Starting the interface: the application object, fonts, translations, then the main window on
the database — or, on first run, the wizard that creates it."""
from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.ui import settings


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


def open_main_window(target: str | None):  # type: ignore[no-untyped-def]
    """The main window on `target`, after the first-run wizard when it has no installation yet
    (a database set up by `antq init` opens as it is). None when the wizard was cancelled."""
    from desktop.services.installation import SetupError, open_database
    from desktop.ui.main_window import MainWindow, username_of

    try:
        database = open_database(target)
    except SetupError:
        from desktop.ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(target)
        if not wizard.exec() or wizard.database is None:
            return None
        return MainWindow(wizard.database, wizard.username)
    return MainWindow(database, username_of(database))


def run_app(target: str | None, *, quit_when_shown: bool = False, lang: str | None = None) -> int:
    """Opens the window on `target` (the default database when None) and runs the event loop.
    `quit_when_shown` leaves the loop once the window has been shown and painted (bench/)."""
    app = prepare_application(lang)
    window = open_main_window(target)
    if window is None:
        return 0
    window.show()
    if quit_when_shown:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    return app.exec()
