"""The Users page, for administrators: the accounts of this installation (name, role, unit,
organisation, whether active, whether a commander holds the identity key), adding one,
resetting a forgotten password (which removes the key copy), giving a commander the identity key
(desktop/ui/grant_key_dialog.py), disabling and enabling. Everything goes through `desktop.services.accounts` with the signed-in actor
(`context.actor`), which checks the permission again: a page shown to someone else lists nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.engine import transaction
from db.vocab import ORGANISATIONS, ROLES
from desktop.i18n import language
from desktop.services.accounts import (
    UNION_CLERK,
    AccountError,
    UserInfo,
    account_problems,
    create_user,
    list_users,
    reset_password,
    set_active,
    user_unit_choices,
)
from desktop.services.key_grants import COMMANDER, key_copies
from desktop.services.keys import has_installation_key
from desktop.services.permissions import Actor, Permission, PermissionDenied
from desktop.ui.context import AppContext
from desktop.ui.field_errors import error_label
from desktop.ui.grant_key_dialog import GrantKeyDialog
from desktop.ui.retranslate import Retranslating


def actor_of(context: AppContext) -> Actor:
    """The signed-in actor (`AppContext.actor`); a context without one acts for nobody."""
    actor = getattr(context, "actor", None)
    return actor if isinstance(actor, Actor) else Actor(context.username, "")



class _AccountDialog(Retranslating, QDialog):
    """A form whose AccountErrors are shown under the field they name."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.general = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def add_field(self, name: str, label: QLabel, field: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        self.errors[name] = error_label()
        column.addWidget(self.errors[name])
        label.setBuddy(field)
        self.form.addRow(label, box)

    def password_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general):
            label.hide()

    def show_error(self, problem: AccountError | PermissionDenied) -> None:
        if isinstance(problem, AccountError) and problem.field in self.errors:
            self.errors[problem.field].setText(problem.message)
            self.errors[problem.field].show()
        else:
            self.general.setText(str(problem))
            self.general.show()

    def submit(self) -> None:
        raise NotImplementedError


