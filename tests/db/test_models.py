"""Models and their database constraints, on a real SQLite file and on PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import (
    AdminUnit,
    Base,
    CommendationDecision,
    CommendationRecipient,
    DisseminationSession,
    Organisation,
    SecurityModel,
    Topic,
    UnitRollup,
    UnitSuccession,
)
from db.units import find_unit, own_unit
from desktop.services.installation import Database, connect


def _session_values(session: Session, **overrides: object) -> DisseminationSession:
    unit = own_unit(session)
    assert unit is not None
    values: dict[str, object] = dict(
        ref="TT-2026-0001", origin_unit_id=unit.id, unit_id=unit.id, held_on=dt.date(2026, 1, 5),
        kind="training", attendees=100, member_attendees=40,
    )
    values.update(overrides)
    return DisseminationSession(**values)


def test_reference_units_loaded_with_both_lists(any_database: Database) -> None:
    with any_database.sessions() as session:
        counts = dict(session.execute(
            select(AdminUnit.scheme, func.count()).where(AdminUnit.level != "district").group_by(AdminUnit.scheme)
        ).all())
        # 34 provinces + 3,321 communes; 63 provinces + 10,035 communes before the reform.
        assert counts == {"2025": 34 + 3321, "pre2025": 63 + 10035}
        assert session.scalar(select(func.count()).select_from(AdminUnit).where(AdminUnit.level == "district")) == 696


def test_reused_code_means_different_units_by_date(any_database: Database) -> None:
    with any_database.sessions() as session:
        before = find_unit(session, "06652", dt.date(2024, 7, 18))
        after = find_unit(session, "06652", dt.date(2025, 7, 1))
        assert before is not None and after is not None
        assert before.name == "Phường Hà Phong"
        assert after.name == "Phường Hà Tu"
        # Hà Phong merged into today's Hà Tu, so its records roll up there.
        assert session.get(UnitRollup, (after.id, before.id)) is not None
        primary = session.scalar(select(UnitSuccession.new_unit_id).where(
            UnitSuccession.old_unit_id == before.id, UnitSuccession.is_primary.is_(True)))
        assert primary == after.id


def test_every_old_commune_has_exactly_one_primary_successor(database: Database) -> None:
    with database.sessions() as session:
        per_unit = session.execute(
            select(UnitSuccession.old_unit_id, func.count())
            .where(UnitSuccession.is_primary.is_(True))
            .group_by(UnitSuccession.old_unit_id)
        ).all()
        assert len(per_unit) == 10035 + 5  # communes and the five island districts without communes
        assert {n for _, n in per_unit} == {1}


def test_record_gets_uid_revision_and_timestamps(any_database: Database) -> None:
    with any_database.sessions() as session, session.begin():
        record = _session_values(session)
        session.add(record)
        session.flush()
        assert record.uid.version == 7
        assert record.revision == 1 and record.deleted is False
        assert record.created_at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)


@pytest.mark.parametrize(
    "overrides",
    [
        {"attendees": -1, "member_attendees": 0},
        {"member_attendees": -1},
        {"attendees": 10, "member_attendees": 11},
        {"kind": "party"},
        {"held_on": dt.date(1900, 1, 1)},
        {"revision": 0},
        {"unit_id": 99_999_999},
    ],
    ids=["negative-attendees", "negative-members", "members-over-attendees", "unknown-kind",
         "date-out-of-range", "revision-zero", "missing-unit"],
)
def test_database_refuses_what_validation_refuses(any_database: Database, overrides: dict[str, object]) -> None:
    with any_database.sessions() as session:
        session.add(_session_values(session, **overrides))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
        assert session.scalar(select(func.count()).select_from(DisseminationSession)) == 0


def test_ref_unique_per_unit_not_globally(any_database: Database) -> None:
    with any_database.sessions() as session:
        other = find_unit(session, "06661")  # another commune of Quảng Ninh
        assert other is not None
        session.add(_session_values(session))
        session.add(_session_values(session, unit_id=other.id))
        session.flush()
        session.add(_session_values(session))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_other_code_checks(any_database: Database) -> None:
    with any_database.sessions() as session:
        unit = own_unit(session)
        assert unit is not None
        bad = [
            SecurityModel(ref="MH-1", origin_unit_id=unit.id, unit_id=unit.id, type="tank", name="x"),
            SecurityModel(ref="MH-2", origin_unit_id=unit.id, unit_id=unit.id, type="other", name="x",
                          cameras=-2),
            Organisation(unit_id=unit.id, kind="party", name="x"),
            CommendationDecision(ref="KT-1", origin_unit_id=unit.id, unit_id=unit.id, number="1/QĐ",
                                 decided_on=dt.date(2024, 7, 18), authority="UBND", form="medal"),
            CommendationDecision(ref="KT-2", origin_unit_id=unit.id, unit_id=unit.id, number="2/QĐ",
                                 decided_on=dt.date(2024, 7, 18), authority="UBND", form="merit_diploma",
                                 period_from=dt.date(2024, 1, 1), period_to=dt.date(2019, 1, 1)),
        ]
        for record in bad:
            with session.begin_nested():
                session.add(record)
                with pytest.raises(IntegrityError):
                    session.flush()


def test_recipient_title_and_kind_checked(any_database: Database) -> None:
    with any_database.sessions() as session:
        unit = own_unit(session)
        assert unit is not None
        decision = CommendationDecision(ref="KT-1", origin_unit_id=unit.id, unit_id=unit.id, number="1/QĐ",
                                        decided_on=dt.date(2024, 7, 18), authority="UBND",
                                        form="certificate_of_merit")
        session.add(decision)
        session.flush()
        good = CommendationRecipient(ref="NK-1", origin_unit_id=unit.id, decision_id=decision.id,
                                     kind="individual", name="Nguyễn Thị Hường", title="ms")
        session.add(good)
        session.flush()
        for field, value in (("title", "Sir"), ("kind", "family")):
            with session.begin_nested():
                bad = CommendationRecipient(ref=f"NK-{field}", origin_unit_id=unit.id, decision_id=decision.id,
                                            kind="individual", name="x")
                setattr(bad, field, value)
                session.add(bad)
                with pytest.raises(IntegrityError):
                    session.flush()


def test_sqlite_file_settings(db_path) -> None:  # type: ignore[no-untyped-def]
    database = connect(db_path)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    database.dispose()


def test_rollback_really_rolls_back_on_sqlite(database: Database) -> None:
    """SQLAlchemy's SQLite transaction recipe: a failed block leaves nothing behind."""
    with pytest.raises(RuntimeError):
        with database.sessions() as session, session.begin():
            session.add(_session_values(session))
            session.flush()
            raise RuntimeError("power cut")
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(DisseminationSession)) == 0
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_topics_catalogue_seeded(any_database: Database) -> None:
    with any_database.sessions() as session:
        codes = list(session.scalars(select(Topic.code).order_by(Topic.sort_order)))
        assert codes[:3] == ["drugs", "human_trafficking", "prostitution"]
        assert len(codes) == 9


