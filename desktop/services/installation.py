"""Opening, creating and upgrading the database, and this installation's own unit."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from db.engine import database_url, make_engine, make_session_factory, sqlite_path, transaction
from db.migrate import upgrade
from db.models import AdminUnit, Installation
from db.reference_units import load_reference, source_label
from db.units import find_unit
from desktop.i18n import t


class SetupError(Exception):
    """A problem the user can fix (wrong unit code, database not initialised)."""


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


@dataclass
class InitResult:
    database: Database
    unit: AdminUnit
    revision: str
    backup: Path | None


def connect(target: str | os.PathLike[str] | None = None) -> Database:
    engine = make_engine(target)
    return Database(engine, make_session_factory(engine))


def open_database(target: str | os.PathLike[str] | None = None) -> Database:
    """An existing, initialised database brought to the current schema (backed up first)."""
    path = sqlite_path(database_url(target))
    if path is not None and not path.exists():
        raise SetupError(t("no_installation"))  # and create no empty file on the way
    database = connect(target)
    upgrade(database.engine)
    with database.sessions() as session:
        if session.get(Installation, 1) is None:
            database.dispose()
            raise SetupError(t("no_installation"))
    return database


def initialise(target: str | os.PathLike[str] | None, unit_code: str) -> InitResult:
    """Creates or upgrades the database, loads the unit lists once, and sets the own unit (a code
    of the current, 2025 list)."""
    path = sqlite_path(database_url(target))
    created = path is not None and not path.exists()
    database = connect(target)
    _before, revision, backup = upgrade(database.engine)
    with transaction(database.sessions) as session:
        if session.scalar(select(func.count()).select_from(AdminUnit)) == 0:
            load_reference(session)
        unit = find_unit(session, unit_code)
        if unit is None:
            database.dispose()
            if created:  # a refused first `init` leaves no empty database behind
                for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    leftover.unlink(missing_ok=True)
            raise SetupError(t("unit_not_current", value=unit_code))
        installation = session.get(Installation, 1)
        if installation is None:
            session.add(Installation(id=1, unit_id=unit.id, reference_data=source_label()))
        else:
            installation.unit_id = unit.id
    return InitResult(database, unit, revision, backup)
