"""Migrations run in-process, up from an empty database, and back the file up before upgrading."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from db.engine import make_engine
from db.migrate import alembic_config, include_name, current_revision, head_revision, upgrade
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
