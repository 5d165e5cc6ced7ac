"""The user guide (Trợ giúp → Hướng dẫn sử dụng, F1): the Markdown guide of the interface language
from `docs/guide` (found through `desktop.resources`, from source and frozen alike) in a
QTextBrowser, with its pictures fitted to the width, a contents list of its sections, working
links (sections, the other language's guide, web addresses) and a search that, like the lists,
needs no accents (Ctrl+F, F3 / Shift+F3). The dialog is not modal: it stays open beside the
window while the officer follows the steps."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.textfold import fold
from desktop.i18n import language
from desktop.resources import guide_path
from desktop.ui.retranslate import Retranslating

NOT_FOUND_STYLE = "QLineEdit { background: #fde7e9; }"
WEB_SCHEMES = ("http", "https", "mailto")


def heading_slug(text: str) -> str:
    """The anchor GitHub gives a heading ("Sao lưu và khôi phục" → "sao-lưu-và-khôi-phục"), so
    that a link `#…` written for GitHub works here too."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def fold_in_place(text: str) -> str:
    """`db.textfold.fold` one character at a time: the same length as `text`, so that a match
    in the folded text is at the same place in the document."""
    folded: dict[str, str] = {}
    out = []
    for ch in text:
        if ch not in folded:
            one = " " if ch.isspace() else fold(ch)
            folded[ch] = one if len(one) == 1 else ch.lower()
        out.append(folded[ch])
    return "".join(out)


