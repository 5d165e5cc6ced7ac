"""The Settings tab "Mẫu giấy khen": the certificate templates this installation prints with (its
own, kept in the database, and the defaults it has not replaced), a form with every value a
user sets (wording, signer, place, colours, emblem), a live preview of a sample certificate with
the unsaved values, and saving or deleting through `certificates.templates`. A problem is said
under the form and at its field; unsaved changes are never dropped without asking."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import t
from desktop.services.certificates.layout import PAGE
from desktop.services.certificates.templates import (
    COLOR,
    EMBLEM_LIMIT,
    LIMITS,
    NAME,
    TemplateError,
    TemplateFields,
    clean_template,
    default_names,
    delete_template,
    list_templates,
    sample_certificate,
    save_template,
)
from desktop.ui.certificate_surface import paint_certificate
from desktop.ui.context import AppContext
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import refusal_text

ERROR_COLOUR = "#b00020"
OK_COLOUR = "#1b5e20"
TEXTS = ("name", "label", "title", "verb", "authority_title", "signer_title", "signer_name", "place",
         "achievement_prefix")
COLOURS = ("border_color", "title_color", "text_color")
NAME_LIMIT = 64
PREVIEW_NAME = "xem_truoc"  # previews a new template before it has a valid name


def _row(*widgets: QWidget, stretch_first: bool = False) -> QHBoxLayout:
    """Widgets side by side, pushed left (or right)."""
    row = QHBoxLayout()
    row.setSpacing(6)
    if stretch_first:
        row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    if not stretch_first:
        row.addStretch(1)
    return row


class TemplatePreview(QWidget):
    """A sample certificate drawn with the form's values, fitted into the widget on a grey desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: TemplateFields | None = None
        self.setMinimumSize(320, int(320 * PAGE[1] / PAGE[0]))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_template(self, template: TemplateFields) -> None:
        self.template = template
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.lightGray)
        if self.template is not None:
            paint_certificate(painter, QRectF(self.rect()).adjusted(6, 6, -6, -6),
                              sample_certificate(self.template), self.template.layout())
        painter.end()


