"""One certificate of merit on an A4 landscape page, in the Vietnamese layout (GLOSSARY.md):
the national name and motto, the issuing title, "TẶNG GIẤY KHEN", the recipient and position,
the achievement, the decision line, the place and date line, the signer's title and name, and a
decorative border. Every text is NFC-normalised first (decomposed input would print with
colliding accents), and every block is wrapped and, if need be, shrunk until it fits its box:
nothing is ever cut off or crosses the border (`TextDoesNotFit` rather than overflow)."""
from __future__ import annotations

import functools
import io
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.services.certificates.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

PAGE = landscape(A4)  # 841.9 × 595.3 pt
BORDER = 26.0  # outer frame's distance from the paper's edge
INNER = 46.0  # where text may go, from the paper's edge
MIN_SIZE = 6.0
EMBLEM = 52.0  # the emblem's box, centred above the national name
CLOSING_TOP = INNER + 118  # the top of the closing lines (decision, date line, signer)


class Surface(Protocol):
    """Where a certificate is drawn, in points from the page's bottom left: a PDF canvas
    (`PdfSurface`) or, in the window, a QPainter for the preview and the printer."""

    def text(self, x: float, y: float, text: str, font: str, size: float, color: str, align: str) -> None: ...

    def rect(self, x: float, y: float, width: float, height: float, color: str, line_width: float) -> None: ...

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, line_width: float) -> None: ...

    def polygon(self, points: list[tuple[float, float]], color: str) -> None: ...

    def image(self, x: float, y: float, width: float, height: float, data: bytes) -> None:
        """`data` (PNG or JPEG) fitted into the box, its proportions kept, centred."""


class PdfSurface:
    """A reportlab canvas as a `Surface`."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def text(self, x: float, y: float, text: str, font: str, size: float, color: str, align: str) -> None:
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(HexColor(color))
        if align == "center":
            self.canvas.drawCentredString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)

    def rect(self, x: float, y: float, width: float, height: float, color: str, line_width: float) -> None:
        self.canvas.setStrokeColor(HexColor(color))
        self.canvas.setLineWidth(line_width)
        self.canvas.rect(x, y, width, height)

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, line_width: float) -> None:
        self.canvas.setStrokeColor(HexColor(color))
        self.canvas.setLineWidth(line_width)
        self.canvas.line(x1, y1, x2, y2)

    def polygon(self, points: list[tuple[float, float]], color: str) -> None:
        self.canvas.setFillColor(HexColor(color))
        path = self.canvas.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        path.close()
        self.canvas.drawPath(path, stroke=0, fill=1)

    def image(self, x: float, y: float, width: float, height: float, data: bytes) -> None:
        # reportlab keeps one copy of an image drawn on many pages (cached by its content).
        self.canvas.drawImage(ImageReader(io.BytesIO(data)), x, y, width, height, mask="auto",
                              preserveAspectRatio=True, anchor="c")


class TextDoesNotFit(ValueError):
    """A text too long for its box even at the smallest size."""


@dataclass(frozen=True)
class Template:
    """What an issuing authority sets: wording and colours (defaults in resources/certificates)."""

    name: str
    title: str  # "GIẤY KHEN", "BẰNG KHEN", "GIẤY CHỨNG NHẬN"
    verb: str = "TẶNG"  # the line above the title; empty for a certificate of participation
    border_color: str = "#8B6B14"
    title_color: str = "#C00000"
    text_color: str = "#000000"
    emblem: bytes | None = None  # an emblem or logo (PNG or JPEG) above the national name


@dataclass(frozen=True)
class Certificate:
    """The words of one certificate, as they are printed."""

    authority_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"
    recipient: str  # "Bà Nguyễn Thị Hường", or a collective's name
    position: str  # "Chủ tịch Hội Liên hiệp Phụ nữ phường Hà Tu" (may be empty)
    achievement: str
    decision_line: str  # "Quyết định số 1234/QĐ-UBND ngày 18/7/2024"
    place_date: str  # "Quảng Ninh, ngày 18 tháng 7 năm 2024"
    signer_title: str  # "CHỦ TỊCH"
    signer_name: str
    serial: str = ""  # "Số vào sổ: GK-2024-0001"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


@dataclass
class Box:
    x: float
    y: float  # the box's top
    width: float
    height: float


def fit(text: str, font: str, largest: float, box: Box, leading: float = 1.25) -> tuple[list[str], float]:
    """The lines of `text` and the largest size (down from `largest`) at which they fit the box."""
    lines, size = _fit(text, font, largest, box.width, box.height, leading)
    return list(lines), size


@functools.lru_cache(maxsize=4096)  # a batch measures the same texts in the same boxes again and again
def _fit(text: str, font: str, largest: float, width: float, height: float, leading: float
         ) -> tuple[tuple[str, ...], float]:
    size = largest
    while size >= MIN_SIZE:
        lines = simpleSplit(text, font, size, width)
        if len(lines) * size * leading <= height:
            return tuple(lines), size
        size -= 0.5
    raise TextDoesNotFit(text[:60])


def draw_block(surface: Surface, text: str, font: str, largest: float, box: Box, *, align: str = "center",
               leading: float = 1.25, color: str = "#000000") -> float:
    """Draws `text` wrapped and shrunk to fit, from the box's top; returns the bottom it reached."""
    if not text:
        return box.y
    lines, size = fit(text, font, largest, box, leading)
    y = box.y - size
    for line in lines:
        x = box.x + box.width / 2 if align == "center" else box.x
        surface.text(x, y, line, font, size, color, align)
        y -= size * leading
    return y + size * leading - size * 0.3


