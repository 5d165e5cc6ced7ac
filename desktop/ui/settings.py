"""The user's preferences and the window's state, kept by QSettings (STYLE point 8).

Every preference is declared once below, with its type and default; window geometry and column
layouts are kept apart, under "window/" and "columns/", because they are state, not choices. The
settings carry a version: `upgrade_settings()` moves an older file forward once at start-up.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "ANTQLedger"
APPLICATION = "ANTQ Ledger"
SETTINGS_VERSION = 1

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T


LANGUAGE = Setting("preferences/language", str, "vi")
LAST_DATABASE = Setting("preferences/last_database", str, "")
LAST_FOLDER = Setting("preferences/last_folder", str, "")
PAGE = Setting("window/page", int, 0)
# Minutes without input before the window locks and asks for the password again (0: never).
IDLE_MINUTES = Setting("preferences/idle_minutes", int, 15)


def settings() -> QSettings:
    """The application's settings (an INI file in the user's config folder; tests point it at a
    temporary folder with `QSettings.setPath`)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def read(setting: Setting[T]) -> T:
    value = settings().value(setting.key, setting.default, type=setting.type)
    return value if isinstance(value, setting.type) else setting.default


def write(setting: Setting[T], value: T) -> None:
    settings().setValue(setting.key, value)


def read_state(key: str) -> QByteArray | None:
    """Saved window or column state (`window/geometry`, `columns/sessions`, …)."""
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def write_state(key: str, state: QByteArray) -> None:
    settings().setValue(key, state)


def upgrade_settings() -> None:
    """Brings a settings file of an older version to this one (nothing to move yet)."""
    store = settings()
    if store.value("version", 0, type=int) < SETTINGS_VERSION:
        store.setValue("version", SETTINGS_VERSION)
