"""Demo data on a real SQLite file: counts, units and the 2025 reform, constraints, references,
determinism, cancellation, integrity and accent-insensitive search."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from db.models import (
    REFORM_DATE,
    AdminUnit,
    CommendationRecipient,
    DisseminationSession,
    InformationSource,
    Installation,
    Organisation,
    UnitRollup,
)
from db.models.base import search_text_for
from db.search import matches
from desktop.services.demo import (
    CLASS_OF,
    KINDS,
    PREFIX,
    TABLE_OF,
    make_demo,
    plan_counts,
)
from desktop.services.demo.writer import BULK_MERGE, USUAL_MERGE
from desktop.services.installation import Database, connect

DATE_OF = {
    "sessions": "held_on",
    "models": "launched_on",
    "sources": "received_on",
    "cases": "opened_on",
    "decisions": "decided_on",
}


def rows(database: Database, sql: str) -> list[tuple]:
    with database.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def count(database: Database, table: str) -> int:
    return rows(database, f"SELECT count(*) FROM {table}")[0][0]


def copy_database(source: Path, target: Path) -> Path:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture
def demo3000(database: Database) -> Database:
    result = make_demo(database, records=3000)
    assert not result.cancelled
    return database


def own_unit_id(database: Database) -> int:
    return rows(database, "SELECT unit_id FROM installation")[0][0]


def test_counts_returned_are_the_rows_written(database: Database) -> None:
    result = make_demo(database, records=3000)
    assert result.total == 3000
    assert result.counts == {kind: count(database, TABLE_OF[kind]) for kind in KINDS}
    assert result.counts["sessions"] > result.counts["sources"] > result.counts["cases"]
    assert result.counts["cases"] > result.counts["models"] > result.counts["decisions"] > 0
    # Ha Tu and the two old communes that merged into it, six organisations each.
    assert result.organisations == count(database, "organisation") == 18
    links = sum(count(database, t) for t in ("session_organiser", "session_topic", "case_source"))
    assert result.links == links
    assert result.recognitions == count(database, "typical_recognition") > 0
    assert result.units == ["06652"]
    assert result.seconds > 0


def test_default_volume_is_a_hundred_records_per_commune_and_year(database: Database) -> None:
    result = make_demo(database, years=2)
    assert result.total == 200 == sum(count(database, TABLE_OF[k]) for k in KINDS)


def test_plan_counts_adds_up() -> None:
    for records in (0, 1, 7, 23, 999, 1_000_000):
        counts = plan_counts(records)
        assert sum(counts.values()) == records
        assert all(n >= 0 for n in counts.values())
        assert counts["recipients"] >= counts["decisions"]


def test_units_roll_up_into_the_own_unit_and_follow_the_reform(demo3000: Database) -> None:
    database = demo3000
    own = own_unit_id(database)
    rolled_up = {u for (u,) in rows(database, f"SELECT unit_id FROM unit_rollup WHERE ancestor_id = {own}")}
    scheme = dict(rows(database, "SELECT id, scheme FROM admin_unit"))
    reform = REFORM_DATE.isoformat()
    used_old = used_new = 0
    for kind, column in DATE_OF.items():
        for unit_id, day in rows(database, f"SELECT unit_id, {column} FROM {TABLE_OF[kind]}"):
            assert unit_id in rolled_up
            if scheme[unit_id] == "pre2025":
                assert day < reform, (kind, unit_id, day)
                used_old += 1
            else:
                assert day >= reform, (kind, unit_id, day)
                used_new += 1
    assert used_old and used_new
    # Recipients belong to their decision's unit; organisers, sources and cases to the same unit.
    assert rows(database, """SELECT count(*) FROM commendation_recipient r
                             JOIN commendation_decision d ON d.id = r.decision_id
                             WHERE r.unit_id != d.unit_id""") == [(0,)]
    assert rows(database, """SELECT count(*) FROM session_organiser so
                             JOIN dissemination_session s ON s.id = so.session_id
                             JOIN organisation o ON o.id = so.organisation_id
                             WHERE o.unit_id != s.unit_id""") == [(0,)]
    assert rows(database, """SELECT count(*) FROM case_source cs
                             JOIN uncovered_case c ON c.id = cs.case_id
                             JOIN information_source s ON s.id = cs.source_id
                             WHERE s.unit_id != c.unit_id OR s.received_on > c.opened_on""") == [(0,)]
    assert {origin for (origin,) in rows(database, "SELECT DISTINCT origin_unit_id FROM dissemination_session")} == {own}


def test_values_are_plausible_and_never_in_the_future(demo3000: Database) -> None:
    database = demo3000
    today = dt.date.today().isoformat()
    for table, column in [(TABLE_OF[k], c) for k, c in DATE_OF.items()] + [
        ("commendation_decision", "period_from"), ("commendation_decision", "period_to"),
        ("typical_recognition", "recognised_on"),
    ]:
        latest = rows(database, f"SELECT max({column}) FROM {table}")[0][0]
        assert latest is not None and latest <= today, (table, column, latest)
    assert rows(database, "SELECT count(*) FROM dissemination_session WHERE member_attendees > attendees"
                          " OR attendees NOT BETWEEN 20 AND 300 OR member_attendees < 0") == [(0,)]
    per_session = rows(database, """SELECT (SELECT count(*) FROM session_organiser o WHERE o.session_id = s.id),
                                           (SELECT count(*) FROM session_topic t WHERE t.session_id = s.id)
                                    FROM dissemination_session s""")
    assert {o for o, _ in per_session} <= {1, 2} and {t for _, t in per_session} <= {1, 2, 3}
    # Police co-organise with a union, as in the reports.
    assert rows(database, """SELECT count(*) FROM (SELECT so.session_id FROM session_organiser so
                             JOIN organisation o ON o.id = so.organisation_id
                             GROUP BY so.session_id HAVING sum(o.kind = 'police') = 1 AND count(*) = 2)""")[0][0] > 0
    per_case = rows(database, "SELECT count(*) FROM case_source GROUP BY case_id")
    assert len(per_case) == count(database, "uncovered_case") and {n for (n,) in per_case} <= {1, 2}
    assert rows(database, """SELECT count(*) FROM information_source s WHERE (s.status = 'led_to_case')
                             != EXISTS (SELECT 1 FROM case_source cs WHERE cs.source_id = s.id)""") == [(0,)]
    assert rows(database, "SELECT count(*) FROM security_model WHERE type = 'security_camera'"
                          " AND (cameras IS NULL OR cameras <= 0)") == [(0,)]
    assert rows(database, "SELECT count(*) FROM commendation_decision d WHERE NOT EXISTS"
                          " (SELECT 1 FROM commendation_recipient r WHERE r.decision_id = d.id)") == [(0,)]
    assert rows(database, "SELECT count(*) FROM commendation_recipient WHERE (kind = 'individual')"
                          " != (title IS NOT NULL)") == [(0,)]
    numbers = rows(database, "SELECT number FROM commendation_decision")
    assert all(re.fullmatch(r"\d+/QĐ-[A-Z]+", n) for (n,) in numbers)
    names = [n for (n,) in rows(database, "SELECT name FROM commendation_recipient WHERE kind = 'individual'")]
    assert any(n.startswith("Nguyễn ") for n in names) and any(" Thị " in n for n in names)


def test_refs_are_unique_per_unit_and_carry_the_year(demo3000: Database) -> None:
    database = demo3000
    for kind, column in DATE_OF.items():
        table = TABLE_OF[kind]
        found = rows(database, f"SELECT unit_id, ref, {column} FROM {table}")
        assert len({(u, r) for u, r, _ in found}) == len(found)
        for _unit, ref, day in found:
            m = re.fullmatch(rf"{PREFIX[kind]}-(\d{{4}})-(\d{{4,}})", ref)
            assert m and m.group(1) == day[:4], (ref, day)
    recipients = rows(database, """SELECT r.decision_id, r.ref, d.decided_on FROM commendation_recipient r
                                   JOIN commendation_decision d ON d.id = r.decision_id""")
    assert len({(d, r) for d, r, _ in recipients}) == len(recipients)
    assert all(re.fullmatch(rf"NK-{day[:4]}-\d{{4}}", ref) for _d, ref, day in recipients)


def test_search_text_is_what_the_orm_would_write(demo3000: Database) -> None:
    with demo3000.sessions() as session:
        for kind, cls in CLASS_OF.items():
            for record in session.scalars(select(cls)):
                values = {f: getattr(record, f) for f in cls.__search_fields__}
                assert record.search_text == search_text_for(cls, values), (kind, record.ref)


def test_same_seed_same_data(db_path: Path, tmp_path: Path) -> None:
    other = copy_database(db_path, tmp_path / "other.sqlite3")

    def snapshot(path: Path, seed: int) -> list[list[tuple]]:
        database = connect(path)
        try:
            make_demo(database, records=1500, seed=seed)
            return [
                rows(database, "SELECT ref, unit_id, held_on, kind, attendees, member_attendees, place, notes"
                               " FROM dissemination_session ORDER BY id"),
                rows(database, "SELECT * FROM session_organiser ORDER BY 1, 2"),
                rows(database, "SELECT ref, unit_id, received_on, category, status FROM information_source ORDER BY id"),
                rows(database, "SELECT * FROM case_source ORDER BY 1, 2"),
                rows(database, "SELECT ref, number, decided_on, authority FROM commendation_decision ORDER BY id"),
                rows(database, "SELECT ref, name, position FROM commendation_recipient ORDER BY id"),
                rows(database, "SELECT ref, name, launched_on FROM security_model ORDER BY id"),
            ]
        finally:
            database.dispose()

    first = snapshot(db_path, 7)
    assert first == snapshot(other, 7)
    third = copy_database(other, tmp_path / "third.sqlite3")
    with sqlite3.connect(third) as con:
        for table in ("session_organiser", "session_topic", "case_source", "typical_recognition",
                      *TABLE_OF.values(), "organisation"):
            con.execute(f"DELETE FROM {table}")
    assert snapshot(third, 8)[0] != first[0]


def test_uids_are_unique_hex(demo3000: Database) -> None:
    uids = [u for t in TABLE_OF.values() for (u,) in rows(demo3000, f"SELECT uid FROM {t}")]
    assert len(set(uids)) == len(uids) == 3000
    assert all(re.fullmatch(r"[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}", u) for u in uids)
    with demo3000.sessions() as session:  # readable as UUIDs by the ORM
        assert session.scalars(select(DisseminationSession.uid)).first().version == 7


@pytest.mark.parametrize("after", [0, 10_000])
def test_cancelling_writes_nothing(database: Database, after: int) -> None:
    calls: list[tuple[int, int]] = []
    result = make_demo(database, records=30_000, progress=lambda d, t: calls.append((d, t)),
                       cancelled=lambda: bool(calls) and calls[-1][0] >= after)
    assert result.cancelled and result.total == 0
    for table in (*TABLE_OF.values(), "organisation", "session_organiser", "session_topic", "case_source",
                  "typical_recognition", "dissemination_session_fts"):
        assert count(database, table) == 0, table
    triggers = {n for (n,) in rows(database, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {f"{t}_{s}" for t in TABLE_OF.values() for s in ("ai", "ad", "au")} <= triggers


def test_progress_is_reported_up_to_the_total(database: Database) -> None:
    calls: list[tuple[int, int]] = []
    make_demo(database, records=25_000, progress=lambda d, t: calls.append((d, t)))
    assert len(calls) > 3
    assert all(t == 25_000 for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == 25_000


def test_database_is_sound_afterwards(demo3000: Database) -> None:
    database = demo3000
    assert rows(database, "PRAGMA integrity_check") == [("ok",)]
    assert rows(database, "PRAGMA foreign_key_check") == []
    with database.engine.begin() as connection:  # the full-text index matches its table
        for table in TABLE_OF.values():
            connection.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
    triggers = {n for (n,) in rows(database, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {f"{t}_{s}" for t in TABLE_OF.values() for s in ("ai", "ad", "au")} <= triggers


def test_full_text_indexes_merge_as_usual_after_the_fill(demo3000: Database) -> None:
    """The fill merges its index's segments less often only while it runs (`BULK_MERGE`): each
    index is left with FTS5's usual settings, so later writes from the window merge as usual."""
    for table in TABLE_OF.values():
        settings = dict(rows(demo3000, f"SELECT k, v FROM {table}_fts_config WHERE k IN ('automerge', 'crisismerge')"))
        assert settings == USUAL_MERGE, table
    assert BULK_MERGE != USUAL_MERGE


