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
        ["canbo", "Trần Thị Bình", "cán bộ", "Phường Hà Tu", "", "Đang dùng", ""],
        ["hoiphunu", "Lê Thị Hoa", "cán bộ hội, đoàn thể", "Phường Hà Tu", "Hội Liên hiệp Phụ nữ", "Đang dùng", ""],
        ["quantri", "Nguyễn Văn Đức", "quản trị viên", "Phường Hà Tu", "", "Đang dùng", ""],
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


# ---------------------------------------------------------------------------------------------
# Giving a commander the identity key (desktop/ui/grant_key_dialog.py)

A_PASSWORD, B_PASSWORD, B_NEW = "chi-huy-a-2025", "chi-huy-b-2025", "chi-huy-b-moi"


@pytest.fixture
def commanders(database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Commanders chihuya (made the key) and chihuyb (given it, then their password reset by the
    administrator, which removed their copy). Argon2 made cheap for the key and the hashes."""
    from argon2 import PasswordHasher, Type

    from desktop.services import accounts, keys

    monkeypatch.setattr(keys, "KDF", keys.KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1,
                                                            hash_len=32, salt_len=16, type=Type.ID))
    with transaction(database.sessions) as session:
        a = create_user(session, admin, "chihuya", "Chỉ Huy A", A_PASSWORD, A_PASSWORD, "commander").id
        b = create_user(session, admin, "chihuyb", "Chỉ Huy B", B_PASSWORD, B_PASSWORD, "commander").id
        keys.grant(session, keys.ensure_installation_key(session, a, A_PASSWORD), b, B_PASSWORD)
    with transaction(database.sessions) as session:
        accounts.reset_password(session, admin, b, B_NEW, B_NEW)
    return a, b


def holds_key(database: Database, user_id: int) -> bool:
    from desktop.services.keys import has_user_key

    with database.sessions() as session:
        return has_user_key(session, user_id)


def test_grant_the_key_to_a_commander_whose_password_was_reset(qtbot: QtBot, database: Database, admin: Actor,
                                                                commanders: tuple[int, int]) -> None:
    from desktop.services.keys import unwrap
    from desktop.ui.grant_key_dialog import GrantKeyDialog

    a, b = commanders
    page = make_page(qtbot, database, admin)
    assert page.table.horizontalHeaderItem(6).text() == "Khóa danh tính"
    assert [(row[0], row[6]) for row in cells(page)] == [
        ("canbo", ""), ("chihuya", "Có"), ("chihuyb", "Chưa cấp"), ("hoiphunu", ""), ("quantri", "")]
    page.table.selectRow(row_of(page, "chihuya"))
    assert not page.grant_button.isEnabled()  # holds it already
    page.table.selectRow(row_of(page, "canbo"))
    assert not page.grant_button.isEnabled()  # not a commander
    page.table.selectRow(row_of(page, "chihuyb"))
    assert page.grant_button.isEnabled() and page.grant_button.text() == "Cấp khóa &xem danh tính…"
    qtbot.mouseClick(page.grant_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, GrantKeyDialog) and dialog.isVisible() and "chihuyb" in dialog.windowTitle()
    assert [dialog.granter.itemText(i) for i in range(dialog.granter.count())] == ["chihuya — Chỉ Huy A"]
    qtbot.keyClicks(dialog.granter_password, "khong-phai-cua-a")
    qtbot.keyClicks(dialog.grantee_password, B_NEW)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    shown = {name for name, label in dialog.errors.items() if label.isVisible()}
    assert shown == {"granter_password"} and dialog.isVisible() and not dialog.general.isVisible()
    assert "chihuya" in dialog.errors["granter_password"].text() and not holds_key(database, b)
    dialog.granter_password.clear()
    qtbot.keyClicks(dialog.granter_password, A_PASSWORD)
    with qtbot.waitSignal(page.status_message) as said:
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert said.args == ["Đã cấp khóa xem danh tính cho chihuyb."] and not dialog.isVisible()
    assert cells(page)[row_of(page, "chihuyb")][6] == "Có" and not page.grant_button.isEnabled()
    assert dialog.granter_password.text() == dialog.grantee_password.text() == ""  # not kept in the widget
    with database.sessions() as session:
        assert unwrap(session, b, B_NEW).public_key().public_bytes_raw() == \
            unwrap(session, a, A_PASSWORD).public_key().public_bytes_raw()


def test_grant_refuses_a_password_that_is_not_the_commanders_own(qtbot: QtBot, database: Database, admin: Actor,
                                                                  commanders: tuple[int, int]) -> None:
    _a, b = commanders
    page = make_page(qtbot, database, admin)
    page.table.selectRow(row_of(page, "chihuyb"))
    dialog = page.grant_key()
    assert dialog is not None
    qtbot.keyClicks(dialog.granter_password, A_PASSWORD)
    qtbot.keyClicks(dialog.grantee_password, B_PASSWORD)  # the one before the reset
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.errors["grantee_password"].isVisible() and dialog.isVisible()
    assert "mật khẩu đăng nhập của chihuyb" in dialog.errors["grantee_password"].text()
    assert not dialog.errors["granter_password"].isVisible() and not holds_key(database, b)
    assert cells(page)[row_of(page, "chihuyb")][6] == "Chưa cấp"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and not holds_key(database, b)


def test_resetting_the_only_holder_warns_and_a_new_commander_can_be_given_the_key(
        qtbot: QtBot, database: Database, admin: Actor, commanders: tuple[int, int]) -> None:
    a, _b = commanders
    page = make_page(qtbot, database, admin)
    page.table.selectRow(row_of(page, "chihuya"))
    dialog = page.reset_password()
    assert dialog is not None and dialog.key_notice.isVisible() and "duy nhất" in dialog.key_notice.text()
    dialog.reject()
    page.table.selectRow(row_of(page, "canbo"))
    assert not page.reset_password().key_notice.isVisible()  # type: ignore[union-attr]
    page.dialog.reject()  # type: ignore[union-attr]
    added = page.add_user()
    added.role.setCurrentIndex(added.role.findData("commander"))
    for field, text in ((added.username, "chihuyc"), (added.full_name, "Chi Huy C"), (added.password, "chi-huy-c-2025"),
                        (added.confirm, "chi-huy-c-2025")):
        qtbot.keyClicks(field, text)
    with qtbot.waitSignal(page.status_message):
        qtbot.mouseClick(ok_button(added), Qt.MouseButton.LeftButton)
    assert page.selected().username == "chihuyc" and cells(page)[row_of(page, "chihuyc")][6] == "Chưa cấp"
    assert page.grant_button.isEnabled() and holds_key(database, a)


def test_grant_is_not_offered_to_others(qtbot: QtBot, database: Database, admin: Actor,
                                        commanders: tuple[int, int]) -> None:
    page = make_page(qtbot, database, Actor("chihuya", "commander", admin.unit_id))
    assert page.table.rowCount() == 0 and not page.grant_button.isEnabled() and page.grant_key() is None
