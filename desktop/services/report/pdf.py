"""The review report as a PDF (reportlab platypus): a title page (unit, period, date made), the
headline figures as sentences, the tables, the charts as vector drawings (matplotlib's SVG read
by svglib, its text kept as text in the bundled DejaVu Sans) and the list of commendations. Only
bundled DejaVu faces are used, embedded as subsets: no unembedded font anywhere in the file."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from desktop.services.certificates.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desktop.services.report.chart_drawings import chart_drawing, register_chart_fonts
from desktop.services.report.content import (
    ReportContent,
    headline,
    long_date,
    number,
    period_phrase,
    unit_name,
    units_phrase,
)
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


GRID_COLOUR = colors.HexColor("#888888")
HEADER_SHADE = colors.HexColor("#E8EEF4")
PADDING = 6  # reportlab's default cell padding, left and right (or top and bottom) together
LEADING = 11  # of the 9-point text in table cells
MARGIN = 18 * mm  # top and bottom
PAGE_HEIGHT = A4[1] - 2 * MARGIN - 12  # the frame's height inside its 6-point padding


def _cell(value: object, lang: str, style: ParagraphStyle, width: float) -> str:
    """The cell's text, wrapped to its column here: plain strings are laid out many times faster
    than Paragraphs, which matters for a list of thousands of commendation decisions."""
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return number(value, lang)
    return "\n".join(simpleSplit(str(value), REGULAR, style.fontSize, width - PADDING))


def _table(table: Table, lang: str, styles: dict[str, ParagraphStyle], first_page: float | None = None) -> list[Any]:
    """The table's heading and the table. With `first_page` (the height left on the page it starts
    on), the rows are cut into pages here, each drawn with the header as a `RowsPage`: reportlab
    would otherwise measure the rest of a long table again at every page break, which for
    thousands of commendation decisions costs seconds."""
    if len(table.rows) <= 1:
        return []
    columns = len(table.rows[0])
    first = 34 if columns > 3 else 50
    weights = table.weights or (first, *[(100 - first) / (columns - 1)] * (columns - 1))
    widths = [WIDTH * w / sum(weights) for w in weights]
    header = [Paragraph(f"<b>{_escape(str(h))}</b>", styles["cell"]) for h in table.rows[0]]
    body = [[_cell(v, lang, styles["cell"], w) for v, w in zip(row, widths, strict=True)] for row in table.rows[1:]]
    heights = [max(text.count("\n") for text in row) * LEADING + LEADING + PADDING for row in body]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in table.rows[1:])
               for i in range(columns)]
    header_height = max(cell.wrap(w - PADDING, PAGE_HEIGHT)[1] for cell, w in zip(header, widths, strict=True))
    header_height += PADDING
    heading = Paragraph(_escape(table.heading), styles["heading"])
    if first_page is not None:
        pages, start, room = [], 0, first_page - header_height
        for end, height in enumerate(heights):
            if height > room and end > start:
                pages.append((start, end))
                start, room = end, PAGE_HEIGHT - header_height
            room -= height
        pages.append((start, len(body)))
        titles = [simpleSplit(str(h), BOLD, 9, w - PADDING) for h, w in zip(table.rows[0], widths, strict=True)]
        return [heading, *(RowsPage(titles, body[start:end], widths, header_height, heights[start:end], numeric)
                           for start, end in pages)]
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *[("ALIGN", (i, 1), (i, -1), "RIGHT") for i in range(columns) if numeric[i]],
    ])
    part = LongTable([header, *body], colWidths=widths, repeatRows=1, rowHeights=[header_height, *heights])
    part.setStyle(style)
    return [heading, part]


class RowsPage(Flowable):
    """One page of a long table, already cut to the page, drawn straight onto the canvas: the
    header shaded, the cells' pre-wrapped lines in one text object, the grid in one path. It
    looks like the `LongTable` of the short tables and is four times faster to draw than one,
    which matters for a list of thousands of commendation decisions."""

    def __init__(self, titles: list[list[str]], rows: list[list[str]], widths: list[float], header_height: float,
                 heights: list[float], numeric: list[bool]) -> None:
        super().__init__()
        self.titles, self.rows, self.widths, self.numeric = titles, rows, widths, numeric
        self.heights = [header_height, *heights]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return sum(self.widths), sum(self.heights)

    def draw(self) -> None:
        canvas = self.canv
        width, height = sum(self.widths), sum(self.heights)
        lefts = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        tops = [height - sum(self.heights[:i]) for i in range(len(self.heights) + 1)]
        canvas.saveState()
        canvas.setFillColor(HEADER_SHADE)
        canvas.rect(0, tops[1], width, self.heights[0], stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        text = canvas.beginText()
        rows = [(self.titles, BOLD), *(([cell.split("\n") for cell in cells], REGULAR) for cells in self.rows)]
        for row, (cells, font) in enumerate(rows):
            text.setFont(font, 9, LEADING)
            for column, lines in enumerate(cells):
                # vertically centred, as VALIGN MIDDLE places them in a reportlab table
                baseline = tops[row] - (self.heights[row] - len(lines) * LEADING) / 2 - 9 * 0.8
                right = row > 0 and self.numeric[column]
                for line in lines:
                    x = lefts[column + 1] - PADDING / 2 - stringWidth(line, font, 9) if right else \
                        lefts[column] + PADDING / 2
                    text.setTextOrigin(x, baseline)
                    text.textOut(line)
                    baseline -= LEADING
        canvas.drawText(text)
        canvas.setStrokeColor(GRID_COLOUR)
        canvas.setLineWidth(0.4)
        canvas.lines([(0, y, width, y) for y in tops] + [(x, 0, x, height) for x in lefts])
        canvas.restoreState()


def _height(paragraph: Paragraph) -> float:
    """The height a paragraph takes at the top of a page (its space before is dropped there)."""
    return paragraph.wrap(WIDTH, PAGE_HEIGHT)[1] + paragraph.style.spaceAfter


def write_pdf(content: ReportContent, target: Any, on_step: Callable[[int, int], None] | None = None,
              drawings: dict[str, Drawing] | None = None) -> None:
    """Writes the report to `target` (a path or a binary file). `drawings` are the charts already
    drawn (`ChartsAsReady`); the others are drawn here."""
    register_fonts()
    register_chart_fonts()
    drawings = dict(drawings or {})
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
                        Paragraph(_escape(period[:1].upper() + period[1:]), styles["subtitle"]),
                        *[Paragraph(_escape(f"({phrase})"), styles["subtitle"])
                          for phrase in [units_phrase(o.filters, lang)] if phrase],
                        Spacer(1, 30 * mm),
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
        for name in REPORT_CHARTS:
            drawing = drawings.get(name) or chart_drawing(name, o, lang, WIDTH)
            story.append(KeepTogether([drawing, Spacer(1, 6 * mm)]))
        commendations = all_tables(content)[-1]
        story += [PageBreak(), Paragraph("IV. Commendations" if en else "IV. Khen thưởng", styles["heading"])]
        room = PAGE_HEIGHT - _height(story[-1])
        story += _table(commendations, lang, styles, room)[1:] or [Paragraph(
            "No commendation decision in the period." if en else "Không có quyết định khen thưởng trong kỳ.",
            styles["note"])]
    footer = f"{unit_name(content)} — {period}"

    def page_footer(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawString(20 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, ("Page " if en else "Trang ") + str(document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(target, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=MARGIN,
                                 bottomMargin=MARGIN, title=f"{title} — {unit_name(content)}", author="ANTQ Ledger",
                                 creator="ANTQ Ledger",
                                 initialFontName=REGULAR)  # else reportlab names Helvetica on every page
    document.build(story, onFirstPage=lambda c, d: None, onLaterPages=page_footer)
    if on_step is not None:
        on_step(steps, steps)
