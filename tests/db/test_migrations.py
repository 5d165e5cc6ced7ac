"""Migrations run in-process, up from an empty database, and back the file up before upgrading."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import alembic_config, current_revision, head_revision, include_name, upgrade
from db.models import Base
from desktop.services.installation import initialise


def _tables(engine) -> set[str]:  # type: ignore[no-untyped-def]
    return {name for name in inspect(engine).get_table_names() if not name.endswith(("_fts", "_data", "_idx",
                                                                                    "_docsize", "_config"))}


def test_upgrade_from_empty_sqlite_builds_every_table(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "empty.sqlite3")
    before, after, backup = upgrade(engine)
    assert before is None and after == head_revision() and backup is None
    assert _tables(engine) == set(Base.metadata.tables) | {"alembic_version"}
    with engine.connect() as connection:
        fts = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%_fts'").scalars().all()
    assert "dissemination_session_fts" in fts
    engine.dispose()


def test_upgrade_from_empty_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    upgrade(engine)
    assert _tables(engine) == set(Base.metadata.tables) | {"alembic_version"}
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_models_match_migrations(tmp_path: Path) -> None:
    """A model change without its migration shows here, not on a user's laptop."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(tmp_path / "diff.sqlite3")
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    engine.dispose()


def test_existing_file_backed_up_before_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    result = initialise(path, "06652")
    engine = result.database.engine
    command.downgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    _, after, backup = upgrade(engine)
    assert after == head_revision()
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    engine.dispose()


def test_reinitialise_keeps_data_and_changes_unit(tmp_path: Path) -> None:
    path = tmp_path / "antq.sqlite3"
    initialise(path, "06652").database.dispose()
    again = initialise(path, "22")
    assert again.unit.name == "Tỉnh Quảng Ninh"
    assert again.backup is None  # nothing to migrate, so nothing to back up
    again.database.dispose()


def test_init_refuses_unknown_or_old_code(tmp_path: Path) -> None:
    from desktop.services.installation import SetupError

    with pytest.raises(SetupError, match="99999"):
        initialise(tmp_path / "a.sqlite3", "99999")
    with pytest.raises(SetupError, match="009"):
        initialise(tmp_path / "b.sqlite3", "009")  # a district code of the old list only


def test_upgrade_fills_session_masks_from_existing_links(tmp_path: Path) -> None:
    from desktop.services.installation import connect
    from tests.db.test_models import sessions_with_stale_masks

    path = tmp_path / "links.sqlite3"
    initialise(path, "06652").database.dispose()
    database = connect(path)
    command.downgrade(alembic_config(database.engine), "0002")
    with database.engine.begin() as connection:
        unit = connection.exec_driver_sql("SELECT unit_id FROM installation").scalar()
        connection.exec_driver_sql(
            "INSERT INTO organisation (id, uid, unit_id, kind, name, deleted) VALUES "
            "(1, 'a1', ?, 'police', 'Công an', 0), (2, 'a2', ?, 'veterans', 'Hội CCB', 0)", (unit, unit))
        connection.exec_driver_sql(
            "INSERT INTO dissemination_session (id, uid, ref, origin_unit_id, created_at, created_by, updated_at,"
            " updated_by, revision, deleted, search_text, unit_id, held_on, kind, attendees, member_attendees)"
            " VALUES (1, 'b1', 'TT-1', ?, '2026-01-01', '', '2026-01-01', '', 1, 0, 'tt 1', ?, '2026-01-05',"
            " 'training', 10, 1)", (unit, unit))
        connection.exec_driver_sql("INSERT INTO session_organiser VALUES (1, 1), (1, 2)")
        connection.exec_driver_sql("INSERT INTO session_topic VALUES (1, 'prostitution'), (1, 'other')")
    upgrade(database.engine)
    with database.engine.connect() as connection:
        masks = connection.exec_driver_sql(
            "SELECT topic_mask, organiser_mask FROM dissemination_session").one()
    assert tuple(masks) == ((1 << 2) | (1 << 8), (1 << 0) | (1 << 4))
    assert sessions_with_stale_masks(database) == 0
    database.dispose()


