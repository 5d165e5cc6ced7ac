"""How each chart draws its figures (from desktop.services.figures) onto a matplotlib Figure.

Each `draw_*` takes the figures, the filters and unit they are about (for the header), the
language and optionally the figure to draw into (a Qt canvas's own), and returns the figure. A
chart without data draws its title and the "no data" message instead of failing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from db.vocab import MODEL_STATUSES, MODEL_TYPES
from desktop.i18n import t
from desktop.services.charts.style import (
    BLUE,
    GREEN,
    GREY,
    HEADER_IN,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    bar_values,
    capitalised,
    empty,
    footer,
    header,
    new_figure,
    number,
    number_axis,
    subtitle,
    wrapped,
)
from desktop.services.figures import (
    Category,
    Filters,
    ModelFigures,
    PeriodSeries,
    SessionBreakdown,
    SourceFigures,
    UnitInfo,
    UnitRow,
    UnitsCompared,
    YearOnYear,
)
from desktop.services.stats import period_text

STATUS_COLOURS = {"active": GREEN, "suspended": ORANGE, "ended": GREY}


@dataclass(frozen=True)
class Frame:
    """What the header says: the chart's title, the unit and the period."""

    title: str
    filters: Filters
    unit: UnitInfo | None


def _start(figure: Figure | None, frame: Frame, lang: str, height: float | None = None,
           notes: Sequence[str] = (), title: str | None = None) -> Figure:
    figure = new_figure(figure, **({"height": height} if height else {}), footer=bool(notes))
    header(figure, title or frame.title, subtitle(frame.filters, frame.unit, lang))
    footer(figure, notes)
    return figure


def _hbars(axes: Axes, labels: Sequence[str], values: Sequence[float | None], colour: str, lang: str,
           title: str, decimals: int = 0, gaps: Sequence[int] = ()) -> None:
    """Horizontal bars, the first label on top, each with its value ('—' for None); `gaps` are
    positions left blank (a separator row). The values are written at the bars, so the value
    axis is left out: it said the same again and cost a third of the drawing."""
    positions = range(len(labels))
    bars = axes.barh(list(positions), [v or 0 for v in values], color=colour, height=0.66)
    for gap in gaps:
        bars.patches[gap].set_visible(False)
    if not axes.yaxis_inverted():  # once: panels may share the axis (and its ticks)
        axes.set_yticks(list(positions), labels)
        axes.invert_yaxis()
    axes.set_title(title, loc="left")
    axes.margins(x=0.2)
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    texts = bar_values(axes, bars, values, lang, decimals)
    for gap in gaps:
        texts[gap].set_visible(False)


# ---------------------------------------------------------------------------------------------


