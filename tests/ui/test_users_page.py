"""The Users page: the list an administrator sees, adding an account (errors at the field, the
organisation only for union clerks), resetting a password, disabling and enabling — and a page
that shows nothing to someone who is not an administrator."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import transaction
from db.models import User
from desktop.i18n import set_language
from desktop.services.accounts import actor_for, authenticate, create_admin, create_user
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui.context import AppContext
from desktop.ui.pages.users import AddUserDialog, UsersPage

PASSWORD = "matkhau-canbo-1"  # typed key by key: QTest types ASCII only


@pytest.fixture
def admin(database: Database) -> Actor:
    with transaction(database.sessions) as session:
        actor = actor_for(create_admin(session, "quantri", "Nguyễn Văn Đức", "quan-tri-2025", "quan-tri-2025"))
    with transaction(database.sessions) as session:
        create_user(session, actor, "canbo", "Trần Thị Bình", PASSWORD, PASSWORD, "officer")
        create_user(session, actor, "hoiphunu", "Lê Thị Hoa", PASSWORD, PASSWORD, "union_clerk",
                    organisation_kind="womens_union")
    return actor


def make_page(qtbot: QtBot, database: Database, actor: Actor) -> UsersPage:
    context = AppContext(database, actor.username)
    context.actor = actor  # type: ignore[attr-defined]  # the lead adds the attribute to AppContext
    page = UsersPage(context)
    qtbot.addWidget(page)
    page.show()
    return page


def cells(page: UsersPage) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def row_of(page: UsersPage, username: str) -> int:
    return [row[0] for row in cells(page)].index(username)


def ok_button(dialog: AddUserDialog | object) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[attr-defined]


def can_sign_in(database: Database, username: str, password: str) -> bool:
    with transaction(database.sessions) as session:
        return authenticate(session, username, password).ok


def test_administrator_sees_every_account(qtbot: QtBot, database: Database, admin: Actor) -> None:
    page = make_page(qtbot, database, admin)
    assert cells(page) == [
        ["canbo", "Trần Thị Bình", "cán bộ", "Phường Hà Tu", "", "Đang dùng"],
        ["hoiphunu", "Lê Thị Hoa", "cán bộ hội, đoàn thể", "Phường Hà Tu", "Hội Liên hiệp Phụ nữ", "Đang dùng"],
        ["quantri", "Nguyễn Văn Đức", "quản trị viên", "Phường Hà Tu", "", "Đang dùng"],
    ]
    assert page.table.horizontalHeaderItem(2).text() == "Vai trò"
    assert page.add_button.isEnabled() and not page.reset_button.isEnabled()  # nothing selected yet


def test_add_a_union_clerk(qtbot: QtBot, database: Database, admin: Actor) -> None:
    page = make_page(qtbot, database, admin)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AddUserDialog) and dialog.isVisible()
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == [
        "cán bộ", "cán bộ hội, đoàn thể", "chỉ huy", "quản trị viên"]
    assert not dialog.form.isRowVisible(dialog.labels["organisation_kind"])
    dialog.role.setCurrentIndex(dialog.role.findData("union_clerk"))
    assert dialog.form.isRowVisible(dialog.labels["organisation_kind"])
    dialog.organisation.setCurrentIndex(dialog.organisation.findData("farmers_union"))
    qtbot.keyClicks(dialog.username, "HoiNongDan")
    qtbot.keyClicks(dialog.full_name, "Vu Van Hai")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.confirm, PASSWORD)
    with qtbot.waitSignal(page.status_message) as said:
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert said.args == ["Đã thêm tài khoản hoinongdan."]
    row = row_of(page, "hoinongdan")
    assert cells(page)[row][2:5] == ["cán bộ hội, đoàn thể", "Phường Hà Tu", "Hội Nông dân"]
    assert page.selected() is not None and page.selected().username == "hoinongdan"
    assert can_sign_in(database, "hoinongdan", PASSWORD)


def test_add_user_errors_stay_at_their_field(qtbot: QtBot, database: Database, admin: Actor) -> None:
    page = make_page(qtbot, database, admin)
    dialog = page.add_user()
    qtbot.keyClicks(dialog.username, "ab")
    qtbot.keyClicks(dialog.password, "ngan")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    shown = {name for name, label in dialog.errors.items() if label.isVisible()}
    assert shown == {"username", "full_name", "password"} and dialog.isVisible()
    assert "từ 3 đến 64" in dialog.errors["username"].text()
    dialog.username.setText("canbo")  # taken: only the service knows
    dialog.full_name.setText("Người Khác")
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    shown = {name for name, label in dialog.errors.items() if label.isVisible()}
    assert shown == {"username"} and "đã có" in dialog.errors["username"].text()
    with database.sessions() as session:
        assert len(session.scalars(select(User)).all()) == 3


def test_reset_a_forgotten_password(qtbot: QtBot, database: Database, admin: Actor) -> None:
    page = make_page(qtbot, database, admin)
    page.table.selectRow(row_of(page, "canbo"))
    assert page.reset_button.isEnabled()
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and "canbo" in dialog.windowTitle()
    qtbot.keyClicks(dialog.password, "mat-khau-moi-1")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.confirm, "mat-khau-moi-2")  # type: ignore[attr-defined]
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.errors["confirm"].isVisible() and dialog.isVisible()  # type: ignore[attr-defined]
    dialog.confirm.setText("mat-khau-moi-1")  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.status_message) as said:
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert said.args == ["Đã đặt lại mật khẩu cho canbo."] and not dialog.isVisible()
    assert can_sign_in(database, "canbo", "mat-khau-moi-1") and not can_sign_in(database, "canbo", PASSWORD)


def test_disable_and_enable_an_account(qtbot: QtBot, database: Database, admin: Actor) -> None:
    page = make_page(qtbot, database, admin)
    page.table.selectRow(row_of(page, "canbo"))
    assert page.active_button.text() == "&Khóa tài khoản"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert cells(page)[row_of(page, "canbo")][5] == "Đã khóa" and not can_sign_in(database, "canbo", PASSWORD)
    assert page.selected().username == "canbo" and page.active_button.text() == "&Mở khóa tài khoản"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert cells(page)[row_of(page, "canbo")][5] == "Đang dùng" and can_sign_in(database, "canbo", PASSWORD)
    page.table.selectRow(row_of(page, "quantri"))
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and "của mình" in page.error.text()
    assert cells(page)[row_of(page, "quantri")][5] == "Đang dùng"


@pytest.mark.parametrize("role", ["officer", "union_clerk", "commander"])
def test_others_see_nothing_and_can_do_nothing(qtbot: QtBot, database: Database, admin: Actor, role: str) -> None:
    page = make_page(qtbot, database, Actor("canbo", role, admin.unit_id))
    assert page.table.rowCount() == 0 and "Chỉ quản trị viên" in page.notice.text()
    assert not page.add_button.isEnabled() and not page.reset_button.isEnabled()
    dialog = page.add_user()  # even if reached another way, the service refuses
    for field, text in ((dialog.username, "xamnhap"), (dialog.full_name, "Ke La"), (dialog.password, PASSWORD),
                        (dialog.confirm, PASSWORD)):
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.general.isVisible() and "không có quyền" in dialog.general.text()
    with database.sessions() as session:
        assert session.scalar(select(User).where(User.username == "xamnhap")) is None


def test_labels_follow_the_language(qtbot: QtBot, database: Database, admin: Actor) -> None:
    page = make_page(qtbot, database, admin)
    set_language("en")
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert cells(page)[row_of(page, "hoiphunu")][2:5] == ["union clerk", "Phường Hà Tu", "Women's Union"]