def test_search_finds_names_without_accents(demo3000: Database) -> None:
    with demo3000.sessions() as session:
        found = list(session.scalars(select(DisseminationSession).where(
            matches(DisseminationSession, "nguyen", "sqlite"))))
        assert found and all("Nguyễn" in (s.notes or "") for s in found)
        people = list(session.scalars(select(CommendationRecipient).where(
            matches(CommendationRecipient, "Nguyen Thi", "sqlite"))))
        assert people and all("Nguyễn" in p.name and "Thị" in p.name for p in people)
        assert session.scalar(select(func.count()).select_from(InformationSource).where(
            matches(InformationSource, "ma tuy", "sqlite")))


def test_records_made_after_the_demo_are_still_indexed(demo3000: Database) -> None:
    with demo3000.sessions() as session, session.begin():
        unit = session.get(Installation, 1).unit_id
        session.add(DisseminationSession(ref="TT-2026-9999", unit_id=unit, origin_unit_id=unit,
                                         held_on=dt.date(2026, 1, 5), kind="conference", attendees=40,
                                         member_attendees=10, place="Điểm trường Ưởng Quỳnh"))
    with demo3000.sessions() as session:
        hits = session.scalars(select(DisseminationSession.ref).where(
            matches(DisseminationSession, "uong quynh", "sqlite"))).all()
        assert hits == ["TT-2026-9999"]


