"""The Settings tab "Mẫu giấy khen" as a clerk uses it: the list of templates, a new one typed and
saved, a bad colour said at its field, an emblem chosen, deleting after asking, unsaved changes
kept until the user decides, the live preview, and who sees the tab."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QColorDialog, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import CertificateTemplate
from desktop.i18n import t
from desktop.services.certificates.templates import load_template, save_template
from desktop.services.installation import Database
from desktop.services.permissions import Actor
from desktop.ui.context import AppContext
from desktop.ui.pages.settings_page import SettingsPage
from desktop.ui.pages.templates_tab import TemplatesTab

CLERK = Actor("hoi.phu.nu", "union_clerk", organisation_kind="womens_union")


def make_tab(qtbot: QtBot, database: Database, actor: Actor = CLERK) -> TemplatesTab:
    tab = TemplatesTab(AppContext(database, actor.username, actor=actor))
    qtbot.addWidget(tab)
    tab.resize(980, 680)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def rows(tab: TemplatesTab) -> list[tuple[str, str]]:
    items = [tab.list.topLevelItem(i) for i in range(tab.list.topLevelItemCount())]
    return [(item.text(0), item.text(1)) for item in items]


def click_row(qtbot: QtBot, tab: TemplatesTab, label: str) -> None:
    item = next(tab.list.topLevelItem(i) for i in range(tab.list.topLevelItemCount())
                if tab.list.topLevelItem(i).text(0) == label)
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=tab.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: not tab.deciding)  # unsaved changes are asked about once the click is done


def type_into(qtbot: QtBot, line: QLineEdit, text: str, replace: bool = True) -> None:
    line.setFocus()
    if replace:
        line.selectAll()
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    for character in text:  # QTest types Latin-1 only: the other letters are inserted as an input method would
        qtbot.keyClick(line, character) if character.isascii() else line.insert(character)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # Enter ends the field (editingFinished), as Tab does


def stored(database: Database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(CertificateTemplate)) or 0


def loaded(database: Database, name: str):  # type: ignore[no-untyped-def]
    with database.sessions() as session:
        return load_template(session, name)


def picture(tab: TemplatesTab) -> QImage:
    return tab.preview.grab().toImage()


def emblem_file(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    image = Image.new("RGB", (120, 120), (200, 20, 20))
    image.paste((250, 220, 0), (30, 30, 90, 90))
    image.save(path)
    return path


def test_a_fresh_database_lists_the_three_defaults(qtbot: QtBot, database: Database) -> None:
    tab = make_tab(qtbot, database)
    assert rows(tab) == [("Giấy khen", "mặc định"), ("Bằng khen", "mặc định"),
                         ("Giấy chứng nhận tham dự", "mặc định")]
    assert tab.selected_name() == "giay_khen" and tab.lines["title"].text() == "GIẤY KHEN"
    assert tab.lines["name"].isReadOnly()  # an existing template keeps its name
    assert not tab.delete_button.isEnabled()  # a default cannot be deleted
    assert tab.labels["title"].buddy() is tab.lines["title"] and tab.labels["title"].text() == "Tên &giấy:"
    assert tab.emblem_state.text() == "không có ảnh"


def test_a_new_template_typed_and_saved(qtbot: QtBot, database: Database) -> None:
    tab = make_tab(qtbot, database)
    click_row(qtbot, tab, "Bằng khen")
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    name = tab.lines["name"]
    assert name.text() == "" and not name.isReadOnly() and tab.focusWidget() is name
    assert tab.lines["title"].text() == "BẰNG KHEN"  # a copy of the selected one
    type_into(qtbot, name, "bang_khen_phuong")
    type_into(qtbot, tab.lines["label"], "Bằng khen của phường")
    type_into(qtbot, tab.lines["authority_title"], "ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU")
    type_into(qtbot, tab.lines["signer_title"], "CHỦ TỊCH")
    type_into(qtbot, tab.lines["signer_name"], "Nguyễn Thị Hường")
    type_into(qtbot, tab.lines["place"], "Hạ Long")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert tab.message.text() == t("tpl_saved", name="bang_khen_phuong")
    assert ("Bằng khen của phường", "riêng") in rows(tab) and len(rows(tab)) == 4
    assert tab.selected_name() == "bang_khen_phuong" and tab.lines["name"].isReadOnly()
    assert tab.delete_button.isEnabled()
    saved = loaded(database, "bang_khen_phuong")
    assert saved is not None and saved.custom
    assert (saved.label, saved.title, saved.authority_title, saved.signer_title, saved.signer_name, saved.place) == (
        "Bằng khen của phường", "BẰNG KHEN", "ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU", "CHỦ TỊCH", "Nguyễn Thị Hường", "Hạ Long")
    assert not tab.is_dirty()


def test_a_new_template_needs_a_good_name(qtbot: QtBot, database: Database) -> None:
    tab = make_tab(qtbot, database)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == t("tpl_bad_name") and tab.marked == "name"
    assert tab.focusWidget() is tab.lines["name"]
    type_into(qtbot, tab.lines["name"], "Mau Moi")  # capitals and a space
    assert tab.message.text() == t("tpl_bad_name")  # said as soon as the field is left
    assert stored(database) == 0


def test_a_bad_colour_is_said_at_its_field_and_nothing_is_saved(qtbot: QtBot, database: Database) -> None:
    tab = make_tab(qtbot, database)
    before = picture(tab)
    type_into(qtbot, tab.lines["title_color"], "#12345")
    assert tab.message.text() == t("tpl_bad_color") and tab.marked == "title_color"
    assert picture(tab) == before  # the last good preview stays
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == t("tpl_bad_color")
    assert "#b00020" in tab.message.styleSheet() and "border" in tab.lines["title_color"].styleSheet()
    assert tab.focusWidget() is tab.lines["title_color"]
    assert tab.lines["border_color"].styleSheet() == ""
    assert stored(database) == 0 and rows(tab)[0] == ("Giấy khen", "mặc định")
    type_into(qtbot, tab.lines["title_color"], "#00a000")  # mended: the mark goes
    assert tab.marked is None and tab.message.text() == ""


def test_the_colour_dialog_fills_the_field(qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = make_tab(qtbot, database)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor("#1f4e79"))
    qtbot.mouseClick(tab.swatches["border_color"], Qt.MouseButton.LeftButton)
    assert tab.lines["border_color"].text() == "#1F4E79"
    assert tab.preview.template is not None and tab.preview.template.border_color == "#1F4E79"
    assert tab.is_dirty()


def test_saving_a_default_makes_it_the_units_own(qtbot: QtBot, database: Database) -> None:
    tab = make_tab(qtbot, database)
    click_row(qtbot, tab, "Bằng khen")
    type_into(qtbot, tab.lines["signer_name"], "Trần Văn Bình")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert ("Bằng khen", "riêng") in rows(tab) and len(rows(tab)) == 3
    assert tab.selected_name() == "bang_khen" and tab.delete_button.isEnabled()
    assert loaded(database, "bang_khen").signer_name == "Trần Văn Bình"


def test_an_emblem_is_chosen_saved_and_removed(qtbot: QtBot, database: Database, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    tab = make_tab(qtbot, database)
    path = emblem_file(tmp_path)
    before = picture(tab)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    qtbot.mouseClick(tab.choose_emblem_button, Qt.MouseButton.LeftButton)
    assert tab.emblem_state.text().startswith("có ảnh") and tab.remove_emblem_button.isEnabled()
    assert picture(tab) != before  # the emblem shows on the page
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert loaded(database, "giay_khen").emblem == path.read_bytes()

    qtbot.mouseClick(tab.remove_emblem_button, Qt.MouseButton.LeftButton)
    assert tab.emblem_state.text() == "không có ảnh"
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert loaded(database, "giay_khen").emblem is None


def test_an_unreadable_emblem_is_refused_at_its_field(qtbot: QtBot, database: Database, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tab = make_tab(qtbot, database)
    fake = tmp_path / "logo.png"
    fake.write_text("not a picture", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(fake), ""))
    qtbot.mouseClick(tab.choose_emblem_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == t("tpl_emblem_unreadable") and tab.marked == "emblem"
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.focusWidget() is tab.choose_emblem_button
    assert stored(database) == 0


def test_deleting_asks_then_removes(qtbot: QtBot, database: Database) -> None:
    save_template(database, replace_of(database, "giay_khen", name="giay_khen_xa", label="Giấy khen cấp xã"))
    tab = make_tab(qtbot, database)
    assert rows(tab)[0] == ("Giấy khen cấp xã", "riêng")
    click_row(qtbot, tab, "Giấy khen cấp xã")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    box = tab.confirm_box
    assert box is not None and box.isVisible() and "Giấy khen cấp xã" in box.text()
    box.reject()  # "Hủy"
    assert stored(database) == 1
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.confirm_delete_button is not None
    qtbot.mouseClick(tab.confirm_delete_button, Qt.MouseButton.LeftButton)
    assert stored(database) == 0 and len(rows(tab)) == 3
    assert tab.message.text() == t("tpl_deleted", name="giay_khen_xa")


def test_deleting_an_override_brings_the_default_back(qtbot: QtBot, database: Database) -> None:
    save_template(database, replace_of(database, "bang_khen", signer_name="Trần Văn Bình"))
    tab = make_tab(qtbot, database)
    click_row(qtbot, tab, "Bằng khen")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "Mẫu mặc định cùng tên sẽ được dùng lại." in tab.confirm_box.informativeText()
    qtbot.mouseClick(tab.confirm_delete_button, Qt.MouseButton.LeftButton)
    assert ("Bằng khen", "mặc định") in rows(tab) and tab.selected_name() == "bang_khen"
    assert tab.lines["signer_name"].text() == "" and not tab.delete_button.isEnabled()
    assert "Mẫu mặc định cùng tên được dùng lại." in tab.message.text()


def test_switching_with_unsaved_changes_asks(qtbot: QtBot, database: Database,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tab = make_tab(qtbot, database)
    asked: list[str] = []
    answer = "cancel"

    def ask() -> str:
        asked.append(tab.lines["place"].text())
        return answer

    monkeypatch.setattr(tab, "ask_unsaved", ask)
    click_row(qtbot, tab, "Bằng khen")  # nothing changed: no question
    assert asked == [] and tab.selected_name() == "bang_khen"
    type_into(qtbot, tab.lines["place"], "Quảng Ninh")

    click_row(qtbot, tab, "Giấy khen")
    assert asked == ["Quảng Ninh"] and tab.selected_name() == "bang_khen"
    assert tab.lines["place"].text() == "Quảng Ninh"  # kept

    answer = "discard"
    click_row(qtbot, tab, "Giấy khen")
    assert tab.selected_name() == "giay_khen" and tab.lines["place"].text() == "" and stored(database) == 0

    click_row(qtbot, tab, "Bằng khen")
    type_into(qtbot, tab.lines["place"], "Hạ Long")
    answer = "save"
    click_row(qtbot, tab, "Giấy chứng nhận tham dự")
    assert tab.selected_name() == "chung_nhan" and loaded(database, "bang_khen").place == "Hạ Long"
    assert ("Bằng khen", "riêng") in rows(tab) and len(asked) == 3


def test_a_failed_save_while_switching_stays(qtbot: QtBot, database: Database,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tab = make_tab(qtbot, database)
    monkeypatch.setattr(tab, "ask_unsaved", lambda: "save")
    tab.lines["label"].clear()  # required
    click_row(qtbot, tab, "Bằng khen")
    assert tab.selected_name() == "giay_khen" and tab.message.text() == t("tpl_required")
    assert tab.marked == "label" and stored(database) == 0


def test_the_preview_paints_the_unsaved_values(qtbot: QtBot, database: Database) -> None:
    tab = make_tab(qtbot, database)
    first = picture(tab)
    assert first.pixelColor(first.width() // 2, first.height() // 2) != first.pixelColor(2, 2)  # paper on the desk
    assert len({first.pixelColor(x, first.height() * 2 // 5).name() for x in range(first.width())}) > 3
    type_into(qtbot, tab.lines["title_color"], "#00A000")
    second = picture(tab)
    assert second != first and tab.preview.template is not None and tab.preview.template.title_color == "#00A000"
    greens = sum(1 for x in range(second.width()) for y in range(0, second.height(), 2)
                 if second.pixelColor(x, y).green() > 120 and second.pixelColor(x, y).red() < 60)
    assert greens > 20  # the title is drawn in the new colour
    assert stored(database) == 0  # a preview saves nothing


@pytest.mark.parametrize("role", ["union_clerk", "administrator", "officer"])
def test_editors_see_the_tab(qtbot: QtBot, database: Database, role: str) -> None:
    page = SettingsPage(AppContext(database, "someone", actor=Actor("someone", role)))
    qtbot.addWidget(page)
    assert isinstance(page.tabs.get("templates"), TemplatesTab)
    assert page.tabText(page.indexOf(page.tabs["templates"])) == "Mẫu giấy khen"


def test_no_tab_without_the_permission(qtbot: QtBot, database: Database) -> None:
    page = SettingsPage(AppContext(database, "someone", actor=Actor("someone", "nobody")))
    qtbot.addWidget(page)
    assert "templates" not in page.tabs


def replace_of(database: Database, base: str, **changes: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(loaded(database, base), **changes)
