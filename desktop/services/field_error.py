"""The one shape of an error the user corrects at a field: what is wrong (`field`, the name the
window and the command line map to a widget or an option) and why (`message`, already in the
user's language)."""
from __future__ import annotations


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
