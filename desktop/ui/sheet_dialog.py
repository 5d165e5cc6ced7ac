"""What the spreadsheet import and export dialogs share (desktop.ui.import_export,
desktop.ui.export_dialog): the kind, the file, a line of status and Close, the file suffixes and the
status styles. The base class keeps its name `_SheetDialog`: it is the translation context of its
texts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.i18n import language
from desktop.services.record_specs import SPECS
from desktop.ui import settings
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle

SUFFIXES = (".xlsx", ".csv")
TROUBLE_STYLE = "color: #a4161a;"
DONE_STYLE = "color: #1b5e20; font-weight: bold;"


def kind_label(kind: str, lang: str | None = None) -> str:
    spec = SPECS[kind]
    name = spec.en if (lang or language()) == "en" else spec.vi
    return name[:1].upper() + name[1:]


def _fill(text: str, *values: object) -> str:
    """Qt's %1, %2 … placeholders (kept in the translated text, so a translator may move them)."""
    for number, value in reversed(list(enumerate(values, start=1))):
        text = text.replace(f"%{number}", str(value))
    return text


class _SheetDialog(Retranslating, QDialog):
    """What both dialogs share: the kind, the file, a line of status and Close."""

    def __init__(self, context: AppContext, kind: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: TaskHandle[Any] | None = None
        self.kind_combo = QComboBox(self)
        for name in SPECS:
            self.kind_combo.addItem("", name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind or "sessions")))
        self.path_edit = QLineEdit(self)
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.choose_file)
        self.path_edit.returnPressed.connect(lambda: self.set_path(self.path_edit.text().strip()))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.kind_combo)
        self.file_label = QLabel(self)
        self.file_label.setBuddy(self.path_edit)
        self.form = QFormLayout()
        self.form.addRow(self.kind_label, self.kind_combo)
        self.form.addRow(self.file_label, file_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.action_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        for button in (self.browse_button, self.action_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the path field must not import or close
        self.action_button.setEnabled(False)

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))


    def retranslate_ui(self) -> None:
        lang = language()
        for index in range(self.kind_combo.count()):
            self.kind_combo.setItemText(index, kind_label(str(self.kind_combo.itemData(index)), lang))
        self.kind_label.setText(self.tr("&Loại bản ghi:"))
        self.file_label.setText(self.tr("&Tệp:"))
        self.path_edit.setPlaceholderText(self.tr("Đường dẫn tệp .xlsx hoặc .csv"))
        self.browse_button.setText(self.tr("&Chọn tệp…"))
        self.close_button.setText(self.tr("Đóng"))

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.is_finished

    def reject(self) -> None:
        if self.busy and not self.closes_while_busy():
            return  # an import or export runs to its end: its result must be seen
        super().reject()

    def closes_while_busy(self) -> bool:
        return False

    def _start_folder(self) -> str:
        return settings.read(settings.LAST_FOLDER) or str(Path.home())

    def _remember_folder(self, path: Path) -> None:
        settings.write(settings.LAST_FOLDER, str(path.parent))

    def choose_file(self) -> None:
        raise NotImplementedError

    def set_path(self, path: str | Path) -> None:
        raise NotImplementedError
