"""The review report from the window (issue 7), the same as `antq report`: the unit chosen on the
Overview page, a period, the language, approved records only or not, the units of the time or of
today for a period before the reform, and a .pdf or .xlsx file. `make_report` runs in the
background with its progress in the dialog and a Stop button; a problem is said at its field and
nothing is written; once written, the file or its folder opens with one click."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.figures import Filters, resolve
from desktop.services.progress import Progress
from desktop.services.report import ReportError, make_report
from desktop.services.report.content import ReportContent
from desktop.services.stats import InvalidPeriod, StatsError
from desktop.ui.context import AppContext
from desktop.ui.field_errors import error_label, show_message
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

FORMATS = (".pdf", ".xlsx")
LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))  # each in its own language, never translated
HINT_STYLE = "color: #5f6b7a;"
DONE_STYLE = "color: #1b5e20; font-weight: bold;"
TROUBLE_STYLE = "color: #b3261e;"


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def _row(*widgets: QWidget | None) -> QHBoxLayout:
    """Widgets side by side; None is a stretch."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addStretch(1) if widget is None else row.addWidget(widget)
    return row


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def default_name(filters: Filters, suffix: str) -> str:
    """bao-cao-06652-2021-2025.pdf (the whole database: bao-cao-2021-2025.pdf)."""
    parts = ["bao-cao"]
    if filters.unit_code:
        parts.append(filters.unit_code)
    parts += [str(day.year) for day in (filters.date_from, filters.date_to) if day is not None]
    return "-".join(parts) + suffix