def test_a_second_run_continues_the_references(demo3000: Database) -> None:
    result = make_demo(demo3000, records=2000, seed=2)
    assert result.total == 2000 and result.organisations == 0
    assert count(demo3000, "dissemination_session") == plan_counts(3000)["sessions"] + result.sessions
    assert count(demo3000, "organisation") == 18
    with demo3000.engine.begin() as connection:  # both runs are in the full-text index
        for kind, table in TABLE_OF.items():
            connection.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
            indexed = connection.exec_driver_sql(
                f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH '{PREFIX[kind].lower()}'").scalar()
            assert indexed == connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() > 0


def test_province_spreads_over_its_communes(database: Database) -> None:
    with database.sessions() as session, session.begin():
        province = session.scalar(select(AdminUnit.id).where(AdminUnit.scheme == "2025", AdminUnit.code == "22"))
        session.execute(update(Installation).values(unit_id=province))
    result = make_demo(database, units=3, records=4000)
    assert len(result.units) == 3
    with database.sessions() as session:
        under = set(session.scalars(select(UnitRollup.unit_id).where(UnitRollup.ancestor_id == province)))
        used = set(session.scalars(select(DisseminationSession.unit_id).distinct()))
        assert used <= under
        schemes = dict(session.execute(select(AdminUnit.id, AdminUnit.scheme).where(AdminUnit.id.in_(used))).all())
        current = {u for u in used if schemes[u] == "2025"}
        assert len(current) == 3 and len(used) > 3
        organisations = session.scalar(select(func.count()).select_from(Organisation))
        assert organisations == 6 * len(set(session.scalars(select(Organisation.unit_id).distinct())))


@pytest.mark.postgres
def test_postgresql_takes_the_same_demo(pg_database: Database) -> None:
    result = make_demo(pg_database, records=2000)
    assert result.total == 2000
    assert result.counts == {kind: count(pg_database, TABLE_OF[kind]) for kind in KINDS}
    with pg_database.sessions() as session, session.begin():  # the id sequences moved on
        unit = session.get(Installation, 1).unit_id
        session.add(DisseminationSession(ref="TT-2026-9999", unit_id=unit, origin_unit_id=unit,
                                         held_on=dt.date(2026, 1, 5), kind="conference", attendees=40,
                                         member_attendees=10, place="Điểm trường Ưởng Quỳnh"))
    with pg_database.sessions() as session:
        assert session.scalars(select(DisseminationSession.ref).where(
            matches(DisseminationSession, "uong quynh", "postgresql"))).all() == ["TT-2026-9999"]
        assert session.scalar(select(func.count()).select_from(CommendationRecipient).where(
            matches(CommendationRecipient, "nguyen", "postgresql")))


def test_session_masks_match_their_links(demo3000: Database) -> None:
    from tests.db.test_models import sessions_with_stale_masks

    assert sessions_with_stale_masks(demo3000) == 0


def test_case_source_kinds_match_their_links(demo3000: Database) -> None:
    """The demo writes links in bulk; the triggers of migration 0009 fill the cases' masks."""
    from tests.services.test_source_kinds import stale_source_kinds, stored_source_kinds

    assert stale_source_kinds(demo3000) == {}
    masks = stored_source_kinds(demo3000).values()
    assert sum(1 for m in masks if m) > 100  # most cases come from sources, of several kinds
    assert len({m for m in masks if m}) > 3
