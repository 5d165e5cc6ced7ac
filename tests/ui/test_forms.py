"""The record forms, used as a clerk uses them: typing, Tab, Space, Ctrl+Enter; validation
messages at the fields with nothing saved; the duplicate and unsaved-changes questions; copying
the previous record; editing; accent-insensitive pick-lists; one saved record of every kind."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import DisseminationSession
from desktop.services import editing
from desktop.services.installation import Database
from desktop.services.records import RECORD_CLASSES
from desktop.ui.context import AppContext
from desktop.ui.forms import RecordForm
from desktop.ui.forms.fields import DateField, MultiField, PickField

DAY = "15/09/2025"

# Popups (the completer, the calendar) raise themselves and grab the keyboard; the offscreen
# platform cannot and says so. Harmless, like its propagateSizeHints warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The questions are modal; a test that expects one answers it on its form. Forms still open
    at the end of a test are closed by qtbot: without changes kept."""
    monkeypatch.setattr(RecordForm, "ask_unsaved", lambda self: "discard")

    def unexpected(self: RecordForm, refs: list[str]) -> bool:
        raise AssertionError(f"unexpected duplicate question: {refs}")

    monkeypatch.setattr(RecordForm, "confirm_duplicate", unexpected)


@pytest.fixture
def context(database: Database) -> AppContext:
    return AppContext(database, "admin")


def make_form(qtbot: QtBot, context: AppContext, kind: str, record_id: int | None = None) -> RecordForm:
    form = RecordForm(context, kind, record_id)
    qtbot.addWidget(form)
    show(qtbot, form)
    return form


def show(qtbot: QtBot, form: RecordForm) -> None:
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def count(database: Database, kind: str) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(RECORD_CLASSES[kind])) or 0


def pick(form: RecordForm, name: str) -> PickField:
    field = form.fields[name]
    assert isinstance(field, PickField)
    return field


