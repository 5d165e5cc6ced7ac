"""The sign-in dialog (typed into as a user would: Enter moves on and submits; the growing wait
shown and counted down) and the idle lock (input keeps the window open; idle time hides it until
the same user's password is given again)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import transaction
from db.models import AuditEntry
from desktop.services.accounts import actor_for, create_admin, create_user
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui import settings
from desktop.ui.context import AppContext
from desktop.ui.sign_in import IdleLock, SignInDialog

PASSWORD = "matkhau-canbo-1"  # typed key by key: QTest types ASCII only
T0 = dt.datetime(2025, 9, 15, 8, 0, 0)


@pytest.fixture
def accounts(database: Database) -> Database:
    with transaction(database.sessions) as session:
        admin = actor_for(create_admin(session, "quantri", "Nguyễn Văn Đức", "quản trị 2025", "quản trị 2025"))
    with transaction(database.sessions) as session:
        create_user(session, admin, "canbo", "Trần Thị Bình", PASSWORD, PASSWORD, "officer")
    return database


def actions(database: Database) -> list[tuple[str, str]]:
    with database.sessions() as session:
        return [(e.username, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_enter_moves_to_the_password_then_signs_in(qtbot: QtBot, accounts: Database) -> None:
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.sign_in_button.text() == "Đăng nhập" and dialog.windowTitle() == "Đăng nhập"
    qtbot.keyClicks(dialog.username, "CanBo")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.password.hasFocus())
    assert dialog.result() != QDialog.DialogCode.Accepted and actions(accounts)[-1][1] == "user"  # nothing tried
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "canbo" and dialog.actor.role == "officer"
    assert dialog.user is not None and dialog.user.full_name == "Trần Thị Bình"
    assert actions(accounts)[-1] == ("canbo", "sign_in")


def test_wrong_password_is_said_and_cleared(qtbot: QtBot, accounts: Database) -> None:
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "canbo")
    qtbot.keyClicks(dialog.password, "sai-roi")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible() and dialog.message.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.password.text() == "" and dialog.actor is None and dialog.isVisible()
    assert actions(accounts)[-1] == ("canbo", "sign_in_failed")


def test_the_growing_wait_is_shown_and_refuses_even_the_right_password(qtbot: QtBot, accounts: Database) -> None:
    clock = Clock()
    dialog = SignInDialog(accounts, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "canbo")
    for _ in range(4):
        qtbot.keyClicks(dialog.password, "sai-roi")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "hãy đợi 2 giây" in dialog.message.text()
    assert dialog.countdown_label.isVisible() and dialog.countdown_label.text() == "Có thể thử lại sau 2 giây."
    assert not dialog.sign_in_button.isEnabled() and not dialog.password.isEnabled()
    tried = len(actions(accounts))
    dialog.password.setText(PASSWORD)
    dialog.submit()  # Enter or a click while waiting: not even looked at
    assert len(actions(accounts)) == tried and dialog.actor is None
    clock.now = T0 + dt.timedelta(seconds=1)
    dialog.countdown.timeout.emit()
    assert dialog.countdown_label.text() == "Có thể thử lại sau 1 giây."
    clock.now = T0 + dt.timedelta(seconds=2)
    dialog.countdown.timeout.emit()
    assert dialog.sign_in_button.isEnabled() and dialog.countdown_label.isHidden() and dialog.message.isHidden()
    assert not dialog.countdown.isActive()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "canbo"


def test_a_disabled_account_is_told_so(qtbot: QtBot, accounts: Database) -> None:
    from desktop.services.accounts import set_active

    with transaction(accounts.sessions) as session:
        set_active(session, Actor("quantri", "administrator"), 2, False)
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "canbo")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "đã bị khóa" in dialog.message.text() and dialog.actor is None


def test_lock_dialog_fixes_the_name(qtbot: QtBot, accounts: Database) -> None:
    dialog = SignInDialog(accounts, username="canbo")
    qtbot.addWidget(dialog)
    assert dialog.username.isReadOnly() and dialog.username.text() == "canbo"
    assert dialog.windowTitle() == "Đã khóa" and "lâu không dùng" in dialog.intro.text()


def test_idle_minutes_is_a_declared_setting() -> None:
    assert settings.read(settings.IDLE_MINUTES) == 15
    settings.write(settings.IDLE_MINUTES, 5)
    assert settings.read(settings.IDLE_MINUTES) == 5


@pytest.fixture
def window(qtbot: QtBot, accounts: Database) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hồ sơ mật"))
    window.menuBar().addMenu("Tệp")
    window.context = AppContext(accounts, "canbo", window)  # type: ignore[attr-defined]
    window.context.actor = Actor("canbo", "officer")  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_input_restarts_the_idle_time(qtbot: QtBot, window: QMainWindow) -> None:
    lock = IdleLock(window, 1)
    assert lock.timer.isActive() and lock.timer.interval() == 60_000
    qtbot.waitUntil(lambda: lock.timer.remainingTime() < 59_900)
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_A)
    assert lock.timer.remainingTime() > 59_900 and not lock.is_locked
    never = IdleLock(window, 0)
    assert not never.timer.isActive()
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_A)
    assert not never.timer.isActive()


def test_idle_time_locks_until_the_password(qtbot: QtBot, window: QMainWindow) -> None:
    form = QDialog(window)
    form.setWindowTitle("Phiếu đang nhập")
    form.show()
    lock = IdleLock(window, 0.002)  # 120 ms
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    assert lock.is_locked and lock.dialog is not None
    assert window.centralWidget().isHidden() and form.isHidden() and not window.menuBar().isEnabled()
    assert lock.dialog.username.text() == "canbo" and lock.dialog.username.isReadOnly()
    qtbot.keyClicks(lock.dialog.password, "sai-roi")
    qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Return)
    assert lock.is_locked and window.centralWidget().isHidden()
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClicks(lock.dialog.password, PASSWORD)
        qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Return)
    assert not lock.is_locked and window.centralWidget().isVisible() and form.isVisible()
    assert window.menuBar().isEnabled() and lock.timer.isActive()
    assert window.context.actor.unit_id is not None  # type: ignore[attr-defined]  # the signed-in actor again
    lock.set_minutes(0)


def test_quitting_the_lock_closes_the_window(qtbot: QtBot, window: QMainWindow) -> None:
    lock = IdleLock(window, 60)
    lock.lock()
    assert lock.dialog is not None
    qtbot.mouseClick(lock.dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and not lock.is_locked
    assert QApplication.instance() is not None


def test_nobody_signed_in_means_no_lock(qtbot: QtBot, window: QMainWindow) -> None:
    window.context.actor = Actor("demo", "owner")  # type: ignore[attr-defined]  # demo data: no account
    lock = IdleLock(window, 60)
    lock.lock()
    assert not lock.is_locked and window.centralWidget().isVisible() and lock.timer.isActive()
