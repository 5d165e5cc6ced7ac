"""The review report of issue 7 (no Qt): `make_report(database, filters, out, lang)` writes a PDF
(title page, headline sentences, tables, vector charts, commendations) or the same tables as an
`.xlsx` workbook, chosen by the suffix of `out`, atomically (a temporary file beside it, flushed,
then renamed). Figures come from `desktop.services.figures`, aggregated in SQL."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.i18n import t
from desktop.services.atomic import atomic_write
from desktop.services.field_error import FieldError
from desktop.services.figures import Filters
from desktop.services.installation import Database
from desktop.services.permissions import OWNER, Actor, Permission, check, requires
from desktop.services.report.content import ReportContent, gather

SUFFIXES = (".pdf", ".xlsx")


class ReportError(FieldError):
    """A report that cannot be made: `field` names the option at fault."""


@requires(Permission.VIEW)
def make_report(database: Database, filters: Filters, out: Path, lang: str = "vi", *, actor: Actor = OWNER,
                today: dt.date | None = None, on_step: Callable[[int, int], None] | None = None) -> ReportContent:
    """Writes the report to `out` (.pdf or .xlsx) and returns what it says. ReportError for a bad
    target; `stats.StatsError` for an unknown unit or a reversed period (nothing written)."""
    check(actor, Permission.VIEW)
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise ReportError("out", t("report_bad_suffix", path=str(out)))
    if not out.parent.is_dir():
        raise ReportError("out", t("report_no_folder", path=str(out.parent)))
    if out.suffix.lower() == ".xlsx":
        from desktop.services.report.workbook import write_workbook

        content = gather(database.sessions, filters, lang, today)
        with atomic_write(out) as handle:
            write_workbook(content, handle)
        return content
    unit: list[Any] = []  # handed over first (a bad unit or period raises before any query)
    charts: list[Any] = []

    def draw_as_ready(field: str, figures: Any) -> None:
        if field == "unit":
            unit.append(figures)
            return
        if not charts:
            # imported here, once the queries run: matplotlib, reportlab and svglib load (half a
            # second) while the database works on the other connections
            from desktop.services.report.chart_drawings import ChartsAsReady
            from desktop.services.report.pdf import REPORT_CHARTS, WIDTH

            steps = len(REPORT_CHARTS) + 1
            charts.append(ChartsAsReady(REPORT_CHARTS, lang, WIDTH, filters, unit[0],
                                        on_drawn=(lambda done: on_step(done, steps)) if on_step else None))
        charts[0](field, figures)

    content = gather(database.sessions, filters, lang, today, on_part=draw_as_ready)
    from desktop.services.report.pdf import write_pdf

    with atomic_write(out) as handle:
        write_pdf(content, handle, on_step, charts[0].drawings if charts else None)
    return content


__all__ = ["ReportError", "make_report"]