def multi(form: RecordForm, name: str) -> MultiField:
    field = form.fields[name]
    assert isinstance(field, MultiField)
    return field


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Types as a keyboard does; QTest's keyClicks takes ASCII only, so other letters (à, ụ, đ)
    are sent as key events carrying their text."""
    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def type_into(qtbot: QtBot, form: RecordForm, name: str, text: str) -> None:
    editor = form.fields[name].editor()
    editor.setFocus()
    if isinstance(editor, QComboBox):
        editor.lineEdit().clear()  # QComboBox.clear() would remove the entries
    elif hasattr(editor, "clear"):
        editor.clear()
    type_text(qtbot, editor, text)


def leave(qtbot: QtBot, form: RecordForm, name: str) -> None:
    """Tab out of a pick-list; while its popup is open the keyboard goes to the popup."""
    popup = pick(form, name).pick.completer().popup()
    qtbot.keyClick(popup if popup.isVisible() else form.fields[name].editor(), Qt.Key.Key_Tab)


def fill_session(qtbot: QtBot, form: RecordForm, **overrides: Any) -> None:
    """A valid session typed into the fields (organisers and topics checked as by Space)."""
    values = {"date": DAY, "kind": "hội nghị", "attendees": "40", "member_attendees": "12",
              "place": "Nhà văn hóa khu 3", **overrides}
    for name, text in values.items():
        if text is not None:
            type_into(qtbot, form, name, text)
    multi(form, "organisers").multi.check("police")


def save_session(database: Database, **changes: Any) -> editing.SaveResult:
    raw = {"date": dt.date(2025, 9, 15), "kind": "conference", "organisers": ["police"], "attendees": 40,
           "member_attendees": 12, **changes}
    result = editing.save_record(database, "sessions", raw, "admin")
    assert result.saved, result.violations
    return result


def test_enter_a_session_with_the_keyboard_only(qtbot: QtBot, context: AppContext, database: Database) -> None:
    form = make_form(qtbot, context, "sessions")
    assert form.windowTitle() == "Thêm buổi tuyên truyền"
    assert focused() is form.fields["date"].editor()  # the first field to fill (the ref is assigned)
    qtbot.keyClicks(focused(), DAY)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.fields["unit_code"].editor()  # the own unit, already chosen
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    kind = focused()
    assert kind is form.fields["kind"].editor()
    qtbot.keyClicks(kind, "tap huan")  # no accents
    popup = pick(form, "kind").pick.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert pick(form, "kind").pick.currentText() == "lớp tập huấn"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is multi(form, "organisers").multi.filter_box
    qtbot.keyClicks(focused(), "cong an")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is multi(form, "organisers").multi.view
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert multi(form, "organisers").value() == ["police"]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # topics: filter box
    qtbot.keyClicks(focused(), "ma tuy")
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # into the list
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert multi(form, "topics").value() == ["drugs"]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.fields["attendees"].editor()
    qtbot.keyClicks(focused(), "1.234")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "120")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "Nhà văn hóa khu 3")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.fields["notes"].editor()
    type_text(qtbot, focused(), "Phát tờ rơi")
    with qtbot.waitSignal(context.records_changed) as changed:
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == ["sessions"]
    with database.sessions() as session:
        record = session.scalars(select(DisseminationSession)).one()
        assert (record.held_on, record.kind, record.attendees, record.member_attendees) == (
            dt.date(2025, 9, 15), "training", 1234, 120)
        assert [o.kind for o in record.organisers] == ["police"]
        assert [t.code for t in record.topics] == ["drugs"]
        assert (record.place, record.notes, record.ref) == ("Nhà văn hóa khu 3", "Phát tờ rơi", "TT-2025-0001")
    # Ready for the next one: date and unit kept, the rest empty, nothing to lose.
    assert "Đã lưu TT-2025-0001" in form.message.text()
    assert form.fields["date"].value() == DAY and form.fields["unit_code"].value() == "06652"
    assert form.fields["attendees"].value() == "" and multi(form, "organisers").value() == []
    assert not form.is_dirty() and form.isVisible()


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"date": None}, "date", "Bắt buộc phải nhập."),
    ({"date": "31/02/2025"}, "date", "Ngày không hợp lệ: «31/02/2025» (nhập dd/mm/yyyy)."),
    ({"date": "15/09/2099"}, "date", "Ngày 15/09/2099 ở tương lai."),
    ({"kind": None}, "kind", "Bắt buộc phải nhập."),
    ({"kind": "hoi thao"}, "kind", "«hoi thao» không có trong danh mục «hình thức»."),
    ({"organisers": None}, "organisers", "Bắt buộc phải nhập."),
    ({"attendees": None}, "attendees", "Bắt buộc phải nhập."),
    ({"attendees": "12.34"}, "attendees", "Không phải số nguyên: «12.34»."),
    ({"member_attendees": "41"}, "member_attendees", "Số hội viên (41) lớn hơn số người tham dự (40)."),
])
def test_each_validation_message_is_at_its_field(qtbot: QtBot, context: AppContext, database: Database,
                                                 overrides: dict[str, Any], field: str, message: str) -> None:
    form = make_form(qtbot, context, "sessions")
    fill_session(qtbot, form, **{k: v for k, v in overrides.items() if k != "organisers"})
    if "organisers" in overrides:
        multi(form, "organisers").multi.check("police", False)
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert count(database, "sessions") == 0
    bad = form.fields[field]
    assert bad.error.isVisible() and bad.error.text() == message
    assert "#c62828" in bad.frame.styleSheet()
    assert [name for name, f in form.fields.items() if f.has_error()] == [field]
    assert focused() in bad.focus_chain()
    assert form.isVisible() and "Chưa lưu" in form.message.text()
    # Correcting the field clears its message.
    bad.set_value({"date": DAY, "kind": "conference", "attendees": "40", "member_attendees": "12"}.get(field))
    if field == "organisers":
        multi(form, "organisers").multi.check("police")
    assert not bad.error.isVisible()


def test_a_date_before_the_reform_needs_an_old_unit(qtbot: QtBot, context: AppContext, database: Database) -> None:
    form = make_form(qtbot, context, "sessions")
    fill_session(qtbot, form, date="15/03/2024")
    units = pick(form, "unit_code").pick.choices()
    assert [code for code, _ in units] == ["06652", "06664"]  # Hà Phong, the old Hà Tu
    assert form.fields["unit_code"].value() is None
    form.save_and_close()
    assert "01/7/2025" in form.fields["unit_code"].error.text() and count(database, "sessions") == 0
    type_into(qtbot, form, "unit_code", "ha phong")
    leave(qtbot, form, "unit_code")  # leaving the field settles on the one entry that fits
    assert form.fields["unit_code"].value() == "06652"
    form.save_and_close()
    assert count(database, "sessions") == 1 and not form.isVisible()
    with database.sessions() as session:
        assert editing.form_values(session, "sessions", 1)["unit_code"] == "06652"


def test_changing_the_list_chooses_the_unit_again(qtbot: QtBot, context: AppContext) -> None:
    """06652 is Phường Hà Tu from 1 July 2025 and Phường Hà Phong before: the code is not kept."""
    form = make_form(qtbot, context, "sessions")
    type_into(qtbot, form, "date", DAY)
    assert pick(form, "unit_code").pick.currentText() == "06652 Phường Hà Tu, Tỉnh Quảng Ninh"
    type_into(qtbot, form, "date", "15/03/2024")
    assert form.fields["unit_code"].value() is None
    pick(form, "unit_code").set_value("06664")
    type_into(qtbot, form, "date", DAY)
    assert form.fields["unit_code"].value() == "06652"
    type_into(qtbot, form, "date", "16/03/2024")
    assert form.fields["unit_code"].value() == "06664"  # the one chosen in that list before


@pytest.mark.parametrize("confirm", [False, True])
def test_duplicate_warning(qtbot: QtBot, context: AppContext, database: Database,
                           monkeypatch: pytest.MonkeyPatch, confirm: bool) -> None:
    first = save_session(database)
    asked: list[list[str]] = []
    form = make_form(qtbot, context, "sessions")
    monkeypatch.setattr(form, "confirm_duplicate", lambda refs: asked.append(refs) or confirm)
    fill_session(qtbot, form, attendees="55", member_attendees="0")
    form.save_and_new()
    assert asked == [[first.ref]]
    assert count(database, "sessions") == (2 if confirm else 1)
    assert form.fields["attendees"].value() == ("" if confirm else "55")  # declined: still there


def test_copy_previous_record(qtbot: QtBot, context: AppContext, database: Database) -> None:
    form = make_form(qtbot, context, "sessions")
    form.copy_previous()
    assert "Chưa có bản ghi" in form.message.text()
    save_session(database, topics=["drugs", "fire_safety"], place="Hội trường", attendees=77)
    qtbot.mouseClick(form.copy_button, Qt.MouseButton.LeftButton)
    assert form.fields["place"].value() == "Hội trường" and form.fields["attendees"].value() == "77"
    assert multi(form, "topics").value() == ["drugs", "fire_safety"]
    assert multi(form, "organisers").value() == ["Công an Phường Hà Tu"]
    assert form.fields["ref"].value() == ""  # a new ref is assigned
    form.fields["date"].set_value("16/09/2025")
    form.save_and_close()
    assert count(database, "sessions") == 2


def test_unsaved_changes_prompt(qtbot: QtBot, context: AppContext, database: Database,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    form = make_form(qtbot, context, "sessions")
    answers = ["cancel"]
    asked: list[str] = []
    monkeypatch.setattr(form, "ask_unsaved", lambda: asked.append(answers[0]) or answers[0])
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # a clean form closes silently
    assert not form.isVisible() and asked == []
    show(qtbot, form)
    fill_session(qtbot, form)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert form.isVisible() and asked == ["cancel"]
    form.close()  # the window's close button
    assert form.isVisible() and asked == ["cancel", "cancel"]
    answers[0] = "discard"
    qtbot.mouseClick(form.close_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible() and asked[-1] == "discard"
    assert count(database, "sessions") == 0


def test_unsaved_changes_saved_on_the_way_out(qtbot: QtBot, context: AppContext, database: Database,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    form = make_form(qtbot, context, "sessions")
    monkeypatch.setattr(form, "ask_unsaved", lambda: "save")
    fill_session(qtbot, form, attendees=None)
    form.close()
    assert form.isVisible() and form.fields["attendees"].has_error()  # invalid: stays open
    type_into(qtbot, form, "attendees", "40")
    form.close()
    assert not form.isVisible() and count(database, "sessions") == 1


def test_edit_an_existing_record(qtbot: QtBot, context: AppContext, database: Database) -> None:
    saved = save_session(database, topics=["drugs"], place="Hội trường")
    form = make_form(qtbot, context, "sessions", saved.record_id)
    assert form.windowTitle() == f"Sửa buổi tuyên truyền {saved.ref}"
    assert form.fields["date"].value() == DAY and pick(form, "kind").pick.currentText() == "hội nghị"
    assert multi(form, "organisers").value() == ["Công an Phường Hà Tu"]
    assert not form.is_dirty()
    type_into(qtbot, form, "attendees", "45")
    assert form.is_dirty()
    with qtbot.waitSignal(context.records_changed):
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    with database.sessions() as session:
        record = session.get_one(DisseminationSession, saved.record_id)
        assert (record.attendees, record.revision, record.ref) == (45, 2, saved.ref)
    assert count(database, "sessions") == 1


@pytest.mark.parametrize("typed", ["hoi phu", "phụ nữ", "LIEN HIEP"])
def test_accent_insensitive_completion(qtbot: QtBot, context: AppContext, typed: str) -> None:
    form = make_form(qtbot, context, "sources")
    field = pick(form, "organisation")
    field.editor().setFocus()
    type_text(qtbot, field.editor(), typed)
    popup = field.pick.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["Hội Liên hiệp Phụ nữ"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.value() == "womens_union"


def test_multi_select_filter_is_accent_insensitive(qtbot: QtBot, context: AppContext) -> None:
    form = make_form(qtbot, context, "sessions")
    organisers = multi(form, "organisers").multi
    type_text(qtbot, organisers.filter_box, "phụ nu")
    assert [organisers.filter.index(r, 0).data() for r in range(organisers.filter.rowCount())] == [
        "Hội Liên hiệp Phụ nữ"]


def test_calendar_picks_a_date(qtbot: QtBot, context: AppContext) -> None:
    form = make_form(qtbot, context, "sessions")
    date = form.fields["date"]
    assert isinstance(date, DateField)
    date.edit.setText("15/09/2025")
    qtbot.keyClick(date.edit, Qt.Key.Key_F4)
    calendar = date.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate().toString("dd/MM/yyyy") == "15/09/2025"
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert date.value() == "16/09/2025" and date.calendar is None


def test_language_change_relabels_and_keeps_values(qtbot: QtBot, context: AppContext) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop.i18n import set_language

    form = make_form(qtbot, context, "sessions")
    pick(form, "kind").set_value("training")
    set_language("en")
    QCoreApplication.sendEvent(form, QEvent(QEvent.Type.LanguageChange))
    assert form.labels["attendees"].text() == "Attendees *"
    assert pick(form, "kind").pick.currentText() == "training class"
    assert form.fields["kind"].value() == "training"
    assert ("police", "Police") in multi(form, "organisers").multi.choices()


def _fill(form: RecordForm, values: dict[str, Any]) -> None:
    for name, value in values.items():
        form.fields[name].set_value(value)


@pytest.mark.parametrize("kind", ["models", "sources", "cases", "commendations", "recipients"])
def test_each_kind_saves_through_its_form(qtbot: QtBot, context: AppContext, database: Database,
                                          kind: str) -> None:
    if kind == "recipients":
        assert editing.save_record(database, "commendations", {
            "number": "15/QĐ-UBND", "date": "15/09/2025", "authority": "UBND phường", "form": "merit_diploma"},
            "admin").saved
    if kind == "cases":
        source = editing.save_record(database, "sources", {
            "date": "14/09/2025", "category": "drugs", "channel": "hotline"}, "admin")
        assert source.saved
    form = make_form(qtbot, context, kind)
    values: dict[str, Any] = {
        "models": {"type": "camera an ninh", "name": "Camera khu 5", "lead_organisation": "police",
                   "launched_on": "01/08/2025", "members": "10", "cameras": "12"},
        "sources": {"date": DAY, "organisation": "Hội Liên hiệp Phụ nữ", "category": "ma túy",
                    "channel": "đường dây nóng", "content": "Tụ tập đông người"},
        "cases": {"date": DAY, "category": "drugs", "individuals": "2", "summary": "Bắt quả tang"},
        "commendations": {"number": "16/QĐ-UBND", "date": DAY, "authority": "UBND phường Hà Tu",
                          "form": "giấy khen", "period_from": "01/01/2024", "period_to": "31/12/2024",
                          "achievement": "Thành tích xuất sắc"},
        "recipients": {"kind": "cá nhân", "name": "Nguyễn Văn An", "title": "mr"},
    }[kind]
    _fill(form, values)
    if kind == "cases":
        assert multi(form, "source_refs").multi.choices()[0][0] == source.ref
        multi(form, "source_refs").multi.check(source.ref)
    if kind == "recipients":
        decisions = pick(form, "decision_number").pick.choices()
        assert decisions[0][0] == "15/QĐ-UBND"
        type_into(qtbot, form, "decision_number", "15/qđ")
        leave(qtbot, form, "decision_number")
    with qtbot.waitSignal(context.records_changed):
        form.save_and_close()
    assert not form.isVisible(), [f.error.text() for f in form.fields.values()]
    assert count(database, kind) == 1
    with database.sessions() as session:
        record_id = session.scalar(select(RECORD_CLASSES[kind].id))
        assert record_id is not None
        saved = editing.form_values(session, kind, record_id)
    assert saved["ref"]
    if kind == "cases":
        assert saved["source_refs"] == [source.ref]
    if kind == "recipients":
        assert saved["decision_number"] == "15/QĐ-UBND"


def test_open_record_form_does_not_block(qtbot: QtBot, context: AppContext, database: Database) -> None:
    from desktop.ui.forms import open_record_form

    parent = QWidget()
    qtbot.addWidget(parent)
    form = open_record_form(parent, context, "sessions")
    assert form.isVisible() and not form.isModal()
    assert form.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(form.destroyed):
        form.close()  # clean: closes without asking, then is deleted


def test_ctrl_keypad_enter_saves_and_starts_the_next(qtbot: QtBot, context: AppContext, database: Database) -> None:
    form = make_form(qtbot, context, "sessions")
    fill_session(qtbot, form)
    qtbot.keyClick(form.fields["place"].editor(), Qt.Key.Key_Enter,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    assert count(database, "sessions") == 1
    assert form.fields["place"].value() == "" and form.windowTitle() == "Thêm buổi tuyên truyền"


def test_enter_in_a_field_neither_saves_nor_closes(qtbot: QtBot, context: AppContext, database: Database) -> None:
    form = make_form(qtbot, context, "sessions")
    fill_session(qtbot, form)
    qtbot.keyClick(form.fields["place"].editor(), Qt.Key.Key_Return)
    assert form.isVisible() and count(database, "sessions") == 0
    form.save_button.setFocus()
    qtbot.keyClick(form.save_button, Qt.Key.Key_Return)  # on a button, Enter presses it
    assert not form.isVisible() and count(database, "sessions") == 1


def test_typed_words_that_fit_one_entry_are_saved_as_that_entry(qtbot: QtBot, context: AppContext,
                                                                database: Database) -> None:
    form = make_form(qtbot, context, "sources")
    type_into(qtbot, form, "date", DAY)
    for name, typed in (("category", "ma tuy"), ("channel", "duong day"), ("organisation", "hoi nong")):
        type_into(qtbot, form, name, typed)
    form.save_and_close()  # straight from the last field, its popup still open
    assert count(database, "sources") == 1
    with database.sessions() as session:
        values = editing.form_values(session, "sources", 1)
    assert (values["category"], values["channel"], values["organisation"]) == (
        "drugs", "hotline", "Hội Nông dân Phường Hà Tu")


def _answer(button: str) -> None:
    """Clicks a button of the message box about to open (its own event loop runs the timer)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        found = [b for b in box.buttons() if b.text() == button or box.standardButton(b).name == button]
        found[0].click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(("button", "answer"), [("Save", "save"), ("Discard", "discard"), ("Cancel", "cancel")])
def test_the_unsaved_question_itself(qtbot: QtBot, context: AppContext, button: str, answer: str) -> None:
    from desktop.ui.forms.questions import ask_unsaved

    form = make_form(qtbot, context, "sessions")
    _answer(button)
    assert ask_unsaved(form) == answer


@pytest.mark.parametrize(("button", "answer"), [("Vẫn lưu", True), ("Không lưu", False)])
def test_the_duplicate_question_itself(qtbot: QtBot, context: AppContext, button: str, answer: bool) -> None:
    from desktop.ui.forms.questions import ask_duplicate

    form = make_form(qtbot, context, "sessions")
    _answer(button)
    assert ask_duplicate(form, ["TT-2025-0001"], "Cùng đơn vị") is answer
