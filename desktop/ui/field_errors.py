"""The red message under a field that says what is wrong with what was typed (accounts,
sign-in, the first-run wizard): one look everywhere."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

ERROR_COLOUR = QColor("#b3261e")


def error_label() -> QLabel:
    """A hidden, word-wrapped label in the error colour."""
    label = QLabel()
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    """Shows `text` in the label, or hides it when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))
