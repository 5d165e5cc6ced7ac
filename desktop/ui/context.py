"""What every page and dialog of the window shares: the open database, the installation's own
unit, the signed-in user, the undo stack, and the signals that keep the pages in step."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db.models import AdminUnit
from db.units import own_unit
from desktop.i18n import language
from desktop.services.installation import Database
from desktop.services.permissions import Actor, Permission


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    scheme: str


class AppContext(QObject):
    """Created by the main window for one open database. Pages read `database` and open one
    short session per action (never keep one); after changing records they call
    `records_changed.emit(kind)` so that lists and the overview refresh."""

    records_changed = Signal(str)  # a record kind of desktop.services.listing.KINDS
    language_changed = Signal(str)  # "vi" or "en", after the translators were swapped

    def __init__(self, database: Database, username: str, parent: QObject | None = None,
                 actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.username = username
        # Who the window's actions run for: the signed-in user's role; without a sign-in (tests,
        # screenshots) the owner of the file, as on the command line.
        self.actor = actor or Actor(username, "owner")
        self.undo_stack = QUndoStack(self)
        with database.sessions() as session:
            unit: AdminUnit | None = own_unit(session)
            self.own_unit = UnitInfo(unit.id, unit.code, unit.name, unit.scheme) if unit else None

    @property
    def lang(self) -> str:
        return language()

    def may(self, permission: Permission) -> bool:
        return self.actor.may(permission)
