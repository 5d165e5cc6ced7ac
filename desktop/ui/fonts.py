"""The bundled DejaVu fonts (resources/fonts), so Vietnamese renders on a machine that has no
font with its diacritics (a bare Windows 7 or a minimal Linux)."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop.resources import font_files

DEFAULT_FAMILY = "DejaVu Sans"
DEFAULT_POINT_SIZE = 10

_registered: list[str] | None = None


def register_fonts() -> list[str]:
    """Add every bundled .ttf to the application's font database (once per process) and return
    the family names, sorted and without repeats."""
    global _registered
    if _registered is None:
        families: set[str] = set()
        for path in font_files():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                continue
            families.update(QFontDatabase.applicationFontFamilies(font_id))
        _registered = sorted(families)
    return list(_registered)


def apply_default_font(app: QGuiApplication) -> QFont:
    """Register the bundled fonts and make DejaVu Sans 10 pt the application font."""
    families = register_fonts()
    font = QFont(DEFAULT_FAMILY if DEFAULT_FAMILY in families else app.font().family(), DEFAULT_POINT_SIZE)
    app.setFont(font)
    return font
