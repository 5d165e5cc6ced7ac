"""The review report of issue 7 (no Qt): `make_report(database, filters, out, lang)` writes a PDF
(title page, headline sentences, tables, vector charts, commendations) or the same tables as an
`.xlsx` workbook, chosen by the suffix of `out`, atomically (a temporary file beside it, flushed,
then renamed). Figures come from `desktop.services.figures`, aggregated in SQL."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

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
    with database.sessions() as session:
        content = gather(session, filters, lang, today)
    with atomic_write(out) as handle:
        if out.suffix.lower() == ".pdf":
            from desktop.services.report.pdf import write_pdf

            write_pdf(content, handle, on_step)
        else:
            from desktop.services.report.workbook import write_workbook

            write_workbook(content, handle)
    return content


__all__ = ["ReportError", "make_report"]
