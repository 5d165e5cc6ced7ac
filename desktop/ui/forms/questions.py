"""The two questions a record form asks, as modal message boxes: save a likely duplicate? save
the changes before closing? (The form wraps them in methods that tests answer instead.)"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_duplicate(parent: QWidget, refs: list[str], rule: str) -> bool:
    """True when the user chooses to save anyway ("Vẫn lưu"); "Không lưu" is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, parent.windowTitle(), "", QMessageBox.StandardButton.NoButton,
                      parent)
    box.setText(QCoreApplication.translate("RecordForm", "Bản ghi này có thể đã được nhập: %1.").replace("%1", ", ".join(refs)))
    box.setInformativeText(rule)
    save = box.addButton(QCoreApplication.translate("RecordForm", "Vẫn lưu"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(QCoreApplication.translate("RecordForm", "Không lưu"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is save


def ask_unsaved(parent: QWidget) -> str:
    """"save", "discard" or "cancel" (Esc), for "Lưu các thay đổi?"."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(), QCoreApplication.translate("RecordForm", "Lưu các thay đổi?"),
                      buttons.Save | buttons.Discard | buttons.Cancel, parent)
    box.setInformativeText(QCoreApplication.translate("RecordForm", "Các ô đã sửa chưa được lưu."))
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = buttons(box.exec())
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")
