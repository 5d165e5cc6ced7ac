"""`antq screenshot VIEW --out FILE.png`: renders one view of the interface offscreen to a PNG,
for the README and for checking the interface by eye on a machine without a screen."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

# (name, Vietnamese description, English description); the page views show the whole window.
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("overview", "cửa sổ chính, trang Tổng quan", "main window, Overview page"),
    ("sessions", "danh sách buổi tuyên truyền", "list of dissemination sessions"),
    ("models", "danh sách mô hình", "list of security models"),
    ("sources", "danh sách nguồn tin", "list of information sources"),
    ("cases", "danh sách vụ việc", "list of cases"),
    ("commendations", "danh sách quyết định khen thưởng", "list of commendation decisions"),
    ("recipients", "danh sách tập thể, cá nhân được khen", "list of commendation recipients"),
    ("exchange", "trang Trao đổi dữ liệu", "Exchange page"),
    ("exchange-import", "trang Trao đổi dữ liệu, thẻ Nhập gói", "Exchange page, Import packages tab"),
    ("exchange-keys", "trang Trao đổi dữ liệu, thẻ Khóa trao đổi", "Exchange page, Exchange keys tab"),
    ("settings", "trang Cài đặt", "Settings page"),
    ("settings-templates", "trang Cài đặt, thẻ Mẫu giấy khen", "Settings page, Certificate templates tab"),
    ("certificates", "hộp thoại in giấy khen của quyết định đầu danh sách",
     "certificate printing dialog of the first decision listed"),
    ("session-form", "biểu mẫu buổi tuyên truyền", "dissemination session form"),
    ("model-form", "biểu mẫu mô hình", "security model form"),
    ("source-form", "biểu mẫu nguồn tin", "information source form"),
    ("case-form", "biểu mẫu vụ việc", "case form"),
    ("commendation-form", "biểu mẫu quyết định khen thưởng", "commendation decision form"),
    ("recipient-form", "biểu mẫu tập thể, cá nhân được khen", "commendation recipient form"),
    ("import", "hộp thoại nhập bảng tính", "spreadsheet import dialog"),
    ("export", "hộp thoại xuất bảng tính", "spreadsheet export dialog"),
    ("wizard", "trình hướng dẫn lần đầu: ngôn ngữ", "first-run wizard: language"),
    ("wizard-unit", "trình hướng dẫn lần đầu: chọn đơn vị", "first-run wizard: choosing the unit"),
    ("wizard-account", "trình hướng dẫn lần đầu: tài khoản quản trị", "first-run wizard: administrator account"),
)
VIEW_NAMES = tuple(name for name, _vi, _en in VIEWS)

_PAGE_OF = {"overview": ("overview", 0), "sessions": ("sessions", 0), "models": ("models", 0),
            "sources": ("sources_cases", 0), "cases": ("sources_cases", 1),
            "commendations": ("commendations", 0), "recipients": ("commendations", 1),
            "exchange": ("exchange", 0), "exchange-import": ("exchange", 1), "exchange-keys": ("exchange", 2),
            "settings": ("settings", 0)}
_FORM_KIND = {"session-form": "sessions", "model-form": "models", "source-form": "sources",
              "case-form": "cases", "commendation-form": "commendations", "recipient-form": "recipients"}


class ScreenshotError(ValueError):
    """An unknown view or size (the user's mistake, reported in one line)."""


def _settle(seconds: float = 20.0) -> None:
    """Lets background jobs (figures of the overview, previews) finish and the results paint."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    pool = QThreadPool.globalInstance()
    while True:
        QApplication.processEvents()
        if pool.activeThreadCount() == 0 or time.monotonic() > deadline:
            break
        pool.waitForDone(50)
    for _ in range(5):
        QApplication.processEvents()


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ScreenshotError(text) from None
    if not (320 <= width <= 4000 and 240 <= height <= 4000):
        raise ScreenshotError(text)
    return width, height


def render(view: str, out: Path, target: str | None = None, lang: str | None = None,
           size: tuple[int, int] = (1280, 800)) -> Path:
    """Renders `view` to `out` (PNG) and returns the path."""
    if view not in VIEW_NAMES:
        raise ScreenshotError(view)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings

    from desktop.ui.app import prepare_application

    # A settings folder of its own: the picture does not depend on, nor change, the user's
    # window layout (the language is still the user's unless --lang says otherwise).
    lang = lang or _user_language()
    scratch = tempfile.TemporaryDirectory(prefix="antq-screenshot-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch.name)
    prepare_application(lang)
    widget, cleanup = _build(view, target, size)
    try:
        _settle()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not widget.grab().save(str(out), "PNG"):
            raise OSError(f"cannot write {out}")
    finally:
        cleanup()
        scratch.cleanup()
    return out


def _user_language() -> str:
    from desktop.ui import settings

    return settings.read(settings.LANGUAGE)


def _build(view: str, target: str | None, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    if view.startswith("wizard"):
        return _wizard(view, target)
    from desktop.services.installation import open_database
    from desktop.ui.main_window import MainWindow
    from desktop.ui.startup import username_of

    database = open_database(target)
    window = MainWindow(database, username_of(database))
    window.resize(*size)
    window.show()

    def cleanup() -> None:
        window.close()
        window.context.database.dispose()
        window.deleteLater()

    if view in _PAGE_OF:
        _show_page(window, view)
        return window, cleanup
    if view in _FORM_KIND:
        return _form(window, _FORM_KIND[view]), cleanup
    if view == "settings-templates":
        page = window.go_to("settings")
        page.setCurrentWidget(page.tabs["templates"])
        return window, cleanup
    if view == "certificates":
        return _certificates(window), cleanup
    dialog = window.import_table() if view == "import" else window.export_table()
    return dialog, cleanup


def _show_page(window, view: str) -> None:  # type: ignore[no-untyped-def]
    name, tab = _PAGE_OF[view]
    page = window.go_to(name)
    if tab:
        (getattr(page, "tabs", None) or page).setCurrentIndex(tab)  # the Exchange page holds its tabs


def _form(window, kind: str):  # type: ignore[no-untyped-def]
    """The form of the list's first record (or an empty form when the list is empty)."""
    from desktop.ui.forms import open_record_form

    _show_page(window, kind)
    page = window.current_list()
    record_id = page.model.record_id(0) if page.model.rowCount() else None
    return open_record_form(page, window.context, kind, record_id)


def _certificates(window):  # type: ignore[no-untyped-def]
    """The printing dialog of the first decision in the Commendations list."""
    from desktop.ui.certificate_dialog import CertificateDialog

    _show_page(window, "commendations")
    page = window.current_list()
    page.table.selectRow(0)
    page.print_certificates()
    dialog = page.findChild(CertificateDialog)
    if dialog is None:
        raise ScreenshotError("certificates")
    return dialog


def _wizard(view: str, target: str | None):  # type: ignore[no-untyped-def]
    from desktop.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(target)
    wizard.show()
    steps: dict[str, Callable[[], None]] = {
        "wizard": lambda: None,
        "wizard-unit": lambda: _to_unit_page(wizard),
        "wizard-account": lambda: _to_account_page(wizard),
    }
    steps[view]()
    return wizard, wizard.deleteLater


def _to_unit_page(wizard) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    _settle()
    wizard.unit_page.search.setText("phuong ha tu")
    _settle()


def _to_account_page(wizard) -> None:  # type: ignore[no-untyped-def]
    _to_unit_page(wizard)
    results = wizard.unit_page.results
    results.setCurrentRow(0)
    wizard.next()
    _settle()
