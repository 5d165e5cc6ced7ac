"""The Settings page: tabs by permission, the idle time, changing one's own password."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from db.engine import transaction
from desktop.services.accounts import create_admin, verify_password
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui import settings
from desktop.ui.context import AppContext
from desktop.ui.pages.settings_page import SettingsPage

OLD, NEW = "mat-khau-cu-1", "mat-khau-moi-2"


def make_page(qtbot: QtBot, database: Database, actor: Actor) -> SettingsPage:
    page = SettingsPage(AppContext(database, actor.username, actor=actor))
    qtbot.addWidget(page)
    page.show()
    return page


def test_tabs_follow_the_role(qtbot: QtBot, database: Database) -> None:
    assert set(make_page(qtbot, database, Actor("quan.tri", "administrator")).tabs) == {
        "users", "backups", "approvals", "audit", "templates"}
    assert set(make_page(qtbot, database, Actor("chi.huy", "commander")).tabs) == {"approvals", "audit", "templates"}
    assert set(make_page(qtbot, database, Actor("can.bo", "officer")).tabs) == {"templates"}


def test_idle_minutes_are_kept_and_announced(qtbot: QtBot, database: Database) -> None:
    page = make_page(qtbot, database, Actor("can.bo", "officer"))
    with qtbot.waitSignal(page.idle_minutes_chosen) as chosen:
        page.general.idle.setValue(5)
    assert chosen.args == [5] and settings.read(settings.IDLE_MINUTES) == 5


def test_changing_ones_own_password(qtbot: QtBot, database: Database) -> None:
    with transaction(database.sessions) as session:
        create_admin(session, "quan.tri", "Quản trị", OLD, OLD)
    page = make_page(qtbot, database, Actor("quan.tri", "administrator"))
    dialog = page.general.change_password()
    qtbot.keyClicks(dialog.old, "sai-mat-khau")
    qtbot.keyClicks(dialog.password, NEW)
    qtbot.keyClicks(dialog.confirm, NEW)
    dialog.submit()
    assert dialog.isVisible() and dialog.errors["old_password"].isVisible()  # the message at its field
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, OLD)
    dialog.submit()
    assert not dialog.isVisible()
    from sqlalchemy import select

    from db.models import User

    with database.sessions() as session:
        assert verify_password(session.scalar(select(User.password_hash)), NEW)
