"""The report's tables as plain rows (header first), shared by the PDF and the workbook: by
organisation, by topic, by unit, security models by type, and the commendation decisions."""
from __future__ import annotations

from dataclasses import dataclass

from db.vocab import MODEL_TYPES
from desktop.services.report.content import ReportContent, form_label


@dataclass(frozen=True)
class Table:
    key: str  # the workbook's sheet name
    title: str
    rows: list[list[object]]  # header first; numbers stay numbers (the PDF formats them)


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
    en = _en(content)
    rows: list[list[object]] = [
        ["Unit", "Population", "Sessions", "Attendees", "Attendees per 1,000", "Sources", "Cases"] if en else
        ["Đơn vị", "Dân số", "Buổi tuyên truyền", "Lượt người", "Lượt người / 1.000 dân", "Nguồn tin", "Vụ việc"]]
    for unit in content.overview.units.units:
        per_1000 = round(unit.attendees * 1000 / unit.population, 1) if unit.population else None
        rows.append([unit.name, unit.population, unit.sessions, unit.attendees, per_1000, unit.sources, unit.cases])
    return Table("units", "By unit" if en else "Theo đơn vị", rows)


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
    return Table("commendations", "Commendations" if en else "Khen thưởng", rows)


def all_tables(content: ReportContent) -> list[Table]:
    return [by_organisation(content), by_topic(content), by_model_type(content), by_unit(content),
            decisions(content)]
