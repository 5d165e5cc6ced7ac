"""Giving a commander the identity key (from the Users page): a commander who holds it picks
their name and types their password, which opens it; the receiving commander types their own
sign-in password, which it is wrapped under. Both sit at the desk with the administrator — no
password is ever shown, kept or written. The work is `desktop.services.key_grants.grant_key`;
a wrong password is said under its field and the dialog stays open.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.engine import transaction
from desktop.i18n import t
from desktop.services.accounts import AccountError, UserInfo
from desktop.services.key_grants import grant_key, key_holders
from desktop.services.keys import KeyProblem
from desktop.services.permissions import Actor, PermissionDenied
from desktop.ui.context import AppContext
from desktop.ui.field_errors import error_label, show_message
from desktop.ui.retranslate import Retranslating


class GrantKeyDialog(Retranslating, QDialog):
    """The granting commander (a combo of the active commanders holding the key) and their
    password; the receiving commander's sign-in password."""

    FIELDS = ("granter", "granter_password", "grantee_password")

    def __init__(self, context: AppContext, actor: Actor, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.actor, self.user = context, actor, user
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.granter = QComboBox()
        with context.database.sessions() as session:
            try:
                holders = key_holders(session, actor)
            except PermissionDenied:
                holders = []
        for holder in holders:
            self.granter.addItem(f"{holder.username} — {holder.full_name}", holder.id)
        self.granter_password, self.grantee_password = QLineEdit(), QLineEdit()
        for field in (self.granter_password, self.grantee_password):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.labels = {name: QLabel() for name in self.FIELDS}
        self.errors = {name: error_label() for name in self.FIELDS}
        for name, field in zip(self.FIELDS, (self.granter, self.granter_password, self.grantee_password), strict=True):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(self.errors[name])
            self.labels[name].setBuddy(field)
            self.form.addRow(self.labels[name], box)
        self.general = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()
        if not holders:  # nobody can open the key: say so rather than fail on OK
            show_message(self.errors["granter"], t("grant_no_granter"))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def retranslate_ui(self) -> None:
        name = self.user.username
        self.setWindowTitle(self.tr("Cấp khóa xem danh tính cho %1").replace("%1", name))
        self.intro.setText(self.tr(
            "Một chỉ huy đang giữ khóa gõ mật khẩu của mình để mở khóa; %1 gõ mật khẩu đăng nhập của mình để "
            "nhận một bản khóa riêng. Quản trị viên không cần và không thấy mật khẩu nào.").replace("%1", name))
        self.labels["granter"].setText(self.tr("&Chỉ huy giữ khóa:"))
        self.labels["granter_password"].setText(self.tr("&Mật khẩu của chỉ huy đó:"))
        self.labels["grantee_password"].setText(self.tr("Mật khẩu đăng nhập của %1:").replace("%1", name))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Cấp khóa"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general):
            show_message(label, "")

    def show_error(self, field: str, message: str) -> None:
        show_message(self.errors.get(field, self.general), message)
        widget = {"granter": self.granter, "granter_password": self.granter_password,
                  "grantee_password": self.grantee_password}.get(field)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        if widget is not None:
            widget.setFocus()

    def submit(self) -> None:
        self.clear_errors()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # two password derivations: about a second
        try:
            with transaction(self.context.database.sessions) as session:
                grant_key(session, self.actor, self.granter.currentData() or 0, self.granter_password.text(),
                          self.user.id, self.grantee_password.text())
        except AccountError as problem:
            self.show_error(problem.field, problem.message)
            return
        except KeyProblem as problem:
            self.show_error("", problem.message)
            return
        except PermissionDenied as problem:
            self.show_error("", str(problem))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def done(self, result: int) -> None:
        for field in (self.granter_password, self.grantee_password):  # no password left in a hidden widget
            field.clear()
        super().done(result)
