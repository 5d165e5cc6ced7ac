"""The report's charts as reportlab drawings: matplotlib's SVG read back by svglib, so that they
stay vector graphics in the PDF, their text kept as text in DejaVu Sans (searchable, embedded,
and several times faster to read than glyph outlines)."""
from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
from reportlab.graphics.shapes import Drawing
from svglib.fonts import register_font as register_svg_font
from svglib.svglib import svg2rlg

from desktop.services.certificates.fonts import REGULAR, register_fonts
from desktop.services.charts import CHARTS, draw_chart
from desktop.services.figures import Filters, UnitInfo

SVG_TEXT = {"svg.fonttype": "none", "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}


@functools.cache
def register_chart_fonts() -> None:
    """Maps the family matplotlib writes into its SVG ('DejaVu Sans', its default, in every weight
    and style it writes) to the very files matplotlib measured the text with, so that svglib
    neither asks the system for fonts (a subprocess, and none on a bare machine) nor falls back
    to Helvetica, which is not embedded and has no Vietnamese letters. Once per process: each
    registration parses its font file again."""
    register_fonts()
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {("normal", "normal"): "DejaVuSans.ttf", ("bold", "normal"): "DejaVuSans-Bold.ttf",
             ("normal", "italic"): "DejaVuSans-Oblique.ttf", ("bold", "italic"): "DejaVuSans-BoldOblique.ttf"}
    for (weight, style), file_name in faces.items():
        for written in ("bold", "700") if weight == "bold" else ("normal", "400"):
            register_svg_font("DejaVu Sans", str(folder / file_name), weight=written, style=style)


def chart_drawing(name: str, figures: Any, lang: str, width: float, *, filters: Filters | None = None,
                  unit: UnitInfo | None = None) -> Drawing:
    """One chart as a vector drawing no wider than `width` points, from an `Overview` or from the
    chart's own part of one (with the filters and unit it is about, for its header)."""
    register_chart_fonts()
    figure = draw_chart(name, figures, lang, filters=filters, unit=unit)
    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_TEXT):
        figure.savefig(buffer, format="svg")
    buffer.seek(0)
    drawing = svg2rlg(buffer)
    scale = min(1.0, width / drawing.width)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.scale(scale, scale)
    drawing.initialFontName = REGULAR  # else the renderer names Helvetica, never used but listed
    return drawing


class ChartsAsReady:
    """An `on_part` for `figures.overview`: draws each of `names` as soon as the part of the
    figures it shows is ready, while the other queries are still running on their connections."""

    def __init__(self, names: tuple[str, ...], lang: str, width: float, filters: Filters, unit: UnitInfo | None,
                 on_drawn: Callable[[int], None] | None = None) -> None:
        self.names, self.lang, self.width, self.filters, self.unit = names, lang, width, filters, unit
        self.on_drawn = on_drawn
        self.drawings: dict[str, Drawing] = {}

    def __call__(self, field: str, figures: Any) -> None:
        for name in self.names:
            if CHARTS[name].overview_field == field:
                self.drawings[name] = chart_drawing(name, figures, self.lang, self.width, filters=self.filters,
                                                    unit=self.unit)
                if self.on_drawn is not None:
                    self.on_drawn(len(self.drawings))