class GuideDialog(Retranslating, QDialog):
    """`GuideDialog(parent, lang=None)`: the guide of `lang` (default: the interface's);
    `show_guide(parent)` opens it, or brings the open one to the front."""

    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.lang = lang or language()
        self.path: Path | None = None
        self._folded: str | None = None  # the document's text, folded (made at the first search)
        self._originals: dict[str, QImage] = {}  # each picture as its file holds it
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # links are followed here (anchors GitHub-style)
        self.browser.anchorClicked.connect(self.follow_link)
        self.browser.viewport().installEventFilter(self)  # pictures follow the reading pane's width
        self.contents = QListWidget(self)
        self.contents.itemActivated.connect(self._contents_chosen)
        self.contents.itemClicked.connect(self._contents_chosen)
        self.contents_label = QLabel(self)
        self.contents_label.setBuddy(self.contents)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _text: self.find(again=False))
        self.search.returnPressed.connect(self.find)
        self.next_button = QPushButton(self)
        self.next_button.clicked.connect(lambda: self.find())
        self.previous_button = QPushButton(self)
        self.previous_button.clicked.connect(lambda: self.find(backward=True))
        self.status = QLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        for button in (self.next_button, self.previous_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the search field finds, never closes
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence.StandardKey.FindNext, self, lambda: self.find())
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, lambda: self.find(backward=True))

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.previous_button)
        search_row.addWidget(self.next_button)
        search_row.addWidget(self.status)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.contents_label)
        side_layout.addWidget(self.contents, 1)
        splitter = QSplitter(self)
        splitter.addWidget(side)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._size_to_screen()
        self.retranslate_ui()
        self.load(self.lang)

    # -- the document -----------------------------------------------------------------------------

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        self.resize(min(1200, int(room.width() * 0.9)), min(820, int(room.height() * 0.9)))
        self.splitter.setSizes([300, self.width() - 300])

    def load(self, lang: str) -> None:
        """Shows the guide of `lang` from its start."""
        self.lang = lang
        self.show_file(guide_path(lang))

    def show_file(self, path: Path, fragment: str = "") -> None:
        self.path = path
        self._folded = None
        self._originals.clear()
        if path.is_file():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        else:  # (a build without docs/guide: say so rather than show nothing)
            self.browser.setPlainText(self.tr("Không tìm thấy tệp hướng dẫn %1.").replace("%1", str(path)))
        self._fit_images()
        self._fill_contents()
        if not (fragment and self.go_to_anchor(fragment)):
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            self.browser.verticalScrollBar().setValue(0)

    def headings(self) -> list[QTextBlock]:
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and block.text().strip():
                found.append(block)
            block = block.next()
        return found

    def title(self) -> str:
        """The guide's first heading."""
        first = self.headings()
        return first[0].text() if first else ""

    def _fill_contents(self) -> None:
        self.contents.clear()
        for block in self.headings():
            level = block.blockFormat().headingLevel()
            if level in (2, 3):  # (level 1 is the guide's title)
                item = QListWidgetItem(("    " if level == 3 else "") + block.text(), self.contents)
                item.setData(Qt.ItemDataRole.UserRole, block.position())

    def _contents_chosen(self, item: QListWidgetItem) -> None:
        block = self.browser.document().findBlock(int(item.data(Qt.ItemDataRole.UserRole)))
        self._scroll_to(block)

    def _scroll_to(self, block: QTextBlock) -> None:
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)  # a search goes on from here
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    def _fit_images(self) -> None:
        """Pictures at their own size, or narrower to fit the width (never a sideways scroll).
        A narrower picture is scaled here, smoothly, and put in the document's place of the
        original: the text browser would draw it scaled without smoothing."""
        document = self.browser.document()
        room = max(200, self.browser.viewport().width() - int(2 * document.documentMargin()) - 12)
        ratio = self.browser.devicePixelRatioF()
        changes = []
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().isImageFormat():
                    image = fragment.charFormat().toImageFormat()
                    original = self._original(image.name())
                    if not original.isNull():
                        width = min(original.width(), room)
                        height = round(original.height() * width / original.width())
                        if round(image.width()) != width:
                            shown = original if width == original.width() else original.scaled(
                                round(width * ratio), round(height * ratio), Qt.AspectRatioMode.IgnoreAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
                            shown.setDevicePixelRatio(ratio if shown is not original else 1.0)
                            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()), shown)
                            image.setWidth(width)
                            image.setHeight(height)
                            changes.append((fragment.position(), fragment.length(), image))
                fragments += 1
            block = block.next()
        cursor = QTextCursor(document)
        for position, length, image in changes:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)

    def _original(self, name: str) -> QImage:
        """The picture as its file holds it (a null image when it did not load)."""
        if name not in self._originals:
            found = self.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
            if isinstance(found, QPixmap):
                found = found.toImage()
            self._originals[name] = QImage(found) if isinstance(found, QImage) else QImage()
        return self._originals[name]

    def image_size(self, name: str) -> QSize:
        """The picture's own size (an empty size when it did not load)."""
        original = self._original(name)
        return QSize() if original.isNull() else original.size()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_images()
        return super().eventFilter(watched, event)

    # -- links --------------------------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        """A section of this guide, another guide file, or (in the system's browser) a web address."""
        if url.scheme() in WEB_SCHEMES:
            QDesktopServices.openUrl(url)
            return
        fragment = url.fragment(QUrl.ComponentFormattingOption.FullyDecoded)
        if not url.path():
            self.go_to_anchor(fragment)
            return
        target = self.browser.source().resolved(url)
        path = Path(target.toLocalFile()) if target.isLocalFile() else None
        if path is not None and path.suffix.lower() == ".md":
            if path == self.path:
                self.go_to_anchor(fragment)
            else:
                self.show_file(path, fragment)
        elif path is not None and path.exists():
            QDesktopServices.openUrl(target)

    def go_to_anchor(self, fragment: str) -> bool:
        wanted = heading_slug(fragment)
        for block in self.headings():
            if heading_slug(block.text()) == wanted:
                self._scroll_to(block)
                return True
        return False

    # -- search ---------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find(self, text: str | None = None, backward: bool = False, *, again: bool = True) -> bool:
        """Selects the next (or previous) place of `text` (default: what is typed in the search
        field), without accents or case, from the selection, going round at the end; `again`
        False (while typing) keeps the match under the cursor."""
        query = fold_in_place((self.search.text() if text is None else text).strip())
        if not query:
            self._say_found(True)
            return False
        if self._folded is None:
            self._folded = fold_in_place(self.browser.document().toPlainText())
        haystack = self._folded
        cursor = self.browser.textCursor()
        start = cursor.selectionStart()
        if backward:
            found = haystack.rfind(query, 0, start - 1 + len(query)) if start > 0 else -1
            if found < 0:
                found = haystack.rfind(query)
        else:
            found = haystack.find(query, start + (1 if again and cursor.hasSelection() else 0))
            if found < 0:
                found = haystack.find(query)
        self._say_found(found >= 0, query)
        if found < 0:
            return False
        cursor.setPosition(found)
        cursor.setPosition(found + len(query), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        return True

    def selected_text(self) -> str:
        return self.browser.textCursor().selectedText()

    def _say_found(self, found: bool, query: str = "") -> None:
        self.search.setStyleSheet("" if found else NOT_FOUND_STYLE)
        self.status.setText("" if found else self.tr("Không thấy «%1».").replace("%1", self.search.text().strip()
                                                                                  or query))

    # -- words ----------------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng — ANTQ Ledger"))
        self.contents_label.setText(self.tr("&Mục lục"))
        self.search.setPlaceholderText(self.tr("Tìm trong hướng dẫn, không cần dấu (Ctrl+F)"))
        self.next_button.setText(self.tr("Tìm &tiếp"))
        self.next_button.setToolTip(self.tr("Chỗ tiếp theo (F3 hoặc Enter)"))
        self.previous_button.setText(self.tr("Tìm &lùi"))
        self.previous_button.setToolTip(self.tr("Chỗ trước đó (Shift+F3)"))
        self.close_button.setText(self.tr("Đóng"))
        if self.path is not None and language() != self.lang:
            self.load(language())  # the guide of the language just chosen


def show_guide(parent: QWidget) -> GuideDialog:
    """Opens the guide beside `parent` (one per window: a second F1 brings it to the front)."""
    dialog = parent.findChild(GuideDialog)
    if dialog is None:
        dialog = GuideDialog(parent)
    dialog.show()
    if QGuiApplication.platformName() != "offscreen":  # (which cannot raise a window, and warns)
        dialog.raise_()
    dialog.activateWindow()
    return dialog
