"""Why a package is refused: one exception carrying a plain message in the user's language and a
short code that tests and scripts can rely on."""
from __future__ import annotations

from desktop.i18n import t


class PackageRefused(Exception):
    """The package is refused as a whole; nothing of it is written."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        self.message = t(f"pkg_{code}", **values)
        super().__init__(self.message)
