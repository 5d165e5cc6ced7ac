"""desktop.services.listing against plain SQL counts over 3,000 demo records."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from db.textfold import fold
from db.units import own_unit
from desktop.services import listing
from desktop.services.demo import make_demo
from desktop.services.installation import Database
from desktop.services.listing import ListQuery


@pytest.fixture
def demo(database: Database) -> Database:
    make_demo(database, records=3000)
    return database


def _sql(session: Session, statement: str, **params: object) -> int:
    return int(session.execute(text(statement), params).scalar_one())


TABLES = {
    "sessions": "dissemination_session",
    "models": "security_model",
    "sources": "information_source",
    "cases": "uncovered_case",
    "commendations": "commendation_decision",
    "recipients": "commendation_recipient",
}


@pytest.mark.parametrize("kind", listing.KINDS)
def test_count_is_the_plain_count(demo: Database, kind: str) -> None:
    with demo.sessions() as session:
        expected = _sql(session, f"SELECT count(*) FROM {TABLES[kind]} WHERE NOT deleted")
        assert expected > 0
        assert listing.count(session, ListQuery(kind)) == expected


def test_deleted_records_are_left_out_unless_asked(demo: Database) -> None:
    with demo.sessions() as session:
        session.execute(text("UPDATE uncovered_case SET deleted = 1 WHERE id % 7 = 0"))
        session.commit()
        alive = _sql(session, "SELECT count(*) FROM uncovered_case WHERE NOT deleted")
        everything = _sql(session, "SELECT count(*) FROM uncovered_case")
        assert alive < everything
        assert listing.count(session, ListQuery("cases")) == alive
        assert listing.count(session, ListQuery("cases", include_deleted=True)) == everything


def test_own_unit_includes_the_old_communes_merged_into_it(demo: Database) -> None:
    with demo.sessions() as session:
        own = own_unit(session)
        assert own is not None
        old = "SELECT old_unit_id FROM unit_succession WHERE new_unit_id = :own AND is_primary"
        by_hand = _sql(
            session,
            f"SELECT count(*) FROM dissemination_session WHERE NOT deleted "
            f"AND (unit_id = :own OR unit_id IN ({old}))",
            own=own.id,
        )
        only_new = _sql(
            session, "SELECT count(*) FROM dissemination_session WHERE NOT deleted AND unit_id = :own", own=own.id
        )
        assert 0 < only_new < by_hand  # records of the old communes are there too
        assert listing.count(session, ListQuery("sessions", unit_id=own.id)) == by_hand
        other = _sql(session, "SELECT id FROM admin_unit WHERE scheme = '2025' AND code = '00004'")
        assert listing.count(session, ListQuery("sessions", unit_id=other)) == 0


def test_period(demo: Database) -> None:
    start, end = dt.date(2022, 3, 1), dt.date(2023, 6, 30)
    with demo.sessions() as session:
        expected = _sql(
            session,
            "SELECT count(*) FROM dissemination_session WHERE NOT deleted AND held_on BETWEEN :a AND :b",
            a=start.isoformat(), b=end.isoformat(),
        )
        assert expected > 0
        query = ListQuery("sessions", date_from=start, date_to=end)
        assert listing.count(session, query) == expected
        since = _sql(
            session, "SELECT count(*) FROM information_source WHERE NOT deleted AND received_on >= :a",
            a=start.isoformat(),
        )
        assert listing.count(session, ListQuery("sources", date_from=start)) == since


@pytest.mark.parametrize("code", ["training", "conference"])
def test_session_kind(demo: Database, code: str) -> None:
    with demo.sessions() as session:
        expected = _sql(
            session, "SELECT count(*) FROM dissemination_session WHERE NOT deleted AND kind = :k", k=code
        )
        assert expected > 0
        assert listing.count(session, ListQuery("sessions", codes={"kind": code})) == expected


@pytest.mark.parametrize("code", ["drugs", "online_fraud"])
def test_topic(demo: Database, code: str) -> None:
    with demo.sessions() as session:
        expected = _sql(
            session,
            "SELECT count(DISTINCT s.id) FROM dissemination_session s "
            "JOIN session_topic t ON t.session_id = s.id WHERE NOT s.deleted AND t.topic_code = :c",
            c=code,
        )
        assert expected > 0
        assert listing.count(session, ListQuery("sessions", codes={"topic": code})) == expected


@pytest.mark.parametrize("code", ["police", "womens_union"])
def test_organisation_kind(demo: Database, code: str) -> None:
    with demo.sessions() as session:
        expected = _sql(
            session,
            "SELECT count(DISTINCT s.id) FROM dissemination_session s "
            "JOIN session_organiser so ON so.session_id = s.id "
            "JOIN organisation o ON o.id = so.organisation_id "
            "WHERE NOT s.deleted AND NOT o.deleted AND o.kind = :c",
            c=code,
        )
        assert expected > 0
        assert listing.count(session, ListQuery("sessions", codes={"organisation": code})) == expected


def test_filters_combine(demo: Database) -> None:
    with demo.sessions() as session:
        expected = _sql(
            session,
            "SELECT count(*) FROM dissemination_session WHERE NOT deleted AND kind = 'training' "
            "AND held_on >= '2023-01-01'",
        )
        query = ListQuery("sessions", codes={"kind": "training"}, date_from=dt.date(2023, 1, 1))
        assert listing.count(session, query) == expected


def test_search_nguyen_on_recipients(demo: Database) -> None:
    with demo.sessions() as session:
        query = ListQuery("recipients", search="Nguyễn")
        found = listing.ids(session, query)
        assert found and len(found) == listing.count(session, query)
        shown = listing.rows(session, "recipients", found)
        assert all("nguyen" in fold(f"{r['ref']} {r['name']} {r['position']}") for r in shown)
        everyone = session.execute(
            text("SELECT id, search_text FROM commendation_recipient WHERE NOT deleted")
        ).all()
        expected = {i for i, folded in everyone if re.search(r"\bnguyen", folded)}
        assert set(found) == expected
        assert len(expected) < len(everyone)


def test_unknown_filters_and_sorts_are_refused() -> None:
    with pytest.raises(ValueError):
        ListQuery("sessions", sort="notes; DROP TABLE x")
    with pytest.raises(ValueError):
        ListQuery("models", codes={"topic": "drugs"})
    with pytest.raises(ValueError):
        ListQuery("sessions", codes={"kind": "picnic"})
    with pytest.raises(ValueError):
        ListQuery("people")


@pytest.mark.parametrize("descending", [False, True])
def test_sort_is_correct_and_stable(demo: Database, descending: bool) -> None:
    with demo.sessions() as session:
        query = ListQuery("sessions", sort="attendees", descending=descending)
        found = listing.ids(session, query)
        attendees = dict(session.execute(text("SELECT id, attendees FROM dissemination_session")).all())
        keys = [(attendees[i], i) for i in found]
        assert keys == sorted(keys, reverse=descending)
        assert len({a for a, _ in keys}) < len(keys)  # there are ties, broken by id
        assert listing.ids(session, query) == found


def test_sort_by_unit_name_and_date(demo: Database) -> None:
    with demo.sessions() as session:
        found = listing.ids(session, ListQuery("cases", sort="unit", descending=False))
        names = [r["unit"] for r in listing.rows(session, "cases", found)]
        assert names == sorted(names)
        newest_first = listing.rows(session, "cases", listing.ids(session, ListQuery("cases"), 0, 50))
        days = [r["opened_on"] for r in newest_first]
        assert days == sorted(days, reverse=True)
        assert all(isinstance(d, dt.date) for d in days)


def test_paging_covers_every_id_once(demo: Database) -> None:
    with demo.sessions() as session:
        query = ListQuery("sources", sort="category", descending=False)
        pages: list[int] = []
        offset = 0
        while page := listing.ids(session, query, offset, 97):
            pages.extend(page)
            offset += len(page)
        assert len(pages) == len(set(pages)) == listing.count(session, query)
        assert pages == listing.ids(session, query)
        everything = {i for (i,) in session.execute(text("SELECT id FROM information_source WHERE NOT deleted"))}
        assert set(pages) == everything


def test_rows_keep_the_order_and_show_labels(demo: Database) -> None:
    with demo.sessions() as session:
        found = listing.ids(session, ListQuery("sessions"), 0, 20)
        wanted = list(reversed(found))
        shown = listing.rows(session, "sessions", wanted)
        assert [r["id"] for r in shown] == wanted
        keys = {key for key, _vi, _en in listing.COLUMNS["sessions"]}
        assert all(keys <= set(r) for r in shown)
        assert {r["kind"] for r in shown} <= {"lớp tập huấn", "buổi tuyên truyền",
                                              "buổi phổ biến, giáo dục pháp luật", "hội nghị"}
        assert any(r["organisers"] for r in shown)
        assert all(isinstance(r["held_on"], dt.date) and isinstance(r["attendees"], int) for r in shown)
        english = listing.rows(session, "sessions", found[:5], lang="en")
        assert {r["kind"] for r in english} <= {"training class", "communication session",
                                                "law dissemination event", "conference"}


@pytest.mark.parametrize("kind", listing.KINDS)
def test_every_kind_and_every_sort(demo: Database, kind: str) -> None:
    with demo.sessions() as session:
        total = listing.count(session, ListQuery(kind))
        for key in listing.SORTS[kind]:
            found = listing.ids(session, ListQuery(kind, sort=key, descending=False))
            assert len(found) == len(set(found)) == total
        shown = listing.rows(session, kind, found[:10])
        assert len(shown) == min(10, total)
