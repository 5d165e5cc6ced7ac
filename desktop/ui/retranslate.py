"""Widgets set every visible text in one `retranslate_ui()` (STYLE point 9); this mixin calls it
again whenever the language changes, so no widget repeats the event handling."""
from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Put before the Qt class: `class SettingsPage(Retranslating, QWidget)`."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]
