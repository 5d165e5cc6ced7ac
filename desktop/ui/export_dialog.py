"""The spreadsheet export dialog, with the same code as `antq export-table`: writes every live
record of a kind to a .xlsx or .csv file, in the import's format, in the background.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from desktop.i18n import language
from desktop.services.stats import format_number
from desktop.services.tables.exporter import export_table
from desktop.ui.context import AppContext
from desktop.ui.sheet_dialog import DONE_STYLE, SUFFIXES, TROUBLE_STYLE, _fill, _SheetDialog
from desktop.ui.tasks import error_text, run_in_background, show_error


class ExportDialog(_SheetDialog):
    """Kind and target file; every live record of the kind is written, in the import's format."""

    exported = Signal(int)  # rows written

    def __init__(self, context: AppContext, kind: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, kind, parent)
        self.path: Path | None = None
        self.count: int | None = None
        self.state = "empty"  # ready, bad_suffix, exporting, exported, failed
        self._failure = ""
        self.export_button = self.action_button
        self.export_button.clicked.connect(self.start_export)
        self.path_edit.textEdited.connect(self._typed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(620, 220)
        self.retranslate_ui()

    def choose_file(self) -> None:
        suggested = str(Path(self._start_folder()) / f"{self.kind}.xlsx")
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Xuất ra tệp"), suggested, self.tr("Bảng tính Excel (*.xlsx);;CSV UTF-8 (*.csv)"))
        if name:
            if not Path(name).suffix:
                name += ".csv" if "csv" in chosen.lower() else ".xlsx"
            self.set_path(name)

    def set_path(self, path: str | Path) -> None:
        """The target file (.xlsx when no suffix is given); written only on "Xuất"."""
        if not str(path):
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".xlsx")
        self.path = target
        self.path_edit.setText(str(target))
        self.state = "ready" if target.suffix.lower() in SUFFIXES else "bad_suffix"
        if self.state == "ready" and target.parent.is_dir():
            self._remember_folder(target)
        self._refresh()

    def _typed(self, text: str) -> None:
        """A path typed by hand is taken as it stands (Enter adds .xlsx when it has no suffix)."""
        if self.state == "exporting":
            return
        self.path = Path(text.strip()) if text.strip() else None
        suffix = self.path.suffix.lower() if self.path else ""
        self.state = "empty" if self.path is None else "ready" if suffix in SUFFIXES else "bad_suffix"
        self._refresh()

    def _kind_changed(self) -> None:
        if self.state in ("exported", "failed"):
            self.state = "ready"
            self._refresh()

    def start_export(self) -> None:
        if self.state != "ready" or self.path is None:
            return
        database, kind, path, actor = self.context.database, self.kind, self.path, self.context.actor
        self.state = "exporting"
        self._refresh()
        self.task = run_in_background(self, self.tr("Đang xuất…"),
                                      lambda progress: export_table(database, kind, path, actor=actor), self._exported, on_error=self._failed, cancellable=False)

    def _exported(self, count: int) -> None:
        self.count = count
        self.state = "exported"
        self._refresh()
        self.exported.emit(count)

    def _failed(self, exc: BaseException) -> None:
        self.state = "failed"
        self._failure = error_text(exc)
        self._refresh()
        show_error(self, exc)

    def status_text(self) -> str:
        if self.state == "exporting":
            return self.tr("Đang xuất…")
        if self.state == "exported" and self.path is not None:
            return _fill(self.tr("Đã xuất %1 dòng vào %2."), format_number(self.count or 0, language()), self.path)
        if self.state == "bad_suffix":
            return self.tr("Tệp phải có đuôi .xlsx hoặc .csv.")
        if self.state == "failed":
            return _fill(self.tr("Không thực hiện được: %1"), self._failure)
        if self.state == "ready":
            return self.tr("Mọi bản ghi (trừ bản ghi đã xóa) sẽ được xuất theo đúng mẫu dùng để nhập.")
        return self.tr("Chọn loại bản ghi và tệp cần ghi (.xlsx hoặc .csv).")

    def _refresh(self) -> None:
        exporting = self.state == "exporting"
        self.export_button.setEnabled(self.state == "ready")
        for widget in (self.kind_combo, self.path_edit, self.browse_button, self.close_button):
            widget.setEnabled(not exporting)
        troubled = self.state in ("bad_suffix", "failed")
        self.status.setStyleSheet(TROUBLE_STYLE if troubled else DONE_STYLE if self.state == "exported" else "")
        self.status.setText(self.status_text())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Xuất bảng tính"))
        self.export_button.setText(self.tr("&Xuất"))
        self._refresh()
