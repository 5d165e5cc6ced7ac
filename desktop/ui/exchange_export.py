"""The Exchange page's "write a package" tab (USB exchange): the writable drives Qt sees
(`QStorageInfo`), any folder, "all records", and "Ghi gói dữ liệu", which asks the exchange
passphrase and runs `desktop.services.exchange.exporter.export_package` in the background. The
service writes to a temporary file, flushes it to the device, renames it and reads it back before
it returns, so "you may pull the stick out" is said only then. Above, the state of the keys:
this installation's fingerprint and the receiver's, or what to do when one is missing."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QStorageInfo, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import language
from desktop.services.backups import database_file
from desktop.services.exchange import keys as xkeys
from desktop.services.exchange.exporter import ExportResult, export_package, export_state
from desktop.services.permissions import Permission
from desktop.services.stats import format_date, format_number
from desktop.ui.context import AppContext
from desktop.ui.passphrase_dialog import PassphraseDialog, ask_passphrase
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, refusal_text, run_in_background, show_error

ERROR_STYLE = "color: #a4161a; font-weight: bold;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"
# Where desktops mount removable media: listed first.
_REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


def mounted_volumes() -> list[Any]:
    """Qt's mounted volumes (a function of its own so that a test can stand in for the drives)."""
    return list(QStorageInfo.mountedVolumes())


@dataclass(frozen=True)
class Volume:
    root: str  # the folder a package goes into, in the system's own spelling (E:\ or /media/…)
    name: str  # the volume's label, or its root when it has none
    free: int  # bytes


def writable_volumes(volumes: list[Any], database_path: Path | None) -> list[Volume]:
    """The volumes a package may be written to: ready, writable, neither the system's root nor
    the drive holding the database (a copy beside the live file is no backup to carry away)."""
    skip = {"/", QStorageInfo.root().rootPath()}
    if database_path is not None:
        skip.add(QStorageInfo(str(database_path)).rootPath())
    found = []
    for volume in volumes:
        root = volume.rootPath()
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly() or root in skip:
            continue
        if not os.access(root, os.W_OK):
            continue
        native = QDir.toNativeSeparators(root)
        found.append(Volume(native, volume.displayName() or native, int(volume.bytesAvailable())))
    found.sort(key=lambda v: not QDir.fromNativeSeparators(v.root).startswith(_REMOVABLE_PREFIXES))
    return found


def free_text(size: int, lang: str) -> str:
    """3,2 GB / 512 MB (Vietnamese decimals)."""
    if size >= 1024 ** 3:
        return f"{format_number(round(size / 1024 ** 3, 1), lang)} GB"
    return f"{format_number(max(0, round(size / 1024 ** 2)), lang)} MB"