class AddUserDialog(_AccountDialog):
    """User name, full name, role, unit, organisation (union clerks only), password twice."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.user_id: int | None = None
        self.username, self.full_name = QLineEdit(), QLineEdit()
        self.username.setMaxLength(64)
        self.role, self.unit, self.organisation = QComboBox(), QComboBox(), QComboBox()
        for code in ROLES.codes:
            self.role.addItem("", code)
        for code in ORGANISATIONS.codes:
            self.organisation.addItem("", code)
        with context.database.sessions() as session:
            try:
                units = user_unit_choices(session, actor_of(context))
            except PermissionDenied:
                units = []
        for unit_id, label in units:
            self.unit.addItem(label, unit_id)
        self.password, self.confirm = self.password_field(), self.password_field()
        self.labels = {name: QLabel() for name in ("username", "full_name", "role", "unit", "organisation_kind",
                                                   "password", "confirm")}
        for name, field in (("username", self.username), ("full_name", self.full_name), ("role", self.role),
                            ("unit", self.unit), ("organisation_kind", self.organisation),
                            ("password", self.password), ("confirm", self.confirm)):
            self.add_field(name, self.labels[name], field)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.setMinimumWidth(460)
        self.retranslate_ui()
        self._role_changed()

    def retranslate_ui(self) -> None:
        lang = language()
        self.setWindowTitle(self.tr("Thêm người dùng"))
        texts = {"username": self.tr("&Tên đăng nhập:"), "full_name": self.tr("&Họ và tên:"),
                 "role": self.tr("&Vai trò:"), "unit": self.tr("Đơn &vị:"),
                 "organisation_kind": self.tr("&Tổ chức:"), "password": self.tr("&Mật khẩu:"),
                 "confirm": self.tr("&Nhập lại mật khẩu:")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        for index in range(self.role.count()):
            self.role.setItemText(index, ROLES.label(self.role.itemData(index), lang))
        for index in range(self.organisation.count()):
            self.organisation.setItemText(index, ORGANISATIONS.label(self.organisation.itemData(index), lang))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Thêm"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))

    def _role_changed(self) -> None:
        self.form.setRowVisible(self.labels["organisation_kind"], self.role.currentData() == UNION_CLERK)

    def submit(self) -> None:
        self.clear_errors()
        problems = account_problems(self.username.text(), self.full_name.text(), self.password.text(),
                                    self.confirm.text())
        for problem in problems:  # every field's problem at once; create_user checks them again
            self.show_error(problem)
        if problems:
            return
        role = self.role.currentData()
        try:
            with transaction(self.context.database.sessions) as session:
                user = create_user(session, actor_of(self.context), self.username.text(), self.full_name.text(),
                                   self.password.text(), self.confirm.text(), role, self.unit.currentData(),
                                   self.organisation.currentData() if role == UNION_CLERK else None)
                self.user_id = user.id
        except (AccountError, PermissionDenied) as problem:
            self.show_error(problem)
            return
        self.accept()


class ChangePasswordDialog(_AccountDialog):
    """The signed-in user's own new password (their identity key, if any, is re-wrapped)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.old, self.password, self.confirm = self.password_field(), self.password_field(), self.password_field()
        self.old_label, self.password_label, self.confirm_label = QLabel(), QLabel(), QLabel()
        self.add_field("old_password", self.old_label, self.old)
        self.add_field("password", self.password_label, self.password)
        self.add_field("confirm", self.confirm_label, self.confirm)
        self.setMinimumWidth(400)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Đổi mật khẩu của %1").replace("%1", self.context.actor.username))
        self.old_label.setText(self.tr("Mật khẩu &hiện tại:"))
        self.password_label.setText(self.tr("&Mật khẩu mới:"))
        self.confirm_label.setText(self.tr("&Nhập lại mật khẩu:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đổi mật khẩu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))

    def submit(self) -> None:
        from desktop.services.accounts import account_info, change_password

        self.clear_errors()
        try:
            with transaction(self.context.database.sessions) as session:
                info = account_info(session, self.context.actor.username)
                if info is None:
                    raise AccountError("old_password", self.tr("Tài khoản này không có mật khẩu để đổi."))
                change_password(session, info.id, self.old.text(), self.password.text(), self.confirm.text())
        except (AccountError, PermissionDenied) as problem:
            self.show_error(problem)
            return
        self.accept()


class ResetPasswordDialog(_AccountDialog):
    """A new password, twice, for someone who forgot theirs."""

    def __init__(self, context: AppContext, user: UserInfo, parent: QWidget | None = None, *,
                 holds_key: bool = False, only_holder: bool = False) -> None:
        super().__init__(context, parent)
        self.user, self.holds_key, self.only_holder = user, holds_key, only_holder
        self.password, self.confirm = self.password_field(), self.password_field()
        self.password_label, self.confirm_label = QLabel(), QLabel()
        self.add_field("password", self.password_label, self.password)
        self.add_field("confirm", self.confirm_label, self.confirm)
        self.key_notice = QLabel()  # the key copy opens only with the old password: it is removed
        self.key_notice.setWordWrap(True)
        self.key_notice.setVisible(holds_key)
        self.layout().insertWidget(0, self.key_notice)
        self.setMinimumWidth(400)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Đặt lại mật khẩu cho %1").replace("%1", self.user.username))
        if self.only_holder:
            notice = self.tr("%1 là người duy nhất giữ khóa xem danh tính. Đặt lại mật khẩu sẽ xóa bản khóa này: "
                             "các danh tính đã niêm phong sẽ không ai mở được nữa.")
        else:
            notice = self.tr("Đặt lại mật khẩu sẽ xóa bản khóa xem danh tính của %1; một chỉ huy đang giữ khóa "
                             "cấp lại sau bằng «Cấp khóa xem danh tính…».")
        self.key_notice.setText(notice.replace("%1", self.user.username))
        self.password_label.setText(self.tr("&Mật khẩu mới:"))
        self.confirm_label.setText(self.tr("&Nhập lại mật khẩu:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đặt lại"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))

    def submit(self) -> None:
        self.clear_errors()
        try:
            with transaction(self.context.database.sessions) as session:
                reset_password(session, actor_of(self.context), self.user.id, self.password.text(),
                               self.confirm.text())
        except (AccountError, PermissionDenied) as problem:
            self.show_error(problem)
            return
        self.accept()


class UsersPage(Retranslating, QWidget):
    """The list of accounts and what an administrator does with them."""

    status_message = Signal(str)
    COLUMNS = 7

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.users: list[UserInfo] = []
        self.key_copies: set[int] = set()  # who holds a wrapped copy of the identity key
        self.installation_key = False
        self.dialog: QDialog | None = None
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button, self.reset_button, self.active_button = QPushButton(), QPushButton(), QPushButton()
        self.grant_button = QPushButton()
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.grant_button.clicked.connect(self.grant_key)
        self.active_button.clicked.connect(self.toggle_active)
        self.error = error_label()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.grant_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Vai trò"), self.tr("Đơn vị"),
            self.tr("Tổ chức"), self.tr("Trạng thái"), self.tr("Khóa danh tính")])
        self.add_button.setText(self.tr("&Thêm người dùng…"))
        self.reset_button.setText(self.tr("Đặt &lại mật khẩu…"))
        self.grant_button.setText(self.tr("Cấp khóa &xem danh tính…"))
        self.grant_button.setToolTip(self.tr("Cho một chỉ huy chưa giữ khóa (mới thêm, hoặc vừa được đặt lại mật "
                                             "khẩu) một bản khóa xem danh tính người cung cấp tin."))
        allowed = actor_of(self.context).may(Permission.MANAGE_USERS)
        self.notice.setText(self.tr("Chỉ quản trị viên thêm, khóa hoặc đặt lại mật khẩu cho tài khoản.") if allowed
                            else self.tr("Chỉ quản trị viên mới quản lý được người dùng."))
        self._fill()

    # -- the list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        actor = actor_of(self.context)
        try:
            with self.context.database.sessions() as session:
                self.users = list_users(session, actor)
                self.key_copies = key_copies(session, actor)
                self.installation_key = has_installation_key(session)
        except PermissionDenied:
            self.users, self.key_copies, self.installation_key = [], set(), False
        self._fill()

    def _key_text(self, user: UserInfo) -> str:
        if user.id in self.key_copies:
            return self.tr("Có")
        return self.tr("Chưa cấp") if user.role == COMMANDER else ""

    def may_receive_key(self, user: UserInfo | None) -> bool:
        """An active commander without a copy, while the key exists (the service checks again)."""
        return (user is not None and user.active and user.role == COMMANDER and self.installation_key
                and user.id not in self.key_copies and actor_of(self.context).may(Permission.MANAGE_KEYS))

    def _fill(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            state = self.tr("Đang dùng") if user.active else self.tr("Đã khóa")
            for column, text in enumerate((user.username, user.full_name, user.role_label, user.unit_name,
                                           user.organisation_label, state, self._key_text(user))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                if not user.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.COLUMNS - 1):  # a little air: the widest text otherwise touches the line
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 12)
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def select(self, user_id: int) -> None:
        for row, user in enumerate(self.users):
            if user.id == user_id:
                self.table.selectRow(row)

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def _update_buttons(self) -> None:
        allowed = actor_of(self.context).may(Permission.MANAGE_USERS)
        user = self.selected()
        self.add_button.setEnabled(allowed)
        self.reset_button.setEnabled(allowed and user is not None)
        self.active_button.setEnabled(allowed and user is not None)
        self.grant_button.setEnabled(self.may_receive_key(user))
        active = user is None or user.active
        self.active_button.setText(self.tr("&Khóa tài khoản") if active else self.tr("&Mở khóa tài khoản"))

    # -- actions --------------------------------------------------------------------------------

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.context, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: AddUserDialog) -> None:
        self.refresh()
        if dialog.user_id is not None:
            self.select(dialog.user_id)
        self.status_message.emit(self.tr("Đã thêm tài khoản %1.").replace("%1", dialog.username.text().strip().casefold()))

    def reset_password(self) -> ResetPasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = ResetPasswordDialog(self.context, user, self, holds_key=user.id in self.key_copies,
                                     only_holder=self.key_copies == {user.id})
        dialog.accepted.connect(lambda: self._reset(user))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reset(self, user: UserInfo) -> None:
        self.refresh()  # the key copy, if any, is gone
        self.status_message.emit(self.tr("Đã đặt lại mật khẩu cho %1.").replace("%1", user.username))

    def grant_key(self) -> GrantKeyDialog | None:
        user = self.selected()
        if not self.may_receive_key(user):
            return None
        assert user is not None
        dialog = GrantKeyDialog(self.context, actor_of(self.context), user, self)
        dialog.accepted.connect(lambda: self._granted(user))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _granted(self, user: UserInfo) -> None:
        self.refresh()
        self.status_message.emit(self.tr("Đã cấp khóa xem danh tính cho %1.").replace("%1", user.username))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.error.hide()
        try:
            with transaction(self.context.database.sessions) as session:
                set_active(session, actor_of(self.context), user.id, not user.active)
        except (AccountError, PermissionDenied) as problem:
            self.error.setText(problem.message if isinstance(problem, AccountError) else str(problem))
            self.error.show()
            return
        self.refresh()
        text = self.tr("Đã khóa tài khoản %1.") if user.active else self.tr("Đã mở khóa tài khoản %1.")
        self.status_message.emit(text.replace("%1", user.username))
