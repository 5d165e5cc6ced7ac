"""The review report as a PDF (reportlab platypus): a title page (unit, period, date made), the
headline figures as sentences, the tables, the charts as vector drawings (matplotlib's SVG,
text as outlines, read by svglib) and the list of commendations. Only the bundled DejaVu Serif
faces are used, embedded as subsets: no unembedded font anywhere in the file."""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable
from svglib.svglib import svg2rlg

from desktop.services.certificates.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desktop.services.charts import draw_chart
from desktop.services.report.content import ReportContent, headline, long_date, number, period_phrase, unit_name
from desktop.services.report.tables import Table, all_tables

# The charts of the report, in reading order.
REPORT_CHARTS = ("sessions-by-month", "sessions-by-topic", "sessions-by-organisation", "models-by-type",
                 "sources-cases", "units-compared", "year-on-year")
WIDTH = A4[0] - 40 * mm


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15, spaceAfter=6)
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=20, leading=26, alignment=TA_CENTER,
                                spaceAfter=14),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=13, leading=18, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", body, fontName=BOLD, fontSize=13, leading=17, spaceBefore=10,
                                  spaceAfter=6),
        "cell": ParagraphStyle("cell", body, fontSize=9, leading=11, spaceAfter=0),
        "note": ParagraphStyle("note", body, fontName=ITALIC, fontSize=10),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(value: object, lang: str, style: ParagraphStyle) -> object:
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return number(value, lang)
    return Paragraph(_escape(str(value)), style)


def _table(table: Table, lang: str, styles: dict[str, ParagraphStyle]) -> list[Any]:
    if len(table.rows) <= 1:
        return []
    header = [Paragraph(f"<b>{_escape(str(h))}</b>", styles["cell"]) for h in table.rows[0]]
    body = [[_cell(v, lang, styles["cell"]) for v in row] for row in table.rows[1:]]
    columns = len(header)
    first = WIDTH * (0.34 if columns > 3 else 0.5)
    widths = [first] + [(WIDTH - first) / (columns - 1)] * (columns - 1)
    pdf_table = PdfTable([header, *body], colWidths=widths, repeatRows=1)
    pdf_table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return [Paragraph(_escape(table.title), styles["heading"]), pdf_table]


def _chart(name: str, content: ReportContent) -> Any:
    """One chart as a reportlab drawing: vector, its text as outlines (no font to embed)."""
    figure = draw_chart(name, content.overview, content.lang)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg")
    buffer.seek(0)
    drawing = svg2rlg(buffer)
    scale = min(1.0, WIDTH / drawing.width)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.scale(scale, scale)
    drawing.initialFontName = REGULAR  # its text is outlines, but the renderer would name Helvetica
    return drawing


def write_pdf(content: ReportContent, target: Any, on_step: Callable[[int, int], None] | None = None) -> None:
    """Writes the report to `target` (a path or a binary file)."""
    register_fonts()
    styles = _styles()
    lang, en = content.lang, content.lang == "en"
    o = content.overview
    period = period_phrase(o.filters.date_from, o.filters.date_to, lang)
    title = "REVIEW REPORT" if en else "BÁO CÁO SƠ KẾT"
    movement = ("The movement “All people protect national security”" if en else
                "Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”")
    story: list[Any] = [Spacer(1, 60 * mm), Paragraph(title, styles["title"]),
                        Paragraph(_escape(movement), styles["subtitle"]), Spacer(1, 10 * mm),
                        Paragraph(_escape(unit_name(content)), styles["subtitle"]),
                        Paragraph(_escape(period[:1].upper() + period[1:]), styles["subtitle"]), Spacer(1, 30 * mm),
                        Paragraph(_escape(("Made on " if en else "Lập ") + long_date(content.made_on, lang)),
                                  styles["subtitle"]), PageBreak()]
    story.append(Paragraph("I. Main results" if en else "I. Kết quả chủ yếu", styles["heading"]))
    story += [Paragraph(_escape(line), styles["body"]) for line in headline(content)]
    steps = len(REPORT_CHARTS) + 1
    if not content.empty:
        story.append(Paragraph("II. Figures" if en else "II. Số liệu", styles["heading"]))
        for table in all_tables(content)[:-1]:
            story += _table(table, lang, styles)
        story.append(PageBreak())
        story.append(Paragraph("III. Charts" if en else "III. Biểu đồ", styles["heading"]))
        for done, name in enumerate(REPORT_CHARTS, start=1):
            story.append(KeepTogether([_chart(name, content), Spacer(1, 6 * mm)]))
            if on_step is not None:
                on_step(done, steps)
        commendations = all_tables(content)[-1]
        story.append(Paragraph("IV. Commendations" if en else "IV. Khen thưởng", styles["heading"]))
        story += _table(commendations, lang, styles)[1:] or [Paragraph(
            "No commendation decision in the period." if en else "Không có quyết định khen thưởng trong kỳ.",
            styles["note"])]
    footer = f"{unit_name(content)} — {period}"

    def page_footer(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawString(20 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, ("Page " if en else "Trang ") + str(document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(target, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                 bottomMargin=18 * mm, title=f"{title} — {unit_name(content)}", author="ANTQ Ledger",
                                 creator="ANTQ Ledger",
                                 initialFontName=REGULAR)  # else reportlab names Helvetica on every page
    document.build(story, onFirstPage=lambda c, d: None, onLaterPages=page_footer)
    if on_step is not None:
        on_step(steps, steps)
