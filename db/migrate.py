"""Alembic, run in-process from the migrations shipped inside `db/` (never as a subprocess, so it
works the same when frozen). An existing SQLite file is backed up before it is upgraded."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from db.engine import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration, so that opening an up-to-date database need not load Alembic (a third
# of the start-up time of a command); tests check it against Alembic's own head.
SCHEMA_HEAD = "0006"


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate compares our tables only: the FTS5 index and its shadow tables are made by
    hand in migration 0002."""
    return not (type_ == "table" and name is not None and "_fts" in name)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None for an empty database), read without Alembic."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            return None


def backup_sqlite(engine: Engine, label: str) -> Path | None:
    """A consistent copy made with SQLite's backup API (never a file copy of a live database)."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or not path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        destination.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine) -> tuple[str | None, str, Path | None]:
    """Brings the database to the newest schema. Returns (from, to, backup file or None)."""
    before = current_revision(engine)
    if before == SCHEMA_HEAD:
        return before, before, None
    from alembic import command

    head = head_revision()
    backup = None
    if before != head:
        has_tables = bool(inspect(engine).get_table_names())
        if has_tables:
            backup = backup_sqlite(engine, f"before-{head}")
        command.upgrade(alembic_config(engine), "head")
    return before, head, backup
