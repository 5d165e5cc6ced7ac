"""The small dialog that asks for the exchange passphrase (the USB exchange's keys): one hidden
field, or two when a new key is being made (a typo would lock the key away for good). It is
opened with `open()` (never blocks a test) and hands the passphrase to `chosen`; the fields are
emptied as soon as it closes, so no passphrase stays in a hidden widget."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.field_errors import error_label, show_message
from desktop.ui.retranslate import Retranslating


class PassphraseDialog(Retranslating, QDialog):
    """`prompt` says what the passphrase opens; `confirm` asks it twice; `min_length` refuses a
    shorter one under the field (the service checks again)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, prompt: str, *, action: str = "",
                 confirm: bool = False, min_length: int = 0) -> None:
        super().__init__(parent)
        self.title, self.prompt_text, self.action = title, prompt, action
        self.confirm, self.min_length = confirm, min_length
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.again = QLineEdit()
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMinimumWidth(280)
        self.passphrase_label, self.again_label = QLabel(), QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.again_label.setBuddy(self.again)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        if confirm:
            form.addRow(self.again_label, self.again)
        else:
            self.again.hide()
            self.again_label.hide()
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.title)
        self.prompt.setText(self.prompt_text)
        self.passphrase_label.setText(self.tr("&Cụm từ mật khẩu:"))
        self.again_label.setText(self.tr("&Nhập lại:"))
        self.ok_button.setText(self.action or self.tr("Đồng ý"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> None:
        text = self.passphrase.text()
        if not text:
            problem = self.tr("Hãy nhập cụm từ mật khẩu.")
        elif len(text) < self.min_length:
            problem = self.tr("Cụm từ mật khẩu cần ít nhất %1 ký tự.").replace("%1", str(self.min_length))
        elif self.confirm and self.again.text() != text:
            problem = self.tr("Hai lần nhập không giống nhau.")
        else:
            self.accept()
            self.chosen.emit(text)
            return
        show_message(self.error, problem)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def done(self, result: int) -> None:
        self.passphrase.clear()  # no passphrase left in a hidden widget
        self.again.clear()
        super().done(result)


def ask_passphrase(parent: QWidget, title: str, prompt: str, on_chosen: Callable[[str], None], *,
                   action: str = "", confirm: bool = False, min_length: int = 0) -> PassphraseDialog:
    """Opens the dialog without blocking; `on_chosen(passphrase)` runs after OK."""
    dialog = PassphraseDialog(parent, title, prompt, action=action, confirm=confirm, min_length=min_length)
    dialog.chosen.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
