"""The Exchange page's "import packages" tab (USB exchange): choose .antq files, type the exchange
passphrase, and a dry run in the background (`desktop.services.exchange.importer.import_packages`
with `dry_run=True`) shows per package what would change — created, updated, unchanged, deleted,
rejected (with reasons), conflicts — and which package numbers are still missing, before anything
is written. "Nhập" then applies exactly those files, each package all or nothing."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import language, t
from desktop.services.exchange.importer import ImportReport, PackageSummary, import_packages
from desktop.services.listing import KINDS
from desktop.services.permissions import Permission
from desktop.services.record_specs import SPECS
from desktop.services.stats import format_number
from desktop.ui.context import AppContext
from desktop.ui.exchange_export import ERROR_STYLE, OK_STYLE
from desktop.ui.passphrase_dialog import PassphraseDialog, ask_passphrase
from desktop.ui.retranslate import Retranslating
from desktop.ui.sheet_dialog import kind_label
from desktop.ui.string_table import StringTableModel, _table_view
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

MAX_DETAIL_LINES = 500  # of rejected records listed below the table (the CLI's --json has them all)


class SummaryModel(StringTableModel):
    """The per-package table: the package number and the counts aligned right."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and (index.column() == 2
                                                                              or index.column() >= 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class ImportBox(Retranslating, QWidget):
    """Dry run first, then "Nhập"; `checked` and `imported` carry the ImportReport."""

    checked = Signal(object)
    imported = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.paths: list[Path] = []
        self.report: ImportReport | None = None
        self.applied = False  # the report is of the import, not of the dry run
        self._passphrase: str | None = None  # only between the dry run and "Nhập"
        self.task: TaskHandle[Any] | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_files)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.apply)
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.model = SummaryModel(self)
        self.table = _table_view(self.model, self)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.details_label = QLabel()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details_label.setBuddy(self.details)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.files, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 2)
        layout.addWidget(self.missing)
        layout.addLayout(bottom)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(self.tr(
            "Chọn các gói (.antq) mang về từ đơn vị: chương trình kiểm tra chữ ký, giải mã và kiểm tra từng "
            "bản ghi, rồi cho xem kết quả trước khi ghi. Nhập lại một gói đã nhập không thay đổi gì."))
        self.choose_button.setText(self.tr("&Chọn gói…"))
        self.import_button.setText(self.tr("&Nhập"))
        self.details_label.setText(self.tr("Gói bị từ chối, bản ghi bị loại và xung đột:"))
        self._show_report()

    def headers(self) -> list[str]:
        return [self.tr("Tệp"), self.tr("Đơn vị"), self.tr("Số gói"), self.tr("Trạng thái"), self.tr("Tạo mới"),
                self.tr("Cập nhật"), self.tr("Không đổi"), self.tr("Xóa"), self.tr("Bị loại"), self.tr("Xung đột")]

    # -- choosing and checking ----------------------------------------------------------------------

    def _busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    def _update_buttons(self) -> None:
        allowed = self.context.may(Permission.IMPORT)
        why = "" if allowed else self.tr("Vai trò của bạn không được nhập gói dữ liệu (chỉ cán bộ và chỉ huy).")
        self.choose_button.setEnabled(allowed and not self._busy())
        self.choose_button.setToolTip(why)
        ready = (self.report is not None and not self.applied and self._passphrase is not None
                 and any(p.status == "checked" for p in self.report.packages))
        self.import_button.setEnabled(allowed and ready and not self._busy())
        self.import_button.setToolTip(why or ("" if ready else self.tr("Chọn gói và kiểm tra trước khi nhập.")))

    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn gói dữ liệu để nhập"), "",
            self.tr("Gói dữ liệu ANTQ (*.antq);;Tất cả các tệp (*)"))
        if not names:
            return
        self.paths = [Path(name) for name in names]
        self.report, self.applied, self._passphrase = None, False, None
        self.files.setText(", ".join(path.name for path in self.paths))
        self._show_report()
        self._say("")
        self.passphrase_dialog = ask_passphrase(
            self, self.tr("Nhập gói dữ liệu"), self.tr("Cụm từ mật khẩu của khóa trao đổi (để mở gói):"),
            self.check, action=self.tr("Kiểm tra"))

    def check(self, passphrase: str) -> None:
        """The dry run: the same work as the import, rolled back."""
        self._passphrase = passphrase
        self._run(dry_run=True)

    def apply(self) -> None:
        if self.import_button.isEnabled():
            self._run(dry_run=False)

    def _run(self, dry_run: bool) -> None:
        if self._busy() or not self.paths:
            return
        database, paths, passphrase, actor = self.context.database, list(self.paths), self._passphrase, self.context.actor

        def job(progress: Any) -> ImportReport:
            return import_packages(database, paths, passphrase, dry_run=dry_run, actor=actor, progress=progress)

        self._say(self.tr("Đang kiểm tra các gói…") if dry_run else self.tr("Đang nhập các gói…"))
        title = self.tr("Kiểm tra gói dữ liệu") if dry_run else self.tr("Nhập gói dữ liệu")
        self.task = run_in_background(self, title, job, self._checked if dry_run else self._imported, self._failed,
                                      cancellable=False)
        self._update_buttons()

    def _checked(self, report: ImportReport) -> None:
        self.report, self.applied = report, False
        self._show_report()
        if any(p.status == "checked" for p in report.packages):
            self._say(self.tr("Đã kiểm tra: chưa ghi gì. Xem kết quả rồi bấm «Nhập» để ghi."), OK_STYLE)
        else:
            self._passphrase = None
            locked = [p.message for p in report.packages if p.code == "key_locked"]
            self._say(locked[0] if locked else self.tr("Không có gói mới để nhập (xem trạng thái từng gói)."),
                      ERROR_STYLE)
        self._update_buttons()
        self.checked.emit(report)

    def _imported(self, report: ImportReport) -> None:
        self.report, self.applied, self._passphrase = report, True, None
        self._show_report()
        done = sum(1 for p in report.packages if p.status == "imported")
        self._say(self.tr("Đã nhập %1 gói.").replace("%1", format_number(done, language())),
                  ERROR_STYLE if report.refused else OK_STYLE)
        self._update_buttons()
        if done:
            for kind in KINDS:
                self.context.records_changed.emit(kind)
        self.imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._passphrase = None
        self._update_buttons()
        message = refusal_text(exc)
        if message is None:
            self._say("")
            show_error(self, exc)
        else:
            self._say(message, ERROR_STYLE)

    # -- showing the report -------------------------------------------------------------------------

    def _row(self, package: PackageSummary) -> list[str]:
        lang = language()
        cells = [package.file, package.unit, str(package.sequence) if package.sequence else "",
                 t(f"import_status_{package.status}")]
        if package.status in ("checked", "imported"):
            c = package.counts
            cells += [format_number(n, lang) for n in (c.created, c.updated, c.unchanged, c.deleted,
                                                       len(c.rejected), c.conflicts)]
        else:
            cells += [""] * 6
        return cells

    def _detail_lines(self, report: ImportReport) -> list[str]:
        lines = [f"{package.file}: {package.message}" for package in report.packages if package.message]
        for package in report.packages:  # the refusals above, then each package's records
            c = package.counts
            if c.rejected or c.conflicted:
                lines.append(f"{package.file}:")
            for rejection in c.rejected:
                what = kind_label(rejection.kind) if rejection.kind in SPECS else rejection.kind
                lines.append(self.tr("  • bị loại: %1 %2 — %3").replace("%1", what).replace(
                    "%2", rejection.ref or rejection.uid).replace("%3", "; ".join(rejection.reasons)))
            for kind, ref, uid in c.conflicted:
                what = kind_label(kind) if kind in SPECS else kind
                lines.append(self.tr("  • xung đột: %1 %2 (hai nơi cùng sửa: giữ bản sửa sau cùng)").replace(
                    "%1", what).replace("%2", ref or uid))
        if len(lines) > MAX_DETAIL_LINES:
            more = len(lines) - MAX_DETAIL_LINES
            lines = lines[:MAX_DETAIL_LINES] + [self.tr("… và %1 dòng nữa.").replace("%1", str(more))]
        return lines

    def _show_report(self) -> None:
        report = self.report
        packages = report.packages if report is not None else []
        tips = {row: p.message for row, p in enumerate(packages) if p.status == "refused"}
        self.model.set_content(self.headers(), [self._row(p) for p in packages], tips=tips)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the file's name
        self.details.setPlainText("\n".join(self._detail_lines(report)) if report is not None else "")
        missing = report.missing if report is not None else {}
        self.missing.setText("\n".join(t("import_missing", unit=unit, numbers=", ".join(map(str, numbers)))
                                       for unit, numbers in missing.items()))
        self.missing.setStyleSheet(ERROR_STYLE if missing else "")
        self.missing.setVisible(bool(missing))
        self._update_buttons()
