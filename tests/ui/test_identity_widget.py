"""The identity field of the source form: an officer types an identity and it is sealed on save;
nobody sees a recorded one in the field; a commander reveals it with their password in a dialog
(audited); a wrong password says so and shows nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.engine import transaction
from db.models import AuditEntry, InformantIdentity
from db.units import own_unit
from desktop.services import identities, keys
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui.forms.identity import IdentityField
from tests.services.test_identities import add_sources
from tests.services.test_keys import PASSWORD, add_user
from tests.ui.test_forms import type_text

NAME = "Lý Thị Bí Mật, thôn Đông"


class People:
    def __init__(self, officer: Actor, commander: Actor, officer_id: int, chief_id: int, source_id: int) -> None:
        self.officer, self.commander = officer, commander
        self.officer_id, self.chief_id, self.source_id = officer_id, chief_id, source_id


@pytest.fixture
def people(database: Database, monkeypatch: pytest.MonkeyPatch) -> People:
    monkeypatch.setattr(keys, "KDF", keys.KdfParams(memory_kib=8192, time_cost=1, parallelism=1))
    with transaction(database.sessions) as session:
        chief_id = add_user(session, "chief")
        officer_id = add_user(session, "officer1", "officer")
        keys.ensure_installation_key(session, chief_id, PASSWORD)
        (source_id,) = add_sources(session, 1)
        unit_id = own_unit(session).id  # type: ignore[union-attr]
    return People(Actor("officer1", "officer", unit_id), Actor("chief", "commander", unit_id), officer_id,
                  chief_id, source_id)


def _visible_texts(widget: QWidget) -> str:
    """The texts of the field's own labels and editors (not of a dialog it opened)."""
    children = widget.findChildren(QLabel) + widget.findChildren(QLineEdit)
    return "\n".join(w.text() for w in children if w.window() is widget.window())


def _make(qtbot: QtBot, database: Database, actor: Actor, user_id: int | None, source_id: int | None) -> IdentityField:
    field = IdentityField(database, actor, user_id, source_id, "NT-2026-0001")
    qtbot.addWidget(field)
    field.show()
    return field


def test_officer_types_an_identity_and_it_is_sealed_on_save(qtbot: QtBot, database: Database, people: People) -> None:
    field = _make(qtbot, database, people.officer, people.officer_id, None)  # a new source
    assert field.editor.isVisible() and field.editor.isEnabled()
    assert not field.reveal_button.isVisible()
    assert field.pending_text() is None and field.status.text() == "Chưa có danh tính"
    with qtbot.waitSignal(field.changed):
        type_text(qtbot, field.editor, f"  {NAME} ")
    assert field.pending_text() == NAME and field.is_dirty()

    assert field.seal_pending(people.source_id) is True  # as the form does once the source is saved
    assert field.pending_text() is None and field.editor.text() == ""
    assert field.status.text() == "Đã lưu danh tính (đã mã hóa)"
    assert field.editor.placeholderText() == "Nhập để thay danh tính đã lưu"
    assert not field.reveal_button.isVisible()  # an officer cannot read it back
    assert "Bí Mật" not in _visible_texts(field)
    with database.sessions() as session:
        assert session.get_one(InformantIdentity, people.source_id).sealed
        assert identities.reveal_with_password(session, people.commander, people.chief_id, PASSWORD,
                                               people.source_id) == NAME


def test_an_existing_identity_is_never_shown_in_the_field(qtbot: QtBot, database: Database, people: People) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, people.officer, people.source_id, NAME)
    for actor, user_id in ((people.officer, people.officer_id), (people.commander, people.chief_id)):
        field = _make(qtbot, database, actor, user_id, people.source_id)
        assert field.status.text() == "Đã lưu danh tính (đã mã hóa)"
        assert field.editor.text() == "" and field.pending_text() is None
        assert "Bí Mật" not in _visible_texts(field)
        assert field.reveal_button.isVisible() == (actor is people.commander)


