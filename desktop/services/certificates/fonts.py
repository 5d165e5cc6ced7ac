"""The bundled DejaVu Serif faces, registered once with reportlab as TrueType fonts: reportlab
embeds a subset of each in the PDF, so every diacritic prints on a machine with no fonts."""
from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import resource

REGULAR, BOLD, ITALIC, BOLD_ITALIC = "AntqSerif", "AntqSerif-Bold", "AntqSerif-Italic", "AntqSerif-BoldItalic"
_FILES = {REGULAR: "DejaVuSerif.ttf", BOLD: "DejaVuSerif-Bold.ttf", ITALIC: "DejaVuSerif-Italic.ttf",
          BOLD_ITALIC: "DejaVuSerif-BoldItalic.ttf"}


def register_fonts() -> None:
    """Registers the four faces (again is a no-op)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file_name))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
