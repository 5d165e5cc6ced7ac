"""Shared fixtures: every test gets its own data folder, a real SQLite file, offscreen Qt."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.i18n import set_language  # noqa: E402
from desktop.services.installation import Database, connect, initialise  # noqa: E402

# Phường Hà Tu (Hạ Long, Quảng Ninh): code 06652 in the 2025 list, which was Phường Hà Phong
# in the old list; the old communes Hà Tu and Hà Phong both merged into it.
HA_TU = "06652"
QUANG_NINH = "22"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("ANTQ_DATA_DIR", str(folder))
    set_language("vi")
    return folder


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An initialised database made once; tests copy it (loading 14,000 units takes a second)."""
    path = tmp_path_factory.mktemp("template") / "antq.sqlite3"
    result = initialise(path, HA_TU)
    result.database.dispose()
    return path


def _copy_sqlite(source: Path, target: Path) -> None:
    import sqlite3

    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "antq.sqlite3"
    _copy_sqlite(template_db, path)
    return path


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    database = connect(db_path)
    yield database
    database.dispose()


def postgres_url() -> str | None:
    return os.environ.get("ANTQ_TEST_POSTGRES_URL")


def _postgres_server() -> str:
    """The server .ci/run starts. Skips with the reason when none is configured, and fails
    instead under CI, where one must be."""
    base = postgres_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail("CI is set but ANTQ_TEST_POSTGRES_URL is not: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server: set ANTQ_TEST_POSTGRES_URL (see .ci/run)")
    return base


@contextmanager
def _postgres_database(template: str | None = None) -> Iterator[str]:
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = _postgres_server()
    name = f"antq_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        suffix = f' TEMPLATE "{template}"' if template else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database."""
    with _postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database initialised once (own unit 06652); tests clone it."""
    from sqlalchemy.engine import make_url

    with _postgres_database() as url:
        result = initialise(url, HA_TU)
        result.database.dispose()
        yield str(make_url(url).database)


@pytest.fixture
def pg_database(pg_template: str) -> Iterator[Database]:
    """An initialised PostgreSQL database of its own, cloned from the template in a moment."""
    with _postgres_database(template=pg_template) as url:
        database = connect(url)
        yield database
        database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database(request: pytest.FixtureRequest, database: Database) -> Database:
    """The test runs twice: on the SQLite file (`database`) and on PostgreSQL (`pg_database`)."""
    if request.param == "sqlite":
        return database
    return request.getfixturevalue("pg_database")
