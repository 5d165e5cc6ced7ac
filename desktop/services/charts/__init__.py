"""The charts of the Overview page, `antq chart` and the review report: matplotlib `Figure`s
drawn from desktop.services.figures, with Vietnamese (or English) words.

- `CHARTS`: name → `ChartSpec` (titles, how to compute its figures, how to draw them), in the
  order the Overview shows them; `chart_names()` lists the names.
- `build_chart(session, name, filters, lang)`: computes and draws one chart.
- `draw_chart(name, figures, lang, filters=…, unit=…, figure=…)`: draws already computed figures
  (e.g. those of `figures.overview`, computed in a background job) — into a given Figure (a
  `FigureCanvasQTAgg`'s own) or a new one. Drawing makes no query.
- `save_chart(figure, path)`: PNG, SVG or PDF by the file's suffix.

No pyplot anywhere (it keeps global state and wants a GUI backend): a `Figure` is made
directly and saved through the Agg, SVG or PDF backend, so this runs headless and in worker
threads. Problems the user can fix raise `ChartError` with a message in their language.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from sqlalchemy.orm import Session

from desktop.i18n import language, t
from desktop.services import figures as F
from desktop.services.atomic import atomic_write
from desktop.services.charts.draw import (
    Frame,
    draw_categories,
    draw_models,
    draw_series,
    draw_sources,
    draw_units,
    draw_year_on_year,
    is_empty,
)
from desktop.services.charts.style import chart_style
from desktop.services.figures import Filters, Overview, UnitInfo

SUFFIXES = (".png", ".svg", ".pdf")
PNG_DPI = 150


class ChartError(ValueError):
    """A chart request the user can correct: an unknown chart name, a file type we cannot write."""

    def __init__(self, key: str, lang: str | None = None, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message(lang))

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang or language(), **self.values)


Drawer = Callable[[Any, Frame, str, "Figure | None"], Figure]


@dataclass(frozen=True)
class ChartSpec:
    name: str
    title_vi: str
    title_en: str
    compute: Callable[[Session, Filters], Any]  # the figures it draws
    overview_field: str  # where `figures.Overview` keeps those figures
    draw: Drawer

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi


def _categories(field: str, note: str | None) -> Drawer:
    def draw(data: F.SessionBreakdown, frame: Frame, lang: str, figure: Figure | None = None) -> Figure:
        return draw_categories(data, getattr(data, field), t(note, lang) if note else None, frame, lang, figure)

    return draw


def _breakdown(dimension: str) -> Callable[[Session, Filters], F.SessionBreakdown]:
    return lambda session, filters: F.session_breakdown(session, filters, dimensions=(dimension,))


_SPECS = (
    ChartSpec("sessions-by-month", "Số buổi tuyên truyền, tập huấn và lượt người theo thời gian",
              "Dissemination sessions and attendees over time",
              lambda s, f: F.period_series(s, f), "series", draw_series),
    ChartSpec("sessions-by-topic", "Buổi tuyên truyền, tập huấn theo nội dung", "Dissemination sessions by topic",
              _breakdown("topic"), "sessions", _categories("by_topic", "chart_note_topics")),
    ChartSpec("sessions-by-kind", "Buổi tuyên truyền, tập huấn theo hình thức", "Dissemination sessions by kind",
              _breakdown("kind"), "sessions", _categories("by_kind", None)),
    ChartSpec("sessions-by-organisation", "Buổi tuyên truyền, tập huấn theo tổ chức thực hiện",
              "Dissemination sessions by organising organisation",
              _breakdown("organisation"), "sessions", _categories("by_organisation", "chart_note_organisations")),
    ChartSpec("models-by-type", "Mô hình theo loại và tình trạng", "Security models by type and status",
              F.model_figures, "models", draw_models),
    ChartSpec("sources-cases", "Nguồn tin, vụ việc và đối tượng theo tổ chức cung cấp",
              "Sources, cases and individuals by providing organisation",
              F.source_figures, "sources", draw_sources),
    ChartSpec("units-compared", "So sánh các đơn vị trực thuộc", "Units compared",
              F.units_compared, "units", draw_units),
    ChartSpec("year-on-year", "So sánh với cùng kỳ năm trước", "Compared with the same period a year earlier",
              F.year_on_year, "year_on_year", draw_year_on_year),
)
CHARTS: dict[str, ChartSpec] = {spec.name: spec for spec in _SPECS}


def chart_names() -> list[str]:
    return list(CHARTS)


def chart_spec(name: str, lang: str | None = None) -> ChartSpec:
    """The chart of that name; `ChartError` ("chart_unknown") when there is none."""
    spec = CHARTS.get(name)
    if spec is None:
        raise ChartError("chart_unknown", lang, name=name)
    return spec


def draw_chart(name: str, figures: Any, lang: str = "vi", *, filters: Filters | None = None,
               unit: UnitInfo | None = None, figure: Figure | None = None) -> Figure:
    """Draws a chart from figures already computed: an `Overview` (this chart's part of it, its
    filters and unit are used) or the chart's own figures (what `CHARTS[name].compute`
    returns, with the `filters` and `unit` they are about, for the header). `figure` is cleared
    and drawn into when given."""
    spec = chart_spec(name, lang)
    if isinstance(figures, Overview):
        filters, unit, figures = figures.filters, figures.unit, getattr(figures, spec.overview_field)
    frame = Frame(spec.title(lang), filters or Filters(), unit)
    with chart_style():
        return spec.draw(figures, frame, lang, figure)


def build_chart(session: Session, name: str, filters: Filters, lang: str = "vi", *,
                figure: Figure | None = None) -> Figure:
    """Computes a chart's figures in `session` and draws them. An unknown name raises
    `ChartError`; an unknown unit or a reversed period `stats.StatsError`."""
    spec = chart_spec(name, lang)
    unit = F.resolve(session, filters, lang).unit
    return draw_chart(name, spec.compute(session, filters), lang, filters=filters, unit=unit, figure=figure)


def chart_is_empty(figures: Any) -> bool:
    """Whether figures have nothing to show (their chart then says "no data")."""
    return is_empty(figures)


def check_suffix(path: str | os.PathLike[str], lang: str | None = None) -> str:
    """'png', 'svg' or 'pdf' from the file name; `ChartError` ("chart_bad_suffix") otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ChartError("chart_bad_suffix", lang, path=str(path))
    return suffix[1:]


