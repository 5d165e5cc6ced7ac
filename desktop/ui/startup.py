"""Opening the database the window shows at start-up (on a worker thread: this is where
SQLAlchemy is first imported), and who is signed in."""
from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.services.installation import Database


def open_installation(target: str | os.PathLike[str] | None) -> tuple[Database, str] | None:
    """The database and the signed-in user; None when the database has no installation or no
    account yet (a first run: the wizard sets both up)."""
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
    return database, username_of(database)


def username_of(database: Database) -> str:
    """The signed-in user: signing in comes with the accounts issue; until then the
    installation's first administrator, or the operating system's user for a database set up
    from the command line."""
    from desktop.services.accounts import first_admin

    with database.sessions() as session:
        user = first_admin(session)
        return user.username if user else getpass.getuser()
