"""Printing a decision's certificates from the window: the template and the signer, a preview of
each page (painted with the same layout as the PDF), printing through the system's print dialog,
and saving the PDF. Serial numbers are given and recorded only when a printing is committed to
(print accepted or file saved); a problem is said at its field."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPaintEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.certificates.layout import PAGE
from desktop.services.certificates.register import (
    Batch,
    CertificateError,
    PrintResult,
    Signer,
    preview,
    print_certificates,
    record_printing,
    register_entries,
    template_names,
)
from desktop.services.progress import Progress
from desktop.services.stats import format_date
from desktop.ui.certificate_surface import paint_certificate
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

ERROR_STYLE = "color: #b00020;"


class PreviewWidget(QWidget):
    """One page of the batch, fitted into the widget, on a grey desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch: Batch | None = None
        self.index = 0
        self.setMinimumSize(420, int(420 * PAGE[1] / PAGE[0]))

    def show_page(self, batch: Batch | None, index: int) -> None:
        self.batch, self.index = batch, index
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.lightGray)
        if self.batch is not None and self.batch.pages:
            _name, page = self.batch.pages[min(self.index, len(self.batch.pages) - 1)]
            paint_certificate(painter, QRectF(self.rect()).adjusted(8, 8, -8, -8), page, self.batch.template)
        painter.end()


