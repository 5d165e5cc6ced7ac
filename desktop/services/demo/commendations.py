"""Commendation decisions (who decided, for which period and achievement) and the collectives
and individuals each commends."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select

from db.vocab import ORGANISATIONS
from desktop.services.demo.content import ACHIEVEMENT, BRANCH_OF, MEMBER_TITLE, UNIONS, authorities
from desktop.services.demo.kinds import CHUNK
from desktop.services.demo.units import Unit

if TYPE_CHECKING:
    from desktop.services.demo.generator import Demo


def recipient(demo: Demo, unit: Unit, whose: str, form: str) -> tuple[str, str | None, str | None, int | None]:
    """(name, title, position, organisation id) of one collective or individual."""
    r = demo.rng.random
    area = unit.areas[int(r() * len(unit.areas))]
    if whose == "all":
        whose = ("police", *UNIONS)[int(r() * 6)]
    org = unit.orgs[whose]
    if form == "emulation_flag" or r() < 0.3:  # a collective
        if whose == "police":
            name = (f"Công an {unit.commune}" if r() < 0.4 else f"Tổ tự quản về an ninh, trật tự {area}")
        else:
            name = f"{ORGANISATIONS[whose].vi} {unit.name}" if r() < 0.3 else f"{BRANCH_OF[whose]} {area}"
        return name, None, None, org
    if whose == "womens_union":
        name, woman = demo.people.woman(), True
    else:
        name, woman = demo.people.person()
    if whose == "police":
        if r() < 0.5:
            roles = ("Trưởng Công an", "Phó Trưởng Công an", "Cán bộ Công an")
            return name, "comrade", f"{roles[int(r() * 3)]} {unit.commune}", org
        return name, "ms" if woman else "mr", f"Tổ trưởng Tổ tự quản về an ninh, trật tự {area}", None
    if r() < 0.5:
        position = f"{'Chi đoàn trưởng' if whose == 'youth_union' else 'Chi hội trưởng'} {BRANCH_OF[whose]} {area}"
    else:
        position = f"{MEMBER_TITLE[whose]} {ORGANISATIONS[whose].vi} {unit.commune}"
    return name, "ms" if woman else "mr", position, org


def commendations(demo: Demo, n_decisions: int, n_recipients: int) -> None:
    """`n_decisions` decisions sharing `n_recipients` recipients (at least one each)."""
    r = demo.rng.random
    units = demo.units
    keys = demo.keys(n_decisions)
    per_decision = [1] * n_decisions
    for _ in range(n_recipients - n_decisions):
        per_decision[int(r() * n_decisions)] += 1
    first = demo.first["decisions"]
    first_recipient = demo.first["recipients"]
    ref = demo.ref["decisions"]
    number = demo.number
    authorities_of = {u.id: authorities(u) for u in demo.units}
    rows, recipients = [], []
    for i, (day, u) in enumerate(keys):
        unit = units[u]
        decided = demo.days[day]
        choices = authorities_of[unit.id]
        authority, suffix, form, whose = choices[int(r() * len(choices))]
        x = r()
        if x < 0.6:  # the year before
            period_from, period_to = dt.date(decided.year - 1, 1, 1), dt.date(decided.year - 1, 12, 31)
            achievement = f"{ACHIEVEMENT} năm {decided.year - 1}"
        elif x < 0.85:  # a five-year review
            period_from, period_to = dt.date(decided.year - 5, 1, 1), decided
            achievement = f"{ACHIEVEMENT} giai đoạn {decided.year - 5}–{decided.year}"
        else:
            period_from = period_to = None
            achievement = ("Đã có thành tích xuất sắc trong phát hiện, tố giác tội phạm"
                           if r() < 0.5 else
                           "Đã có thành tích xuất sắc trong thực hiện Đề án 06 của Chính phủ")
        code = ref(unit, day)
        num = number(unit, suffix)
        decision_id = first + i
        search = f"{code.lower()} {demo.fold[num]} {demo.fold[authority]} {demo.fold[achievement]}"
        rows.append(demo.record(decision_id, code, search)
                    + (unit.id, num, demo.iso[day], authority, form,
                       period_from and period_from.isoformat(), period_to and period_to.isoformat(),
                       achievement))
        for j in range(per_decision[i]):
            name, title, position, org = recipient(demo, unit, whose, form)
            rcode = f"NK-{decided.year}-{j + 1:04d}"
            search = f"{rcode.lower()} {demo.fold[name]}" + (f" {demo.fold[position]}" if position else "")
            recipients.append(demo.record(first_recipient, rcode, search)
                              + (decision_id, "individual" if title else "collective", name, title,
                                 position, unit.id, org))
            first_recipient += 1
        if len(rows) >= CHUNK // 10:
            demo.write_records("decisions", rows)
            demo.write_records("recipients", recipients)
            rows, recipients = [], []
    demo.write_records("decisions", rows)
    demo.write_records("recipients", recipients)
    demo.result.decisions = n_decisions
    demo.result.recipients = n_recipients


def add_demo_templates(connection: Connection) -> None:
    """A signed template for each issuing authority and award of the demo decisions, as each
    office would set up its own, so that demo data prints at once (none when the database
    already keeps templates of its own)."""
    import re

    from db.models import CertificateTemplate, CommendationDecision, utcnow
    from db.textfold import fold

    if connection.execute(select(CertificateTemplate.id).limit(1)).first() is not None:
        return
    awards = {"certificate_of_merit": ("giay_khen", "Giấy khen", "GIẤY KHEN"),
              "merit_diploma": ("bang_khen", "Bằng khen", "BẰNG KHEN")}
    found = connection.execute(select(CommendationDecision.authority, CommendationDecision.form).distinct()
                               .where(CommendationDecision.form.in_(awards))).all()
    rows = []
    for authority, form in sorted(found):
        prefix, label, title = awards[form]
        signer = next((s for s in ("Chủ tịch", "Giám đốc", "Trưởng") if authority.startswith(s)), "TM. Ban Thường vụ")
        slug = re.sub(r"[^a-z0-9]+", "_", fold(authority)).strip("_")
        rows.append({"name": f"{prefix}_{slug}"[:64], "label": f"{label} — {authority}", "title": title,
                     "verb": "TẶNG", "authority_title": authority, "signer_title": signer,
                     "signer_name": PEOPLE_SIGNING[len(rows) % len(PEOPLE_SIGNING)], "updated_at": utcnow()})
    if rows:
        connection.execute(insert(CertificateTemplate), rows)


PEOPLE_SIGNING = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Quang Huy", "Phạm Minh Tuấn", "Hoàng Thị Lan"]
