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
    ("overview-charts", "trang Tổng quan, các biểu đồ 5 năm gần đây", "Overview page, the charts of the last five years"),
    ("report", "hộp thoại Lập báo cáo sơ kết, giai đoạn 2021–2024", "review report dialog, period 2021–2024"),
    ("sessions", "danh sách buổi tuyên truyền", "list of dissemination sessions"),
    ("sessions-search", "danh sách buổi tuyên truyền, tìm «ma tuy»", "list of sessions, searching «ma tuy»"),
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
    ("settings-backups", "trang Cài đặt, thẻ Sao lưu", "Settings page, Backups tab"),
    ("certificates", "hộp thoại in giấy khen của quyết định đầu danh sách",
     "certificate printing dialog of the first decision listed"),
    ("session-form", "biểu mẫu buổi tuyên truyền", "dissemination session form"),
    ("model-form", "biểu mẫu mô hình", "security model form"),
    ("source-form", "biểu mẫu nguồn tin", "information source form"),
    ("case-form", "biểu mẫu vụ việc", "case form"),
    ("commendation-form", "biểu mẫu quyết định khen thưởng", "commendation decision form"),
    ("recipient-form", "biểu mẫu tập thể, cá nhân được khen", "commendation recipient form"),
    ("import", "hộp thoại nhập bảng tính", "spreadsheet import dialog"),
    ("import-preview", "hộp thoại nhập bảng tính, xem trước một tệp có lỗi",
     "spreadsheet import dialog, previewing a file with mistakes"),
    ("guide", "hướng dẫn sử dụng (F1), phần Báo cáo sơ kết", "the user guide (F1), at the review report"),
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
    if view in _GUIDE_VIEWS:  # (views of the user guide, docs/guide)
        widget, extra_cleanup = _GUIDE_VIEWS[view](window)

        def cleanup_both() -> None:
            extra_cleanup()
            cleanup()

        return widget, cleanup_both
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


# -- views of the user guide (docs/guide) ---------------------------------------------------------

# A spreadsheet of sessions with two mistakes (31/09 and more members than attendees) for the
# import preview; headers and labels as a union clerk types them.
_SAMPLE_SESSIONS_CSV = """Ngày,Hình thức,Đơn vị tổ chức,Nội dung,Số lượt người tham dự,Trong đó hội viên,Địa điểm
12/09/2025,tập huấn,Công an;Hội Liên hiệp Phụ nữ,ma túy;mua bán người,120,80,Nhà văn hóa khu 3
19/09/2025,tuyen truyen,Hội Nông dân,an toàn giao thông,85,60,Nhà văn hóa khu 5
31/09/2025,hội nghị,Công an,lừa đảo,60,10,Hội trường UBND phường
03/10/2025,giáo dục pháp luật,Đoàn Thanh niên Cộng sản Hồ Chí Minh,ma tuy,45,50,Trường THCS Hà Tu
10/10/2025,tuyên truyền,Hội Cựu chiến binh,phòng cháy,70,70,Nhà văn hóa khu 7
"""


def _wait(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Processes events until `condition()` holds (a debounced search, a layout)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _nothing() -> None:
    return None


def _overview_charts(window):  # type: ignore[no-untyped-def]
    """The Overview page of the last five years, scrolled down to its charts."""
    page = window.go_to("overview")
    page.set_period("five_years")
    _settle()
    _wait(lambda: not page.computing)
    _settle()
    page.scroll.verticalScrollBar().setValue(page.charts_title.y() - 8)
    return window, _nothing


def _report(window):  # type: ignore[no-untyped-def]
    """The report dialog opened from the Overview page for 2021–2024 (a period before the
    reform, so the choice of units of the time or of today shows)."""
    import datetime as dt

    from desktop.ui.report_dialog import ReportDialog

    page = window.go_to("overview")
    page.set_period("range", dt.date(2021, 1, 1), dt.date(2024, 12, 31))
    page.open_report_dialog()
    dialog = page.findChild(ReportDialog)
    if dialog is None:
        raise ScreenshotError("report")
    return dialog, _nothing


def _sessions_search(window):  # type: ignore[no-untyped-def]
    """The sessions list found by typing «ma tuy» (no accents) in the quick search."""
    _show_page(window, "sessions")
    page = window.current_list()
    page.filters.search.setText("ma tuy")
    _wait(lambda: page.model.query.search == "ma tuy")
    _settle()
    page.table.selectRow(0)
    return window, _nothing


def _settings_backups(window):  # type: ignore[no-untyped-def]
    page = window.go_to("settings")
    backups = page.tabs.get("backups")
    if backups is None:
        raise ScreenshotError("settings-backups")
    page.setCurrentWidget(backups)
    if backups.table.topLevelItemCount():
        backups.table.setCurrentItem(backups.table.topLevelItem(0))
    return window, _nothing


def _import_preview(window):  # type: ignore[no-untyped-def]
    """The import dialog previewing a spreadsheet of sessions with two mistakes."""
    import tempfile

    folder = tempfile.TemporaryDirectory(prefix="antq-guide-")
    path = Path(folder.name) / "buoi-tuyen-truyen.csv"
    path.write_text(_SAMPLE_SESSIONS_CSV, encoding="utf-8")
    _show_page(window, "sessions")
    dialog = window.import_table()
    dialog.resize(900, 560)
    dialog.set_path(path)
    _settle()
    _wait(lambda: dialog.state != "checking")
    return dialog, folder.cleanup


def _guide(window):  # type: ignore[no-untyped-def]
    """The user guide opened with F1, at its section on the review report."""
    from desktop.i18n import language

    dialog = window.show_guide()
    dialog.resize(1100, 700)
    _settle()
    dialog.go_to_anchor("the-review-report" if language() == "en" else "báo-cáo-sơ-kết")
    return dialog, _nothing


_GUIDE_VIEWS: dict[str, Callable[..., tuple[object, Callable[[], None]]]] = {
    "overview-charts": _overview_charts,
    "report": _report,
    "sessions-search": _sessions_search,
    "settings-backups": _settings_backups,
    "import-preview": _import_preview,
    "guide": _guide,
}
