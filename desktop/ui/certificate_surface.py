"""A certificate drawn with a QPainter: the same layout as the PDF (`certificates.layout`), on a
page of A4 landscape points, for the window's preview and for printing through the system's
print dialog (`QPrinter`). Text uses the bundled DejaVu Serif, so both look alike."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from desktop.services.certificates.fonts import BOLD, BOLD_ITALIC, ITALIC
from desktop.services.certificates.layout import PAGE, Certificate, Template, draw_certificate
from desktop.ui.fonts import register_fonts

SERIF = "DejaVu Serif"


class QtSurface:
    """Maps the layout's points (origin bottom left) onto a painter's `target` rectangle."""

    def __init__(self, painter: QPainter, target: QRectF) -> None:
        register_fonts()
        self.painter = painter
        self.scale = min(target.width() / PAGE[0], target.height() / PAGE[1])
        self.left = target.left() + (target.width() - PAGE[0] * self.scale) / 2
        self.top = target.top() + (target.height() - PAGE[1] * self.scale) / 2
        self.dpi = painter.device().logicalDpiY() or 96

    def _point(self, x: float, y: float) -> QPointF:
        return QPointF(self.left + x * self.scale, self.top + (PAGE[1] - y) * self.scale)

    def _font(self, name: str, size: float) -> QFont:
        font = QFont(SERIF)
        font.setBold(name in (BOLD, BOLD_ITALIC))
        font.setItalic(name in (ITALIC, BOLD_ITALIC))
        # Points of the page, scaled to the device: a point size is in 1/72 inch of the device.
        font.setPointSizeF(max(0.5, size * self.scale * 72.0 / self.dpi))
        return font

    def text(self, x: float, y: float, text: str, font: str, size: float, color: str, align: str) -> None:
        qfont = self._font(font, size)
        self.painter.setFont(qfont)
        self.painter.setPen(QColor(color))
        at = self._point(x, y)
        if align == "center":
            at.setX(at.x() - QFontMetricsF(qfont, self.painter.device()).horizontalAdvance(text) / 2)
        self.painter.drawText(at, text)

    def rect(self, x: float, y: float, width: float, height: float, color: str, line_width: float) -> None:
        self.painter.setPen(QPen(QColor(color), line_width * self.scale))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(QRectF(self._point(x, y + height), self._point(x + width, y)))

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, line_width: float) -> None:
        self.painter.setPen(QPen(QColor(color), line_width * self.scale))
        self.painter.drawLine(self._point(x1, y1), self._point(x2, y2))

    def polygon(self, points: list[tuple[float, float]], color: str) -> None:
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(QBrush(QColor(color)))
        self.painter.drawPolygon(QPolygonF([self._point(x, y) for x, y in points]))

    def image(self, x: float, y: float, width: float, height: float, data: bytes) -> None:
        picture = QImage.fromData(data)
        if picture.isNull():
            return  # checked when the template was saved; a damaged one is left out, not fatal
        box = QRectF(self._point(x, y + height), self._point(x + width, y))
        size = picture.size().toSizeF().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(0, 0, size.width(), size.height())
        target.moveCenter(box.center())
        self.painter.drawImage(target, picture)


def paint_certificate(painter: QPainter, target: QRectF, certificate: Certificate, template: Template) -> None:
    """One certificate, white paper and all, fitted into `target`."""
    surface = QtSurface(painter, target)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(surface.left, surface.top, PAGE[0] * surface.scale, PAGE[1] * surface.scale),
                     QColor("#FFFFFF"))
    draw_certificate(surface, certificate, template)
    painter.restore()