class TemplatesTab(Retranslating, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.templates: dict[str, TemplateFields] = {}
        self.loaded: TemplateFields | None = None  # what the form showed when opened: the unsaved test
        self.is_new = False
        self.deciding = False  # asking about unsaved changes after a click in the list
        self.emblem: bytes | None = None
        self.marked: str | None = None  # the field framed red
        self.confirm_box: QMessageBox | None = None
        self.confirm_delete_button: QPushButton | None = None

        self.list_label = QLabel()
        self.list = QTreeWidget()
        self.list.setColumnCount(2)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setMinimumHeight(100)
        self.list_label.setBuddy(self.list)
        self.list.currentItemChanged.connect(self._picked)

        self.lines: dict[str, QLineEdit] = {}
        for field in (*TEXTS, *COLOURS):
            line = QLineEdit()
            line.setMaxLength(NAME_LIMIT if field == "name" else LIMITS.get(field, 7))
            line.editingFinished.connect(self.refresh_preview)
            self.lines[field] = line
        self.swatches: dict[str, QToolButton] = {}
        for field in COLOURS:
            swatch = QToolButton()
            swatch.setAutoRaise(False)
            swatch.clicked.connect(lambda _checked=False, f=field: self.choose_color(f))
            self.swatches[field] = swatch
            self.lines[field].textChanged.connect(lambda _text, f=field: self._paint_swatch(f))
        self.emblem_state = QLabel()
        self.choose_emblem_button = QPushButton()
        self.choose_emblem_button.clicked.connect(self.choose_emblem)
        self.remove_emblem_button = QPushButton()
        self.remove_emblem_button.clicked.connect(self.remove_emblem)

        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)  # not the page's 16 between columns
        for field in (*TEXTS, *COLOURS, "emblem"):
            self.labels[field] = label = QLabel()
            if field in COLOURS:
                self.lines[field].setMaximumWidth(110)
                label.setBuddy(self.lines[field])
                self.form.addRow(label, _row(self.lines[field], self.swatches[field]))
            elif field == "emblem":
                label.setBuddy(self.choose_emblem_button)
                self.form.addRow(label, _row(self.emblem_state, self.choose_emblem_button, self.remove_emblem_button))
            else:
                label.setBuddy(self.lines[field])
                self.form.addRow(label, self.lines[field])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_label = QLabel()
        self.preview = TemplatePreview()

        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_template)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.ask_delete)
        for button in (self.new_button, self.save_button, self.delete_button, self.choose_emblem_button,
                       self.remove_emblem_button):
            button.setAutoDefault(False)  # Enter in a field ends the field; it never saves

        # Left: the list and, under it, the page as it will look; right: the form.
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        left.addLayout(_row(self.new_button, self.delete_button))
        left.addSpacing(8)
        left.addWidget(self.preview_label)
        left.addWidget(self.preview, 3)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addLayout(self.form)
        right.addWidget(self.message)
        right.addLayout(_row(self.save_button, stretch_first=True))
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.list_label.setText(self.tr("Danh &sách mẫu:"))
        self.list.setHeaderLabels([self.tr("Mẫu"), self.tr("Loại")])
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            template = self.templates.get(item.data(0, Qt.ItemDataRole.UserRole))
            if template is not None:
                item.setText(1, self._kind(template))
        texts = {
            "name": self.tr("&Tên mẫu:"), "label": self.tr("Tên &hiển thị:"), "title": self.tr("Tên &giấy:"),
            "verb": self.tr("Dòng t&rên tên giấy:"), "authority_title": self.tr("Cấp &khen thưởng:"),
            "signer_title": self.tr("Chức &vụ người ký:"), "signer_name": self.tr("Họ tê&n người ký:"),
            "place": self.tr("Địa &danh:"), "achievement_prefix": self.tr("&Lời dẫn trước thành tích:"),
            "border_color": self.tr("Màu v&iền:"), "title_color": self.tr("Màu tên giấ&y:"),
            "text_color": self.tr("Màu &chữ:"), "emblem": self.tr("&Biểu trưng:"),
        }
        for field, text in texts.items():
            self.labels[field].setText(text)
        self.lines["name"].setPlaceholderText(self.tr("chữ thường không dấu, số, _ (vd. giay_khen_cap_xa)"))
        self.lines["title"].setPlaceholderText(self.tr("GIẤY KHEN, BẰNG KHEN…"))
        self.lines["verb"].setPlaceholderText(self.tr("TẶNG (để trống cho giấy chứng nhận)"))
        self.lines["authority_title"].setPlaceholderText(self.tr("theo quyết định, nếu để trống"))
        self.lines["place"].setPlaceholderText(self.tr("tên tỉnh, nếu để trống"))
        self.lines["achievement_prefix"].setPlaceholderText(self.tr("vd. Đã tham dự"))
        for field in COLOURS:
            self.lines[field].setPlaceholderText("#RRGGBB")
            self.swatches[field].setToolTip(self.tr("Chọn màu…"))
        self.choose_emblem_button.setText(self.tr("Chọn ảnh…"))
        self.remove_emblem_button.setText(self.tr("Bỏ ảnh"))
        self._show_emblem_state()
        self.preview_label.setText(self.tr("Xem trước (giấy mẫu, chưa lưu):"))
        self.new_button.setText(self.tr("&Mẫu mới"))
        self.save_button.setText(self.tr("Lư&u"))
        self.delete_button.setText(self.tr("&Xóa mẫu riêng"))

    def _kind(self, template: TemplateFields) -> str:
        return self.tr("riêng") if template.custom else self.tr("mặc định")

    # -- the list -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """The list again from the database; the form shows `select` (else the first one)."""
        with self.context.database.sessions() as session:
            templates = list_templates(session)
        self.templates = {template.name: template for template in templates}
        row_height = self.list.fontMetrics().height() + 8
        self.list.blockSignals(True)
        self.list.clear()
        for template in templates:
            item = QTreeWidgetItem([template.label, self._kind(template)])
            item.setData(0, Qt.ItemDataRole.UserRole, template.name)
            item.setToolTip(0, template.name)
            item.setSizeHint(0, QSize(0, row_height))  # room for the marks above and below the letters
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        item = self._item(select) or self.list.topLevelItem(0)
        if item is not None:
            self._select(item)
            self.show_template(self.templates[item.data(0, Qt.ItemDataRole.UserRole)])

    def _item(self, name: str | None) -> QTreeWidgetItem | None:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == name:
                return item
        return None

    def _select(self, item: QTreeWidgetItem | None) -> None:
        self.list.blockSignals(True)
        if item is None:
            self.list.setCurrentItem(None)
            self.list.clearSelection()
        else:
            self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None

    def _picked(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if current is None or self.deciding:
            return
        name = current.data(0, Qt.ItemDataRole.UserRole)
        if not self.is_dirty():
            self.show_template(self.templates[name])
            return
        back = None if self.is_new or previous is None else previous.data(0, Qt.ItemDataRole.UserRole)
        self.deciding = True
        # Asked once the click has finished selecting its row, so that staying put (or reloading
        # the list after saving) is not undone by the rest of the click.
        QTimer.singleShot(0, self, lambda: self._decide(name, back))

    def _decide(self, name: str, back: str | None) -> None:
        try:
            decision = self.ask_unsaved()
            saved = self._store() if decision == "save" else None
            if decision == "cancel" or (decision == "save" and saved is None):
                self._select(self._item(back))  # stay on the changed template
            elif saved is not None:
                self.reload(select=name)  # the saved one now shows as the unit's own
                self._say(t("tpl_saved", name=saved))
            else:
                self.show_template(self.templates[name])
        finally:
            self.deciding = False

    def ask_unsaved(self) -> str:
        """"save", "discard" or "cancel" (Esc) — tests replace this method."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Mẫu giấy khen"),
                          self.tr("Lưu các thay đổi của mẫu này?"), QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(self.tr("Các ô đã sửa chưa được lưu."))
        save = box.addButton(self.tr("Lưu"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        return {id(save): "save", id(discard): "discard"}.get(id(box.clickedButton()), "cancel")

    # -- the form -------------------------------------------------------------------------------

    def show_template(self, template: TemplateFields) -> None:
        """Fills the form with a template as saved (nothing unsaved any more)."""
        self.is_new = False
        self._fill(template)
        self.loaded = self.values()
        self.lines["name"].setReadOnly(True)
        self._say("")
        self._update_buttons()

    def _fill(self, template: TemplateFields) -> None:
        for field, line in self.lines.items():
            line.setText(getattr(template, field))
            line.setCursorPosition(0)
        self.emblem = template.emblem
        self._show_emblem_state()
        self._mark(None)
        self.refresh_preview()

    def values(self) -> TemplateFields:
        """The form as it stands, unsaved."""
        current = None if self.is_new else self.templates.get(self.lines["name"].text())
        return TemplateFields(**{field: line.text() for field, line in self.lines.items()}, emblem=self.emblem,
                              custom=bool(current and current.custom))

    def is_dirty(self) -> bool:
        return self.loaded is not None and self.values() != self.loaded

    def new_template(self) -> None:
        """A new template, a copy of the form (the selected one and any changes): type its name."""
        base = self.templates.get(self.loaded.name) if self.loaded is not None and not self.is_new else None
        current = self.values()
        self.is_new = True
        self.loaded = replace(base, name="", custom=False) if base is not None else replace(current, name="")
        self.lines["name"].setReadOnly(False)
        self.lines["name"].clear()
        self._select(None)
        self._say(self.tr("Mẫu mới: đặt tên mẫu rồi bấm Lưu."))
        self._update_buttons()
        self.lines["name"].setFocus()

    def _update_buttons(self) -> None:
        current = None if self.is_new or self.loaded is None else self.templates.get(self.loaded.name)
        self.delete_button.setEnabled(bool(current and current.custom))

    def refresh_preview(self) -> None:
        """The preview with the unsaved values; a bad value is said at its field, the last good
        preview stays."""
        current = self.values()
        if not NAME.fullmatch(current.name):
            current = replace(current, name=PREVIEW_NAME)  # a name does not show on the page
        try:
            typed = self.lines["name"].text()
            if typed and not NAME.fullmatch(typed):
                raise TemplateError("name", t("tpl_bad_name"))  # typed wrong; an empty one waits for Lưu
            cleaned = clean_template(current)
        except TemplateError as problem:
            self._say(problem.message, error=True)
            self._mark(problem.field)
            return
        if self.marked is not None:  # the problem is mended
            self._mark(None)
            self._say("")
        self.preview.show_template(cleaned)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR if error else OK_COLOUR};" if text else "")

    def _mark(self, field: str | None) -> None:
        """Frames one field red (None: none)."""
        self.marked = field
        for name, line in self.lines.items():
            line.setStyleSheet(f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}" if name == field else "")
        self.emblem_state.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if field == "emblem" else "")

    def _focus(self, field: str) -> None:
        widget = self.lines.get(field) or self.choose_emblem_button
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # -- colours and emblem ---------------------------------------------------------------------

    def _paint_swatch(self, field: str) -> None:
        text = self.lines[field].text()
        pixmap = QPixmap(16, 16)
        pixmap.fill(QColor(text) if COLOR.fullmatch(text) else QColor(0, 0, 0, 0))
        self.swatches[field].setIcon(QIcon(pixmap))

    def choose_color(self, field: str) -> None:
        """QColorDialog for one colour; the choice goes into its field and the preview."""
        line = self.lines[field]
        start = QColor(line.text()) if COLOR.fullmatch(line.text()) else QColor("#000000")
        chosen = QColorDialog.getColor(start, self, self.labels[field].text().replace("&", "").rstrip(":"))
        if chosen.isValid():
            line.setText(chosen.name().upper())
            self.refresh_preview()

    def _show_emblem_state(self) -> None:
        if self.emblem:
            self.emblem_state.setText(self.tr("có ảnh (%1 KB)").replace("%1", str(max(1, len(self.emblem) // 1024))))
        else:
            self.emblem_state.setText(self.tr("không có ảnh"))
        self.remove_emblem_button.setEnabled(bool(self.emblem))

    def choose_emblem(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Chọn ảnh biểu trưng"), "",
                                                    self.tr("Ảnh PNG hoặc JPEG (*.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            if Path(path).stat().st_size > EMBLEM_LIMIT:  # said before reading a huge file whole
                self._say(t("tpl_emblem_too_big", limit=EMBLEM_LIMIT // 1024), error=True)
                self._mark("emblem")
                return
            self.emblem = Path(path).read_bytes()
        except OSError:
            self._say(t("tpl_no_file", path=path), error=True)
            self._mark("emblem")
            return
        self._show_emblem_state()
        self.refresh_preview()

    def remove_emblem(self) -> None:
        self.emblem = None
        self._show_emblem_state()
        self.refresh_preview()

    # -- saving and deleting --------------------------------------------------------------------

    def save(self) -> bool:
        """Saves the form as the unit's own template (a default saved under its name is replaced
        here); a problem is said under the form and at its field."""
        saved = self._store()
        if saved is None:
            return False
        self.reload(select=saved)
        self._say(t("tpl_saved", name=saved))
        return True

    def _store(self) -> str | None:
        """The name saved under, or None when the problem was said."""
        try:
            saved = save_template(self.context.database, self.values(), actor=self.context.actor)
        except TemplateError as problem:
            self._say(problem.message, error=True)
            self._mark(problem.field)
            self._focus(problem.field)
            return None
        except Exception as exc:  # a refusal or a locked file is said here; a bug goes up
            message = refusal_text(exc)
            if message is None:
                raise
            self._say(message, error=True)
            return None
        return saved.name

    def ask_delete(self) -> QMessageBox | None:
        """Asks before deleting the selected custom template (opened without blocking)."""
        if self.loaded is None or self.is_new:
            return None
        name = self.loaded.name
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Xóa mẫu riêng"), "",
                          QMessageBox.StandardButton.NoButton, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setText(self.tr("Xóa mẫu riêng «%1»?").replace("%1", self.lines["label"].text() or name))
        if name in default_names():
            box.setInformativeText(self.tr("Mẫu mặc định cùng tên sẽ được dùng lại."))
        else:
            box.setInformativeText(self.tr("Mẫu này sẽ không còn trong danh sách."))
        yes = box.addButton(self.tr("Xóa"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        yes.clicked.connect(lambda: self.delete(name))
        self.confirm_box, self.confirm_delete_button = box, yes
        box.open()
        return box

    def delete(self, name: str) -> None:
        try:
            deleted = delete_template(self.context.database, name, actor=self.context.actor)
        except Exception as exc:
            message = refusal_text(exc)
            if message is None:
                raise
            self._say(message, error=True)
            return
        self.loaded = None  # the deleted values are gone on purpose
        self.reload(select=name)
        if not deleted:
            self._say(t("tpl_no_custom", name=name), error=True)
        elif name in self.templates:
            self._say(t("tpl_deleted", name=name) + " " + self.tr("Mẫu mặc định cùng tên được dùng lại."))
        else:
            self._say(t("tpl_deleted", name=name))