def save_chart(figure: Figure, path: str | os.PathLike[str], *, dpi: int = PNG_DPI, lang: str | None = None) -> Path:
    """Writes the figure as PNG (at `dpi`), SVG or PDF according to the suffix of `path`
    (`ChartError` for any other). The file appears whole or not at all: it is written beside
    and renamed into place. PDF text is embedded as TrueType, so that it can be searched and
    copied; SVG text follows the caller's `svg.fonttype` (paths by default)."""
    target = Path(path)
    kind = check_suffix(target, lang)
    metadata: dict[str, Any] = {
        "png": {"Software": "ANTQ Ledger"},
        "svg": {"Creator": "ANTQ Ledger", "Date": None},
        "pdf": {"Creator": "ANTQ Ledger", "CreationDate": None},
    }[kind]
    fonts = {"pdf.fonttype": 42} if kind == "pdf" else {}
    # The chart's style again: some of its settings (hinting, hatches) are read while rendering.
    with atomic_write(target) as handle, chart_style(), matplotlib.rc_context(fonts):
        figure.savefig(handle, format=kind, dpi=dpi, metadata=metadata, facecolor="white")
    return target


__all__ = ["CHARTS", "SUFFIXES", "ChartError", "ChartSpec", "build_chart", "chart_is_empty", "chart_names",
           "chart_spec", "check_suffix", "draw_chart", "save_chart"]
