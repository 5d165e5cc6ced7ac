"""Opening the database the window shows at start-up, on a worker thread (this is where
SQLAlchemy is first imported), and, once it is shown, its start-up check and the day's first
backup, in the background."""
from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.services.checks import CheckReport
    from desktop.services.installation import Database


@dataclass
class Opened:
    database: Database
    username: str


def open_installation(target: str | os.PathLike[str] | None) -> Opened | None:
    """The database, brought to the current schema; None when it has no installation or no
    account yet (a first run: the wizard's turn)."""
    from desktop.services.accounts import has_users
    from desktop.services.installation import SetupError, open_database

    try:
        database = open_database(target)
    except SetupError:
        return None
    with database.sessions() as session:
        ready = has_users(session)
    if not ready:
        database.dispose()
        return None
    return Opened(database, username_of(database))


@dataclass
class Checked:
    report: CheckReport
    backup_problem: str = ""  # the day's backup failed: said, not fatal


def check_and_back_up(path: Path) -> Checked:
    """The start-up check of a SQLite file (`quick_check`, `foreign_key_check`), then, when it
    holds, the day's first backup. Run in the background once the window shows the database:
    on a province's million records `quick_check` alone reads the whole file (seconds)."""
    from desktop.services.backups import BackupError, backup_if_due
    from desktop.services.checks import startup_check

    report = startup_check(path)
    if not report.ok:
        return Checked(report)
    try:
        backup_if_due(path)
    except (BackupError, OSError) as problem:
        return Checked(report, str(problem))
    return Checked(report)


def username_of(database: Database) -> str:
    """The signed-in user: signing in comes with the accounts issue; until then the
    installation's first administrator, or the operating system's user for a database set up
    from the command line."""
    from desktop.services.accounts import first_admin

    with database.sessions() as session:
        user = first_admin(session)
        return user.username if user else getpass.getuser()
