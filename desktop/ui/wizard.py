"""The first-run wizard: the language, the installation's own unit (typed without accents), the
first administrator account. Finish sets up the database off the main thread; on success the
wizard holds the open `database` and the `username`, and is accepted.

The headless steps are in `desktop.services.setup`; this module only shows them.
"""
from __future__ import annotations

import os

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.i18n import language, set_language
from desktop.services.accounts import AccountError, account_problems, normalise_username
from desktop.services.installation import Database, SetupError
from desktop.services.progress import Progress, is_environment_error
from desktop.services.setup import (
    UnitChoice,
    current_units_loaded,
    load_current_units,
    pending_account,
    search_current_units,
    set_up,
)
from desktop.ui import settings
from desktop.ui.field_errors import error_label, show_message
from desktop.ui.retranslate import Retranslating
from desktop.ui.tasks import TaskHandle, error_text, run_in_background, show_error

SHOWN_RESULTS = 20


def choose_language(lang: str) -> None:
    """Switches the whole interface now and remembers the choice."""
    from desktop.ui.translations import TranslationError, switch_language

    app = QApplication.instance()
    try:
        if app is None:
            raise TranslationError("no application")
        switch_language(app, lang)
    except TranslationError:
        set_language(lang)  # the services' messages follow even when the .qm is missing
    settings.write(settings.LANGUAGE, lang)




class _Page(Retranslating, QWizardPage):
    """A page that sets its texts in `retranslate_ui()`, again on every language change."""



class LanguagePage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each language is named in its own words, so these two are never translated.
        self.vietnamese = QRadioButton("Tiếng Việt")
        self.english = QRadioButton("English")
        self.group = QButtonGroup(self)
        self.group.addButton(self.vietnamese)
        self.group.addButton(self.english)
        (self.english if language() == "en" else self.vietnamese).setChecked(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.vietnamese)
        layout.addWidget(self.english)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.english.toggled.connect(self._chosen)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Ngôn ngữ"))
        self.setSubTitle(self.tr("Chọn ngôn ngữ của chương trình."))
        self.hint.setText(self.tr("Có thể đổi lại sau trong phần Cài đặt."))

    def selected_language(self) -> str:
        return "en" if self.english.isChecked() else "vi"

    def validatePage(self) -> bool:
        settings.write(settings.LANGUAGE, self.selected_language())  # kept even when left as it was
        return True

    def _chosen(self) -> None:
        choose_language(self.selected_language())


