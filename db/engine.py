"""Engines and sessions: SQLite in the user's data folder by default, PostgreSQL by URL.

SQLite is set up for safety first (WAL, synchronous=FULL, foreign keys, a busy timeout) and
with SQLAlchemy's recipe for real transactions: pysqlite's own implicit BEGIN handling is
switched off and SQLAlchemy emits BEGIN itself, so SAVEPOINTs and rollbacks mean what they say.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.paths import APP_NAME, DB_FILENAME, default_database_path  # noqa: F401 - re-exported
from db.textfold import fold

BUSY_TIMEOUT_MS = 10_000
# The page size of a database created here. A million records imported from a hundred packages
# change index pages all over each table, and each batch writes every page it changed: with
# 16 KiB pages fewer of them (probe runs taken in turn: 64.7 s against 67.5 s on average; plain
# inserts of the same rows 27–28 s against 30–32 s). The application's lists and searches take
# the same time either way (bench.ui, bench/README.md eighth round).
NEW_PAGE_SIZE = 16384


def database_url(target: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL for `--db`: a URL as given, a path as a SQLite file, None as the default."""
    if target is None:
        return f"sqlite:///{default_database_path()}"
    text = os.fspath(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Only a new, empty file takes it (an existing one keeps its pages): fewer, larger pages
        # for the indexes a province's import writes all over (see NEW_PAGE_SIZE).
        cursor.execute(f"PRAGMA page_size = {NEW_PAGE_SIZE}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten with zeros
        cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB
        cursor.close()
        dbapi_connection.create_function("antq_fold", 1, fold, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")


def make_engine(target: str | os.PathLike[str] | None = None, *, echo: bool = False) -> Engine:
    url = database_url(target)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session for one user action: commit if the block ends normally, else roll back."""
    with factory() as session, session.begin():
        yield session
