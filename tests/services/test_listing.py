"""desktop.services.listing against plain SQL counts over 3,000 demo records."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from db.textfold import fold
from db.units import own_unit
from desktop.services import list_rows, listing
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
        shown = list_rows.rows(session, "recipients", found)
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
        names = [r["unit"] for r in list_rows.rows(session, "cases", found)]
        assert names == sorted(names)
        newest_first = list_rows.rows(session, "cases", listing.ids(session, ListQuery("cases"), 0, 50))
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
        shown = list_rows.rows(session, "sessions", wanted)
        assert [r["id"] for r in shown] == wanted
        keys = {key for key, _vi, _en in listing.COLUMNS["sessions"]}
        assert all(keys <= set(r) for r in shown)
        assert {r["kind"] for r in shown} <= {"lớp tập huấn", "buổi tuyên truyền",
                                              "buổi phổ biến, giáo dục pháp luật", "hội nghị"}
        assert any(r["organisers"] for r in shown)
        assert all(isinstance(r["held_on"], dt.date) and isinstance(r["attendees"], int) for r in shown)
        english = list_rows.rows(session, "sessions", found[:5], lang="en")
        assert {r["kind"] for r in english} <= {"training class", "communication session",
                                                "law dissemination event", "conference"}


@pytest.mark.parametrize("kind", listing.KINDS)
def test_every_kind_and_every_sort(demo: Database, kind: str) -> None:
    with demo.sessions() as session:
        total = listing.count(session, ListQuery(kind))
        for key in listing.SORTS[kind]:
            found = listing.ids(session, ListQuery(kind, sort=key, descending=False))
            assert len(found) == len(set(found)) == total
        shown = list_rows.rows(session, kind, found[:10])
        assert len(shown) == min(10, total)


# ---------------------------------------------------------------------------------------------
# Speed work: keyset pages, the unit filter dropped when it covers everything, broad searches


def _all_pages(session: Session, query: ListQuery, size: int) -> list[int]:
    found: list[int] = []
    page = listing.page(session, query, None, size)
    found.extend(page.ids)
    while not page.complete:
        page = listing.page(session, query, page.after, size)
        found.extend(page.ids)
    return found


@pytest.fixture
def ties(demo: Database) -> Database:
    """Many records on the same few days and with the same values, and some NULLs, so that
    pages end in the middle of ties."""
    with demo.sessions() as session:
        session.execute(text("UPDATE dissemination_session SET held_on = '2024-05-01' WHERE id % 3 = 0"))
        session.execute(text("UPDATE dissemination_session SET place = NULL WHERE id % 4 = 0"))
        session.execute(text("UPDATE security_model SET launched_on = NULL WHERE id % 3 = 0"))
        session.execute(text("UPDATE information_source SET received_on = '2023-02-02' WHERE id % 2 = 0"))
        session.commit()
    return demo


@pytest.mark.parametrize("kind", listing.KINDS)
@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_never_skip_or_repeat_across_ties(ties: Database, kind: str, descending: bool) -> None:
    with ties.sessions() as session:
        for key in listing.SORTS[kind]:
            query = ListQuery(kind, sort=key, descending=descending)
            expected = listing.ids(session, query)
            assert _all_pages(session, query, 37) == expected, key
            assert len(set(expected)) == len(expected) == listing.count(session, query)


def test_pages_end_with_complete_and_all_the_rest(ties: Database) -> None:
    with ties.sessions() as session:
        query = ListQuery("sessions")
        total = listing.count(session, query)
        first = listing.page(session, query, None, 100)
        assert len(first.ids) == 100 and not first.complete
        rest = listing.page(session, query, first.after)
        assert rest.complete and len(first.ids) + len(rest.ids) == total
        exact = listing.page(session, query, None, total)
        assert len(exact.ids) == total and not exact.complete  # a full page: the next may be empty
        assert listing.page(session, query, exact.after, 10).ids.tolist() == []


def _filtered_queries(session: Session) -> list[ListQuery]:
    own = own_unit(session)
    assert own is not None
    old = session.execute(text("SELECT old_unit_id FROM unit_succession WHERE new_unit_id = :own AND is_primary"),
                          {"own": own.id}).scalars().first()
    assert old is not None
    year = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    return [
        ListQuery("sessions", unit_id=own.id),
        ListQuery("sessions", unit_id=old),
        ListQuery("sessions", unit_id=own.id, date_from=year[0], date_to=year[1]),
        ListQuery("sessions", unit_id=own.id, codes={"kind": "training"}),
        ListQuery("sessions", unit_id=own.id, codes={"topic": "drugs"}),
        ListQuery("sessions", unit_id=own.id, codes={"organisation": "womens_union"}),
        ListQuery("sessions", unit_id=old, search="nguyen", codes={"kind": "conference"}),
        ListQuery("sessions", unit_id=own.id, search="tt", date_from=year[0]),
        ListQuery("sessions", include_deleted=True, search="hoi phu"),
        ListQuery("sources", unit_id=old, codes={"category": "drugs"}, date_to=year[1]),
        ListQuery("cases", unit_id=own.id, search="vv"),
        ListQuery("models", unit_id=own.id, codes={"status": "active"}),
        ListQuery("recipients", unit_id=old, search="nguyen"),
        ListQuery("commendations", unit_id=own.id, date_from=year[0]),
    ]


@pytest.mark.parametrize("broad", [False, True])
def test_count_is_the_number_of_ids_under_every_filter(
    demo: Database, monkeypatch: pytest.MonkeyPatch, broad: bool
) -> None:
    """The same lists whether a search is read by id (narrow) or held as a set while walking
    the index (broad), with deleted records about."""
    monkeypatch.setattr(listing, "NARROW_SEARCH", 1 if broad else 10**9)
    monkeypatch.setattr(listing, "SHORT_WORD", 1)
    with demo.sessions() as session:
        session.execute(text("UPDATE dissemination_session SET deleted = 1 WHERE id % 11 = 0"))
        session.commit()
        for query in _filtered_queries(session):
            everything = listing.ids(session, query)
            assert listing.count(session, query) == len(everything) == len(set(everything)), query
            assert listing.page(session, query).ids.tolist() == everything, query
            assert _all_pages(session, query, 50) == everything, query
            quick = listing.quick_count(session, query)
            assert quick == (None if query.codes or (broad and query.search) else len(everything)), query
        assert sum(listing.count(session, q) > 0 for q in _filtered_queries(session)) >= 12


def test_broad_and_narrow_searches_list_the_same(demo: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    query = ListQuery("sessions", search="nguyen")
    with demo.sessions() as session:
        narrow = listing.ids(session, query)
        assert listing.quick_count(session, query) == len(narrow) > 0  # few: counted at once
    monkeypatch.setattr(listing, "NARROW_SEARCH", 1)
    with demo.sessions() as session:
        assert listing.quick_count(session, query) is None  # broad now: counted in the background
        assert listing.ids(session, query) == narrow


def test_a_search_with_a_short_word_is_broad_unasked(demo: Database) -> None:
    with demo.sessions() as session:
        assert listing.quick_count(session, ListQuery("sessions", search="nguyen hoi")) is None
        assert listing.quick_count(session, ListQuery("sessions", search="nguyen")) is not None


def test_unit_filter_dropped_only_when_it_covers_every_record(demo: Database) -> None:
    with demo.sessions() as session:
        own = own_unit(session)
        assert own is not None
        mine = listing.count(session, ListQuery("sessions", unit_id=own.id))
        assert mine == listing.count(session, ListQuery("sessions"))  # the demo is all own unit's
        elsewhere = _sql(session, "SELECT id FROM admin_unit WHERE scheme = '2025' AND code = '00004'")
        session.execute(
            text("UPDATE dissemination_session SET unit_id = :u WHERE id = (SELECT min(id) FROM dissemination_session)"),
            {"u": elsewhere})
        session.commit()
    with demo.sessions() as session:
        query = ListQuery("sessions", unit_id=own.id)
        assert listing.count(session, query) == mine - 1
        assert len(listing.page(session, query).ids) == mine - 1
        assert listing.count(session, ListQuery("sessions", unit_id=elsewhere)) == 1


def _plan(session: Session, query: ListQuery) -> str:
    statement = listing._ordered(session, query, listing.CLASS_OF[query.kind].id).limit(500)
    sql = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    return " | ".join(row[-1] for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


@pytest.mark.parametrize("kind", sorted(listing.INDEXED_ORDER))
def test_default_order_is_walked_from_the_list_index(demo: Database, kind: str) -> None:
    """No sort of the whole list for a page, whatever the unit, period or codes."""
    with demo.sessions() as session:
        own = own_unit(session)
        assert own is not None
        code_filter = next(iter(listing.FILTERS[kind]))
        vocabulary = listing.FILTERS[kind][code_filter][0]
        code = vocabulary.codes[0] if vocabulary is not None else "drugs"
        for query in (ListQuery(kind, unit_id=own.id), ListQuery(kind, unit_id=own.id + 1, codes={code_filter: code},
                                                                date_from=dt.date(2023, 1, 1))):
            plan = _plan(session, query)
            assert f"{listing.CLASS_OF[kind].__tablename__}_list" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