class UnitPage(_Page):
    """A search box and the units it finds; Next needs one unit selected. Up and Down in the
    box move through the results, Enter picks the first one, then goes on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.results = QListWidget()
        self.results.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.chosen)
        self.loading = not current_units_loaded()
        self.load_error = ""
        self.more = False
        self.search.textChanged.connect(self.refresh)
        self.search.installEventFilter(self)
        self.results.itemSelectionChanged.connect(self._selection_changed)
        self.results.itemDoubleClicked.connect(self._double_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Đơn vị sử dụng"))
        # One literal per tr() call: lupdate does not join adjacent string literals.
        self.setSubTitle(self.tr("Chọn phường, xã (hoặc tỉnh, thành phố) dùng chương trình này, theo danh mục đơn vị hành chính từ 01/7/2025."))
        self.search_label.setText(self.tr("&Tìm đơn vị:"))
        self.search.setPlaceholderText(self.tr("Gõ tên phường, xã, không cần dấu"))
        self._update_status()
        self._update_chosen()

    def units_loaded(self, error: str = "") -> None:
        """Called once the current list has been read (or could not be)."""
        self.loading = False
        self.load_error = error
        self.refresh()

    def selected_unit(self) -> UnitChoice | None:
        items = self.results.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if len(items) == 1 else None

    def isComplete(self) -> bool:
        return self.selected_unit() is not None

    def refresh(self) -> None:
        before = self.selected_unit()
        found: list[UnitChoice] = []
        if not self.loading and not self.load_error:
            found = search_current_units(self.search.text(), limit=SHOWN_RESULTS + 1)
        self.more = len(found) > SHOWN_RESULTS
        self.results.blockSignals(True)
        self.results.clear()
        for choice in found[:SHOWN_RESULTS]:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            item.setToolTip(choice.code)
            self.results.addItem(item)
            if choice == before:  # still shown: stays selected
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        self._selection_changed()
        self._update_status()

    def _update_status(self) -> None:
        if self.loading:
            text = self.tr("Đang tải danh mục đơn vị…")
        elif self.load_error:
            text = self.tr("Không đọc được danh mục đơn vị: %1").replace("%1", self.load_error)
        elif not self.search.text().strip():
            text = self.tr("Ví dụ: phuong cua nam, xa tan lap")
        elif self.results.count() == 0:
            text = self.tr("Không tìm thấy đơn vị nào.")
        elif self.more:
            text = self.tr("Chỉ hiện %1 đơn vị đầu tiên: gõ thêm để thu hẹp.").replace("%1", str(SHOWN_RESULTS))
        else:
            text = ""
        self.status.setText(text)

    def _update_chosen(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            self.chosen.setText(self.tr("Chưa chọn đơn vị: dùng phím ↓ ↑ hoặc chuột để chọn."))
        else:
            self.chosen.setText(self.tr("Đã chọn: %1, mã %2.").replace("%1", unit.label).replace("%2", unit.code))

    def _selection_changed(self) -> None:
        self._update_chosen()
        self.completeChanged.emit()

    def _double_clicked(self) -> None:
        if self.isComplete() and self.wizard() is not None:
            self.wizard().next()

    def _move(self, step: int) -> None:
        count = self.results.count()
        if count == 0:
            return
        row = self.results.currentRow() if self.selected_unit() is not None else -1
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        self.results.setCurrentRow(row)
        self.results.scrollToItem(self.results.item(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                page = max(1, self.results.height() // max(1, self.results.sizeHintForRow(0)) - 1)
                steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
                self._move(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_unit() is None:
                self._move(0)  # Enter picks the first result; a second Enter goes on
                return True
        return super().eventFilter(watched, event)


class AccountPage(_Page):
    """User name, full name, password twice; each problem shown in red under its field."""

    FIELDS = ("username", "full_name", "password", "confirm")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit: UnitChoice | None = None
        self.unit_label = QLabel()
        self.unit_label.setWordWrap(True)
        self.unit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        for row, name in enumerate(self.FIELDS):
            edit = QLineEdit()
            if name in ("password", "confirm"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            label = QLabel()
            label.setBuddy(edit)
            error = error_label()
            edit.textEdited.connect(lambda _text, field=name: self.show_problem(field, ""))
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(edit, 2 * row, 1)
            grid.addWidget(error, 2 * row + 1, 1)
            self.edits[name], self.labels[name], self.errors[name] = edit, label, error
        self.edits["username"].setMaxLength(64)
        self.general_error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.unit_label)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        self.busy = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Tài khoản quản trị"))
        self.setSubTitle(self.tr("Tài khoản đầu tiên là quản trị viên của cơ sở dữ liệu này. Hãy ghi nhớ mật khẩu."))
        self.labels["username"].setText(self.tr("Tên đăng &nhập:"))
        self.labels["full_name"].setText(self.tr("&Họ và tên:"))
        self.labels["password"].setText(self.tr("&Mật khẩu:"))
        self.labels["confirm"].setText(self.tr("Nhập &lại mật khẩu:"))
        self.edits["username"].setPlaceholderText(self.tr("chữ không dấu, số và . _ -"))
        self.edits["password"].setPlaceholderText(self.tr("ít nhất 8 ký tự"))
        self._update_unit()

    def set_unit(self, unit: UnitChoice | None) -> None:
        self.unit = unit
        self._update_unit()

    def _update_unit(self) -> None:
        if self.unit is None:
            self.unit_label.clear()
        else:
            self.unit_label.setText(self.tr("Đơn vị: %1, mã %2").replace("%1", self.unit.label)
                                    .replace("%2", self.unit.code))

    def initializePage(self) -> None:
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard) and wizard.hasVisitedPage(FirstRunWizard.UNIT):
            self.set_unit(wizard.unit_page.selected_unit())
        self.edits["username"].setFocus()

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def show_problem(self, field: str, message: str) -> None:
        show_message(self.errors.get(field, self.general_error), message)

    def show_problems(self, problems: list[AccountError]) -> None:
        for name in self.FIELDS:
            self.show_problem(name, "")
        show_message(self.general_error, "")
        for problem in problems:
            self.show_problem(problem.field, problem.message)
        if problems:
            first = self.edits.get(problems[0].field)
            if first is not None:
                first.setFocus()
                first.selectAll()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for edit in self.edits.values():
            edit.setReadOnly(busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.busy

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        if wizard.database is not None:  # the set-up has finished: Finish may close the wizard
            return True
        if self.busy:
            return False
        problems = account_problems(**self.values())
        self.show_problems(problems)
        if not problems:
            wizard.start_set_up()
        return False


class FirstRunWizard(QWizard):
    """Shown when the database has no installation (or no user yet). After `exec()`/`accepted`,
    `database` is the open, set-up database and `username` the administrator's user name."""

    LANGUAGE, UNIT, ACCOUNT = range(3)

    def __init__(self, target: str | os.PathLike[str] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.database: Database | None = None
        self.username: str | None = None
        self.task: TaskHandle[Database] | None = None
        self.loader: TaskHandle[int] | None = None
        self._enabled_before: dict[QWizard.WizardButton, bool] = {}
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.language_page = LanguagePage()
        self.unit_page = UnitPage()
        self.account_page = AccountPage()
        self.setPage(self.LANGUAGE, self.language_page)
        self.setPage(self.UNIT, self.unit_page)
        self.setPage(self.ACCOUNT, self.account_page)
        pending = pending_account(target)
        if pending is not None:  # set up already, no user yet: only the account is missing
            self.account_page.set_unit(pending)
            self.setStartId(self.ACCOUNT)
        elif self.unit_page.loading:
            self._load_units()
        self.resize(620, 480)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Bắt đầu sử dụng ANTQ Ledger"))

    def _rename_buttons(self) -> None:
        """QWizard names its own buttons only when its style changes, not on a language change:
        change it there and back so that they are named in the language now installed."""
        style = self.wizardStyle()
        classic = QWizard.WizardStyle.ClassicStyle
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle if style == classic else classic)
        self.setWizardStyle(style)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._rename_buttons()
        super().changeEvent(event)

    def _load_units(self) -> None:
        """Reads the unit list while the user chooses a language (about a second); the unit page
        says it is loading until then, so no progress dialog is needed."""
        page = self.unit_page

        def done(_count: int) -> None:
            if shiboken6.isValid(page):
                page.units_loaded()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(page):
                page.units_loaded(error_text(exc))
                if not is_environment_error(exc):
                    show_error(self, exc)

        self.loader = run_in_background(self, self.tr("Đang tải danh mục đơn vị…"), lambda _p: load_current_units(),
                                        done, on_error=failed, cancellable=False, show_after_ms=3_600_000)

    def start_set_up(self) -> None:
        """Creates the database and the account on a worker thread (loading the unit lists takes
        a second or two); the wizard is accepted when it is done."""
        values = self.account_page.values()
        unit = self.account_page.unit
        target = self.target

        def job(progress: Progress) -> Database:
            return set_up(target, unit.code if unit else None, values["username"], values["full_name"],
                          values["password"], values["confirm"], progress)

        self._set_busy(True)
        self.task = run_in_background(self, self.tr("Đang tạo cơ sở dữ liệu…"), job,
                                      lambda database: self._set_up_done(database, values["username"]),
                                      on_error=self._set_up_failed, cancellable=False)

    def _set_busy(self, busy: bool) -> None:
        self.account_page.set_busy(busy)
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            button = self.button(which)
            if busy:
                self._enabled_before[which] = button.isEnabled()
                button.setEnabled(False)
            else:
                button.setEnabled(self._enabled_before.pop(which, True))

    def _set_up_done(self, database: Database, username: str) -> None:
        self.database = database
        self.username = normalise_username(username)
        self._set_busy(False)
        self.accept()

    def _set_up_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, AccountError):
            self.account_page.show_problems([exc])
        elif isinstance(exc, SetupError) or is_environment_error(exc):
            self.account_page.show_problem("", error_text(exc))
        else:
            show_error(self, exc)

    def reject(self) -> None:
        if self.account_page.busy:  # the database is being written: let it finish
            return
        super().reject()
