"""What a review report says (no Qt, no reportlab): the figures of `desktop.services.figures` for
a unit and period, the commendation decisions taken in it, and the headline sentences written
in the style of review conferences ("Trong giai đoạn 2019–2024, … đã tổ chức 331 lớp tập huấn,
tuyên truyền cho hơn 42.600 lượt người …"), in Vietnamese or English, numbers and dates in each
language's format."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import CommendationDecision, CommendationRecipient
from db.vocab import COMMENDATION_FORMS
from desktop.services import figures as F
from desktop.services.stats import format_number

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


@dataclass(frozen=True)
class DecisionLine:
    number: str
    decided_on: dt.date
    authority: str
    form: str
    collectives: int
    individuals: int


@dataclass(frozen=True)
class ReportContent:
    overview: F.Overview
    decisions: tuple[DecisionLine, ...]
    made_on: dt.date
    lang: str

    @property
    def collectives(self) -> int:
        return sum(d.collectives for d in self.decisions)

    @property
    def individuals(self) -> int:
        return sum(d.individuals for d in self.decisions)

    @property
    def empty(self) -> bool:
        o = self.overview
        return not (o.sessions.sessions or o.models.models or o.sources.sources or o.sources.cases or self.decisions)


def gather(sessions: sessionmaker[Session], filters: F.Filters, lang: str, today: dt.date | None = None,
           on_part: Callable[[str, Any], None] | None = None) -> ReportContent:
    """Every figure the report prints, aggregated in SQL: the figures on two connections at once
    (each part handed to `on_part` as it is ready), then the commendation decisions."""
    overview = F.overview(sessions, filters, lang, today=today, on_part=on_part)
    with sessions() as session:
        return ReportContent(overview, _decisions(session, F.resolve(session, filters, lang)), today or dt.date.today(),
                             lang)


def _decisions(session: Session, scope: F.Scope) -> tuple[DecisionLine, ...]:
    D, R = CommendationDecision, CommendationRecipient
    counts = (select(R.decision_id, func.count().filter(R.kind == "collective").label("collectives"),
                     func.count().filter(R.kind == "individual").label("individuals"))
              .where(R.deleted.is_(False)).group_by(R.decision_id).subquery())
    rows = session.execute(
        select(D.number, D.decided_on, D.authority, D.form, func.coalesce(counts.c.collectives, 0),
               func.coalesce(counts.c.individuals, 0))
        .outerjoin(counts, counts.c.decision_id == D.id)
        .where(*scope.conditions(D, D.decided_on)).order_by(D.decided_on, D.number))
    return tuple(DecisionLine(*row) for row in rows)


# -- words -----------------------------------------------------------------------------------------

def number(value: float, lang: str) -> str:
    return format_number(value, lang)


def long_date(day: dt.date, lang: str) -> str:
    """"ngày 18 tháng 7 năm 2024" / "18 July 2024"."""
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def period_phrase(date_from: dt.date | None, date_to: dt.date | None, lang: str) -> str:
    """"giai đoạn 2019–2024" for whole years, "năm 2024" for one, else "từ ngày … đến ngày …"."""
    en = lang == "en"
    if date_from is None and date_to is None:
        return "the whole period on record" if en else "toàn bộ thời gian có số liệu"
    if date_from is not None and date_to is not None and (date_from.month, date_from.day) == (1, 1) \
            and (date_to.month, date_to.day) == (12, 31):
        if date_from.year == date_to.year:
            return f"{date_from.year}" if en else f"năm {date_from.year}"
        return f"{date_from.year}–{date_to.year}" if en else f"giai đoạn {date_from.year}–{date_to.year}"
    if date_from is None:
        return f"up to {long_date(date_to, lang)}" if en else f"đến {long_date(date_to, lang)}"  # type: ignore[arg-type]
    if date_to is None:
        return f"since {long_date(date_from, lang)}" if en else f"từ {long_date(date_from, lang)}"
    if en:
        return f"from {long_date(date_from, lang)} to {long_date(date_to, lang)}"
    return f"từ {long_date(date_from, lang)} đến {long_date(date_to, lang)}"


def units_phrase(filters: F.Filters, lang: str) -> str | None:
    """Which units a period before the reform of 1 July 2025 is told by; None after it."""
    if not filters.before_reform:
        return None
    if filters.units == "now":
        return "rolled up into today's administrative units" if lang == "en" else \
            "quy về đơn vị hành chính hiện nay"
    return "by the administrative units of the time" if lang == "en" else "theo đơn vị hành chính thời điểm đó"


def unit_name(content: ReportContent) -> str:
    unit = content.overview.unit
    if unit is None:
        return "all units on record" if content.lang == "en" else "toàn bộ các đơn vị có số liệu"
    return unit.name


def _more_than(value: int, lang: str) -> str:
    """"hơn 42.600" for a large figure rounded down to a round hundred, the exact figure otherwise."""
    if value < 1000 or value % 100 == 0:
        return number(value, lang)
    return ("more than " if lang == "en" else "hơn ") + number(value // 100 * 100, lang)


def headline(content: ReportContent) -> list[str]:
    """The figures as sentences; a period without data says so."""
    o, lang = content.overview, content.lang
    period = period_phrase(o.filters.date_from, o.filters.date_to, lang)
    who = unit_name(content)
    en = lang == "en"
    if content.empty:
        return [f"No records for {who} in {period}." if en else
                f"Không có số liệu nào của {who} trong {period}."]
    lines = []
    s = o.sessions
    if en:
        text = (f"In {period}, {who} held {number(s.sessions, lang)} training and dissemination sessions for "
                f"{_more_than(s.attendees, lang)} attendances")
        text += (f", of which {number(s.member_attendees, lang)} by members of mass organisations."
                 if s.member_attendees else ".")
    else:
        text = (f"Trong {period}, {who} đã tổ chức {number(s.sessions, lang)} lớp tập huấn, tuyên truyền cho "
                f"{_more_than(s.attendees, lang)} lượt người")
        text += (f", trong đó có {number(s.member_attendees, lang)} lượt hội viên, đoàn viên."
                 if s.member_attendees else ".")
    lines.append(text)
    m = o.models
    lines.append(f"There are {number(m.models, lang)} models of the movement, {number(m.typical, lang)} of them "
                 f"recognised as typical." if en else
                 f"Toàn đơn vị có {number(m.models, lang)} mô hình phong trào Toàn dân bảo vệ an ninh Tổ quốc, "
                 f"trong đó {number(m.typical, lang)} mô hình được công nhận điển hình.")
    src = o.sources
    lines.append(f"The people provided {number(src.sources, lang)} pieces of information, which helped uncover "
                 f"{number(src.cases, lang)} cases involving {number(src.individuals, lang)} individuals." if en else
                 f"Quần chúng nhân dân đã cung cấp {number(src.sources, lang)} nguồn tin, giúp phát hiện, xử lý "
                 f"{number(src.cases, lang)} vụ việc với {number(src.individuals, lang)} đối tượng.")
    if content.decisions:
        lines.append(f"{number(len(content.decisions), lang)} commendation decisions honoured "
                     f"{number(content.collectives, lang)} collectives and {number(content.individuals, lang)} "
                     f"individuals." if en else
                     f"Đã có {number(len(content.decisions), lang)} quyết định khen thưởng "
                     f"{number(content.collectives, lang)} tập thể và {number(content.individuals, lang)} cá nhân "
                     f"có thành tích xuất sắc.")
    previous = o.year_on_year.previous
    if previous.sessions or previous.sources:
        lines.append(f"In the same period a year earlier: {number(previous.sessions, lang)} sessions, "
                     f"{number(previous.sources, lang)} pieces of information." if en else
                     f"Cùng kỳ năm trước: {number(previous.sessions, lang)} lớp tập huấn, tuyên truyền; "
                     f"{number(previous.sources, lang)} nguồn tin.")
    return lines


def form_label(code: str, lang: str) -> str:
    return COMMENDATION_FORMS.label(code, lang)
