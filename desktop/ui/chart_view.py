"""One chart of `desktop.services.charts` on screen: a `FigureCanvasQTAgg` holding a matplotlib
`Figure` (never pyplot), with a context menu that saves the chart as PNG, SVG or PDF.

The charts are laid out for a figure 10 inches wide (`charts.style.WIDTH_IN`) whatever the
screen, like a picture: the canvas keeps the figure's inches and shows it scaled to its own width
(the figure's dpi follows the widget's width, and the widget's height follows the figure's
proportions), so that a narrow column shows the whole chart smaller instead of a cramped or
cut-off one. Drawing is lazy: `show_chart()` only remembers the figures, and the chart is drawn
(`charts.draw_chart` into this canvas's own figure) and rendered when the canvas is painted, so
that only the charts in view cost time on the main thread after a filter change, a language
change or a resize.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSizePolicy, QWidget

from desktop.i18n import language
from desktop.services.charts import ChartError, draw_chart, save_chart
from desktop.services.charts.style import HEIGHT_IN, WIDTH_IN, chart_style
from desktop.services.figures import Filters, UnitInfo
from desktop.ui import settings
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import show_error

MIN_WIDTH = 360  # px; below this the scaled chart's words become too small to read
SUFFIXES = (".png", ".svg", ".pdf")  # what `save_chart` writes, in the order the dialog offers


class ChartView(Retranslating, FigureCanvasQTAgg):
    """The chart `name` of `charts.CHARTS`. `show_chart(figures, lang)` shows figures already
    computed (an `Overview`); `show_message(text)` a line of text instead (while computing)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        self._pending: tuple[Any, str, Filters | None, UnitInfo | None] | str | None = None  # drawn at the next paint
        self._render_stale = True
        super().__init__(Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=100))
        if parent is not None:
            self.setParent(parent)
        self.name = name
        self.figures: Any = None  # what the chart was last asked to show
        self.lang = language()
        self.setMouseTracking(False)  # no matplotlib interaction here: spare the motion events
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.save_action = QAction(self)
        self.save_action.triggered.connect(self.save_as)
        self.addAction(self.save_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # The chart itself is redrawn in the new language by whoever holds its figures
        # (`show_chart`): a view alone does not know when every view has been told.
        self.save_action.setText(self.tr("Lưu biểu đồ…"))

    # -- what is shown --------------------------------------------------------------------------

    def show_chart(self, figures: Any, lang: str, *, filters: Filters | None = None,
                   unit: UnitInfo | None = None) -> None:
        """Shows `figures` (an `Overview`, or this chart's own figures with the filters and unit
        they are about) in `lang`, drawn at the next paint."""
        self.figures, self.lang = figures, lang
        self._pending = (figures, lang, filters, unit)
        self.update()

    def show_message(self, text: str) -> None:
        """A line of text in the middle of an empty chart (no chart drawn yet)."""
        self.figures = None
        self._pending = text
        self.update()

    def ensure_drawn(self) -> None:
        """Draws what was asked for now, not at the next paint (before saving; for tests)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if isinstance(pending, str):
            self.figure.clear()
            self.figure.set_size_inches(WIDTH_IN, HEIGHT_IN, forward=False)
            self.figure.set_layout_engine(None)
            self.figure.text(0.5, 0.5, pending, ha="center", va="center", fontsize=13, color="#555555")
        else:
            figures, lang, filters, unit = pending
            draw_chart(self.name, figures, lang, filters=filters, unit=unit, figure=self.figure)
        self._fit()

    def title(self) -> str:
        """The chart's title as drawn (its first line of text), '' before it is drawn."""
        self.ensure_drawn()
        texts = self.figure.texts
        return texts[0].get_text() if texts and self.figures is not None else ""

    # -- size and drawing -----------------------------------------------------------------------

    def aspect(self) -> float:
        width, height = self.figure.get_size_inches()
        return float(height / width)

    def sizeHint(self) -> QSize:
        return QSize(560, round(560 * self.aspect()))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, round(MIN_WIDTH * self.aspect()))

    def _fit(self) -> None:
        """The figure's dpi from the widget's width (the figure keeps its inches, so its layout
        stays the one it was drawn with), and the widget's height from the figure's shape."""
        width = max(self.width(), 1)
        inches, height_inches = (float(size) for size in self.figure.get_size_inches())
        dpi = (width + 0.001) / inches  # a hair over, so that the image is not a pixel short
        self.figure._original_dpi = dpi  # what matplotlib scales by the device pixel ratio
        self.figure._set_dpi(dpi * self.device_pixel_ratio, forward=False)
        wanted = max(1, int(height_inches * dpi))  # the rendered image's height, whole pixels
        if self.height() != wanted:
            self.setFixedHeight(wanted)
        self.draw_idle()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Not FigureCanvasQT's: it would change the figure's inches to the widget's size and so
        # squeeze the chart's layout; here the dpi changes instead.
        QWidget.resizeEvent(self, event)
        if self.figure is not None and self._pending is None:
            self._fit()

    def draw_idle(self) -> None:
        """Renders at the next paint only: a canvas out of view costs nothing."""
        self._render_stale = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        self.ensure_drawn()
        if self._render_stale:
            self._render_stale = False
            with chart_style():  # the few settings matplotlib reads while rendering
                FigureCanvasAgg.draw(self)
        super().paintEvent(event)

    # -- saving ---------------------------------------------------------------------------------

    def save_as(self) -> Path | None:
        """Asks for a file name (PNG, SVG or PDF) and saves the chart there; the path, or None
        when the user cancelled or the file could not be written (a message then says why)."""
        types = (self.tr("Ảnh PNG (*.png)"), self.tr("Hình vẽ SVG (*.svg)"), self.tr("Tài liệu PDF (*.pdf)"))
        folder = Path(settings.read(settings.LAST_FOLDER) or Path.home())
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Lưu biểu đồ"), str(folder / f"{self.name}.png"), ";;".join(types))
        if not path:
            return None
        target = Path(path)
        if not target.suffix:  # no suffix typed: the chosen file type's (another one is refused)
            suffix = next((s for s in SUFFIXES if f"*{s}" in chosen), ".png")
            target = target.with_name(target.name + suffix)
        self.ensure_drawn()
        try:
            saved = save_chart(self.figure, target, lang=language())
            settings.write(settings.LAST_FOLDER, str(saved.parent))
            return saved
        except ChartError as exc:
            self._refused(exc.message())
        except OSError as exc:  # disk full, read-only folder, file open elsewhere
            show_error(self, exc)
        return None

    def _refused(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Không lưu được biểu đồ"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
