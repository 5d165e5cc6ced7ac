"""Alembic, run in-process from the migrations shipped inside `db/` (never as a subprocess, so it
works the same when frozen). An existing SQLite file is backed up before it is upgraded."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from db.engine import sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate compares our tables only: the FTS5 index and its shadow tables are made by
    hand in migration 0002."""
    return not (type_ == "table" and name is not None and "_fts" in name)


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


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
    head = head_revision()
    backup = None
    if before != head:
        has_tables = bool(inspect(engine).get_table_names())
        if has_tables:
            backup = backup_sqlite(engine, f"before-{head}")
        command.upgrade(alembic_config(engine), "head")
    return before, head, backup