class CertificateDialog(Retranslating, QDialog):
    printed = Signal(object)  # the serials recorded

    def __init__(self, context: AppContext, decision_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.decision_number = decision_number
        self.task: TaskHandle[Any] | None = None
        self.template = QComboBox()
        with context.database.sessions() as session:
            for name, label in template_names(session):
                self.template.addItem(label, name)
        self.template.insertItem(0, "", None)  # the decision's own form decides
        self.template.setCurrentIndex(0)
        self.signer_title = QLineEdit()
        self.signer_name = QLineEdit()
        self.authority = QLineEdit()
        self.place = QLineEdit()
        self.fields = {"template": self.template, "signer_title": self.signer_title, "signer_name": self.signer_name,
                       "authority_title": self.authority}
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, widget in zip(self.labels, (self.template, self.signer_title, self.signer_name, self.authority,
                                               self.place)):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page_label = QLabel()
        self.preview = PreviewWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.register_label = QLabel()
        self.register = QTableWidget(0, 5)
        self.register.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.register.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.register.verticalHeader().hide()
        self.register.horizontalHeader().setStretchLastSection(True)
        self.register.setMaximumHeight(130)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.one_file_each = QCheckBox()
        self.close_button = QPushButton()
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a field ends the field; it never prints
        buttons = QHBoxLayout()
        buttons.addWidget(self.page_label)
        buttons.addWidget(self.page)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.one_file_each)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.register_label)
        layout.addWidget(self.register)
        layout.addLayout(buttons)
        for line in (self.signer_title, self.signer_name, self.authority, self.place):
            line.editingFinished.connect(self.refresh)
        self.template.currentIndexChanged.connect(self.refresh)
        self.page.valueChanged.connect(lambda value: self.preview.show_page(self.preview.batch, value - 1))
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self.resize(900, 820)
        self.retranslate_ui()
        self.refresh()
        self.show_register()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("In giấy khen — quyết định số %1").replace("%1", self.decision_number))
        for label, text in zip(self.labels, (self.tr("&Mẫu:"), self.tr("&Chức vụ người ký:"),
                                             self.tr("&Họ tên người ký:"), self.tr("Cấp &khen thưởng:"),
                                             self.tr("Địa &danh:"))):
            label.setText(text)
        self.template.setItemText(0, self.tr("theo hình thức khen thưởng"))
        self.place.setPlaceholderText(self.tr("tên tỉnh, nếu để trống"))
        self.authority.setPlaceholderText(self.tr("cấp khen thưởng của quyết định, nếu để trống"))
        self.page_label.setText(self.tr("Trang:"))
        self.print_button.setText(self.tr("&In…"))
        self.save_button.setText(self.tr("&Lưu PDF…"))
        self.one_file_each.setText(self.tr("Mỗi người một &tệp"))
        self.one_file_each.setToolTip(self.tr("Lưu vào một thư mục, mỗi người, tập thể được khen một tệp PDF"))
        self.close_button.setText(self.tr("Đóng"))
        self.register.setHorizontalHeaderLabels([self.tr("Số vào sổ"), self.tr("Người, tập thể được khen"),
                                                 self.tr("Lần in"), self.tr("Lúc in"), self.tr("Người in")])
        self._say_register()

    # -- the batch ------------------------------------------------------------------------------

    def signer(self) -> Signer:
        return Signer(self.signer_title.text(), self.signer_name.text(), self.authority.text(), self.place.text())

    def _options(self) -> dict[str, Any]:
        return {"template_name": self.template.currentData(), "signer": self.signer()}

    def _say(self, text: str, problem: CertificateError | None = None) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if problem is not None else "")
        if problem is not None and problem.field in self.fields:
            self.fields[problem.field].setFocus()

    def refresh(self) -> None:
        """The preview again, after any change (nothing recorded)."""
        try:
            with self.context.database.sessions() as session:
                batch = preview(session, self.decision_number, actor=self.context.actor, **self._options())
        except CertificateError as problem:
            self.preview.show_page(None, 0)
            self._say(problem.message, problem)
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.page.setMaximum(len(batch.pages))
        self.preview.show_page(batch, self.page.value() - 1)
        self._say(self.tr("%1 giấy, số vào sổ từ %2.").replace("%1", str(len(batch.pages))).replace(
            "%2", batch.serials[0]))
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def show_register(self) -> None:
        """The decision's register: every certificate printed, reprints included, newest first."""
        try:
            with self.context.database.sessions() as session:
                entries = register_entries(session, self.decision_number)
        except CertificateError:
            entries = []
        self.register.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):
            cells = (entry.serial, entry.recipient, str(entry.copy),
                     f"{format_date(entry.printed_at.date(), self.context.lang)} {entry.printed_at:%H:%M}",
                     entry.printed_by)
            for column, text in enumerate(cells):
                self.register.setItem(row, column, QTableWidgetItem(text))
        self.register.resizeColumnsToContents()
        self._say_register()

    def _say_register(self) -> None:
        count = self.register.rowCount()
        self.register_label.setText(self.tr("Sổ đã in: %1 lần in (mới nhất trước).").replace("%1", str(count))
                                    if count else self.tr("Sổ đã in: chưa in giấy nào của quyết định này."))
        self.register.setVisible(count > 0)

    def print_pages(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                          QMarginsF(0, 0, 0, 0)))
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.paint_to(printer)

    def paint_to(self, printer: QPrinter) -> None:
        """Records the serials, then paints every page on `printer`."""
        try:
            batch = record_printing(self.context.database, self.decision_number, actor=self.context.actor,
                                    **self._options())
        except CertificateError as problem:
            self._say(problem.message, problem)
            return
        painter = QPainter(printer)
        for index, (_name, page) in enumerate(batch.pages):
            if index:
                printer.newPage()
            paint_certificate(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), page, batch.template)
        painter.end()
        self._done(batch.serials, batch.reprints)

    def save_pdf(self) -> None:
        """One PDF for the batch, or (ticked) one file per recipient in a chosen folder."""
        if self.one_file_each.isChecked():
            folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục lưu giấy khen"))
            if not folder:
                return
            target = Path(folder)
        else:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Lưu giấy khen"), "",
                                                        self.tr("Tệp PDF (*.pdf)"))
            if not path:
                return
            target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        self.save_to(target)

    def save_to(self, target: Path) -> None:
        """Writes and records the batch in the background, with progress and a Cancel that
        records nothing and leaves no file."""
        options = self._options()
        actor = self.context.actor
        self.save_button.setEnabled(False)

        def job(progress: Progress) -> PrintResult:
            return print_certificates(self.context.database, self.decision_number, target, actor=actor,
                                      progress=progress, **options)

        self.task = run_in_background(self, self.tr("Lưu giấy khen"), job,
                                      lambda result: self._done(result.serials, result.reprints, target),
                                      self._failed, on_cancelled=self._cancelled)

    def _cancelled(self) -> None:
        self.save_button.setEnabled(True)
        self._say(self.tr("Đã dừng: không lưu, không ghi sổ giấy nào."))

    def _done(self, serials: list[str], reprints: list[str], path: Path | None = None) -> None:
        text = self.tr("Đã in %1 giấy (số %2 đến %3).").replace("%1", str(len(serials))).replace(
            "%2", serials[0]).replace("%3", serials[-1])
        if path is not None:
            text = self.tr("Đã lưu %1 giấy vào %2.").replace("%1", str(len(serials))).replace("%2", str(path))
        if reprints:
            text += " " + self.tr("In lại: %1.").replace("%1", ", ".join(reprints))
        self._say(text)
        self.save_button.setEnabled(True)
        self.show_register()
        self.printed.emit(serials)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, CertificateError):
            self._say(exc.message, exc)
        elif (message := refusal_text(exc)) is not None:
            self._say(message, None)
        else:
            show_error(self, exc)
