"""The demo database of the Help menu: a file of its own beside the real one, filled once with
demo records for Phường Hà Tu, so a newcomer can try everything without touching real data."""
from __future__ import annotations

from pathlib import Path

from db.engine import transaction
from db.paths import default_database_path
from desktop.services.accounts import create_admin
from desktop.services.demo import make_demo
from desktop.services.installation import Database, initialise
from desktop.services.progress import Cancelled, Progress

DEMO_UNIT = "06652"  # Phường Hà Tu, Quảng Ninh
DEMO_USER = "demo"
DEMO_PASSWORD = "demo1234"  # demo data only; written in the README


def demo_database_path() -> Path:
    return default_database_path().with_name("antq-demo.sqlite3")


def open_demo_database(progress: Progress, path: Path | None = None) -> Database:
    """Opens the demo database, creating and filling it first when it does not exist. A
    cancelled fill leaves no file behind, so the next attempt starts afresh."""
    path = path or demo_database_path()
    fresh = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    database = initialise(path, DEMO_UNIT).database
    if not fresh:
        return database
    result = make_demo(database, progress=progress.report, cancelled=lambda: progress.cancelled)
    if result.cancelled:
        database.dispose()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise Cancelled()
    with transaction(database.sessions) as session:
        create_admin(session, DEMO_USER, "Người dùng thử", DEMO_PASSWORD, DEMO_PASSWORD)
    return database