class ExportBox(Retranslating, QWidget):
    """Writes the next package into the chosen drive or folder."""

    exported = Signal(object)  # ExportResult
    failed = Signal(str)  # the plain message shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.database_path = database_file(context.database)
        self.folders: list[str] = []  # chosen with "Chọn thư mục…", kept across a refresh
        self.volumes: list[Volume] = []
        self.keys_ready = False
        self.keys_hint = ""
        self.task: TaskHandle[Any] | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key_state = QLabel()
        self.key_state.setWordWrap(True)
        self.key_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.drive = QComboBox()
        self.drive.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.drive.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.drive.currentIndexChanged.connect(self._update_buttons)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.full = QCheckBox()
        self.write_button = QPushButton()
        self.write_button.clicked.connect(self.ask_to_write)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = QHBoxLayout()
        where.addWidget(self.drive, 1)
        where.addWidget(self.refresh_button)
        where.addWidget(self.folder_button)
        self.drive_label = QLabel()
        self.drive_label.setBuddy(self.drive)
        form = QFormLayout()
        form.addRow(self.drive_label, where)
        form.addRow("", self.full)
        buttons = QHBoxLayout()
        buttons.addWidget(self.write_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.key_state)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate_ui()  # reads the keys too
        self.refresh_drives()

    def retranslate_ui(self) -> None:
        self.intro.setText(self.tr(
            "Ghi các bản ghi đã thay đổi từ gói trước (kể cả bản ghi đã xóa) vào một gói đã ký và mã hóa cho "
            "tỉnh (nơi nhận), rồi mang USB lên tỉnh. Danh tính người cung cấp tin không bao giờ có trong gói."))
        self.drive_label.setText(self.tr("Ghi &vào:"))
        self.drive.setPlaceholderText(self.tr("Chưa thấy USB nào: cắm USB rồi bấm «Làm mới», hoặc chọn thư mục"))
        self.refresh_button.setText(self.tr("&Làm mới"))
        self.folder_button.setText(self.tr("Chọn thư &mục…"))
        self.full.setText(self.tr("Tất cả &bản ghi (--full), không chỉ những bản ghi thay đổi từ gói trước"))
        self.write_button.setText(self.tr("&Ghi gói dữ liệu"))
        self.refresh_keys()
        self._fill_drives()

    # -- keys ---------------------------------------------------------------------------------------

    def refresh_keys(self) -> None:
        """Reads which keys this installation holds (after the Keys tab changed them, too)."""
        with self.context.database.sessions() as session:
            state = export_state(session)
        command = "antq keys init-unit --province-key TỆP --out THƯ_MỤC"
        if state.own_fingerprint is None:
            self.keys_hint = self.tr(
                "Chưa có khóa trao đổi: người quản trị bấm «Nhận khóa tỉnh…» ở thẻ «Khóa trao đổi», "
                "hoặc chạy lệnh:\n%1").replace("%1", command)
            lines = [self.keys_hint]
        else:
            lines = [self.tr("Khóa của máy này: %1").replace("%1", xkeys.show_fingerprint(state.own_fingerprint))]
            if state.receiver_fingerprint is None:
                self.keys_hint = self.tr(
                    "Chưa có khóa của tỉnh (nơi nhận): người quản trị bấm «Nhận khóa tỉnh…» ở thẻ «Khóa trao đổi», "
                    "hoặc chạy lệnh:\n%1").replace("%1", command)
                lines.append(self.keys_hint)
            else:
                self.keys_hint = ""
                lines.append(self.tr("Gửi đến: %1 — dấu vân tay khóa %2").replace("%1", state.receiver or "").replace(
                    "%2", xkeys.show_fingerprint(state.receiver_fingerprint)))
        if state.last_sequence is not None and state.last_made_at is not None:
            lines.append(self.tr("Gói gần nhất: số %1 (%2), ngày %3").replace("%1", str(state.last_sequence)).replace(
                "%2", state.last_file or "").replace("%3", format_date(state.last_made_at.date(), language())))
        self.keys_ready = state.own_fingerprint is not None and state.receiver_fingerprint is not None
        self.key_state.setText("\n".join(lines))
        self.key_state.setStyleSheet("" if self.keys_ready else ERROR_STYLE)
        self._update_buttons()

    # -- where to write -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """"Làm mới": a stick put in since, keys made since (here or with `antq keys`)."""
        self.refresh_keys()
        self.refresh_drives()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._busy():
            self.refresh()
        super().showEvent(event)

    def refresh_drives(self) -> None:
        self.volumes = writable_volumes(mounted_volumes(), self.database_path)
        self._fill_drives()

    def _fill_drives(self) -> None:
        chosen = self.folder()
        lang = language()
        self.drive.blockSignals(True)
        self.drive.clear()
        for volume in self.volumes:
            free = free_text(volume.free, lang)
            if volume.name == volume.root:
                text = self.tr("%1 — còn %2").replace("%1", volume.root).replace("%2", free)
            else:
                text = self.tr("%1 (%2) — còn %3").replace("%1", volume.name).replace(
                    "%2", volume.root).replace("%3", free)
            self.drive.addItem(text, volume.root)
        for folder in self.folders:
            if self.drive.findData(folder) < 0:
                free = free_text(int(QStorageInfo(folder).bytesAvailable()), lang)
                self.drive.addItem(self.tr("Thư mục %1 — còn %2").replace("%1", folder).replace("%2", free), folder)
        index = self.drive.findData(chosen) if chosen else -1
        self.drive.setCurrentIndex(index if index >= 0 else (0 if self.drive.count() else -1))
        self.drive.blockSignals(False)
        self._update_buttons()

    def folder(self) -> str | None:
        data = self.drive.currentData()
        return str(data) if data else None

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục ghi gói dữ liệu"), self.folder() or "")
        if not name:
            return
        native = QDir.toNativeSeparators(name)
        if native not in self.folders and self.drive.findData(native) < 0:
            self.folders.append(native)
        self._fill_drives()
        self.drive.setCurrentIndex(self.drive.findData(native))

    # -- writing ----------------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    def _update_buttons(self) -> None:
        allowed = self.context.may(Permission.EXPORT)
        if not allowed:
            why = self.tr("Vai trò của bạn không được ghi gói dữ liệu (chỉ chỉ huy và quản trị viên).")
        elif not self.keys_ready:
            why = self.keys_hint
        elif self.folder() is None:
            why = self.tr("Hãy chọn USB hoặc thư mục để ghi gói.")
        else:
            why = ""
        self.write_button.setEnabled(not why and not self._busy())
        self.write_button.setToolTip(why)
        for widget in (self.drive, self.refresh_button, self.folder_button, self.full):
            widget.setEnabled(allowed and not self._busy())

    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def ask_to_write(self) -> None:
        if not self.write_button.isEnabled():
            return
        self.passphrase_dialog = ask_passphrase(
            self, self.tr("Ghi gói dữ liệu"),
            self.tr("Cụm từ mật khẩu của khóa trao đổi (để ký gói):"), self.write, action=self.tr("Ghi gói"))

    def write(self, passphrase: str) -> None:
        folder = self.folder()
        if folder is None or self._busy():
            return
        database, full, actor = self.context.database, self.full.isChecked(), self.context.actor
        out = Path(folder)

        def job(progress: Any) -> ExportResult:
            return export_package(database, out, passphrase, full=full, actor=actor, progress=progress)

        self._say(self.tr("Đang ghi gói dữ liệu… Chưa rút USB."))
        self.task = run_in_background(self, self.tr("Ghi gói dữ liệu"), job, self._written, self._failed,
                                      on_cancelled=self._cancelled)
        self._update_buttons()

    def _written(self, result: ExportResult) -> None:
        records = sum(count for kind, count in result.counts.items() if kind != "approvals")
        self._say(self.tr("Đã ghi gói %1 (%2 bản ghi). Có thể rút USB.").replace("%1", result.path.name).replace(
            "%2", format_number(records, language())), OK_STYLE)
        self.refresh_drives()  # less free space now
        self.refresh_keys()  # the last package line
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        message = refusal_text(exc)
        if message is None:
            self._say("")
            show_error(self, exc)
            return
        self._say(message, ERROR_STYLE)
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self._update_buttons()
        self._say(self.tr("Đã dừng: không ghi gói nào."), ERROR_STYLE)
