"""The certificate painted by Qt, as the preview and the printer get it: an image with the
border and the red title where the PDF has them, and a QPrinter PDF whose text reads the same."""
from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop.ui.certificate_surface import paint_certificate
from tests.services.test_certificate_layout import GIAY_KHEN, certificate


def test_the_preview_image_has_the_border_and_the_red_title(qapp: Any) -> None:
    image = QImage(1684, 1191, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    paint_certificate(painter, QRectF(0, 0, 1684, 1191), certificate("NFD"), GIAY_KHEN)
    painter.end()
    assert image.pixelColor(842, 1180) == QColor("#FFFFFF")  # paper, below the frame
    frame = image.pixelColor(52, 595)  # the thick outer frame, 26 pt (52 px here) from the left edge
    assert frame.red() > 100 and frame.blue() < 80, frame.name()
    reds = sum(1 for x in range(500, 1184, 4) for y in range(250, 400, 4)
               if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 80)
    assert reds > 50  # "GIẤY KHEN" in red around the middle


def test_printing_through_qprinter_gives_the_same_words(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(0, 0, 0, 0)))
    painter = QPainter(printer)
    paint_certificate(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), certificate("NFD"), GIAY_KHEN)
    painter.end()
    text = unicodedata.normalize("NFC", subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                                                       text=True, check=True).stdout)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY KHEN", "Bà Nguyễn Thị Hường",
                     "Quảng Ninh, ngày 18 tháng 7 năm 2024"):
        assert expected in text, (expected, text[:400])
