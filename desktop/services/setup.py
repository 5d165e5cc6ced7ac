"""The first-run steps without the window: finding the own unit in the official current list
before any database exists, and setting up the database with its first administrator. No Qt here.
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass

from db.engine import transaction
from db.models import AdminUnit
from db.reference_units import read_reference
from db.textfold import fold
from db.units import own_unit
from desktop.i18n import t
from desktop.services.accounts import check_account, create_admin, has_users
from desktop.services.installation import (
    Database,
    SetupError,
    initialise,
    open_database,
)
from desktop.services.progress import Progress

Target = str | os.PathLike[str] | None


@dataclass(frozen=True)
class UnitChoice:
    """A unit of the current (2025) list; `province` is empty for a province itself."""

    code: str
    name: str
    province: str

    @property
    def label(self) -> str:
        """The name, with the province that tells same-named communes apart."""
        return f"{self.name} ({self.province})" if self.province else self.name


@dataclass(frozen=True)
class _Entry:
    choice: UnitChoice
    level: int  # 0 commune, 1 province: communes come first
    name: str  # folded name alone
    context: str  # folded name and province, what every typed word is looked for in


_entries: list[_Entry] | None = None
_lock = threading.Lock()


def _load() -> list[_Entry]:
    """The current list, read once per process (about a second: the package's data is parsed)."""
    global _entries
    with _lock:
        if _entries is None:
            units = [u for u in read_reference().units if u.scheme == "2025"]
            names = {u.id: u.name for u in units}
            _entries = [
                _Entry(
                    UnitChoice(u.code, u.name, names[u.parent_id] if u.parent_id else ""),
                    0 if u.level == "commune" else 1,
                    fold(u.name),
                    u.search_text,
                )
                for u in units
            ]
        return _entries


def load_current_units() -> int:
    """Reads the current list ahead of the first search (the wizard calls it off the main
    thread); returns how many units it holds."""
    return len(_load())


def current_units_loaded() -> bool:
    return _entries is not None


def search_current_units(typed: str, limit: int = 20) -> list[UnitChoice]:
    """Units of the current list whose name (with its province) has a word starting with each
    typed word, without regard to accents or case: 'phuong cua nam' → Phường Cửa Nam (Thành
    phố Hà Nội); 'ha tu' does not bring Tuần Châu (whose "chau" merely contains "ha").
    Units matched by their own name come before those matched through their province; then
    the typed words as a whole phrase; then communes before provinces; then by name."""
    words = fold(typed).split()
    if not words:
        return []
    phrase = re.compile(rf"(?<![0-9a-z]){re.escape(' '.join(words))}(?![0-9a-z])")
    found = [e for e in _load() if _starts_words(e.context.split(), words)]
    found.sort(key=lambda e: (
        not all(w in e.name for w in words),
        phrase.search(e.name) is None,
        e.level,
        e.name,
        fold(e.choice.province),
    ))
    return [e.choice for e in found[:limit]]


def _starts_words(name_words: list[str], typed_words: list[str]) -> bool:
    return all(any(word.startswith(typed) for word in name_words) for typed in typed_words)


def _installed_unit(database: Database) -> UnitChoice | None:
    with database.sessions() as session:
        unit = own_unit(session)
        if unit is None:
            return None
        parent = session.get(AdminUnit, unit.parent_id) if unit.parent_id else None
        return UnitChoice(unit.code, unit.name, parent.name if parent is not None else "")


def pending_account(target: Target) -> UnitChoice | None:
    """The own unit of a database that is set up but has no user yet (the wizard then only asks
    for the account); None when there is no installation or it already has users. Creates no
    file."""
    try:
        database = open_database(target)
    except SetupError:
        return None
    try:
        with database.sessions() as session:
            if has_users(session):
                return None
        return _installed_unit(database)
    finally:
        database.dispose()


def needs_first_run(target: Target) -> bool:
    """True when the window must run the first-run wizard: no installation, or no user yet."""
    try:
        database = open_database(target)
    except SetupError:
        return True
    try:
        with database.sessions() as session:
            return not has_users(session)
    finally:
        database.dispose()


def set_up(target: Target, unit_code: str | None, username: str, full_name: str, password: str,
           confirm: str, progress: Progress | None = None) -> Database:
    """Creates the database with its own unit (unless it is already set up without users) and its
    first administrator; returns the open database. Bad account input raises AccountError before
    anything is written."""
    check_account(username, full_name, password, confirm)
    report = progress.report if progress is not None else (lambda done, total: None)
    report(0, 3)
    try:
        database = open_database(target)  # set up already: keep its unit, only add the account
    except SetupError:
        if not unit_code:
            raise
        database = initialise(target, unit_code).database
    report(2, 3)
    try:
        with transaction(database.sessions) as session:
            if has_users(session):
                raise SetupError(t("account_already_set_up"))
            create_admin(session, username, full_name, password, confirm)
    except BaseException:
        database.dispose()
        raise
    report(3, 3)
    return database
