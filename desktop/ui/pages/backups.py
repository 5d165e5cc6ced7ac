"""The Backups page: the copies in the backups folder beside the database file (time, reason,
size, newest first), "Sao lưu ngay" (in the background), and "Khôi phục…" after a confirmation
(desktop.services.backups keeps a copy of the current file first). After a restore it emits
`restored(RestoreResult)`: the window should reopen the database (what it holds in memory is
stale). Backups are of SQLite files; on a server database the page says so."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import language
from desktop.services.backups import (
    BackupInfo,
    RestoreResult,
    backup_now,
    backups_folder,
    database_file,
    list_backups,
    restore,
)
from desktop.services.listing import KINDS
from desktop.services.permissions import OWNER, Actor
from desktop.services.stats import format_number
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

ERROR_STYLE = "color: #a4161a; font-weight: bold;"
OK_STYLE = "color: #1b5e20;"



def reason_label(reason: str) -> str:
    """What a backup was made for, in words (shared with the restore dialog)."""
    return {
        "daily": QCoreApplication.translate("BackupsPage", "Hằng ngày"),
        "migration": QCoreApplication.translate("BackupsPage", "Trước khi nâng cấp"),
        "import": QCoreApplication.translate("BackupsPage", "Trước khi nhập bảng tính"),
        "manual": QCoreApplication.translate("BackupsPage", "Sao lưu thủ công"),
        "before-restore": QCoreApplication.translate("BackupsPage", "Trước khi khôi phục"),
        "damaged": QCoreApplication.translate("BackupsPage", "Tệp hỏng được giữ lại"),
    }.get(reason, reason)


def when_text(when: dt.datetime) -> str:
    return when.strftime("%d/%m/%Y %H:%M:%S")


def size_text(size: int) -> str:
    """1.234 KB / 5,1 MB in Vietnamese, 1,234 KB / 5.1 MB in English."""
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)), language())} KB"
    return f"{format_number(round(size / 1024 / 1024, 1), language())} MB"


def backup_item(info: BackupInfo) -> QTreeWidgetItem:
    item = QTreeWidgetItem([when_text(info.when), reason_label(info.reason), size_text(info.size)])
    item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
    item.setToolTip(0, info.path.name)
    item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class BackupsPage(Retranslating, QWidget):
    restored = Signal(object)  # RestoreResult
    backed_up = Signal(object)  # Path of the new copy

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path = database_file(context.database)  # None: a server database
        self.backups: list[BackupInfo] = []
        self.task: TaskHandle[object] | None = None
        self.confirm_box: QMessageBox | None = None
        self.confirm_restore_button: QPushButton | None = None
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.folder = QLabel(str(backups_folder(self.path)) if self.path else "")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setColumnCount(3)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setStretchLastSection(False)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.ask_restore)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.folder)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Sao lưu và khôi phục"))
        if self.path is None:
            self.explanation.setText(self.tr(
                "Sao lưu trong cửa sổ chỉ dành cho tệp dữ liệu SQLite. Với máy chủ PostgreSQL, hãy dùng "
                "công cụ sao lưu của máy chủ (pg_dump)."))
        else:
            self.explanation.setText(self.tr(
                "Ứng dụng tự sao lưu khi mở lần đầu mỗi ngày, trước khi nâng cấp cơ sở dữ liệu và trước mỗi "
                "lần nhập bảng tính; mỗi bản được kiểm tra toàn vẹn. Giữ 7 bản hằng ngày, 4 bản hằng tuần, "
                "12 bản hằng tháng. Thư mục sao lưu:"))
        self.table.setHeaderLabels([self.tr("Thời gian"), self.tr("Lý do"), self.tr("Dung lượng")])
        self.backup_button.setText(self.tr("Sao lưu &ngay"))
        self.restore_button.setText(self.tr("&Khôi phục…"))
        for row, info in enumerate(self.backups):
            item = self.table.topLevelItem(row)
            if item is not None:
                item.setText(1, reason_label(info.reason))
                item.setText(2, size_text(info.size))

    # --- the list ------------------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        """Reads the backups folder again (a directory listing: quick) and selects `select`."""
        self.backups = list_backups(self.path) if self.path else []
        self.table.clear()
        for info in self.backups:
            self.table.addTopLevelItem(backup_item(info))
        paths = [info.path for info in self.backups]
        if select in paths:
            self.table.setCurrentItem(self.table.topLevelItem(paths.index(select)))
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return self.backups[self.table.indexOfTopLevelItem(items[0])]

    def _busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    def _update_buttons(self) -> None:
        self.backup_button.setEnabled(self.path is not None and not self._busy())
        self.restore_button.setEnabled(self.selected() is not None and not self._busy())

    def _actor(self) -> Actor:
        # the signed-in user once the window has one; until then the owner of the file
        return getattr(self.context, "actor", None) or OWNER

    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        message = refusal_text(exc)
        if message is None:
            self._say("")
            show_error(self, exc)
        else:
            self._say(message, ERROR_STYLE)

    # --- backing up ------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self.path is None or self._busy():
            return
        path, actor = self.path, self._actor()
        self._say(self.tr("Đang sao lưu…"))
        self.task = run_in_background(self, self.tr("Sao lưu"), lambda _progress: backup_now(path, actor=actor),
                                      self._backed_up, self._failed, cancellable=False)
        self._update_buttons()

    def _backed_up(self, copy: object) -> None:
        assert isinstance(copy, Path)
        self.refresh(select=copy)
        self._say(self.tr("Đã sao lưu: %1").replace("%1", copy.name), OK_STYLE)
        self.backed_up.emit(copy)

    # --- restoring ---------------------------------------------------------------------------------

    def ask_restore(self) -> None:
        info = self.selected()
        if info is None or self._busy():
            return
        from desktop.ui.restore_dialog import ask_to_restore

        self.confirm_box, self.confirm_restore_button = ask_to_restore(self, info, self.tr(
            "Toàn bộ dữ liệu hiện tại sẽ được thay bằng nội dung của bản sao lưu này. Trước khi khôi phục, "
            "một bản sao của dữ liệu hiện tại được giữ lại trong thư mục sao lưu."), lambda: self._confirmed(info))

    def _confirmed(self, info: BackupInfo) -> None:
        assert self.path is not None
        path, actor = self.path, self._actor()
        self.context.database.engine.dispose()  # no pooled connection of ours in the way
        self._say(self.tr("Đang khôi phục…"))
        self.task = run_in_background(self, self.tr("Khôi phục dữ liệu"),
                                      lambda _progress: restore(path, info.path, actor=actor),
                                      self._restored, self._failed, cancellable=False)
        self._update_buttons()

    def _restored(self, result: object) -> None:
        assert isinstance(result, RestoreResult)
        self.refresh(select=result.restored_from)
        text = self.tr("Đã khôi phục bản sao lưu %1.").replace("%1", result.restored_from.name)
        if result.previous is not None:
            text += " " + self.tr("Dữ liệu trước khi khôi phục được giữ tại %1.").replace("%1", result.previous.name)
        self._say(text, OK_STYLE)
        self.restored.emit(result)
        for kind in KINDS:
            self.context.records_changed.emit(kind)
