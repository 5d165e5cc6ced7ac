"""The editors of a record form, one per field type of `record_specs` (date, int, text, long
text, code, codes, unit, organisation(s), refs, decision). Each `Field` gives its raw value in
the shape `validation.validate` accepts, takes one back, says when it changed, and shows a
validation message under itself with a red frame around its editor.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.models.base import EARLIEST_DATE
from db.vocab import Vocabulary
from desktop.i18n import language
from desktop.services.record_specs import FieldSpec
from desktop.services.validation import Invalid, parse_date
from desktop.ui.forms.picklists import Choices, MultiPick, PickList

ERROR_COLOUR = "#c62828"
LONG_TEXTS = ("notes", "content", "summary", "achievement")


class Field(QWidget):
    """An editor in a frame, with its validation message under it."""

    changed = Signal()
    narrow = False  # frame only as wide as the editor (dates, numbers)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.frame = QFrame(self)
        self.frame.setObjectName("fieldFrame")
        self.row = QHBoxLayout(self.frame)
        self.row.setContentsMargins(2, 2, 2, 2)  # room for the red frame, so nothing moves
        self.row.setSpacing(4)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # As tall as its editor and message, never stretched: spare room stays below the form.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if self.narrow:
            self.frame.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            layout.addWidget(self.frame, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            layout.addWidget(self.frame)
        layout.addWidget(self.error)
        self.set_error(None)

    def editor(self) -> QWidget:
        """The widget that takes focus and is framed red."""
        raise NotImplementedError

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits, in order."""
        return [self.editor()]

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Texts of the field itself (placeholders, code labels)."""

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        colour = ERROR_COLOUR if message else "transparent"
        self.frame.setStyleSheet(f"#fieldFrame {{ border: 2px solid {colour}; border-radius: 4px; }}")

    def has_error(self) -> bool:
        return bool(self.error.text())

    def _add(self, widget: QWidget, stretch: int = 1) -> None:
        self.row.addWidget(widget, stretch)
        self.setFocusProxy(self.editor())


class _DateLine(QLineEdit):
    """F4 or Alt+Down opens the calendar."""

    calendar_wanted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.AltModifier):
            self.calendar_wanted.emit()
            return
        super().keyPressEvent(event)


class DateField(Field):
    """dd/mm/yyyy typed (d/m/yyyy, dots and dashes accepted), or picked from a calendar."""

    narrow = True

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = _DateLine(self)
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9./\- ]{0,12}"), self.edit))
        self.edit.setMaxLength(12)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard has F4 / Alt+Down
        self.calendar: QCalendarWidget | None = None
        self._add(self.edit, 0)
        self.row.addWidget(self.button, 0)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.edit.calendar_wanted.connect(self.open_calendar)
        self.button.clicked.connect(self.open_calendar)

    def editor(self) -> QWidget:
        return self.edit

    def value(self) -> str | None:
        return self.edit.text().strip() or None

    def set_value(self, value: object) -> None:
        if isinstance(value, dt.date):
            self.edit.setText(value.strftime("%d/%m/%Y"))
        else:
            self.edit.setText("" if value is None else str(value))

    def date(self) -> dt.date | None:
        """The date typed, when it is one."""
        text = self.value()
        if not text:
            return None
        try:
            return parse_date(text)
        except Invalid:
            return None

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.button.setToolTip(self.tr("Chọn ngày trên lịch (F4)"))

    def open_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setLocale(QLocale(QLocale.Language.English if language() == "en" else QLocale.Language.Vietnamese))
        calendar.setGridVisible(True)
        calendar.setMinimumDate(QDate(EARLIEST_DATE.year, EARLIEST_DATE.month, EARLIEST_DATE.day))
        calendar.setMaximumDate(QDate.currentDate())
        day = self.date()
        if day is not None:
            calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.activated.connect(self._picked)
        calendar.clicked.connect(self._picked)
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        self.calendar = calendar

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("dd/MM/yyyy"))
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)


class TextField(Field):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(spec.max_length)
        self._add(self.edit)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())

    def editor(self) -> QWidget:
        return self.edit

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: object) -> None:
        self.edit.setText("" if value is None else str(value))

    def retranslate_ui(self) -> None:
        if self.spec.name == "ref":
            self.edit.setPlaceholderText(self.tr("tự cấp khi lưu"))


class IntField(TextField):
    """A whole number; 1.234 (Vietnamese grouping) is accepted as typed."""

    narrow = True

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9. ]{0,14}"), self.edit))
        self.edit.setMaxLength(14)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("0" * 14) + 16)

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText("0" if self.spec.default == 0 else "")


class _PlainText(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)


class LongTextField(Field):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = _PlainText(self)
        lines = 3
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 14)
        self._add(self.edit)
        self.edit.textChanged.connect(self.changed.emit)

    def editor(self) -> QWidget:
        return self.edit

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: object) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class PickField(Field):
    """One code, unit, organisation or decision. Vocabulary fields label their own codes; the
    others are given their choices by the form."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.pick = PickList(self)
        self._add(self.pick)
        self.pick.value_changed.connect(self.changed.emit)

    def editor(self) -> QWidget:
        return self.pick

    def value(self) -> str | None:
        return self.pick.value()

    def set_value(self, value: object) -> None:
        self.pick.set_value(value)

    def set_choices(self, choices: Choices) -> None:
        self.pick.set_choices(choices)

    def choices(self) -> list[tuple[str, str]]:
        return self.pick.choices()

    def retranslate_ui(self) -> None:
        if self.spec.vocabulary is not None:
            self.set_choices(vocabulary_choices(self.spec.vocabulary))
        self.pick.lineEdit().setPlaceholderText(self.tr("gõ để tìm…"))


class MultiField(Field):
    """Several organisers, topics or sources, checked in a filterable list."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.multi = MultiPick(self)
        self._add(self.multi)
        self.multi.value_changed.connect(self.changed.emit)

    def editor(self) -> QWidget:
        return self.multi.filter_box

    def focus_chain(self) -> list[QWidget]:
        return [self.multi.filter_box, self.multi.view]

    def value(self) -> list[str]:
        return self.multi.value()

    def set_value(self, value: object) -> None:
        self.multi.set_value(value)

    def set_choices(self, choices: Choices) -> None:
        self.multi.set_choices(choices)

    def retranslate_ui(self) -> None:
        if self.spec.vocabulary is not None and not self.multi.choices():
            self.set_choices(vocabulary_choices(self.spec.vocabulary))
        self.multi.filter_box.setPlaceholderText(self.tr("lọc (gõ không dấu cũng được)…"))


def vocabulary_choices(vocabulary: Vocabulary) -> Choices:
    lang = language()
    return [(term.code, term.label(lang)) for term in vocabulary.terms]


def make_field(spec: FieldSpec, parent: QWidget | None = None) -> Field:
    if spec.type == "date":
        return DateField(spec, parent)
    if spec.type == "int":
        return IntField(spec, parent)
    if spec.type == "text":
        return LongTextField(spec, parent) if spec.name in LONG_TEXTS else TextField(spec, parent)
    if spec.type in ("codes", "organisations", "refs"):
        return MultiField(spec, parent)
    return PickField(spec, parent)  # code, unit, organisation, decision


__all__ = ["DateField", "Field", "IntField", "LongTextField", "MultiField", "PickField", "TextField",
           "make_field", "vocabulary_choices"]
