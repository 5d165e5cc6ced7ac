"""The application window (a first version: the database, the unit, the headline figures, and
demo data from the Help menu). The full navigation comes with the next issue."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from db.engine import default_database_path
from desktop.services.installation import Database, SetupError, open_database

DEMO_UNIT = "06652"  # Phường Hà Tu, Quảng Ninh


def demo_database_path() -> Path:
    return default_database_path().with_name("antq-demo.sqlite3")


class MainWindow(QMainWindow):
    def __init__(self, target: str | None) -> None:
        super().__init__()
        self.target = target
        self.database: Database | None = None
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.summary)
        self.setCentralWidget(body)
        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        self.demo_action = help_menu.addAction(self.tr("Mở cơ sở dữ liệu &mẫu"))
        self.demo_action.triggered.connect(self.open_demo)
        self.setWindowTitle(self.tr("ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc"))
        self.resize(900, 560)
        self.load(target)

    def load(self, target: str | os.PathLike[str] | None) -> None:
        if self.database is not None:
            self.database.dispose()
            self.database = None
        try:
            self.database = open_database(target)
        except SetupError as problem:
            self.summary.setText(f"<h2>{self.tr('Chưa có dữ liệu')}</h2><p>{problem}</p><p>"
                                 + self.tr("Chọn Trợ giúp → Mở cơ sở dữ liệu mẫu để dùng thử.") + "</p>")
            return
        self.show_summary()

    def show_summary(self) -> None:
        from desktop.services.stats import compute_stats, format_stats

        assert self.database is not None
        figures = compute_stats(self.database)
        text = format_stats(figures, "vi").replace("&", "&amp;").replace("<", "&lt;")
        self.summary.setText(f"<h2>{self.tr('Tổng quan')}</h2><p>{self.database.describe()}</p>"
                             f"<pre style='font-size:11pt'>{text}</pre>")
        self.statusBar().showMessage(self.database.describe())

    def open_demo(self) -> None:
        from desktop.services.demo import make_demo
        from desktop.services.installation import initialise

        path = demo_database_path()
        fresh = not path.exists()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = initialise(path, DEMO_UNIT)
            if fresh:
                make_demo(result.database)
            result.database.dispose()
        finally:
            QApplication.restoreOverrideCursor()
        self.load(path)
        QMessageBox.information(self, self.tr("Dữ liệu mẫu"), self.tr("Đang dùng cơ sở dữ liệu mẫu: %1").replace("%1", str(path)))


def run_app(target: str | None, *, quit_when_shown: bool = False) -> int:
    """Opens the window on `target` (the default database when None) and runs the event loop.
    `quit_when_shown` leaves the loop once the window has been shown and painted (bench/)."""
    from desktop.i18n import language
    from desktop.ui.fonts import apply_default_font
    from desktop.ui.translations import TranslationError, install_translators

    app = QApplication.instance() or QApplication(sys.argv)
    apply_default_font(app)  # bundled fonts: Vietnamese renders on a machine with none installed
    try:
        install_translators(app, language())
    except TranslationError as problem:  # the window still works, in its Vietnamese source words
        print(problem, file=sys.stderr)
    window = MainWindow(target)
    window.show()
    if quit_when_shown:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    return app.exec()
