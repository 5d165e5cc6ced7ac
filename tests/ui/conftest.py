"""Qt tests keep their settings in a temporary folder, never the user's; some need demo data."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.services.installation import Database, connect
from tests.conftest import _copy_sqlite


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "settings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return folder


@pytest.fixture(scope="session")
def demo_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The initialised database with 600 demo records for Phường Hà Tu, made once."""
    from desktop.services.demo import make_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    _copy_sqlite(template_db, path)
    database = connect(path)
    make_demo(database)
    database.dispose()
    return path


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    _copy_sqlite(demo_template, path)
    return path


@pytest.fixture
def demo_database(demo_path: Path) -> Iterator[Database]:
    database = connect(demo_path)
    yield database
    database.dispose()