def draw_border(surface: Surface, color: str) -> None:
    width, height = PAGE
    surface.rect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER, color, 3)
    gap = 7
    surface.rect(BORDER + gap, BORDER + gap, width - 2 * (BORDER + gap), height - 2 * (BORDER + gap), color, 0.8)
    # A small diamond at each corner, between the two frames.
    for cx, cy in ((BORDER, BORDER), (width - BORDER, BORDER), (BORDER, height - BORDER),
                   (width - BORDER, height - BORDER)):
        surface.polygon([(cx, cy - 9), (cx + 9, cy), (cx, cy + 9), (cx - 9, cy)], color)


@dataclass(frozen=True)
class Frame:
    """Where the particulars of a page go, below what `draw_frame` drew."""

    below_title: float
    serial_top: float


def frame_key(certificate: Certificate, template: Template) -> tuple[object, ...]:
    """What `draw_frame` draws from: equal keys, identical frames (every page of one decision)."""
    return (template, certificate.authority_title, certificate.decision_line, certificate.place_date,
            certificate.signer_title, certificate.signer_name)


def draw_frame(surface: Surface, certificate: Certificate, template: Template) -> Frame:
    """Everything that is the same on every certificate of a decision: the border, emblem,
    national name and motto, issuing authority, title, decision line, date line and signer."""
    register_fonts()  # text is measured with the fonts' own metrics, whatever the surface
    width, height = PAGE
    left, span = INNER, width - 2 * INNER
    ink = template.text_color
    draw_border(surface, template.border_color)
    top = height - INNER
    if template.emblem:
        surface.image(width / 2 - EMBLEM / 2, top - EMBLEM, EMBLEM, EMBLEM, template.emblem)
        top -= EMBLEM + 4
    y = draw_block(surface, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD, 14, Box(left, top, span, 20), color=ink)
    motto = "Độc lập - Tự do - Hạnh phúc"
    y = draw_block(surface, motto, BOLD, 13, Box(left, y - 4, span, 18), color=ink)
    motto_width = stringWidth(motto, BOLD, 13)
    surface.line(width / 2 - motto_width / 2, y - 3, width / 2 + motto_width / 2, y - 3, ink, 0.6)
    y = draw_block(surface, nfc(certificate.authority_title).upper(), BOLD, 15, Box(left + 40, y - 18, span - 80, 40),
                   color=ink)
    if template.verb:
        y = draw_block(surface, nfc(template.verb), BOLD, 18, Box(left, y - 10, span, 24), color=ink)
    below_title = draw_block(surface, nfc(template.title), BOLD, 40, Box(left, y - 4, span, 50),
                             color=template.title_color)
    half = span / 2 - 10
    bottom_left = Box(left + 10, CLOSING_TOP - 12, half, 60)
    serial_top = draw_block(surface, nfc(certificate.decision_line), ITALIC, 11, bottom_left, align="left", color=ink)
    signer = Box(width / 2 + 10, CLOSING_TOP + 6, half, 20)
    after = draw_block(surface, nfc(certificate.place_date), ITALIC, 12, signer, color=ink)
    draw_block(surface, nfc(certificate.signer_title).upper(), BOLD, 13, Box(signer.x, after - 4, half, 34), color=ink)
    draw_block(surface, nfc(certificate.signer_name), BOLD, 14, Box(signer.x, INNER + 24, half, 20), color=ink)
    return Frame(below_title, serial_top)