def test_schema_head_constant_is_alembics_head() -> None:
    from db.migrate import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision()


def test_0006_widens_the_audit_actions_and_keeps_entries(tmp_path: Path) -> None:
    """The audit trail's CHECK is rebuilt by 0006: entries written before stay, the new actions
    are accepted, anything else is still refused."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    engine = make_engine(tmp_path / "audit.sqlite3")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    row = {"at": "2026-01-01 00:00:00", "u": "a", "t": "x", "p": "0" * 64}
    insert = text("INSERT INTO audit_entry (at, username, action, table_name, prev_hash, entry_hash) "
                  "VALUES (:at, :u, :action, :t, :p, :h)")
    with engine.begin() as connection:
        connection.execute(insert, {**row, "action": "create", "h": "1" * 64})
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(insert, {**row, "action": "reveal", "h": "2" * 64})
        assert connection.execute(text("SELECT count(*) FROM audit_entry")).scalar() == 2
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert, {**row, "action": "bogus", "h": "3" * 64})
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_0009_fills_case_source_kinds_from_existing_links(backend: str, request: pytest.FixtureRequest) -> None:
    """Cases entered before 0009 get their masks from their links, and the triggers work after."""
    from tests.services.test_source_kinds import add_case, add_source, bits, stale_source_kinds, stored_source_kinds

    database = request.getfixturevalue("database" if backend == "sqlite" else "pg_database")
    _, police = add_source(database, "police")
    women_id, women = add_source(database, "womens_union")
    add_case(database, [police, women])
    add_case(database, [])
    command.downgrade(alembic_config(database.engine), "0008")
    assert "source_kinds" not in {c["name"] for c in inspect(database.engine).get_columns("uncovered_case")}
    upgrade(database.engine)
    assert sorted(stored_source_kinds(database).values()) == [0, bits("police", "womens_union")]
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE information_source SET deleted = :yes WHERE id = :id"),
                           {"yes": True, "id": women_id})
    assert sorted(stored_source_kinds(database).values()) == [0, bits("police")]
    assert stale_source_kinds(database) == {}


def test_0011_drops_the_lone_unit_indexes_and_searches_by_unit_still_use_an_index(tmp_path: Path) -> None:
    """A record's unit is found through its (unit, reference) index once its own index is gone;
    downgrading brings the indexes back."""
    engine = make_engine(tmp_path / "lone.sqlite3")
    upgrade(engine)
    lone = {"ix_dissemination_session_unit_id", "ix_security_model_unit_id", "ix_information_source_unit_id",
            "ix_uncovered_case_unit_id", "ix_commendation_decision_unit_id", "ix_commendation_recipient_decision_id"}

    def indexes() -> set[str]:
        with engine.connect() as connection:
            return set(connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())

    assert not lone & indexes()
    with engine.connect() as connection:
        for table, column in (("dissemination_session", "unit_id"), ("commendation_recipient", "decision_id")):
            plan = " ".join(row[3] for row in connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE {column} = 7"))
            assert "USING" in plan and "INDEX" in plan and "SCAN" not in plan, plan
    command.downgrade(alembic_config(engine), "0010")
    assert lone <= indexes()
    upgrade(engine)
    assert not lone & indexes()
    engine.dispose()


def test_new_databases_get_larger_pages_and_old_ones_keep_theirs(tmp_path: Path) -> None:
    """`NEW_PAGE_SIZE` is taken by a new file only; a file made before keeps its pages and works."""
    from db.engine import NEW_PAGE_SIZE

    new = make_engine(tmp_path / "new.sqlite3")
    upgrade(new)
    with new.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == NEW_PAGE_SIZE != 4096
    new.dispose()
    old_path = tmp_path / "old.sqlite3"
    with sqlite3.connect(old_path) as old:  # as an earlier version made it
        old.execute("PRAGMA page_size = 4096")
        old.execute("PRAGMA journal_mode = WAL")
        old.execute("CREATE TABLE kept (x)")
    old.close()
    engine = make_engine(old_path)
    upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO kept VALUES (1)")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        assert connection.exec_driver_sql("SELECT count(*) FROM kept").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
