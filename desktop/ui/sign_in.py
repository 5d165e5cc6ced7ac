"""Signing in: the dialog shown at start-up and after an idle time (`SignInDialog`), and the lock
that hides the window when nobody has touched it for a while (`IdleLock`).

The checks, the growing wait after failed attempts and the audit entries are in
`desktop.services.accounts.authenticate`; this module shows them. While a wait runs, the button
stays disabled and the time left counts down.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.services.permissions import Actor
from desktop.ui.field_errors import error_label
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import show_error

if TYPE_CHECKING:  # SQLAlchemy is imported when a dialog first signs in, not with the window
    from desktop.services.accounts import SignIn, UserInfo
    from desktop.services.installation import Database



def utcnow() -> dt.datetime:
    """Naive UTC, as db.models.utcnow (the times the accounts service stores)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)



class SignInDialog(Retranslating, QDialog):
    """Asks for a user name and password. Accepted on a good sign-in, with `.actor` (who the
    window acts for) and `.user` (the account, without its hash). With `username` given (the
    idle lock) the name is fixed: only that user can take the window back."""

    def __init__(self, database: Database, parent: QWidget | None = None, *, username: str | None = None,
                 clock: Callable[[], dt.datetime] = utcnow) -> None:
        super().__init__(parent)
        self.database = database
        self.clock = clock  # tests move time on instead of waiting
        self.locked_for = username
        self.actor: Actor | None = None
        self.user: UserInfo | None = None
        self.wait_until: dt.datetime | None = None
        self.setModal(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.message = error_label()
        self.countdown_label = QLabel()
        self.countdown_label.hide()
        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.quit_button = QPushButton()
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Enter is handled by the fields (name → password → sign in), not by a default button,
        # so one key press never both moves on and submits.
        for button in (self.sign_in_button, self.quit_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.sign_in_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)
        self.username.returnPressed.connect(self._name_entered)
        self.password.returnPressed.connect(self.submit)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.buttons)
        if username:
            self.username.setText(username)
            self.username.setReadOnly(True)
            self.password.setFocus()
        else:
            self.username.setFocus()
        self.setMinimumWidth(380)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.locked_for:
            self.setWindowTitle(self.tr("Đã khóa"))
            self.intro.setText(self.tr("Cửa sổ đã khóa vì lâu không dùng. Nhập mật khẩu để tiếp tục."))
        else:
            self.setWindowTitle(self.tr("Đăng nhập"))
            self.intro.setText(self.tr("Đăng nhập để dùng Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc."))
        self.username_label.setText(self.tr("&Tên đăng nhập:"))
        self.password_label.setText(self.tr("&Mật khẩu:"))
        self.sign_in_button.setText(self.tr("Đăng nhập"))
        self.quit_button.setText(self.tr("Thoát"))
        self._show_wait()

    # -- signing in -----------------------------------------------------------------------------

    def _name_entered(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def waiting(self) -> int:
        """Seconds left before the next attempt is looked at (0: none)."""
        if self.wait_until is None:
            return 0
        return max(0, math.ceil((self.wait_until - self.clock()).total_seconds()))

    def submit(self) -> None:
        if self.waiting():
            return
        from db.engine import transaction
        from desktop.services.accounts import authenticate
        from desktop.services.progress import is_environment_error

        try:
            with transaction(self.database.sessions) as session:
                result = authenticate(session, self.username.text(), self.password.text(), now=self.clock())
        except Exception as problem:
            if not is_environment_error(problem):
                raise
            show_error(self, problem)  # a locked or read-only database file: said plainly
            return
        self.password.clear()
        self.show_result(result)

    def show_result(self, result: SignIn) -> None:
        if result.ok:
            self.actor, self.user = result.actor, result.user
            self.message.hide()
            self.accept()
            return
        self.message.setText(result.message)
        self.message.show()
        self.wait_until = self.clock() + dt.timedelta(seconds=result.wait) if result.wait else None
        if result.wait:
            self.countdown.start()
        self._show_wait()
        self.password.setFocus()

    def _tick(self) -> None:
        self._show_wait()

    def _show_wait(self) -> None:
        from desktop.services.accounts import duration_text

        left = self.waiting()
        self.sign_in_button.setEnabled(not left)
        self.password.setEnabled(not left)
        if left:
            self.countdown_label.setText(self.tr("Có thể thử lại sau %1.").replace("%1", duration_text(left)))
            self.countdown_label.show()
            return
        if self.wait_until is not None:  # the wait just ended: the old message no longer holds
            self.wait_until = None
            self.countdown.stop()
            self.message.hide()
            self.password.setFocus()
        self.countdown_label.hide()


_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})


class IdleLock(QObject):
    """Locks `window` after `minutes` without keyboard or mouse input (0 or less: never): hides
    its central widget and open dialogs, disables its menus and toolbars, and asks the signed-in
    user's password again (`SignInDialog` with the name fixed). Quitting that dialog closes the
    window. The window needs a `context` (AppContext) with the database and the signed-in
    `actor`; with no database open, or no one signed in (the owner, demo data), it never locks."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, minutes: float) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: SignInDialog | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may shift a restart by 5 %
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None, "IdleLock needs the QApplication"
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        """A new idle time (Settings): counts from now."""
        self.timer.stop()
        self.enabled = minutes > 0
        if self.enabled:
            self.timer.setInterval(max(1, round(minutes * 60_000)))
            if self.dialog is None:
                self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.dialog is None and self.timer.isActive() and event.type() in _INPUT_EVENTS:
            self.timer.start()  # input: the idle time counts again from now
        return False

    def lock(self) -> None:
        context = getattr(self.window, "context", None)
        actor = getattr(context, "actor", None)
        if self.dialog is not None or context is None or actor is None or actor.role == "owner":
            # nothing open, or nobody signed in (demo data, the file's owner): no password to ask
            if self.dialog is None and self.enabled:
                self.timer.start()
            return
        username = actor.username
        self._hidden = [w for w in (self.window.centralWidget(), *self.window.findChildren(QDialog))
                        if w is not None and w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self._disabled = [w for w in (self.window.menuBar(), *self.window.findChildren(QToolBar)) if w.isEnabled()]
        for widget in self._disabled:
            widget.setEnabled(False)
        self.dialog = SignInDialog(context.database, self.window, username=username)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.rejected.connect(self._leave)
        self.dialog.open()
        self.locked.emit()

    def _restore(self) -> None:
        for widget in self._disabled:
            widget.setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._hidden, self._disabled = [], []

    def _unlock(self) -> None:
        dialog = self.dialog
        assert dialog is not None
        context = getattr(self.window, "context", None)
        if context is not None and dialog.actor is not None:
            context.actor = dialog.actor
        self.dialog = None
        dialog.deleteLater()
        self._restore()
        if self.enabled:
            self.timer.start()
        self.unlocked.emit()

    def _leave(self) -> None:
        dialog = self.dialog
        self.dialog = None
        if dialog is not None:
            dialog.deleteLater()
        if not self.window.close():  # the window stayed (unsaved work): it stays locked
            self.lock()