def draw_particulars(surface: Surface, certificate: Certificate, template: Template, frame: Frame) -> None:
    """What differs from one recipient to the next: the name, position, achievement, serial."""
    left, span = INNER, PAGE[0] - 2 * INNER
    ink = template.text_color
    y = draw_block(surface, nfc(certificate.recipient), BOLD_ITALIC, 24,
                   Box(left + 30, frame.below_title - 10, span - 60, 62), color=template.title_color)
    if nfc(certificate.position):
        y = draw_block(surface, nfc(certificate.position), ITALIC, 14, Box(left + 40, y - 4, span - 80, 36), color=ink)
    # The achievement takes what is left above the closing lines.
    draw_block(surface, nfc(certificate.achievement), REGULAR, 15,
               Box(left + 50, y - 10, span - 100, max(20.0, y - 10 - CLOSING_TOP)), color=ink)
    if nfc(certificate.serial):
        draw_block(surface, nfc(certificate.serial), REGULAR, 10, Box(left + 10, frame.serial_top - 4, span / 2 - 10, 30),
                   align="left", color=ink)


def draw_certificate(surface: Surface, certificate: Certificate, template: Template) -> None:
    """Draws one page."""
    draw_particulars(surface, certificate, template, draw_frame(surface, certificate, template))


class _Measuring:
    """A surface that draws nothing: drawing on it tells whether every text fits its box."""

    def text(self, *args: object) -> None: ...

    def rect(self, *args: object) -> None: ...

    def line(self, *args: object) -> None: ...

    def polygon(self, *args: object) -> None: ...

    def image(self, *args: object) -> None: ...


def check_fits(certificates: list[Certificate], template: Template) -> None:
    """Raises TextDoesNotFit for the first text that would not fit even at the smallest size,
    before anything is drawn, recorded or written."""
    surface, frames = _Measuring(), {}
    for certificate in certificates:
        key = frame_key(certificate, template)
        if key not in frames:
            frames[key] = draw_frame(surface, certificate, template)
        draw_particulars(surface, certificate, template, frames[key])


def new_canvas(target: object, title: str) -> Canvas:
    """A canvas whose initial font is ours: reportlab would otherwise name Helvetica in every page
    and leave it unembedded."""
    register_fonts()
    rl_config.useA85 = 0  # binary page streams: ASCII85 text would make them 25 % larger and slower to write
    if isinstance(target, os.PathLike):
        target = os.fspath(target)  # reportlab takes a str or a file, not a Path
    canvas = Canvas(target, pagesize=PAGE, initialFontName=REGULAR, initialFontSize=12, pageCompression=1)
    canvas.setTitle(nfc(title))
    canvas.setAuthor("ANTQ Ledger")
    canvas.setCreator("ANTQ Ledger")
    return canvas


def render_pdf(target: object, certificates: list[Certificate], template: Template, title: str,
               on_page: Callable[[int], None] | None = None) -> int:
    """Writes the certificates, one page each, in the order given, to `target` (a path or a
    binary file); `on_page(pages done)` after each. Returns the number of pages. A frame shared
    by many pages is drawn once, as a PDF form each page shows: a decision's thousand
    certificates draw and store their common parts once."""
    if not certificates:
        raise ValueError("no certificate to draw")
    canvas = new_canvas(target, title)
    surface = PdfSurface(canvas)
    forms: dict[tuple[object, ...], tuple[str, Frame]] = {}
    for done, certificate in enumerate(certificates, start=1):
        key = frame_key(certificate, template)
        if key not in forms:
            name = f"frame{len(forms)}"
            canvas.beginForm(name)
            forms[key] = (name, draw_frame(surface, certificate, template))
            canvas.endForm()
        name, frame = forms[key]
        canvas.doForm(name)
        draw_particulars(surface, certificate, template, frame)
        canvas.showPage()
        if on_page is not None:
            on_page(done)
    canvas.save()
    return len(certificates)
