"""The report's tables as plain rows (header first), shared by the PDF and the workbook: by
organisation, by topic, by unit, security models by type, and the commendation decisions."""
from __future__ import annotations

from dataclasses import dataclass

from db.vocab import MODEL_TYPES
from desktop.services.report.content import ReportContent, form_label, units_phrase


@dataclass(frozen=True)
class Table:
    key: str  # the workbook's sheet name
    title: str
    rows: list[list[object]]  # header first; numbers stay numbers (the PDF formats them)
    weights: tuple[float, ...] = ()  # relative column widths in the PDF; none: a wide first column
    note: str | None = None  # said after the title in the PDF (not in the sheet's name)

    @property
    def heading(self) -> str:
        return f"{self.title} ({self.note})" if self.note else self.title


def _en(content: ReportContent) -> bool:
    return content.lang == "en"


def _label(item: object, lang: str) -> str:
    return str(getattr(item, "label_en" if lang == "en" else "label_vi"))


def by_organisation(content: ReportContent) -> Table:
    en, lang = _en(content), content.lang
    sources = {row.code: row for row in content.overview.sources.by_organisation}
    rows: list[list[object]] = [["Organisation", "Sessions", "Attendees", "Sources", "Cases", "Individuals"] if en else
                                ["Tổ chức", "Buổi tuyên truyền", "Lượt người", "Nguồn tin", "Vụ việc", "Đối tượng"]]
    for category in content.overview.sessions.by_organisation:
        source = sources.get(category.code)
        rows.append([_label(category, lang), category.sessions, category.attendees,
                     source.sources if source else 0, source.cases if source else 0,
                     source.individuals if source else 0])
    return Table("organisations", "By organisation" if en else "Theo tổ chức", rows)


def by_topic(content: ReportContent) -> Table:
    en, lang = _en(content), content.lang
    rows: list[list[object]] = [["Topic", "Sessions", "Attendees"] if en else ["Nội dung", "Buổi tuyên truyền",
                                                                               "Lượt người"]]
    rows += [[_label(c, lang), c.sessions, c.attendees] for c in content.overview.sessions.by_topic
             if c.sessions or c.attendees]
    return Table("topics", "By topic" if en else "Theo nội dung tuyên truyền", rows)


def by_unit(content: ReportContent) -> Table:
    """The units compared; the population and per-1,000 columns only when some population is known."""
    en, compared = _en(content), content.overview.units
    header = ["Unit", "Sessions", "Attendees", "Sources", "Cases"] if en else [
        "Đơn vị", "Buổi tuyên truyền", "Lượt người", "Nguồn tin", "Vụ việc"]
    if compared.has_population:
        header[1:1] = ["Population"] if en else ["Dân số"]
        header[4:4] = ["Attendees per 1,000"] if en else ["Lượt người / 1.000 dân"]
    rows: list[list[object]] = [header]
    for unit in compared.units:
        row: list[object] = [unit.name, unit.sessions, unit.attendees, unit.sources, unit.cases]
        if compared.has_population:
            per_1000 = round(unit.attendees * 1000 / unit.population, 1) if unit.population else None
            row[1:1] = [unit.population]
            row[4:4] = [per_1000]
        rows.append(row)
    return Table("units", "By unit" if en else "Theo đơn vị", rows,
                 note=units_phrase(content.overview.filters, content.lang))


def by_model_type(content: ReportContent) -> Table:
    en, lang = _en(content), content.lang
    totals: dict[str, list[int]] = {}
    for cell in content.overview.models.cells:
        found = totals.setdefault(cell.type, [0, 0])
        found[0] += cell.models
        found[1] += cell.typical
    rows: list[list[object]] = [["Model type", "Models", "Typical"] if en else ["Loại mô hình", "Số mô hình",
                                                                              "Điển hình"]]
    rows += [[MODEL_TYPES.label(code, lang), models, typical] for code, (models, typical) in totals.items()
             if models]
    return Table("models", "Security models" if en else "Mô hình", rows)


def decisions(content: ReportContent) -> Table:
    en, lang = _en(content), content.lang
    rows: list[list[object]] = [
        ["Decision", "Date", "Authority", "Form", "Collectives", "Individuals"] if en else
        ["Quyết định số", "Ngày", "Cấp khen thưởng", "Hình thức", "Tập thể", "Cá nhân"]]
    rows += [[d.number, d.decided_on, d.authority, form_label(d.form, lang), d.collectives, d.individuals]
             for d in content.decisions]
    return Table("commendations", "Commendations" if en else "Khen thưởng", rows, (16, 12, 42, 14, 8, 8))


def all_tables(content: ReportContent) -> list[Table]:
    return [by_organisation(content), by_topic(content), by_model_type(content), by_unit(content),
            decisions(content)]
