"""Fixtures shared by the service tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.installation import Database
from tests.services.tables_support import import_good, table_counts


@pytest.fixture
def loaded(database: Database, db_path: Path, tmp_path: Path) -> dict[str, int]:
    """The good data already in the database; returns the row counts of every table."""
    import_good(database, tmp_path)
    return table_counts(db_path)