def test_commander_reveals_with_the_password_in_a_dialog_audited(
        qtbot: QtBot, database: Database, people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, people.officer, people.source_id, NAME)
    field = _make(qtbot, database, people.commander, people.chief_id, people.source_id)
    assert field.reveal_button.text() == "Xem danh tính…"
    asked: list[bool] = []
    monkeypatch.setattr(field, "ask_password", lambda: asked.append(True) or PASSWORD)
    with qtbot.waitSignal(field.revealed):
        qtbot.mouseClick(field.reveal_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    dialog = field.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.identity.text() == NAME
    assert dialog.heading.text() == "Nguồn tin NT-2026-0001"
    assert "ghi vào nhật ký" in dialog.note.text()
    assert "Bí Mật" not in _visible_texts(field)  # only in the dialog
    with database.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "reveal"))
        assert entry is not None and entry.username == "chief"
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.rejected.emit()  # "Đóng"
    assert dialog.identity.text() == ""


def test_wrong_or_no_password_shows_nothing(
        qtbot: QtBot, database: Database, people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    with transaction(database.sessions) as session:
        identities.seal_identity(session, people.officer, people.source_id, NAME)
    field = _make(qtbot, database, people.commander, people.chief_id, people.source_id)
    monkeypatch.setattr(field, "ask_password", lambda: None)  # cancelled
    qtbot.mouseClick(field.reveal_button, Qt.MouseButton.LeftButton)
    assert field.dialog is None
    monkeypatch.setattr(field, "ask_password", lambda: "not my password")
    qtbot.mouseClick(field.reveal_button, Qt.MouseButton.LeftButton)
    assert field.dialog is None
    assert field.status.text() == "Sai mật khẩu: không mở được khóa danh tính."
    assert "c62828" in field.status.styleSheet()
    with database.sessions() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "reveal")) is None


def test_without_a_key_or_the_permission_nothing_can_be_typed(
        qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with transaction(database.sessions) as session:
        (source_id,) = add_sources(session, 1)
    officer = Actor("officer1", "officer")
    field = _make(qtbot, database, officer, None, source_id)
    assert field.editor.isVisible() and not field.editor.isEnabled()
    assert "cần một chỉ huy tạo khóa danh tính trước" in field.status.text()
    clerk = _make(qtbot, database, Actor("clerk", "union_clerk"), None, source_id)
    assert not clerk.editor.isVisible() and not clerk.reveal_button.isVisible()


def test_a_refused_seal_keeps_the_text_and_says_why(qtbot: QtBot, database: Database, people: People) -> None:
    field = _make(qtbot, database, people.officer, people.officer_id, people.source_id)
    field.editor.insert("Tên\u202eẩn")  # pasted, with a right-to-left override: refused
    assert field.seal_pending() is False
    assert field.status.text() == "Có ký tự điều khiển không hợp lệ."
    assert field.pending_text() == "Tên\u202eẩn"
    field.clear()
    assert field.status.text() == "Chưa có danh tính" and field.seal_pending() is True


def test_screenshot_of_the_field_and_dialog(qtbot: QtBot, database: Database, people: People, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Renders offscreen (for a look at the layout; ANTQ_SHOTS=folder keeps the pictures)."""
    import os

    with transaction(database.sessions) as session:
        identities.seal_identity(session, people.officer, people.source_id, NAME)
    folder = Path(os.environ.get("ANTQ_SHOTS", tmp_path))
    new = _make(qtbot, database, people.officer, people.officer_id, None)
    new.resize(520, new.sizeHint().height())
    type_text(qtbot, new.editor, "Nguyễn Văn A, 0912 345 678")
    chief = _make(qtbot, database, people.commander, people.chief_id, people.source_id)
    chief.resize(520, chief.sizeHint().height())
    monkeypatch.setattr(chief, "ask_password", lambda: PASSWORD)
    chief.reveal()
    assert chief.dialog is not None
    qtbot.waitUntil(chief.dialog.isVisible)
    for name, widget in (("identity-officer", new), ("identity-commander", chief), ("identity-dialog", chief.dialog)):
        assert widget.grab().save(str(folder / f"{name}.png"))
