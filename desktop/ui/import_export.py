"""Spreadsheet import and export from the window, with the same code as `antq import-table` and
`antq export-table`.

`ImportDialog` previews a file in the background (`desktop.services.tables.preview`: the first
rows under the field labels and EVERY error at its line, from a dry run that writes nothing) and
enables "Nhập" only for a file without errors; the import itself is one more background job, all
rows or none. `ExportDialog` (desktop.ui.export_dialog, re-exported here) writes every live record
of a kind to a .xlsx or .csv file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from desktop.i18n import language
from desktop.services.stats import format_number
from desktop.services.tables.importer import ImportReport, import_table
from desktop.services.tables.preview import PREVIEW_ROWS, TablePreview, preview_table
from desktop.ui.context import AppContext
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.sheet_dialog import DONE_STYLE, TROUBLE_STYLE, _fill, _SheetDialog
from desktop.ui.string_table import StringTableModel, _table_view
from desktop.ui.tasks import error_text, run_in_background, show_error

__all__ = ["ExportDialog", "ImportDialog", "StringTableModel"]


class ImportDialog(_SheetDialog):
    """Kind, file, preview of its rows and of every error; "Nhập" only when there is none."""

    previewed = Signal(object)  # TablePreview
    imported = Signal(object)  # ImportReport

    def __init__(self, context: AppContext, kind: str | None = None, parent: QWidget | None = None,
                 limit: int = PREVIEW_ROWS) -> None:
        super().__init__(context, kind, parent)
        self.limit = limit
        self.path: Path | None = None
        self.preview: TablePreview | None = None
        self.report: ImportReport | None = None  # of the import, once made
        self.state = "empty"  # checking, previewed, importing, imported, refused, cancelled, failed
        self._failure = ""
        self._generation = 0  # a preview started before the last change of file or kind is dropped
        self.import_button = self.action_button
        self.import_button.clicked.connect(self.start_import)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.rows_model = StringTableModel(self)
        self.rows_view = _table_view(self.rows_model, self)
        self.rows_label = QLabel(self)
        self.rows_label.setBuddy(self.rows_view)
        self.errors_model = StringTableModel(self)
        self.errors_view = _table_view(self.errors_model, self)
        self.errors_view.horizontalHeader().setStretchLastSection(True)
        self.errors_view.verticalHeader().hide()  # the line number is the first column
        self.errors_view.activated.connect(self._show_error_row)
        self.errors_label = QLabel(self)
        self.errors_label.setBuddy(self.errors_view)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.rows_label)
        layout.addWidget(self.rows_view, 3)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors_view, 2)
        layout.addWidget(self.buttons)
        self.resize(900, 620)
        self.retranslate_ui()

    # -- choosing ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Chọn bảng tính để nhập"), self._start_folder(),
            self.tr("Bảng tính (*.xlsx *.csv);;Tất cả các tệp (*)"))
        if name:
            self.set_path(name)

    def set_path(self, path: str | Path) -> None:
        """Shows `path` and starts its preview (nothing is written)."""
        if not str(path):
            return
        self.path = Path(path)
        self.path_edit.setText(str(self.path))
        if self.path.parent.is_dir():
            self._remember_folder(self.path)
        self.start_preview()

    def _kind_changed(self) -> None:
        if self.path is not None and self.state != "importing":
            self.start_preview()

    # -- preview ----------------------------------------------------------------------------------

    def start_preview(self) -> None:
        assert self.path is not None
        self._generation += 1
        generation, database, kind, path, limit = self._generation, self.context.database, self.kind, self.path, \
            self.limit
        actor = self.context.actor
        self.preview = None
        self.report = None
        self.state = "checking"
        self.rows_model.set_content([], [])
        self.errors_model.set_content([], [])
        self._refresh()

        def job(progress: Any) -> TablePreview:
            return preview_table(database, kind, path, limit, progress, actor=actor)

        self.task = run_in_background(
            self, self.tr("Đang kiểm tra tệp…"), job,
            lambda preview: self._previewed(generation, preview),
            on_error=lambda exc: self._failed(generation, exc),
            on_cancelled=lambda: self._cancelled(generation))

    def _previewed(self, generation: int, preview: TablePreview) -> None:
        if generation != self._generation:
            return
        self.preview = preview
        self.state = "previewed"
        self._show_errors(preview.report)
        tips = self._tips_by_line(preview.report)
        rows = [cells for _line, cells in preview.rows]
        lines = [line for line, _cells in preview.rows]
        self.rows_model.set_content(preview.column_labels(), rows, [str(n) for n in lines],
                                    {i: tips[line] for i, line in enumerate(lines) if line in tips})
        self.rows_view.resizeColumnsToContents()
        self._refresh()
        self.previewed.emit(preview)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.state = "failed"
        self._failure = error_text(exc)
        self._refresh()
        show_error(self, exc)

    def _cancelled(self, generation: int) -> None:
        if generation == self._generation:
            self.state = "cancelled"
            self._refresh()

    @staticmethod
    def _tips_by_line(report: ImportReport) -> dict[int, str]:
        tips: dict[int, list[str]] = {}
        for error in report.errors:
            tips.setdefault(error.line, []).append(f"{error.field}: {error.message}")
        return {line: "\n".join(messages) for line, messages in tips.items()}

    def _show_errors(self, report: ImportReport) -> None:
        rows = [[format_number(e.line, language()), e.field, e.message] for e in report.errors]
        self.errors_model.set_content(self._error_headers(), rows)
        self.errors_view.resizeColumnToContents(0)
        self.errors_view.resizeColumnToContents(1)

    def _error_headers(self) -> list[str]:
        return [self.tr("Dòng"), self.tr("Cột"), self.tr("Lỗi")]

    def _show_error_row(self, index: QModelIndex) -> None:
        """Enter or double-click on an error selects its row in the preview, when shown there."""
        if self.preview is None or index.row() >= len(self.displayed_errors()):
            return
        line = self.displayed_errors()[index.row()].line
        for row, (shown, _cells) in enumerate(self.preview.rows):
            if shown == line:
                self.rows_view.selectRow(row)
                self.rows_view.scrollTo(self.rows_model.index(row, 0))
                return

    def displayed_errors(self) -> list[Any]:
        report = self.report if self.state == "refused" else (self.preview.report if self.preview else None)
        return list(report.errors) if report else []

    # -- import -----------------------------------------------------------------------------------

    def start_import(self) -> None:
        """Writes the previewed file, all rows or none, in the background."""
        if self.preview is None or not self.preview.ok or self.state != "previewed":
            return
        self._generation += 1
        database, kind, path, username = self.context.database, self.kind, self.preview.path, self.context.username
        actor = self.context.actor
        self.state = "importing"
        self._refresh()

        def job(progress: Any) -> ImportReport:
            return import_table(database, kind, path, username=username, progress=progress, actor=actor)

        # Cancelling is safe: the import is one transaction, rolled back on cancel.
        self.task = run_in_background(self, self.tr("Đang nhập…"), job, self._imported,
                                      on_error=self._import_failed, on_cancelled=self._import_cancelled)

    def _import_cancelled(self) -> None:
        self.state = "previewed"  # nothing was written: the same file can be imported again
        self._refresh()

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        if report.ok:
            self.state = "imported"
            self.context.records_changed.emit(report.kind)
        else:  # the file or the database changed since the preview
            self.state = "refused"
            self._show_errors(report)
        self._refresh()
        self.imported.emit(report)

    def _import_failed(self, exc: BaseException) -> None:
        self.state = "failed"
        self._failure = error_text(exc)
        self._refresh()
        show_error(self, exc)

    # -- words ------------------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Status, labels and buttons from the state (also on a language change)."""
        self.import_button.setEnabled(self.state == "previewed" and self.preview is not None and self.preview.ok)
        self.kind_combo.setEnabled(self.state != "importing")
        self.path_edit.setEnabled(self.state != "importing")
        self.browse_button.setEnabled(self.state != "importing")
        self.close_button.setEnabled(self.state != "importing")
        self.status.setText(self.status_text())
        troubled = self.state in ("failed", "refused") or (self.state == "previewed" and not self._clean())
        self.status.setStyleSheet(TROUBLE_STYLE if troubled else DONE_STYLE if self.state == "imported" else "")
        errors = len(self.displayed_errors())
        self.errors_label.setText(_fill(self.tr("Lỗ&i (%1)"), format_number(errors, language())))
        preview = self.preview
        if preview is not None and preview.total_rows > len(preview.rows):
            text = _fill(self.tr("Các &dòng trong tệp (%1 dòng đầu trong %2)"),
                         format_number(len(preview.rows), language()), format_number(preview.total_rows, language()))
        else:
            text = _fill(self.tr("Các &dòng trong tệp (%1)"), format_number(len(preview.rows) if preview else 0,
                                                                          language()))
        self.rows_label.setText(text)

    def _clean(self) -> bool:
        return self.preview is not None and self.preview.ok

    def status_text(self) -> str:
        lang = language()
        nothing_written = self.tr("chưa ghi gì vào cơ sở dữ liệu")
        if self.state == "checking":
            return self.tr("Đang kiểm tra tệp…")
        if self.state == "importing":
            return self.tr("Đang nhập…")
        if self.state == "cancelled":
            return self.tr("Đã dừng kiểm tra tệp.")
        if self.state == "failed":
            return _fill(self.tr("Không thực hiện được: %1"), self._failure)
        report = self.report if self.state in ("imported", "refused") else (self.preview.report if self.preview
                                                                             else None)
        if report is None:
            return self.tr("Chọn loại bản ghi và tệp bảng tính (.xlsx hoặc .csv) để xem trước. "
                           "Không có gì được ghi trước khi bấm «Nhập».")
        if report.file_error:
            return _fill(self.tr("%1 — %2."), report.file_error.rstrip("."), nothing_written)
        if report.errors:
            lines = len({e.line for e in report.errors})
            return _fill(self.tr("%1 lỗi ở %2 dòng — %3."), format_number(len(report.errors), lang),
                         format_number(lines, lang), nothing_written)
        created = format_number(report.counts["created"], lang)
        updated = format_number(report.counts["updated"], lang)
        unchanged = report.counts["unchanged"]
        same = _fill(self.tr(", %1 dòng không thay đổi"), format_number(unchanged, lang)) if unchanged else ""
        if self.state == "imported":
            return _fill(self.tr("Đã thêm %1, cập nhật %2%3."), created, updated, same)
        return _fill(self.tr("%1 dòng hợp lệ: sẽ thêm %2, cập nhật %3%4 — %5. Bấm «Nhập» để ghi."),
                     format_number(report.rows, lang), created, updated, same, nothing_written)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Nhập bảng tính"))
        self.import_button.setText(self.tr("&Nhập"))
        self.errors_model.set_headers(self._error_headers())
        if self.preview is not None:
            self.rows_model.set_headers(self.preview.column_labels())
        if self.state == "previewed" and self.path is not None:
            self.start_preview()  # the messages of the checks, in the new language
        self._refresh()

    def closes_while_busy(self) -> bool:
        return self.state != "importing"  # a preview may be dropped; an import is seen to its end

    def done(self, result: int) -> None:
        if self.state == "checking" and self.task is not None:
            self.task.cancel()
        self._generation += 1  # a preview still running is dropped
        super().done(result)
