"""Where the database file lives by default. Kept apart from db.engine (and free of
SQLAlchemy) so that the window can decide at start-up, in a moment, whether this is a first run."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "ANTQLedger"
DB_FILENAME = "antq.sqlite3"


def default_database_path() -> Path:
    """The database file in the user's data folder (never inside the install folder).
    `ANTQ_DATA_DIR` points it elsewhere (tests, portable use)."""
    base = os.environ.get("ANTQ_DATA_DIR")
    folder = Path(base) if base else user_data_path(APP_NAME, appauthor=False)
    return folder / DB_FILENAME


def local_file_of(target: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file `--db` names (a path, a sqlite:/// URL, or None for the default); None
    for a server URL."""
    if target is None:
        return default_database_path()
    text = os.fspath(target)
    if text.startswith("sqlite:///"):
        rest = text.removeprefix("sqlite:///")
        return Path(rest) if rest and rest != ":memory:" else None
    return None if "://" in text else Path(text)
