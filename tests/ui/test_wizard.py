"""The first-run wizard, driven as a user would: language, own unit typed without accents and
picked with the keyboard, the administrator account with its errors at the fields, Finish."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import select

from db.models import User
from db.units import own_unit
from desktop.i18n import language
from desktop.services.installation import SetupError
from desktop.ui import settings, translations
from desktop.ui.wizard import FirstRunWizard
from tests.conftest import HA_TU

NEXT, FINISH, BACK = QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    translations.remove_translators(qapp)  # the next test starts in Vietnamese again


def make_wizard(qtbot, target: Path) -> FirstRunWizard:
    wizard = FirstRunWizard(str(target))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click(qtbot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def type_text(qtbot, widget, text: str) -> None:
    """Types like a keyboard: QTest only knows Latin-1, so a Vietnamese letter is sent as the key
    event with its text that a Vietnamese keyboard layout produces."""
    for char in text:
        if ord(char) < 128:
            qtbot.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot, edit, text: str) -> None:
    """Select all, delete, type."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)


def test_first_run_as_a_user(qtbot, app: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "antq.sqlite3"
    wizard = make_wizard(qtbot, target)
    assert wizard.currentId() == FirstRunWizard.LANGUAGE
    assert wizard.language_page.vietnamese.isChecked() and language() == "vi"
    click(qtbot, wizard, NEXT)

    page = wizard.unit_page
    assert wizard.currentId() == FirstRunWizard.UNIT
    assert not wizard.button(NEXT).isEnabled()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    qtbot.keyClicks(page.search, "phuong ha tu")
    assert page.results.count() >= 1
    assert page.results.item(0).text() == "Phường Hà Tu (Tỉnh Quảng Ninh)"
    assert not wizard.button(NEXT).isEnabled()  # shown is not chosen
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.selected_unit() is not None and page.selected_unit().code == HA_TU
    assert "06652" in page.chosen.text()
    assert wizard.button(NEXT).isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # the default button: Next

    account = wizard.account_page
    assert wizard.currentId() == FirstRunWizard.ACCOUNT
    assert "Phường Hà Tu (Tỉnh Quảng Ninh)" in account.unit_label.text()
    type_into(qtbot, account.edits["username"], "QuanTri")
    type_into(qtbot, account.edits["full_name"], "Nguyễn Văn Đức")
    type_into(qtbot, account.edits["password"], "matkhau123")
    type_into(qtbot, account.edits["confirm"], "matkhau124")
    click(qtbot, wizard, FINISH)
    assert account.errors["confirm"].isVisible()
    assert account.errors["confirm"].text() == "Mật khẩu nhập lại không khớp."
    assert not account.errors["password"].isVisible()
    assert wizard.task is None and wizard.isVisible()
    assert not target.exists()

    type_into(qtbot, account.edits["confirm"], "matkhau123")
    assert not account.errors["confirm"].isVisible()  # cleared as soon as the field is edited
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        click(qtbot, wizard, FINISH)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.username == "quantri"
    assert wizard.database is not None and target.is_file()
    try:
        with wizard.database.sessions() as session:  # usable on the main thread
            assert own_unit(session).code == HA_TU
            users = session.scalars(select(User)).all()
            assert [(u.username, u.full_name, u.role) for u in users] == [("quantri", "Nguyễn Văn Đức", "administrator")]
            assert users[0].password_hash.startswith("$argon2id$")
    finally:
        wizard.database.dispose()


def test_enter_picks_the_first_result_then_goes_on(qtbot, app: QApplication, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "antq.sqlite3")
    click(qtbot, wizard, NEXT)
    page = wizard.unit_page
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    qtbot.keyClicks(page.search, "ha tu")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert wizard.currentId() == FirstRunWizard.UNIT and page.selected_unit().code == HA_TU
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.selected_unit().code != HA_TU
    qtbot.keyClick(page.search, Qt.Key.Key_Up)
    qtbot.keyClicks(page.search, " quang")  # still shown: stays chosen
    assert page.selected_unit().code == HA_TU
    qtbot.keyClicks(page.search, "zzz")
    assert page.results.count() == 0 and page.status.text() == "Không tìm thấy đơn vị nào."
    assert not wizard.button(NEXT).isEnabled()


def click_radio(qtbot, radio) -> None:
    """On the button's circle: a radio button stretched across the page answers only there and
    on its text."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def test_choosing_english_switches_the_wizard(qtbot, app: QApplication, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    translations.install_translators(app, "vi")
    wizard = make_wizard(qtbot, tmp_path / "antq.sqlite3")
    assert wizard.language_page.title() == "Ngôn ngữ"
    assert wizard.button(NEXT).text() == "&Tiếp >"
    calls: list[str] = []
    monkeypatch.setattr(wizard.unit_page, "retranslate_ui", lambda: calls.append("unit"))

    click_radio(qtbot, wizard.language_page.english)
    qtbot.waitUntil(lambda: wizard.language_page.title() == "Language")
    assert wizard.windowTitle() == "Getting started with ANTQ Ledger"
    assert wizard.button(NEXT).text() == "&Next >"  # QWizard's own buttons follow too
    assert calls  # every page retranslates, not only the one shown
    assert language() == "en"
    assert settings.read(settings.LANGUAGE) == "en"
    assert wizard.account_page.labels["password"].text() == "&Password:"

    click_radio(qtbot, wizard.language_page.vietnamese)
    qtbot.waitUntil(lambda: wizard.language_page.title() == "Ngôn ngữ")
    assert language() == "vi" and settings.read(settings.LANGUAGE) == "vi"
    qtbot.waitUntil(lambda: wizard.button(NEXT).text() == "&Tiếp >")


def test_installation_without_user_starts_at_the_account(qtbot, app: QApplication, db_path: Path) -> None:
    wizard = make_wizard(qtbot, db_path)
    assert wizard.currentId() == FirstRunWizard.ACCOUNT
    assert wizard.account_page.unit_label.text() == "Đơn vị: Phường Hà Tu (Tỉnh Quảng Ninh), mã 06652"
    assert not wizard.button(BACK).isEnabled()
    account = wizard.account_page
    type_into(qtbot, account.edits["username"], "ad")
    type_into(qtbot, account.edits["full_name"], "Trần Thị Mai")
    type_into(qtbot, account.edits["password"], "1234567")
    type_into(qtbot, account.edits["confirm"], "1234567")
    click(qtbot, wizard, FINISH)
    assert account.errors["username"].isVisible() and account.errors["password"].isVisible()
    assert not account.errors["full_name"].isVisible()
    type_into(qtbot, account.edits["username"], "mai.tran")
    type_into(qtbot, account.edits["password"], "12345678")
    type_into(qtbot, account.edits["confirm"], "12345678")
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        click(qtbot, wizard, FINISH)
    assert wizard.database is not None
    try:
        with wizard.database.sessions() as session:
            assert [u.username for u in session.scalars(select(User))] == ["mai.tran"]
    finally:
        wizard.database.dispose()
    assert not wizard.button(BACK).isEnabled()  # as before the work: nothing to go back to


def test_failed_set_up_is_shown_and_the_wizard_stays(qtbot, app: QApplication, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise SetupError("Ổ đĩa chỉ đọc.")

    monkeypatch.setattr("desktop.ui.wizard.set_up", refuse)
    wizard = make_wizard(qtbot, tmp_path / "antq.sqlite3")
    click(qtbot, wizard, NEXT)
    page = wizard.unit_page
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    qtbot.keyClicks(page.search, "phuong cua nam")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    account = wizard.account_page
    for name, text in {"username": "admin", "full_name": "Lê Văn An", "password": "12345678",
                       "confirm": "12345678"}.items():
        type_into(qtbot, account.edits[name], text)
    click(qtbot, wizard, FINISH)
    assert wizard.task is not None
    with qtbot.waitSignal(wizard.task.finished, timeout=10_000):
        pass
    assert account.general_error.isVisible() and account.general_error.text() == "Ổ đĩa chỉ đọc."
    assert wizard.isVisible() and wizard.database is None
    assert wizard.button(FINISH).isEnabled() and wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    assert "Phường Cửa Nam" in account.unit_label.text()
