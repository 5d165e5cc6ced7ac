"""compute_stats against totals counted by hand on a small, hand-made set of records.

Units used (own unit: 06652 of the 2025 list, Phường Hà Tu, province 22 Quảng Ninh):

- NEW        2025 06652 Phường Hà Tu
- HA_PHONG   pre2025 06652 Phường Hà Phong  → merged into NEW (primary)
- OLD_HA_TU  pre2025 06664 Phường Hà Tu     → merged into NEW (primary)
- CAO_XANH   2025 06658 Phường Cao Xanh (another commune of Quảng Ninh)
- HA_KHAU    pre2025 06655 Phường Hà Khẩu, split between 06661 Việt Hưng (primary) and
             06706 Tuần Châu
- BA_DINH    2025 00004 Phường Ba Đình (province 01 Hà Nội)
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    Organisation,
    SecurityModel,
    Topic,
    TypicalRecognition,
    UncoveredCase,
    UnitSuccession,
)
from db.vocab import MODEL_TYPES, ORGANISATIONS, SESSION_KINDS, TOPICS
from desktop.services.installation import Database, initialise
from desktop.services.stats import (
    InvalidPeriod,
    UnknownUnit,
    compute_stats,
    format_number,
    format_stats,
)

D = dt.date


@dataclass
class Units:
    new: AdminUnit
    ha_phong: AdminUnit
    old_ha_tu: AdminUnit
    cao_xanh: AdminUnit
    ha_khau: AdminUnit
    ba_dinh: AdminUnit


def _unit(session: Session, scheme: str, code: str) -> AdminUnit:
    unit = session.scalar(select(AdminUnit).where(AdminUnit.scheme == scheme, AdminUnit.code == code))
    assert unit is not None, (scheme, code)
    return unit


def find_units(session: Session) -> Units:
    new = _unit(session, "2025", "06652")
    # The old communes that merged into 06652, found through the official mapping.
    merged = session.scalars(
        select(AdminUnit)
        .join(UnitSuccession, UnitSuccession.old_unit_id == AdminUnit.id)
        .where(UnitSuccession.new_unit_id == new.id, UnitSuccession.is_primary.is_(True))
        .order_by(AdminUnit.code)
    ).all()
    assert [(u.scheme, u.code, u.name) for u in merged] == [
        ("pre2025", "06652", "Phường Hà Phong"),
        ("pre2025", "06664", "Phường Hà Tu"),
    ]
    # An old commune of Quảng Ninh split between several new communes.
    split_ids = (
        select(UnitSuccession.old_unit_id)
        .group_by(UnitSuccession.old_unit_id)
        .having(func.count() > 1)
        .scalar_subquery()
    )
    ha_khau = session.scalar(
        select(AdminUnit).where(AdminUnit.id.in_(split_ids), AdminUnit.scheme == "pre2025", AdminUnit.code == "06655")
    )
    assert ha_khau is not None and ha_khau.name == "Phường Hà Khẩu"
    successors = session.execute(
        select(AdminUnit.code, UnitSuccession.is_primary)
        .join(UnitSuccession, UnitSuccession.new_unit_id == AdminUnit.id)
        .where(UnitSuccession.old_unit_id == ha_khau.id)
        .order_by(AdminUnit.code)
    ).all()
    assert [tuple(r) for r in successors] == [("06661", True), ("06706", False)]
    return Units(
        new=new,
        ha_phong=merged[0],
        old_ha_tu=merged[1],
        cao_xanh=_unit(session, "2025", "06658"),
        ha_khau=ha_khau,
        ba_dinh=_unit(session, "2025", "00004"),
    )


def build(session: Session) -> None:
    """The hand-made records. Expected totals are written out literally in the tests."""
    u = find_units(session)
    refs = count(1)

    def rec(unit: AdminUnit, **values: object) -> dict[str, object]:
        return {"unit_id": unit.id, "origin_unit_id": u.new.id, "ref": f"R-{next(refs)}", **values}

    def org(unit: AdminUnit, kind: str, name: str, deleted: bool = False) -> Organisation:
        o = Organisation(unit_id=unit.id, kind=kind, name=name, deleted=deleted)
        session.add(o)
        return o

    police_new = org(u.new, "police", "Công an phường Hà Tu")
    police_province = org(u.new, "police", "Công an tỉnh Quảng Ninh")
    women_new = org(u.new, "womens_union", "Hội Liên hiệp Phụ nữ phường Hà Tu")
    farmers_old = org(u.ha_phong, "farmers_union", "Hội Nông dân phường Hà Phong")
    youth_deleted = org(u.new, "youth_union", "Đoàn Thanh niên (nhập nhầm)", deleted=True)
    police_qn = org(u.cao_xanh, "police", "Công an phường Cao Xanh")
    police_hn = org(u.ba_dinh, "police", "Công an phường Ba Đình")
    session.flush()

    def topics(*codes: str) -> list[Topic]:
        return [session.get_one(Topic, c) for c in codes]

    def sess(unit: AdminUnit, held_on: dt.date, kind: str, attendees: int, members: int,
             organisers: list[Organisation], topic_codes: tuple[str, ...], deleted: bool = False) -> None:
        session.add(DisseminationSession(
            **rec(unit, held_on=held_on, kind=kind, attendees=attendees, member_attendees=members,
                  deleted=deleted),
            organisers=organisers, topics=topics(*topic_codes)))

    # s1: two organisers (police + women's union), two topics.
    sess(u.new, D(2025, 7, 15), "training", 100, 40, [police_new, women_new], ("drugs", "human_trafficking"))
    sess(u.ha_phong, D(2024, 3, 1), "communication", 50, 10, [police_new], ("drugs",))  # s2
    sess(u.old_ha_tu, D(2024, 12, 31), "law_dissemination", 30, 30, [women_new, farmers_old],
         ("child_violence",))  # s3
    sess(u.new, D(2025, 8, 1), "training", 1000, 0, [police_new], ("drugs",), deleted=True)  # s4
    sess(u.cao_xanh, D(2025, 9, 1), "conference", 200, 0, [police_qn], ("online_fraud",))  # s5
    sess(u.ba_dinh, D(2025, 9, 1), "training", 1500, 100, [police_hn], ("drugs",))  # s6
    sess(u.ha_khau, D(2024, 6, 1), "training", 70, 7, [police_qn], ("prostitution",))  # s7
    # s8: two police organisations (one "police" count) and a deleted organisation.
    sess(u.new, D(2025, 10, 10), "communication", 20, 5, [police_new, police_province, youth_deleted],
         ("traffic_safety",))

    def model(unit: AdminUnit, model_type: str, launched: dt.date | None, recognised: list[dt.date],
              status: str = "active", deleted: bool = False) -> None:
        session.add(SecurityModel(
            **rec(unit, type=model_type, name=f"Mô hình {next(refs)}", launched_on=launched,
                  status=status, deleted=deleted),
            recognitions=[TypicalRecognition(recognised_on=d, authority="UBND") for d in recognised]))

    model(u.new, "self_management", D(2025, 8, 1), [D(2025, 9, 1)])  # m1
    model(u.old_ha_tu, "security_camera", D(2020, 5, 1), [D(2023, 1, 1)])  # m2
    model(u.ha_phong, "other", None, [])  # m3
    model(u.new, "security_camera", D(2025, 7, 2), [D(2025, 8, 1)], deleted=True)  # m4
    model(u.new, "self_management", D(2025, 7, 20), [], status="ended")  # m5
    model(u.ba_dinh, "self_management", D(2024, 1, 1), [D(2024, 6, 1), D(2024, 7, 1)])  # m6

    def source(unit: AdminUnit, received: dt.date, organisation: Organisation | None,
               deleted: bool = False) -> InformationSource:
        s = InformationSource(**rec(unit, received_on=received, category="drugs", channel="phone",
                                    organisation_id=organisation.id if organisation else None,
                                    deleted=deleted))
        session.add(s)
        return s

    src1 = source(u.new, D(2025, 7, 10), women_new)
    src2 = source(u.ha_phong, D(2024, 5, 5), farmers_old)
    source(u.new, D(2025, 8, 1), None)  # src3
    src4 = source(u.new, D(2025, 8, 2), police_new, deleted=True)
    src5 = source(u.ba_dinh, D(2025, 7, 10), police_hn)
    source(u.new, D(2025, 8, 3), youth_deleted)  # src6

    def case(unit: AdminUnit, opened: dt.date, individuals: int, sources: list[InformationSource],
             deleted: bool = False) -> None:
        session.add(UncoveredCase(**rec(unit, opened_on=opened, category="drugs", individuals=individuals,
                                        deleted=deleted), sources=sources))

    case(u.new, D(2025, 7, 20), 3, [src1])  # c1
    case(u.old_ha_tu, D(2024, 6, 1), 2, [src2, src1])  # c2
    case(u.new, D(2025, 8, 5), 5, [])  # c3: no source
    case(u.new, D(2025, 8, 6), 7, [src4])  # c4: only a deleted source
    case(u.new, D(2025, 8, 7), 4, [src5])  # c5: source of another province
    case(u.new, D(2025, 8, 8), 100, [src1], deleted=True)  # c6

    def decision(unit: AdminUnit, decided: dt.date, recipients: list[tuple[str, bool]],
                 deleted: bool = False) -> None:
        n = next(refs)
        session.add(CommendationDecision(
            **rec(unit, number=f"{n}/QĐ-UBND", decided_on=decided, authority="Chủ tịch UBND tỉnh",
                  form="certificate_of_merit", deleted=deleted),
            recipients=[
                CommendationRecipient(**rec(unit, kind=kind, name=f"Người {i}", deleted=gone))
                for i, (kind, gone) in enumerate(recipients)
            ]))

    decision(u.new, D(2025, 7, 18), [("collective", False), ("collective", False), ("individual", False),
                                      ("individual", False), ("individual", True)])  # d1
    decision(u.ha_phong, D(2024, 7, 18), [("individual", False)])  # d2
    decision(u.new, D(2025, 9, 1), [("individual", False)] * 5, deleted=True)  # d3
    decision(u.cao_xanh, D(2025, 9, 9), [("collective", False)])  # d4
    session.flush()


@pytest.fixture
def stats_db(database: Database) -> Iterator[Database]:
    with database.sessions() as session, session.begin():
        build(session)
    yield database


def stats(database: Database, *args: object, **kwargs: object) -> dict:
    with database.sessions() as session:
        return compute_stats(session, *args, **kwargs)  # type: ignore[arg-type]


def by(figures: dict, key: str = "count") -> dict[str, int]:
    """The non-zero entries of a by_* dict."""
    return {code: f[key] for code, f in figures.items() if f[key]}


# ---------------------------------------------------------------------------------------------


def test_own_commune_with_merged_old_communes(stats_db: Database) -> None:
    s = stats(stats_db, "06652")
    assert (s["unit"], s["unit_name"], s["unit_scheme"]) == ("06652", "Phường Hà Tu", "2025")
    assert (s["from"], s["to"]) == (None, None)
    se = s["sessions"]
    # s1, s2 (Hà Phong), s3 (old Hà Tu), s8; s4 deleted.
    assert (se["count"], se["attendees"], se["member_attendees"]) == (4, 200, 85)
    assert se["by_kind"] == {
        "training": {"count": 1, "attendees": 100},
        "communication": {"count": 2, "attendees": 70},
        "law_dissemination": {"count": 1, "attendees": 30},
        "conference": {"count": 0, "attendees": 0},
    }
    assert by(se["by_topic"]) == {"drugs": 2, "human_trafficking": 1, "child_violence": 1, "traffic_safety": 1}
    assert by(se["by_topic"], "attendees") == {
        "drugs": 150, "human_trafficking": 100, "child_violence": 30, "traffic_safety": 20}
    # s1 once under police and once under the women's union; s8's two police organisations count
    # once; the deleted youth union not at all.
    assert by(se["by_organisation"]) == {"police": 3, "womens_union": 2, "farmers_union": 1}
    assert by(se["by_organisation"], "attendees") == {"police": 170, "womens_union": 130, "farmers_union": 30}

    assert s["models"]["count"] == 4 and s["models"]["typical"] == 2
    assert s["models"]["by_type"] == {
        "self_management": {"count": 2, "typical": 1, "launched": 2},
        "security_camera": {"count": 1, "typical": 1, "launched": 1},
        "other": {"count": 1, "typical": 0, "launched": 1},
    }
    src = s["sources"]
    # src1, src2, src3, src6 (src4 deleted); src6's organisation is deleted: total only.
    assert src["count"] == 4
    assert by(src["by_organisation"]) == {"womens_union": 1, "farmers_union": 1}
    # c1, c2, c5: c3 has no source, c4 only a deleted one, c6 is deleted.
    assert (src["cases"], src["individuals"]) == (3, 9)
    assert s["commendations"] == {"decisions": 2, "collectives": 2, "individuals": 3}


def test_every_vocabulary_key_in_order(stats_db: Database) -> None:
    s = stats(stats_db, "00004", D(2030, 1, 1), D(2030, 12, 31))  # nothing then
    assert list(s["sessions"]["by_kind"]) == list(SESSION_KINDS.codes)
    assert list(s["sessions"]["by_topic"]) == list(TOPICS.codes)
    assert list(s["sessions"]["by_organisation"]) == list(ORGANISATIONS.codes)
    assert list(s["models"]["by_type"]) == list(MODEL_TYPES.codes)
    assert list(s["sources"]["by_organisation"]) == list(ORGANISATIONS.codes)
    assert s["sessions"]["count"] == 0 and s["sources"]["cases"] == 0
    assert s["sessions"]["by_topic"]["drugs"] == {"count": 0, "attendees": 0}
    assert s["commendations"] == {"decisions": 0, "collectives": 0, "individuals": 0}
    import json

    assert json.loads(json.dumps(s)) == s



def test_topic_added_to_the_catalogue_comes_after_the_vocabulary(stats_db: Database) -> None:
    with stats_db.sessions() as session, session.begin():
        session.add(Topic(code="school_safety", label_vi="an toàn trường học", label_en="school safety",
                          sort_order=99))
        unit = _unit(session, "2025", "06652")
        session.add(DisseminationSession(
            unit_id=unit.id, origin_unit_id=unit.id, ref="R-extra", held_on=D(2025, 11, 1), kind="training",
            attendees=15, member_attendees=0, topics=[session.get_one(Topic, "school_safety")]))
    s = stats(stats_db, "06652")
    assert list(s["sessions"]["by_topic"]) == [*TOPICS.codes, "school_safety"]
    assert s["sessions"]["by_topic"]["school_safety"] == {"count": 1, "attendees": 15}
    assert (s["sessions"]["count"], s["sessions"]["by_organisation"]["police"]["count"]) == (5, 3)
    assert "school_safety" in format_stats(s, "vi")

def test_date_bounds_are_inclusive(stats_db: Database) -> None:
    s = stats(stats_db, "06652", D(2024, 3, 1), D(2025, 7, 15))
    assert (s["from"], s["to"]) == ("2024-03-01", "2025-07-15")
    assert s["sessions"]["count"] == 3  # s2 on the first day, s3, s1 on the last day
    assert s["sessions"]["attendees"] == 180
    s = stats(stats_db, "06652", D(2024, 3, 2), D(2025, 7, 14))
    assert s["sessions"]["count"] == 1  # s3 only

    s = stats(stats_db, "06652", D(2025, 7, 20), D(2025, 8, 7))
    assert s["sources"]["count"] == 2  # src3, src6
    assert (s["sources"]["cases"], s["sources"]["individuals"]) == (2, 7)  # c1 (first day), c5 (last)
    s = stats(stats_db, "06652", D(2025, 7, 18), D(2025, 7, 18))
    assert s["commendations"] == {"decisions": 1, "collectives": 2, "individuals": 2}


def test_models_are_counted_as_in_force_at_the_end_date(stats_db: Database) -> None:
    s = stats(stats_db, "06652", D(2025, 7, 1), D(2025, 8, 31))["models"]
    # m1, m2, m3 (no launch date), m5 (ended: status not considered); typical: only m2 had been
    # recognised by 31/08/2025 (m1 on 01/09/2025); launched in the period: m1, m5.
    assert (s["count"], s["typical"], s["launched"]) == (4, 1, 2)
    s = stats(stats_db, "06652", None, D(2025, 7, 15))["models"]
    assert (s["count"], s["typical"], s["launched"]) == (2, 1, 1)  # m2, m3; launched: m2
    s = stats(stats_db, "06652", D(2025, 9, 1), None)["models"]
    assert (s["count"], s["typical"], s["launched"]) == (4, 2, 0)


def test_province_includes_its_communes_and_old_units(stats_db: Database) -> None:
    s = stats(stats_db, "22")
    assert (s["unit_name"], s["unit_level"]) == ("Tỉnh Quảng Ninh", "province")
    se = s["sessions"]
    assert (se["count"], se["attendees"], se["member_attendees"]) == (6, 470, 92)  # s1-3, s5, s7, s8
    assert by(se["by_kind"]) == {"training": 2, "communication": 2, "law_dissemination": 1, "conference": 1}
    assert by(se["by_organisation"]) == {"police": 5, "womens_union": 2, "farmers_union": 1}
    assert (s["models"]["count"], s["models"]["typical"]) == (4, 2)
    assert (s["sources"]["count"], s["sources"]["cases"], s["sources"]["individuals"]) == (4, 3, 9)
    assert s["commendations"] == {"decisions": 3, "collectives": 3, "individuals": 3}


def test_old_code_read_in_the_old_list_before_the_reform(stats_db: Database) -> None:
    s = stats(stats_db, "06652", None, D(2024, 12, 31))
    assert (s["unit"], s["unit_name"], s["unit_scheme"]) == ("06652", "Phường Hà Phong", "pre2025")
    assert (s["sessions"]["count"], s["sessions"]["attendees"]) == (1, 50)  # s2 only
    assert (s["models"]["count"], s["sources"]["count"], s["sources"]["cases"]) == (1, 1, 0)
    assert s["commendations"]["decisions"] == 1
    # The old province: its old communes, not the new units.
    s = stats(stats_db, "22", None, D(2025, 6, 30))
    assert s["unit_scheme"] == "pre2025"
    assert s["sessions"]["count"] == 3  # s2, s3, s7
    # The same end date reads the new list from 1 July 2025 on.
    assert stats(stats_db, "06652", None, D(2025, 7, 1))["unit_name"] == "Phường Hà Tu"


def test_split_commune_counts_only_under_its_primary_successor(stats_db: Database) -> None:
    primary = stats(stats_db, "06661")  # Phường Việt Hưng
    assert (primary["sessions"]["count"], primary["sessions"]["attendees"]) == (1, 70)
    assert by(primary["sessions"]["by_topic"]) == {"prostitution": 1}
    other = stats(stats_db, "06706")  # Phường Tuần Châu also took part of Hà Khẩu
    assert other["sessions"]["count"] == 0


def test_whole_database_without_unit(stats_db: Database) -> None:
    s = stats(stats_db)
    assert (s["unit"], s["unit_name"]) == (None, None)
    se = s["sessions"]
    assert (se["count"], se["attendees"], se["member_attendees"]) == (7, 1970, 192)
    assert by(se["by_topic"]) == {
        "drugs": 3, "human_trafficking": 1, "prostitution": 1, "child_violence": 1,
        "online_fraud": 1, "traffic_safety": 1}
    assert (s["models"]["count"], s["models"]["typical"]) == (5, 3)
    assert (s["sources"]["count"], s["sources"]["cases"], s["sources"]["individuals"]) == (5, 3, 9)
    assert by(s["sources"]["by_organisation"]) == {"police": 1, "womens_union": 1, "farmers_union": 1}
    assert s["commendations"] == {"decisions": 3, "collectives": 3, "individuals": 3}


def test_unknown_unit_and_reversed_period(stats_db: Database) -> None:
    with pytest.raises(UnknownUnit) as caught:
        stats(stats_db, "99999")
    assert "99999" in str(caught.value)
    assert "99999" in caught.value.message("en") and "No unit" in caught.value.message("en")
    # 06664 exists only in the old list.
    with pytest.raises(UnknownUnit):
        stats(stats_db, "06664", None, D(2025, 7, 1))
    assert stats(stats_db, "06664", None, D(2025, 6, 30))["unit_name"] == "Phường Hà Tu"
    with pytest.raises(InvalidPeriod):
        stats(stats_db, "06652", D(2025, 1, 2), D(2025, 1, 1))


def test_format_number() -> None:
    assert format_number(1234567, "vi") == "1.234.567"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(42600, "vi") == "42.600"
    assert format_number(331, "vi") == "331"
    assert format_number(0, "en") == "0"
    assert format_number(-1000, "vi") == "-1.000"
    assert format_number(12.5, "vi") == "12,5"


def test_format_stats(stats_db: Database) -> None:
    s = stats(stats_db, None, D(2024, 1, 1), D(2025, 12, 31))
    vi = format_stats(s, "vi")
    assert "1.970" in vi and "1,970" not in vi
    assert "Toàn bộ cơ sở dữ liệu" in vi and "01/01/2024" in vi and "31/12/2025" in vi
    assert "lớp tập huấn" in vi and "phòng, chống ma túy" in vi and "Hội Liên hiệp Phụ nữ" in vi
    assert "tổ tự quản về an ninh, trật tự" in vi
    en = format_stats(s, "en")
    assert "1,970" in en and "training class" in en and "Women's Union" in en
    unit_text = format_stats(stats(stats_db, "06652"), "vi")
    assert "Phường Hà Tu" in unit_text and "06652" in unit_text


# ---------------------------------------------------------------------------------------------
# The same data on PostgreSQL gives the same figures.

QUERIES: list[tuple[str | None, dt.date | None, dt.date | None]] = [
    ("06652", None, None),
    ("06652", D(2024, 3, 1), D(2025, 7, 15)),
    ("06652", D(2025, 7, 1), D(2025, 8, 31)),
    ("06652", None, D(2024, 12, 31)),
    ("22", None, None),
    ("22", None, D(2025, 6, 30)),
    ("06661", None, None),
    (None, None, None),
    (None, D(2024, 1, 1), D(2025, 12, 31)),
]


@pytest.mark.postgres
def test_postgresql_gives_the_same_figures(stats_db: Database, pg_url: str) -> None:
    expected = [stats(stats_db, *q) for q in QUERIES]
    result = initialise(pg_url, "06652")
    pg = result.database
    try:
        assert pg.dialect == "postgresql"
        with pg.sessions() as session, session.begin():
            build(session)
        got = [stats(pg, *q) for q in QUERIES]
    finally:
        pg.dispose()
    for query, want, have in zip(QUERIES, expected, got, strict=True):
        assert have == want, query
        assert format_stats(have, "vi") == format_stats(want, "vi")



def test_database_and_session_give_the_same_figures(stats_db: Database) -> None:
    """Given the database, the session figures run on a second connection in parallel."""
    with stats_db.sessions() as session:
        in_one_session = compute_stats(session, "22", D(2019, 1, 1), D(2026, 12, 31))
    assert compute_stats(stats_db, "22", D(2019, 1, 1), D(2026, 12, 31)) == in_one_session
    with stats_db.sessions() as session:
        assert compute_stats(stats_db) == compute_stats(session)
