"""The dialog shown when the start-up check (desktop.services.checks.startup_check) finds the
database file damaged: it says plainly what is wrong, checks the backups in the background and
lists them newest good first (damaged ones last, greyed), and restores the chosen one after a
confirmation, keeping a copy of the damaged file. Never a crash, never silent data loss: the
user may also open the file as it is, or quit.

After `exec()`, `outcome` says what happened: "restored" (`result` holds the RestoreResult),
"continue" (open the file as it is) or "quit". It acts as the owner of the file, as the command
line does: nobody can sign in to a file that cannot be read."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.backups import BackupInfo, RestoreResult, check_backup, list_backups, restore
from desktop.services.checks import CheckReport
from desktop.services.permissions import OWNER
from desktop.services.progress import Progress
from desktop.ui.pages.backups import ERROR_STYLE, backup_item, reason_label, when_text
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

MAX_PROBLEMS_SHOWN = 5


def newest_good_first(backups: list[BackupInfo], problems: dict[Path, list[str]]) -> list[BackupInfo]:
    """Good copies newest first, then the damaged ones (also newest first)."""
    return sorted(backups, key=lambda b: (bool(problems.get(b.path)), -b.when.timestamp(), b.path.name))


def ask_to_restore(parent: QWidget, info: BackupInfo, consequence: str,
                   on_yes: Callable[[], None]) -> tuple[QMessageBox, QPushButton]:
    """The question before a restore (Settings → Sao lưu, and the start-up restore): which
    backup, what follows; "Hủy" is the default. Opened without blocking; returns the box and
    its "Khôi phục" button."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("RestoreQuestion", text)

    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Khôi phục dữ liệu"))
    box.setText(tr("Khôi phục bản sao lưu lúc %1 (%2)?").replace("%1", when_text(info.when))
                .replace("%2", reason_label(info.reason)))
    box.setInformativeText(consequence)
    yes = box.addButton(tr("Khôi phục"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.buttonClicked.connect(lambda button: on_yes() if button is yes else None)
    box.open()
    return box, yes


class RestoreDialog(Retranslating, QDialog):
    def __init__(self, database_path: Path, report: CheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_path = Path(database_path)
        self.report = report
        self.outcome = "quit"
        self.result: RestoreResult | None = None
        self.backups: list[BackupInfo] = list_backups(self.database_path)
        self.problems: dict[Path, list[str]] | None = None  # None: still checking
        self.task: TaskHandle[object] | None = None
        self.confirm_box: QMessageBox | None = None
        self.confirm_restore_button: QPushButton | None = None
        self.setMinimumWidth(640)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.problem_text = QLabel()  # what is wrong, in plain words
        self.problem_text.setWordWrap(True)
        self.problem_text.setStyleSheet(ERROR_STYLE)
        self.details = QLabel("\n".join(f"• {p}" for p in report.problems[:MAX_PROBLEMS_SHOWN]))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("color: #555;")
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setColumnCount(4)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.restore_button = QPushButton()
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.ask_restore)
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self._continue)
        self.quit_button = QPushButton()
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.problem_text)
        layout.addWidget(self.details)
        layout.addWidget(self.advice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._fill()
        self.retranslate_ui()
        self._check_backups()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Tệp dữ liệu bị hỏng"))
        self.heading.setText(self.tr("Kiểm tra khi khởi động thấy tệp dữ liệu có lỗi"))
        pages = self.report.result("quick_check")
        if pages is not None and not pages.ok:
            self.problem_text.setText(self.tr(
                "Tệp dữ liệu bị hỏng (có thể do mất điện giữa chừng hoặc ổ đĩa bị lỗi). Không nên tiếp tục "
                "làm việc trên tệp này."))
        else:
            self.problem_text.setText(self.tr(
                "Một số dòng dữ liệu trỏ tới dữ liệu không còn nữa (tệp đã bị sửa ngoài ứng dụng hoặc bị hỏng)."))
        if not self.backups:
            self.advice.setText(self.tr(
                "Không có bản sao lưu nào trong thư mục sao lưu. Có thể vẫn mở dữ liệu hiện tại (một số "
                "thông tin có thể sai hoặc thiếu), hoặc thoát và nhờ người hỗ trợ."))
        else:
            self.advice.setText(self.tr(
                "Nên khôi phục từ bản sao lưu tốt gần nhất. Tệp hiện tại sẽ được giữ lại thành một bản sao "
                "trước khi khôi phục, nên không mất gì."))
        self.table.setHeaderLabels([self.tr("Thời gian"), self.tr("Lý do"), self.tr("Dung lượng"),
                                    self.tr("Tình trạng")])
        self.restore_button.setText(self.tr("&Khôi phục bản đã chọn…"))
        self.continue_button.setText(self.tr("&Vẫn mở dữ liệu hiện tại"))
        self.quit_button.setText(self.tr("&Thoát"))
        self._fill_states()

    # --- the backups, checked in the background ----------------------------------------------

    def _fill(self) -> None:
        self.table.clear()
        for info in self.backups:
            self.table.addTopLevelItem(backup_item(info))
        self._fill_states()

    def _fill_states(self) -> None:
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for row, info in enumerate(self.backups):
            item = self.table.topLevelItem(row)
            if item is None:
                continue
            item.setText(1, reason_label(info.reason))
            found = None if self.problems is None else self.problems.get(info.path, [])
            if found is None:
                item.setText(3, self.tr("Đang kiểm tra…"))
            elif found:
                item.setText(3, self.tr("Hỏng"))
                item.setToolTip(3, found[0])
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                for column in range(4):
                    item.setForeground(column, grey)
            else:
                item.setText(3, self.tr("Tốt"))

    def _check_backups(self) -> None:
        if not self.backups:
            self.problems = {}
            self._update_buttons()
            return
        backups = list(self.backups)

        def job(progress: Progress) -> dict[Path, list[str]]:
            found: dict[Path, list[str]] = {}
            for done, info in enumerate(backups):
                progress.check()
                progress.report(done, len(backups))
                found[info.path] = check_backup(info.path)
            return found

        self.status.setText(self.tr("Đang kiểm tra các bản sao lưu…"))
        self.task = run_in_background(self, self.tr("Kiểm tra các bản sao lưu"), job, self._checked,
                                      self._check_failed, show_after_ms=None, on_cancelled=lambda: None)
        self._update_buttons()

    def _checked(self, problems: object) -> None:
        assert isinstance(problems, dict)
        self.problems = problems
        self.backups = newest_good_first(self.backups, problems)
        self._fill()
        good = [info for info in self.backups if not problems.get(info.path)]
        if good:
            self.table.setCurrentItem(self.table.topLevelItem(0))
            self.status.setText(self.tr("Bản tốt gần nhất: %1.").replace("%1", when_text(good[0].when)))
        else:
            self.status.setText(self.tr("Không có bản sao lưu nào còn tốt."))
            self.status.setStyleSheet(ERROR_STYLE)
        self._update_buttons()

    def _check_failed(self, exc: BaseException) -> None:
        self.problems = {}
        self._failed(exc)

    # --- choosing ------------------------------------------------------------------------------

    def selected(self) -> BackupInfo | None:
        items = self.table.selectedItems()
        if not items or self.problems is None:
            return None
        info = self.backups[self.table.indexOfTopLevelItem(items[0])]
        return None if self.problems.get(info.path) else info

    def _busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self._busy())

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        message = refusal_text(exc)
        if message is None:
            show_error(self, exc)  # a bug: a report, never a crash
        else:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(message)

    def ask_restore(self) -> None:
        info = self.selected()
        if info is None or self._busy():
            return
        self.confirm_box, self.confirm_restore_button = ask_to_restore(self, info, self.tr(
            "Dữ liệu nhập sau thời điểm đó sẽ không có trong tệp khôi phục. Tệp hiện tại được giữ lại trong "
            "thư mục sao lưu."), lambda: self._confirmed(info))

    def _confirmed(self, info: BackupInfo) -> None:
        path = self.database_path
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Đang khôi phục…"))
        self.task = run_in_background(self, self.tr("Khôi phục dữ liệu"),
                                      lambda _progress: restore(path, info.path, actor=OWNER),
                                      self._restored, self._failed, cancellable=False)
        self._update_buttons()

    def _restored(self, result: object) -> None:
        assert isinstance(result, RestoreResult)
        self.result = result
        self.outcome = "restored"
        self.accept()

    def _continue(self) -> None:
        self.outcome = "continue"
        self.accept()

    def done(self, code: int) -> None:
        if self._busy() and self.task is not None:
            if self.task.cancellable:
                self.task.cancel()  # the backup check: stop it (a restore runs to its end)
            else:
                return  # never close in the middle of a restore
        super().done(code)
