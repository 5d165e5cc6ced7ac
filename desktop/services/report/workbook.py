"""The report's tables as an `.xlsx` workbook for the province office (openpyxl): a summary
sheet with the headline sentences, then one sheet per table, numbers kept as numbers."""
from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.services.report.content import ReportContent, headline, long_date, period_phrase, unit_name, units_phrase
from desktop.services.report.tables import all_tables


def write_workbook(content: ReportContent, target: Any) -> None:
    lang, en = content.lang, content.lang == "en"
    book = Workbook()
    summary = book.active
    summary.title = "Summary" if en else "Tổng hợp"
    period = period_phrase(content.overview.filters.date_from, content.overview.filters.date_to, lang)
    summary.append([("Review report — " if en else "Báo cáo sơ kết — ") + unit_name(content)])
    phrase = units_phrase(content.overview.filters, lang)
    summary.append([period[:1].upper() + period[1:] + (f" ({phrase})" if phrase else "")])
    summary.append([("Made on " if en else "Lập ") + long_date(content.made_on, lang)])
    summary.append([])
    for line in headline(content):
        summary.append([line])
    summary["A1"].font = Font(bold=True, size=14)
    summary.column_dimensions["A"].width = 120
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF4")
    for table in all_tables(content):
        sheet = book.create_sheet(table.title[:31])
        for row in table.rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for index, column in enumerate(zip(*table.rows), start=1):
            width = max(len(value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value))
                        for value in column if value is not None)
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
            for cell in sheet[get_column_letter(index)][1:]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                elif isinstance(cell.value, float):
                    cell.number_format = "#,##0.0"
                elif isinstance(cell.value, int):
                    cell.number_format = "#,##0"
        sheet.freeze_panes = "A2"
    book.save(target)
