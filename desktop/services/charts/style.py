"""The look every chart shares: colour-blind-safe colours (Okabe & Ito), sizes that read on a
screen and on an A4 page, numbers written the language's way, a header with the unit and the
period, and the "no data" face. matplotlib's own `Figure` only: pyplot (a global figure
manager that wants a GUI backend) is never imported."""
from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import offset_copy

from desktop.i18n import t
from desktop.services.figures import Filters, UnitInfo
from desktop.services.stats import format_number, period_text

# Okabe, M. & Ito, K., "Color Universal Design" (2008): told apart with any colour vision.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#999999"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, YELLOW, GREY)

WIDTH_IN = 10.0  # inches; 1,000 px on screen at 100 dpi, 1,500 px in a PNG at 150 dpi
HEIGHT_IN = 5.6
HEADER_IN = 0.72  # the title and subtitle above the plots
FOOTER_IN = 0.30  # one line of notes below them

RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # shipped with matplotlib; covers every Vietnamese letter
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.axisbelow": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.8,
    "hatch.color": "#ffffff",
    "hatch.linewidth": 1.2,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    # Unhinted glyphs, as macOS draws them: antialiased text stays as readable at screen sizes,
    # and each text costs a third less to render (a chart has 30 to 100 of them).
    "text.hinting": "no_hinting",
}


@contextmanager
def chart_style() -> Iterator[None]:
    """The shared look, for the time a chart is drawn (rcParams are read when artists are made;
    the process-wide settings are left as they were)."""
    with matplotlib.rc_context(RC):
        yield


def new_figure(figure: Figure | None = None, height: float = HEIGHT_IN, footer: bool = False) -> Figure:
    """A fresh figure (or `figure` cleared and resized, e.g. a canvas's own) with constrained
    layout inside the space the header and footer leave."""
    if figure is None:
        figure = Figure(figsize=(WIDTH_IN, height), dpi=100)
    else:
        figure.clear()
        figure.set_size_inches(WIDTH_IN, height, forward=False)
    top = 1 - HEADER_IN / height
    bottom = FOOTER_IN / height if footer else 0.0
    figure.set_layout_engine("constrained", rect=(0, bottom, 1, top - bottom), w_pad=0.08, h_pad=0.08)
    return figure


def number(value: float, lang: str, decimals: int = 0) -> str:
    """1.234 / 12,5 in Vietnamese, 1,234 / 12.5 in English."""
    if decimals == 0:
        return format_number(round(value), lang)
    return format_number(round(value, decimals), lang)


def number_axis(axis: Any, lang: str) -> None:
    """Tick labels of a count axis in the language's number format, whole numbers where the
    range allows them."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(
        lambda v, _pos: number(v, lang) if float(v).is_integer() else number(v, lang, 1)))


def subtitle(filters: Filters, unit: UnitInfo | None, lang: str) -> str:
    """'Phường Hà Tu · từ 01/01/2024 đến 31/12/2024' (and '· Chỉ số liệu đã duyệt')."""
    parts = [unit.name if unit else t("stats_whole_database", lang),
             period_text(filters.date_from, filters.date_to, lang)]
    if filters.approved_only:
        parts.append(t("stats_approved_only", lang))
    return " · ".join(parts)


def header(figure: Figure, title: str, sub: str) -> None:
    height = figure.get_figheight()
    figure.text(0.012, 1 - 0.14 / height, title, ha="left", va="top", fontsize=13, fontweight="bold")
    figure.text(0.012, 1 - 0.44 / height, sub, ha="left", va="top", fontsize=9.5, color="#444444")


def footer(figure: Figure, notes: Sequence[str]) -> None:
    """Notes in one line at the bottom left (the figure was made with footer=True)."""
    if notes:
        figure.text(0.012, 0.08 / figure.get_figheight(), "  ".join(notes), ha="left", va="bottom",
                    fontsize=8, color="#555555", style="italic")


def empty(figure: Figure, message: str) -> None:
    """The face of a chart without data: its message in the middle, no axes."""
    figure.text(0.5, 0.45, message, ha="center", va="center", fontsize=13, color="#555555")


def capitalised(label: str) -> str:
    """'phòng, chống ma túy' → 'Phòng, chống ma túy' (vocabulary labels are written for use
    inside a sentence)."""
    return label[:1].upper() + label[1:]


def wrapped(label: str, width: int = 26) -> str:
    """A long category label on two or three lines (horizontal bars keep it readable)."""
    return "\n".join(textwrap.wrap(capitalised(label), width)) or label


def bar_values(axes: Axes, container: Any, values: Sequence[float | None], lang: str, decimals: int = 0,
               size: float = 8) -> list[Any]:
    """The value of each bar next to it ('—' where there is none); returns the texts. Plain
    texts 3 points from the bar's end: `Axes.bar_label`'s annotations cost about twice as much
    to lay out and draw, and a chart has up to a hundred of them."""
    horizontal = container.orientation == "horizontal"
    offset = offset_copy(axes.transData, fig=axes.figure, x=3 if horizontal else 0, y=0 if horizontal else 3,
                         units="points")
    style = {"fontsize": size, "color": "#333333", "transform": offset, "clip_on": False,
             **({"ha": "left", "va": "center"} if horizontal else {"ha": "center", "va": "bottom"})}
    texts = []
    for bar, value in zip(container.patches, values, strict=True):
        label = "—" if value is None else number(value, lang, decimals)
        x, y, width, height = bar.get_x(), bar.get_y(), bar.get_width(), bar.get_height()
        at = (x + width, y + height / 2) if horizontal else (x + width / 2, y + height)
        texts.append(axes.text(*at, label, **style))
    return texts