class ReportDialog(Retranslating, QDialog):
    """`ReportDialog(context, filters)`: `filters` come from the Overview page (unit, period,
    approved only, units); the unit cannot be changed here, its name is read from the database.
    `written(path)` is emitted once a report is on disk."""

    written = Signal(object)  # the Path written

    def __init__(self, context: AppContext, filters: Filters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.unit_code = filters.unit_code
        # The window offers units of the installation's own list (today's): say so, so that a
        # period before the reform does not read the code in the old list, where it may be
        # another commune.
        own = context.own_unit
        self.unit_scheme = filters.unit_scheme or (own.scheme if filters.unit_code and own else None)
        self.task: TaskHandle[ReportContent] | None = None
        self.written_path: Path | None = None
        self._state = "ready"  # ready, working, stopping, done, stopped, failed
        self._failure = ""
        self._close_when_done = False
        self._path_is_default = True
        today = dt.date.today()

        self.unit_name = QLabel(self)
        self.unit_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unit_error = error_label()
        self.date_from = _date_edit(filters.date_from or dt.date(today.year, 1, 1))
        self.date_to = _date_edit(filters.date_to or today)
        self.dash = QLabel("–", self)
        self.period_error = error_label()
        self.units_then = QRadioButton(self)
        self.units_now = QRadioButton(self)
        self.units_group = QButtonGroup(self)
        self.units_group.addButton(self.units_then)
        self.units_group.addButton(self.units_now)
        (self.units_now if filters.units == "now" else self.units_then).setChecked(True)
        self.units_hint = QLabel(self)
        self.units_hint.setWordWrap(True)
        self.units_hint.setStyleSheet(HINT_STYLE)
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(context.lang)))
        self.approved_only = QCheckBox(self)
        self.approved_only.setChecked(filters.approved_only)
        self.format = QComboBox(self)
        for suffix in FORMATS:
            self.format.addItem("", suffix)
        self.path_edit = QLineEdit(self)
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self)
        self.file_error = error_label()

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.stop_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_file_button = QPushButton(self)
        self.open_folder_button = QPushButton(self)
        self.make_button = QPushButton(self)
        self.close_button = QPushButton(self)
        for button in (self.browse_button, self.stop_button, self.open_file_button, self.open_folder_button,
                       self.close_button):
            button.setAutoDefault(False)
        self.make_button.setDefault(True)  # Enter in any field makes the report

        self.labels = [QLabel(self) for _ in range(6)]
        units = QVBoxLayout()
        units.setSpacing(2)
        units.addWidget(self.units_then)
        units.addWidget(self.units_now)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[QLabel | None, Any, QWidget | None]] = [
            (self.labels[0], self.unit_name, None), (None, self.unit_error, None),
            (self.labels[1], _row(self.date_from, self.dash, self.date_to, None), self.date_from), (None, self.period_error, None),
            (self.labels[2], units, self.units_then), (None, self.units_hint, None),
            (self.labels[3], self.language, self.language), (None, self.approved_only, None),
            (self.labels[4], self.format, self.format),
            (self.labels[5], _row(self.path_edit, self.browse_button), self.path_edit), (None, self.file_error, None),
        ]
        for label, field, buddy in rows:
            if label is None:
                self.form.addRow("", field)
                continue
            if buddy is not None:
                label.setBuddy(buddy)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addLayout(_row(self.progress, self.stop_button))
        done = _row(self.status, self.open_file_button, self.open_folder_button)
        done.setStretch(0, 1)  # the words take the room, the buttons keep their size
        layout.addLayout(done)
        layout.addStretch(1)
        layout.addLayout(_row(None, self.make_button, self.close_button))
        order = (self.date_from, self.date_to, self.units_then, self.units_now, self.language, self.approved_only,
                 self.format, self.path_edit, self.browse_button, self.stop_button, self.open_file_button,
                 self.open_folder_button, self.make_button, self.close_button)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.date_from.dateChanged.connect(self._period_changed)
        self.date_to.dateChanged.connect(self._period_changed)
        self.units_group.buttonToggled.connect(lambda _button, checked: checked and self._show_unit())
        self.format.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textEdited.connect(self._path_typed)
        self.browse_button.clicked.connect(self.choose_file)
        self.make_button.clicked.connect(self.make)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.reject)
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.set_path(documents_folder() / default_name(self.filters(), FORMATS[0]), default=True)
        self.resize(640, 0)
        self.retranslate_ui()
        self.date_from.setFocus()

    # -- what is asked ---------------------------------------------------------------------------

    def filters(self) -> Filters:
        date_from: dt.date = self.date_from.date().toPython()  # type: ignore[assignment]
        date_to: dt.date = self.date_to.date().toPython()  # type: ignore[assignment]
        return Filters(self.unit_code, date_from, date_to, self.approved_only.isChecked(),
                       "now" if self.units_now.isChecked() else "then", self.unit_scheme)

    @property
    def report_language(self) -> str:
        return str(self.language.currentData())

    @property
    def suffix(self) -> str:
        return str(self.format.currentData())

    def target(self) -> Path | None:
        """The file to write, as typed: ~ expanded, a bare name put in the Documents folder, the
        format's suffix added when it has neither .pdf nor .xlsx."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = documents_folder() / path
        if path.suffix.lower() not in FORMATS:
            path = path.with_name(path.name + self.suffix)
        return path

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    # -- the form follows itself -----------------------------------------------------------------

    def _period_changed(self) -> None:
        """The units choice matters only for a period that ends before 1 July 2025."""
        show_message(self.period_error, "")
        if self._path_is_default:
            self.set_path(documents_folder() / default_name(self.filters(), self.suffix), default=True)
        self._show_unit()
        self._show_units_hint()
        self._set_state(self._state)

    def _show_unit(self) -> None:
        """The unit's name, read again: before the reform the code may name an old unit."""
        lang = self.context.lang
        if self.unit_code is None:
            self.unit_name.setText(self.tr("Toàn bộ cơ sở dữ liệu"))
            show_message(self.unit_error, "")
            return
        try:
            with self.context.database.sessions() as session:
                scope = resolve(session, replace(self.filters(), date_from=None), lang)
        except StatsError as problem:
            self.unit_name.setText(self.unit_code)
            show_message(self.unit_error, problem.message(lang))
            return
        name = scope.unit.name if scope.unit else self.unit_code
        self.unit_name.setText(self.tr("%1 (mã %2), gồm cả các đơn vị trực thuộc").replace("%1", name)
                               .replace("%2", self.unit_code))
        show_message(self.unit_error, "")

    def _show_units_hint(self) -> None:
        if self.filters().before_reform:
            text = self.tr("Kỳ kết thúc trước 01/07/2025: chia theo xã, phường lúc đó, hoặc cộng dồn vào "
                           "đơn vị hiện nay.")
        else:
            text = self.tr("Chỉ dùng cho kỳ kết thúc trước 01/07/2025; kỳ này tính theo đơn vị hiện nay.")
        self.units_hint.setText(text)

    def _format_changed(self) -> None:
        path = self.target()
        if path is not None and path.suffix.lower() != self.suffix:
            self.set_path(path.with_suffix(self.suffix), default=self._path_is_default)

    def _path_typed(self, text: str) -> None:
        """A path typed by hand is kept as it stands; its suffix chooses the format."""
        self._path_is_default = False
        show_message(self.file_error, "")
        self._follow_suffix(Path(text.strip()).suffix.lower())

    def _follow_suffix(self, suffix: str) -> None:
        if suffix in FORMATS and suffix != self.suffix:
            self.format.blockSignals(True)
            self.format.setCurrentIndex(self.format.findData(suffix))
            self.format.blockSignals(False)

    def set_path(self, path: str | Path, default: bool = False) -> None:
        self._path_is_default = default
        self.path_edit.setText(str(path))
        self._follow_suffix(Path(path).suffix.lower())
        show_message(self.file_error, "")

    def choose_file(self) -> None:
        filters = {".pdf": self.tr("Tệp PDF (*.pdf)"), ".xlsx": self.tr("Bảng tính Excel (*.xlsx)")}
        ordered = [filters[self.suffix]] + [text for suffix, text in filters.items() if suffix != self.suffix]
        current = self.target() or documents_folder() / default_name(self.filters(), self.suffix)
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), str(current), ";;".join(ordered))
        if not name:
            return
        if Path(name).suffix.lower() not in FORMATS:
            name += ".xlsx" if chosen == filters[".xlsx"] else ".pdf"
        self.set_path(name)

    # -- making the report -----------------------------------------------------------------------

    def make(self) -> None:
        """Starts `make_report` in the background (Enter or "Lập báo cáo")."""
        if self.busy:
            return
        for label in (self.unit_error, self.period_error, self.file_error):
            show_message(label, "")
        target = self.target()
        if target is None:
            show_message(self.file_error, self.tr("Chọn tệp cần ghi (.pdf hoặc .xlsx)."))
            self.path_edit.setFocus()
            return
        self.path_edit.setText(str(target))
        out: Path = target
        database, filters, lang, actor = self.context.database, self.filters(), self.report_language, self.context.actor

        def job(progress: Progress) -> ReportContent:
            def step(done: int, total: int) -> None:
                progress.report(done, total)
                progress.check()  # Stop: Cancelled leaves the temporary file removed, nothing written

            return make_report(database, filters, out, lang, actor=actor, on_step=step)

        self.written_path = None
        self.progress.setRange(0, 0)  # busy until the first chart is drawn
        self._set_state("working")
        self.task = run_in_background(self, self.tr("Lập báo cáo"), job, lambda _content: self._done(out),
                                      self._failed, cancellable=True, show_after_ms=None,
                                      on_cancelled=self._stopped)
        self.task.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def stop(self) -> None:
        if self.busy and self.task is not None:
            self.task.cancel()
            self._set_state("stopping")

    def _done(self, path: Path) -> None:
        self.written_path = path
        self._set_state("done")
        self.written.emit(path)
        self._close_if_asked()

    def _stopped(self) -> None:
        self._set_state("stopped")
        self._close_if_asked()

    def _failed(self, exc: BaseException) -> None:
        lang = self.context.lang
        self._set_state("ready")
        if isinstance(exc, ReportError):
            show_message(self.file_error, exc.message)
            self.path_edit.setFocus()
        elif isinstance(exc, InvalidPeriod):
            show_message(self.period_error, exc.message(lang))
            self.date_from.setFocus()
        elif isinstance(exc, StatsError):
            show_message(self.unit_error, exc.message(lang))
        elif (message := refusal_text(exc)) is not None:
            self._failure = message
            self._set_state("failed")
        else:
            show_error(self, exc)
        self._close_if_asked()

    def _close_if_asked(self) -> None:
        if self._close_when_done:
            self._close_when_done = False
            super().reject()

    def reject(self) -> None:
        """Esc or "Đóng"; while a report is being made, stops it and closes once it has stopped."""
        if self.busy:
            self._close_when_done = True
            self.stop()
            return
        super().reject()

    def open_file(self) -> None:
        if self.written_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written_path)))

    def open_folder(self) -> None:
        if self.written_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written_path.parent)))

    # -- how it looks ----------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self._state = state
        working = state in ("working", "stopping")
        for widget in (self.date_from, self.date_to, self.language, self.approved_only, self.format,
                       self.path_edit, self.browse_button):
            widget.setEnabled(not working)
        before = self.filters().before_reform
        for button in (self.units_then, self.units_now):
            button.setEnabled(before and not working)
        self.make_button.setEnabled(not working)
        self.progress.setVisible(working)
        self.stop_button.setVisible(working)
        self.stop_button.setEnabled(state == "working")
        self.open_file_button.setVisible(state == "done")
        self.open_folder_button.setVisible(state == "done")
        self._show_status()

    def _show_status(self) -> None:
        texts = {
            "working": self.tr("Đang lập báo cáo…"),
            "stopping": self.tr("Đang dừng…"),
            "done": self.tr("Đã ghi báo cáo %1").replace("%1", str(self.written_path)),
            "stopped": self.tr("Đã dừng: không ghi tệp nào."),
            "failed": self.tr("Không thực hiện được: %1").replace("%1", self._failure),
        }
        self.status.setText(texts.get(self._state, ""))
        self.status.setStyleSheet(DONE_STYLE if self._state == "done"
                                  else TROUBLE_STYLE if self._state == "failed" else "")
        self.status.setVisible(bool(self.status.text()))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Báo cáo sơ kết"))
        for label, text in zip(self.labels, (self.tr("Đơn vị:"), self.tr("&Thời gian:"),
                                             self.tr("Đơn vị hành chính:"), self.tr("&Ngôn ngữ:"),
                                             self.tr("Định dạn&g:"), self.tr("Tệ&p:"))):
            label.setText(text)
        self.unit_name.setToolTip(self.tr("Đơn vị được chọn ở trang Tổng quan"))
        self.date_from.setToolTip(self.tr("Từ ngày"))
        self.date_to.setToolTip(self.tr("Đến ngày"))
        self.units_then.setText(self.tr("Th&eo đơn vị hành chính thời điểm đó"))
        self.units_now.setText(self.tr("&Quy về đơn vị hành chính hiện nay"))
        self.approved_only.setText(self.tr("Chỉ tính số liệu đã d&uyệt"))
        self.format.setItemText(0, self.tr("PDF (có biểu đồ)"))
        self.format.setItemText(1, self.tr("Bảng tính Excel (.xlsx)"))
        self.path_edit.setPlaceholderText(self.tr("Đường dẫn tệp .pdf hoặc .xlsx"))
        self.browse_button.setText(self.tr("&Chọn…"))
        self.stop_button.setText(self.tr("&Dừng"))
        self.open_file_button.setText(self.tr("&Mở tệp"))
        self.open_folder_button.setText(self.tr("Mở t&hư mục"))
        self.make_button.setText(self.tr("&Lập báo cáo"))
        self.close_button.setText(self.tr("Đóng"))
        self._show_unit()
        self._show_units_hint()
        self._set_state(self._state)