MASKS_FROM_LINKS = """
SELECT count(*) FROM dissemination_session s
WHERE s.topic_mask != COALESCE((SELECT SUM(1 << t.bit) FROM session_topic st
                                JOIN topic t ON t.code = st.topic_code WHERE st.session_id = s.id), 0)
   OR s.organiser_mask != COALESCE((SELECT SUM(DISTINCT 1 << (CASE o.kind
        WHEN 'police' THEN 0 WHEN 'fatherland_front' THEN 1 WHEN 'womens_union' THEN 2
        WHEN 'farmers_union' THEN 3 WHEN 'veterans' THEN 4 WHEN 'youth_union' THEN 5 ELSE 6 END))
        FROM session_organiser so JOIN organisation o ON o.id = so.organisation_id
        WHERE so.session_id = s.id AND NOT o.deleted), 0)
"""


def sessions_with_stale_masks(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.exec_driver_sql(MASKS_FROM_LINKS).scalar() or 0)


def test_masks_follow_organisers_and_topics(any_database: Database) -> None:
    with any_database.sessions() as session, session.begin():
        unit = own_unit(session)
        assert unit is not None
        police = Organisation(unit_id=unit.id, kind="police", name="Công an phường Hà Tu")
        women = Organisation(unit_id=unit.id, kind="womens_union", name="Hội LHPN phường Hà Tu")
        record = _session_values(session, organisers=[police, women],
                                 topics=[session.get_one(Topic, "drugs"), session.get_one(Topic, "hiv_aids")])
        session.add(record)
        session.flush()
        assert record.organiser_mask == 0b101 and record.topic_mask == 0b1001
    with any_database.sessions() as session, session.begin():
        record = session.scalars(select(DisseminationSession)).one()
        record.topics = [session.get_one(Topic, "fire_safety")]  # only a collection changes
    with any_database.sessions() as session:
        assert session.scalars(select(DisseminationSession.topic_mask)).one() == 1 << 7
    assert sessions_with_stale_masks(any_database) == 0


def test_new_topic_takes_the_next_free_bit(any_database: Database) -> None:
    with any_database.sessions() as session, session.begin():
        topic = Topic(code="school_safety", label_vi="an toàn trường học", label_en="school safety",
                      sort_order=99)
        session.add(topic)
        session.flush()
        assert topic.bit == 9


def test_triggers_survive_every_migration(database: Database) -> None:
    """The full-text index's triggers (migration 0002) on every searchable table, and the
    triggers keeping `UncoveredCase.source_kinds` (0009): a later migration that rebuilt a
    table would drop its triggers with it."""
    searchable = [m.local_table.name for m in Base.registry.mappers if hasattr(m.class_, "__search_fields__")]
    assert len(searchable) == 6
    with database.engine.connect() as connection:
        triggers = set(connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    assert triggers == {f"{table}_{suffix}" for table in searchable for suffix in ("ai", "ad", "au")} | {
        "case_source_kinds_ai", "case_source_kinds_ad", "case_source_kinds_au", "information_source_kinds_au",
        "organisation_kinds_au"}
