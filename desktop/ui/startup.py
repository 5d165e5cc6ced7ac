"""Opening the database the window shows at start-up, on a worker thread (this is where
SQLAlchemy is first imported): the start-up check of a SQLite file (`quick_check`,
`foreign_key_check`), the day's first backup, then the database itself."""
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
class Damaged:
    """The start-up check failed: the window offers a restore before anything else."""

    path: Path
    report: CheckReport


@dataclass
class Opened:
    database: Database
    username: str
    backup_problem: str = ""  # the day's backup failed: said, not fatal


def open_installation(target: str | os.PathLike[str] | None, *, checked: bool = False
                      ) -> Opened | Damaged | None:
    """The database (after its start-up check and the day's first backup, for a SQLite file);
    `Damaged` when the check fails (unless `checked`: the user chose to open it anyway); None
    when the database has no installation or no account yet (a first run: the wizard's turn)."""
    from db.paths import local_file_of
    from desktop.services.accounts import has_users
    from desktop.services.backups import BackupError, backup_if_due
    from desktop.services.checks import startup_check
    from desktop.services.installation import SetupError, open_database

    path = local_file_of(target)
    backup_problem = ""
    if path is not None and path.exists():
        if not checked:
            report = startup_check(path)
            if not report.ok:
                return Damaged(path, report)
        try:
            backup_if_due(path)
        except (BackupError, OSError) as problem:
            backup_problem = str(problem)
    try:
        database = open_database(target)
    except SetupError:
        return None
    with database.sessions() as session:
        ready = has_users(session)
    if not ready:
        database.dispose()
        return None
    return Opened(database, username_of(database), backup_problem)


def username_of(database: Database) -> str:
    """The signed-in user: signing in comes with the accounts issue; until then the
    installation's first administrator, or the operating system's user for a database set up
    from the command line."""
    from desktop.services.accounts import first_admin

    with database.sessions() as session:
        user = first_admin(session)
        return user.username if user else getpass.getuser()
