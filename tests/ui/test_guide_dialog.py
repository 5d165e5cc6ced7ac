"""The user guide: F1 or Trợ giúp → Hướng dẫn sử dụng opens it in the interface's language, with
its pictures, working links, a contents list and a search without accents; and the guide files
themselves: every picture they show exists, every link they hold leads somewhere."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from desktop.resources import GUIDE_FILES, guide_folder, guide_path
from desktop.services.installation import Database
from desktop.ui.guide_dialog import GuideDialog, fold_in_place, heading_slug
from desktop.ui.main_window import MainWindow

VI_TITLE = "Hướng dẫn sử dụng ANTQ Ledger"
EN_TITLE = "ANTQ Ledger user guide"


def make_window(qtbot: QtBot, database: Database) -> MainWindow:
    window = MainWindow(database, "admin")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts reach the active window only
        window.show()
        window.activateWindow()
    return window


def open_guide(qtbot: QtBot, window: MainWindow) -> GuideDialog:
    if not window.isActiveWindow():  # (a dialog closed just now had the focus)
        with qtbot.waitActive(window):
            window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(GuideDialog) is not None and window.findChild(GuideDialog).isVisible())
    dialog = window.findChild(GuideDialog)
    assert dialog is not None
    return dialog


@pytest.fixture
def guide(qtbot: QtBot) -> Iterator[GuideDialog]:
    dialog = GuideDialog(lang="vi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def images_of(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isImageFormat():
                names.append(fragment.charFormat().toImageFormat().name())
            fragments += 1
        block = block.next()
    return names


# -- opening ---------------------------------------------------------------------------------------


def test_f1_opens_the_vietnamese_guide_and_the_help_menu_names_it(qtbot: QtBot, database: Database) -> None:
    window = make_window(qtbot, database)
    action = window.guide_action
    assert action in window.help_menu.actions()
    assert action.text().replace("&", "") == "Hướng dẫn sử dụng"
    assert action.shortcut().toString() == "F1"
    dialog = open_guide(qtbot, window)
    assert dialog.title() == VI_TITLE
    assert dialog.windowTitle().startswith("Hướng dẫn sử dụng")
    assert "Lần chạy đầu tiên" in [dialog.contents.item(i).text() for i in range(dialog.contents.count())]
    action.trigger()  # the menu again: the same dialog comes to the front, not a second one
    assert window.findChildren(GuideDialog) == [dialog]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_in_english_the_english_guide_opens_and_an_open_guide_follows_the_language(
        qtbot: QtBot, database: Database) -> None:
    window = make_window(qtbot, database)
    dialog = open_guide(qtbot, window)
    assert dialog.title() == VI_TITLE
    window.switch_language("en")
    try:
        qtbot.waitUntil(lambda: dialog.title() == EN_TITLE)  # LanguageChange events are posted
        assert "First run" in [dialog.contents.item(i).text() for i in range(dialog.contents.count())]
        assert dialog.path == guide_path("en")
        dialog.close()
        again = open_guide(qtbot, window)
        assert again.title() == EN_TITLE
    finally:
        window.switch_language("vi")
    qtbot.waitUntil(lambda: dialog.title() == VI_TITLE)


# -- what it shows ---------------------------------------------------------------------------------


def drawn_widths(document: QTextDocument) -> dict[str, float]:
    widths = {}
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            if char_format.isImageFormat():
                image = char_format.toImageFormat()
                widths[image.name()] = image.width()
            fragments += 1
        block = block.next()
    return widths


def test_the_pictures_of_the_guide_load_and_fit_the_width(qtbot: QtBot, guide: GuideDialog) -> None:
    document = guide.browser.document()
    names = images_of(document)
    assert len(names) >= 10
    for name in names:
        picture = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert picture is not None and not picture.isNull(), name
    for width, height in ((700, 500), (1250, 800)):
        guide.resize(width, height)
        qtbot.waitUntil(lambda least=width // 3: guide.browser.viewport().width() > least)
        room = guide.browser.viewport().width()
        drawn = drawn_widths(document)
        assert all(0 < width <= room for width in drawn.values())  # never a sideways scroll
        assert max(drawn.values()) >= 0.8 * room  # yet as wide as the pane allows
        natural = {name: guide.image_size(name).width() for name in drawn}
        if room > 700:  # the wizard's pictures (620 wide) at their own size, the window's narrower
            assert any(drawn[name] == natural[name] for name in drawn)
            assert any(drawn[name] < natural[name] for name in drawn)


def test_search_without_accents_selects_each_place_in_turn(qtbot: QtBot, guide: GuideDialog) -> None:
    qtbot.keyClick(guide, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide.search.hasFocus()
    qtbot.keyClicks(guide.search, "khoi phuc")
    first = guide.browser.textCursor()
    assert fold_in_place(first.selectedText()) == "khoi phuc"
    assert first.selectedText().lower() == "khôi phục"
    qtbot.keyClick(guide.search, Qt.Key.Key_Return)  # the next place
    second = guide.browser.textCursor()
    assert second.selectedText().lower() == "khôi phục"
    assert second.selectionStart() > first.selectionStart()
    qtbot.keyClick(guide, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # back to the first
    assert guide.browser.textCursor().selectionStart() == first.selectionStart()
    assert guide.status.text() == ""
    guide.search.clear()
    qtbot.keyClicks(guide.search, "zzqx")
    assert guide.status.text() == "Không thấy «zzqx»."
    guide.search.selectAll()
    qtbot.keyClicks(guide.search, "phim tat")
    assert guide.status.text() == ""
    assert guide.browser.textCursor().selectedText() == "Phím tắt"


def test_contents_and_links_lead_to_their_section(qtbot: QtBot, guide: GuideDialog) -> None:
    browser = guide.browser
    # a link of the guide's own contents, clicked as a user would
    text = browser.document().toPlainText()
    cursor = QTextCursor(browser.document())
    cursor.setPosition(text.index("Sao lưu và khôi phục") + 2)
    spot = browser.cursorRect(cursor).center() + QPoint(2, 0)
    with qtbot.waitSignal(browser.anchorClicked) as clicked:
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert clicked.args[0].fragment() == "sao-lưu-và-khôi-phục"
    assert browser.textCursor().block().text() == "Sao lưu và khôi phục"
    assert browser.verticalScrollBar().value() > 0
    # the contents list
    items = [guide.contents.item(i) for i in range(guide.contents.count())]
    install = next(item for item in items if item.text().strip() == "Cài đặt, nâng cấp, gỡ bỏ")
    qtbot.mouseClick(guide.contents.viewport(), Qt.MouseButton.LeftButton,
                     pos=guide.contents.visualItemRect(install).center())
    assert browser.textCursor().block().text() == "Cài đặt, nâng cấp, gỡ bỏ"
    # the link to the other language's guide, and back to a section of this one
    guide.follow_link(QUrl("guide-en.md"))
    assert guide.title() == EN_TITLE
    guide.follow_link(QUrl("huong-dan.md#giấy-khen"))
    assert guide.title() == VI_TITLE
    assert browser.textCursor().block().text() == "Giấy khen"


# -- the guide files -------------------------------------------------------------------------------

LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)\)")


def headings_of(path: Path) -> set[str]:
    body = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {heading_slug(line.lstrip("#")) for line in body.splitlines() if re.match(r"#{1,6} ", line)}


@pytest.mark.parametrize("name", sorted(GUIDE_FILES.values()))
def test_every_picture_exists_and_every_link_resolves(name: str) -> None:
    path = guide_folder() / name
    text = path.read_text(encoding="utf-8")
    links = LINK.findall(text)
    pictures = [target for bang, target in links if bang]
    assert len(pictures) >= 10
    for target in pictures:
        picture = path.parent / target
        assert picture.is_file(), target
        image = QImage(str(picture))
        assert not image.isNull(), target
        assert image.width() <= 1200 and image.height() <= 900, target  # reasonably small
        assert picture.stat().st_size < 300_000, target
    for _bang, target in links:
        if re.match(r"[a-z]+:", target):
            continue  # (web addresses)
        file_part, _hash, fragment = target.partition("#")
        linked = (path.parent / file_part) if file_part else path
        assert linked.exists(), target
        if fragment:
            assert heading_slug(fragment) in headings_of(linked), target


def test_both_guides_show_the_same_pictures_each_in_its_language() -> None:
    def pictures(lang: str) -> list[str]:
        return [target for bang, target in LINK.findall(guide_path(lang).read_text(encoding="utf-8")) if bang]

    vi, en = pictures("vi"), pictures("en")
    assert all(target.startswith("img/vi/") for target in vi)
    assert all(target.startswith("img/en/") for target in en)
    assert [Path(target).name for target in vi] == [Path(target).name for target in en]
    assert headings_of(guide_path("vi")) >= {"lần-chạy-đầu-tiên", "sao-lưu-và-khôi-phục"}
    assert len(headings_of(guide_path("vi"))) == len(headings_of(guide_path("en")))
