"""The Settings page: general preferences (the interface language, switched at once without
losing open work; where this installation keeps its data), and, as tabs for the roles that
hold the permission, the users, the backups, the approvals, the audit trail and the certificate
templates."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.certificates.templates import EDITORS as TEMPLATE_EDITORS
from desktop.services.permissions import Permission
from desktop.ui import settings
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating

LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))  # each in its own language


class GeneralTab(Retranslating, QWidget):
    language_chosen = Signal(str)
    idle_minutes_chosen = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(context.lang))
        self.language.currentIndexChanged.connect(lambda: self.language_chosen.emit(self.language.currentData()))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.database = QLabel(context.database.describe())
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database.setWordWrap(True)
        self.unit = QLabel(f"{context.own_unit.name} ({context.own_unit.code})" if context.own_unit else "—")
        self.database_label = QLabel()
        self.unit_label = QLabel()
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setValue(settings.read(settings.IDLE_MINUTES))
        self.idle.valueChanged.connect(self._idle_changed)
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle)
        self.password_button = QPushButton()
        self.password_button.setVisible(context.actor.role != "owner")  # an account, not the file's owner
        self.password_button.clicked.connect(self.change_password)
        self.appearance = QGroupBox()
        form = QFormLayout(self.appearance)
        form.addRow(self.language_label, self.language)
        form.addRow(self.idle_label, self.idle)
        form.addRow("", self.password_button)
        self.installation = QGroupBox()
        info = QFormLayout(self.installation)
        info.addRow(self.database_label, self.database)
        info.addRow(self.unit_label, self.unit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.appearance)
        layout.addWidget(self.installation)
        layout.addStretch(1)
        self.retranslate_ui()

    def _idle_changed(self, minutes: int) -> None:
        settings.write(settings.IDLE_MINUTES, minutes)
        self.idle_minutes_chosen.emit(minutes)

    def change_password(self) -> QWidget:
        from desktop.ui.pages.users import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def retranslate_ui(self) -> None:
        self.appearance.setTitle(self.tr("Giao diện"))
        self.language_label.setText(self.tr("&Ngôn ngữ:"))
        self.idle_label.setText(self.tr("&Khóa cửa sổ sau (phút không dùng):"))
        self.idle.setSpecialValueText(self.tr("không bao giờ"))
        self.password_button.setText(self.tr("Đổi &mật khẩu…"))
        self.installation.setTitle(self.tr("Cài đặt này"))
        self.database_label.setText(self.tr("Cơ sở dữ liệu:"))
        self.unit_label.setText(self.tr("Đơn vị:"))


class SettingsPage(Retranslating, QTabWidget):
    language_chosen = Signal(str)
    idle_minutes_chosen = Signal(int)
    database_restored = Signal()  # a backup replaced the data: the window reopens it

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.general = GeneralTab(context)
        self.language = self.general.language
        self.general.language_chosen.connect(self.language_chosen)
        self.general.idle_minutes_chosen.connect(self.idle_minutes_chosen)
        self.addTab(self.general, "")
        self.tabs: dict[str, QWidget] = {}
        if context.may(Permission.MANAGE_USERS):
            from desktop.ui.pages.users import UsersPage

            self.tabs["users"] = UsersPage(context)
        if context.may(Permission.MANAGE_SETTINGS) and context.database.dialect == "sqlite":
            from desktop.ui.pages.backups import BackupsPage

            backups = BackupsPage(context)
            backups.restored.connect(lambda _result: self.database_restored.emit())
            self.tabs["backups"] = backups
        if context.may(Permission.APPROVE) or context.may(Permission.VIEW_AUDIT):
            from desktop.ui.pages.approvals import ApprovalsPage

            self.tabs["approvals"] = ApprovalsPage(context)
        if context.may(Permission.VIEW_AUDIT):
            from desktop.ui.pages.audit import AuditPage

            self.tabs["audit"] = AuditPage(context)
        if any(context.may(permission) for permission in TEMPLATE_EDITORS):
            from desktop.ui.pages.templates_tab import TemplatesTab

            self.tabs["templates"] = TemplatesTab(context)
        for tab in self.tabs.values():
            self.addTab(tab, "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        names = {"users": self.tr("Người dùng"), "backups": self.tr("Sao lưu"),
                 "approvals": self.tr("Duyệt số liệu"), "audit": self.tr("Nhật ký"),
                 "templates": self.tr("Mẫu giấy khen")}
        self.setTabText(0, self.tr("Chung"))
        for index, (name, _tab) in enumerate(self.tabs.items(), start=1):
            self.setTabText(index, names[name])