def draw_series(data: PeriodSeries, frame: Frame, lang: str, figure: Figure | None = None) -> Figure:
    """Two bar charts one above the other on the same time axis: sessions, then attendees (the
    title says by month, quarter or year)."""
    figure = _start(figure, frame, lang, title=t(f"chart_series_{data.granularity}", lang))
    if data.is_empty:
        empty(figure, t("chart_no_data", lang))
        return figure
    top, bottom = figure.subplots(2, 1, sharex=True)
    positions = list(range(len(data.buckets)))
    labels = [b.label(lang) for b in data.buckets]
    many = len(positions) > 16
    for axes, values, colour, name in (
        (top, [b.sessions for b in data.buckets], BLUE, "chart_sessions"),
        (bottom, [b.attendees for b in data.buckets], ORANGE, "chart_attendees"),
    ):
        bars = axes.bar(positions, values, color=colour, width=0.72)
        axes.set_ylabel(t(name, lang))
        axes.grid(axis="y")
        axes.margins(y=0.15)
        number_axis(axes.yaxis, lang)
        if not many:
            bar_values(axes, bars, values, lang, size=7.5)
    step = max(1, -(-len(positions) // 36))  # at most 36 labels on the axis
    bottom.set_xticks(positions[::step], labels[::step], rotation=45 if len(positions) > 12 else 0,
                      ha="right" if len(positions) > 12 else "center", rotation_mode="anchor")
    bottom.set_xlabel(t(f"chart_{data.granularity}", lang))
    figure.align_ylabels([top, bottom])
    return figure


def draw_categories(data: SessionBreakdown, categories: Sequence[Category], note: str | None, frame: Frame,
                    lang: str, figure: Figure | None = None) -> Figure:
    """Sessions and attendees side by side for each category, largest first."""
    figure = _start(figure, frame, lang, notes=[note] if note else ())
    if data.sessions == 0:
        empty(figure, t("chart_no_data", lang))
        return figure
    ordered = sorted(categories, key=lambda c: (-c.sessions, -c.attendees))
    labels = [wrapped(c.label(lang), 26) for c in ordered]
    left, right = figure.subplots(1, 2, sharey=True, width_ratios=(1, 1))
    _hbars(left, labels, [c.sessions for c in ordered], BLUE, lang, t("chart_sessions", lang))
    _hbars(right, labels, [c.attendees for c in ordered], ORANGE, lang, t("chart_attendees", lang))
    right.tick_params(axis="y", left=False)
    return figure


def draw_models(data: ModelFigures, frame: Frame, lang: str, figure: Figure | None = None) -> Figure:
    """A bar per model type split by status; the typical models of each status hatched."""
    figure = _start(figure, frame, lang, notes=[t("chart_note_models", lang)])
    if data.models == 0:
        empty(figure, t("chart_no_data", lang))
        return figure
    axes = figure.subplots()
    types = list(dict.fromkeys(c.type for c in data.cells))
    statuses = list(dict.fromkeys(c.status for c in data.cells))
    positions = list(range(len(types)))
    left = [0] * len(types)
    for status in statuses:
        colour = STATUS_COLOURS.get(status, PURPLE)
        cells = [next(c for c in data.cells if c.type == ty and c.status == status) for ty in types]
        typical = [c.typical for c in cells]
        plain = [c.models - c.typical for c in cells]
        axes.barh(positions, typical, left=left, color=colour, height=0.6, hatch="///", edgecolor="white",
                  linewidth=0)
        axes.barh(positions, plain, left=[a + b for a, b in zip(left, typical, strict=True)], color=colour,
                  height=0.6, edgecolor="white", linewidth=0.6)
        left = [a + c.models for a, c in zip(left, cells, strict=True)]
    for position, model_type in zip(positions, types, strict=True):
        total, typical = data.of_type(model_type)
        text = f"{number(total, lang)} ({t('chart_typical_count', lang, count=number(typical, lang))})"
        axes.text(left[position], position, "  " + text, va="center", fontsize=8.5, color="#333333")
    axes.set_yticks(positions, [wrapped(MODEL_TYPES.label(ty, lang), 24) for ty in types])
    axes.invert_yaxis()
    axes.grid(axis="x")
    axes.margins(x=0.25)
    axes.set_xlabel(t("chart_models", lang))
    number_axis(axes.xaxis, lang)
    handles = [Patch(color=STATUS_COLOURS.get(s, PURPLE), label=capitalised(MODEL_STATUSES.label(s, lang)))
               for s in statuses]
    handles.append(Patch(facecolor=GREY, hatch="///", edgecolor="white", label=t("chart_typical", lang)))
    axes.legend(handles=handles, loc="lower right", ncols=len(handles), bbox_to_anchor=(1, 1.0),
                borderaxespad=0.3)
    return figure



def draw_sources(data: SourceFigures, frame: Frame, lang: str, figure: Figure | None = None) -> Figure:
    """Totals as a funnel (sources → cases → individuals) and the same three by organisation."""
    figure = _start(figure, frame, lang, notes=[t("chart_note_sources", lang)])
    if data.sources == 0 and data.cases == 0:
        empty(figure, t("chart_no_data", lang))
        return figure
    totals, by = figure.subplots(1, 2, width_ratios=(1, 2.3))
    measures = (("chart_sources", BLUE), ("chart_cases", VERMILLION), ("chart_individuals", PURPLE))
    _hbars(totals, [t(m, lang) for m, _ in measures], [data.sources, data.cases, data.individuals], BLUE, lang,
           t("chart_total", lang))
    for bar, (_, colour) in zip(totals.patches, measures, strict=True):
        bar.set_color(colour)
    rows = data.by_organisation
    height = 0.26
    for i, (name, colour) in enumerate(measures):
        values = [(r.sources, r.cases, r.individuals)[i] for r in rows]
        bars = by.barh([p + (i - 1) * height for p in range(len(rows))], values, height=height, color=colour,
                       label=t(name, lang))
        bar_values(by, bars, values, lang, size=7)
    by.set_yticks(list(range(len(rows))), [wrapped(r.label(lang), 26) for r in rows])
    by.invert_yaxis()
    by.margins(x=0.12)
    by.xaxis.set_visible(False)  # each bar says its value
    by.spines["bottom"].set_visible(False)
    # Above the bars, where the panel's title would be (the chart's title says "by organisation").
    by.legend(loc="lower left", ncols=3, bbox_to_anchor=(0, 1.0), borderaxespad=0.3, handlelength=1.2,
              columnspacing=1.2)
    return figure


# ---------------------------------------------------------------------------------------------

UNITS_SHOWN = 10  # a unit with more than 2 × 10 units under it shows its top and bottom 10


def _unit_measure(row: UnitRow, measure: str, per_1000: bool) -> float | None:
    return row.per_1000(measure) if per_1000 else getattr(row, measure)


def draw_units(data: UnitsCompared, frame: Frame, lang: str, figure: Figure | None = None) -> Figure:
    """The units under the chosen one ranked by attendees (per 1,000 inhabitants when at least
    half of them have a population), with their sessions and sources beside; beyond 20 units,
    the 10 highest and the 10 lowest."""
    # Per 1,000 inhabitants when at least half the units have a population, else plain counts.
    per_1000 = 2 * sum(1 for r in data.units if r.population) >= len(data.units) > 0
    measure_name = t("chart_per_1000", lang, measure=t("chart_attendees", lang)) if per_1000 else t(
        "chart_attendees", lang)
    # Ranked by the measure; units without it (no population) are not ranked, and are shown
    # after the others only when every unit fits.
    ranked = sorted((r for r in data.units if _unit_measure(r, "attendees", per_1000) is not None),
                    key=lambda r: (-(_unit_measure(r, "attendees", per_1000) or 0), r.code))
    unranked = [r for r in data.units if _unit_measure(r, "attendees", per_1000) is None]
    rows: list[UnitRow | None] = list(ranked)
    notes = []
    if len(ranked) > 2 * UNITS_SHOWN:
        notes.append(t("chart_note_units_top", lang, shown=UNITS_SHOWN, total=len(ranked),
                       measure=measure_name.lower()))
        rows = [*ranked[:UNITS_SHOWN], None, *ranked[-UNITS_SHOWN:]]
    else:
        if ranked:
            notes.append(t("chart_note_units_order", lang, measure=measure_name.lower()))
        if len(data.units) <= 2 * UNITS_SHOWN:
            rows += unranked
    if per_1000 and not all(r.population for r in data.units):
        notes.append(t("chart_note_population", lang))
    if frame.unit is None:  # the whole database: the units under this installation's own unit
        frame = replace(frame, unit=data.parent)
    height = max(4.2, 1.5 + HEADER_IN + 0.24 * len(rows))
    figure = _start(figure, frame, lang, height=height, notes=notes)
    if not data.units:
        empty(figure, t("chart_no_units", lang))
        return figure
    if data.is_empty:
        empty(figure, t("chart_no_data", lang))
        return figure
    labels = ["⋯" if r is None else r.name for r in rows]
    panels = figure.subplots(1, 3, sharey=True)
    columns = (
        ("sessions", False, BLUE, t("chart_sessions", lang)),
        ("attendees", per_1000, ORANGE, measure_name),
        ("sources", per_1000, GREEN, t("chart_per_1000", lang, measure=t("chart_sources", lang))
         if per_1000 else t("chart_sources", lang)),
    )
    for axes, (measure, scaled, colour, name) in zip(panels, columns, strict=True):
        values = [None if r is None else _unit_measure(r, measure, scaled) for r in rows]
        _hbars(axes, labels, values, colour, lang, name, decimals=1 if scaled else 0,
               gaps=[i for i, r in enumerate(rows) if r is None])
    for axes in panels[1:]:
        axes.tick_params(axis="y", left=False)
    return figure


def draw_year_on_year(data: YearOnYear, frame: Frame, lang: str, figure: Figure | None = None) -> Figure:
    """Six small charts (sessions, attendees, sources, cases, individuals, models), each with a
    bar for the same period a year earlier and one for this period, and the change in per cent."""
    current, previous = data.current, data.previous
    notes = [t("chart_periods", lang, current=period_text(current.date_from, current.date_to, lang),
               previous=period_text(previous.date_from, previous.date_to, lang))]
    if not previous.has_data:
        notes.append(t("chart_no_previous", lang))
    figure = _start(figure, frame, lang, notes=notes)
    if not current.has_data and not previous.has_data:
        empty(figure, t("chart_no_data", lang))
        return figure
    panels = figure.subplots(2, 3)
    names = (t("chart_previous", lang), t("chart_current", lang))
    for axes, measure, colour in zip(panels.flat, ("sessions", "attendees", "sources", "cases", "individuals",
                                                   "models"), (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE),
                                     strict=True):
        before, now = getattr(previous, measure), getattr(current, measure)
        bars = axes.bar([0, 1], [before, now], color=["#c9c9c9", colour], width=0.6)
        bar_values(axes, bars, [before, now], lang)
        change = f" ({'+' if now >= before else '−'}{number(abs(now - before) * 100 / before, lang, 1)}%)" \
            if before else ""
        axes.set_title(t(f"chart_{measure}", lang) + change, loc="left")
        axes.set_xticks([0, 1], names)
        axes.margins(y=0.18)
        axes.yaxis.set_visible(False)  # each bar says its value
        axes.spines["left"].set_visible(False)
    return figure


def is_empty(data: Any) -> bool:
    """Whether a chart's figures have nothing to show (the chart then says so)."""
    if isinstance(data, PeriodSeries):
        return data.is_empty
    if isinstance(data, SessionBreakdown):
        return data.sessions == 0
    if isinstance(data, ModelFigures):
        return data.models == 0
    if isinstance(data, SourceFigures):
        return data.sources == 0 and data.cases == 0
    if isinstance(data, UnitsCompared):
        return data.is_empty
    if isinstance(data, YearOnYear):
        return not data.current.has_data and not data.previous.has_data
    raise TypeError(type(data).__name__)
